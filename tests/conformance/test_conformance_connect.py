# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python-libjuju's Controller().connect(): from the client store and explicit.

Spec: juju-api.md §1.3 (TLS), §3 (Admin.Login, LoginResult, login failures),
§5.4 (ControllerAPIInfoForModels), §9 (client store, cookie jar).
"""
from __future__ import annotations

import json
import ssl

import pytest
import trustme
import yaml

from juju.controller import Controller

# What python-libjuju 3.6.1.3 negotiates with a 3.6 controller (max common version,
# juju-api.md §12.3 / §13).
EXPECTED_FACADES = {
    "Admin": 3,
    "Pinger": 1,
    "UserManager": 3,
    "Controller": 12,
    "ModelManager": 10,
    "ApplicationOffers": 5,
}


def _store(sim):
    data = sim.juju_data
    controllers = yaml.safe_load((data / "controllers.yaml").read_text())
    accounts = yaml.safe_load((data / "accounts.yaml").read_text())
    return controllers, accounts


def _assert_admin_login_result(info, controller_uuid):
    # §3.2 LoginResult / AuthUserInfo as the server fills it for a controller login.
    assert info["server-version"].startswith("3.6."), info["server-version"]
    assert info["controller-tag"] == "controller-" + controller_uuid
    assert not info.get("model-tag")
    user_info = info["user-info"]
    assert user_info["identity"] == "user-admin"
    assert user_info["controller-access"] == "superuser"
    assert user_info.get("model-access", "") == ""
    assert user_info["display-name"] == ""
    assert "last-connection" not in user_info
    assert "discharge-required" not in info


def test_client_store_layout(simulator):
    """The store is laid out as the Juju CLI does (§9.2–9.4), incl. the cookie jar."""
    controllers, accounts = _store(simulator)
    assert controllers["current-controller"] == "sim"
    details = controllers["controllers"]["sim"]
    assert details["api-endpoints"] == [simulator.url.split("//", 1)[1].rsplit("/api", 1)[0]]
    assert details["ca-cert"].strip() == simulator.ca_cert.strip()
    assert details["uuid"]
    account = accounts["controllers"]["sim"]
    assert account["user"] == "admin"
    assert account["password"] == simulator.admin_password
    jar = simulator.juju_data / "cookies" / "sim.json"
    assert json.loads(jar.read_text()) == []


def test_connect_from_client_store(juju, simulator, monkeypatch):
    monkeypatch.setenv("JUJU_DATA", str(simulator.juju_data))
    controllers, dummy = _store(simulator)
    uuid = controllers["controllers"]["sim"]["uuid"]

    async def scenario():
        # No arguments at all: current controller + account from the store.
        ctl = Controller()
        await ctl.connect()
        try:
            assert ctl.is_connected()
            assert ctl.controller_name == "sim"
            assert ctl.controller_uuid == uuid
            assert ctl.get_current_username() == "admin"
            conn = ctl.connection()
            _assert_admin_login_result(conn.info, uuid)
            me = await ctl.get_current_user()
            assert me.username == "admin"
            assert me.access == "superuser"
        finally:
            await ctl.disconnect()
        assert not ctl.is_connected()

        # As an async context manager (connects from the store, disconnects on exit).
        async with Controller() as ctl:
            assert ctl.get_current_username() == "admin"
            assert ctl.is_connected()
        assert not ctl.is_connected()

        # By controller name.
        ctl = Controller()
        await ctl.connect("sim")
        try:
            assert ctl.controller_name == "sim"
            assert (await ctl.get_current_user()).username == "admin"
        finally:
            await ctl.disconnect()

    juju.run(scenario())


def test_connect_explicit(juju, simulator):
    controllers, dummy = _store(simulator)
    uuid = controllers["controllers"]["sim"]["uuid"]

    async def scenario():
        ctl = Controller()
        await ctl.connect(
            endpoint=juju.endpoint,
            username="admin",
            password=simulator.admin_password,
            cacert=simulator.ca_cert,
        )
        try:
            conn = ctl.connection()
            assert conn.username == "admin"
            _assert_admin_login_result(conn.info, uuid)
            for name, version in EXPECTED_FACADES.items():
                assert conn.facades.get(name) == version, (name, conn.facades)
            # Controller.connect() refreshed its reconnect endpoints from
            # ControllerAPIInfoForModels: they must be where the server listens (§5.4).
            endpoints = [e for e, dummy in conn.endpoints]
            assert juju.endpoint in endpoints
            assert all(ca.strip() == simulator.ca_cert.strip() for dummy, ca in conn.endpoints)
            assert [e for e, dummy in conn.endpoints] == list(await ctl.api_endpoints)
            me = await ctl.get_current_user()
            assert (me.username, me.access) == ("admin", "superuser")
        finally:
            await ctl.disconnect()

        # Positional form: endpoint, username, password, cacert.
        ctl = Controller()
        await ctl.connect(juju.endpoint, "admin", simulator.admin_password, simulator.ca_cert)
        try:
            assert ctl.get_current_username() == "admin"
        finally:
            await ctl.disconnect()

    juju.run(scenario())


def test_connect_ordinary_user(juju):
    """A login-only user connects; the controller model is invisible to it, which
    python-libjuju tolerates (update_endpoints only logs)."""

    async def scenario():
        async with juju.controller("fred") as ctl:
            info = ctl.connection().info
            assert info["user-info"]["identity"] == "user-fred"
            assert info["user-info"]["controller-access"] == "login"
            me = await ctl.get_current_user()
            assert (me.username, me.access, me.disabled) == ("fred", "login", False)
            assert "controller" not in await ctl.list_models()

    juju.run(scenario())


def test_connect_with_foreign_ca_is_refused(juju, simulator):
    """The server certificate must really chain to the CA it hands out (§1.3):
    python-libjuju verifies the chain, so a different CA must fail TLS."""
    other_ca = trustme.CA().cert_pem.bytes().decode()

    async def scenario():
        with pytest.raises(ssl.SSLError):
            await juju.open("admin", cacert=other_ca)

    juju.run(scenario())


@pytest.mark.parametrize("username", ["admin", "nobody"])
def test_bad_credentials_are_refused(juju, username):
    """Wrong password and unknown user look the same (§3.3)."""

    async def scenario():
        err = await juju.login_error(username, "not-the-password")
        assert err.message == "invalid entity name or password"
        assert err.error_code == "unauthorized access"
        assert err.response == {}

    juju.run(scenario())
