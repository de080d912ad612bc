"""Integration: real ansible-playbook runs of tests/integration/targets/* against the simulator.

Every target runs once, at -vvv, against a fresh simulator. Besides the target's own
assertions (check mode, diff, idempotence and failures, with live simulator counters),
the runner checks the whole output: no traceback, no password, no secret key, and each
registration string only in the return value of the juju_user task that created it.
"""
import base64
from pathlib import Path

import nacl.utils
import pytest
from jujusim.register_client import juju_register

from simhelper import ROOT, TARGETS, SimRun, recap, registration_strings, target_passwords

from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string

ALL_TARGETS = sorted(p.name for p in TARGETS.iterdir() if (p / "tasks" / "main.yml").exists())


@pytest.fixture
def run(tmp_path):
    sim_run = SimRun(tmp_path)
    yield sim_run
    sim_run.close()
    assert not sim_run.sim.violations, "schema violations: %s" % sim_run.sim.violations


def failed_tasks(output):
    """The TASK sections that failed without ignore_errors (for readable pytest failures)."""
    sections = output.split("\nTASK [")
    bad = [s for s in sections if "fatal: [localhost]" in s and "...ignoring" not in s]
    return "\n\nTASK [".join([""] + [s[:4000] for s in bad]) or output[-4000:]


def secret_forms(secret_key_b64):
    raw = base64.b64decode(secret_key_b64)
    return {secret_key_b64, base64.urlsafe_b64encode(raw).decode(), raw.hex(),
            base64.b64encode(raw).decode().rstrip("=")}


def assert_clean(output, secrets, created_tokens=True):
    """No traceback and no secret anywhere; a registration string only in its task's result."""
    assert "Traceback (most recent call last)" not in output
    for secret in secrets:
        assert secret not in output, "a password appears in the output"
    sections = output.split("\nTASK [")
    for token in registration_strings(output):
        # Printed once: in the result of the juju_user task that created the user.
        assert output.count(token) == 1, "a registration string appears outside its task's result"
        section = next(s for s in sections if token in s)
        assert "modules/juju_user.py" in section, "a registration string appears in another task"
        result = section[section.index("changed: [localhost] => {"):]
        assert '"registration_string": "%s"' % token in result
        for form in secret_forms(decode_registration_string(token)["secret_key"]):
            assert form not in output, "a registration secret key appears in the output"


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_target(run, target):
    rc, output = run.playbook(run.role_playbook(target), "-vvv")
    assert rc == 0 and recap(output)["failed"] == 0, failed_tasks(output)
    assert_clean(output, run.secrets() + target_passwords(target))
    if target == "connection":
        (token,) = registration_strings(output)
        assert decode_registration_string(token)["controller_name"] == "controller"
    if target == "juju_user":
        tokens = registration_strings(output)
        assert len(tokens) == 3  # alex, alex again after removal, dave
        users = [decode_registration_string(t)["user"] for t in tokens]
        assert sorted(users) == ["alex", "alex", "dave"]
        for token in tokens:
            info = decode_registration_string(token)
            assert info["controller_name"] == "sim"
            assert info["addresses"] == ["127.0.0.1:%d" % run.sim.port]
        dave = next(t for t in tokens if decode_registration_string(t)["user"] == "dave")
        assert decode_registration_string(dave)["secret_key"] == run.sim.state.user("dave").secret_key
        status, reply = juju_register(dave, "Dave-registered-Pw-3b6d")
        assert status == 200
        assert reply["controller-uuid"] == run.sim.controller_uuid
        assert run.sim.state.user("dave").password_valid("Dave-registered-Pw-3b6d")


def test_environment_variables(run):
    """JUJU_* variables of the ansible-playbook process (no store): they never show in the output."""
    rc, output = run.playbook(Path(__file__).parent / "playbooks" / "environment.yml", "-vvv",
                              JUJU_DATA="/nonexistent", JUJU_CONTROLLER_ADDRESSES="127.0.0.1:%d" % run.sim.port,
                              JUJU_USERNAME="fred", JUJU_PASSWORD=run.sim.passwords["fred"],
                              JUJU_CA_CERT=str(run.ca_path))
    assert rc == 0 and recap(output)["failed"] == 0, failed_tasks(output)
    assert_clean(output, run.secrets())


PLAYBOOKS = ROOT / "playbooks"


def test_demo_second_run_changes_nothing(run):
    """playbooks/demo.yml (what `make demo` runs): the second run reports no change and writes nothing."""
    rc, output = run.playbook(PLAYBOOKS / "demo.yml", "--diff")
    assert rc == 0 and recap(output)["changed"] > 0, failed_tasks(output)
    assert "+    \"access\": \"superuser\"" in output  # --diff shows the grants
    writes = run.sim.counters["writes"]
    rc, output = run.playbook(PLAYBOOKS / "demo.yml", "--diff")
    assert rc == 0 and recap(output)["changed"] == 0, output[-3000:]
    assert run.sim.counters["writes"] == writes
    assert_clean(output, run.secrets())
    assert "controller: superuser" in output and "fred/prod.hosted-mysql=consume" in output


def test_libjuju_guide(run, tmp_path):
    """Every example of python-libjuju's users guide, as playbooks/libjuju_guide.yml does it."""
    password = "Guide-Pw-%s" % base64.b32encode(nacl.utils.random(10)).decode()
    extra = tmp_path / "guide-vars.yml"
    extra.write_text("guide_password: %s\n" % password)
    rc, output = run.playbook(PLAYBOOKS / "libjuju_guide.yml", "-vvv", "-e", "@%s" % extra)
    assert rc == 0 and recap(output)["failed"] == 0, failed_tasks(output) + run.thread_dump()
    assert_clean(output, run.secrets() + [password])
    calls = run.sim.counters["calls"]
    for method in ("AddUser", "RemoveUser", "EnableUser", "DisableUser", "SetPassword", "UserInfo"):
        assert calls.get(("UserManager", method)), method
    assert calls.get(("Controller", "ModifyControllerAccess"))
    assert calls.get(("ModelManager", "ModifyModelAccess"))
    assert calls.get(("ApplicationOffers", "ModifyOfferAccess")) == 2
