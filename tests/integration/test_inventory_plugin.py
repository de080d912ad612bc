"""The inventory plugin juju.controller.controllers drives ansible-inventory and the fleet playbook.

Three simulators write one Juju client store, as `juju` does for three controllers, and the store says
their clouds and regions: prod-eu (aws, eu-west-1), prod-us (aws, us-east-1) and lab (lxd, no region).
The inventory is a file of the plugin naming that store (no JUJU_DATA in the environment), plus
group_vars of the groups the plugin makes: the team for every controller, bob for the aws ones.
`ansible-inventory --list` shows the hosts, groups and connection variables without a password, and
one run of the collection's fleet playbook converges the three controllers, logging in with the
passwords that stay in the store.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simhelper import ansible_env, ansible_playbook, recap, registration_strings, snapshot

CONTROLLERS = ("lab", "prod-eu", "prod-us")
PLACES = {"prod-eu": ("aws", "eu-west-1"), "prod-us": ("aws", "us-east-1"), "lab": ("lxd", None)}


def fixture(name):
    return {
        "controller": {"name": name, "owner": "admin"},
        "users": [{"name": "admin", "display-name": "admin", "access": "superuser"},
                  {"name": "fred", "display-name": "Fred"}],
        "models": [{"name": "controller", "owner": "admin", "is-controller": True},
                   {"name": "default", "owner": "admin", "users": {"fred": "read"}}],
    }


def user(display_name="", access="login", models=None):
    return {"enabled": True, "display_name": display_name, "access": access, "models": models or {}, "offers": {}}


ADMIN = user("admin", "superuser", {"admin/controller": "admin", "admin/default": "admin"})
BASE = {"admin": ADMIN, "fred": user("Fred", models={"admin/default": "read"}), "alice": user("Alice", "superuser")}
EXPECTED = {
    "lab": BASE,
    "prod-eu": dict(BASE, bob=user(models={"admin/default": "read"})),
    "prod-us": dict(BASE, bob=user(models={"admin/default": "read"})),
}


@pytest.fixture
def store(make_simulator, tmp_path):
    """{name: simulator} of three controllers in the one client store tmp_path/store."""
    sims = {}
    for name in CONTROLLERS:
        path = tmp_path / ("%s-fixture.yml" % name)
        path.write_text(yaml.safe_dump(fixture(name)))
        sims[name] = make_simulator(fixture=str(path), juju_data=tmp_path / "store")
    controllers_yaml = tmp_path / "store" / "controllers.yaml"
    data = yaml.safe_load(controllers_yaml.read_text())
    for name, (cloud, region) in PLACES.items():
        data["controllers"][name].update(cloud=cloud, region=region)
        if region is None:
            del data["controllers"][name]["region"]
    controllers_yaml.write_text(yaml.safe_dump(data))
    return sims


@pytest.fixture
def inventory(store, tmp_path):
    directory = tmp_path / "inventory"
    (directory / "group_vars").mkdir(parents=True)
    (directory / "controllers.juju.yml").write_text(yaml.safe_dump({
        "plugin": "juju.controller.controllers", "juju_data": str(tmp_path / "store")}))
    (directory / "group_vars" / "juju_controllers.yml").write_text(yaml.safe_dump({
        "juju_users": "{{ team_users + cloud_users | default([]) }}",
        "team_users": [{"name": "alice", "display_name": "Alice", "controller_access": "superuser"}]}))
    (directory / "group_vars" / "juju_cloud_aws.yml").write_text(yaml.safe_dump({
        "cloud_users": [{"name": "bob", "models": {"default": "read"}}]}))
    return directory / "controllers.juju.yml"


def plain(value):
    """A value of `ansible-inventory --list` without the wrappers it puts around untrusted strings."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def test_ansible_inventory_lists_the_store_and_the_fleet_playbook_converges_it(store, inventory, tmp_path):
    env = ansible_env(tmp_path)
    listing = subprocess.run([str(Path(sys.executable).with_name("ansible-inventory")), "-i", str(inventory),
                              "--list"], env=env, cwd=str(tmp_path), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, timeout=120, check=False)
    assert listing.returncode == 0 and "WARNING" not in listing.stderr, listing.stderr
    found = plain(json.loads(listing.stdout))
    assert sorted(found["juju_controllers"]["hosts"]) == list(CONTROLLERS)
    assert (sorted(found["juju_cloud_aws"]["hosts"]), found["juju_cloud_lxd"]["hosts"],
            found["juju_region_aws_eu_west_1"]["hosts"], found["juju_region_aws_us_east_1"]["hosts"]) == (
        ["prod-eu", "prod-us"], ["lab"], ["prod-eu"], ["prod-us"])
    for name, sim in store.items():
        host = found["_meta"]["hostvars"][name]
        assert dict((key, host[key]) for key in ("juju_controller", "juju_api_endpoints", "juju_ca_cert",
                                                 "juju_login_user", "juju_data", "juju_cloud")) == {
            "juju_controller": name, "juju_api_endpoints": ["127.0.0.1:%d" % sim.port],
            "juju_ca_cert": sim.ca_cert, "juju_login_user": "admin", "juju_data": str(tmp_path / "store"),
            "juju_cloud": PLACES[name][0]}
        assert sim.admin_password not in listing.stdout

    rc, output = ansible_playbook(["-i", str(inventory), "juju.controller.fleet"], env, tmp_path)
    (tmp_path / "fleet-output.txt").write_text(output)  # kept for post-mortems
    assert rc == 0, output[-6000:]
    assert dict((name, recap(output, name)["changed"]) for name in CONTROLLERS) == dict.fromkeys(CONTROLLERS, 1)
    assert dict((name, snapshot(sim)) for name, sim in store.items()) == EXPECTED
    assert registration_strings(output) == []
    for sim in store.values():
        assert sim.admin_password not in output
