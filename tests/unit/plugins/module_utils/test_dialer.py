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
import socket
import ssl
import time

import pytest
from websockets.datastructures import Headers
from websockets.exceptions import InvalidStatus
from websockets.http11 import Response

from ansible_collections.juju.controller.plugins.module_utils import dialer
from ansible_collections.juju.controller.plugins.module_utils.websocket import ConnectionLost

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
