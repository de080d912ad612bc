# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# One endpoint's dial, done the way Juju's Go client does it (juju-api.md §1.3, §1.4):
# TCP, then TLS verified against the controller's CA with the server name pinned to
# "juju-apiserver" whatever address was dialled, then the websocket upgrade. Each step
# is abortable from another thread, so the staggered dial (transport.dial) can stop the
# attempts that lost the race at once, and each respects the one connect deadline.

import errno
import logging
import os
import selectors
import socket
import ssl
import threading
import time

try:
    from websockets.exceptions import WebSocketException
except ImportError:  # reported by transport.dial (and missing_required_lib in modules)
    WebSocketException = None

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.websocket import DROPPED, ConnectionLost, WebSocket

DEFAULT_PORT = 17070
SERVER_NAME = "juju-apiserver"
# python-libjuju's MAX_FRAME_SIZE: Juju 3.6 answers are bounded by Mongo's 16 MB documents.
MAX_FRAME_SIZE = 64 * 1024 * 1024
CLOSE_TIMEOUT = 1.0
USER_AGENT = "juju.controller-ansible"
_POLL = 0.05  # how often a connecting socket looks whether its dial was cancelled
# The Login frame carries the password: websockets' debug logging of frames must never
# see it, whatever level the application gives its root logger.
_WS_LOGGER = logging.getLogger("ansible_collections.juju.controller.websockets")
_WS_LOGGER.setLevel(logging.WARNING)


def parse_endpoint(endpoint):
    """"host:port", "[v6]:port", "host" or "wss://host:port[/...]" -> (host, port).

    Juju controllers speak only TLS, so any other scheme is refused before anything is sent.
    """
    text = (endpoint or "").strip()
    if "://" in text:
        scheme, rest = text.split("://", 1)
        if scheme.lower() != "wss":
            raise errors.InvalidInput(
                'refusing endpoint "%s": Juju controllers are reached only over wss:// (TLS), '
                'give "host:port" or "wss://host:port".' % endpoint)
        text = rest.split("/", 1)[0]
    host, port = text, DEFAULT_PORT
    if text.startswith("["):
        host, tail = text[1:].partition("]")[::2]
        if tail.startswith(":"):
            port = tail[1:]
    elif text.count(":") == 1:
        host, port = text.split(":")
    try:
        port = int(port)
    except ValueError:
        port = None
    if port is None or not host:
        raise errors.InvalidInput('endpoint "%s" is not valid: use "host:port".' % endpoint)
    if not valid_port(port):
        raise errors.InvalidInput('endpoint "%s" is not valid: port %d is out of range (1-65535).'
                                  % (endpoint, port))
    return host, port


def valid_port(port):
    return 0 < port < 65536


def format_endpoint(host, port):
    return "[%s]:%d" % (host, port) if ":" in host else "%s:%d" % (host, port)


def tls_context(ca_cert, validate_certs, controller_name):
    """The SSLContext for a controller: its CA only (name checked as juju-apiserver), or none at all."""
    if not validate_certs:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    elif ca_cert:
        # Trust only the controller's CA, not the system store: a public CA must not be
        # able to vouch for "juju-apiserver".
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        problem = _load_ca(ctx, ca_cert)
        if problem:
            raise errors.SettingsError('the CA certificate of controller "%s" is not a valid PEM '
                                       'certificate (%s).' % (controller_name, problem))
    else:
        # No controller CA (e.g. a controller behind a public certificate): the system
        # store vouches for the host name that was dialled, like any HTTPS client.
        ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def ca_cert_problem(ca_cert):
    """Why ssl refuses ca_cert as the controller's CA (a short clause), or "" when it accepts it."""
    return _load_ca(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), ca_cert)


def _load_ca(ctx, ca_cert):
    try:
        ctx.load_verify_locations(cadata=ca_cert)
    except (ssl.SSLError, ValueError, TypeError) as exc:
        return _reason(exc)
    return ""


def _reason(exc):
    return str(getattr(exc, "reason", None) or exc) or exc.__class__.__name__


def describe_dial_error(exc, server_hostname):
    """A short clause saying why one endpoint failed (used in ConnectionFailed sentences)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        code = getattr(exc, "verify_code", None)
        if code in (62, 64):  # X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH
            return 'its certificate is not valid for the name "%s"' % server_hostname
        if code in (18, 19, 20, 21, 2):  # self-signed / unknown issuer: another CA signed it
            if server_hostname != SERVER_NAME:  # no controller CA: the system store was asked
                return ("its certificate is not signed by a CA this system trusts (give the controller's "
                        "CA certificate: option ca_cert or JUJU_CA_CERT)")
            return "its certificate is not signed by the controller's CA (wrong ca_cert?)"
        if code == 10:
            return "its certificate has expired"
        return "its certificate was rejected (%s)" % (getattr(exc, "verify_message", None) or _reason(exc))
    if isinstance(exc, (ssl.SSLEOFError, ssl.SSLZeroReturnError)):
        return DROPPED  # the TLS layer's way of saying the peer went away
    if isinstance(exc, ssl.SSLError):
        return "the TLS handshake failed (%s)" % _reason(exc)
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "no answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(exc, ConnectionLost):
        return str(exc)
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, EOFError)):
        return DROPPED
    if WebSocketException is not None and isinstance(exc, WebSocketException):
        return "no Juju API websocket there (%s)" % exc
    if isinstance(exc, OSError):
        return exc.strerror or str(exc) or exc.__class__.__name__
    return str(exc) or exc.__class__.__name__


class _Cancelled(Exception):
    pass


class Attempt(object):
    """One endpoint's dial (TCP, TLS, websocket upgrade) on its own thread, abortable."""

    def __init__(self, host, port, path, ctx, server_hostname, deadline, finished):
        self.host, self.port, self.path = host, port, path
        self.endpoint = format_endpoint(host, port)
        self._ctx, self.server_hostname, self._deadline = ctx, server_hostname, deadline
        self._finished = finished  # queue the attempt puts itself on when done
        self._lock = threading.Lock()
        self._cancelled = False
        self._sock = None
        self.conn = None
        self.error = None

    def start(self):
        thread = threading.Thread(target=self._run, name="juju-dial-" + self.endpoint)
        thread.daemon = True
        thread.start()

    def abort(self):
        """Stop the dial (or close its connection if it won too late)."""
        with self._lock:
            self._cancelled = True
            conn, sock = self.conn, self._sock
            self.conn = None
        if conn is not None:
            conn.close(CLOSE_TIMEOUT)
        elif sock is not None:
            try:
                # Wakes a thread blocked in the TLS handshake or the upgrade's recv.
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _use(self, sock):
        with self._lock:
            if self._cancelled:
                raise _Cancelled()
            self._sock = sock

    def _remaining(self):
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("timed out")
        return remaining

    def _run(self):
        sock = None
        try:
            sock = self._tcp()
            sock = self._ctx.wrap_socket(sock, server_hostname=self.server_hostname,
                                         do_handshake_on_connect=False)
            self._use(sock)
            sock.settimeout(self._remaining())
            sock.do_handshake()
            ws = WebSocket(sock, "wss://%s%s" % (self.endpoint, self.path), MAX_FRAME_SIZE,
                           _WS_LOGGER, USER_AGENT)
            ws.handshake(self._deadline)
            with self._lock:
                if not self._cancelled:
                    self.conn, ws = ws, None
            if ws is not None:  # lost the race while upgrading
                ws.close(CLOSE_TIMEOUT)
        except Exception as exc:  # pylint: disable=broad-except
            self.error = exc
            if sock is not None:
                sock.close()
        finally:
            self._finished.put(self)

    def _tcp(self):
        # Non-blocking connect polled in short steps, so that abort() is noticed even
        # while the SYN goes unanswered (a black-holed address).
        last = None
        for family, kind, proto, _canonname, addr in socket.getaddrinfo(self.host, self.port, 0,
                                                                        socket.SOCK_STREAM):
            sock = socket.socket(family, kind, proto)
            try:
                self._use(sock)
                sock.setblocking(False)
                err = sock.connect_ex(addr)
                with selectors.DefaultSelector() as sel:
                    sel.register(sock, selectors.EVENT_WRITE)
                    while err in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
                        if sel.select(min(self._remaining(), _POLL)):
                            err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                        with self._lock:
                            if self._cancelled:
                                raise _Cancelled()
                if err:
                    raise OSError(err, os.strerror(err))  # OSError picks the subclass (refused, ...)
                sock.setblocking(True)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                return sock
            except (OSError, _Cancelled) as exc:
                sock.close()
                if isinstance(exc, (_Cancelled, socket.timeout)):
                    raise
                last = exc
        raise last or OSError("no address")
