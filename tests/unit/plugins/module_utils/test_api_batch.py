"""ControllerClient batch calls (api_batch.py, juju-api.md §17) against the simulator: one outcome per
item, each failure a classified error naming its item, chunks of CHUNK items, and the batched reads."""
import threading

import pytest

from ansible_collections.juju.controller.plugins.module_utils import api_batch, errors
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from rewritten import rewrite_answers
from simclients import settings_for

OFFER = "fred/prod.hosted-mysql"


@pytest.fixture
def fred(simulator, client_for):
    with client_for(simulator, "fred") as client:
        yield client


def described(outcomes):
    """Outcomes as comparable values: a result dict as it is, an error as (class name, sentence)."""
    return [(o.__class__.__name__, str(o)) if isinstance(o, errors.JujuError) else o for o in outcomes]


# -- writes: one outcome per item ---------------------------------------------------------------

def test_add_users_one_outcome_each(admin):
    outcomes = admin.add_users([{"name": "FRED", "password": "pw-fred-9"},
                                {"name": "neo", "display_name": "Neo", "password": None},
                                {"name": "trin@local", "display_name": None, "password": "trin-pw-1"}])
    assert described(outcomes[:1]) == [("AlreadyExists", 'cannot add user "FRED": failed to create user: username unavailable')]
    # without a password Juju returns the registration key, with one it returns the tag only
    assert sorted(outcomes[1]) == ["secret-key", "tag"] and outcomes[1]["tag"] == "user-neo"
    assert outcomes[2] == {"tag": "user-trin"}
    assert admin.get_user("neo")["display_name"] == "Neo" and admin.get_user("trin")["display_name"] == ""
    assert admin.verify_password("trin", "trin-pw-1")


def test_add_users_refuses_external_users_before_sending(admin, simulator):
    simulator.reset_counters()
    with pytest.raises(errors.InvalidInput) as info:
        admin.add_users([{"name": "neo"}, {"name": "bob@external"}])
    assert str(info.value) == 'user "bob@external" is an external user (@external); only local users can be managed here.'
    assert simulator.counters["calls"] == {}


@pytest.mark.parametrize("method, users, expected", [
    ("remove_users", ["alice", "ghost", "admin"],
     [{}, ("NotFound", 'cannot remove user "ghost": failed to delete user "ghost": user "ghost" not found'),
      ("JujuError", 'cannot remove user "admin": cannot delete controller owner "admin"')]),
    ("disable_users", ["alice", "ghost", "admin"],
     [{}, ("Unauthorized", 'cannot disable user "ghost": permission denied'),
      ("JujuError", 'cannot disable user "admin": failed to disable user: cannot disable controller model owner')]),
    ("enable_users", ["alice", "ghost"], [{}, ("Unauthorized", 'cannot enable user "ghost": permission denied')]),
])
def test_entity_writes_one_outcome_each(admin, method, users, expected):
    assert described(getattr(admin, method)(users)) == expected


def test_enable_and_disable_users_change_the_users(admin):
    admin.disable_users(["alice", "bob"])
    assert [u["enabled"] for u in admin.user_info(["alice", "bob"])] == [False, False]
    admin.enable_users(["bob"])
    assert [u["enabled"] for u in admin.user_info(["alice", "bob"])] == [False, True]
    admin.remove_users(["alice"])
    assert admin.get_user("alice") is None


def test_set_passwords_one_outcome_each(admin):
    outcomes = admin.set_passwords([("fred", "new-fred-pw"), ("ghost", "pw-ghost-1")])
    assert described(outcomes) == [{}, ("Unauthorized", 'cannot set the password of user "ghost": permission denied')]
    assert admin.verify_password("fred", "new-fred-pw")


@pytest.mark.parametrize("kind, changes, contexts", [
    ("controller", [("fred", "grant", "superuser"), ("bob", "revoke", "login")],
     ['cannot grant controller access "superuser" to user "fred"', 'cannot revoke controller access "login" from user "bob"']),
    ("offer", [("alice", "grant", "consume", OFFER), ("bob", "revoke", "read", OFFER)],
     ['cannot grant offer access "consume" to user "alice"', 'cannot revoke offer access "read" from user "bob"']),
    ("cloud", [("alice", "grant", "add-model", "microk8s"), ("bob", "revoke", "admin", "microk8s")],
     ['cannot grant cloud access "add-model" to user "alice"', 'cannot revoke cloud access "admin" from user "bob"']),
])
def test_modify_access_sends_each_kind_and_names_each_change(admin, simulator, kind, changes, contexts):
    # A call-level refusal gives every change its own sentence (the batch contexts name no target).
    simulator.inject(*api_batch._FACADES[kind], error=("permission denied", ""))
    assert described(admin.modify_access(kind, changes)) == [("Unauthorized", c + ": permission denied") for c in contexts]
    assert described(admin.modify_access(kind, changes[:1])) == [{}]


def test_call_refusal_is_classified_by_its_code_for_each_item(admin, simulator):
    # The code decides the class ("not valid": NotValid) where the text alone would not.
    simulator.inject("Controller", "ModifyControllerAccess", error=("the changes are unusable", "not valid"))
    outcomes = admin.modify_access("controller", [("fred", "grant", "superuser"), ("bob", "revoke", "login")])
    assert described(outcomes) == [
        ("NotValid", 'cannot grant controller access "superuser" to user "fred": the changes are unusable'),
        ("NotValid", 'cannot revoke controller access "login" from user "bob": the changes are unusable')]
    assert [o.code for o in outcomes] == ["not valid", "not valid"]


def test_modify_access_changes_each_kind(admin, simulator):
    uuid = admin.resolve_model("admin/default")["uuid"]
    assert described(admin.modify_access("controller", [("fred", "grant", "superuser")])) == [{}]
    assert described(admin.modify_access("model", [("alice", "grant", "write", uuid), ("bob", "grant", "read", uuid)])) == [{}, {}]
    assert described(admin.modify_access("offer", [("alice", "grant", "consume", OFFER)])) == [{}]
    assert described(admin.modify_access("cloud", [("alice", "grant", "add-model", "microk8s")])) == [{}]
    assert admin.controller_access("fred") == "superuser"
    assert admin.model_users(uuid) == {"admin": "admin", "alice": "write", "bob": "read"}
    assert admin.offer_users(OFFER)["alice"] == "consume"
    assert admin.cloud_users("microk8s") == {"alice": "add-model"}
    assert simulator.counters["calls"][("ModelManager", "ModifyModelAccess")] == 1


def test_model_access_refused_names_each_change(admin):
    uuid = admin.resolve_model("admin/default")["uuid"]
    assert described(admin.modify_access("model", [("alice", "revoke", "read", uuid), ("admin", "grant", "read", uuid)])) == [
        ("NoAccess", 'cannot revoke model access "read" from user "alice": could not revoke model access: '
                     'model user "alice" does not exist'),
        ("AlreadyHasAccess", 'cannot grant model access "read" to user "admin": user already has "read" access or greater')]


# -- secrets never end up in an outcome ---------------------------------------------------------

@pytest.mark.parametrize("method, items, contexts", [
    ("set_passwords", [("fred", "s3cr3t-one"), ("bob", "s3cr3t-two")],
     ['cannot set the password of user "fred"', 'cannot set the password of user "bob"']),
    ("add_users", [{"name": "neo", "password": "s3cr3t-one"}, {"name": "trin", "password": "s3cr3t-two"}],
     ['cannot add user "neo"', 'cannot add user "trin"']),
])
def test_call_refusal_gives_each_item_its_sentence_without_the_passwords(admin, simulator, method, items, contexts):
    facade_method = {"set_passwords": "SetPassword", "add_users": "AddUser"}[method]
    simulator.inject("UserManager", facade_method, error=("s3cr3t-one and s3cr3t-two are not valid", ""))
    outcomes = getattr(admin, method)(items)
    assert described(outcomes) == [("JujuError", c + ": ******** and ******** are not valid") for c in contexts]
    assert [o.message for o in outcomes] == ["******** and ******** are not valid"] * 2


@pytest.mark.parametrize("method, facade_method, items", [
    ("set_passwords", "SetPassword", [("fred", "s3cr3t-one"), ("bob", "s3cr3t-two")]),
    ("add_users", "AddUser", [{"name": "neo", "password": "s3cr3t-one"}, {"name": "trin", "password": "s3cr3t-two"}]),
])
def test_item_error_never_carries_the_passwords(admin, method, facade_method, items):
    def echo_passwords(response):
        response["results"][1] = {"error": {"message": "s3cr3t-two is s3cr3t-one", "code": ""}}
        return response

    rewrite_answers(admin, "UserManager", facade_method, echo_passwords)
    outcome = getattr(admin, method)(items)[1]
    assert outcome.message == "******** is ********"


# -- chunks --------------------------------------------------------------------------------------

def test_an_item_error_names_its_item_in_a_later_chunk(admin, simulator, monkeypatch):
    monkeypatch.setattr(api_batch, "CHUNK", 3)
    simulator.reset_counters()
    outcomes = admin.enable_users(["alice", "bob", "fred", "admin", "ghost"])
    assert described(outcomes) == [{}, {}, {}, {}, ("Unauthorized", 'cannot enable user "ghost": permission denied')]
    assert simulator.counters["calls"] == {("UserManager", "EnableUser"): 2}


def test_a_refused_chunk_gives_its_own_items_their_sentences(fred, simulator, monkeypatch):
    # RemoveUser refuses a non-superuser as a whole, chunk by chunk.
    monkeypatch.setattr(api_batch, "CHUNK", 2)
    simulator.reset_counters()
    outcomes = fred.remove_users(["alice", "bob", "admin", "fred", "ghost"])
    assert described(outcomes) == [("Unauthorized", 'cannot remove user "%s": permission denied' % name)
                                   for name in ("alice", "bob", "admin", "fred", "ghost")]
    assert simulator.counters["calls"] == {("UserManager", "RemoveUser"): 3}


def test_after_a_broken_connection_nothing_more_is_sent(admin, simulator, monkeypatch):
    monkeypatch.setattr(api_batch, "CHUNK", 2)
    simulator.reset_counters()
    simulator.inject("UserManager", "SetPassword", drop=True)
    outcomes = admin.set_passwords([(name, "pw-%s-1" % name) for name in ("alice", "bob", "fred", "admin", "carl")])
    assert len(outcomes) == 5 and all(o is outcomes[0] for o in outcomes)  # the one error, for every item
    assert isinstance(outcomes[0], errors.ConnectionFailed)
    assert str(outcomes[0]).startswith("the connection to ") and "during UserManager.SetPassword" in str(outcomes[0])
    assert simulator.counters["calls"] == {("UserManager", "SetPassword"): 1}


def test_a_chunk_of_results_that_does_not_match_fails_its_items(admin):
    def drop_one(response):
        response["results"].pop()
        return response

    rewrite_answers(admin, "UserManager", "EnableUser", drop_one)
    assert described(admin.enable_users(["alice", "bob"])) == [
        ("JujuError", 'cannot enable user "%s": controller "sim" answered 1 results to UserManager.EnableUser for '
                      '2 entities.' % name) for name in ("alice", "bob")]


def test_a_null_item_is_a_success(admin):
    """Juju sends an item without error as {} (omitempty) or, from some facades, as null."""
    def null_first(response):
        response["results"][0] = None
        return response

    rewrite_answers(admin, "UserManager", "EnableUser", null_first)
    assert described(admin.enable_users(["alice", "ghost"])) == [{}, ("Unauthorized", 'cannot enable user "ghost": permission denied')]


# -- reads ---------------------------------------------------------------------------------------

def test_controller_owner(admin, fred):
    assert admin.controller_owner() == "admin"
    assert fred.controller_owner() is None  # fred cannot see the controller model


def test_controller_grants_are_each_users_own(admin, fred, simulator, monkeypatch):
    """juju-api.md §19.6: GetControllerAccess gives an external user its own grant, not everyone@external's."""
    admin.modify_controller_access("everyone@external", "grant", "superuser")
    admin.modify_controller_access("dan@external", "grant", "login")
    monkeypatch.setattr(api_batch, "CHUNK", 2)
    simulator.reset_counters()
    assert admin.controller_grants(["dan@external", "erin@external", "FRED"]) == {
        "dan@external": "login", "erin@external": None, "FRED": "login"}
    assert simulator.counters["calls"] == {("Controller", "GetControllerAccess"): 2}
    with pytest.raises(errors.Unauthorized) as info:
        fred.controller_grants(["dan@external"])
    assert str(info.value) == 'cannot read the controller access of user "dan@external": permission denied'


def test_models_users(admin, simulator, monkeypatch):
    default, prod = simulator.model_uuid("admin/default"), simulator.model_uuid("fred/prod")
    monkeypatch.setattr(api_batch, "CHUNK", 1)
    simulator.reset_counters()
    assert admin.models_users([default, prod]) == {default: {"admin": "admin"}, prod: {"fred": "admin"}}
    assert simulator.counters["calls"] == {("UserManager", "ModelUserInfo"): 2}
    assert admin.models_users([]) == {}


def test_models_users_call_refused(admin, fred, simulator):
    ghost = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(errors.NotFound) as info:
        admin.models_users([simulator.model_uuid("admin/default"), ghost])
    assert str(info.value) == 'cannot read the users of 2 models: model "%s" not found' % ghost
    with pytest.raises(errors.Unauthorized) as info:
        fred.models_users([simulator.model_uuid("admin/default")])
    assert str(info.value) == "cannot read the users of 1 models: permission denied"


def test_models_users_keeps_only_the_models_asked_for_and_entries_with_a_user(admin, simulator):
    default = simulator.model_uuid("admin/default")

    def add_odd_entries(response):
        response["results"] += [{"result": {"model-tag": "model-" + simulator.model_uuid("fred/prod"), "user": "fred",
                                            "access": "admin"}},
                                {"result": {"model-tag": "model-" + default, "user": "", "access": "read"}},
                                {"result": None}]
        return response

    rewrite_answers(admin, "UserManager", "ModelUserInfo", add_odd_entries)
    assert admin.models_users([default]) == {default: {"admin": "admin"}}


def test_models_users_item_error_raises_it(admin, simulator):
    def add_error(response):
        response["results"].append({"error": {"message": 'user "ghost" not found', "code": "not found"}})
        return response

    rewrite_answers(admin, "UserManager", "ModelUserInfo", add_error)
    with pytest.raises(errors.NotFound) as info:
        admin.models_users([simulator.model_uuid("admin/default")])
    assert str(info.value) == 'cannot read the users of the models: user "ghost" not found'


def test_offers_users(admin, monkeypatch, simulator):
    users = {"admin": "admin", "fred": "admin", "everyone@external": "read"}
    # an unknown offer is left out, and the offers after it in its chunk are still read
    assert admin.offers_users(["fred/prod.nope", OFFER]) == {OFFER: users}
    monkeypatch.setattr(api_batch, "CHUNK", 1)
    simulator.reset_counters()
    assert admin.offers_users([OFFER, "fred/prod.nope"]) == {OFFER: users}
    assert simulator.counters["calls"] == {("ApplicationOffers", "ApplicationOffers"): 2}


def test_offers_users_other_errors_raise(admin):
    def refuse(response):
        response["results"][0] = {"error": {"message": "permission denied", "code": "unauthorized access"}}
        return response

    rewrite_answers(admin, "ApplicationOffers", "ApplicationOffers", refuse)
    with pytest.raises(errors.Unauthorized) as info:
        admin.offers_users([OFFER])
    assert str(info.value) == 'cannot read offer "%s": permission denied' % OFFER


def test_offers_users_keeps_only_entries_with_a_user(admin):
    def odd_users(response):
        response["results"][0]["result"]["users"].append({"user": "", "access": "read"})
        return response

    rewrite_answers(admin, "ApplicationOffers", "ApplicationOffers", odd_users)
    assert admin.offers_users([OFFER]) == {OFFER: {"admin": "admin", "fred": "admin", "everyone@external": "read"}}


def test_offers_users_call_refused(admin, simulator):
    simulator.inject("ApplicationOffers", "ApplicationOffers", error=("the offers are unreadable", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.offers_users([OFFER])
    assert str(info.value) == "cannot read offers: the offers are unreadable"


def test_clouds_users(admin, fred, monkeypatch, simulator):
    monkeypatch.setattr(api_batch, "CHUNK", 2)
    simulator.reset_counters()
    # microk8s: "permission denied" to a superuser means no grant at all; nowhere: left out
    assert admin.clouds_users(["localhost", "microk8s", "nowhere"]) == {"localhost": {"admin": "admin"}, "microk8s": {}}
    assert simulator.counters["calls"] == {("Cloud", "CloudInfo"): 2}
    with pytest.raises(errors.NotFound) as info:
        admin.clouds_users(["localhost", "nowhere"], missing_ok=False)
    assert str(info.value) == 'cannot read the users of cloud "nowhere": cloud "nowhere" not found'
    with pytest.raises(errors.Unauthorized) as info:
        fred.clouds_users(["localhost"])
    assert str(info.value) == 'cannot read the users of cloud "localhost": permission denied'


def test_clouds_users_call_refused(admin, simulator):
    simulator.inject("Cloud", "CloudInfo", error=("the clouds are unreadable", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.clouds_users(["localhost", "microk8s"])
    assert str(info.value) == "cannot read the users of 2 clouds: the clouds are unreadable"


def test_verify_passwords(admin, simulator):
    before = admin.round_trips
    assert admin.verify_passwords([]) == {}
    assert admin.round_trips == before
    simulator.reset_counters()
    answers = admin.verify_passwords([("fred", simulator.passwords["fred"]), ("alice", "not-her-pw"),
                                      ("bob", simulator.passwords["bob"])])
    assert answers == {"fred": True, "alice": False, "bob": True}
    assert admin.round_trips == before + 3  # one login each, counted by the client that asked
    assert admin.verify_passwords([("fred", "not-his-pw")]) == {"fred": False}
    assert admin.round_trips == before + 4  # added to the logins counted before
    assert simulator.counters["calls"] == {("Admin", "Login"): 4}


def test_verify_passwords_logs_in_at_most_four_at_once(admin, monkeypatch):
    """Each login costs the controller a PBKDF2 hash: five checks make two rounds of at most four logins.

    Each check waits (up to 0.5 s) for a fifth to be under way at the same time, which happens only
    when more than four run at once; so the peak is counted, not timed."""
    original, lock, active, peak = ControllerClient.verify_password, threading.Condition(), [0], [0]

    def counted(client, name, password):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
            lock.notify_all()
            lock.wait_for(lambda: active[0] >= 5, timeout=0.5)
        try:
            return original(client, name, password)
        finally:
            with lock:
                active[0] -= 1
    monkeypatch.setattr(ControllerClient, "verify_password", counted)
    assert admin.verify_passwords([(name, "not-the-pw") for name in ("fred", "alice", "bob", "fred", "alice")]) == {
        "fred": False, "alice": False, "bob": False}
    assert peak[0] <= 4


def test_verify_passwords_forwards_the_logins_warnings(simulator):
    """The password checks log in with the client's settings, and warn through it (here about the
    disabled certificate check), even when the client itself has not connected."""
    seen = []
    client = ControllerClient(settings_for(simulator, validate_certs=False, ca_cert=None), warn=seen.append)
    assert client.verify_passwords([("fred", simulator.passwords["fred"]), ("bob", "not-his-pw")]) == {
        "fred": True, "bob": False}
    warning = ('TLS certificate verification is disabled for controller "sim": the connection is encrypted but the '
               'controller is not authenticated, so the credentials could reach an impostor.')
    assert client.warnings == [warning] and seen == [warning]
