# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options as JujuModule receives them, and what JujuModule passes on to Ansible.

The spec is the collection's interface (doc_fragments/connection.py documents it, test_docs.py
checks the two agree through ansible-doc); here it is pinned down directly, and Ansible's
conversions (float timeout, expanded juju_data, string endpoints) are checked on real params.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.juju.controller.plugins.module_utils import juju_module, transport
from ansible_collections.juju.controller.plugins.module_utils.juju_module import (
    JujuModule, connection_argument_spec, sentence)

from test_juju_module import module_args, run_module


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def test_connection_argument_spec_is_the_documented_one():
    assert connection_argument_spec() == {
        "controller": {"type": "str"},
        "api_endpoints": {"type": "list", "elements": "str"},
        "login_user": {"type": "str"},
        "login_password": {"type": "str", "no_log": True},
        "ca_cert": {"type": "str"},
        "validate_certs": {"type": "bool", "default": True},
        "juju_data": {"type": "path"},
        "timeout": {"type": "float", "default": 30.0},
    }


def test_connection_options_converted_by_their_types(capsys, home):
    args = {"controller": "sim", "api_endpoints": ["10.0.0.1:17070"], "login_user": "admin",
            "login_password": "pw-123456", "ca_cert": "PEM", "validate_certs": "no",
            "juju_data": "~/juju", "timeout": "2.5"}
    result = run_module(capsys, args, lambda module: module.exit_json(
        params=dict((name, module.params[name]) for name in juju_module.CONNECTION_OPTIONS)))
    assert result["params"] == {
        "controller": "sim", "api_endpoints": ["10.0.0.1:17070"], "login_user": "admin",
        "login_password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER", "ca_cert": "PEM", "validate_certs": False,
        "juju_data": str(home / "juju"), "timeout": 2.5,
    }


def test_defaults_when_no_connection_option_is_given(capsys):
    result = run_module(capsys, {}, lambda module: module.exit_json(
        params=dict((name, module.params[name]) for name in juju_module.CONNECTION_OPTIONS)))
    assert result["params"] == {
        "controller": None, "api_endpoints": None, "login_user": None, "login_password": None,
        "ca_cert": None, "validate_certs": True, "juju_data": None, "timeout": 30.0,
    }


def test_module_keywords_reach_ansible(capsys):
    # supports_check_mode=True (run_module passes it) must reach AnsibleModule, or a check-mode
    # run would be skipped instead of planned.
    result = run_module(capsys, {"_ansible_check_mode": True}, lambda module: module.exit_json(
        check_mode=module.check_mode, supports=module.supports_check_mode))
    assert (result["check_mode"], result["supports"]) == (True, True)


def test_missing_websockets_fails_with_ansibles_sentence(monkeypatch):
    # fail_json is recorded rather than run: ansible-core 2.19 puts `exception` in the result
    # only when tracebacks are enabled for the task, and what matters here is what JujuModule passes.
    calls = []

    def fail_json(module, **kwargs):
        calls.append(kwargs)
        raise SystemExit(1)
    monkeypatch.setattr(transport, "WEBSOCKETS_IMPORT_ERROR", ImportError("No module named 'websockets'"))
    monkeypatch.setattr(JujuModule, "fail_json", fail_json)
    with module_args({}):
        with pytest.raises(SystemExit):
            JujuModule(argument_spec={})
    assert calls == [{"msg": missing_required_lib("websockets >= 13.1"),
                      "exception": "No module named 'websockets'"}]


@pytest.mark.parametrize("text, expected", [
    ("done!", "Done!"), ("why?", "Why?"), ("end.", "End."), ("no stop", "No stop."),
])
def test_sentence_keeps_any_final_punctuation(text, expected):
    assert sentence(text) == expected


def test_lockout_argument_spec_is_the_documented_one():
    assert juju_module.lockout_argument_spec() == {"allow_self_lockout": {"type": "bool", "default": False}}


def test_blank_connection_options_are_unset(capsys):
    # As for the JUJU_* variables: an empty option is no option (None), not an empty value.
    result = run_module(capsys, {"controller": "", "login_user": "  "}, lambda module: module.exit_json(
        controller=module.params["controller"], login_user=module.params["login_user"]))
    assert (result["controller"], result["login_user"]) == (None, None)


def test_after_applying_lists_what_was_done_in_order():
    assert juju_module.after_applying("permission denied", ["added bob", "granted read on default"]) == (
        "Permission denied (before that, the task added bob, then granted read on default).")
