"""A minimal synchronous Juju RPC client for the simulator's own tests and fixtures.

Deliberately tiny and independent of plugins/: it speaks raw frames so tests can
assert on exactly what the server sends.

Every socket read and write happens on the calling thread: websockets' Sans-I/O
ClientProtocol is driven by hand over a blocking TLS socket. (websockets.sync reads on a
background thread while the caller writes; a Python SSLSocket is not safe for concurrent
use, and with TLS 1.3 session tickets -- which the simulator sends, like Go's crypto/tls --
that raced and hung connections.)
"""
import collections
import itertools
import json
import socket
import ssl
import time

from websockets.client import ClientProtocol
from websockets.frames import Opcode
from websockets.http11 import USER_AGENT, Response
from websockets.protocol import CLOSED, CONNECTING, OPEN
from websockets.uri import parse_uri

DEFAULT_VERSIONS = {"Admin": 3, "Pinger": 1, "UserManager": 3, "Controller": 12,
                    "ModelManager": 10, "ApplicationOffers": 5, "Cloud": 7}

OPEN_TIMEOUT = 10   # TCP connect + TLS handshake + WebSocket upgrade
CLOSE_TIMEOUT = 10  # waiting for the server to finish the closing handshake
RECV_BUFSIZE = 65536


class WebSocket:
    """A blocking WebSocket client connection (the subset of websockets.sync's API the tests use).

    send(str|bytes); recv(timeout=None) -> str|bytes, raising TimeoutError on timeout and
    websockets.exceptions.ConnectionClosed once the connection is closed; close().
    """

    def __init__(self, url, ssl_context, server_hostname=None, open_timeout=OPEN_TIMEOUT):
        uri = parse_uri(url)
        self.protocol = ClientProtocol(uri, max_size=None)
        self._events = collections.deque()
        self._fragments = None  # (opcode, [data, ...]) of a fragmented message being received
        deadline = time.monotonic() + open_timeout
        raw = socket.create_connection((uri.host, uri.port), timeout=open_timeout)
        try:
            self.sock = ssl_context.wrap_socket(raw, server_hostname=server_hostname or uri.host)
        except BaseException:
            raw.close()
            raise
        try:
            request = self.protocol.connect()
            request.headers["User-Agent"] = USER_AGENT
            self.protocol.send_request(request)
            self._flush()
            while self.protocol.handshake_exc is None and self.protocol.state is CONNECTING:
                if not self._read(deadline):
                    raise TimeoutError("timed out while waiting for handshake response")
            if self.protocol.handshake_exc is not None:
                raise self.protocol.handshake_exc
            response = self._events.popleft()
            assert isinstance(response, Response)
            self.response = response
        except BaseException:
            self._close_socket()
            raise

    # -- public API -------------------------------------------------------------------------

    def send(self, message):
        if self.protocol.state is not OPEN:
            self._wait_closed()
            raise self.protocol.close_exc
        if isinstance(message, str):
            self.protocol.send_text(message.encode())
        else:
            self.protocol.send_binary(bytes(message))
        try:
            self._flush()
        except OSError:
            self._lost()
            raise self.protocol.close_exc

    def recv(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            while self._events:
                message = self._message(self._events.popleft())
                if message is not None:
                    return message
            if self.protocol.state is CLOSED:
                raise self.protocol.close_exc
            if not self._read(deadline):
                raise TimeoutError("timed out while waiting for a message")

    def close(self):
        """Run the closing handshake (bounded by CLOSE_TIMEOUT) and release the socket."""
        try:
            if self.protocol.state is OPEN:
                self.protocol.send_close(1000)
                self._flush()
            self._wait_closed()
        except OSError:
            self._lost()
        finally:
            self._close_socket()

    # -- internals --------------------------------------------------------------------------

    def _message(self, frame):
        """A complete data message from a frame, or None (control frame, partial message)."""
        if frame.opcode in (Opcode.TEXT, Opcode.BINARY):
            if not frame.fin:
                self._fragments = (frame.opcode, [frame.data])
                return None
            opcode, data = frame.opcode, frame.data
        elif frame.opcode is Opcode.CONT:
            self._fragments[1].append(frame.data)
            if not frame.fin:
                return None
            (opcode, parts), self._fragments = self._fragments, None
            data = b"".join(parts)
        else:  # ping (the protocol already queued and we flushed the pong), pong, close
            return None
        return data.decode() if opcode is Opcode.TEXT else bytes(data)

    def _read(self, deadline):
        """Read once from the socket and feed the protocol; False on timeout."""
        if self.protocol.state is CLOSED:
            return True
        timeout = None if deadline is None else deadline - time.monotonic()
        if timeout is not None and timeout <= 0:
            return False
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(RECV_BUFSIZE)
        except socket.timeout:
            return False
        except OSError:  # reset, TLS error: the connection is gone
            data = b""
        if data:
            self.protocol.receive_data(data)
        else:
            self.protocol.receive_eof()
        self._events.extend(self.protocol.events_received())
        try:
            self._flush()  # pongs, the echoed close frame
        except OSError:
            self._lost()
        return True

    def _flush(self):
        for data in self.protocol.data_to_send():
            if data:
                self.sock.settimeout(CLOSE_TIMEOUT)
                self.sock.sendall(data)
            else:
                # End of stream: the client sends it only once the server closed the TCP
                # connection, so there is nothing left to read; no half-close over TLS.
                self._close_socket()

    def _wait_closed(self):
        """Read (discarding data frames) until the server ends the connection."""
        deadline = time.monotonic() + CLOSE_TIMEOUT
        while self.protocol.state is not CLOSED:
            if not self._read(deadline):
                self._lost()
        self._events.clear()

    def _lost(self):
        """The transport is unusable: treat it as the end of the stream."""
        self.protocol.receive_eof()
        self.protocol.data_to_send()
        self._close_socket()

    def _close_socket(self):
        try:
            self.sock.close()
        except (AttributeError, OSError):
            pass


class RawClient:
    def __init__(self, sim, path="/api", ca_cert=None):
        ctx = ssl.create_default_context(cadata=ca_cert or sim.ca_cert)
        # The Go client verifies the name juju-apiserver whatever address it dialled.
        self.ws = WebSocket("wss://127.0.0.1:%d%s" % (sim.port, path), ctx, server_hostname="juju-apiserver")
        self._ids = itertools.count(1)
        self.login_result = None

    def frame(self, facade, method, params=None, version=None):
        """Send one request and return the whole response frame."""
        rid = next(self._ids)
        if version is None:  # an explicit 0 is sent as 0 (rpcreflect words version-0 errors differently)
            version = DEFAULT_VERSIONS.get(facade, 1)
        req = {"request-id": rid, "type": facade, "version": version,
               "request": method, "params": params if params is not None else {}}
        self.ws.send(json.dumps(req))
        resp = json.loads(self.ws.recv(timeout=10))
        assert resp["request-id"] == rid
        return resp

    def call(self, facade, method, params=None, version=None):
        """The response body; raises CallError for an error frame."""
        resp = self.frame(facade, method, params, version)
        if "error" in resp:
            raise CallError(resp)
        return resp["response"]

    def error(self, facade, method, params=None, version=None):
        """The error frame of a call that must fail (AssertionError if it succeeds)."""
        resp = self.frame(facade, method, params, version)
        assert "error" in resp, "expected an error, got %r" % (resp,)
        assert resp["response"] == {}, "error frames always carry response {}"
        return CallError(resp)

    def login(self, user, password):
        self.login_result = self.call("Admin", "Login", {
            "auth-tag": "user-" + user, "credentials": password, "client-version": "3.6.1"})
        return self.login_result

    def close(self):
        self.ws.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class CallError(Exception):
    def __init__(self, frame):
        super().__init__("%s (%s)" % (frame["error"], frame.get("error-code", "")))
        self.frame = frame
        self.message = frame["error"]
        self.code = frame.get("error-code", "")
