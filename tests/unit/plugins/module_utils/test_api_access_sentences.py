"""ControllerClient access operations: the exact sentences and codes of their failures (api_access.py)."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors
from rewritten import rewrite_answers

OFFER = "fred/prod.hosted-mysql"
GHOST_MODEL = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def fred(simulator, client_for):
    with client_for(simulator, "fred") as client:
        yield client


@pytest.mark.parametrize("args, cls, sentence", [
    (("fred", "grant", "login"), errors.AlreadyHasAccess,
     'cannot grant controller access "login" to user "fred": could not grant controller access: '
     'user already has "login" access or greater'),
    (("ghost", "revoke", "login"), errors.NoAccess,
     'cannot revoke controller access "login" from user "ghost": could not revoke controller access: '
     'controller user "ghost" does not exist'),
])
def test_controller_access_change_sentences(admin, args, cls, sentence):
    with pytest.raises(cls) as info:
        admin.modify_controller_access(*args)
    assert info.value.__class__ is cls
    assert str(info.value) == sentence


@pytest.mark.parametrize("args, cls, sentence", [
    (("alice", "revoke", "read"), errors.NoAccess,
     'cannot revoke model access "read" from user "alice" on model "admin/default": could not revoke model '
     'access: model user "alice" does not exist'),
    (("admin", "grant", "write"), errors.AlreadyHasAccess,
     'cannot grant model access "write" to user "admin" on model "admin/default": user already has "write" '
     'access or greater'),
])
def test_model_access_change_sentences(admin, args, cls, sentence):
    uuid = admin.resolve_model("admin/default")["uuid"]  # the client now knows the model's ref
    with pytest.raises(cls) as info:
        admin.modify_model_access(*(args + (uuid,)))
    assert info.value.__class__ is cls
    assert str(info.value) == sentence


@pytest.mark.parametrize("args, cls, sentence", [
    (("alice", "revoke", "read"), errors.NoAccess,
     'cannot revoke offer access "read" from user "alice" on offer "fred/prod.hosted-mysql": could not revoke '
     'offer access: user permission for "us#alice" on "ao#<offer-uuid>" not found'),
    (("ghost", "grant", "consume"), errors.NotFound,
     'cannot grant offer access "consume" to user "ghost" on offer "fred/prod.hosted-mysql": could not grant '
     'offer access: user "ghost" does not exist locally: user "ghost" not found'),
])
def test_offer_access_change_sentences(admin, simulator, args, cls, sentence):
    with pytest.raises(cls) as info:
        admin.modify_offer_access(*(args + (OFFER,)))
    assert info.value.__class__ is cls
    uuid = next(offer.uuid for offer in simulator.state.offers if offer.name == "hosted-mysql")
    sentence = sentence.replace("<offer-uuid>", uuid)
    assert str(info.value) == sentence


def test_offer_access_change_defaults_the_owner_to_the_login_user(fred):
    """"model.offer" is the login user's offer, as for Juju's CLI; the sentence names the full URL."""
    fred.modify_offer_access("alice", "grant", "read", "prod.hosted-mysql")
    assert fred.offer_users(OFFER)["alice"] == "read"
    with pytest.raises(errors.AlreadyHasAccess) as info:
        fred.modify_offer_access("alice", "grant", "read", "prod.hosted-mysql")
    assert str(info.value) == ('cannot grant offer access "read" to user "alice" on offer "fred/prod.hosted-mysql": '
                               'user already has "read" access or greater')


def test_unknown_model_is_not_found_with_its_code(admin):
    with pytest.raises(errors.NotFound) as info:
        admin.resolve_model("admin/nope")
    assert info.value.code == "not found"
    assert str(info.value) == 'model "admin/nope" was not found on controller "sim" (or user "admin" cannot see it).'


def test_model_users_of_a_model_never_listed_names_its_uuid(admin):
    """Before (or without) list_models the client knows no model's ref: the sentence names the UUID."""
    with pytest.raises(errors.NotFound) as info:
        admin.model_users(GHOST_MODEL)
    assert str(info.value) == ('cannot read the users of model "%s": model "%s" not found' % (GHOST_MODEL, GHOST_MODEL))


def test_model_users_refused_names_the_model_by_ref(admin, simulator):
    admin.list_models()
    simulator.inject("UserManager", "ModelUserInfo", error=("cannot read the model's users", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.model_users(simulator.model_uuid("admin/default"))
    assert str(info.value) == 'cannot read the users of model "admin/default": cannot read the model\'s users'


def test_model_users_per_user_error_raises_it_classified(admin, simulator):
    """Juju answers one result per model user, each of which may carry its own error (e.g. a failed
    read of that user's last connection); the simulator never does, so one is added to its answer."""
    def add_error(response):
        response["results"].append({"error": {"message": 'user "ghost" not found', "code": "not found"}})
        return response

    admin.list_models()
    rewrite_answers(admin, "UserManager", "ModelUserInfo", add_error)
    with pytest.raises(errors.NotFound) as info:
        admin.model_users(simulator.model_uuid("admin/default"))
    assert info.value.code == "not found"
    assert str(info.value) == 'cannot read the users of model "admin/default": user "ghost" not found'


def test_list_offers_call_refused(admin, simulator):
    simulator.inject("ApplicationOffers", "ListApplicationOffers", error=("the offers are unreadable", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.list_offers()
    assert str(info.value) == "cannot list offers: the offers are unreadable"


def test_list_offers_asks_for_every_offer_of_each_administered_model(admin):
    """One filter per model, every other term empty: Juju filters on each non-empty term (the
    application description, for one, as a case-insensitive pattern), so any text there would hide
    offers. The simulator ignores the terms it need not honour, so the request itself is checked."""
    sent = []
    real = admin._call

    def call(facade, method, params, context=None):
        if method == "ListApplicationOffers":
            sent.append(params)
        return real(facade, method, params, context)

    admin._call = call
    assert [o["url"] for o in admin.list_offers()] == [OFFER]
    empty = {"offer-name": "", "application-name": "", "application-description": "", "application-user": "",
             "endpoints": [], "connected-users": [], "allowed-users": []}
    assert sent == [{"Filters": [dict(empty, **{"owner-name": owner, "model-name": model}) for owner, model in
                                 (("admin", "controller"), ("admin", "default"), ("admin", "test-model"), ("fred", "prod"))]}]


@pytest.mark.parametrize("method, args", [
    ("modify_controller_access", ("fred", "give", "login")),
    ("modify_model_access", ("fred", "Grant", "read", "MODEL")),
    ("modify_offer_access", ("fred", "revoke ", "read", OFFER)),
])
def test_unknown_action_refused_before_sending(admin, simulator, method, args):
    args = tuple(simulator.model_uuid("admin/default") if a == "MODEL" else a for a in args)
    simulator.reset_counters()
    with pytest.raises(errors.InvalidInput) as info:
        getattr(admin, method)(*args)
    assert str(info.value) == '"%s" is not an access action; use "grant" or "revoke".' % args[1]
    assert simulator.counters["calls"] == {}


def test_list_models_call_refused(admin, simulator):
    simulator.inject("ModelManager", "ListModelSummaries", error=("the models are unreadable", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.list_models()
    assert str(info.value) == "cannot list models: the models are unreadable"


def test_list_models_item_error_raised(admin):
    def add_error(response):
        response["results"].append({"error": {"message": 'model "x" not found', "code": "not found"}})
        return response

    rewrite_answers(admin, "ModelManager", "ListModelSummaries", add_error)
    with pytest.raises(errors.NotFound) as info:
        admin.list_models()
    assert str(info.value) == 'cannot list models: model "x" not found'


def test_levels_leave_out_entries_without_a_user(admin):
    def add_anonymous(response):
        response["results"][0]["result"]["users"].append({"user": "", "access": "read"})
        return response

    rewrite_answers(admin, "ApplicationOffers", "ApplicationOffers", add_anonymous)
    assert admin.offer_users(OFFER) == {"admin": "admin", "fred": "admin", "everyone@external": "read"}
