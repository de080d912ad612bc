# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ControllerClient's own sentences, whole, and the bookkeeping around its second connection.

test_api_connect.py checks most of them by a word or two; a task reports them verbatim, so
these pin the exact text, code and class.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import trustme

from jujusim.login import juju_login

from ansible_collections.juju.controller.plugins.module_utils import errors, settings
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.settings import ConnectionSettings
from simclients import closed_port, settings_for


def error_fields(exc):
    return exc.__class__, str(exc), exc.code


def test_controller_without_a_name_is_named_by_its_endpoints(simulator):
    # Settings given as endpoints only (no client store entry): the sentence lists every endpoint.
    endpoints = ["127.0.0.1:%d" % simulator.port, "127.0.0.1:%d" % closed_port()]
    client = ControllerClient(ConnectionSettings(controller_name=None, endpoints=endpoints, user="admin",
                                                 password="wrong", ca_cert=simulator.ca_cert, timeout=5.0))
    with pytest.raises(errors.BadCredentials) as info:
        client.connect()
    assert error_fields(info.value) == (
        errors.BadCredentials, 'login to the controller at %s as "admin" failed: invalid entity name or password'
        % ", ".join(endpoints), "unauthorized access")


def test_external_user_login_sentence(simulator):
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(settings_for(simulator, "alice@external", "pw")).connect()
    assert error_fields(info.value) == (
        errors.LoginFailed, 'login to controller "sim" as "alice@external" failed: alice@external is an external '
        'user, who cannot log in with a password', "")


def test_not_connected_sentence(simulator):
    with pytest.raises(errors.ConnectionFailed) as info:
        ControllerClient(settings_for(simulator)).get_user("fred")
    assert error_fields(info.value) == (
        errors.ConnectionFailed, 'the client is not connected to controller "sim"; use it as a context manager or '
        'call connect() first.', "")


def test_missing_facade_of_an_unknown_juju_version(admin):
    # A controller that names no version and offers no Controller facade: the sentence lists
    # both versions this client speaks.
    admin._adopt({"user-info": {"identity": "user-admin", "controller-access": "superuser"},
                  "facades": [{"name": "UserManager", "versions": [3]}]})
    with pytest.raises(errors.NotSupported) as info:
        admin.controller_access("fred")
    assert error_fields(info.value) == (
        errors.NotSupported, 'controller "sim" (Juju unknown) does not offer the Controller facade, and this '
        'client speaks Controller 12 or 11; use a Juju 3.x controller.', "not supported")


def test_wrong_number_of_results(admin):
    # A controller answering a bulk call with more (or fewer) results than entities asked about
    # is refused, not read positionally: here two users' results for what the caller counted as one.
    params = {"entities": [{"tag": "user-fred"}, {"tag": "user-bob"}], "include-disabled": True}
    with pytest.raises(errors.JujuError) as info:
        admin._results("UserManager", "UserInfo", params, 1, "cannot read user \"fred\"")
    assert error_fields(info.value) == (
        errors.JujuError, 'cannot read user "fred": controller "sim" answered 2 results to UserManager.UserInfo '
        'for 1 entities.', "")


def test_warning_given_once_for_both_connections(simulator):
    # verify_password's second connection repeats the first one's warning: reported once.
    seen = []
    other = trustme.CA().cert_pem.bytes().decode()
    with ControllerClient(settings_for(simulator, ca_cert=other, validate_certs=False), warn=seen.append) as client:
        assert client.verify_password("fred", simulator.passwords["fred"]) is True
    expected = ['TLS certificate verification is disabled for controller "sim": the connection is encrypted but the '
                'controller is not authenticated, so the credentials could reach an impostor.']
    assert (seen, client.warnings) == (expected, expected)


def test_round_trips_of_refused_second_logins_are_counted(simulator):
    # Each verify_password opens one connection and sends one Login, refused or not.
    with ControllerClient(settings_for(simulator)) as client:
        assert client.round_trips == 1
        assert client.verify_password("fred", simulator.passwords["fred"]) is True
        assert client.round_trips == 2
        assert client.verify_password("fred", "wrong") is False
        assert client.verify_password("bob", "wrong") is False
        assert client.round_trips == 4
    assert client.round_trips == 4


def test_discharge_request_fields(simulator):
    # No password: Juju answers with a discharge request, which this client never follows.
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(settings_for(simulator, "fred", "")).connect()
    assert error_fields(info.value) == (
        errors.LoginFailed, 'login to controller "sim" as "fred" failed: the controller asks for a macaroon '
        'discharge, which only an interactive `juju login` can obtain; supply a password', "")


def test_refused_stored_login_keeps_jujus_code(simulator):
    # A stored (macaroon) login of a user disabled since: Juju's refusal, with its code, not "expired".
    juju_login(simulator.juju_data, "bob", simulator.passwords["bob"])
    with ControllerClient(settings_for(simulator)) as admin:
        admin.disable_user("bob")
    stored = settings.resolve({"juju_data": str(simulator.juju_data)}, environ={})
    assert (stored.user, stored.password, bool(stored.macaroons)) == ("bob", "", True)
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(stored).connect()
    assert error_fields(info.value) == (
        errors.LoginFailed, 'login to controller "sim" as "bob" failed: user "bob" is disabled', "unauthorized access")


def test_current_user_is_jujus_spelling(simulator):
    # Logged in as "zed@local", the client is the user Juju names in the Login result: "Zed".
    with ControllerClient(settings_for(simulator)) as admin:
        admin.add_user("Zed", password="zed-secret")
    with ControllerClient(settings_for(simulator, "zed@local", "zed-secret")) as zed:
        assert (zed.current_user, zed.is_superuser) == ("Zed", False)


def test_login_result_without_user_info(admin):
    # A Login result naming nobody: the client is the user it logged in as, with no superuser rights.
    admin._adopt({"facades": [{"name": "UserManager", "versions": [3]}]})
    assert (admin.current_user, admin.is_superuser, admin.server_version, admin.facades) == (
        "admin", False, None, {"UserManager": 3})


def test_state_before_connecting(simulator):
    # Until a Login answers, the client knows no user, no rights, no version and no facade.
    client = ControllerClient(settings_for(simulator))
    assert (client.current_user, client.is_superuser, client.server_version, client.facades, client.warnings,
            client.round_trips) == (None, False, None, {}, [], 0)


def test_login_is_bounded_by_the_settings_timeout(simulator):
    # The settings' timeout (here 0.3 s), not the transport's default (30 s), bounds the Login.
    simulator.inject("Admin", "Login", delay=1.0)
    client = ControllerClient(settings_for(simulator, timeout=0.3))
    with pytest.raises(errors.Timeout) as info:
        client.connect()
    assert error_fields(info.value) == (
        errors.Timeout, 'controller "sim" (127.0.0.1:%d) did not answer Admin.Login within 0.3 s; the connection '
        'was closed.' % simulator.port, "")
    assert client.round_trips == 1  # the Login was sent


MAYBE = (" It was sent, so Juju may have applied it: a re-run reads the controller again and makes only what is "
         "still missing.")


def test_a_write_that_timed_out_or_was_cut_says_it_may_have_been_applied(simulator):
    """Issue 14 item 8: nothing tells whether Juju carried out a write it did not answer; a read says nothing."""
    simulator.inject("UserManager", "AddUser", delay=1.0)
    with ControllerClient(settings_for(simulator, timeout=0.3)) as client:
        with pytest.raises(errors.Timeout) as info:
            client.add_user("nia", password="Nia-pw-123")
    assert str(info.value) == ('controller "sim" (127.0.0.1:%d) did not answer UserManager.AddUser within 0.3 s; the '
                               'connection was closed.' % simulator.port + MAYBE)
    simulator.inject("Controller", "ModifyControllerAccess", drop=True)
    with ControllerClient(settings_for(simulator)) as client:
        with pytest.raises(errors.ConnectionFailed) as info:
            client.modify_controller_access("bob", "grant", "superuser")
    assert str(info.value).endswith("was lost during Controller.ModifyControllerAccess (the controller or the network "
                                    "dropped the connection)." + MAYBE)
    simulator.inject("UserManager", "UserInfo", drop=True)
    with ControllerClient(settings_for(simulator)) as client:
        with pytest.raises(errors.ConnectionFailed) as info:
            client.get_user("bob")
    assert str(info.value).endswith("(the controller or the network dropped the connection).")
