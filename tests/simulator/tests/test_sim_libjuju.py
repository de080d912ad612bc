"""python-libjuju, unchanged, connects to the simulator (the conformance suite goes further)."""
import asyncio

import pytest

juju_controller = pytest.importorskip("juju.controller")


def run(coro):
    return asyncio.run(coro)


def test_connect_from_client_store(simulator, monkeypatch):
    monkeypatch.setenv("JUJU_DATA", str(simulator.juju_data))

    async def go():
        c = juju_controller.Controller()
        await c.connect()
        try:
            assert c.controller_name == "sim"
            me = await c.get_current_user()
            assert me.username == "admin" and me.access == "superuser"
            assert await c.list_models() == ["controller", "default", "test-model"]
            new = await c.add_user("libby")
            assert new.secret_key and new.access == "login"
            assert await c.get_user("missing") is None
        finally:
            await c.disconnect()

    run(go())


def test_connect_explicit(simulator):
    async def go():
        c = juju_controller.Controller()
        await c.connect(endpoint="127.0.0.1:%d" % simulator.port, username="fred",
                        password=simulator.passwords["fred"], cacert=simulator.ca_cert)
        try:
            assert [u.username for u in await c.get_users()] == ["fred"]  # ordinary users see themselves
        finally:
            await c.disconnect()

    run(go())
