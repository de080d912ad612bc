# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""WebSocket frame by frame, against a peer that writes raw bytes on the other end of a socketpair.

The transport tests talk to a real websockets server, which always frames well and never sends
two things in one write. This peer does what a Juju controller (Go's websocket library) or a
broken proxy may do: a message in the same read as the 101, fragments with a ping between them,
a frame split across writes, a close frame, EOF, a frame websockets refuses, a message too big.
"""
import base64
import hashlib
import logging
import re
import socket
import struct
import threading
import time
from contextlib import contextmanager

import pytest

from ansible_collections.juju.controller.plugins.module_utils.websocket import ConnectionLost, WebSocket

TEXT, CONT, CLOSE, PING = 0x1, 0x0, 0x8, 0x9
USER_AGENT = "juju-test/1.0"


def frame(opcode, payload, fin=True):
    """An unmasked (server to client) frame."""
    head = bytes([(0x80 if fin else 0) | opcode])
    if len(payload) < 126:
        head += bytes([len(payload)])
    else:
        head += bytes([126]) + struct.pack("!H", len(payload))
    return head + payload


def switching_protocols(request):
    key = re.search(rb"Sec-WebSocket-Key: (\S+)", request).group(1)
    accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
    return (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n")


@contextmanager
def peer(after_101=b"", then=None, max_size=1 << 20):
    """(websocket after its handshake, the peer's socket, {"request": the upgrade request})."""
    client, server = socket.socketpair()
    seen = {}

    def serve():
        request = b""
        while b"\r\n\r\n" not in request:
            request += server.recv(4096)
        seen["request"] = request
        server.sendall(switching_protocols(request) + after_101)  # one write: one read, usually
        if then:
            then(server)
    thread = threading.Thread(target=serve)
    thread.start()
    ws = WebSocket(client, "ws://127.0.0.1:17070/api", max_size, logging.getLogger("test"), USER_AGENT)
    try:
        ws.handshake(time.monotonic() + 5)
        yield ws, server, seen
    finally:
        thread.join(5)
        ws.close(timeout=0.5)
        server.close()


def soon():
    return time.monotonic() + 5


def test_handshake_sends_the_user_agent():
    with peer() as (_ws, _server, seen):
        assert b"\r\nUser-Agent: juju-test/1.0\r\n" in seen["request"]


def test_message_in_the_same_read_as_the_101_is_kept():
    with peer(frame(TEXT, b'{"request-id":1}') + frame(TEXT, b'{"request-id":2}')) as (ws, _server, _seen):
        assert [ws.recv_text(soon()), ws.recv_text(soon())] == ['{"request-id":1}', '{"request-id":2}']


def test_fragments_joined_and_a_ping_between_them_answered():
    fragments = (frame(TEXT, b"hel", fin=False) + frame(PING, b"p") + frame(CONT, b"lo ", fin=False)
                 + frame(CONT, "wörld".encode("utf-8")))
    with peer(fragments) as (ws, server, _seen):
        assert ws.recv_text(soon()) == "hello wörld"
        pong = server.recv(64)
        assert pong[0] == 0x8A  # fin + pong, then the (masked) "p" it answers


def test_frame_split_across_writes_is_waited_for():
    message = frame(TEXT, b'{"response":{}}')

    def in_two_writes(server):
        time.sleep(0.2)  # after the handshake's read, so that recv_text reads half a frame
        server.sendall(message[:5])
        time.sleep(0.2)
        server.sendall(message[5:])
    with peer(then=in_two_writes) as (ws, _server, _seen):
        assert ws.recv_text(soon()) == '{"response":{}}'


def test_answer_within_a_short_deadline_is_read():
    # A deadline under a second away is still a deadline in the future.
    def later(server):
        time.sleep(0.1)
        server.sendall(frame(TEXT, b"late"))
    with peer(then=later) as (ws, _server, _seen):
        assert ws.recv_text(time.monotonic() + 0.6) == "late"


def test_close_frame():
    with peer(frame(CLOSE, struct.pack("!H", 1001))) as (ws, _server, _seen):
        with pytest.raises(ConnectionLost) as info:
            ws.recv_text(soon())
    assert str(info.value) == "the controller closed the connection"


def test_end_of_stream():
    # websockets (17) reports an EOF in the middle of the conversation as a parser error
    # (EOFError); it is a dropped connection all the same, not a broken protocol.
    with peer(then=lambda server: server.shutdown(socket.SHUT_WR)) as (ws, _server, _seen):
        with pytest.raises(ConnectionLost) as info:
            ws.recv_text(soon())
    assert str(info.value) == "the controller or the network dropped the connection"


# The bad frame may arrive in the same read as the 101, so the handshake may be what raises.

def test_frame_websockets_refuses():
    masked = bytes([0x81, 0x80 | 2]) + b"\x00\x00\x00\x00" + b"hi"  # a server must not mask
    with pytest.raises(ConnectionLost) as info:
        with peer(masked) as (ws, _server, _seen):
            ws.recv_text(soon())
    assert str(info.value) == "the controller broke the websocket protocol (incorrect masking)"


def test_message_over_max_size():
    with pytest.raises(ConnectionLost) as info:
        with peer(frame(TEXT, b"x" * 200), max_size=100) as (ws, _server, _seen):
            ws.recv_text(soon())
    assert str(info.value) == ("the controller broke the websocket protocol "
                               "(frame with 200 bytes exceeds limit of 100 bytes)")


def test_deadline_passed():
    with peer() as (ws, _server, _seen):
        with pytest.raises(socket.timeout) as info:
            ws.recv_text(time.monotonic() - 1)
    assert str(info.value) == "timed out"


class RecordingSocket(object):
    def __init__(self, sock):
        self.sock, self.calls = sock, []

    def settimeout(self, value):
        self.calls.append(("settimeout", value))
        self.sock.settimeout(value)

    def sendall(self, data):
        self.calls.append(("sendall", data[0]))
        self.sock.sendall(data)

    def close(self):
        self.calls.append(("close",))
        self.sock.close()


@pytest.mark.parametrize("kwargs, timeout", [({}, 1.0), ({"timeout": 0.25}, 0.25)])
def test_close_sends_a_close_frame_within_its_timeout(kwargs, timeout):
    with peer() as (ws, server, _seen):
        ws.sock = recorder = RecordingSocket(ws.sock)
        ws.close(**kwargs)
        assert recorder.calls == [("settimeout", timeout), ("sendall", 0x88), ("close",)]
        assert server.recv(64)[0] == 0x88  # fin + close


def test_end_of_stream_instead_of_the_101_is_a_dropped_connection():
    # An endpoint that accepts the connection and closes it without answering the upgrade (a
    # proxy, a controller going down): websockets reports no parser error then, only no response;
    # it is a dropped connection, reported at once rather than as a timeout at the deadline.
    client, server = socket.socketpair()

    def close_after_the_request():
        request = b""
        while b"\r\n\r\n" not in request:
            request += server.recv(4096)
        server.shutdown(socket.SHUT_WR)
    thread = threading.Thread(target=close_after_the_request)
    thread.start()
    ws = WebSocket(client, "ws://127.0.0.1:17070/api", 1 << 20, logging.getLogger("test"), USER_AGENT)
    try:
        start = time.monotonic()
        with pytest.raises(ConnectionLost) as info:
            ws.handshake(time.monotonic() + 3)
        assert time.monotonic() - start < 1
    finally:
        thread.join(5)
        ws.close(timeout=0.5)
        server.close()
    assert str(info.value) == "the controller or the network dropped the connection"
