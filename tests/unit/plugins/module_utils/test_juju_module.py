# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Ansible glue: argument spec, settings, JujuError -> fail_json, results and diff."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from ansible.module_utils import basic

from ansible_collections.juju.controller.plugins.module_utils import juju_module
from ansible_collections.juju.controller.plugins.module_utils.errors import LoginFailed, NotFound
from ansible_collections.juju.controller.plugins.module_utils.juju_module import (
    CONNECTION_OPTIONS, JujuModule, connection_argument_spec, sentence, user_result)
from yamlvalues import SECRET, any_password, json_value


@contextmanager
def module_args(args):
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:  # ansible-core < 2.19
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved
    else:
        with patch_module_args(args):
            yield


def run_module(capsys, args, body, **kwargs):
    """Run body(module) in a JujuModule made from args; return the JSON it exited with."""
    with module_args(args):
        module = JujuModule(argument_spec=dict(name=dict(type="str")), supports_check_mode=True, **kwargs)
        with pytest.raises(SystemExit):
            body(module)
    return json.loads(capsys.readouterr().out)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in ("JUJU_DATA", "JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD",
                 "JUJU_CA_CERT", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))


def test_connection_argument_spec():
    spec = connection_argument_spec()
    assert tuple(spec) == CONNECTION_OPTIONS
    assert spec["login_password"]["no_log"] is True
    assert spec["validate_certs"]["default"] is True
    assert spec["timeout"]["default"] == 30.0
    assert all(rules.get("default") is None for name, rules in spec.items() if name not in ("validate_certs", "timeout"))


def test_sentence():
    assert sentence('user "bob" not found') == 'User "bob" not found.'
    assert sentence("Done.") == "Done."
    assert sentence("") == "Unknown error."
    assert sentence(" \n") == "Unknown error."


def test_user_result_keeps_the_documented_fields():
    info = dict(name="bob", display_name="Bob", access="login", created_by="admin", date_created="x",
                last_connection=None, enabled=True, secret="dropped")
    assert user_result(info) == dict((k, v) for k, v in info.items() if k != "secret")
    assert user_result(None) == {}


def test_missing_settings_fail_with_one_sentence(capsys, tmp_path):
    def body(module):
        with module.controller():
            raise AssertionError("not reached")
    result = run_module(capsys, {"juju_data": str(tmp_path / "none")}, body)
    assert result["failed"] is True
    assert result["msg"].startswith("No API endpoints, login user and login password to connect with")


class FakeClient(object):
    instances = []

    def __init__(self, settings, warn=None):
        self.settings, self.warn, self.closed = settings, warn, False
        FakeClient.instances.append(self)

    def __enter__(self):
        if self.settings.password == "wrong":
            raise LoginFailed("invalid entity name or password", "unauthorized access", 'login as "admin" failed')
        self.warn("a warning from the client")
        return self

    def __exit__(self, *exc):
        self.closed = True


ARGS = {"api_endpoints": ["10.0.0.1:17070"], "login_user": "admin", "login_password": "pw-123456",
        "validate_certs": False}


def test_juju_errors_become_fail_json_and_the_client_is_closed(capsys, monkeypatch):
    monkeypatch.setattr(juju_module.api, "ControllerClient", FakeClient)

    def body(module):
        with module.controller():
            raise NotFound('user "nobody" not found', "not found")
    result = run_module(capsys, ARGS, body)
    assert result["msg"] == 'User "nobody" not found.'
    assert FakeClient.instances[-1].closed
    assert "a warning from the client" in json.dumps(result["warnings"])  # str, or a WarningSummary in 2.19
    assert "pw-123456" not in json.dumps(result)
    settings = FakeClient.instances[-1].settings
    assert (settings.endpoints, settings.user, settings.validate_certs) == (["10.0.0.1:17070"], "admin", False)


def test_login_failure(capsys, monkeypatch):
    monkeypatch.setattr(juju_module.api, "ControllerClient", FakeClient)

    def body(module):
        with module.controller():
            raise AssertionError("not reached")
    result = run_module(capsys, dict(ARGS, login_password="wrong"), body)
    assert result["msg"] == 'Login as "admin" failed: invalid entity name or password.'


@pytest.mark.parametrize("diff", [False, True])
def test_report_adds_the_diff_only_in_diff_mode(capsys, diff):
    result = run_module(capsys, dict(ARGS, _ansible_diff=diff),
                        lambda module: module.report(True, {"a": 1}, {"a": 2}, user={"name": "bob"}))
    assert result["changed"] is True and result["user"] == {"name": "bob"}
    assert ("diff" in result) is diff
    if diff:
        assert result["diff"] == {"before": {"a": 1}, "after": {"a": 2}}


@hypothesis_settings(max_examples=80, deadline=None, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(options=st.fixed_dictionaries({}, optional=dict(
    (name, any_password if name == "login_password" else json_value) for name in CONNECTION_OPTIONS)))
def test_any_connection_options_end_in_a_client_or_one_sentence(capsys, monkeypatch, options):
    # Ansible's argument spec converts or refuses each value first; whatever it lets through, the
    # module gets a client or fails with the collection's one sentence, never a traceback.
    monkeypatch.setattr(juju_module.api, "ControllerClient", FakeClient)

    def body(module):
        with module.controller():
            module.exit_json(changed=False)
    with module_args(options):
        with pytest.raises(SystemExit):
            body(JujuModule(argument_spec={}, supports_check_mode=True))
    result = json.loads(capsys.readouterr().out)
    # Ansible echoes the converted arguments under "invocation": a password given as a list
    # becomes the text of that list, which its no_log masking misses when the list's repr escapes
    # a character. That echo is Ansible's; what the collection adds must never hold the secret.
    result.pop("invocation", None)
    assert SECRET not in json.dumps(result)
    if result.get("failed") and not result["msg"].startswith("argument '"):  # Ansible's own refusals
        assert result["msg"].endswith(".") and "\n" not in result["msg"], result["msg"]
        assert "Traceback" not in json.dumps(result)
