"""Smoke test of the controller client at the lowest supported versions (`make compat`).

Run by tests/compat/run.sh with the oldest Python the modules support (3.9) in .venv-min,
which holds nothing but the floors of requirements.txt (websockets, PyYAML) installed
exactly. It talks to a simulated controller that run.sh started through its CLI:

    JUJU_DATA=DIR PYTHONPATH=.build .venv-min/bin/python tests/compat/smoke.py \
        --url wss://127.0.0.1:PORT/api --expect websockets==13.1 --expect PyYAML==5.4

Every step is a real operation whose result is read back and checked. A failing step is
reported and the later steps still run; the last line is "compat: N passed, M failed"
and the exit status is 1 when anything failed.
"""
from __future__ import absolute_import, division, print_function

import argparse
import base64
import os
import secrets
import sys
import time
import traceback

try:
    from importlib import metadata as importlib_metadata
except ImportError:  # Python < 3.8: run.sh refuses those anyway
    importlib_metadata = None

from ansible_collections.juju.controller.plugins.module_utils import (
    access, api, dialer, errors, registration, settings)

SUPPORTED_MIN = (3, 9)
OFFER = "fred/prod.hosted-mysql"
MODEL = "admin/default"


class Checks(object):
    """Counts checks; a failed one is reported at once and the run goes on."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, what, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s%s" % (what, (": " + str(detail)) if detail else ""), flush=True)
        return condition

    def equal(self, what, actual, expected):
        return self.check(what, actual == expected, "got %r, expected %r" % (actual, expected))

    def raises(self, what, exc_type, func, *args):
        """Check that func(*args) raises exc_type; return the exception (or None)."""
        try:
            func(*args)
        except exc_type as exc:  # pylint: disable=broad-except
            self.passed += 1
            return exc
        except Exception as exc:  # pylint: disable=broad-except
            self.check(what, False, "raised %s: %s" % (type(exc).__name__, exc))
            return None
        self.check(what, False, "raised nothing, expected %s" % exc_type.__name__)
        return None

    def step(self, name, func, *args):
        """Run one step; an unexpected exception counts as one failed check."""
        before = self.failed
        try:
            func(self, *args)
        except Exception:  # pylint: disable=broad-except
            self.failed += 1
            print("FAIL %s raised:\n%s" % (name, traceback.format_exc().rstrip()), flush=True)
        print("%s %s" % ("ok  " if self.failed == before else "FAIL", name), flush=True)


def new_password():
    return "Compat-" + secrets.token_urlsafe(18)


# -- steps ----------------------------------------------------------------------------


def step_versions(checks, expected):
    checks.check("Python %d.%d or later" % SUPPORTED_MIN, sys.version_info[:2] >= SUPPORTED_MIN,
                 sys.version.split()[0])
    if os.environ.get("COMPAT_PYTHON_MINOR"):
        checks.equal("Python minor version", "%d.%d" % sys.version_info[:2], os.environ["COMPAT_PYTHON_MINOR"])
    for requirement in expected:
        name, version = requirement.split("==", 1)
        checks.equal("installed %s" % name, importlib_metadata.version(name), version)
    # The client itself must see these very libraries (not some other copy on sys.path).
    import websockets  # pylint: disable=import-outside-toplevel
    import yaml  # pylint: disable=import-outside-toplevel
    wanted = dict(r.split("==", 1) for r in expected)
    if "websockets" in wanted:
        checks.equal("websockets.__version__", websockets.version.version, wanted["websockets"])
    if "PyYAML" in wanted:
        checks.equal("yaml.__version__", yaml.__version__, wanted["PyYAML"])


def step_settings(checks, state):
    juju_data = os.environ["JUJU_DATA"]
    found = settings.resolve({}, {"JUJU_DATA": juju_data, "HOME": os.environ.get("HOME", "/")})
    host_port = state["url"].split("://", 1)[1].split("/", 1)[0]
    checks.equal("controller name from the store", found.controller_name, "sim")
    checks.equal("endpoints from the store", found.endpoints, [host_port])
    checks.equal("login user from the store", found.user, "admin")
    checks.check("password from the store", bool(found.password))
    checks.check("CA certificate from the store", "-----BEGIN CERTIFICATE-----" in (found.ca_cert or ""))
    checks.check("validate_certs defaults to true", found.validate_certs is True)
    checks.equal("default timeout", found.timeout, settings.DEFAULT_TIMEOUT)
    checks.check("sources name the store", "accounts.yaml" in found.sources.get("password", ""),
                 found.sources)
    missing = checks.raises("resolve without any store fails", errors.SettingsError, settings.resolve, {},
                            {"JUJU_DATA": os.path.join(juju_data, "nowhere")})
    if missing is not None:
        checks.check("settings error names JUJU_USERNAME", "JUJU_USERNAME" in str(missing), missing)
    state["settings"] = found


def step_connect(checks, state):
    client = api.ControllerClient(state["settings"])
    client.connect()
    state["client"] = client
    checks.equal("current user", client.current_user, "admin")
    checks.check("login user is superuser", client.is_superuser)
    checks.equal("UserManager facade version", client.facades.get("UserManager"), 3)
    for facade in ("Controller", "ModelManager", "ApplicationOffers"):
        checks.check("%s facade negotiated" % facade, facade in client.facades, client.facades)
    checks.check("Login counted as a round trip", client.round_trips >= 1, client.round_trips)


def step_user_info(checks, state):
    client = state["client"]
    users = client.user_info()
    by_name = dict((u["name"], u) for u in users)
    checks.check("user_info lists the fixture users", {"admin", "fred", "alice", "bob"} <= set(by_name),
                 sorted(by_name))
    fred = client.get_user("fred")
    checks.check("get_user(fred) found", fred is not None)
    if fred:
        checks.equal("fred display name", fred["display_name"], "Fred")
        checks.equal("fred controller access", fred["access"], "login")
        checks.equal("fred enabled", fred["enabled"], True)
        checks.equal("fred created by", fred["created_by"], "admin")
    checks.equal("admin controller access", by_name.get("admin", {}).get("access"), "superuser")
    checks.equal("unknown user absent", client.get_user("compat-nobody"), None)
    checks.equal("user_info of named users", [u["name"] for u in client.user_info(["bob", "alice"])],
                 ["bob", "alice"])


def step_add_user_registration(checks, state):
    client = state["client"]
    name = "compat-reg"
    added = client.add_user(name, display_name="Compat Registration")
    checks.equal("add_user without password: name", added["name"], name)
    key = added.get("secret_key")
    checks.check("add_user without password returns a secret key", bool(key), added)
    if key:
        checks.equal("secret key is 32 bytes of base64", len(base64.b64decode(key)), 32)
        token = registration.registration_string(name, client.registration_endpoints, key,
                                                 client.controller_name)
        decoded = registration.decode_registration_string(token)
        checks.equal("registration token round trip", decoded,
                     {"user": name, "addresses": client.registration_endpoints, "secret_key": key,
                      "controller_name": "sim", "proxy_config": ""})
        checks.check("registration token is URL-safe base64 without padding",
                     "=" not in token and "+" not in token and "/" not in token, token)
    user = client.get_user(name)
    checks.check("registered user exists", user is not None)
    if user:
        checks.equal("registered user display name", user["display_name"], "Compat Registration")
        checks.equal("registered user access", user["access"], "login")
    checks.equal("user without password cannot log in", client.verify_password(name, new_password()), False)
    checks.raises("adding an existing user", errors.AlreadyExists, client.add_user, name)


def step_add_user_password(checks, state):
    client = state["client"]
    name, password = "compat-pw", new_password()
    state["pw_user"], state["pw"] = name, password
    added = client.add_user(name, display_name="Compat Password", password=password)
    checks.equal("add_user with password returns no secret key", added, {"name": name, "secret_key": None})
    checks.equal("verify_password with the right password", client.verify_password(name, password), True)
    checks.equal("verify_password with a wrong password", client.verify_password(name, password + "x"), False)


def step_set_password(checks, state):
    client = state["client"]
    name, old = state["pw_user"], state["pw"]
    new = new_password()
    client.set_password(name, new)
    state["pw"] = new
    checks.equal("new password verifies", client.verify_password(name, new), True)
    checks.equal("old password no longer verifies", client.verify_password(name, old), False)
    checks.raises("empty password refused before sending", errors.InvalidInput, client.set_password, name, "")


def _converge(checks, kind, label, read, modify, desired):
    """Plan from the level read back, apply the plan, read back, and check a second plan is empty."""
    current = read()
    changes = access.plan(kind, current, desired)
    checks.check("%s: plan %s -> %s is one change" % (label, current, desired), len(changes) == 1, changes)
    for change in changes:
        modify(change.action, change.level)
    checks.equal("%s: level read back after %s" % (label, changes), read(), desired)
    checks.equal("%s: plan again is empty" % label, access.plan(kind, read(), desired), [])


def step_controller_access(checks, state):
    client, name = state["client"], state["pw_user"]
    label = "controller access of %s" % name
    checks.equal(label + " after add_user", client.controller_access(name), "login")
    for desired in ("superuser", "login", None, "login"):
        _converge(checks, "controller", label, lambda: client.controller_access(name),
                  lambda action, level: client.modify_controller_access(name, action, level), desired)
    checks.raises("granting a level already held", errors.AlreadyHasAccess,
                  client.modify_controller_access, name, "grant", "login")


def step_model_access(checks, state):
    client, name = state["client"], state["pw_user"]
    model = client.resolve_model(MODEL)
    checks.equal("resolve_model ref", model["ref"], MODEL)
    checks.check("model listed", MODEL in [m["ref"] for m in client.list_models()])
    label = "access of %s to model %s" % (name, MODEL)
    for desired in ("write", "admin", "read", None):
        _converge(checks, "model", label, lambda: client.model_users(model["uuid"]).get(name),
                  lambda action, level: client.modify_model_access(name, action, level, model["uuid"]),
                  desired)
    checks.raises("unknown model", errors.NotFound, client.resolve_model, "admin/compat-no-such-model")


def step_offer_access(checks, state):
    client, name = state["client"], state["pw_user"]
    users = client.offer_users(OFFER)
    checks.equal("offer owner fred is admin", users.get("fred"), "admin")
    checks.equal("everyone@external reads the offer", users.get("everyone@external"), "read")
    label = "access of %s to offer %s" % (name, OFFER)
    for desired in ("consume", "admin", "read", None):
        _converge(checks, "offer", label, lambda: client.offer_users(OFFER).get(name),
                  lambda action, level: client.modify_offer_access(name, action, level, OFFER), desired)
    checks.check("offer listed", OFFER in [o["url"] for o in client.list_offers()])
    checks.raises("unknown offer", errors.NotFound, client.offer_users, "fred/prod.compat-no-such-offer")


def step_disable_enable(checks, state):
    client, name, password = state["client"], state["pw_user"], state["pw"]
    client.disable_user(name)
    user = client.get_user(name)
    checks.equal("disabled user reads as disabled", user and user["enabled"], False)
    checks.check("include_disabled=False hides the user",
                 name not in [u["name"] for u in client.user_info(include_disabled=False)])
    checks.raises("a disabled user cannot log in", errors.LoginFailed, client.verify_password, name, password)
    client.enable_user(name)
    user = client.get_user(name)
    checks.equal("enabled user reads as enabled", user and user["enabled"], True)
    checks.equal("enabled user logs in again", client.verify_password(name, password), True)


def step_remove(checks, state):
    client = state["client"]
    for name in ("compat-reg", state["pw_user"]):
        client.remove_user(name)
        checks.equal("removed user %s is absent" % name, client.get_user(name), None)
        checks.raises("removing %s again" % name, errors.NotFound, client.remove_user, name)
    sent_before = client.round_trips
    checks.raises("invalid user name refused before sending", errors.InvalidInput, client.remove_user,
                  "not a valid name!")
    checks.equal("nothing sent for invalid input", client.round_trips, sent_before)
    client.close()
    checks.raises("calls after close fail clearly", errors.ConnectionFailed, client.get_user, "admin")


def _clone(found, **changes):
    values = dict(controller_name=found.controller_name, endpoints=list(found.endpoints), user=found.user,
                  password=found.password, ca_cert=found.ca_cert, validate_certs=found.validate_certs,
                  timeout=5.0)
    values.update(changes)
    return settings.ConnectionSettings(**values)


def step_bad_credentials(checks, state):
    wrong = new_password()
    bad = api.ControllerClient(_clone(state["settings"], password=wrong))
    exc = checks.raises("login with a wrong password", errors.BadCredentials, bad.connect)
    if exc is not None:
        checks.check("bad credentials are a LoginFailed", isinstance(exc, errors.LoginFailed))
        checks.check("message names the user", '"admin"' in str(exc), exc)
        checks.check("message does not contain the password", wrong not in str(exc), exc)
    bad.close()


def step_wss_only(checks, state):
    host_port = state["url"].split("://", 1)[1].split("/", 1)[0]
    for scheme in ("ws", "http", "https"):
        client = api.ControllerClient(_clone(state["settings"], endpoints=["%s://%s" % (scheme, host_port)]))
        exc = checks.raises("%s:// endpoint refused" % scheme, errors.InvalidInput, client.connect)
        if exc is not None:
            checks.check("%s:// refusal says wss" % scheme, "wss://" in str(exc), exc)
        checks.equal("%s:// refusal sent nothing" % scheme, client.round_trips, 0)
    host, port = dialer.parse_endpoint(state["url"])
    checks.equal("wss:// endpoint accepted", "%s:%d" % (host, port), host_port)
    # An explicit wss:// endpoint really connects (and logs in).
    with api.ControllerClient(_clone(state["settings"], endpoints=[state["url"]])) as client:
        checks.equal("login over a wss:// endpoint", client.current_user, "admin")
    # Without the controller's CA the system store must not vouch for it.
    untrusted = api.ControllerClient(_clone(state["settings"], ca_cert=None))
    checks.raises("a certificate from an unknown CA is refused", errors.ConnectionFailed, untrusted.connect)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", required=True, help="the simulator's wss://127.0.0.1:PORT/api")
    parser.add_argument("--expect", action="append", default=[], metavar="NAME==VERSION",
                        help="a distribution that must be installed at exactly this version")
    parser.add_argument("--started", type=float, help="time.time() when the run began, for the closing line")
    args = parser.parse_args(argv)
    if "JUJU_DATA" not in os.environ:
        parser.error("JUJU_DATA must point at the simulator's client store")

    checks = Checks()
    state = {"url": args.url}
    checks.step("versions", step_versions, args.expect)
    checks.step("settings.resolve from the client store", step_settings, state)
    if "settings" in state:
        checks.step("connect and login", step_connect, state)
    if "client" in state:
        for name, func in (("user_info", step_user_info),
                           ("add_user without password + registration string", step_add_user_registration),
                           ("add_user with password + verify_password", step_add_user_password),
                           ("set_password + verify_password", step_set_password),
                           ("controller access via access.plan", step_controller_access),
                           ("model access via access.plan", step_model_access),
                           ("offer access via access.plan", step_offer_access),
                           ("disable_user / enable_user", step_disable_enable),
                           ("remove_user", step_remove)):
            checks.step(name, func, state)
        state["client"].close()
    if "settings" in state:
        checks.step("bad credentials classified", step_bad_credentials, state)
        checks.step("wss only", step_wss_only, state)
    took = "" if args.started is None else ", %.1f s" % (time.time() - args.started)
    print("compat: %d passed, %d failed (Python %s, %s%s)"
          % (checks.passed, checks.failed, sys.version.split()[0], ", ".join(args.expect), took), flush=True)
    return 1 if checks.failed or not checks.passed else 0


if __name__ == "__main__":
    sys.exit(main())
