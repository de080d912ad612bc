"""TLS behaviour of the simulated controller matches Go's crypto/tls (juju-api.md §1.3).

A real controller speaks TLS 1.3 and sends session tickets after the handshake, so clients
must cope with post-handshake messages arriving while they write; the simulator must not
hide that.
"""
import socket
import ssl

from jujusim.wire import RawClient


def tls_connect(simulator, ctx, session=None):
    raw = socket.create_connection(("127.0.0.1", simulator.port), timeout=10)
    return ctx.wrap_socket(raw, server_hostname="juju-apiserver", session=session)


def http_get(sock):
    """One plain HTTP exchange, so the client reads past the handshake (tickets come after it)."""
    sock.sendall(b"GET /api HTTP/1.1\r\nHost: juju-apiserver\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def test_tls13_session_ticket_sent(simulator):
    ctx = ssl.create_default_context(cadata=simulator.ca_cert)
    with tls_connect(simulator, ctx) as sock:
        assert sock.version() == "TLSv1.3"
        assert http_get(sock).startswith(b"HTTP/1.1 ")
        session = sock.session
        assert session is not None and session.has_ticket
        assert session.ticket_lifetime_hint > 0
    # The ticket is usable: a new connection resumes the session, as a Go client may.
    with tls_connect(simulator, ctx, session=session) as sock:
        assert sock.session_reused
        assert http_get(sock).startswith(b"HTTP/1.1 ")


def test_raw_client_with_session_tickets(simulator):
    for dummy in range(30):  # the threaded client this replaced hung about once in ten connections
        with RawClient(simulator) as c:
            assert c.login("admin", simulator.admin_password)["user-info"]["identity"] == "user-admin"
            assert c.call("Pinger", "Ping") == {}
            assert c.ws.sock.version() == "TLSv1.3"
            assert c.ws.sock.session is not None and c.ws.sock.session.has_ticket
