# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a JujuModule prints hides every no_log value: the result, the echoed options, the warnings,
the failure message, the diff, the syslog line (scrubbed_module.py and scrub.py do it instead of
Ansible's remove_values)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import copy
import datetime
import json
from unittest import mock

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.datatag import deprecate_value

from ansible_collections.juju.controller.plugins.module_utils.juju_module import JujuModule, connection_argument_spec
from ansible_collections.juju.controller.plugins.module_utils.scrubbed_module import _copied_once
from ansible_collections.juju.controller.plugins.module_utils.scrub import PLACEHOLDER

from test_juju_module import module_args

# Passwords that are names, parts of names, of each other and of Juju's words.
PASSWORDS = ["alice", "lic", "s3cret-pw", "cret", "grant"]
USERS = dict(type="list", elements="dict", options=dict(name=dict(type="str"), password=dict(type="str", no_log=True)))


def run(capsys, body, **args):
    """Run body(module) in a JujuModule with a list of users (each name's password is that name's
    password in PASSWORDS); return what it printed, as text and as JSON."""
    users = [{"name": "user-%s" % password, "password": password} for password in PASSWORDS]
    with module_args(dict(args, users=users, login_password="top-s3cret-pw")):
        module = JujuModule(argument_spec=dict(users=USERS), supports_check_mode=True)
        expected_secrets = set(PASSWORDS + ["top-s3cret-pw"])
        assert module.no_log_values == expected_secrets
        with pytest.raises(SystemExit):
            body(module)
        assert module.no_log_values == expected_secrets  # put back after printing
    out = capsys.readouterr().out
    return out, json.loads(out)


def reference(result, module_args_echoed):
    """Ansible's own scrub of the same result."""
    return remove_values(dict(result, invocation={"module_args": module_args_echoed}), PASSWORDS + ["top-s3cret-pw"])


def test_exit_hides_passwords_in_results_and_in_the_echoed_options(capsys):
    result = {"results": [{"name": "alice", "actions": ["grant model admin/prod write"]}], "msg": "a s3cret-pw"}
    out, printed = run(capsys, lambda module: module.exit_json(changed=True, **result))
    echoed = printed["invocation"]["module_args"]
    assert [user["password"] for user in echoed["users"]] == [PLACEHOLDER] * len(PASSWORDS)
    assert [user["name"] for user in echoed["users"]] == ["user-********"] * len(PASSWORDS)
    assert echoed["login_password"] == PLACEHOLDER
    assert printed["results"] == [{"name": PLACEHOLDER, "actions": ["******** model admin/prod write"]}]
    assert printed["msg"] == "a ********"
    assert printed["changed"] is True
    assert "s3cret" not in out and "alice" not in out


def test_exit_prints_what_ansibles_own_scrub_prints(capsys):
    result = {"results": [{"name": name, "changed": True} for name in ("alice", "Alice", "bob")],
              "registration_strings": {"bob": "MFUTgrantcret"}, "diff": {"before": "lic\n", "after": "cret"}}
    printed = run(capsys, lambda module: module.exit_json(changed=True, **result))[1]
    assert dict(printed, invocation=None) == dict(reference(dict(result, changed=True), {}), invocation=None)
    assert printed["registration_strings"] == {"bob": "MFUT****************"}
    assert printed["diff"] == {"before": "********\n", "after": PLACEHOLDER}
    assert [result["name"] for result in printed["results"]] == [PLACEHOLDER, "A********e", "bob"]


def test_failure_message_and_warnings_hide_passwords(capsys):
    def body(module):
        module.warn('User "alice" has the password s3cret-pw')
        module.fail_json(msg="cannot grant to alice: permission denied", changed=True)

    out, printed = run(capsys, body)
    assert printed["failed"] is True and printed["changed"] is True
    assert printed["msg"] == "cannot ******** to ********: permission denied"
    assert 'User \\"********\\" has the password ********' in out
    assert "alice" not in out and "s3cret" not in out


def test_without_no_log_values_nothing_is_touched(capsys):
    with module_args({"users": [{"name": "alice"}]}):
        module = JujuModule(argument_spec=dict(users=USERS))
        with pytest.raises(SystemExit):
            module.exit_json(changed=False, msg="alice ***")
    printed = json.loads(capsys.readouterr().out)
    assert printed["msg"] == "alice ***" and printed["invocation"]["module_args"]["users"] == [
        {"name": "alice", "password": None}]


def logged(monkeypatch, module_class, args, spec):
    """The syslog lines a module_class made from args logs when it starts (as a task without no_log)."""
    lines = []
    monkeypatch.setattr(basic, "has_journal", False)
    monkeypatch.setattr(basic.AnsibleModule, "_log_to_syslog", lambda self, msg: lines.append(msg))
    with module_args(args):
        module_class(argument_spec=spec)
    return lines


def test_the_invocation_logged_to_syslog_hides_passwords_as_ansible_does(monkeypatch):
    users = [{"name": "user-%s" % password, "password": password} for password in PASSWORDS]
    args = {"users": users, "login_password": "top-s3cret-pw", "controller": "c-alice"}
    spec = dict(users=USERS, login_password=dict(type="str", no_log=True), controller=dict(type="str"))
    ours = logged(monkeypatch, JujuModule, args, dict(users=USERS))
    theirs = logged(monkeypatch, basic.AnsibleModule, args, spec)
    assert len(ours) == 1 and "password" in ours[0] and "user-********" in ours[0]
    assert "s3cret" not in ours[0] and "alice" not in ours[0]
    assert sorted(ours[0].split(" ")) == sorted(theirs[0].split(" ") + ["validate_certs=True", "timeout=30.0"] + [
        "%s=None" % name for name in ("api_endpoints", "login_user", "ca_cert", "juju_data")])


def test_ansibles_own_passes_are_given_no_values_to_try(monkeypatch, capsys):
    # What makes the output linear in the number of users: Ansible's remove_values (result, syslog
    # line) and heuristic_log_sanitize try no no_log value; scrub.py has hidden them all.
    tried = []
    for name in ("remove_values", "heuristic_log_sanitize"):
        original = getattr(basic, name)
        monkeypatch.setattr(basic, name, lambda value, values=None, original=original: (
            tried.append(set(values or ())), original(value, values))[1])
    monkeypatch.setattr(basic, "has_journal", False)
    monkeypatch.setattr(basic.AnsibleModule, "_log_to_syslog", lambda self, msg: None)
    printed = run(capsys, lambda module: module.exit_json(changed=False, msg="alice"))[1]
    assert printed["msg"] == PLACEHOLDER
    assert len(tried) > 3 and all(values == set() for values in tried)


# A result with what Ansible's remove_values and its encoder treat each in their own way: tuples, sets,
# bytes, dates, numbers, unicode, booleans and None at the top, and the passwords inside names, of each
# other, and of the placeholder; TAGGED adds mappings that are not dicts, keys that are not strings and
# a tagged (deprecated) value. (A tagged value with a password in it would lose its tags, which
# Ansible's remove_values keeps: no module returns one.)
TRICKY = {
    "results": [{"name": "user-alice", "changed": True, "actions": ("add", "grant model admin/prod write")},
                {"name": "bob", "not_applied": [], "when": datetime.date(2026, 1, 2)}],
    "registration_strings": {"bob": "MFUTgrantcret", "ünï": "汉字 alice"},
    "diff": {"before": b"lic\xff\n", "after": {"cret"}, "at": datetime.datetime(2026, 1, 2, 3, 4, 5)},
    "msg": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER s3cret-pw ********", "count": 17070, "ratio": 0.5,
    "empty": [[], {}, ()], "changed": True, "skipped": None,
}
TAGGED = dict(TRICKY, ordered=collections.OrderedDict([("b", "lic"), ("a", 1)]), ids={1: "lic", None: 2.5},
              deprecated=deprecate_value("the old one", "use the new one", version="10.0.0"))


def printed_by(capsys, module_class, result, profile=None):
    """What a module_class (with the users option and the connection options) prints on exit_json(result),
    after a warning and a deprecation, under the given serialization profile."""
    users = [{"name": "user-%s" % password, "password": password} for password in PASSWORDS]
    with module_args({"users": users, "login_password": "top-s3cret-pw", "controller": "c-alice"}):
        module = module_class(argument_spec=dict(connection_argument_spec(), users=USERS))
        module.warn("Mind the gap.")
        module.deprecate("Old ways.", version="10.0.0", collection_name="juju.controller")
        with mock.patch.object(basic, "_ANSIBLE_PROFILE", profile or basic._ANSIBLE_PROFILE):
            with pytest.raises(SystemExit):
                module.exit_json(**copy.deepcopy(result))
    return capsys.readouterr().out


@pytest.mark.parametrize("profile, result", [
    (None, TRICKY),
    (None, TAGGED),  # written by Ansible's encoder
    ("modern", {"results": [{"name": "汉字", "actions": ["add"]}], "msg": "ünï s3cret-pw", "changed": True}),
    (None, {"results": [{"name": "alice", "actions": ["add"]}], "msg": "s3cret-pw", "changed": False}),
    (None, {"results": [{deprecate_value("tagged", "a key", version="10.0.0"): "bob"}], "changed": False}),
])
def test_exit_prints_the_very_text_ansible_prints(capsys, profile, result):
    ours, theirs = printed_by(capsys, JujuModule, result, profile), printed_by(capsys, basic.AnsibleModule, result, profile)
    assert ours == theirs
    assert '"login_password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in ours and "Mind the gap." in ours
    assert "s3cret" not in ours and "alice" not in ours


def test_exit_prints_the_very_text_ansible_prints_when_there_is_nothing_to_hide(capsys):
    def printed(module_class):
        with module_args({"users": [{"name": "alice"}]}):
            module = module_class(argument_spec=dict(connection_argument_spec(), users=USERS))
            with pytest.raises(SystemExit):
                module.exit_json(**copy.deepcopy(TAGGED))
        return capsys.readouterr().out

    ours = printed(JujuModule)
    assert ours == printed(basic.AnsibleModule) and '"name": "user-alice"' in ours


def test_a_result_that_cannot_be_printed_fails_as_with_ansibles_own_encoder(capsys):
    def failure(module_class):
        with module_args({"users": [{"name": "alice", "password": "lic"}]}):
            module = module_class(argument_spec=dict(connection_argument_spec(), users=USERS))
            with pytest.raises(TypeError) as raised:
                module.exit_json(changed=False, grants={("alice", "admin/prod"): "write"})
        return str(raised.value)

    assert failure(JujuModule) == failure(basic.AnsibleModule) == (
        "Key of type 'tuple' is not JSON serializable by the 'module_legacy_m2c' profile.")


def test_the_result_is_copied_once_and_its_dicts_and_lists_encoded_by_the_c_encoder(monkeypatch, capsys):
    # What makes the exit linear with small constants: Ansible's remove_values does not copy the
    # Scrubber's copy once more, and its encoder's Python code sees none of the result's dicts and
    # lists, only the warning (which the C encoder has no type for).
    copies, defaults = [], []
    encoder = basic._json.get_module_encoder("legacy", basic._json.Direction.MODULE_TO_CONTROLLER)
    default = encoder.default
    monkeypatch.setattr(encoder, "default", lambda self, o: (defaults.append(o), default(self, o))[1])
    original = basic.remove_values
    results = [{"name": "alice", "actions": ["add"]}] * 100

    def body(module):
        module.warn("Mind the gap.")
        monkeypatch.setattr(basic, "remove_values", lambda *args: (copies.append(args), original(*args))[1])
        module.exit_json(changed=False, results=results)

    printed = run(capsys, body)[1]
    assert printed["results"] == [{"name": PLACEHOLDER, "actions": ["add"]}] * 100
    assert copies == [] and 0 < len(defaults) < 10


def test_remove_values_is_ansibles_own_again_after_the_exit_and_hides_what_it_is_given_meanwhile():
    original = basic.remove_values
    with pytest.raises(RuntimeError):
        with _copied_once():
            assert basic.remove_values("a pw", {"pw"}) == "a ********"
            value = {"name": "pw"}
            assert basic.remove_values(value, set()) is value
            raise RuntimeError("the exit failed")
    assert basic.remove_values is original
