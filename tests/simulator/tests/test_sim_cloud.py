"""Cloud v7 (juju-api.md §16): clouds, CloudInfo and ModifyCloudAccess with 3.6's rules."""
import pytest
import yaml

from jujusim.wire import RawClient

PD = {"message": "permission denied", "code": "unauthorized access"}
LOCALHOST = {"type": "lxd", "auth-types": ["certificate"], "regions": [{"name": "localhost"}]}
MICROK8S = {"type": "kubernetes", "auth-types": ["certificate", "clientcertificate"],
            "endpoint": "https://10.0.0.10:16443", "regions": [{"name": "localhost"}]}


def modify(client, *changes):
    """changes: (user, action, level[, cloud]) -> the per-change results."""
    params = {"changes": [{"user-tag": "user-" + c[0], "action": c[1], "access": c[2],
                           "cloud-tag": "cloud-" + (c[3] if len(c) > 3 else "localhost")} for c in changes]}
    return client.call("Cloud", "ModifyCloudAccess", params)["results"]


def info(client, *clouds):
    return client.call("Cloud", "CloudInfo", {"entities": [{"tag": "cloud-" + c} for c in clouds]})["results"]


def users_of(client, cloud="localhost"):
    return {u["user"]: u["access"] for u in info(client, cloud)[0]["result"]["users"]}


def test_default_fixture_clouds_and_bootstrap_grant(connect):
    admin = connect()
    assert admin.call("Cloud", "Clouds") == {"clouds": {"cloud-localhost": LOCALHOST, "cloud-microk8s": MICROK8S}}
    # Only the controller owner holds anything, admin on the controller cloud (§16 "Bootstrap").
    assert info(admin, "localhost") == [{"result": dict(LOCALHOST, users=[
        {"user": "admin", "display-name": "admin", "access": "admin"}])}]
    # Nobody holds anything on the second cloud: no user is visible, which CloudInfo reports as
    # permission denied even to a superuser (cloud.go getCloudInfo: len(info.Users) == 0).
    assert info(admin, "microk8s") == [{"error": PD}]


def test_ordinary_user_sees_only_clouds_they_may_use(connect):
    fred = connect("fred")
    assert fred.call("Cloud", "Clouds") == {}  # no cloud: the map is omitempty
    assert info(fred, "localhost") == [{"error": PD}]
    modify(connect(), ("fred", "grant", "add-model", "microk8s"))
    assert fred.call("Cloud", "Clouds") == {"clouds": {"cloud-microk8s": MICROK8S}}
    # add-model holders see only themselves.
    assert info(fred, "microk8s") == [{"result": dict(MICROK8S, users=[
        {"user": "fred", "display-name": "Fred", "access": "add-model"}])}]
    res = fred.call("Cloud", "Cloud", {"entities": [{"tag": "cloud-microk8s"}, {"tag": "cloud-localhost"}]})
    assert res == {"results": [{"cloud": MICROK8S},
                               {"error": {"message": 'cloud "localhost" not found', "code": "not found"}}]}


def test_grant_and_the_revoke_table(connect):
    admin = connect()
    assert modify(admin, ("bob", "grant", "add-model"), ("bob", "grant", "add-model"),
                  ("bob", "grant", "admin"), ("bob", "grant", "add-model")) == [
        {}, {"error": {"message": 'could not grant cloud access: user already has "add-model" access or greater',
                       "code": ""}},
        {}, {"error": {"message": 'could not grant cloud access: user already has "add-model" access or greater',
                       "code": ""}}]
    assert users_of(admin)["bob"] == "admin"
    assert modify(admin, ("bob", "revoke", "admin")) == [{}]  # admin -> add-model
    assert users_of(admin)["bob"] == "add-model"
    assert modify(admin, ("bob", "revoke", "admin")) == [{}]  # add-model stays add-model
    assert users_of(admin)["bob"] == "add-model"
    modify(admin, ("bob", "grant", "admin"))
    assert modify(admin, ("bob", "revoke", "add-model")) == [{}]  # removes every level, even admin
    assert "bob" not in users_of(admin)
    assert modify(admin, ("bob", "revoke", "add-model"), ("bob", "revoke", "admin")) == [
        {"error": {"message": 'could not revoke cloud access: user permission for "us#bob" on "cloud#localhost" '
                              'not found', "code": "not found"}},
        {"error": {"message": 'could not set cloud access to add-model: user permission for "us#bob" on '
                              '"cloud#localhost" not found', "code": "not found"}}]


def test_checks_in_order(connect):
    admin = connect()
    assert modify(admin, ("ghost", "grant", "admin", "nowhere"), ("admin", "grant", "admin"),
                  ("bob", "grant", "superuser"), ("ghost", "grant", "add-model"),
                  ("bob", "share", "admin")) == [
        {"error": {"message": 'cloud "nowhere" not found', "code": "not found"}},
        {"error": {"message": "cannot change your own cloud access", "code": ""}},
        {"error": {"message": '"superuser" cloud access not valid', "code": "not valid"}},
        {"error": {"message": 'could not grant cloud access: user "ghost" does not exist locally: '
                              'user "ghost" not found', "code": "not found"}},
        {"error": {"message": 'unknown action "share"', "code": ""}}]
    res = admin.call("Cloud", "ModifyCloudAccess", {"changes": [
        {"user-tag": "user-bob", "action": "grant", "access": "admin", "cloud-tag": "lxd"},
        {"user-tag": "bob", "action": "grant", "access": "admin", "cloud-tag": "cloud-localhost"}]})
    assert res["results"] == [{"error": {"message": '"lxd" is not a valid tag', "code": ""}},
                              {"error": {"message": 'could not modify cloud access: "bob" is not a valid tag',
                                         "code": ""}}]
    assert admin.call("Cloud", "ModifyCloudAccess", {"changes": []}) == {"results": []}


def test_only_superusers_modify_even_cloud_admins_are_refused(connect):
    admin = connect()
    modify(admin, ("fred", "grant", "admin"))
    # 3.2-3.6 check controller superuser, not cloud admin (§16), after the self check.
    assert modify(connect("fred"), ("bob", "grant", "add-model"), ("fred", "revoke", "admin")) == [
        {"error": PD}, {"error": {"message": "cannot change your own cloud access", "code": ""}}]
    # ... but a cloud admin sees every user of the cloud.
    assert users_of(connect("fred")) == {"admin": "admin", "fred": "admin"}


def test_external_users_need_no_record(connect):
    admin = connect()
    assert modify(admin, ("everyone@external", "grant", "add-model"), ("Kim@Canonical", "grant", "admin")) == [{}, {}]
    # GetCloudUsers keys are lower-cased ids; an external user's display name is that id (§15.5).
    assert info(admin, "localhost")[0]["result"]["users"] == [
        {"user": "admin", "display-name": "admin", "access": "admin"},
        {"user": "everyone@external", "display-name": "everyone@external", "access": "add-model"},
        {"user": "kim@canonical", "display-name": "kim@canonical", "access": "admin"}]


def test_removing_a_user_drops_its_cloud_grants(connect):
    admin = connect()
    modify(admin, ("bob", "grant", "admin"), ("bob", "grant", "add-model", "microk8s"))
    admin.call("UserManager", "RemoveUser", {"entities": [{"tag": "user-bob"}]})
    admin.call("UserManager", "AddUser", {"users": [{"username": "bob", "display-name": "", "password": "pw2"}]})
    assert "bob" not in users_of(admin)  # 3.6.15+: the grant went with the user (§16)
    assert info(admin, "microk8s") == [{"error": PD}]
    assert connect("bob", "pw2").call("Cloud", "Clouds") == {}


def test_cloud_is_a_write_for_the_counters(connect, simulator):
    admin = connect()
    simulator.reset_counters()
    admin.call("Cloud", "Clouds")
    modify(admin, ("bob", "grant", "admin"))
    assert (simulator.counters["reads"], simulator.counters["writes"]) == (1, 1)


@pytest.mark.parametrize("tag,message", [
    ("cloud-", '"cloud-" is not a valid cloud tag'),
    # names.ParseTag checks a tag by its own kind first: "localhost" is no model UUID.
    ("model-localhost", '"model-localhost" is not a valid model tag'),
    ("model-deadbeef-0bad-400d-8000-4b1d0d06f00d",
     '"model-deadbeef-0bad-400d-8000-4b1d0d06f00d" is not a valid cloud tag'),
    ("cloud-localhost\n", r'"cloud-localhost\n" is not a valid cloud tag'),
    ("cloud-nowhere", 'cloud "nowhere" not found'),
])
def test_cloud_info_errors(connect, tag, message):
    res = connect().call("Cloud", "CloudInfo", {"entities": [{"tag": tag}]})["results"]
    assert res[0]["error"]["message"] == message


def test_fixture_clouds(make_simulator, tmp_path):
    fixture = tmp_path / "clouds.yaml"
    fixture.write_text(yaml.safe_dump({
        "controller": {"cloud": "maas"},
        "users": [{"name": "admin", "password": "admin-pw-1", "access": "superuser"}, {"name": "carol"}],
        "models": [{"name": "m1"}],
        "clouds": [{"name": "maas", "type": "maas", "endpoint": "http://10.0.0.2/MAAS",
                    "users": {"carol": "add-model", "everyone@external": "add-model"}},
                   {"name": "aws", "type": "ec2", "regions": ["eu-west-1"]}]}))
    sim = make_simulator(fixture=str(fixture))
    with RawClient(sim) as admin:
        admin.login("admin", "admin-pw-1")
        clouds = admin.call("Cloud", "Clouds")["clouds"]
        assert list(clouds.items()) == [  # in Go's order for a map: sorted keys
            ("cloud-aws", {"type": "ec2", "regions": [{"name": "eu-west-1"}]}),
            ("cloud-maas", {"type": "maas", "endpoint": "http://10.0.0.2/MAAS"})]
        assert users_of(admin, "maas") == {"admin": "admin", "carol": "add-model", "everyone@external": "add-model"}
        models = admin.call("ModelManager", "ListModelSummaries", {"user-tag": "user-admin", "all": True})
        assert [m["result"]["cloud-tag"] for m in models["results"]] == ["cloud-maas"]  # models run on it


def test_cloud_grants_survive_a_restart(make_simulator, tmp_path):
    state = tmp_path / "state.json"
    sim = make_simulator(state=state)
    with RawClient(sim) as admin:
        admin.login("admin", sim.admin_password)
        modify(admin, ("fred", "grant", "admin", "microk8s"))
    sim.stop()
    sim = make_simulator(state=state, juju_data=tmp_path / "again")
    with RawClient(sim) as admin:
        admin.login("admin", sim.admin_password)
        assert users_of(admin, "microk8s") == {"fred": "admin"}
