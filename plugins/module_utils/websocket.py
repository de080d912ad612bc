# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# A client websocket on one thread: websockets' Sans-I/O protocol (ClientProtocol) does the
# HTTP upgrade and the framing, this class does the socket I/O with deadlines.
#
# Why not websockets.sync.client: it reads on a background thread while the caller writes
# on its own, and a Python SSLSocket is not safe for concurrent read and write. Against a
# TLS 1.3 server this hung about one connection in ten here (the reader consuming the
# session tickets while the upgrade request was written). The API is strictly request
# then answer, so one thread doing both is simpler and cannot race.

import socket
import time

try:
    from websockets.client import ClientProtocol
    from websockets.frames import Opcode
    from websockets.uri import parse_uri
    WEBSOCKETS_IMPORT_ERROR = None
except ImportError as exc:  # reported by transport.dial (and missing_required_lib in modules)
    ClientProtocol = Opcode = parse_uri = None
    WEBSOCKETS_IMPORT_ERROR = exc

_RECV_SIZE = 65536


class ConnectionLost(Exception):
    """The peer closed the connection (close frame or EOF) or broke the protocol."""


# A killed controller, a restarted one or a cut network all end the stream without a close
# frame; that is a lost connection, not a misbehaving controller.
DROPPED = "the controller or the network dropped the connection"


class WebSocket(object):
    """A websocket over a connected (TLS) socket. Not thread-safe, by design."""

    def __init__(self, sock, uri, max_size, logger, user_agent):
        self.sock = sock
        # Positional: the parameter is "wsuri" in websockets 13 and "uri" in 14+.
        self._protocol = ClientProtocol(parse_uri(uri), max_size=max_size, logger=logger)
        self._user_agent = user_agent
        self._events = []
        self._parts = []  # fragments of the message being received (Juju's Go server fragments)

    def handshake(self, deadline):
        """Send the HTTP upgrade and wait for the 101 answer; raise websockets' error if refused."""
        request = self._protocol.connect()
        request.headers["User-Agent"] = self._user_agent
        self._protocol.send_request(request)
        self._flush()
        while True:
            events = self._read(deadline)
            for index, event in enumerate(events):
                if hasattr(event, "status_code"):  # the Response: always the first event
                    if self._protocol.handshake_exc is not None:
                        raise self._protocol.handshake_exc
                    self._events = events[index + 1:]
                    return

    def send_text(self, text):
        self._protocol.send_text(text.encode("utf-8"))
        self._flush()

    def recv_text(self, deadline):
        """The next complete text message, waiting until deadline (time.monotonic)."""
        while True:
            while self._events:
                message = self._message(self._events.pop(0))
                if message is not None:
                    return message
            self._events = self._read(deadline)

    def close(self, timeout=1.0):
        """Send a close frame (best effort, bounded) and close the socket."""
        try:
            self._protocol.send_close()
            self.sock.settimeout(timeout)
            self._flush()
        except Exception:  # pylint: disable=broad-except
            pass  # closing a broken connection: the socket is closed below anyway
        finally:
            self.sock.close()

    def _message(self, frame):
        if frame.opcode in (Opcode.TEXT, Opcode.BINARY):
            self._parts = [frame.data]
        elif frame.opcode is Opcode.CONT:
            self._parts.append(frame.data)
        elif frame.opcode is Opcode.CLOSE:
            raise ConnectionLost("the controller closed the connection")
        else:
            return None  # ping (the protocol queued the pong) or pong
        if not frame.fin:
            return None
        data, self._parts = b"".join(self._parts), []
        return data.decode("utf-8")

    def _read(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("timed out")
        self.sock.settimeout(remaining)
        data = self.sock.recv(_RECV_SIZE)
        if data:
            self._protocol.receive_data(data)
        else:
            self._protocol.receive_eof()
        self._flush()  # pongs, or the answer to a close
        if isinstance(self._protocol.parser_exc, EOFError):
            raise ConnectionLost(DROPPED)
        if self._protocol.parser_exc is not None:
            raise ConnectionLost("the controller broke the websocket protocol (%s)"
                                 % self._protocol.parser_exc)
        events = self._protocol.events_received()
        if not data and not events:
            raise ConnectionLost(DROPPED)
        return events

    def _flush(self):
        for chunk in self._protocol.data_to_send():
            if chunk:  # b"" means "half-close": the socket is closed with the connection
                self.sock.sendall(chunk)
