"""docs/awx.md run the way AWX runs a job: its credential type injected, its playbook through ansible-runner.

The credential type's input and injector configuration, the job template's playbook and its inventory
are read from docs/awx.md itself, so the page is what is tested. The injectors are rendered as AWX's
CredentialType.inject_credential renders them (a Jinja sandbox over the credential's inputs; each
`file` template written to a private file under the job's private data dir, whose path is
`tower.filename`), after the checks AWX makes when the credential type is saved. The job then runs
with ansible-runner, with that environment and no Juju client store, against a simulator; it must
converge the controller, and no secret may appear in its stdout or in any of its artifacts (the job
events that AWX keeps and shows).
"""
import json
import os
import re
import secrets
import socket
import stat
import sys
import tempfile
from pathlib import Path

import ansible_runner
import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from simhelper import ROOT, ansible_env, snapshot

from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string

AWX_MD = ROOT / "docs" / "awx.md"
SALT = secrets.token_hex(4)
BOT_PASSWORD = "awx-bot-%s" % SALT
ERIN_PASSWORD = "erin-%s" % SALT

FIXTURE = {
    "controller": {"name": "prod", "owner": "admin"},
    "users": [{"name": "admin", "display-name": "admin", "access": "superuser"},
              {"name": "awx-bot", "display-name": "AWX", "password": BOT_PASSWORD, "access": "superuser"}],
    "models": [{"name": "controller", "owner": "admin", "is-controller": True},
               {"name": "default", "owner": "admin"}],
}
JUJU_USERS = [
    {"name": "erin", "display_name": "Erin", "password": ERIN_PASSWORD, "models": {"admin/default": "write"}},
    {"name": "frank", "controller_access": "superuser"},  # no password: a registration string
]


def yaml_after(marker):
    """The first ```yaml block of docs/awx.md after `marker`, parsed."""
    text = AWX_MD.read_text()
    block = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S).search(text, text.index(marker))
    return yaml.safe_load(block.group(1))


class _Namespace(object):
    pass


def check_credential_type(inputs, injectors):
    """What AWX refuses when the credential type is saved (awx/main/fields.py), as far as this type uses it."""
    ids = [field["id"] for field in inputs["fields"]]
    assert all(re.match(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$", i) for i in ids) and len(set(ids)) == len(ids)
    assert all(f["type"] in ("string", "boolean") and f["label"] for f in inputs["fields"])
    assert set(inputs.get("required", [])) <= set(ids)
    assert set(injectors) <= {"file", "env", "extra_vars"}
    assert all(re.match(r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$", label) for label in injectors.get("file", {}))
    for name in injectors.get("env", {}):
        assert re.match(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$", name) and not name.startswith("ANSIBLE_"), name


def inject(inputs, injectors, values, private_data_dir):
    """(env, extra vars) of a job, rendered as AWX's CredentialType.inject_credential renders them.

    StrictUndefined: AWX refuses to save injectors that name an input the type does not have.
    """
    check_credential_type(inputs, injectors)
    sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    tower = _Namespace()
    namespace = dict(values, tower=tower)
    (private_data_dir / "env").mkdir(parents=True, exist_ok=True)
    for label, template in injectors.get("file", {}).items():
        dummy, path = tempfile.mkstemp(dir=str(private_data_dir / "env"))
        Path(path).write_text(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if "." not in label:
            tower.filename = path
        else:
            if not hasattr(tower, "filename"):
                tower.filename = _Namespace()
            setattr(tower.filename, label.split(".")[1], path)
    env = dict((name, sandbox.from_string(template).render(**namespace))
               for name, template in injectors.get("env", {}).items())
    extra_vars = dict((name, sandbox.from_string(template).render(**namespace))
                      for name, template in injectors.get("extra_vars", {}).items())
    return env, extra_vars


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sim(make_simulator, tmp_path):
    fixture = tmp_path / "fixture.yml"
    fixture.write_text(yaml.safe_dump(FIXTURE))
    return make_simulator(fixture=str(fixture), juju_data=tmp_path / "not-in-the-job")


def project(private_data_dir, tokens):
    """The job template's project, playbook and inventory, as docs/awx.md describes them."""
    playbook = yaml_after("for example `playbooks/juju-users.yml`")
    # A second play hands the registration strings to the test, which searches the job's output for them.
    playbook.append({"name": "Hand the registration strings to the test", "hosts": "localhost",
                     "gather_facts": False, "tasks": [{
                         "name": "Write them to a private file",
                         "ansible.builtin.copy": {"content": "{{ juju_users_registration_strings | to_json }}",
                                                  "dest": str(tokens), "mode": "0600"},
                         "no_log": True}]})
    (private_data_dir / "project" / "playbooks").mkdir(parents=True)
    (private_data_dir / "project" / "playbooks" / "juju-users.yml").write_text(yaml.safe_dump(playbook))
    (private_data_dir / "project" / "vars").mkdir()
    (private_data_dir / "project" / "vars" / "juju-users.yml").write_text(yaml.safe_dump({"juju_users": JUJU_USERS}))
    host_vars = yaml_after("An inventory with one host")
    (private_data_dir / "inventory").mkdir()
    (private_data_dir / "inventory" / "hosts.yml").write_text(
        yaml.safe_dump({"all": {"hosts": {"localhost": host_vars}}}))


def credential_values(sim):
    return {"controller": "prod", "api_endpoints": "127.0.0.1:%d,127.0.0.1:%d" % (closed_port(), sim.port),
            "username": "awx-bot", "password": BOT_PASSWORD, "ca_cert": sim.ca_cert}


def test_the_variant_without_a_file_differs_only_by_the_pem_in_juju_ca_cert(sim, tmp_path):
    """Its only difference, PEM text instead of a path in JUJU_CA_CERT, is covered by the settings unit tests."""
    inputs, values = yaml_after("**Input configuration**"), credential_values(sim)
    with_file, dummy = inject(inputs, yaml_after("**Injector configuration**"), values, tmp_path / "a")
    without, extra_vars = inject(inputs, yaml_after("without\na file, works too"), values, tmp_path / "b")
    assert without == dict(with_file, JUJU_CA_CERT=sim.ca_cert) and extra_vars == {}
    assert list((tmp_path / "b" / "env").iterdir()) == []


def test_awx_job_with_the_credential_type_converges(sim, tmp_path, monkeypatch):
    inputs, values = yaml_after("**Input configuration**"), credential_values(sim)
    assert sorted(values) == sorted(inputs["required"])
    private_data_dir = tmp_path / "job"
    env, extra_vars = inject(inputs, yaml_after("**Injector configuration**"), values, private_data_dir)
    assert env == {"JUJU_CONTROLLER": "prod", "JUJU_CONTROLLER_ADDRESSES": values["api_endpoints"],
                   "JUJU_USERNAME": "awx-bot", "JUJU_PASSWORD": BOT_PASSWORD, "JUJU_CA_CERT": env["JUJU_CA_CERT"]}
    ca = Path(env["JUJU_CA_CERT"])
    assert ca.parent == private_data_dir / "env" and ca.read_text() == sim.ca_cert
    assert stat.S_IMODE(ca.stat().st_mode) == 0o600
    tokens = tmp_path / "tokens.json"
    project(private_data_dir, tokens)

    # The execution environment has no Juju client store: only the injected variables can connect.
    for name in [n for n in os.environ if n.startswith(("JUJU_", "ANSIBLE_")) or n == "XDG_DATA_HOME"]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("PATH", "%s%s%s" % (Path(sys.executable).parent, os.pathsep, os.environ["PATH"]))
    (tmp_path / "home").mkdir()
    envvars = dict(ansible_env(tmp_path, HOME=str(tmp_path / "home")), **env)
    before = snapshot(sim)
    assert sorted(before) == ["admin", "awx-bot"]
    run = ansible_runner.run(private_data_dir=str(private_data_dir), playbook="playbooks/juju-users.yml",
                             inventory=str(private_data_dir / "inventory" / "hosts.yml"),
                             envvars=envvars, extravars=extra_vars, quiet=True)
    stdout = run.stdout.read()
    assert (run.status, run.rc) == ("successful", 0), stdout[-6000:]
    assert run.stats["failures"] == {} and run.stats["dark"] == {}

    expected = dict(before)
    expected["erin"] = {"enabled": True, "display_name": "Erin", "access": "login",
                        "models": {"admin/default": "write"}, "offers": {}}
    expected["frank"] = {"enabled": True, "display_name": "", "access": "superuser", "models": {}, "offers": {}}
    assert snapshot(sim) == expected
    strings = json.loads(tokens.read_text())
    assert sorted(strings) == ["frank"]
    decoded = decode_registration_string(strings["frank"])
    assert (decoded["user"], decoded["controller_name"]) == ("frank", "prod")
    assert "127.0.0.1:%d" % sim.port in decoded["addresses"]

    secret_values = [BOT_PASSWORD, ERIN_PASSWORD, strings["frank"], decoded["secret_key"]]
    # AWX keeps the job's events and stdout. ansible-runner's `command` artifact records the whole
    # process environment, as for every credential that injects environment variables; it stays in
    # the job's private data dir, which AWX deletes after the job.
    artifacts = [p for p in Path(run.config.artifact_dir).rglob("*") if p.is_file() and p.name != "command"]
    assert [p for p in artifacts if p.parent.name == "job_events"], "the job recorded no events"
    for text in [stdout] + [p.read_text(errors="replace") for p in artifacts]:
        for secret in secret_values:
            assert secret not in text, "a password or registration string appears in the job's output"
