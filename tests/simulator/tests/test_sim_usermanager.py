"""UserManager v3 (juju-api.md §4)."""
import base64

import pytest

PD = {"message": "permission denied", "code": "unauthorized access"}


def add(client, name, password=None, display=""):
    user = {"username": name, "display-name": display}
    if password is not None:
        user["password"] = password
    return client.call("UserManager", "AddUser", {"users": [user]})["results"][0]


def info(client, *names, include_disabled=False):
    params = {"entities": [{"tag": "user-" + n} for n in names], "include-disabled": include_disabled}
    return client.call("UserManager", "UserInfo", params)["results"]


def test_add_user_with_password(connect):
    admin = connect()
    assert add(admin, "zoe", "pw", "Zoe") == {"tag": "user-zoe"}
    r = info(admin, "zoe")[0]["result"]
    assert r["access"] == "login" and r["created-by"] == "admin" and r["display-name"] == "Zoe"
    assert r["disabled"] is False and "last-connection" not in r
    assert connect("zoe", "pw").login_result["user-info"]["controller-access"] == "login"


def test_add_user_without_password_gets_secret_key(connect):
    admin = connect()
    r = add(admin, "kim")
    assert len(base64.b64decode(r["secret-key"], validate=True)) == 32
    assert add(admin, "kim2", "")["secret-key"]  # an empty password is no password


@pytest.mark.parametrize("name", ["a", "-bob", "bob-", "bo_b", "bob@external", "", "bob cat"])
def test_invalid_user_name(connect, name):
    r = add(connect(), name, "pw")
    assert r["error"] == {"message": 'failed to create user: invalid user name "%s"' % name, "code": ""}


def test_duplicate_is_case_insensitive(connect):
    r = add(connect(), "FRED", "pw")
    assert r["error"] == {"message": "failed to create user: username unavailable", "code": ""}


def test_ordinary_user_cannot_add(connect):
    e = connect("fred").error("UserManager", "AddUser", {"users": [{"username": "x1", "display-name": ""}]})
    assert (e.message, e.code) == ("permission denied", "unauthorized access")


@pytest.mark.parametrize("method,key", [("AddUser", "users"), ("EnableUser", "entities"),
                                        ("DisableUser", "entities"), ("SetPassword", "changes"),
                                        ("ResetPassword", "entities")])
def test_empty_lists_answer_null_results(connect, method, key):
    assert connect().call("UserManager", method, {key: []}) == {"results": None}


def test_add_user_empty_list_before_permission_check(connect):
    # usermanager.go AddUser: `if len(args.Users) == 0 { return result, nil }` precedes the
    # superuser check, so even an ordinary user gets a successful null result.
    assert connect("fred").call("UserManager", "AddUser", {"users": []}) == {"results": None}


def test_remove_user_empty_list(connect):
    assert connect().call("UserManager", "RemoveUser", {"entities": []}) == {"results": []}


def test_remove_user_errors(connect):
    admin = connect()
    tags = ["user-admin", "user-ghost", "user-bob", "user-bob"]
    res = admin.call("UserManager", "RemoveUser", {"entities": [{"tag": t} for t in tags]})["results"]
    assert res == [
        {"error": {"message": 'cannot delete controller owner "admin"', "code": ""}},
        {"error": {"message": 'failed to delete user "ghost": user "ghost" not found', "code": "not found"}},
        {},
        {"error": {"message": 'failed to delete user "bob": user "bob" is permanently deleted', "code": ""}},
    ]
    assert info(admin, "bob")[0] == {"error": PD}
    assert "bob" not in [r["result"]["username"] for r in info(admin, include_disabled=True)]


def test_removed_user_readded_fresh(connect, simulator):
    admin = connect()
    uuid = simulator.model_uuid("admin/default")
    admin.call("Controller", "ModifyControllerAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "superuser"}]})
    admin.call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "admin", "model-tag": "model-" + uuid}]})
    admin.call("ApplicationOffers", "ModifyOfferAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "consume", "offer-url": "fred/prod.hosted-mysql"}]})
    admin.call("UserManager", "RemoveUser", {"entities": [{"tag": "user-bob"}]})
    assert add(admin, "Bob", "new") == {"tag": "user-Bob"}  # the name is free again
    r = info(admin, "bob")[0]["result"]
    assert r["access"] == "login" and r["username"] == "Bob"
    users = admin.call("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]})["results"]
    assert "Bob" not in [u["result"]["user"] for u in users]
    offer = admin.call("ApplicationOffers", "ApplicationOffers", {"offer-urls": ["fred/prod.hosted-mysql"]})
    assert "Bob" not in [u["user"] for u in offer["results"][0]["result"]["users"]]
    connect("bob", "new")


def test_disable_enable(connect, simulator):
    admin = connect()
    uuid = simulator.model_uuid("admin/default")
    admin.call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "write", "model-tag": "model-" + uuid}]})
    ents = {"entities": [{"tag": "user-bob"}, {"tag": "user-bob"}, {"tag": "user-ghost"}, {"tag": "user-admin"}]}
    res = admin.call("UserManager", "DisableUser", ents)["results"]
    assert res == [{}, {}, {"error": PD},
                   {"error": {"message": "failed to disable user: cannot disable controller model owner",
                              "code": ""}}]
    r = info(admin, "bob")[0]["result"]
    assert r["disabled"] is True and r["access"] == ""
    assert "bob" not in [x["result"]["username"] for x in info(admin)]
    assert "bob" in [x["result"]["username"] for x in info(admin, include_disabled=True)]
    assert admin.call("UserManager", "EnableUser", {"entities": [{"tag": "user-bob"}] * 2})["results"] == [{}, {}]
    assert info(admin, "bob")[0]["result"]["access"] == "login"  # lost nothing
    users = admin.call("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]})["results"]
    assert {"bob": "write"}.items() <= {u["result"]["user"]: u["result"]["access"] for u in users}.items()
    connect("bob")


def test_set_password(connect, simulator):
    admin, fred = connect(), connect("fred")
    res = fred.call("UserManager", "SetPassword", {"changes": [
        {"tag": "user-fred", "password": "fred2"}, {"tag": "user-alice", "password": "x"},
        {"tag": "user-fred", "password": ""}]})["results"]
    assert res == [{}, {"error": PD}, {"error": {"message": "cannot use an empty password", "code": ""}}]
    connect("fred", "fred2")
    assert admin.call("UserManager", "SetPassword", {"changes": [
        {"tag": "user-ghost", "password": "x"}]})["results"] == [{"error": PD}]
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-alice"}]})
    assert admin.call("UserManager", "SetPassword", {"changes": [
        {"tag": "user-alice", "password": "a2"}]})["results"] == [{}]  # allowed on disabled users


def test_set_password_makes_passwordless_user_able_to_login(connect):
    admin = connect()
    add(admin, "newbie")
    admin.call("UserManager", "SetPassword", {"changes": [{"tag": "user-newbie", "password": "pw"}]})
    connect("newbie", "pw")


def test_reset_password(connect, simulator):
    admin = connect()
    res = admin.call("UserManager", "ResetPassword", {"entities": [
        {"tag": "user-fred"}, {"tag": "user-admin"}, {"tag": "user-ghost"}]})["results"]
    assert res[0]["tag"] == "user-fred" and len(base64.b64decode(res[0]["secret-key"])) == 32
    # usermanager.go ResetPassword: each entry starts as AddUserResult{Tag: arg.Tag}, errors included.
    assert res[1:] == [{"tag": "user-admin", "error": PD}, {"tag": "user-ghost", "error": PD}]
    c = connect(login=False)
    assert c.error("Admin", "Login", {"auth-tag": "user-fred", "credentials": simulator.passwords["fred"]}
                   ).message == "invalid entity name or password"
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    res = admin.call("UserManager", "ResetPassword", {"entities": [{"tag": "user-bob"}]})["results"]
    assert res == [{"tag": "user-bob",
                    "error": {"message": 'cannot reset password for user "bob": user deactivated', "code": ""}}]
    res = connect("alice").call("UserManager", "ResetPassword", {"entities": [{"tag": "user-bob"}]})["results"]
    assert res == [{"tag": "user-bob", "error": PD}]


def test_user_info_ordinary_user(connect):
    alice = connect("alice")
    assert [r["result"]["username"] for r in info(alice)] == ["alice"]
    assert info(alice, "bob") == [{"error": PD}]
    assert info(alice, "alice")[0]["result"]["username"] == "alice"


def test_user_info_unknown_and_external(connect):
    admin = connect()
    assert info(admin, "ghost") == [{"error": PD}]
    assert info(admin, "everyone@external") == [{"result": {
        "username": "everyone@external", "display-name": "", "created-by": "", "access": "",
        "date-created": "0001-01-01T00:00:00Z", "disabled": False}}]


def test_user_info_all_is_sorted_and_without_removed(connect):
    admin = connect()
    add(admin, "aaron", "pw")
    admin.call("UserManager", "RemoveUser", {"entities": [{"tag": "user-bob"}]})
    assert [r["result"]["username"] for r in info(admin)] == ["aaron", "admin", "alice", "fred"]


def test_model_user_info(connect, simulator):
    admin = connect()
    uuid = simulator.model_uuid("fred/prod")
    res = admin.call("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]})
    assert res == {"results": [{"result": {"model-tag": "model-" + uuid, "user": "fred", "display-name": "Fred",
                                           "last-connection": None, "access": "admin"}}]}
    e = connect("bob").error("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]})
    assert (e.message, e.code) == ("permission denied", "unauthorized access")
    # usermanager.go modelUserInfo: pool.GetModel runs before checkCanRead, so an unknown model is
    # not found for every caller; results are appended, so an empty request answers null.
    ghost = "11111111-2222-4333-8444-555555555555"
    for client in (admin, connect("bob")):
        e = client.error("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + ghost}]})
        assert (e.message, e.code) == ('model "%s" not found' % ghost, "not found")
    assert admin.call("UserManager", "ModelUserInfo", {"entities": []}) == {"results": None}
    e = admin.error("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-nope"}]})
    assert e.message == '"model-nope" is not a valid model tag'


def test_external_user_info_takes_the_higher_of_own_and_everyone_grant(connect):
    # juju-api.md §4.7, §15.5: no user record is needed; access is the effective controller level.
    admin = connect()
    admin.call("Controller", "ModifyControllerAccess", {"changes": [
        {"user-tag": "user-everyone@external", "action": "grant", "access": "login"}]})
    assert info(admin, "kim@canonical")[0]["result"]["access"] == "login"  # inherited from everyone
    admin.call("Controller", "ModifyControllerAccess", {"changes": [
        {"user-tag": "user-kim@canonical", "action": "grant", "access": "superuser"}]})
    assert info(admin, "kim@canonical", "everyone@external") == [
        {"result": {"username": "kim@canonical", "display-name": "", "created-by": "", "access": "superuser",
                    "date-created": "0001-01-01T00:00:00Z", "disabled": False}},
        {"result": {"username": "everyone@external", "display-name": "", "created-by": "", "access": "login",
                    "date-created": "0001-01-01T00:00:00Z", "disabled": False}}]
    assert [r["result"]["username"] for r in info(admin)] == ["admin", "alice", "bob", "fred"]  # locals only


def test_user_manager_writes_refuse_external_names(connect):
    # juju-api.md §15.5: invalid user name, or permission denied via the user lookup.
    admin = connect()
    assert add(admin, "kim@canonical", "pw")["error"] == {
        "message": 'failed to create user: invalid user name "kim@canonical"', "code": ""}
    ent = {"entities": [{"tag": "user-kim@canonical"}]}
    for method in ("EnableUser", "DisableUser"):
        assert admin.call("UserManager", method, ent)["results"] == [{"error": PD}]
    assert admin.call("UserManager", "ResetPassword", ent)["results"] == [{"tag": "user-kim@canonical", "error": PD}]
    assert admin.call("UserManager", "SetPassword", {"changes": [
        {"tag": "user-kim@canonical", "password": "pw"}]})["results"] == [{"error": PD}]
    # state.User: NotFoundf("user %q", id), annotated with the tag's Name() (no domain).
    assert admin.call("UserManager", "RemoveUser", ent)["results"] == [{"error": {
        "message": 'failed to delete user "kim": user "kim@canonical" not found', "code": "not found"}}]


def test_external_grant_holders_are_listed(connect, simulator):
    # juju-api.md §15.5: ModelUserInfo and offer users include external grant holders.
    admin = connect()
    uuid = simulator.model_uuid("fred/prod")
    admin.call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "user-kim@canonical", "action": "grant", "access": "write", "model-tag": "model-" + uuid}]})
    admin.call("ApplicationOffers", "ModifyOfferAccess", {"changes": [
        {"user-tag": "user-kim@canonical", "action": "grant", "access": "consume",
         "offer-url": "fred/prod.hosted-mysql"}]})
    users = admin.call("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]})["results"]
    assert [(u["result"]["user"], u["result"]["access"]) for u in users] == [
        ("fred", "admin"), ("kim@canonical", "write")]
    offer = admin.call("ApplicationOffers", "ApplicationOffers", {"offer-urls": ["fred/prod.hosted-mysql"]})
    assert [(u["user"], u["access"]) for u in offer["results"][0]["result"]["users"]] == [
        ("admin", "admin"), ("everyone@external", "read"), ("fred", "admin"), ("kim@canonical", "consume")]
