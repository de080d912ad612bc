"""Macaroon logins of local users (juju-api.md §15.3, §15.4) and the jujusim.login helper (§15.1, §15.2)."""
import base64
import datetime
import io
import json
import re

import pytest
import requests
import yaml
from macaroonbakery import bakery

from jujusim import login as login_helper
from jujusim.login import LoginFailed, juju_login
from jujusim.wire import RawClient

UNAUTH = "unauthorized access"


def login_params(user, macaroons):
    return {"auth-tag": "user-" + user if user else "", "credentials": "", "nonce": "",
            "macaroons": macaroons, "bakery-version": 3, "user-data": "", "client-version": "3.6.1"}


def jar_slices(jar_path):
    return [json.loads(base64.b64decode(entry["Value"])) for entry in json.loads(jar_path.read_text())]


@pytest.fixture
def bob_slice(simulator):
    """The macaroon slice `juju login -u bob` leaves in the cookie jar."""
    return jar_slices(juju_login(simulator.juju_data, "bob", simulator.passwords["bob"]))[0]


@pytest.fixture
def ca_file(simulator, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_text(simulator.ca_cert)
    return str(path)


def move_clock(sim, delta):
    start = datetime.datetime.now(datetime.timezone.utc)
    sim.server.local_logins.clock = lambda: start + delta


def test_login_without_macaroons_asks_for_a_discharge(connect, simulator):
    res = connect(login=False).call("Admin", "Login", login_params("bob", None))
    assert set(res) == {"discharge-required", "bakery-discharge-required", "discharge-required-error"}
    assert res["discharge-required-error"] == "invalid login macaroon"
    wrapped = res["bakery-discharge-required"]
    assert (wrapped["v"], wrapped["ns"]) == (3, "std:")
    assert wrapped["m"] == res["discharge-required"]
    primary = res["discharge-required"]
    assert primary["l"] == "juju model " + simulator.model_uuid("admin/controller")
    first, third = primary["c"]
    expiry = datetime.datetime.strptime(first["i"][:len("time-before 2026-01-01T00:00:00")],
                                        "time-before %Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    ahead = expiry - datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(hours=23, minutes=59) < ahead <= datetime.timedelta(hours=24)
    assert third["l"] == "https://127.0.0.1:%d/auth" % simulator.port
    # The caveat is encrypted for the discharger: decrypt it as the discharger does (§15.4).
    (caveat,) = wrapped["cdata"].values()
    info = bakery.decode_caveat(simulator.server.local_logins.discharger_key, bakery.b64decode(caveat))
    assert info.condition == "need-declared username is-authenticated-user bob"


def test_login_without_bakery_version_gets_a_version_1_macaroon(connect):
    params = login_params("bob", None)
    del params["bakery-version"]
    res = connect(login=False).call("Admin", "Login", params)
    assert res["bakery-discharge-required"] == res["discharge-required"]  # no bakery wrapper before v3
    assert set(res["discharge-required"]) == {"caveats", "location", "identifier", "signature"}  # v1 JSON


def test_login_with_the_discharged_macaroon(connect, simulator, bob_slice):
    res = connect(login=False).call("Admin", "Login", login_params("bob", [bob_slice]))
    assert res["user-info"] == {"identity": "user-bob", "controller-access": "login",
                                "model-access": "", "display-name": ""}
    # One macaroon serves /api and every /model/<uuid>/api; duplicates are accepted (§15.3).
    model = connect(model="fred/prod", login=False)
    connect().call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "read", "model-tag": "model-" +
         simulator.model_uuid("fred/prod")}]})
    res = model.call("Admin", "Login", login_params("bob", [bob_slice, bob_slice]))
    assert res["user-info"]["model-access"] == "read"


def test_missing_auth_tag_is_refused(connect, bob_slice):
    # §15.3: a local user must send auth-tag; without identity-url the call fails.
    e = connect(login=False).error("Admin", "Login", login_params("", [bob_slice]))
    assert (e.message, e.code) == ("failed to authenticate request: unauthorized", UNAUTH)


def test_expired_macaroon_asks_again(connect, simulator, bob_slice):
    move_clock(simulator, datetime.timedelta(hours=23, minutes=59))
    assert "user-info" in connect(login=False).call("Admin", "Login", login_params("bob", [bob_slice]))
    move_clock(simulator, datetime.timedelta(hours=24, seconds=1))
    res = connect(login=False).call("Admin", "Login", login_params("bob", [bob_slice]))
    assert res["discharge-required-error"] == "invalid login macaroon" and "user-info" not in res


def forge_signature(ms):
    forged = json.loads(json.dumps(ms))
    forged[0]["s64"] = base64.urlsafe_b64encode(b"\0" * 32).decode().rstrip("=")
    return forged


def claim_alice(ms):
    # Rewriting the discharge's declaration breaks its signature.
    forged = json.loads(json.dumps(ms))
    for caveat in forged[1]["c"]:
        if caveat.get("i") == "declared username bob":
            caveat["i"] = "declared username alice"
    assert forged != ms
    return forged


@pytest.mark.parametrize("tamper", [forge_signature, claim_alice, lambda ms: ms[:1]])
def test_forged_or_incomplete_macaroons_ask_again(connect, bob_slice, tamper):
    res = connect(login=False).call("Admin", "Login", login_params("bob", [tamper(bob_slice)]))
    assert res["discharge-required-error"] == "invalid login macaroon" and "user-info" not in res


@pytest.mark.parametrize("junk,message", [
    ({"x": 1}, "invalid JSON macaroon encoding"),
    ({"s64": "x"}, "invalid signature: illegal base64 data"),
    ({"i": "id", "s": "s" * 31}, "signature has unexpected length 31"),
    ({"i": "id", "s": "s" * 32, "signature": "ab" * 32}, "cannot determine macaroon encoding version"),
    ({"i": "id", "i64": "aWQ", "s": "s" * 32}, "invalid identifier: ambiguous field encoding"),
])
def test_what_is_no_macaroon_fails_the_login_request(connect, bob_slice, junk, message):
    # LoginRequest.Macaroons is []macaroon.Slice: Go cannot decode the request, whatever else it holds.
    e = connect(login=False).error("Admin", "Login", login_params("bob", [bob_slice, [junk]]))
    assert (e.message, e.code) == (message, "")


def test_login_helper_punycodes_a_non_ascii_public_hostname():
    details = {"uuid": "x", "public-hostname": "Juju.Bücher.Example.:17070"}
    assert login_helper.cookie_host(details) == "juju.xn--bcher-kva.example"


def test_macaroon_of_another_controller_asks_again(connect, make_simulator, tmp_path):
    other = make_simulator(juju_data=tmp_path / "other")
    foreign = jar_slices(juju_login(other.juju_data, "bob", other.passwords["bob"]))[0]
    res = connect(login=False).call("Admin", "Login", login_params("bob", [foreign]))
    assert "discharge-required" in res and "user-info" not in res


def test_declared_user_must_be_the_tag(connect, bob_slice):
    e = connect(login=False).error("Admin", "Login", login_params("alice", [bob_slice]))
    assert (e.message, e.code) == ("permission denied", UNAUTH)


def test_disabled_and_removed_users(connect, bob_slice):
    admin = connect()
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    e = connect(login=False).error("Admin", "Login", login_params("bob", [bob_slice]))
    assert (e.message, e.code) == ('user "bob" is disabled', UNAUTH)
    admin.call("UserManager", "RemoveUser", {"entities": [{"tag": "user-bob"}]})
    e = connect(login=False).error("Admin", "Login", login_params("bob", [bob_slice]))
    assert (e.message, e.code) == ("invalid entity name or password", UNAUTH)


def test_reset_password_does_not_revoke_macaroons(connect, bob_slice):
    connect().call("UserManager", "ResetPassword", {"entities": [{"tag": "user-bob"}]})
    assert "user-info" in connect(login=False).call("Admin", "Login", login_params("bob", [bob_slice]))


# ---- the discharger endpoints (§15.4) -----------------------------------------------

def auth_url(sim, path):
    return "https://127.0.0.1:%d/auth/%s" % (sim.port, path)


def caveat_form(connect, user="bob"):
    wrapped = connect(login=False).call("Admin", "Login", login_params(user, None))["bakery-discharge-required"]
    ((cid, caveat),) = wrapped["cdata"].items()
    return {"id64": cid, "caveat64": caveat}


def test_discharge_needs_interaction(connect, simulator, ca_file):
    resp = requests.post(auth_url(simulator, "discharge"), data=caveat_form(connect), verify=ca_file,
                         headers={"Bakery-Protocol-Version": "3"})
    assert resp.status_code == 401 and resp.headers["WWW-Authenticate"] == "Macaroon"
    assert resp.json() == {"Code": "interaction required", "Message": "cannot discharge: interaction required",
                           "Info": {"InteractionMethods": {"juju_userpass": {"url": "/auth/form"}}}}
    # ErrorToResponse: bakery version 0 (no header) gets 407; a request without a caveat id, 400.
    legacy = requests.post(auth_url(simulator, "discharge"), data=caveat_form(connect), verify=ca_file)
    assert (legacy.status_code, legacy.json()["Code"]) == (407, "interaction required")
    empty = requests.post(auth_url(simulator, "discharge"), data={}, verify=ca_file)
    assert (empty.status_code, empty.json()) == (400, {"Code": "bad request",
                                                       "Message": "no caveat id found in request"})


def submit_form(sim, ca_file, user, password):
    return requests.post(auth_url(sim, "form"), json={"form": {"user": user, "password": password}},
                         verify=ca_file)


def test_form_refuses_a_wrong_password(simulator, ca_file):
    resp = submit_form(simulator, ca_file, "bob", "wrong")
    assert (resp.status_code, resp.json()) == (500, {"Message": "invalid entity name or password"})


@pytest.mark.parametrize("form", [{"user": "bob"}, {"user": "bob", "password": 5}, "bob"])
def test_form_refuses_a_malformed_request(simulator, ca_file, form):
    resp = requests.post(auth_url(simulator, "form"), json={"form": form}, verify=ca_file)
    assert resp.status_code == 400 and resp.json()["Code"] == "bad request"
    assert resp.json()["Message"].startswith("can't unmarshal login request: ")


def test_form_refuses_external_users(simulator, ca_file):
    resp = submit_form(simulator, ca_file, "bob@external", "x")
    assert (resp.status_code, resp.json()) == (500, {"Message": 'non-local username "bob@external" not valid'})


def test_form_token_discharges_once_and_only_for_its_user(connect, simulator, ca_file):
    def token(user):
        value = submit_form(simulator, ca_file, user, simulator.passwords[user]).json()["token"]
        assert value["kind"] == "juju_userpass"
        return base64.b64decode(value["value"]).decode()

    bob = token("bob")
    assert re.match("^[0-9a-f]{24}$", bob)
    form = dict(caveat_form(connect), token=bob, **{"token-kind": "juju_userpass"})
    resp = requests.post(auth_url(simulator, "discharge"), data=form, verify=ca_file)
    assert resp.status_code == 200
    discharge = resp.json()["Macaroon"]["m"]
    assert discharge["c"][0] == {"i": "declared username bob"}
    again = requests.post(auth_url(simulator, "discharge"), data=form, verify=ca_file)
    assert (again.status_code, again.json()) == (500, {"Message": "cannot discharge: invalid token"})
    form["token"] = token("alice")
    resp = requests.post(auth_url(simulator, "discharge"), data=form, verify=ca_file)
    assert resp.json() == {"Message": 'cannot discharge: discharge token for user "alice" does not match '
                                      'declared user "bob"'}


def test_public_key(simulator, ca_file):
    resp = requests.get(auth_url(simulator, "publickey"), verify=ca_file)
    key = simulator.server.local_logins.discharger_key.public_key
    assert resp.json() == {"PublicKey": key.serialize().decode()}


# ---- the login helper -----------------------------------------------------------------

GO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")


def test_login_helper_writes_the_go_jar_and_drops_the_password(simulator):
    jar = juju_login(simulator.juju_data, "bob", simulator.passwords["bob"])
    assert jar == simulator.juju_data / "cookies" / "sim.json"
    (entry,) = json.loads(jar.read_text())
    assert list(entry) == ["Name", "Value", "Domain", "Path", "Secure", "HttpOnly", "Persistent", "HostOnly",
                           "Expires", "Creation", "LastAccess", "Updated", "CanonicalHost"]
    (primary, discharge) = json.loads(base64.b64decode(entry["Value"], validate=True))
    assert entry["Name"] == "macaroon-" + base64.urlsafe_b64decode(primary["s64"] + "==").hex()
    assert (entry["Domain"], entry["CanonicalHost"], entry["Path"]) == ((simulator.controller_uuid,) * 2 + ("/",))
    assert (entry["HostOnly"], entry["Persistent"], entry["Secure"], entry["HttpOnly"]) == (True, True, False, False)
    assert all(GO_TIME.match(entry[k]) for k in ("Expires", "Creation", "LastAccess", "Updated"))
    assert entry["Expires"][:19] == primary["c"][0]["i"][len("time-before "):][:19]
    accounts = yaml.safe_load((simulator.juju_data / "accounts.yaml").read_text())
    assert accounts["controllers"]["sim"] == {"user": "bob", "last-known-access": "login"}


def test_login_helper_keeps_other_cookies_and_uses_public_hostname(simulator):
    path = simulator.juju_data / "controllers.yaml"
    controllers = yaml.safe_load(path.read_text())
    controllers["controllers"]["sim"]["public-hostname"] = "Ctrl.Example.COM.:17070"
    path.write_text(yaml.safe_dump(controllers))
    jar = simulator.juju_data / "cookies" / "sim.json"
    jar.write_text(json.dumps([{"Name": "other", "Value": "x", "Domain": "10.0.0.1", "Path": "/"}]))
    juju_login(simulator.juju_data, "alice", simulator.passwords["alice"])
    other, ours = json.loads(jar.read_text())
    assert other["Name"] == "other" and ours["Domain"] == "ctrl.example.com"


def test_login_helper_wrong_password(simulator):
    with pytest.raises(LoginFailed, match="^cannot submit form: invalid entity name or password$"):
        juju_login(simulator.juju_data, "bob", "wrong")
    accounts = yaml.safe_load((simulator.juju_data / "accounts.yaml").read_text())
    assert accounts["controllers"]["sim"]["user"] == "admin"


def test_login_helper_command_line(simulator, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(simulator.passwords["fred"] + "\n"))
    assert login_helper.main(["--juju-data", str(simulator.juju_data), "--user", "fred"]) == 0
    jar = simulator.juju_data / "cookies" / "sim.json"
    assert capsys.readouterr().out == "logged in as fred; macaroon in %s\n" % jar
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert login_helper.main(["--juju-data", str(simulator.juju_data), "--user", "fred"]) == 1
    assert capsys.readouterr().err == "jujusim.login: cannot submit form: invalid entity name or password\n"


def test_macaroons_survive_a_restart_with_state(make_simulator, tmp_path):
    state = tmp_path / "state.json"
    first = make_simulator(juju_data=tmp_path / "one", state=state)
    ms = jar_slices(juju_login(first.juju_data, "bob", first.passwords["bob"]))[0]
    first.stop()
    second = make_simulator(juju_data=tmp_path / "two", state=state)
    # The keys derive from the CA key the state keeps, as Juju keeps its keys in its database.
    with RawClient(second) as client:
        assert client.call("Admin", "Login", login_params("bob", [ms]))["user-info"]["identity"] == "user-bob"
