"""`juju login -u USER` against the simulator (juju-api.md §15.4), for tests and playbook authors.

It does what the Go CLI does: Login with no password, discharge the macaroon the controller
asks for at its /auth discharger with the user's password (httpbakery client, juju_userpass
interaction), Login again with the discharged macaroon to check it, then keep the macaroon as a
cookie for https://<controller uuid or public-hostname>/ in the Go cookie jar
cookies/<controller>.json (§15.1, §15.2) and leave `user: USER` without a password in
accounts.yaml. Afterwards the store holds no password, as on a machine where `juju login` ran.

    echo "$PASSWORD" | python3 -m jujusim.login --juju-data DIR --user bob [--controller NAME]

(the password is read from one line of standard input, like `juju login --no-prompt`).
"""
import argparse
import base64
import datetime
import json
import os
import ssl
import sys
import tempfile
import urllib.parse
from pathlib import Path

import requests
import yaml
from macaroonbakery import bakery, checkers, httpbakery

from .macaroons import TOKEN_KIND
from .wire import WebSocket

CLIENT_VERSION = "3.6.1"


class LoginFailed(Exception):
    pass


class _UserPassInteractor(httpbakery.Interactor):
    """The Go CLI's juju_userpass interactor (api/authentication/interactor.go)."""

    def __init__(self, user, password, ca_path):
        self._user, self._password, self._ca_path = user, password, ca_path

    def kind(self):
        return TOKEN_KIND

    def interact(self, client, location, interaction_required_err):
        method = interaction_required_err.info.interaction_methods[TOKEN_KIND]
        url = requests.compat.urljoin(location, method["url"])
        resp = requests.post(url, json={"form": {"user": self._user, "password": self._password}},
                             verify=self._ca_path, timeout=10)
        if resp.status_code != 200:
            raise LoginFailed("cannot submit form: %s" % resp.json().get("Message"))
        token = resp.json()["token"]
        return httpbakery.DischargeToken(kind=token["kind"], value=base64.b64decode(token["value"]))


class _Client(httpbakery.Client):
    """httpbakery's client trusting only the controller's CA."""

    def __init__(self, ca_path, **kwargs):
        super().__init__(**kwargs)
        self._ca_path = ca_path

    def request(self, method, url, **kwargs):
        kwargs.setdefault("verify", self._ca_path)
        return super().request(method, url, **kwargs)


def _login(endpoint, ca_cert, user, macaroons):
    ctx = ssl.create_default_context(cadata=ca_cert)
    ws = WebSocket("wss://%s/api" % endpoint, ctx, server_hostname="juju-apiserver")
    try:
        ws.send(json.dumps({"request-id": 1, "type": "Admin", "version": 3, "request": "Login", "params": {
            "auth-tag": "user-" + user, "credentials": "", "nonce": "", "macaroons": macaroons,
            "bakery-version": bakery.LATEST_VERSION, "user-data": "", "client-version": CLIENT_VERSION}}))
        frame = json.loads(ws.recv(timeout=10))
    finally:
        ws.close()
    if "error" in frame:
        raise LoginFailed(frame["error"])
    return frame["response"]


def go_time(moment):
    """RFC 3339 with nanoseconds and trailing zeros dropped, as Go's time.Time marshals."""
    text = moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0").rstrip(".")
    return text + "Z"


def cookie_host(details):
    """Where the Go CLI files a controller's cookie (§15.2): public-hostname, else the UUID;
    canonical as persistent-cookiejar makes it (lower case, no port, no trailing dot, non-ASCII
    labels as "xn--" punycode: canonicalHost, toASCII)."""
    host = urllib.parse.urlsplit("https://" + (details.get("public-hostname") or details["uuid"])).hostname
    host = host[:-1] if host.endswith(".") else host
    return ".".join(part if part.isascii() else "xn--" + part.encode("punycode").decode() for part in host.split("."))


def cookie_entry(host, ms, now):
    """A persistent-cookiejar entry for the slice ms (httpbakery.NewCookie + Jar.SetCookies)."""
    expires = checkers.macaroons_expiry_time(checkers.Namespace(), ms).replace(tzinfo=datetime.timezone.utc)
    stamp = go_time(now)
    value = json.dumps([bakery.macaroon_to_dict(m) for m in ms]).encode()
    return {"Name": "macaroon-" + ms[0].signature, "Value": base64.b64encode(value).decode(),
            "Domain": host, "Path": "/", "Secure": False, "HttpOnly": False, "Persistent": True, "HostOnly": True,
            "Expires": go_time(expires), "Creation": stamp, "LastAccess": stamp, "Updated": stamp,
            "CanonicalHost": host}


def _save_jar(path, entry):
    entries = json.loads(path.read_text()) if path.exists() else None
    key = (entry["Domain"], entry["Path"], entry["Name"])
    kept = [e for e in entries or () if (e.get("Domain"), e.get("Path"), e.get("Name")) != key]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept + [entry]) + "\n")
    os.chmod(path, 0o600)


def _save_account(path, controller, user, access):
    data = yaml.safe_load(path.read_text()) if path.exists() else None
    data = data if isinstance(data, dict) else {}
    data.setdefault("controllers", {})[controller] = {"user": user, "last-known-access": access}
    path.write_text(yaml.safe_dump(data, default_flow_style=False))
    os.chmod(path, 0o600)


def juju_login(juju_data, user, password, controller=None, now=None):
    """Log `user` in with `password` as `juju login` does; returns the path of the cookie jar."""
    root = Path(juju_data)
    controllers = yaml.safe_load((root / "controllers.yaml").read_text())
    controller = controller or controllers["current-controller"]
    details = controllers["controllers"][controller]
    endpoint, ca_cert = details["api-endpoints"][0], details["ca-cert"]
    with tempfile.NamedTemporaryFile("w", suffix=".pem") as ca_file:
        ca_file.write(ca_cert)
        ca_file.flush()
        asked = _login(endpoint, ca_cert, user, [])
        if "bakery-discharge-required" not in asked:
            raise LoginFailed("the controller did not ask for a discharge")
        client = _Client(ca_file.name, interaction_methods=[_UserPassInteractor(user, password, ca_file.name)])
        try:
            ms = bakery.discharge_all(bakery.Macaroon.from_dict(asked["bakery-discharge-required"]),
                                      client.acquire_discharge)
        except (httpbakery.DischargeError, httpbakery.InteractionError) as e:
            raise LoginFailed(str(e))
    result = _login(endpoint, ca_cert, user, [[bakery.macaroon_to_dict(m) for m in ms]])
    if "user-info" not in result:
        raise LoginFailed("the controller refused the discharged macaroon")
    jar = root / "cookies" / ("%s.json" % controller)
    _save_jar(jar, cookie_entry(cookie_host(details), ms, now or datetime.datetime.now(datetime.timezone.utc)))
    _save_account(root / "accounts.yaml", controller, user, result["user-info"]["controller-access"])
    return jar


def main(argv=None):
    p = argparse.ArgumentParser(prog="jujusim.login", description="juju login -u USER against the simulator; "
                                "the password is read from standard input.")
    p.add_argument("--juju-data", required=True, help="the client store the simulator wrote")
    p.add_argument("--user", required=True)
    p.add_argument("--controller", help="default: the current controller")
    args = p.parse_args(argv)
    password = sys.stdin.readline().rstrip("\n")
    try:
        jar = juju_login(args.juju_data, args.user, password, args.controller)
    except (LoginFailed, OSError, requests.RequestException) as e:
        print("jujusim.login: %s" % e, file=sys.stderr)
        return 1
    print("logged in as %s; macaroon in %s" % (args.user, jar))
    return 0


if __name__ == "__main__":
    sys.exit(main())
