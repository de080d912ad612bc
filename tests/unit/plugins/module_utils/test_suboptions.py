# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""suboptions.py checks plainly valid elements of lists of dicts as Ansible does (the same options, the
same hidden values, the same output), and leaves every other element, and every other spec, to Ansible."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from unittest import mock

import pytest
from hypothesis import given, settings, strategies as st

from ansible.module_utils.common import arg_spec, parameters

from ansible_collections.juju.controller.plugins.module_utils import suboptions
from ansible_collections.juju.controller.plugins.module_utils.juju_module import JujuModule
from ansible_collections.juju.controller.plugins.modules.juju_users import ARGUMENT_SPEC, USER_OPTIONS

from test_juju_module import module_args


def printed(capsys, args, fast):
    """(what a JujuModule with juju_users' options prints for args, on exit or on a refusal, its no_log
    values), with suboptions.py checking the users or with Ansible checking them all."""
    checked = suboptions.checked if fast else (lambda spec, params: None)
    secrets = None
    with module_args(args), mock.patch.object(suboptions, "checked", checked):
        with pytest.raises(SystemExit):
            module = JujuModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
            secrets = module.no_log_values
            assert module.argument_spec["users"]["options"] is USER_OPTIONS  # the whole spec again
            module.exit_json(changed=False)
    return capsys.readouterr().out, secrets


def test_plain_users_are_completed_in_ansibles_order_with_their_passwords_hidden(capsys):
    users = [{"password": "s3cret", "name": "alice", "models": {"admin/prod": "write"}, "state": "present"},
             {"name": "bob", "enabled": False, "display_name": None, "ssh_keys_exclusive": True}]
    out, secrets = printed(capsys, {"users": users}, fast=True)
    assert (out, secrets) == printed(capsys, {"users": users}, fast=False)
    assert secrets == {"s3cret"}
    echoed = json.loads(out)["invocation"]["module_args"]["users"]
    assert [list(user) for user in echoed] == [
        ["password", "name", "models", "state", "update_password", "ssh_keys_exclusive", "display_name", "enabled",
         "controller_access", "offers", "clouds", "ssh_keys"],
        ["name", "enabled", "display_name", "ssh_keys_exclusive", "state", "update_password", "password",
         "controller_access", "models", "offers", "clouds", "ssh_keys"]]
    assert echoed[0]["password"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" and echoed[1]["update_password"] == "on_create"


def test_plain_users_skip_ansibles_check_of_each_element_and_its_copy_of_them(monkeypatch, capsys):
    checked, copies = [], []
    deepcopy = arg_spec.deepcopy

    def recorded_deepcopy(value):  # Ansible's copy of the options it validates: (the users given, their copy)
        copied = deepcopy(value)
        copies.append((value["users"], copied["users"]))
        return copied

    monkeypatch.setattr(arg_spec, "deepcopy", recorded_deepcopy)
    validate = parameters._validate_argument_types
    monkeypatch.setattr(parameters, "_validate_argument_types", lambda spec, params, prefix="", *args, **kwargs: (
        checked.append(prefix), validate(spec, params, prefix, *args, **kwargs))[1])
    users = [{"name": "user%d" % i, "password": "pw%d" % i, "controller_access": "login"} for i in range(50)]
    printed(capsys, {"users": users}, fast=True)
    assert checked == [] and len(copies) == 1 and copies[0][1] is copies[0][0]
    printed(capsys, {"users": users}, fast=False)
    assert checked == ["users[%d]." % i for i in range(50)]
    assert copies[1][1][0] is not copies[1][0][0]  # then completed by Ansible, the given one untouched


@pytest.mark.parametrize("users, refusal", [
    ([{"name": "alice"}, {"name": "bob", "state": "gone"}],
     "value of state must be one of: present, absent, got: gone found in users"),
    ([{"name": "alice", "nmae": "x"}], "Unsupported parameters for (basic.py) module: users.nmae."),
    ([{"display_name": "Alice"}], "missing required arguments: name found in users"),
    ([{"name": "alice", "enabled": "yes", "clouds": None}], None),  # converted by Ansible: its way
    (["alice"], "dictionary requested, could not parse JSON or key=value"),
    ("", "dictionary requested, could not parse JSON or key=value"),
    ({}, "argument 'users' is of type dict and we were unable to convert to list"),
    ([{"name": "alice", "controller_access": None}], "value of controller_access must be one of: login, superuser, got: None"),
    ([{"name": "alice", "state": None}], "value of state must be one of: present, absent, got:  found in users"),
    ([{"name": None}], None),  # Ansible makes it ""
    ([{"name": "alice", "ssh_keys_exclusive": None}], "argument 'ssh_keys_exclusive' is of type NoneType found in 'users'."),
])
def test_users_that_are_not_plain_are_checked_by_ansible(capsys, users, refusal):
    out, secrets = printed(capsys, {"users": users}, fast=True)
    assert (out, secrets) == printed(capsys, {"users": users}, fast=False)
    result = json.loads(out)
    if refusal is None:
        assert "failed" not in result and result["invocation"]["module_args"]["users"][0]["state"] == "present"
    else:
        assert result["failed"] is True and result["msg"].startswith(refusal)


@pytest.mark.parametrize("change", [
    dict(aliases=["login"]), dict(fallback=(lambda: None, [])), dict(options={"x": {"type": "str"}}),
    dict(type="int"), dict(type="list", elements="str"), dict(choices=("a", "b")), dict(choices=[1, 2]),
    dict(required=True, default="x"), dict(no_log=True, type="dict"), dict(no_log=True, default="x"),
    dict(default=1), dict(removed_in_version="2.0.0"),
])
def test_specs_beyond_the_simple_rules_are_left_to_ansible(change):
    options = dict(USER_OPTIONS, display_name=dict(dict(type="str"), **change))
    spec = dict(users=dict(type="list", elements="dict", options=options))
    params = {"users": [{"name": "alice"}]}
    assert suboptions.checked(spec, params) is None and params == {"users": [{"name": "alice"}]}


@pytest.mark.parametrize("change", [dict(apply_defaults=True), dict(mutually_exclusive=[["name", "password"]])])
def test_lists_beyond_the_simple_rules_are_left_to_ansible(change):
    spec = dict(users=dict(dict(type="list", elements="dict", options=USER_OPTIONS), **change))
    assert suboptions.checked(spec, {"users": [{"name": "alice"}]}) is None


def test_without_lists_of_dicts_with_suboptions_there_is_nothing_to_check():
    assert suboptions.checked({"name": {"type": "str"}, "grants": {"type": "list", "elements": "dict"}},
                              {"name": "alice", "grants": [{"x": 1}]}) is None


def test_a_missing_list_is_left_for_ansible_to_refuse():
    spec, secrets = suboptions.checked(ARGUMENT_SPEC, {})
    assert "options" not in spec["users"] and secrets == set() and ARGUMENT_SPEC["users"]["options"] is USER_OPTIONS


# Values of every kind, those of the options and others: None, the choices, near misses, other types.
values = st.one_of(
    st.none(), st.booleans(), st.integers(-1, 2),
    st.sampled_from(["present", "absent", "on_create", "always", "login", "superuser", "alice", "", "False",
                     "True", "yes", "PRESENT", "pw", "ünï"]),
    st.dictionaries(st.sampled_from(["admin/prod", "prod", "x"]), st.sampled_from(["read", "write", 1, None]),
                    max_size=2),
    st.lists(st.sampled_from(["a", "pw"]), max_size=2))
plain_values = {"str": st.sampled_from(["alice", "", "pw", "ünï"]), "bool": st.booleans(),
                "dict": st.dictionaries(st.sampled_from(["admin/prod", "x"]), st.sampled_from(["read", "write"]),
                                        max_size=2)}


def plain_value(spec):
    choices = st.sampled_from(spec["choices"]) if spec.get("choices") else plain_values[spec["type"]]
    return choices if spec.get("default") is not None or spec.get("choices") else st.one_of(st.none(), choices)


plain_users = st.fixed_dictionaries(
    {"name": st.sampled_from(["alice", "Bob", "pw"])},
    optional=dict((option, plain_value(spec)) for option, spec in USER_OPTIONS.items() if option != "name"))
any_users = st.dictionaries(st.sampled_from(sorted(USER_OPTIONS) + ["nmae"]), values, max_size=5)
elements = st.one_of(plain_users, plain_users, any_users, st.sampled_from(["alice", 1, None, ["a"]]))


@settings(max_examples=300, deadline=None)
@given(st.lists(elements, max_size=4), st.sampled_from([{}, {"purge": "yes"}, {"purge_mode": "no"}, {"typo": 1}]))
def test_any_users_give_the_output_and_hidden_values_ansible_gives(users, others):
    args = dict(others, users=users)
    out_fast, secrets_fast = printed(_Capture(), args, fast=True)
    out_ansible, secrets_ansible = printed(_Capture(), args, fast=False)
    assert out_fast == out_ansible and secrets_fast == secrets_ansible


class _Capture(object):
    """capsys for a hypothesis test (fixtures are not reset between examples): stdout captured by hand."""

    def __init__(self):
        import io
        import sys
        self._out, self._saved = io.StringIO(), sys.stdout
        sys.stdout = self._out

    def readouterr(self):
        import sys
        sys.stdout = self._saved
        return mock.Mock(out=self._out.getvalue())
