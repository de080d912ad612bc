"""ControllerClient access operations: controller (§5), models (§4.8, §6), offers (§7)."""
import pytest
from jujusim.state import Model

from ansible_collections.juju.controller.plugins.module_utils import errors

OFFER = "fred/prod.hosted-mysql"


@pytest.fixture
def as_user(simulator, client_for):
    clients = []

    def make(user):
        client = client_for(simulator, user).connect()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


# -- controller ---------------------------------------------------------------------------------

def test_controller_access(admin):
    assert admin.controller_access("admin") == "superuser"
    assert admin.controller_access("fred") == "login"
    admin.modify_controller_access("fred", "revoke", "login")
    assert admin.controller_access("fred") is None
    with pytest.raises(errors.NotFound) as info:
        admin.controller_access("ghost")
    assert info.value.__class__ is errors.NotFound  # an unknown user is not "no access"


def test_modify_controller_access(admin):
    admin.modify_controller_access("fred", "grant", "superuser")
    assert admin.controller_access("fred") == "superuser"
    with pytest.raises(errors.AlreadyHasAccess) as info:
        admin.modify_controller_access("fred", "grant", "login")
    assert str(info.value) == ('cannot grant controller access "login" to user "fred": could not grant '
                               'controller access: user already has "login" access or greater')
    admin.modify_controller_access("fred", "revoke", "superuser")
    assert admin.controller_access("fred") == "login"
    with pytest.raises(errors.NotFound):
        admin.modify_controller_access("ghost", "grant", "superuser")


def test_modify_controller_access_input(admin, simulator):
    simulator.reset_counters()
    with pytest.raises(errors.InvalidInput) as info:
        admin.modify_controller_access("fred", "grant", "add-model")
    assert "login, superuser" in str(info.value)
    with pytest.raises(errors.InvalidInput):
        admin.modify_controller_access("fred", "give", "login")
    assert simulator.counters["calls"] == {}


def test_controller_access_as_non_superuser(as_user):
    fred = as_user("fred")
    assert fred.controller_access("fred") == "login"
    with pytest.raises(errors.Unauthorized):
        fred.controller_access("alice")
    with pytest.raises(errors.Unauthorized) as info:
        fred.modify_controller_access("alice", "grant", "superuser")
    assert info.value.code == "unauthorized access"  # per-entity error, classified


# -- models --------------------------------------------------------------------------------------

def test_list_and_resolve_models(admin, simulator):
    refs = [m["ref"] for m in admin.list_models()]
    assert refs == ["admin/controller", "admin/default", "admin/test-model", "fred/prod"]
    model = admin.resolve_model("default")
    assert model == {"name": "default", "owner": "admin", "ref": "admin/default",
                     "uuid": simulator.model_uuid("admin/default")}
    assert admin.resolve_model("fred/prod")["uuid"] == simulator.model_uuid("fred/prod")
    with pytest.raises(errors.NotFound) as info:
        admin.resolve_model("prod")  # owner defaults to the login user: admin/prod
    assert str(info.value) == ('model "admin/prod" was not found on controller "sim" (or user "admin" '
                               'cannot see it).')


def test_resolve_model_by_uuid(admin, as_user, simulator):
    uuid, fred = simulator.model_uuid("fred/prod"), as_user("fred")
    assert admin.resolve_model(uuid) == {"name": "prod", "owner": "fred", "ref": "fred/prod", "uuid": uuid}
    assert fred.resolve_model(uuid)["ref"] == "fred/prod"
    with pytest.raises(errors.NotFound) as info:
        admin.resolve_model("0b1e7e2c-1111-4222-8333-944445555666")
    assert str(info.value) == ('model "0b1e7e2c-1111-4222-8333-944445555666" was not found on the controller (or the '
                               'login user "admin" cannot see it).')
    assert info.value.code == "not found"
    with pytest.raises(errors.NotFound):  # a model fred cannot see, by UUID as by name
        fred.resolve_model(simulator.model_uuid("admin/default"))


def test_a_uuid_is_a_uuid_first_and_a_model_named_like_one_is_found_as_owner_slash_name(admin, simulator):
    """Model names allow a UUID's characters (juju-api.md §19.1): a bare UUID is looked up as a UUID only."""
    named = "0b1e7e2c-1111-4222-8333-944445555666"
    simulator.state.models["5f4e3d2c-1111-4222-8333-944445555666"] = Model(
        name=named, owner="admin", uuid="5f4e3d2c-1111-4222-8333-944445555666")
    with pytest.raises(errors.NotFound):
        admin.resolve_model(named)
    assert admin.resolve_model("admin/" + named)["name"] == named


def test_models_are_listed_once(admin, simulator):
    simulator.reset_counters()
    admin.resolve_model("default")
    admin.resolve_model("fred/prod")
    admin.list_models()
    assert simulator.counters["calls"] == {("ModelManager", "ListModelSummaries"): 1}


def test_models_of_a_non_superuser(as_user):
    fred = as_user("fred")
    assert [m["ref"] for m in fred.list_models()] == ["fred/prod"]
    assert fred.resolve_model("prod")["ref"] == "fred/prod"
    with pytest.raises(errors.NotFound):
        fred.resolve_model("admin/default")


def test_model_users_and_access(admin):
    uuid = admin.resolve_model("admin/default")["uuid"]
    assert admin.model_users(uuid) == {"admin": "admin"}
    admin.modify_model_access("alice", "grant", "write", uuid)
    admin.modify_model_access("bob@external", "grant", "read", uuid)  # no existence check (§6.4)
    assert admin.model_users(uuid) == {"admin": "admin", "alice": "write", "bob@external": "read"}
    with pytest.raises(errors.AlreadyHasAccess) as info:
        admin.modify_model_access("alice", "grant", "read", uuid)
    assert str(info.value) == ('cannot grant model access "read" to user "alice" on model '
                               '"admin/default": user already has "read" access or greater')
    admin.modify_model_access("alice", "revoke", "read", uuid)
    assert "alice" not in admin.model_users(uuid)
    with pytest.raises(errors.NoAccess):
        admin.modify_model_access("alice", "revoke", "read", uuid)
    with pytest.raises(errors.NotFound) as info:
        admin.modify_model_access("ghost", "grant", "read", uuid)
    assert info.value.__class__ is errors.NotFound


def test_model_access_input(admin):
    uuid = admin.resolve_model("admin/default")["uuid"]
    with pytest.raises(errors.InvalidInput):
        admin.modify_model_access("alice", "grant", "consume", uuid)
    with pytest.raises(errors.InvalidInput):
        admin.modify_model_access("alice", "grant", "read", "not-a-uuid")
    with pytest.raises(errors.InvalidInput):
        admin.model_users("not-a-uuid")


def test_model_access_as_non_admin(admin, as_user):
    uuid = admin.resolve_model("admin/default")["uuid"]
    admin.modify_model_access("fred", "grant", "read", uuid)
    fred = as_user("fred")
    assert fred.model_users(uuid) == {"admin": "admin", "fred": "read"}
    with pytest.raises(errors.Unauthorized):
        fred.modify_model_access("alice", "grant", "read", uuid)
    with pytest.raises(errors.Unauthorized):
        as_user("alice").model_users(uuid)  # no read access at all


def test_unknown_model_uuid(admin, as_user):
    ghost = "00000000-0000-4000-8000-000000000000"
    with pytest.raises((errors.NotFound, errors.Unauthorized)):
        admin.model_users(ghost)
    with pytest.raises(errors.Unauthorized):
        as_user("fred").modify_model_access("alice", "grant", "read", ghost)


# -- offers --------------------------------------------------------------------------------------

def test_offer_users(admin):
    users = admin.offer_users(OFFER)
    assert users == {"admin": "admin", "fred": "admin", "everyone@external": "read"}
    with pytest.raises(errors.NotFound) as info:
        admin.offer_users("fred/prod.nope")
    assert str(info.value).startswith('cannot read offer "fred/prod.nope": ')
    with pytest.raises(errors.NotFound):
        admin.offer_users("fred/missing.db")


def test_offer_url_defaults_to_login_user(as_user):
    fred = as_user("fred")
    assert fred.offer_users("prod.hosted-mysql")["fred"] == "admin"


def test_modify_offer_access(admin):
    admin.modify_offer_access("alice", "grant", "consume", OFFER)
    assert admin.offer_users(OFFER)["alice"] == "consume"
    with pytest.raises(errors.AlreadyHasAccess):
        admin.modify_offer_access("alice", "grant", "read", OFFER)
    admin.modify_offer_access("alice", "revoke", "consume", OFFER)
    assert admin.offer_users(OFFER)["alice"] == "read"
    admin.modify_offer_access("alice", "revoke", "read", OFFER)
    assert "alice" not in admin.offer_users(OFFER)
    with pytest.raises(errors.NotFound):
        admin.modify_offer_access("ghost", "grant", "read", OFFER)
    with pytest.raises(errors.InvalidInput):
        admin.modify_offer_access("alice", "grant", "write", OFFER)
    with pytest.raises(errors.InvalidInput):
        admin.modify_offer_access("alice", "grant", "read", "ctrl:fred/prod.hosted-mysql")


def test_offer_access_as_non_admin(as_user):
    alice = as_user("alice")
    with pytest.raises(errors.Unauthorized):
        alice.modify_offer_access("bob", "grant", "read", OFFER)


def test_list_offers(admin, as_user):
    admin.modify_offer_access("bob", "grant", "read", OFFER)
    expected = [{"url": OFFER, "users": {"admin": "admin", "fred": "admin", "bob": "read",
                                         "everyone@external": "read"}}]
    assert admin.list_offers() == expected
    fred_view = as_user("fred").list_offers()
    assert [o["url"] for o in fred_view] == [OFFER] and fred_view[0]["users"]["bob"] == "read"
    assert as_user("alice").list_offers() == []  # administers no model
