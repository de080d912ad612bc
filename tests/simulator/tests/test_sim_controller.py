"""Controller v11/v12 (juju-api.md §5)."""
import pytest

PD = {"message": "permission denied", "code": "unauthorized access"}


def modify(client, *changes):
    params = {"changes": [{"user-tag": "user-" + u, "action": a, "access": lvl} for u, a, lvl in changes]}
    return client.call("Controller", "ModifyControllerAccess", params)["results"]


def access_of(client, name):
    return client.call("Controller", "GetControllerAccess", {"entities": [{"tag": "user-" + name}]})["results"][0]


def test_grant_table(connect):
    admin = connect()
    assert modify(admin, ("bob", "grant", "login")) == [{"error": {
        "message": 'could not grant controller access: user already has "login" access or greater', "code": ""}}]
    assert modify(admin, ("bob", "grant", "superuser")) == [{}]
    assert access_of(admin, "bob") == {"result": {"user-tag": "user-bob", "access": "superuser"}}
    assert modify(admin, ("bob", "grant", "superuser"), ("bob", "grant", "login")) == [
        {"error": {"message": 'could not grant controller access: user already has "superuser" access or greater',
                   "code": ""}},
        {"error": {"message": 'could not grant controller access: user already has "login" access or greater',
                   "code": ""}}]
    # no grant at all -> grant creates it
    assert modify(admin, ("alice", "revoke", "login"), ("alice", "grant", "superuser")) == [{}, {}]
    assert access_of(admin, "alice")["result"]["access"] == "superuser"


def test_revoke_table(connect):
    admin = connect()
    assert modify(admin, ("bob", "revoke", "superuser")) == [{}]  # login stays login, no error
    assert access_of(admin, "bob")["result"]["access"] == "login"
    modify(admin, ("bob", "grant", "superuser"))
    assert modify(admin, ("bob", "revoke", "superuser")) == [{}]
    assert access_of(admin, "bob")["result"]["access"] == "login"
    assert modify(admin, ("bob", "revoke", "login")) == [{}]
    assert access_of(admin, "bob") == {"error": {"message": 'controller user "bob" not found', "code": "not found"}}
    assert admin.call("UserManager", "UserInfo", {"entities": [{"tag": "user-bob"}]}
                      )["results"][0]["result"]["access"] == ""
    assert modify(admin, ("bob", "revoke", "login"), ("bob", "revoke", "superuser")) == [
        {"error": {"message": 'could not revoke controller access: controller user "bob" does not exist',
                   "code": "not found"}},
        {"error": {"message": 'could not look up controller access for user: controller user "bob" not found',
                   "code": "not found"}}]


def test_modify_errors(connect):
    admin = connect()
    res = admin.call("Controller", "ModifyControllerAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "add-model"},
        {"user-tag": "bob", "action": "grant", "access": "login"},
        {"user-tag": "user-bob", "action": "frob", "access": "login"},
        {"user-tag": "user-ghost", "action": "grant", "access": "login"},
        {"user-tag": "user-everyone@external", "action": "grant", "access": "login"}]})["results"]
    assert res == [
        {"error": {"message": '"add-model" controller access not valid', "code": "not valid"}},
        {"error": {"message": 'could not modify controller access: "bob" is not a valid tag', "code": ""}},
        {"error": {"message": 'unknown action "frob"', "code": ""}},
        {"error": {"message": 'could not grant controller access: user "ghost" does not exist locally: '
                              'user "ghost" not found', "code": "not found"}},
        {}]


def test_revoke_superuser_checks_the_user_first(connect):
    # revokeControllerAccess -> st.UserAccess -> userMayHaveAccess (state/useraccess.go): the
    # user is looked up (and must not be disabled) before the controller-user record.
    admin = connect()
    assert modify(admin, ("ghost", "revoke", "superuser")) == [{"error": {
        "message": 'could not look up controller access for user: user "ghost" not found', "code": "not found"}}]
    modify(admin, ("bob", "revoke", "login"))  # no grant record left
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    assert modify(admin, ("bob", "revoke", "superuser")) == [{"error": {
        "message": 'could not look up controller access for user: user "bob" is disabled', "code": ""}}]


def test_disabled_user_grant(connect):
    admin = connect()
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    assert modify(admin, ("bob", "grant", "superuser")) == [{"error": {
        "message": 'could not grant controller access: could not look up controller access for user: '
                   'user "bob" is disabled', "code": ""}}]
    assert access_of(admin, "bob") == {"error": {"message": 'user "bob" is disabled', "code": ""}}


def test_ordinary_user(connect):
    fred = connect("fred")
    assert modify(fred, ("bob", "grant", "superuser"), ("fred", "grant", "superuser")) == [
        {"error": PD}, {"error": PD}]
    assert access_of(fred, "fred") == {"result": {"user-tag": "user-fred", "access": "login"}}
    assert access_of(fred, "bob") == {"error": PD}
    e = fred.error("Controller", "AllModels")
    assert (e.message, e.code) == ("permission denied", "unauthorized access")
    assert access_of(connect(), "ghost") == {"error": {"message": 'user "ghost" not found', "code": "not found"}}


@pytest.mark.parametrize("version", [11, 12])
def test_all_models_and_info(connect, simulator, version):
    admin = connect()
    res = admin.call("Controller", "AllModels", version=version)["user-models"]
    assert sorted((m["model"]["owner-tag"], m["model"]["name"]) for m in res) == [
        ("user-admin", "controller"), ("user-admin", "default"), ("user-admin", "test-model"), ("user-fred", "prod")]
    assert all(m["last-connection"] is None and m["model"]["type"] == "iaas" for m in res)
    assert admin.call("Controller", "ControllerVersion", version=version) == {
        "version": "3.6.1", "git-commit": "0000000000000000000000000000000000000000"}
    assert admin.call("Controller", "IdentityProviderURL", version=version) == {"result": ""}
    uuid = simulator.model_uuid("admin/controller")
    res = admin.call("Controller", "ControllerAPIInfoForModels", {"entities": [{"tag": "model-" + uuid}]},
                     version=version)
    assert res == {"results": [{"addresses": ["127.0.0.1:%d" % simulator.port], "cacert": simulator.ca_cert}]}
