# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dialer and transport.dial: what happens on the way to a connection that no sentence shows.

The request as the controller sees it (User-Agent), the frame size cap, the fall-through from a
refused address to the next one of the same host name, and a dial that fails at once.
"""
import errno
import os
import socket
import time
import types

import pytest
import trustme

from ansible_collections.juju.controller.plugins.module_utils import dialer, errors, transport
from simclients import closed_port


@pytest.fixture
def padded_server(juju_like_server):
    """(port, ca_pem, padding): a server answering every frame with an empty response and
    padding["length"] characters of padding beside it."""
    padding = {"length": 0}
    port, ca = juju_like_server(lambda frame: {"request-id": frame["request-id"], "response": {},
                                               "padding": "x" * padding["length"]})
    return port, ca, padding


def dial(endpoints, ca, timeout=5):
    return transport.dial(endpoints, ca_cert=ca, timeout=timeout, controller_name="sim")


def test_the_controller_sees_the_collections_user_agent(padded_server, juju_like_server):
    port, ca, dummy = padded_server
    with dial(["127.0.0.1:%d" % port], ca) as conn:
        assert conn.call("Pinger", 1, "Ping") == {}
    assert juju_like_server.user_agents == ["juju.controller-ansible"]


def test_a_frame_over_the_size_cap_is_refused(padded_server, monkeypatch):
    # The cap (64 MiB) bounds the memory one answer may take; lowered here so that a small answer
    # goes over it.
    port, ca, padding = padded_server
    monkeypatch.setattr(dialer, "MAX_FRAME_SIZE", 1024)
    with dial(["127.0.0.1:%d" % port], ca) as conn:
        assert conn.call("Pinger", 1, "Ping") == {}
        padding["length"] = 2048
        with pytest.raises(errors.ConnectionFailed):
            conn.call("Pinger", 1, "Ping")


def fake_socket_module(**overrides):
    """The socket module as dialer sees it, with some names replaced."""
    fake = types.SimpleNamespace(**{name: getattr(socket, name) for name in dir(socket) if not name.startswith("__")})
    for name, value in overrides.items():
        setattr(fake, name, value)
    return fake


def test_a_refused_address_falls_through_to_the_next_address_of_the_name(padded_server, monkeypatch):
    # A host name with two addresses (IPv6 and IPv4 for "localhost", say) where only the second
    # listens: the refusal of the first is read from the socket (SO_ERROR) and the next is tried.
    port, ca, dummy = padded_server
    refused = closed_port()

    def two_addresses(host, port_asked, *args):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", refused)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
    monkeypatch.setattr(dialer, "socket", fake_socket_module(getaddrinfo=two_addresses))
    with dial(["controller.example:%d" % port], ca) as conn:
        assert conn.call("Pinger", 1, "Ping") == {}


def test_an_unreachable_host_is_worded_by_the_system(monkeypatch):
    class Unreachable(socket.socket):
        def connect_ex(self, address):
            return errno.EHOSTUNREACH
    monkeypatch.setattr(dialer, "socket", fake_socket_module(socket=Unreachable))
    endpoint = "127.0.0.1:%d" % closed_port()
    with pytest.raises(errors.ConnectionFailed) as info:
        dial([endpoint], trustme.CA().cert_pem.bytes().decode())
    assert str(info.value) == 'cannot connect to controller "sim" at %s (%s: %s).' % (
        endpoint, endpoint, os.strerror(errno.EHOSTUNREACH))


def test_when_every_endpoint_is_refused_the_dial_fails_at_once():
    # Nothing is left to wait for, so the 60 s timeout is not waited out. (The margin is wide: a
    # refusal takes milliseconds; the assertion tells "at once" from "at the deadline".)
    started = time.monotonic()
    with pytest.raises(errors.ConnectionFailed):
        dial(["127.0.0.1:%d" % closed_port()], trustme.CA().cert_pem.bytes().decode(), timeout=60)
    assert time.monotonic() - started < 30
