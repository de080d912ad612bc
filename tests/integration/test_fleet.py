"""Many controllers as the hosts of one inventory, converged by one ansible-playbook run.

Three simulators: prod-eu and prod-us are two controllers of one Juju client store, named by their
inventory host (docs/guide.md "Many controllers", pattern a); staging has its own endpoints, CA, user
and password in its host variables (pattern b). tests/integration/fleet/hosts.yml gives each controller
the team's users plus its own (group and host variables); the playbook is the collection's
juju.controller.fleet. The first run converges all three, the second changes nothing (and its
controllers are held at their first API call until all three have arrived, which only happens when
Ansible's forks run them in parallel), and a third run (a new password for the team's robot) reaches
the two controllers that answer while the third refuses every login.
"""
import json
import secrets
from pathlib import Path

import pytest
import yaml

from simhelper import ansible_env, ansible_playbook, meet_at_first_call, recap, snapshot

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

FLEET = Path(__file__).parent / "fleet"
CONTROLLERS = ("prod-eu", "prod-us", "staging")
SALT = secrets.token_hex(4)


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
FRED = user("Fred", models={"admin/default": "read"})
BEFORE = {"admin": ADMIN, "fred": FRED}
TEAM = {"admin": ADMIN, "alice": user("Alice", "superuser"), "ci-bot": user(models={"admin/default": "write"})}
EXPECTED = {
    "prod-eu": dict(TEAM, fred=FRED, bob=user(models={"admin/default": "read"})),
    "prod-us": dict(TEAM, fred=FRED, bob=user(models={"admin/default": "admin"}), dave=user()),
    "staging": dict(TEAM, carol=user(models={"admin/default": "admin"})),
}
# Users created without a password get a registration string for their controller.
REGISTERED = {"prod-eu": ["alice", "bob"], "prod-us": ["alice", "bob"], "staging": ["alice", "carol"]}


class Fleet(object):
    """The three simulators, the inventory sources, the vault and the runs of the fleet playbook."""

    def __init__(self, sims, tmp):
        self.sims, self.tmp = sims, tmp
        staging = sims["staging"]
        (tmp / "staging-ca.pem").write_text(staging.ca_cert)
        self.connection = tmp / "staging.yml"
        self.connection.write_text(yaml.safe_dump({"all": {"hosts": {"staging": {
            "juju_api_endpoints": ["127.0.0.1:%d" % staging.port],
            "juju_ca_cert": str(tmp / "staging-ca.pem"),
            "juju_login_user": "admin",
            "juju_login_password": "{{ vault_staging_password }}",
        }}}}))
        self.vault = tmp / "vault.yml"
        self.set_vault(ci_bot="ci-bot-%s" % SALT)
        self.tokens = tmp / "tokens"
        self.tokens.mkdir()
        self.outputs = []

    def set_vault(self, ci_bot):
        self.passwords = {"vault_ci_bot_password": ci_bot, "vault_dave_password": "dave-%s" % SALT,
                          "vault_staging_password": self.sims["staging"].admin_password}
        self.vault.write_text(yaml.safe_dump(self.passwords))

    def run(self, *args):
        """One ansible-playbook run over the three controllers: (returncode, {host: recap})."""
        for sim in self.sims.values():
            sim.reset_counters()
        for old in self.tokens.iterdir():
            old.unlink()
        env = ansible_env(self.tmp, JUJU_DATA=str(self.sims["prod-eu"].juju_data))
        rc, output = ansible_playbook(["-i", str(FLEET / "hosts.yml"), "-i", str(self.connection),
                                       str(FLEET / "playbook.yml"), "-e", "@%s" % self.vault,
                                       "-e", "fleet_tokens_dir=%s" % self.tokens] + list(args), env, self.tmp)
        self.outputs.append(output)
        (self.tmp / ("output%d.txt" % len(self.outputs))).write_text(output)  # kept for post-mortems
        return rc, dict((host, recap(output, host)) for host in CONTROLLERS)

    def registration_strings(self):
        """{host: {user: registration string}} of the last run; None for a host that did not finish."""
        paths = dict((host, self.tokens / ("%s.json" % host)) for host in CONTROLLERS)
        return dict((host, json.loads(path.read_text()) if path.exists() else None) for host, path in paths.items())

    def snapshots(self):
        return dict((host, snapshot(sim)) for host, sim in self.sims.items())

    def writes(self):
        return dict((host, sim.counters["writes"]) for host, sim in self.sims.items())

    def logs_in(self, host, name, password):
        sim = self.sims[host]
        settings = resolve({"juju_data": str(sim.juju_data), "controller": host}, environ={})
        with ControllerClient(settings) as client:
            return client.verify_password(name, password)


@pytest.fixture
def fleet(make_simulator, tmp_path):
    sims = {}
    for name in CONTROLLERS:
        path = tmp_path / ("%s-fixture.yml" % name)
        path.write_text(yaml.safe_dump(fixture(name)))
        # prod-eu and prod-us write one client store, as `juju` does for two controllers
        store = tmp_path / ("store" if name.startswith("prod-") else "staging-store")
        sims[name] = make_simulator(fixture=str(path), juju_data=store)
    return Fleet(sims, tmp_path)


def test_one_run_converges_three_controllers_and_a_failing_one_stops_no_other(fleet, monkeypatch):
    assert fleet.snapshots() == dict.fromkeys(CONTROLLERS, BEFORE)
    first_vault = dict(fleet.passwords)

    rc, recaps = fleet.run("-v")
    assert rc == 0, fleet.outputs[-1][-6000:]
    assert [recaps[h]["failed"] + recaps[h]["unreachable"] for h in CONTROLLERS] == [0, 0, 0]
    assert set(h for h in CONTROLLERS if recaps[h]["changed"]) == set(CONTROLLERS)
    assert fleet.snapshots() == EXPECTED
    for host in CONTROLLERS:
        assert fleet.logs_in(host, "ci-bot", first_vault["vault_ci_bot_password"])
    assert fleet.logs_in("prod-us", "dave", first_vault["vault_dave_password"])
    registrations = []
    strings = fleet.registration_strings()
    assert dict((host, sorted(strings[host])) for host in CONTROLLERS) == REGISTERED
    for host, sim in fleet.sims.items():
        for name, token in strings[host].items():
            decoded = decode_registration_string(token)
            assert (decoded["user"], decoded["controller_name"], decoded["addresses"]) == \
                (name, host, ["127.0.0.1:%d" % sim.port])
            registrations += [token, decoded["secret_key"]]

    met = meet_at_first_call(fleet.sims.values(), monkeypatch)
    rc, recaps = fleet.run()
    assert rc == 0, fleet.outputs[-1][-6000:]
    assert met == [True, True, True], "the controllers were not converged in parallel"
    assert dict((h, recaps[h]["changed"]) for h in CONTROLLERS) == dict.fromkeys(CONTROLLERS, 0)
    assert fleet.writes() == dict.fromkeys(CONTROLLERS, 0)
    assert fleet.registration_strings() == dict.fromkeys(CONTROLLERS, {})
    assert fleet.snapshots() == EXPECTED

    # A new password for the team's robot while prod-us refuses every login.
    fleet.set_vault(ci_bot="ci-bot-new-%s" % SALT)
    fleet.sims["prod-us"].inject("Admin", "Login", error=("invalid entity name or password", "unauthorized access"),
                                 times=None)
    rc, recaps = fleet.run()
    assert rc == 2, fleet.outputs[-1][-6000:]
    assert dict((h, recaps[h]["failed"]) for h in CONTROLLERS) == {"prod-eu": 0, "prod-us": 1, "staging": 0}
    assert set(h for h in CONTROLLERS if recaps[h]["changed"]) == {"prod-eu", "staging"}
    assert fleet.writes()["prod-us"] == 0
    assert fleet.registration_strings() == {"prod-eu": {}, "prod-us": None, "staging": {}}
    fleet.sims["prod-us"].clear_faults()
    new = fleet.passwords["vault_ci_bot_password"]
    assert [fleet.logs_in(h, "ci-bot", new) for h in CONTROLLERS] == [True, False, True]
    assert fleet.logs_in("prod-us", "ci-bot", first_vault["vault_ci_bot_password"])
    assert fleet.snapshots() == EXPECTED

    hidden = set(first_vault.values()) | set(fleet.passwords.values()) | set(registrations)
    hidden |= set(sim.admin_password for sim in fleet.sims.values())
    for output in fleet.outputs:
        for secret in hidden:
            assert secret not in output, "a password or registration string appears in the output"
