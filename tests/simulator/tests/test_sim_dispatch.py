"""Framing and dispatch errors (juju-api.md §1.2, §2)."""
import json
import ssl
import threading

import pytest

from jujusim.wire import RawClient, WebSocket

NI = "not implemented"


def test_before_login_only_admin(connect):
    # rpcreflect.CallNotImplementedError.Error() (juju/juju rpc/rpcreflect/errors.go): with a
    # non-zero version the text is "unknown version (N) of interface"; "unknown object type"
    # only for version 0 (what juju-api.md §2.5's 2.9 admin tests exercised).
    c = connect(login=False)
    e = c.error("UserManager", "UserInfo", {})
    assert (e.message, e.code) == ('unknown version (3) of interface "UserManager"', NI)
    assert c.frame("UserManager", "UserInfo")["request-id"] == 2
    e = c.error("UserManager", "UserInfo", {}, version=0)
    assert (e.message, e.code) == ('unknown object type "UserManager"', NI)


def test_unknown_facade_version_method(connect):
    c = connect()
    e = c.error("Controller", "AllModels", version=99)
    assert (e.message, e.code) == ('unknown version (99) of interface "Controller"', NI)
    e = c.error("UserManager", "Frobnicate", version=3)
    assert (e.message, e.code) == ("no such request - method UserManager(3).Frobnicate is not implemented", NI)
    e = c.error("Controller", "ModelConfig", version=12)  # v12 dropped it
    assert e.code == NI
    e = c.error("Client", "FullStatus", version=8)
    assert (e.message, e.code) == ('facade "Client" not supported for controller API connection', "not supported")
    e = c.error("SecretBackends", "ListSecretBackends", version=1)  # a controller facade the simulator lacks
    assert (e.message, e.code) == ('unknown version (1) of interface "SecretBackends"', NI)  # rpcreflect/errors.go
    e = c.error("Controller", "AllModels", version=0)  # version 0: rpcreflect drops the version
    assert (e.message, e.code) == ('unknown object type "Controller"', NI)


def test_error_frame_shape(connect):
    frame = connect(login=False).frame("Nope", "Nope")  # RawClient sends version 1
    assert frame == {"request-id": 1, "error": 'unknown version (1) of interface "Nope"', "error-code": NI,
                     "response": {}}


def test_error_frame_without_code_omits_key(connect):
    c = connect()
    frame = c.frame("Admin", "RedirectInfo")
    assert frame == {"request-id": 2, "error": "not redirected", "response": {}}


def test_model_connection_rejects_controller_facades(connect):
    c = connect("fred", model="fred/prod")
    assert c.call("Pinger", "Ping") == {}
    e = c.error("UserManager", "UserInfo", {"entities": []})
    assert (e.message, e.code) == ('facade "UserManager" not supported for model API connection', "not supported")


def test_unknown_model_path(simulator):
    uuid = "00000000-0000-4000-8000-000000000000"
    c = RawClient(simulator, "/model/%s/api" % uuid)
    e = c.error("Admin", "Login", {"auth-tag": "user-admin", "credentials": simulator.admin_password})
    assert (e.message, e.code) == ('unknown model: "%s"' % uuid, "model not found")
    c.close()


def test_tls_certificate_names(simulator):
    ctx = ssl.create_default_context(cadata=simulator.ca_cert)
    url = "wss://127.0.0.1:%d/api" % simulator.port
    for name in ("juju-apiserver", "localhost", "127.0.0.1", "anything", "juju-mongodb"):
        WebSocket(url, ctx, server_hostname=name).close()
    with pytest.raises(ssl.SSLCertVerificationError):
        WebSocket(url, ctx, server_hostname="example.com")
    with pytest.raises(ssl.SSLCertVerificationError):  # not trusted without the controller CA
        WebSocket(url, ssl.create_default_context(), server_hostname="juju-apiserver")


def test_responses_matched_by_request_id(connect, simulator):
    c = connect()
    simulator.inject("UserManager", "UserInfo", delay=0.3)
    c.ws.send(json.dumps({"request-id": 10, "type": "UserManager", "version": 3, "request": "UserInfo",
                          "params": {"entities": []}}))
    c.ws.send(json.dumps({"request-id": 11, "type": "Pinger", "version": 1, "request": "Ping", "params": {}}))
    first, second = json.loads(c.ws.recv(timeout=5)), json.loads(c.ws.recv(timeout=5))
    assert (first["request-id"], second["request-id"]) == (11, 10)  # the slow call did not block


def test_many_concurrent_connections_share_state(connect, simulator):
    errors = []

    def worker(i):
        try:
            c = RawClient(simulator)
            c.login("admin", simulator.admin_password)
            r = c.call("UserManager", "AddUser", {"users": [{"username": "u%02d" % i, "display-name": "",
                                                             "password": "pw"}]})
            assert "error" not in r["results"][0]
            c.close()
        except Exception as e:  # collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors
    names = {r["result"]["username"] for r in connect().call("UserManager", "UserInfo", {"entities": []})["results"]}
    assert {"u%02d" % i for i in range(20)} <= names
