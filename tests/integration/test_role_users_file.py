# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The users in a file: the role's juju_users_file and juju_users' users_file, read by juju_users' action
plugin on the Ansible controller. The same convergence, check mode and secrecy as the users given inline;
a vault-encrypted file; one sentence, naming the role's variables, for a file that cannot be used, with
nothing read or changed; the access report's drift section reads the same file. (Parsing is unit-tested in
tests/unit/plugins/plugin_utils/test_users_file.py.)"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simhelper import SimRun, recap, snapshot
from test_role_users import SALT, all_passwords, assert_no_secret, changes_reported, declared_users, expected_state
from test_role_users import runner, sim  # noqa: F401  # pylint: disable=unused-import  # fixtures

VAULT_PASSWORD = "vault-%s-pw" % SALT


@pytest.fixture
def run(tmp_path):
    """A simulator and the inventory and client store of playbooks that run next to tmp_path's files."""
    made = SimRun(tmp_path)
    yield made
    made.close()


def encrypt(runner, path):  # noqa: F811
    """Encrypt path with ansible-vault; the ansible-playbook arguments that give its password."""
    secret = runner.tmp / "vault-password"
    secret.write_text(VAULT_PASSWORD)
    subprocess.run([str(Path(sys.executable).with_name("ansible-vault")), "encrypt", "--vault-password-file",
                    str(secret), str(path)], env=runner.env(), check=True, stdout=subprocess.DEVNULL)
    assert path.read_bytes().startswith(b"$ANSIBLE_VAULT;")
    return ["--vault-password-file", str(secret)]


def test_a_vault_encrypted_users_file_converges_then_nothing_changes(sim, runner):  # noqa: F811
    declared = declared_users()
    users = runner.tmp / "users.yml"
    users.write_text(yaml.safe_dump(declared))
    vault = encrypt(runner, users)
    role_vars = {"juju_users_file": "users.yml"}  # next to the playbook
    before = snapshot(sim)

    check = runner.run(role_vars, "--check", *vault)
    check.assert_ok()
    assert check.writes == 0 and snapshot(sim) == before

    first = runner.run(role_vars, *vault)
    first.assert_ok()
    assert snapshot(sim) == expected_state(before, declared)
    assert changes_reported(check) == changes_reported(first) and len(changes_reported(first)) == 50
    assert first.counters["reads"] == 4 + 3 and first.writes == 6, first.counters
    tokens = runner.registration_strings()
    assert sorted(tokens) == sorted(u["name"] for u in declared if u["name"].startswith("user") and "password" not in u)

    second = runner.run(role_vars, *vault)
    second.assert_ok()
    assert second.recap["changed"] == 0 and second.writes == 0 and changes_reported(second) == []
    loud = runner.run(role_vars, "--check", "-vvvv", *vault)  # results, echoed options and all printed
    loud.assert_ok()
    assert loud.recap["changed"] == 0 and '"users_file": "users.yml"' in loud.output
    for run in (check, first, second, loud):
        assert_no_secret(run, all_passwords(declared) + list(tokens.values()) + [VAULT_PASSWORD])


BAD_YAML = "- name: nia\n  password: nia-%s-pw\n - name: bob\n" % SALT


@pytest.mark.parametrize("files, role_vars, message", [
    ({}, {"juju_users_file": "missing.yml"},
     "juju_users_file missing.yml was not found on the Ansible controller (a relative path is looked for as copy "
     "looks for src: in files/ of the role and of the playbook, then next to the playbook)."),
    ({"users.json": "[]"}, {"juju_users_file": "users.json", "juju_users": [{"name": "nia"}]},
     "juju_users and juju_users_file are mutually exclusive: give the users in one of them."),
    ({"bad.yml": BAD_YAML}, {"juju_users_file": "bad.yml"},
     "juju_users_file bad.yml is not valid YAML at line 3, column 2."),
    ({"users.json": '[{"name": "nia"}, {"name": "a_b"}]'}, {"juju_users_file": "users.json"},
     'In juju_users_file[1], user name "a_b" is not valid'),
    ({"users.json": '{"nia": {}}'}, {"juju_users_file": "users.json"},
     "juju_users_file users.json must hold a list of users, as users does; it holds a mapping."),
])
def test_a_file_that_cannot_be_used_fails_in_one_sentence_before_any_call(runner, files, role_vars, message):  # noqa: F811
    for name, text in files.items():
        (runner.tmp / name).write_text(text)
    run = runner.run(role_vars)
    assert run.rc != 0 and message in " ".join(run.output.split()), run.tail()
    assert not run.counters["calls"] and "Traceback" not in run.output
    assert "nia-%s-pw" % SALT not in run.output


def test_an_encrypted_file_without_its_vault_password_is_refused(runner):  # noqa: F811
    users = runner.tmp / "users.yml"
    users.write_text(yaml.safe_dump([{"name": "nia", "password": "nia-%s-pw" % SALT}]))
    encrypt(runner, users)
    run = runner.run({"juju_users_file": "users.yml"})
    assert run.rc != 0 and not run.counters["calls"], run.tail()
    assert ("juju_users_file users.yml could not be read: if it is encrypted with ansible-vault, give its vault "
            "password (--ask-vault-pass, --vault-password-file or --vault-id).") in " ".join(run.output.split())


def test_juju_users_gives_the_same_result_from_a_json_file_as_inline(run, tmp_path):
    """The module itself, in check mode with --diff (nothing written): users_file is only another way to give
    users, so the result is the same."""
    users = [{"name": "nia", "password": "nia-%s-pw" % SALT, "models": {"admin/default": "read"}},
             {"name": "fred", "controller_access": "superuser", "enabled": False}]
    (tmp_path / "users.json").write_text(json.dumps(users))
    out = tmp_path / "results.json"
    task = {"juju.controller.juju_users": None, "register": None}
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": [
        dict(task, **{"juju.controller.juju_users": {"users": users}, "register": "inline"}),
        dict(task, **{"juju.controller.juju_users": {"users_file": "users.json"}, "register": "from_file"}),
        {"ansible.builtin.copy": {"dest": str(out), "content": "{{ [inline, from_file] | to_json }}"},
         "check_mode": False, "no_log": True}]}]
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump(play))
    rc, output = run.playbook(playbook, "--check", "--diff")
    assert rc == 0 and recap(output)["changed"] == 3, output[-4000:]
    inline, from_file = json.loads(out.read_text())
    assert from_file == inline
    assert [r["actions"] for r in inline["results"]] == [
        ["add", "grant model admin/default read"], ["grant controller superuser", "disable"]]
    assert "nia-%s-pw" % SALT not in output


def test_the_role_readmes_thousands_of_users_play_runs_as_written(run, tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "roles" / "users" / "README.md").read_text()
    section = readme.split("### Thousands of users", 1)[1]
    play = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "users.yml").write_text(play)
    (tmp_path / "users.json").write_text(json.dumps([{"name": "nia", "models": {"admin/default": "read"}}]))
    rc, output = run.playbook(tmp_path / "users.yml")
    assert rc == 0 and recap(output)["changed"] == 1, output[-4000:]
    assert snapshot(run.sim)["nia"]["models"] == {"admin/default": "read"}


def test_the_access_reports_drift_section_reads_the_hosts_juju_users_file(run, tmp_path):
    declared = [{"name": "fred", "models": {"admin/default": "write"}, "password": "fred-%s-pw" % SALT}]
    (tmp_path / "users.yml").write_text(yaml.safe_dump(declared))
    play = tmp_path / "report.yml"
    play.write_text(yaml.safe_dump([{
        "hosts": "localhost", "gather_facts": False, "roles": ["juju.controller.access_report"],
        "vars": {"juju_users_file": "users.yml", "access_report_dir": str(tmp_path / "out")}}]))
    rc, output = run.playbook(play)
    assert rc == 0, output[-4000:]
    report = (tmp_path / "out" / "access-report.json").read_text()
    assert [c["drift"] for c in json.loads(report)["controllers"]] == [[{
        "actual": None, "declared": "write", "item": "model", "target": "admin/default", "user": "fred",
        "text": 'User "fred" has no access to model "admin/default", declared write.'}]]
    assert "fred-%s-pw" % SALT not in output + report


def test_a_retried_juju_users_task_gives_the_module_its_users_at_every_attempt(run, tmp_path):
    """The action plugin takes users out of the task's arguments (they need not travel back with the result);
    an `until` retry runs the same action again, which must still hand them over."""
    playbook = tmp_path / "retry.yml"
    playbook.write_text(yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": [
        {"juju.controller.juju_users": {"users": [{"name": "nia", "models": {"admin/default": "read"}}]},
         "register": "converged", "until": "converged.attempts >= 2", "retries": 3, "delay": 0},
        {"ansible.builtin.assert": {"that": ["converged.attempts == 2", "not converged.failed",
                                             "converged.results | map(attribute='name') | list == ['nia']"]}}]}]))
    rc, output = run.playbook(playbook)
    assert rc == 0 and "FAILED - RETRYING" in output, output[-4000:]
    assert snapshot(run.sim)["nia"]["models"] == {"admin/default": "read"}
