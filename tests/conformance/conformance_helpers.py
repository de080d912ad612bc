# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers for the conformance suite: python-libjuju (the official Juju client,
``juju`` 3.6.1.3) driving the simulated controller, unchanged.

Every test gets the ``simulator`` fixture of tests/conftest.py (fresh, default
fixture, schema validation of every frame on; a violation fails the test) and
the ``juju`` fixture below, which wraps python-libjuju.

python-libjuju is asyncio; tests are plain sync functions that call
``juju.run(coro)`` (``asyncio.run`` with a timeout, so a hung simulator fails
the test instead of hanging the suite).
"""
from __future__ import annotations

import asyncio
import base64
import contextlib
import re
from urllib.parse import urlparse

import pytest

from juju.client import client as jclient
from juju.controller import Controller
from juju.errors import JujuAPIError

RFC3339_UTC_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

# The offer of the default fixture (juju-api.md §7.3: owner admin, everyone@external read).
OFFER_URL = "fred/prod.hosted-mysql"

# One coroutine (a whole scenario) must finish within this many seconds.
SCENARIO_TIMEOUT = 30


class LibJuju:
    """python-libjuju bound to one running simulator."""

    def __init__(self, sim):
        self.sim = sim
        parsed = urlparse(sim.url)
        assert parsed.scheme == "wss" and parsed.path == "/api", sim.url
        # python-libjuju takes "host:port" and builds wss://host:port/api itself.
        self.endpoint = "%s:%d" % (parsed.hostname, parsed.port)

    # -- running -----------------------------------------------------------
    @staticmethod
    def run(coro):
        async def bounded():
            return await asyncio.wait_for(coro, SCENARIO_TIMEOUT)

        return asyncio.run(bounded())

    # -- credentials -------------------------------------------------------
    def password_of(self, username):
        if username == "admin":
            return self.sim.admin_password
        return self.sim.passwords[username]

    # -- connections -------------------------------------------------------
    async def open(self, username="admin", password=None, cacert=None, **kwargs):
        """Controller().connect() with explicit endpoint/username/password/cacert."""
        if password is None:
            password = self.password_of(username)
        ctl = Controller()
        await ctl.connect(
            endpoint=self.endpoint,
            username=username,
            password=password,
            cacert=self.sim.ca_cert if cacert is None else cacert,
            **kwargs,
        )
        return ctl

    @contextlib.asynccontextmanager
    async def controller(self, username="admin", password=None):
        ctl = await self.open(username, password)
        try:
            yield ctl
        finally:
            await ctl.disconnect()

    async def login_error(self, username, password):
        """Log in expecting Juju to refuse; return the JujuAPIError."""
        ctl = Controller()
        try:
            await ctl.connect(
                endpoint=self.endpoint,
                username=username,
                password=password,
                cacert=self.sim.ca_cert,
            )
        except JujuAPIError as exc:
            return exc
        await ctl.disconnect()
        pytest.fail("login as %r unexpectedly succeeded" % username)

    async def can_login(self, username, password):
        ctl = await self.open(username, password)
        try:
            info = ctl.connection().info
            assert info["user-info"]["identity"] == "user-" + username
            return True
        finally:
            await ctl.disconnect()

    # -- reading state through python-libjuju's own facade classes --------
    @staticmethod
    async def model_users(ctl, model_name):
        """{user: access} of a model, via ModelManager.ModelInfo (as seen by ctl's user)."""
        info = await ctl.get_model_info(model_name=model_name)
        return {u.user: u.access for u in (info.users or [])}

    @staticmethod
    async def offer_users(ctl, offer_url=OFFER_URL):
        """{user: access} of an offer, via ApplicationOffers.ApplicationOffers."""
        facade = jclient.ApplicationOffersFacade.from_connection(ctl.connection())
        res = await facade.ApplicationOffers(offer_urls=[offer_url])
        assert len(res.results) == 1
        details = res.results[0].result
        return {u.user: u.access for u in (details.users or [])}


def _assert_validating(sim):
    """The conformance suite is meaningless if frames are not checked against the schema:
    the simulator must have a schema validator loaded (tests/conftest.py fails the test
    on any recorded violation at teardown)."""
    server = getattr(sim, "server", None)
    assert server is not None and getattr(server, "validator", None) is not None, (
        "simulator schema validation must be on for conformance tests"
    )


def decode_secret_key(secret_key):
    """Juju sends []byte as standard padded base64 (juju-api.md §4.2)."""
    assert isinstance(secret_key, str), secret_key
    return base64.b64decode(secret_key, validate=True)
