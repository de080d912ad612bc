"""Admin.Login (juju-api.md §3): result shape, failures, last-connection."""
import re

import pytest

UNAUTH = "unauthorized access"


def login_error(connect, user, password):
    c = connect(login=False)
    return c.error("Admin", "Login", {"auth-tag": "user-" + user, "credentials": password})


def test_login_result_shape(connect, simulator):
    res = connect().login_result
    assert res["server-version"] == "3.6.1"
    assert res["controller-tag"] == "controller-" + simulator.controller_uuid
    assert "model-tag" not in res  # omitted for controller logins
    assert res["user-info"] == {"identity": "user-admin", "controller-access": "superuser",
                                "model-access": "", "display-name": ""}
    assert res["servers"] == [[{"value": "127.0.0.1", "type": "ipv4", "scope": "local-machine",
                                "port": simulator.port}]]
    facades = {f["name"]: f["versions"] for f in res["facades"]}
    assert facades == {"Admin": [3], "Pinger": [1], "UserManager": [3], "Controller": [11, 12],
                       "ModelManager": [9, 10], "ApplicationOffers": [4, 5], "Cloud": [7]}


def test_ordinary_user_login(connect):
    info = connect("fred").login_result["user-info"]
    assert info["identity"] == "user-fred"
    assert info["controller-access"] == "login"


def test_model_login_filters_facades(connect, simulator):
    res = connect("fred", model="fred/prod").login_result
    assert res["model-tag"] == "model-" + simulator.model_uuid("fred/prod")
    assert res["user-info"]["model-access"] == "admin"
    assert {f["name"]: f["versions"] for f in res["facades"]} == {"Admin": [3], "Pinger": [1], "KeyManager": [1]}


def test_superuser_model_login_is_admin(connect):
    res = connect("admin", model="fred/prod").login_result
    assert res["user-info"]["model-access"] == "admin"


def test_model_login_without_access_is_denied(connect, simulator):
    c = connect(model="fred/prod", login=False)
    e = c.error("Admin", "Login", {"auth-tag": "user-bob", "credentials": simulator.passwords["bob"]})
    assert (e.message, e.code) == ("permission denied", UNAUTH)


def test_model_login_needs_controller_access(connect, simulator):
    """allow-model-access is false: a model grant alone does not let a user in (§18.1)."""
    admin = connect()
    admin.call("ModelManager", "ModifyModelAccess", {"changes": [{
        "user-tag": "user-bob", "action": "grant", "access": "admin",
        "model-tag": "model-" + simulator.model_uuid("admin/default")}]})
    assert connect("bob", model="admin/default").login_result["user-info"]["model-access"] == "admin"
    admin.call("Controller", "ModifyControllerAccess", {"changes": [
        {"user-tag": "user-bob", "action": "revoke", "access": "login"}]})
    c = connect(model="admin/default", login=False)
    e = c.error("Admin", "Login", {"auth-tag": "user-bob", "credentials": simulator.passwords["bob"]})
    assert (e.message, e.code) == ("permission denied", UNAUTH)


@pytest.mark.parametrize("user,password", [("admin", "wrong"), ("nobody", "x")])
def test_bad_credentials(connect, user, password):
    e = login_error(connect, user, password)
    assert (e.message, e.code) == ("invalid entity name or password", UNAUTH)


def test_malformed_tag(connect):
    c = connect(login=False)
    e = c.error("Admin", "Login", {"auth-tag": "bar", "credentials": "x"})
    assert e.message == '"bar" is not a valid tag'


def test_disabled_user(connect, simulator):
    connect().call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    e = login_error(connect, "bob", simulator.passwords["bob"])
    assert (e.message, e.code) == ('user "bob" is disabled', UNAUTH)
    # a wrong password still says only "invalid entity name or password"
    assert login_error(connect, "bob", "nope").message == "invalid entity name or password"


def test_removed_user(connect, simulator):
    connect().call("UserManager", "RemoveUser", {"entities": [{"tag": "user-bob"}]})
    e = login_error(connect, "bob", simulator.passwords["bob"])
    assert (e.message, e.code) == ('user "bob" is permanently deleted', UNAUTH)


def test_passwordless_user_cannot_log_in(connect):
    connect().call("UserManager", "AddUser", {"users": [{"username": "nopw", "display-name": ""}]})
    e = login_error(connect, "nopw", "any")  # an empty password would select a macaroon login (§15.3)
    assert (e.message, e.code) == ("invalid entity name or password", UNAUTH)


def test_no_controller_access(connect, simulator):
    connect().call("Controller", "ModifyControllerAccess", {"changes": [
        {"user-tag": "user-bob", "action": "revoke", "access": "login"}]})
    e = login_error(connect, "bob", simulator.passwords["bob"])
    assert (e.message, e.code) == ("invalid entity name or password", UNAUTH)


def test_already_logged_in(connect, simulator):
    c = connect()
    e = c.error("Admin", "Login", {"auth-tag": "user-admin", "credentials": simulator.admin_password})
    assert e.message == "already logged in"


def test_redirect_info_not_redirected(connect):
    assert connect(login=False).error("Admin", "RedirectInfo").message == "not redirected"


def test_last_connection_absent_until_login_then_updated(connect, simulator, monkeypatch):
    admin = connect()

    def info():
        return admin.call("UserManager", "UserInfo", {"entities": [{"tag": "user-alice"}]})["results"][0]["result"]

    assert "last-connection" not in info()
    import jujusim.facades.admin as admin_facade
    monkeypatch.setattr(admin_facade, "now", lambda: "2030-01-01T00:00:00Z")
    connect("alice")
    assert info()["last-connection"] == "2030-01-01T00:00:00Z"
    monkeypatch.setattr(admin_facade, "now", lambda: "2030-01-02T00:00:00Z")
    connect("alice")
    assert info()["last-connection"] == "2030-01-02T00:00:00Z"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", info()["date-created"])
