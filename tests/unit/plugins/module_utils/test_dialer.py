# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dialer: the clause that says why one endpoint failed, and an Attempt's abort.

The transport tests meet the common failures through real dials (refused, unresolvable, wrong
CA, wrong name, black holes). The rarer ones a controller cannot be made to produce on demand
(an expired certificate, a non-Juju HTTPS server, a TLS error with a reason code) are built here
the way the ssl and websockets modules build them, and each clause is pinned word for word:
these sentences are what a user reads when a playbook cannot reach the controller.
"""
import queue
import threading
import socket
import ssl
import time

import pytest
from websockets.datastructures import Headers
from websockets.exceptions import InvalidStatus
from websockets.http11 import Response

from ansible_collections.juju.controller.plugins.module_utils import dialer, errors
from ansible_collections.juju.controller.plugins.module_utils.websocket import ConnectionLost
from simclients import closed_port

SYSTEM_STORE = ("its certificate is not signed by a CA this system trusts (give the controller's "
                "CA certificate: option ca_cert or JUJU_CA_CERT)")
WRONG_CA = "its certificate is not signed by the controller's CA (wrong ca_cert?)"


def cert_error(code, message):
    """An SSLCertVerificationError as _ssl.c raises it: reason, verify_code and verify_message set."""
    exc = ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s (_ssl.c:1006)" % message)
    exc.library, exc.reason = "SSL", "CERTIFICATE_VERIFY_FAILED"
    exc.verify_code, exc.verify_message = code, message
    return exc


def tls_error(reason, text):
    """A plain SSLError as _ssl.c raises it (reason is the OpenSSL reason code, or None)."""
    exc = ssl.SSLError(1, text)
    exc.library, exc.reason = "SSL", reason
    return exc


# OpenSSL's verify codes: 2 unable to get issuer certificate, 18 self-signed leaf, 19 self-signed
# in chain, 20 unable to get local issuer, 21 unable to verify the first certificate. Each means
# another CA signed the certificate, and the clause depends on which trust was asked.
@pytest.mark.parametrize("code", [2, 18, 19, 20, 21])
@pytest.mark.parametrize("server_hostname, expected", [("juju-apiserver", WRONG_CA), ("ctrl.example.com", SYSTEM_STORE)])
def test_certificate_signed_by_another_ca(code, server_hostname, expected):
    assert dialer.describe_dial_error(cert_error(code, "self-signed certificate"), server_hostname) == expected


@pytest.mark.parametrize("exc, server_hostname, expected", [
    (cert_error(62, "Hostname mismatch, certificate is not valid for 'juju-apiserver'."), "juju-apiserver",
     'its certificate is not valid for the name "juju-apiserver"'),
    (cert_error(64, "IP address mismatch, certificate is not valid for '10.0.0.1'."), "10.0.0.1",
     'its certificate is not valid for the name "10.0.0.1"'),
    (cert_error(10, "certificate has expired"), "juju-apiserver", "its certificate has expired"),
    # Any other verify code: OpenSSL's own words for it.
    (cert_error(9, "certificate is not yet valid"), "juju-apiserver",
     "its certificate was rejected (certificate is not yet valid)"),
    # _ssl.c sets verify_message to None when OpenSSL has no text for the code: the reason code then.
    (cert_error(9, None), "juju-apiserver", "its certificate was rejected (CERTIFICATE_VERIFY_FAILED)"),
    (tls_error("WRONG_VERSION_NUMBER", "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"),
     "juju-apiserver", "the TLS handshake failed (WRONG_VERSION_NUMBER)"),
    # No reason code: the whole message; no message either: the class name.
    (tls_error(None, "record layer failure"), "juju-apiserver", "the TLS handshake failed (record layer failure)"),
    (tls_error(None, ""), "juju-apiserver", "the TLS handshake failed (SSLError)"),
    (socket.timeout("timed out"), "juju-apiserver", "no answer in time"),
    (TimeoutError(), "juju-apiserver", "no answer in time"),
    (ConnectionRefusedError(111, "Connection refused"), "juju-apiserver", "connection refused"),
    (socket.gaierror(-2, "Name or service not known"), "juju-apiserver", "the host name does not resolve"),
    (ConnectionLost("the controller closed the connection"), "juju-apiserver", "the controller closed the connection"),
    (EOFError(), "juju-apiserver", "the controller or the network dropped the connection"),
    # An HTTPS server that is not a Juju controller refuses the websocket upgrade.
    (InvalidStatus(Response(404, "Not Found", Headers())), "juju-apiserver",
     "no Juju API websocket there (server rejected WebSocket connection: HTTP 404)"),
    # Other socket errors: the system's words (strerror), else the message, else the class name.
    (OSError(113, "No route to host"), "juju-apiserver", "No route to host"),
    (OSError("no address"), "juju-apiserver", "no address"),
    (OSError(), "juju-apiserver", "OSError"),
    (ValueError("bad frame"), "juju-apiserver", "bad frame"),
    (Exception(), "juju-apiserver", "Exception"),
], ids=lambda value: value if isinstance(value, str) else type(value).__name__)
def test_describe_dial_error_sentences(exc, server_hostname, expected):
    assert dialer.describe_dial_error(exc, server_hostname) == expected


def attempt_on(sim, finished):
    ctx = dialer.tls_context(sim.ca_cert, True, "sim")
    return dialer.Attempt("127.0.0.1", sim.port, "/api", ctx, dialer.SERVER_NAME, time.monotonic() + 5, finished)


def test_attempt_aborted_before_its_thread_runs_never_connects(simulator):
    # dial() aborts every attempt still pending once one has won; an attempt started just before
    # may not have reached its first step yet, and must then give up rather than open a
    # connection nobody would ever close.
    finished = queue.Queue()
    attempt = attempt_on(simulator, finished)
    attempt.abort()
    attempt.start()
    assert finished.get(timeout=5) is attempt
    assert attempt.conn is None
    assert type(attempt.error) is dialer._Cancelled  # pylint: disable=protected-access,unidiomatic-typecheck


def test_abort_closes_a_connection_that_won_too_late_within_the_close_timeout(simulator):
    # An attempt that connected after another one won is closed by abort(), with the bounded
    # close timeout (an unbounded close could block on a peer that stopped reading).
    finished = queue.Queue()
    attempt = attempt_on(simulator, finished)
    attempt.start()
    assert finished.get(timeout=5) is attempt
    ws, timeouts = attempt.conn, []
    real_close = ws.close
    ws.close = lambda timeout=1.0: timeouts.append(timeout) or real_close(timeout)
    attempt.abort()
    assert timeouts == [dialer.CLOSE_TIMEOUT] == [1.0]
    assert attempt.conn is None  # given up: dial() can never hand it out


# -- endpoints ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("h:1", ("h", 1)), ("h:65535", ("h", 65535)), ("[::1]:1", ("::1", 1)),
    # Only the host:port of a wss:// URL counts, whatever its path (a model's API path has slashes).
    ("wss://10.0.0.1:17070/model/d0c2e5b5-6f5d-4f5e-8a8f-7ed6c1f0b0a1/api", ("10.0.0.1", 17070)),
    ("wss://10.0.0.1:17070/api?next=wss://10.0.0.2:1", ("10.0.0.1", 17070)),
])
def test_endpoints_at_the_edges_accepted(text, expected):
    assert dialer.parse_endpoint(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("ws://10.0.0.1:17070", 'refusing endpoint "ws://10.0.0.1:17070": Juju controllers are reached only over wss:// '
                            '(TLS), give "host:port" or "wss://host:port".'),
    ("h:x", 'endpoint "h:x" is not valid: use "host:port".'),
    (":17070", 'endpoint ":17070" is not valid: use "host:port".'),
    ("", 'endpoint "" is not valid: use "host:port".'),
    ("h:0", 'endpoint "h:0" is not valid: port 0 is out of range (1-65535).'),
    ("h:65536", 'endpoint "h:65536" is not valid: port 65536 is out of range (1-65535).'),
])
def test_endpoint_refusals_word_for_word(text, expected):
    with pytest.raises(errors.InvalidInput) as info:
        dialer.parse_endpoint(text)
    assert str(info.value) == expected


@pytest.mark.parametrize("port, valid", [(0, False), (1, True), (65535, True), (65536, False)])
def test_valid_port_bounds(port, valid):
    assert dialer.valid_port(port) is valid


# -- the controller's CA ---------------------------------------------------------------------

NOT_PEM = "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n"


def test_a_ca_that_is_not_pem_is_refused_with_ssls_reason():
    problem = dialer.ca_cert_problem(NOT_PEM)
    # ssl's own words for it (OpenSSL's part varies between versions), never a lost exception's "None".
    assert "cadata does not contain a certificate" in problem
    with pytest.raises(errors.SettingsError) as info:
        dialer.tls_context(NOT_PEM, True, "sim")
    assert str(info.value) == 'the CA certificate of controller "sim" is not a valid PEM certificate (%s).' % problem


# -- an Attempt on its own -------------------------------------------------------------------

def unverified_attempt(port, finished, seconds):
    ctx = dialer.tls_context(None, False, "sim")
    return dialer.Attempt("127.0.0.1", port, "/api", ctx, dialer.SERVER_NAME, time.monotonic() + seconds, finished)


@pytest.mark.parametrize("hole_fixture", ["black_hole", "syn_black_hole"])
def test_an_attempt_gives_up_at_its_own_deadline(request, hole_fixture):
    # Each step (the TCP connect, the TLS handshake) is bounded by the deadline, not only by
    # dial() aborting it: nothing else stops an attempt whose dial() has already returned.
    port = request.getfixturevalue(hole_fixture).getsockname()[1]
    finished = queue.Queue()
    attempt = unverified_attempt(port, finished, 0.3)
    start = time.monotonic()
    attempt.start()
    assert finished.get(timeout=5) is attempt
    assert time.monotonic() - start < 1.5
    assert (attempt.conn, dialer.describe_dial_error(attempt.error, dialer.SERVER_NAME)) == (None, "no answer in time")


def test_an_attempt_with_less_than_a_second_left_still_connects(simulator):
    finished = queue.Queue()
    ctx = dialer.tls_context(simulator.ca_cert, True, "sim")
    attempt = dialer.Attempt("127.0.0.1", simulator.port, "/api", ctx, dialer.SERVER_NAME, time.monotonic() + 0.9,
                             finished)
    attempt.start()
    assert finished.get(timeout=5) is attempt
    assert (attempt.error, attempt.conn is not None) == (None, True)
    attempt.abort()


def test_a_refused_attempt_records_the_refusal_and_returns():
    # Run on the test's thread: an exception escaping _run would be lost on a dial thread.
    finished = queue.Queue()
    attempt = unverified_attempt(closed_port(), finished, 5)
    attempt._run()  # pylint: disable=protected-access
    assert finished.get_nowait() is attempt
    assert (attempt.conn, dialer.describe_dial_error(attempt.error, dialer.SERVER_NAME)) == (None, "connection refused")


def test_the_dial_runs_on_a_daemon_thread_named_for_its_endpoint(black_hole):
    # A daemon thread: a module exits as soon as it is done, even while a losing dial still
    # waits for an answer. The name says which endpoint a stuck thread dials.
    finished, port = queue.Queue(), black_hole.getsockname()[1]
    attempt = unverified_attempt(port, finished, 5)
    attempt.start()
    try:
        threads = [t for t in threading.enumerate() if t.name == "juju-dial-127.0.0.1:%d" % port]
        assert [t.daemon for t in threads] == [True]
    finally:
        attempt.abort()
    assert finished.get(timeout=5) is attempt
