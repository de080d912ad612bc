"""ModelManager v9/v10 (juju-api.md §6)."""
import pytest

PD = {"message": "permission denied", "code": "unauthorized access"}


def change(client, user, action, level, model_uuid):
    return client.call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "user-" + user, "action": action, "access": level, "model-tag": "model-" + model_uuid}]}
    )["results"][0]


def level_of(client, uuid, user):
    users = client.call("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]})["results"]
    return {u["result"]["user"]: u["result"]["access"] for u in users}.get(user)


@pytest.fixture
def uuid(simulator):
    return simulator.model_uuid("admin/default")


def test_grant(connect, uuid):
    admin = connect()
    assert change(admin, "bob", "grant", "read", uuid) == {}
    assert change(admin, "bob", "grant", "read", uuid) == {"error": {
        "message": 'user already has "read" access or greater', "code": ""}}
    assert change(admin, "bob", "grant", "admin", uuid) == {}
    assert change(admin, "bob", "grant", "write", uuid) == {"error": {
        "message": 'user already has "write" access or greater', "code": ""}}
    assert level_of(admin, uuid, "bob") == "admin"
    assert change(admin, "ghost", "grant", "read", uuid) == {"error": {
        "message": 'could not grant model access: user "ghost" does not exist locally: user "ghost" not found',
        "code": "not found"}}
    assert change(admin, "someone@external", "grant", "read", uuid) == {}


@pytest.mark.parametrize("start,revoke,after", [
    ("admin", "write", "read"),    # revoking write sets read even for an admin
    ("write", "write", "read"),
    ("read", "write", "read"),     # no change, no error
    ("read", "admin", "write"),    # revoking admin *raises* a read-only user to write
    ("admin", "admin", "write"),
    ("write", "read", None),       # revoking read removes the user
])
def test_revoke_quirks(connect, uuid, start, revoke, after):
    admin = connect()
    change(admin, "bob", "grant", start, uuid)
    assert change(admin, "bob", "revoke", revoke, uuid) == {}
    assert level_of(admin, uuid, "bob") == after


def test_revoke_without_access(connect, uuid):
    admin = connect()
    assert change(admin, "bob", "revoke", "read", uuid) == {"error": {
        "message": 'could not revoke model access: model user "bob" does not exist', "code": "not found"}}
    for level in ("write", "admin"):
        assert change(admin, "bob", "revoke", level, uuid) == {"error": {
            "message": 'could not look up model access for user: model user "bob" not found', "code": "not found"}}


def test_revoke_and_regrant_check_the_user_first(connect, uuid):
    # changeModelAccess calls st.UserAccess, which runs userMayHaveAccess (state/useraccess.go)
    # before looking for the model-user record: unknown and disabled local users fail there.
    admin = connect()
    for level in ("write", "admin"):
        assert change(admin, "ghost", "revoke", level, uuid) == {"error": {
            "message": 'could not look up model access for user: user "ghost" not found', "code": "not found"}}
    change(admin, "bob", "grant", "read", uuid)
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    disabled = {"error": {"message": 'could not look up model access for user: user "bob" is disabled', "code": ""}}
    assert change(admin, "bob", "revoke", "write", uuid) == disabled
    assert change(admin, "bob", "grant", "write", uuid) == disabled  # AlreadyExists path
    assert change(admin, "bob", "revoke", "read", uuid) == {}  # RemoveUserAccess: no user check


def test_modify_checks_in_order(connect, uuid):
    admin, bob = connect(), connect("bob")
    assert change(admin, "bob", "grant", "login", uuid)["error"] == {
        "message": 'could not modify model access: "login" model access not valid', "code": "not valid"}
    r = admin.call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "read", "model-tag": "bad"}]})["results"][0]
    assert r["error"]["message"] == 'could not modify model access: "bad" is not a valid tag'
    assert change(bob, "alice", "grant", "read", uuid) == {"error": PD}
    change(admin, "bob", "grant", "admin", uuid)  # a model admin may grant on that model
    assert change(bob, "alice", "grant", "read", uuid) == {}
    r = admin.call("ModelManager", "ModifyModelAccess", {"changes": [
        {"user-tag": "bob", "action": "grant", "access": "read", "model-tag": "model-" + uuid}]})["results"][0]
    assert r["error"]["message"] == 'could not modify model access: "bob" is not a valid tag'
    ghost = "11111111-2222-4333-8444-555555555555"
    assert change(connect("alice"), "bob", "grant", "read", ghost) == {"error": PD}


@pytest.mark.parametrize("version", [9, 10])
def test_list_model_summaries(connect, version):
    fred = connect("fred")
    res = fred.call("ModelManager", "ListModelSummaries", {"user-tag": "user-fred", "all": True}, version=version)
    [summary] = [r["result"] for r in res["results"]]  # all is ignored for ordinary users
    assert summary["name"] == "prod" and summary["owner-tag"] == "user-fred"
    assert summary["user-access"] == "admin" and summary["counts"] == []
    assert summary["last-connection"] is None
    assert ("default-series" in summary) == (version == 9)
    e = fred.error("ModelManager", "ListModelSummaries", {"user-tag": "user-admin"}, version=version)
    assert (e.message, e.code) == ("permission denied", "unauthorized access")
    admin = connect()
    mine = admin.call("ModelManager", "ListModelSummaries", {"user-tag": "user-admin", "all": False})["results"]
    assert [r["result"]["name"] for r in mine] == ["controller", "default", "test-model"]
    every = admin.call("ModelManager", "ListModelSummaries", {"user-tag": "user-admin", "all": True})["results"]
    assert [r["result"]["name"] for r in every] == ["controller", "default", "prod", "test-model"]


def test_list_models(connect):
    res = connect("fred").call("ModelManager", "ListModels", {"tag": "user-fred"})["user-models"]
    assert [(m["model"]["name"], m["last-connection"]) for m in res] == [("prod", "0001-01-01T00:00:00Z")]
    assert len(connect().call("ModelManager", "ListModels", {"tag": "user-admin"})["user-models"]) == 4
    # modelmanager.go ListModels / listModelSummaries append to nil slices: no models -> null.
    assert connect("alice").call("ModelManager", "ListModels", {"tag": "user-alice"}) == {"user-models": None}
    assert connect("alice").call("ModelManager", "ListModelSummaries",
                                 {"user-tag": "user-alice", "all": False}) == {"results": None}
    e = connect("alice").error("ModelManager", "ListModels", {"tag": "user-fred"})
    assert e.message == "permission denied"


def test_model_info_visibility(connect, simulator, uuid):
    admin = connect()
    change(admin, "bob", "grant", "read", uuid)
    change(admin, "alice", "grant", "write", uuid)
    ents = {"entities": [{"tag": "model-" + uuid}]}
    full = admin.call("ModelManager", "ModelInfo", ents)["results"][0]["result"]
    assert sorted(u["user"] for u in full["users"]) == ["admin", "alice", "bob"]
    assert full["users"][0]["model-tag"] == ""
    bob = connect("bob").call("ModelManager", "ModelInfo", ents)["results"][0]["result"]
    assert [u["user"] for u in bob["users"]] == ["bob"]
    assert bob["machines"] is None and bob["secret-backends"] is None
    alice = connect("alice").call("ModelManager", "ModelInfo", ents)["results"][0]["result"]
    # common.ModelMachineInfo appends to a nil slice: a model without machines gives null.
    assert alice["machines"] is None and [u["user"] for u in alice["users"]] == ["alice"]
    ghost = "11111111-2222-4333-8444-555555555555"
    res = connect("fred").call("ModelManager", "ModelInfo", {"entities": [
        {"tag": "model-" + uuid}, {"tag": "model-" + ghost}]})["results"]
    assert res == [{"error": PD}, {"error": PD}]


def test_model_info_v9_has_default_series(connect, uuid):
    r = connect().call("ModelManager", "ModelInfo", {"entities": [{"tag": "model-" + uuid}]}, version=9)
    assert r["results"][0]["result"]["default-series"] == "jammy"


def test_first_grant_to_a_disabled_user_is_written_and_refused(connect, uuid):
    # juju-api.md §19.3: useraccess.go writes the grant, then re-reads it through st.UserAccess.
    admin = connect()
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    assert change(admin, "bob", "grant", "write", uuid) == {"error": {
        "message": 'could not grant model access: user "bob" is disabled', "code": ""}}
    assert level_of(admin, uuid, "bob") == "write"
