"""Clients of the collection's ControllerClient logged in to the `simulator` fixture, and the
peers a controller cannot be made to be: servers that never answer or answer as told."""
import json
import socket
import ssl
import threading

import pytest
import trustme
from ansible.module_utils.common import warnings as ansible_warnings
from websockets.sync.server import serve

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from simclients import settings_for


@pytest.fixture(autouse=True)
def no_pending_warnings():
    """Ansible keeps a module's warnings in a process-wide list until the module exits; a test that ends
    without exit_json (a raised SystemExit caught, a patched exit) leaves its warnings to the next test of
    the same process, which would print them as its own."""
    ansible_warnings._global_warnings.clear()
    ansible_warnings._global_deprecations.clear()


@pytest.fixture
def client_for():
    """client_for(sim, user="admin", password=None) -> a ControllerClient, not yet connected."""
    return lambda sim, user="admin", password=None: ControllerClient(settings_for(sim, user, password))


@pytest.fixture
def admin(simulator, client_for):
    with client_for(simulator) as client:
        yield client


@pytest.fixture
def black_hole():
    """A listening socket that never accepts: TCP connects, TLS never gets an answer."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock
    sock.close()


@pytest.fixture
def syn_black_hole():
    """An address that drops SYNs (like a firewall): a listener whose accept queue is full."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(0)
    filler = socket.create_connection(sock.getsockname(), timeout=2)  # takes the only slot
    yield sock
    filler.close()
    sock.close()


@pytest.fixture
def juju_like_server():
    """juju_like_server(answer) -> (port, ca_pem): a TLS websocket server for "juju-apiserver" that
    answers each request frame with answer(frame) (a JSON-able object, or a str sent as it is).
    juju_like_server.user_agents lists the User-Agent of each upgrade request it accepted."""
    servers = []

    def start(answer):
        ca = trustme.CA()
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert("juju-apiserver").configure_cert(ctx)

        def handler(ws):
            start.user_agents.append(ws.request.headers.get("User-Agent"))
            for text in ws:
                reply = answer(json.loads(text))
                ws.send(reply if isinstance(reply, str) else json.dumps(reply))
        server = serve(handler, "127.0.0.1", 0, ssl=ctx)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.socket.getsockname()[1], ca.cert_pem.bytes().decode()
    start.user_agents = []
    yield start
    for server in servers:
        server.shutdown()
