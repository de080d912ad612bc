"""transport: TLS websocket dial (pinned name, staggered endpoints), framing, timeouts, closing.

The simulator serves the real conversations. A few small servers of our own (trustme
certificates) stand in for what a controller cannot be made to do: present a certificate
without the juju-apiserver name, never answer (black hole), answer out of order.
"""
import json
import ssl
import threading
import time

import pytest
import trustme
from websockets.sync.server import serve

from ansible_collections.juju.controller.plugins.module_utils import errors, transport
from simclients import closed_port


def login(conn, sim, user="admin"):
    params = {"auth-tag": "user-" + user, "credentials": sim.passwords[user], "nonce": "",
              "macaroons": [], "user-data": "", "client-version": "3.6.1"}
    return conn.call("Admin", 3, "Login", params)


def dial(sim_or_endpoints, ca_cert=None, **kwargs):
    if hasattr(sim_or_endpoints, "port"):
        endpoints, ca_cert = ["127.0.0.1:%d" % sim_or_endpoints.port], ca_cert or sim_or_endpoints.ca_cert
    else:
        endpoints = sim_or_endpoints
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("controller_name", "sim")
    return transport.dial(endpoints, ca_cert=ca_cert, **kwargs)


@pytest.fixture
def tls_server():
    """tls_server(handler, *names) -> (port, ca_pem): a websockets server with a trustme cert."""
    servers = []

    def start(handler, *names):
        ca = trustme.CA()
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(*names).configure_cert(ctx)
        server = serve(handler, "127.0.0.1", 0, ssl=ctx)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.socket.getsockname()[1], ca.cert_pem.bytes().decode()

    yield start
    for server in servers:
        server.shutdown()


# -- endpoints ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("10.0.0.1:17070", ("10.0.0.1", 17070)),
    ("ctrl.example.com:443", ("ctrl.example.com", 443)),
    ("[fd00::1]:17070", ("fd00::1", 17070)),
    ("10.0.0.1", ("10.0.0.1", 17070)),
    ("wss://10.0.0.1:17070/api", ("10.0.0.1", 17070)),
    (" 10.0.0.1:17070 ", ("10.0.0.1", 17070)),
])
def test_parse_endpoint(text, expected):
    assert transport.parse_endpoint(text) == expected


@pytest.mark.parametrize("text", ["ws://10.0.0.1:17070", "https://10.0.0.1:17070", "WS://h:1"])
def test_insecure_schemes_refused_with_a_sentence(text):
    with pytest.raises(errors.InvalidInput) as info:
        transport.parse_endpoint(text)
    assert "only over wss:// (TLS)" in str(info.value) and text in str(info.value)


@pytest.mark.parametrize("text", ["h:0", "h:70000", "h:x", ":17070", ""])
def test_bad_endpoints(text):
    with pytest.raises(errors.InvalidInput):
        transport.parse_endpoint(text)


@pytest.mark.parametrize("text,port", [("h:70000", 70000), ("[::1]:0", 0)])
def test_port_out_of_range_says_so(text, port):
    with pytest.raises(errors.InvalidInput) as info:
        transport.parse_endpoint(text)
    assert str(info.value) == 'endpoint "%s" is not valid: port %d is out of range (1-65535).' % (text, port)


def test_ws_endpoint_refused_before_any_dial(simulator):
    with pytest.raises(errors.InvalidInput):
        dial(["ws://127.0.0.1:%d" % simulator.port], ca_cert=simulator.ca_cert)
    assert simulator.counters["calls"] == {}


def test_format_endpoint():
    assert transport.format_endpoint("fd00::1", 1) == "[fd00::1]:1"
    assert transport.format_endpoint("h", 2) == "h:2"


# -- TLS -----------------------------------------------------------------------------------

def test_dial_and_login(simulator):
    with dial(simulator) as conn:
        result = login(conn, simulator)
        assert result["user-info"]["identity"] == "user-admin"
        assert conn.round_trips == 1
        assert conn.endpoint == "127.0.0.1:%d" % simulator.port
    assert conn.closed


def test_wrong_ca_is_refused(simulator):
    other_ca = trustme.CA().cert_pem.bytes().decode()
    with pytest.raises(errors.ConnectionFailed) as info:
        dial(simulator, ca_cert=other_ca)
    message = str(info.value)
    assert 'controller "sim"' in message and "127.0.0.1:%d" % simulator.port in message
    assert "not signed by the controller's CA" in message
    assert info.value.__class__ is errors.ConnectionFailed


def test_name_is_checked_as_juju_apiserver(tls_server):
    # A certificate valid for the dialled address but not for "juju-apiserver" is refused:
    # Juju's Go client checks that name whatever it dialled (python-libjuju does not).
    port, ca = tls_server(lambda ws: None, "127.0.0.1", "localhost")
    with pytest.raises(errors.ConnectionFailed) as info:
        dial(["127.0.0.1:%d" % port], ca_cert=ca)
    assert 'not valid for the name "juju-apiserver"' in str(info.value)


# Without the controller's CA the system trust store decides, for the name that was dialled, like
# any HTTPS client; SSL_CERT_FILE stands in for the system store (OpenSSL reads it for its defaults).

@pytest.fixture
def system_trusts(monkeypatch, tmp_path):
    """system_trusts(ca_pem): make ca_pem the only CA of the system trust store."""
    def trust(ca_pem):
        path = tmp_path / "system-ca.pem"
        path.write_text(ca_pem)
        monkeypatch.setenv("SSL_CERT_FILE", str(path))
        monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    return trust


def echo_once(ws):
    for text in ws:
        ws.send(json.dumps({"request-id": json.loads(text)["request-id"], "response": {"ok": True}}))


def test_no_ca_connects_when_the_system_store_vouches_for_the_dialled_name(tls_server, system_trusts):
    port, ca = tls_server(echo_once, "localhost")
    system_trusts(ca)
    with dial(["localhost:%d" % port], ca_cert=None) as conn:
        assert conn.call("F", 1, "A") == {"ok": True}


def test_no_ca_refuses_a_certificate_the_system_store_does_not_trust(tls_server, system_trusts):
    port, _ca = tls_server(echo_once, "localhost", "127.0.0.1")
    system_trusts(trustme.CA().cert_pem.bytes().decode())  # some other CA
    with pytest.raises(errors.ConnectionFailed) as info:
        dial(["localhost:%d" % port], ca_cert=None)
    assert str(info.value) == (
        'cannot connect to controller "sim" at localhost:%d (localhost:%d: its certificate is not signed by a CA '
        "this system trusts (give the controller's CA certificate: option ca_cert or JUJU_CA_CERT))." % (port, port))


def test_no_ca_checks_the_dialled_name_not_juju_apiserver(tls_server, system_trusts):
    # A public certificate names the controller's public host; "juju-apiserver" is only what
    # the controller's own CA vouches for.
    port, ca = tls_server(echo_once, "juju-apiserver")
    system_trusts(ca)
    with pytest.raises(errors.ConnectionFailed) as info:
        dial(["127.0.0.1:%d" % port], ca_cert=None)
    assert 'not valid for the name "127.0.0.1"' in str(info.value)


def test_validate_certs_false_connects_and_warns(simulator):
    warnings = []
    other_ca = trustme.CA().cert_pem.bytes().decode()
    with dial(simulator, ca_cert=other_ca, validate_certs=False, warn=warnings.append) as conn:
        login(conn, simulator)
    assert len(warnings) == 1
    assert "verification is disabled" in warnings[0] and 'controller "sim"' in warnings[0]


def test_bad_ca_pem_is_a_settings_error(simulator):
    with pytest.raises(errors.SettingsError) as info:
        dial(simulator, ca_cert="-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
    assert 'CA certificate of controller "sim"' in str(info.value)


def test_no_endpoints():
    with pytest.raises(errors.SettingsError):
        dial([], ca_cert=None)


# -- several endpoints -----------------------------------------------------------------------

def test_dead_first_endpoint_costs_nothing(simulator):
    start = time.monotonic()
    with dial(["127.0.0.1:%d" % closed_port(), "127.0.0.1:%d" % simulator.port],
              ca_cert=simulator.ca_cert, timeout=10) as conn:
        elapsed = time.monotonic() - start
        login(conn, simulator)
        assert conn.endpoint == "127.0.0.1:%d" % simulator.port
    # A refused dial starts the next one at once, without waiting for the 200 ms stagger.
    assert elapsed < 0.2


def test_black_holed_first_endpoint_costs_one_interval(simulator, black_hole):
    hole = "127.0.0.1:%d" % black_hole.getsockname()[1]
    start = time.monotonic()
    with dial([hole, "127.0.0.1:%d" % simulator.port], ca_cert=simulator.ca_cert, timeout=10) as conn:
        elapsed = time.monotonic() - start
        login(conn, simulator)
    assert 0.19 <= elapsed < 1.0  # the stagger, not the 10 s timeout
    # The losing dial was aborted and its socket closed: the black hole sees EOF at once.
    black_hole.settimeout(2)
    peer = black_hole.accept()[0]
    with peer:
        peer.settimeout(2)
        data = peer.recv(65536)  # the ClientHello it never answered
        while data:
            data = peer.recv(65536)
    assert data == b""


def test_syn_black_holed_first_endpoint_costs_one_interval(simulator, syn_black_hole):
    hole = "127.0.0.1:%d" % syn_black_hole.getsockname()[1]
    start = time.monotonic()
    with dial([hole, "127.0.0.1:%d" % simulator.port], ca_cert=simulator.ca_cert, timeout=10) as conn:
        elapsed = time.monotonic() - start
        login(conn, simulator)
    assert 0.19 <= elapsed < 1.0
    # The losing dial, stuck in connect(), notices it was aborted and ends (closing its socket).
    for _poll in range(20):
        if not [t for t in threading.enumerate() if t.name == "juju-dial-" + hole]:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the aborted dial to %s is still running" % hole)


def test_first_success_wins_and_other_is_closed(simulator):
    # Two live endpoints: the first wins, the second dial is never started.
    endpoint = "127.0.0.1:%d" % simulator.port
    with dial([endpoint, "localhost:%d" % simulator.port], ca_cert=simulator.ca_cert) as conn:
        assert conn.endpoint == endpoint


def test_duplicate_endpoints_dialled_once(simulator):
    endpoint = "127.0.0.1:%d" % simulator.port
    with dial([endpoint, endpoint, "wss://" + endpoint], ca_cert=simulator.ca_cert) as conn:
        assert conn.endpoint == endpoint


def test_all_dead_names_every_endpoint():
    a, b = "127.0.0.1:%d" % closed_port(), "127.0.0.1:%d" % closed_port()
    with pytest.raises(errors.ConnectionFailed) as info:
        dial([a, b], ca_cert=None)
    message = str(info.value)
    assert info.value.__class__ is errors.ConnectionFailed
    assert message.startswith('cannot connect to controller "sim" at %s, %s (' % (a, b))
    assert "%s: connection refused; %s: connection refused" % (a, b) in message


@pytest.mark.parametrize("hole_fixture", ["black_hole", "syn_black_hole"])
def test_connect_timeout(request, hole_fixture):
    hole = "127.0.0.1:%d" % request.getfixturevalue(hole_fixture).getsockname()[1]
    start = time.monotonic()
    with pytest.raises(errors.Timeout) as info:
        dial([hole], ca_cert=trustme.CA().cert_pem.bytes().decode(), timeout=0.5)
    assert time.monotonic() - start < 1.5
    assert "within 0.5 s" in str(info.value) and hole in str(info.value)


def test_unresolvable_host():
    with pytest.raises(errors.ConnectionFailed) as info:
        dial(["no-such-host.invalid:17070"], ca_cert=None, timeout=3)
    assert "does not resolve" in str(info.value)


# -- framing ---------------------------------------------------------------------------------

def test_request_ids_and_out_of_order_answers(tls_server):
    seen = []

    def handler(ws):
        for text in ws:
            frame = json.loads(text)
            seen.append(frame)
            rid = frame["request-id"]
            # A stray answer to another id first: the client must skip it.
            ws.send(json.dumps({"request-id": rid + 100, "response": {"stray": True}}))
            if frame["request"] == "Fail":
                ws.send(json.dumps({"request-id": rid, "error": "user already has \"login\" access "
                                    "or greater", "response": {}}))
            else:
                ws.send(json.dumps({"request-id": rid, "response": {"echo": frame["params"]}}))

    port, ca = tls_server(handler, "juju-apiserver")
    with dial(["127.0.0.1:%d" % port], ca_cert=ca) as conn:
        assert conn.call("F", 1, "A", {"x": 1}) == {"echo": {"x": 1}}
        assert conn.call("F", 1, "B") == {"echo": {}}
        with pytest.raises(errors.AlreadyHasAccess):
            conn.call("F", 1, "Fail", context="cannot grant")
        assert conn.round_trips == 3
    assert [f["request-id"] for f in seen] == [1, 2, 3]
    assert seen[0] == {"request-id": 1, "type": "F", "version": 1, "request": "A", "params": {"x": 1}}


def test_tls13_session_tickets_do_not_race(tls_server):
    # Real controllers (Go's crypto/tls) send TLS 1.3 session tickets right after the
    # handshake; a client that reads on one thread while writing the upgrade on another
    # can hang (websockets.sync did, 2 dials in 300 here). Ours uses one thread.
    def handler(ws):
        for text in ws:
            ws.send(json.dumps({"request-id": json.loads(text)["request-id"], "response": {}}))

    port, ca = tls_server(handler, "juju-apiserver")  # default server context: 2 tickets
    for _attempt in range(150):
        with dial(["127.0.0.1:%d" % port], ca_cert=ca, timeout=3) as conn:
            assert conn.call("F", 1, "A") == {}


def test_large_fragmented_frames_accepted(tls_server):
    big = "x" * (3 * 1024 * 1024)  # above websockets' 1 MiB default, below our 64 MiB

    def handler(ws):
        for text in ws:
            reply = json.dumps({"request-id": json.loads(text)["request-id"], "response": {"big": big}})
            # Juju's Go server writes big messages in fragments (its writer flushes 4 KiB frames).
            ws.send(reply[i:i + 4096] for i in range(0, len(reply), 4096))

    port, ca = tls_server(handler, "juju-apiserver")
    with dial(["127.0.0.1:%d" % port], ca_cert=ca) as conn:
        assert len(conn.call("F", 1, "Big")["big"]) == len(big)


def test_garbage_frame_closes(tls_server):
    port, ca = tls_server(lambda ws: [ws.send("not json") for _frame in ws], "juju-apiserver")
    with dial(["127.0.0.1:%d" % port], ca_cert=ca) as conn:
        with pytest.raises(errors.ConnectionFailed) as info:
            conn.call("F", 1, "A")
        assert "not JSON" in str(info.value)
        assert conn.closed


def test_request_timeout_closes_the_connection(simulator):
    with dial(simulator, timeout=5) as conn:
        login(conn, simulator)
        simulator.inject("Pinger", "Ping", delay=2)
        start = time.monotonic()
        with pytest.raises(errors.Timeout) as info:
            conn.call("Pinger", 1, "Ping", timeout=0.3)
        assert time.monotonic() - start < 1.0
        assert str(info.value) == ('controller "sim" (127.0.0.1:%d) did not answer Pinger.Ping within '
                                   '0.3 s; the connection was closed.' % simulator.port)
        assert conn.closed
        with pytest.raises(errors.ConnectionFailed) as info:
            conn.call("Pinger", 1, "Ping")
        assert "is closed" in str(info.value)


def test_dropped_connection_mid_call_is_lost_not_a_protocol_error(simulator):
    # The simulator aborts the TCP connection as a killed controller's kernel does: no close frame.
    with dial(simulator) as conn:
        login(conn, simulator)
        simulator.inject("UserManager", "UserInfo", drop=True)
        with pytest.raises(errors.ConnectionFailed) as info:
            conn.call("UserManager", 3, "UserInfo", {"entities": [], "include-disabled": False})
        assert info.value.__class__ is errors.ConnectionFailed
        assert str(info.value) == ('the connection to controller "sim" (127.0.0.1:%d) was lost during '
                                   'UserManager.UserInfo (the controller or the network dropped the '
                                   'connection).' % simulator.port)
        assert conn.closed


@pytest.mark.parametrize("exc", [ssl.SSLEOFError(8, "EOF occurred in violation of protocol"),
                                 ssl.SSLZeroReturnError(6, "TLS/SSL connection has been closed (EOF)"),
                                 ConnectionResetError(104, "Connection reset by peer"), BrokenPipeError(32, "pipe")])
def test_every_way_the_peer_goes_away_reads_as_dropped(exc):
    assert transport.describe_dial_error(exc, "juju-apiserver") == "the controller or the network dropped the connection"


def test_controller_stopped_mid_call_is_lost(simulator):
    with dial(simulator) as conn:
        login(conn, simulator)
        simulator.inject("Pinger", "Ping", delay=5)
        stopper = threading.Timer(0.2, simulator.stop)
        stopper.start()
        try:
            with pytest.raises(errors.ConnectionFailed) as info:
                conn.call("Pinger", 1, "Ping")
        finally:
            stopper.join()
        assert str(info.value) == ('the connection to controller "sim" (127.0.0.1:%d) was lost during '
                                   'Pinger.Ping (the controller closed the connection).' % simulator.port)


def test_call_level_error_is_classified(simulator):
    with dial(simulator) as conn:
        with pytest.raises(errors.NotImplemented) as info:
            conn.call("UserManager", 3, "UserInfo", {"entities": [], "include-disabled": False})
        assert info.value.code == "not implemented"  # nothing but Admin before Login (§2.5)
        assert not conn.closed
