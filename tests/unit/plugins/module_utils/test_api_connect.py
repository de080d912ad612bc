"""ControllerClient: settings, connection, login, facade versions, password checks, registration."""
import base64
import os

import pytest
import trustme
from jujusim.register_client import decode_token, juju_register

from ansible_collections.juju.controller.plugins.module_utils import errors, registration, settings, transport
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from simclients import closed_port, settings_for


# -- connect and login -----------------------------------------------------------------------

def test_login_picks_facade_versions(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        assert client.controller_name == "sim"
        assert client.current_user == "admin" and client.is_superuser
        assert client.facades == {"Controller": 12, "ModelManager": 10, "ApplicationOffers": 5,
                                  "UserManager": 3, "Cloud": 7}
        assert client.round_trips == 1  # the Login
        client.get_user("fred")
        assert client.round_trips == 2
    assert client.round_trips == 2  # still counted after close
    assert simulator.counters["calls"] == {("Admin", "Login"): 1, ("UserManager", "UserInfo"): 1}


def test_settings_from_the_client_store(simulator):
    resolved = settings.resolve({"juju_data": str(simulator.juju_data)}, environ={})
    with ControllerClient(resolved) as client:
        assert client.current_user == "admin"
        assert client.get_user("fred")["name"] == "fred"


def test_unknown_controller_name(simulator):
    with pytest.raises(errors.SettingsError) as info:
        settings.resolve({"controller": "nope", "juju_data": str(simulator.juju_data)}, environ={})
    assert '"nope"' in str(info.value)


def test_missing_store(tmp_path):
    with pytest.raises(errors.SettingsError) as info:
        settings.resolve({"juju_data": str(tmp_path / "absent")}, environ={})
    assert str(tmp_path / "absent") in str(info.value)


@pytest.mark.parametrize("user,password", [("admin", "wrong"), ("nobody", "wrong")])
def test_bad_credentials(simulator, user, password):
    with pytest.raises(errors.BadCredentials) as info:
        ControllerClient(settings_for(simulator, user, password)).connect()
    assert str(info.value) == ('login to controller "sim" as "%s" failed: invalid entity name or '
                               'password' % user)
    assert info.value.code == "unauthorized access"


def test_empty_password_asks_for_a_discharge(simulator):
    # Juju takes "" credentials for a macaroon login and answers discharge-required (§15.3).
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(settings_for(simulator, "fred", "")).connect()
    assert str(info.value) == ('login to controller "sim" as "fred" failed: the controller asks for a macaroon '
                               'discharge, which only an interactive `juju login` can obtain; supply a password')


def test_password_never_in_login_errors(simulator):
    secret = "hunter2-very-secret"
    # Even if a controller echoed the credentials, the sentence must not carry them.
    simulator.inject("Admin", "Login", error=("bad login for hunter2-very-secret", "unauthorized access"))
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(settings_for(simulator, "admin", secret)).connect()
    assert secret not in str(info.value) and secret not in repr(info.value.args)
    assert secret not in info.value.message


def test_disabled_user_login_is_not_bad_credentials(simulator):
    with ControllerClient(settings_for(simulator)) as admin:
        admin.disable_user("bob")
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(settings_for(simulator, "bob")).connect()
    assert info.value.__class__ is errors.LoginFailed
    assert str(info.value) == 'login to controller "sim" as "bob" failed: user "bob" is disabled'


def test_external_user_cannot_log_in_with_a_password(simulator):
    with pytest.raises(errors.LoginFailed) as info:
        ControllerClient(settings_for(simulator, "alice@external", "pw")).connect()
    assert "external user" in str(info.value)
    assert simulator.counters["calls"] == {}


def test_unreachable_controller_names_controller_and_endpoints(simulator):
    dead = "127.0.0.1:%d" % closed_port()
    with pytest.raises(errors.ConnectionFailed) as info:
        ControllerClient(settings_for(simulator, endpoints=[dead])).connect()
    assert str(info.value) == 'cannot connect to controller "sim" at %s (%s: connection refused).' % (
        dead, dead)


def test_wrong_ca_through_the_client(simulator):
    other = trustme.CA().cert_pem.bytes().decode()
    with pytest.raises(errors.ConnectionFailed) as info:
        ControllerClient(settings_for(simulator, ca_cert=other)).connect()
    assert "not signed by the controller's CA" in str(info.value)


def test_validate_certs_false_warns_through_callback(simulator):
    seen = []
    other = trustme.CA().cert_pem.bytes().decode()
    with ControllerClient(settings_for(simulator, ca_cert=other, validate_certs=False),
                          warn=seen.append) as client:
        assert client.get_user("admin")
    assert seen == client.warnings and len(seen) == 1


def test_not_connected_and_closed(simulator):
    client = ControllerClient(settings_for(simulator))
    with pytest.raises(errors.ConnectionFailed):
        client.get_user("fred")
    with client:
        pass
    with pytest.raises(errors.ConnectionFailed) as info:
        client.get_user("fred")
    assert "not connected" in str(info.value)
    client.close()  # closing twice is fine


def test_facades_we_do_not_speak(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        # What a controller of another era would offer (the simulator offers 3.6's set).
        client._adopt({"user-info": {"identity": "user-admin", "controller-access": "superuser"},
                       "server-version": "2.9.42",
                       "facades": [{"name": "UserManager", "versions": [1, 2]},
                                   {"name": "Controller", "versions": [11]},
                                   {"name": "ModelManager", "versions": [9]}]})
        assert client.facades == {"Controller": 11, "ModelManager": 9}
        trips = client.round_trips
        with pytest.raises(errors.NotSupported) as info:
            client.get_user("fred")
        assert str(info.value) == ('controller "sim" (Juju 2.9.42) offers UserManager version 1, 2 '
                                   'only, and this client speaks UserManager 3; use a Juju 3.x '
                                   'controller.')
        with pytest.raises(errors.NotSupported) as info:
            client.offer_users("fred/prod.hosted-mysql")
        assert "does not offer the ApplicationOffers facade" in str(info.value)
        assert client.round_trips == trips  # nothing was sent


def test_older_facade_versions_are_used(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        client._adopt({"user-info": {"identity": "user-admin", "controller-access": "superuser"},
                       "facades": [{"name": n, "versions": [v]} for n, v in
                                   (("Controller", 11), ("ModelManager", 9), ("ApplicationOffers", 4),
                                    ("UserManager", 3))]})
        assert client.controller_access("fred") == "login"  # Controller v11 on the wire
        assert client.resolve_model("admin/default")["owner"] == "admin"  # ModelManager v9
        assert "fred" in client.offer_users("fred/prod.hosted-mysql")  # ApplicationOffers v4


# -- verify_password ---------------------------------------------------------------------------

def test_verify_password(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        assert client.verify_password("fred", simulator.passwords["fred"]) is True
        assert client.verify_password("fred", "wrong") is False
        assert client.verify_password("nobody", "wrong") is False
        assert client.verify_password("fred", "") is False
        trips = client.round_trips
        client.verify_password("alice", simulator.passwords["alice"])
        assert client.round_trips == trips + 1  # the second connection's Login
        assert client.get_user("admin")  # the main connection is still in use


@pytest.mark.parametrize("password", ["password", "pass", "name"])
def test_verify_password_that_is_a_word_of_the_refusal(simulator, password):
    # The password is scrubbed from the message after, not before, the refusal is classified:
    # otherwise "invalid entity name or ********word" would no longer read as bad credentials.
    with ControllerClient(settings_for(simulator)) as client:
        assert client.verify_password("fred", password) is False


def test_verify_password_of_disabled_user_raises(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        client.disable_user("alice")
        with pytest.raises(errors.LoginFailed) as info:
            client.verify_password("alice", simulator.passwords["alice"])
        assert 'user "alice" is disabled' in str(info.value)
        assert simulator.passwords["alice"] not in str(info.value)


def test_verify_password_of_user_without_controller_access(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        client.modify_controller_access("bob", "revoke", "login")
        assert client.verify_password("bob", simulator.passwords["bob"]) is False


def test_verify_password_of_external_user_is_refused_before_dialling(simulator):
    # An external user has no password at all: the input is refused as such (InvalidInput),
    # not dialled and then reported as a login failure.
    with ControllerClient(settings_for(simulator)) as client:
        simulator.reset_counters()
        with pytest.raises(errors.InvalidInput) as info:
            client.verify_password("alice@external", "pw")
        assert info.value.__class__ is errors.InvalidInput
        assert str(info.value) == ('user "alice@external" is an external user (@external); only local users '
                                   'can be managed here.')
        assert simulator.counters["calls"] == {}


def test_verify_password_dials_the_endpoint_that_answered_first(simulator, monkeypatch):
    # The second connection tries the live endpoint first, then the others in their configured
    # order. 127.0.0.2 sorts after 127.0.0.1, so neither the configured nor the lexical order
    # is the expected one.
    live = "127.0.0.1:%d" % simulator.port
    dead_first, dead_last = "127.0.0.2:%d" % closed_port(), "127.0.0.1:%d" % closed_port()
    dialled = []
    real_dial = transport.dial

    def recording_dial(endpoints, **kwargs):
        dialled.append(list(endpoints))
        return real_dial(endpoints, **kwargs)

    monkeypatch.setattr(transport, "dial", recording_dial)
    with ControllerClient(settings_for(simulator, endpoints=[dead_first, live, dead_last])) as client:
        assert client.verify_password("fred", simulator.passwords["fred"]) is True
        assert client.verify_password("fred", "wrong") is False
    assert dialled == [[dead_first, live, dead_last], [live, dead_first, dead_last], [live, dead_first, dead_last]]


# -- registration -------------------------------------------------------------------------------

def test_registration_token_end_to_end(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        added = client.add_user("newbie", display_name="New Bie")
        assert len(base64.b64decode(added["secret_key"])) == 32
        assert client.registration_endpoints == ["127.0.0.1:%d" % simulator.port]
        token = registration.registration_string("newbie", client.registration_endpoints,
                                                 added["secret_key"], client.controller_name)
        assert client.verify_password("newbie", "n3w-pass") is False  # no password yet

        assert decode_token(token)["controller"] == "sim"
        status, details = juju_register(token, "n3w-pass")
        assert status == 200
        assert details["ca-cert"].strip() == simulator.ca_cert.strip()
        assert details["controller-uuid"] == simulator.controller_uuid

        assert client.verify_password("newbie", "n3w-pass") is True
    with ControllerClient(settings_for(simulator, "newbie", "n3w-pass")) as newbie:
        assert newbie.current_user == "newbie" and not newbie.is_superuser
        assert newbie.get_user("newbie")["display_name"] == "New Bie"


def test_reset_password_gives_a_working_token(simulator):
    with ControllerClient(settings_for(simulator)) as client:
        key = client.reset_password("fred")
        assert client.verify_password("fred", simulator.passwords["fred"]) is False
        token = registration.registration_string("fred", client.registration_endpoints, key, "sim")
        assert juju_register(token, "fresh-pw")[0] == 200
        assert client.verify_password("fred", "fresh-pw") is True


def test_registration_endpoints_are_the_configured_ones(simulator):
    endpoints = ["127.0.0.1:%d" % closed_port(), "127.0.0.1:%d" % simulator.port]
    with ControllerClient(settings_for(simulator, endpoints=endpoints)) as client:
        assert client.registration_endpoints == endpoints


def test_no_ansible_import_in_the_protocol_layer():
    here = os.path.dirname(os.path.abspath(errors.__file__))
    for name in ("errors.py", "transport.py", "api.py", "api_users.py", "api_access.py"):
        with open(os.path.join(here, name)) as handle:
            source = handle.read()
        assert "ansible.module_utils" not in source and "import ansible" not in source, name


def test_password_never_logged(simulator, caplog):
    import logging
    caplog.set_level(logging.DEBUG)  # even with everything at DEBUG (websockets logs frames there)
    secret = simulator.admin_password
    with ControllerClient(settings_for(simulator)) as client:
        client.set_password("fred", "fred-new-secret")
        client.verify_password("fred", "fred-new-secret")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in text and "fred-new-secret" not in text
