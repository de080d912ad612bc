"""ApplicationOffers v4/v5 (juju-api.md §7)."""
import pytest
import yaml

from jujusim import tags
from jujusim.errors import ApiError
from jujusim.wire import RawClient

PD = {"message": "permission denied", "code": "unauthorized access"}
URL = "fred/prod.hosted-mysql"


def change(client, user, action, level, url=URL):
    return client.call("ApplicationOffers", "ModifyOfferAccess", {"changes": [
        {"user-tag": "user-" + user, "action": action, "access": level, "offer-url": url}]})["results"][0]


def users_of(client, url=URL, version=5):
    res = client.call("ApplicationOffers", "ApplicationOffers", {"offer-urls": [url]}, version=version)
    return [(u["user"], u["access"]) for u in res["results"][0]["result"]["users"]]


def test_new_offer_grants(connect):
    assert users_of(connect("fred")) == [("fred", "admin"), ("everyone@external", "read")]
    # the caller always comes first, with their effective level (superuser -> admin)
    assert users_of(connect()) == [("admin", "admin"), ("everyone@external", "read"), ("fred", "admin")]


def test_grant_and_quirky_revoke(connect):
    fred = connect("fred")
    assert change(fred, "bob", "grant", "consume") == {}
    assert change(fred, "bob", "grant", "read") == {"error": {
        "message": 'user already has "read" access or greater', "code": ""}}
    assert change(fred, "bob", "revoke", "admin") == {}  # admin -> consume, whatever bob held
    assert ("bob", "consume") in users_of(fred)
    assert change(fred, "bob", "revoke", "consume") == {}
    assert ("bob", "read") in users_of(fred)
    assert change(fred, "bob", "revoke", "read") == {}
    assert "bob" not in dict(users_of(fred))
    assert change(fred, "bob", "revoke", "read")["error"]["code"] == "not found"
    assert change(fred, "ghost", "grant", "read") == {"error": {
        "message": 'could not grant offer access: user "ghost" does not exist locally: user "ghost" not found',
        "code": "not found"}}


def test_errors(connect):
    fred, bob = connect("fred"), connect("bob")
    assert change(fred, "bob", "grant", "write")["error"] == {
        "message": 'could not modify offer access: "write" offer access not valid', "code": "not valid"}
    assert change(fred, "bob", "grant", "read", "fred/nomodel.x")["error"] == {
        "message": 'model "fred/nomodel" not found', "code": "not found"}
    assert change(fred, "bob", "grant", "read", "fred/prod.nope")["error"] == {
        "message": 'application offer "nope" not found', "code": "not found"}
    assert change(bob, "alice", "grant", "read") == {"error": PD}
    assert change(bob, "alice", "grant", "read", "fred/prod.nope") == {"error": PD}
    # omitted owner = the caller: "prod.hosted-mysql" means bob/prod for bob
    assert change(bob, "alice", "grant", "read", "prod.hosted-mysql")["error"] == {
        "message": 'model "bob/prod" not found', "code": "not found"}


def test_offer_admin_may_grant(connect):
    fred = connect("fred")
    change(fred, "bob", "grant", "admin")
    assert change(connect("bob"), "alice", "grant", "consume") == {}
    assert change(fred, "bob", "grant", "admin", "prod.hosted-mysql")["error"]["message"].startswith("user already")


def test_reader_sees_only_themself(connect):
    change(connect("fred"), "bob", "grant", "read")
    assert users_of(connect("bob")) == [("bob", "read")]
    res = connect("alice").call("ApplicationOffers", "ApplicationOffers", {"offer-urls": [URL]})
    assert res["results"][0]["error"] == {"message": 'application offer "%s" not found' % URL, "code": "not found"}


@pytest.mark.parametrize("version", [4, 5])
def test_details_shape(connect, simulator, version):
    res = connect("fred").call("ApplicationOffers", "ApplicationOffers",
                               {"offer-urls": [URL, "ctrl:fred/prod.hosted-mysql", URL + ":db"]}, version=version)
    d = res["results"][0]["result"]
    assert d["offer-url"] == URL and d["offer-name"] == "hosted-mysql" and d["application-name"] == "mysql"
    assert d["source-model-tag"] == "model-" + simulator.model_uuid("fred/prod")
    assert d["endpoints"] == [{"name": "db", "role": "provider", "interface": "mysql", "limit": 0}]
    assert ("bindings" in d) == (version == 4)
    assert res["results"][1]["error"]["message"] == "query for non-local application offers not supported"
    assert res["results"][2]["error"]["message"] == 'remote application "%s:db" shouldn\'t include endpoint' % URL


def test_list_application_offers(connect):
    fred = connect("fred")
    res = fred.call("ApplicationOffers", "ListApplicationOffers", {"Filters": [{"model-name": "prod"}]})
    assert [d["offer-url"] for d in res["results"]] == [URL]
    assert fred.error("ApplicationOffers", "ListApplicationOffers", {"Filters": []}).message == \
        "at least one offer filter is required"
    assert fred.error("ApplicationOffers", "ListApplicationOffers", {"Filters": [{"offer-name": "x"}]}).message == \
        "application offer filter must specify a model name"
    e = connect("bob").error("ApplicationOffers", "ListApplicationOffers",
                             {"Filters": [{"owner-name": "fred", "model-name": "prod"}]})
    assert e.message == "permission denied"
    res = connect().call("ApplicationOffers", "ListApplicationOffers",
                         {"Filters": [{"owner-name": "fred", "model-name": "prod", "offer-name": "other"}]})
    assert res == {"results": []}


@pytest.mark.parametrize("url,parts", [
    # core/crossmodel ParseOfferURL (juju-api.md §7.1): the owner runs to the first "/", dots included.
    ("fred.smith/shop.db", ("", "fred.smith", "shop", "db", "")),
    ("prod.hosted-mysql", ("", "", "prod", "hosted-mysql", "")),
    ("ctrl:fred/prod.mysql:db", ("ctrl", "fred", "prod", "mysql", "db")),
    ("fred/prod.mysql:db", ("", "fred", "prod", "mysql", "db")),
    ("ctrl:prod.mysql", ("ctrl", "", "prod", "mysql", "")),
    ("fred@local/prod.mysql", ("", "fred", "prod", "mysql", "")),
])
def test_parse_offer_url(url, parts):
    got = tags.parse_offer_url(url)
    assert tuple(got[k] or "" for k in ("source", "owner", "model", "offer", "endpoint")) == parts


@pytest.mark.parametrize("url,message,code", [
    ("a/b/c.d", 'application offer URL has invalid form, must be [<user/]<model>.<appname>: "a/b/c.d"', ""),
    (":prod.mysql", 'application offer URL has invalid form, must be [<user/]<model>.<appname>: ":prod.mysql"', ""),
    ("fred/prod", "application offer URL is missing application", ""),
    ("", "application offer URL is missing model", ""),
    ("fr_ed/prod.mysql", 'user name "fr_ed" not valid', "not valid"),
    ("fred/Prod.mysql", 'model name "Prod" not valid', "not valid"),
    ("fred/prod.my.sql", 'application name "my.sql" not valid', "not valid"),
])
def test_parse_offer_url_errors(url, message, code):
    with pytest.raises(ApiError) as info:
        tags.parse_offer_url(url)
    assert (info.value.message, info.value.code) == (message, code)


def test_owner_with_dots(make_simulator, tmp_path):
    fixture = tmp_path / "dotted.yaml"
    fixture.write_text(yaml.safe_dump({
        "users": [{"name": "admin", "access": "superuser"}, {"name": "fred.smith", "password": "fs-pw-1"}],
        "models": [{"name": "shop", "owner": "fred.smith"}],
        "offers": [{"url": "fred.smith/shop.db", "application": "postgresql"}]}))
    sim = make_simulator(fixture=str(fixture))
    with RawClient(sim) as client:
        client.login("fred.smith", "fs-pw-1")
        res = client.call("ApplicationOffers", "ApplicationOffers", {"offer-urls": ["fred.smith/shop.db", "shop.db"]})
        assert [r["result"]["offer-url"] for r in res["results"]] == ["fred.smith/shop.db"] * 2
        assert client.call("ApplicationOffers", "ModifyOfferAccess", {"changes": [
            {"user-tag": "user-admin", "action": "grant", "access": "consume",
             "offer-url": "fred.smith/shop.db"}]}) == {"results": [{}]}


def offer_uuid(simulator):
    return next(o.uuid for o in simulator.state.offers if o.name == "hosted-mysql")


def test_revoke_without_a_grant_names_the_permission(connect, simulator):
    # juju-api.md §19.2: no special case for a superuser target; each revoke says what it set.
    admin, uuid = connect(), offer_uuid(simulator)
    missing = 'user permission for "us#admin" on "ao#%s" not found' % uuid
    for level, context in (("read", "could not revoke offer access"),
                           ("consume", "could not set offer access to read-only"),
                           ("admin", "could not set offer access to read-consume")):
        assert change(admin, "Admin", "revoke", level) == {"error": {
            "message": "%s: %s" % (context, missing), "code": "not found"}}
    assert change(admin, "admin", "grant", "read") == {}  # an explicit grant, besides the implicit admin
    assert users_of(connect())[0] == ("admin", "admin")  # the caller's own grant is never shown to it


def test_a_disabled_user_gets_a_first_grant_only(connect):
    # juju-api.md §19.3: ModifyOfferAccess reads the user (st.UserAccess) except for a first grant.
    fred, admin = connect("fred"), connect()
    admin.call("UserManager", "DisableUser", {"entities": [{"tag": "user-bob"}]})
    assert change(fred, "bob", "grant", "read") == {}
    assert change(fred, "bob", "grant", "read")["error"]["message"] == 'user already has "read" access or greater'
    assert change(fred, "bob", "grant", "consume") == {"error": {
        "message": 'could not set offer access for user: user "bob" is disabled', "code": ""}}
    for level, context in (("read", "could not revoke offer access"),
                           ("consume", "could not set offer access to read-only"),
                           ("admin", "could not set offer access to read-consume")):
        assert change(fred, "bob", "revoke", level) == {"error": {
            "message": '%s: user "bob" is disabled' % context, "code": ""}}
    assert ("bob", "read") in users_of(fred)
