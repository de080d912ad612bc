# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The API conversation with a Juju controller (juju-api.md §1, §2): the staggered dial
# over several endpoints (each attempt is a dialer.Attempt), then JSON RPC frames with
# request ids 1, 2, 3, ..., answers matched by id, a timeout per request, and a
# connection that is closed on every failure and on every way out.

import json
import queue
import socket
import time

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.dialer import (
    CLOSE_TIMEOUT, SERVER_NAME, Attempt, describe_dial_error, format_endpoint, parse_endpoint,
    tls_context)
from ansible_collections.juju.controller.plugins.module_utils.websocket import (
    WEBSOCKETS_IMPORT_ERROR, ConnectionLost)

# Juju's Go client starts the next endpoint's dial after DialAddressInterval (200 ms)
# unless one has succeeded (api/apiclient.go dialWebsocketMulti).
DIAL_INTERVAL = 0.2


def _controller(name):
    return 'controller "%s"' % name if name else "the controller"


def dial(endpoints, path="/api", ca_cert=None, validate_certs=True, timeout=30.0,
         controller_name="", warn=None, interval=DIAL_INTERVAL):
    """Open a Connection to the first endpoint that answers; raise ConnectionFailed/Timeout.

    Dials are staggered like Juju's Go client: endpoint i+1 is dialled `interval` after
    endpoint i unless a dial has succeeded (or at once when every dial so far failed),
    the first success wins and every other attempt is aborted and closed. So a dead or
    black-holed first endpoint costs at most `interval`, not the timeout.
    """
    if WEBSOCKETS_IMPORT_ERROR is not None:
        raise errors.ConnectionFailed("the Python library websockets (13.1 or later) is required to "
                                      "talk to a Juju controller but cannot be imported (%s)."
                                      % WEBSOCKETS_IMPORT_ERROR)
    targets = []
    for endpoint in endpoints or ():
        target = parse_endpoint(endpoint)
        if target not in targets:
            targets.append(target)
    if not targets:
        raise errors.SettingsError("no API endpoint is known for %s." % _controller(controller_name))
    ctx = tls_context(ca_cert, validate_certs, controller_name)
    if not validate_certs and warn is not None:
        warn("TLS certificate verification is disabled for %s: the connection is encrypted but the "
             "controller is not authenticated, so the credentials could reach an impostor."
             % _controller(controller_name))
    pinned = bool(ca_cert) or not validate_certs
    deadline = time.monotonic() + timeout
    finished = queue.Queue()
    pending, failed, winner = [], [], None
    next_index, next_start = 0, time.monotonic()
    try:
        while winner is None:
            now = time.monotonic()
            if next_index < len(targets) and now < deadline and (now >= next_start or not pending):
                host, port = targets[next_index]
                attempt = Attempt(host, port, path, ctx, SERVER_NAME if pinned else host,
                                  deadline, finished)
                pending.append(attempt)
                attempt.start()
                next_index += 1
                next_start = now + interval
                continue
            if not pending or now >= deadline:
                break
            wake = deadline if next_index >= len(targets) else min(next_start, deadline)
            try:
                attempt = finished.get(timeout=max(0.0, wake - now))
            except queue.Empty:
                continue
            pending.remove(attempt)
            if attempt.conn is not None:
                winner = attempt
            else:
                failed.append(attempt)
    finally:
        for attempt in pending:
            attempt.abort()
    if winner is not None:
        return Connection(winner.conn, winner.endpoint, controller_name, timeout)
    reasons = ["%s: %s" % (a.endpoint, describe_dial_error(a.error, a.server_hostname)) for a in failed]
    reasons += ["%s: no answer in time" % a.endpoint for a in pending]
    where = ", ".join(format_endpoint(h, p) for h, p in targets)
    if pending or any(isinstance(a.error, (socket.timeout, TimeoutError)) for a in failed):
        raise errors.Timeout("cannot connect to %s at %s within %g s (%s)."
                             % (_controller(controller_name), where, timeout, "; ".join(reasons)))
    raise errors.ConnectionFailed("cannot connect to %s at %s (%s)."
                                  % (_controller(controller_name), where, "; ".join(reasons)))


class Connection(object):
    """An open API connection: numbered requests, one at a time, each with a timeout.

    Not thread-safe. Any transport failure (timeout, dropped connection, garbage frame)
    closes the connection, since later answers could no longer be trusted to match.
    """

    def __init__(self, ws, endpoint, controller_name, timeout):
        self._ws = ws
        self.endpoint = endpoint
        self.controller_name = controller_name
        self.timeout = timeout
        self.round_trips = 0
        self._last_id = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @property
    def closed(self):
        return self._ws is None

    def close(self):
        ws, self._ws = self._ws, None
        if ws is not None:
            ws.close(CLOSE_TIMEOUT)

    def _where(self):
        return '%s (%s)' % (_controller(self.controller_name), self.endpoint)

    def call(self, facade, version, request, params=None, timeout=None, context=None, write=False):
        """Send one request, return its "response" object; raise the classified error frame.

        write: the request changes the controller, so a connection lost or timed out once it was sent
        says that Juju may have carried it out (nothing tells whether it did).
        """
        what = "%s.%s" % (facade, request)
        maybe = (" It was sent, so Juju may have applied it: a re-run reads the controller again and makes only "
                 "what is still missing." if write else "")
        if self._ws is None:
            raise errors.ConnectionFailed("the connection to %s is closed; %s was not sent."
                                          % (self._where(), what))
        self._last_id += 1
        request_id = self._last_id
        frame = {"request-id": request_id, "type": facade, "version": version,
                 "request": request, "params": params or {}}
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        try:
            self._ws.send_text(json.dumps(frame, separators=(",", ":")))
            self.round_trips += 1
            while True:
                text = self._ws.recv_text(deadline)
                try:
                    reply = json.loads(text)
                except ValueError:
                    self.close()
                    raise errors.ConnectionFailed("%s sent a frame that is not JSON during %s; the "
                                                  "connection was closed." % (self._where(), what))
                # Juju serves requests concurrently; skip anything that is not our answer.
                if isinstance(reply, dict) and reply.get("request-id") == request_id:
                    break
        except (TimeoutError, socket.timeout):
            self.close()
            raise errors.Timeout("%s did not answer %s within %g s; the connection was closed.%s"
                                 % (self._where(), what, timeout, maybe))
        except (ConnectionLost, OSError) as exc:
            self.close()
            raise errors.ConnectionFailed("the connection to %s was lost during %s (%s).%s"
                                          % (self._where(), what, describe_dial_error(exc, SERVER_NAME), maybe))
        if reply.get("error"):
            raise errors.classify(reply["error"], reply.get("error-code", ""), context)
        response = reply.get("response")
        return response if isinstance(response, dict) else {}
