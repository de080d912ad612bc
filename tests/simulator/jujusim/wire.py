"""A minimal synchronous Juju RPC client for the simulator's own tests and fixtures.

Deliberately tiny and independent of plugins/: it speaks raw frames so tests can
assert on exactly what the server sends.
"""
import itertools
import json
import ssl

from websockets.sync.client import connect

DEFAULT_VERSIONS = {"Admin": 3, "Pinger": 1, "UserManager": 3, "Controller": 12,
                    "ModelManager": 10, "ApplicationOffers": 5}


class RawClient:
    def __init__(self, sim, path="/api", ca_cert=None):
        ctx = ssl.create_default_context(cadata=ca_cert or sim.ca_cert)
        # The Go client verifies the name juju-apiserver whatever address it dialled.
        self.ws = connect("wss://127.0.0.1:%d%s" % (sim.port, path), ssl=ctx,
                          server_hostname="juju-apiserver", max_size=None).__enter__()
        self._ids = itertools.count(1)
        self.login_result = None

    def frame(self, facade, method, params=None, version=None):
        """Send one request and return the whole response frame."""
        rid = next(self._ids)
        req = {"request-id": rid, "type": facade, "version": version or DEFAULT_VERSIONS.get(facade, 1),
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
