"""Every module's EXAMPLES runs as written against the simulator, and keeps its secrets.

One ansible-playbook run per module: all of its examples, in order, are the tasks of one play
(later examples build on earlier ones, as a reader reads them), against a simulator whose
fixture (fixtures/examples.yaml) has the controller, users, models and offer the examples
name. What a reader keeps in Vault or in the inventory (vault_*, juju_*) are the play's vars.
"""
import importlib
import os
import re
import secrets
import stat

import pytest
import yaml

from simhelper import ROOT, SimRun, recap, registration_strings

FIXTURE = ROOT / "tests" / "integration" / "fixtures" / "examples.yaml"
MODULES = sorted(path.stem for path in (ROOT / "plugins" / "modules").glob("juju_*.py"))
FRAGMENT = "juju.controller.connection"
FILES = {"juju_users": {"users.yml": yaml.safe_dump([{"name": "alice"}, {"name": "zoe", "models": {"admin/default": "read"}}])}}


def plugin(kind, name):
    return importlib.import_module("ansible_collections.juju.controller.plugins.%s.%s" % (kind, name))


def examples(name):
    return yaml.safe_load(plugin("modules", name).EXAMPLES)


def flat(tasks):
    """The tasks, with the tasks of each block in place of the block."""
    for task in tasks:
        if "block" in task:
            yield from flat(task["block"])
        else:
            yield task


def documentation(name):
    """The module's DOCUMENTATION and that of the connection fragment it extends, as one text."""
    doc = plugin("modules", name).DOCUMENTATION
    fragments = yaml.safe_load(doc).get("extends_documentation_fragment", [])
    if FRAGMENT in fragments:
        doc += plugin("doc_fragments", "connection").ModuleDocFragment.DOCUMENTATION
    return doc


@pytest.mark.parametrize("name", MODULES)
def test_every_example_that_gets_a_registration_string_is_no_log(name):
    for task in flat(examples(name)):
        args = task.get("juju.controller.juju_user")
        # Without a password juju_user may create the user and return its registration string.
        if args is not None and "register" in task and "password" not in args:
            assert task.get("no_log") is True, task["name"]
        # juju_users returns the registration strings of the users it creates without a password.
        users = (task.get("juju.controller.juju_users") or {}).get("users") or []
        if "register" in task and any("password" not in u and u.get("state") != "absent" for u in users):
            assert task.get("no_log") is True, task["name"]


@pytest.mark.parametrize("name", MODULES)
def test_every_see_the_examples_has_its_example(name):
    text = plugin("modules", name).EXAMPLES
    sentences = re.findall(r"([^.]*)\(see the examples\)", documentation(name))
    for sentence in sentences:
        terms = re.findall(r"C\(([^)]+)\)", sentence)
        assert terms, "no C(...) term says what the example shows: %s" % sentence
        for term in terms:
            assert term in text, "the documentation promises an example of %s" % term


@pytest.fixture
def examples_run(tmp_path):
    run = SimRun(tmp_path, fixture=FIXTURE)
    yield run
    run.close()
    assert not run.sim.violations, "schema violations: %s" % run.sim.violations


@pytest.mark.parametrize("name", MODULES)
def test_examples_run_as_written(examples_run, tmp_path, name):
    run = examples_run
    vault = {"vault_ci_bot_password": "ci-bot-" + secrets.token_hex(8),
             "vault_carol_password": "carol-" + secrets.token_hex(8),
             "vault_juju_admin_password": run.sim.admin_password}
    play = {"name": "EXAMPLES of %s" % name, "hosts": "localhost", "gather_facts": False,
            "vars": dict(vault, juju_api_endpoints=["127.0.0.1:%d" % run.sim.port],
                         juju_ca_cert_file=str(run.ca_path)),
            "tasks": examples(name)}
    playbook = tmp_path / ("examples-%s.yml" % name)
    playbook.write_text(yaml.safe_dump([play]))
    for path, content in FILES.get(name, {}).items():  # the files the examples name, next to the playbook
        (tmp_path / path).write_text(content)
    home = tmp_path / "home"
    home.mkdir()

    code, output = run.playbook(playbook, "-v", HOME=str(home))

    assert code == 0, output[-6000:]
    counts = recap(output)
    assert (counts["failed"], counts["skipped"], counts["ignored"]) == (0, 0, 0), output[-6000:]
    assert counts["changed"] > 0 or name == "juju_user_info"
    assert "Traceback" not in output
    assert registration_strings(output) == [], "a registration string reached the output"
    for secret in list(vault.values()) + run.secrets():
        assert secret not in output, "a password reached the output"
    if name == "juju_user":
        kept = home / "alex-register.txt"
        assert kept.read_text().startswith("juju register ")
        assert stat.S_IMODE(os.stat(str(kept)).st_mode) == 0o600
    if name == "juju_user_info":
        assert '"msg": "4 users on prod"' in output
