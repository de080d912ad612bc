"""The playbook juju.controller.drift against a simulated controller.

The declaration (group_vars of the inventory, as in "Many controllers") matches the controller: the
playbook succeeds, reports no change and writes nothing. Then someone changes the controller by hand
(a grant, a disabled user, a password): the playbook fails, its sentence lists the changes per user
that the users role would make, and nothing is written even without --check; with --check --diff the
role also shows each drifted user as a diff. No password is in any output.
"""
import secrets

import pytest
import yaml

from simhelper import ansible_env, ansible_playbook, recap, snapshot

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

SALT = secrets.token_hex(4)
CI_BOT_PASSWORD = "ci-bot-%s" % SALT
FIXTURE = {
    "controller": {"name": "prod", "owner": "admin"},
    "users": [{"name": "admin", "display-name": "admin", "access": "superuser"},
              {"name": "ci-bot", "display-name": "CI", "password": CI_BOT_PASSWORD},
              {"name": "carol", "display-name": "Carol"},
              {"name": "fred", "display-name": "Fred"}],
    "models": [{"name": "controller", "owner": "admin", "is-controller": True},
               {"name": "default", "owner": "admin", "users": {"fred": "read", "ci-bot": "write"}}],
}
DECLARED = [
    {"name": "ci-bot", "password": "{{ vault_ci_bot_password }}", "update_password": "always",
     "models": {"default": "write"}},
    {"name": "carol", "enabled": True, "controller_access": "login"},
    {"name": "fred", "models": {"default": "read"}},
]
FAIL_TASK = "TASK [Fail when the controller differs from its declaration] *******************\n"


@pytest.fixture
def drift(make_simulator, tmp_path):
    """run() -> (returncode, output) of the drift playbook on the controller `prod`, and the simulator."""
    path = tmp_path / "fixture.yml"
    path.write_text(yaml.safe_dump(FIXTURE))
    sim = make_simulator(fixture=str(path), juju_data=tmp_path / "store")
    inventory = tmp_path / "inventory"
    (inventory / "group_vars").mkdir(parents=True)
    (inventory / "juju.yml").write_text(yaml.safe_dump({"plugin": "juju.controller.controllers"}))
    (inventory / "group_vars" / "juju_controllers.yml").write_text(yaml.safe_dump({"juju_users": DECLARED}))
    vault = tmp_path / "vault.yml"
    vault.write_text(yaml.safe_dump({"vault_ci_bot_password": CI_BOT_PASSWORD}))

    def run(*args):
        sim.reset_counters()
        env = ansible_env(tmp_path, JUJU_DATA=str(sim.juju_data))
        rc, output = ansible_playbook(["-i", str(inventory / "juju.yml"), "juju.controller.drift",
                                       "-e", "@%s" % vault] + list(args), env, tmp_path)
        (tmp_path / "drift-output.txt").write_text(output)  # kept for post-mortems
        return rc, output
    run.sim = sim
    return run


def test_no_drift_succeeds_and_drift_fails_listing_the_changes_per_user(drift):
    sim = drift.sim
    before = snapshot(sim)
    rc, output = drift()
    assert rc == 0, output[-6000:]
    assert (recap(output, "prod")["changed"], recap(output, "prod")["failed"]) == (0, 0)
    assert FAIL_TASK + "skipping: [prod]" in output
    assert sim.counters["writes"] == 0
    outputs = [output]

    settings = resolve({"juju_data": str(sim.juju_data), "controller": "prod"}, environ={})
    with ControllerClient(settings) as client:
        default = client.resolve_model("admin/default")
        client.modify_model_access("fred", "grant", "admin", default["uuid"])
        client.disable_user("carol")
        client.set_password("ci-bot", "changed-by-hand-%s" % SALT)
    drifted = snapshot(sim)
    assert drifted != before

    rc, output = drift()
    outputs.append(output)
    assert rc == 2, output[-6000:]
    assert (recap(output, "prod")["changed"], recap(output, "prod")["failed"]) == (1, 1)
    assert ('"msg": "Controller prod has drifted from its declaration: ci-bot: set password; carol: enable, set '
            'controller access login once enabled; fred: revoke model admin/default write."}') in output, output[-6000:]
    assert sim.counters["writes"] == 0
    assert snapshot(sim) == drifted

    # As documented: with --check, the role also shows each drifted user as a diff.
    rc, output = drift("--check", "--diff")
    outputs.append(output)
    assert rc == 2, output[-6000:]
    assert ('--- before: user fred\n+++ after: user fred\n@@ -3,7 +3,7 @@\n     "display_name": "Fred",\n'
            '     "enabled": true,\n     "models": {\n'
            '-        "admin/default": "admin"\n+        "admin/default": "read"\n') in output, output[-6000:]
    assert '+    "password": "changed",' in output
    assert sim.counters["writes"] == 0
    assert snapshot(sim) == drifted
    for text in outputs:
        for secret in (CI_BOT_PASSWORD, "changed-by-hand-%s" % SALT, sim.admin_password):
            assert secret not in text


def test_an_inventory_without_controllers_is_no_success(tmp_path):
    """A store that cannot be read leaves Ansible with no host, and a play without hosts succeeds."""
    (tmp_path / "juju.yml").write_text(yaml.safe_dump({"plugin": "juju.controller.controllers",
                                                       "juju_data": str(tmp_path / "nowhere")}))
    rc, output = ansible_playbook(["-i", str(tmp_path / "juju.yml"), "juju.controller.drift"],
                                  ansible_env(tmp_path), tmp_path)
    assert rc == 2, output[-6000:]
    assert "there is no Juju client store at %s/nowhere" % tmp_path in output
    assert ('"msg": "The inventory has no host in the group juju_controllers, so no controller was checked for '
            'drift."') in output, output[-6000:]
