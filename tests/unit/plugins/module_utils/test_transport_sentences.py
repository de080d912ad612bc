# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""transport: every sentence dial() and Connection.call() can end with, word for word.

test_transport.py checks what happens (which error, which endpoint wins, what is closed); these
pin what the user reads, since a module's failure message is the exception's text.
"""

import pytest
import trustme

from ansible_collections.juju.controller.plugins.module_utils import errors, transport
from simclients import closed_port


def test_dial_without_websockets_says_what_to_install(monkeypatch):
    monkeypatch.setattr(transport, "WEBSOCKETS_IMPORT_ERROR", ImportError("No module named 'websockets'"))
    with pytest.raises(errors.ConnectionFailed) as info:
        transport.dial(["127.0.0.1:17070"], controller_name="sim")
    assert str(info.value) == ("the Python library websockets (13.1 or later) is required to talk to a Juju "
                               "controller but cannot be imported (No module named 'websockets').")


@pytest.mark.parametrize("endpoints", [[], None])
@pytest.mark.parametrize("controller_name, expected", [
    ("sim", 'no API endpoint is known for controller "sim".'),
    # A dial without a controller name (a registration's first contact) names no controller.
    ("", "no API endpoint is known for the controller."),
])
def test_no_endpoint_sentence(endpoints, controller_name, expected):
    with pytest.raises(errors.SettingsError) as info:
        transport.dial(endpoints, controller_name=controller_name)
    assert str(info.value) == expected


@pytest.mark.parametrize("validate_certs, expected", [
    (False, ['TLS certificate verification is disabled for controller "sim": the connection is encrypted but '
             "the controller is not authenticated, so the credentials could reach an impostor."]),
    (True, []),
])
def test_unverified_tls_warns_once_in_these_words(simulator, validate_certs, expected):
    warnings = []
    with transport.dial(["127.0.0.1:%d" % simulator.port], ca_cert=simulator.ca_cert, validate_certs=validate_certs,
                        timeout=5, controller_name="sim", warn=warnings.append):
        pass
    assert warnings == expected


def test_every_endpoint_failing_in_time_is_a_connection_failure_naming_each():
    refused1, refused2 = "127.0.0.1:%d" % closed_port(), "127.0.0.1:%d" % closed_port()
    with pytest.raises(errors.ConnectionFailed) as info:
        transport.dial([refused1, refused2], timeout=2, controller_name="sim")
    assert info.value.__class__ is errors.ConnectionFailed
    assert str(info.value) == ('cannot connect to controller "sim" at %s, %s (%s: connection refused; '
                               '%s: connection refused).' % (refused1, refused2, refused1, refused2))


def test_an_endpoint_still_dialling_at_the_deadline_is_a_timeout_naming_each(black_hole):
    # The refused endpoint fails at once and the next one is dialled without waiting; the black
    # hole is still in its TLS handshake when the deadline passes. Failures come first.
    refused, hole = "127.0.0.1:%d" % closed_port(), "127.0.0.1:%d" % black_hole.getsockname()[1]
    with pytest.raises(errors.Timeout) as info:
        transport.dial([refused, hole], ca_cert=trustme.CA().cert_pem.bytes().decode(), timeout=0.4,
                       controller_name="sim")
    assert str(info.value) == ('cannot connect to controller "sim" at %s, %s within 0.4 s (%s: connection refused; '
                               '%s: no answer in time).' % (refused, hole, refused, hole))


def dial(port, ca):
    return transport.dial(["127.0.0.1:%d" % port], ca_cert=ca, timeout=5, controller_name="sim")


def test_a_frame_that_is_not_json_closes_the_connection_and_says_so(juju_like_server):
    port, ca = juju_like_server(lambda frame: "not json")
    with dial(port, ca) as conn:
        with pytest.raises(errors.ConnectionFailed) as info:
            conn.call("UserManager", 3, "UserInfo")
        assert str(info.value) == ('controller "sim" (127.0.0.1:%d) sent a frame that is not JSON during '
                                   'UserManager.UserInfo; the connection was closed.' % port)
        with pytest.raises(errors.ConnectionFailed) as info:
            conn.call("UserManager", 3, "AddUser")
        assert str(info.value) == ('the connection to controller "sim" (127.0.0.1:%d) is closed; '
                                   'UserManager.AddUser was not sent.' % port)


@pytest.mark.parametrize("answer", [{}, {"response": None}, {"response": [1]}, {"response": "ok"}])
def test_an_answer_without_a_response_object_is_an_empty_one(juju_like_server, answer):
    port, ca = juju_like_server(lambda frame: dict(answer, **{"request-id": frame["request-id"]}))
    with dial(port, ca) as conn:
        assert conn.call("Pinger", 1, "Ping") == {}


def test_an_error_frame_is_classified_with_its_code_and_the_callers_context(juju_like_server):
    def answer(frame):
        if frame["request"] == "Coded":
            return {"request-id": frame["request-id"], "error": "user \"bob\" not found", "error-code": "not found"}
        return {"request-id": frame["request-id"], "error": "something broke"}
    port, ca = juju_like_server(answer)
    with dial(port, ca) as conn:
        with pytest.raises(errors.NotFound) as info:
            conn.call("UserManager", 3, "Coded", context="cannot remove user bob")
        assert (str(info.value), info.value.code) == ('cannot remove user bob: user "bob" not found', "not found")
        with pytest.raises(errors.JujuError) as info:
            conn.call("UserManager", 3, "Uncoded")
        assert (info.value.__class__, str(info.value), info.value.code) == (errors.JujuError, "something broke", "")
        assert conn.round_trips == 2


class RecordingWebSocket(object):
    def __init__(self):
        self.closed_with = []

    def close(self, timeout=1.0):
        self.closed_with.append(timeout)


def test_close_closes_the_websocket_once_within_the_close_timeout():
    ws = RecordingWebSocket()
    conn = transport.Connection(ws, "127.0.0.1:17070", "sim", 5.0)
    assert not conn.closed
    conn.close()
    conn.close()
    assert conn.closed
    assert ws.closed_with == [transport.CLOSE_TIMEOUT] == [1.0]


def test_round_trips_count_the_requests_sent_from_zero(simulator):
    with transport.dial(["127.0.0.1:%d" % simulator.port], ca_cert=simulator.ca_cert, timeout=5,
                        controller_name="sim") as conn:
        assert conn.round_trips == 0
        with pytest.raises(errors.NotImplemented):
            conn.call("UserManager", 3, "UserInfo", {"entities": [], "include-disabled": False})
        assert conn.round_trips == 1


def test_a_dial_given_no_controller_name_names_no_controller():
    with pytest.raises(errors.SettingsError) as info:
        transport.dial([])
    assert str(info.value) == "no API endpoint is known for the controller."
