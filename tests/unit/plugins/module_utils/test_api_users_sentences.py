"""ControllerClient user operations: the exact sentences of their refusals and failures (api_users.py)."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors
from rewritten import rewrite_answers

EXTERNAL = 'user "bob@external" is an external user (@external); only local users can be managed here.'


@pytest.mark.parametrize("method, args, sentence", [
    ("add_user", ("erin", None, ""),
     'the password for user "erin" is empty; give a password or none at all (the user then registers with a token).'),
    ("set_password", ("fred", ""), 'the new password for user "fred" is empty; Juju does not allow empty passwords.'),
    # Juju cannot create external users nor give them passwords: refused here, not sent.
    ("add_user", ("bob@external",), EXTERNAL),
    ("set_password", ("bob@external", "pw-bob-1"), EXTERNAL),
    ("remove_user", ("bob@external",), EXTERNAL),
    ("enable_user", ("bob@external",), EXTERNAL),
    ("disable_user", ("bob@external",), EXTERNAL),
    ("reset_password", ("bob@external",), EXTERNAL),
])
def test_input_refused_with_its_sentence_before_anything_is_sent(admin, simulator, method, args, sentence):
    simulator.reset_counters()
    with pytest.raises(errors.InvalidInput) as info:
        getattr(admin, method)(*args)
    assert str(info.value) == sentence
    assert simulator.counters["calls"] == {}


@pytest.mark.parametrize("method, args, cls, sentence", [
    ("add_user", ("FRED", None, "pw-fred-2"), errors.AlreadyExists,
     'cannot add user "FRED": failed to create user: username unavailable'),
    ("remove_user", ("ghost",), errors.NotFound,
     'cannot remove user "ghost": failed to delete user "ghost": user "ghost" not found'),
    # Juju hides unknown users behind "permission denied" for these (§4.4).
    ("enable_user", ("ghost",), errors.Unauthorized, 'cannot enable user "ghost": permission denied'),
    ("disable_user", ("ghost",), errors.Unauthorized, 'cannot disable user "ghost": permission denied'),
    ("set_password", ("ghost", "pw-ghost-1"), errors.Unauthorized,
     'cannot set the password of user "ghost": permission denied'),
    ("reset_password", ("ghost",), errors.Unauthorized, 'cannot reset the password of user "ghost": permission denied'),
])
def test_juju_refusal_names_the_operation_and_user(admin, method, args, cls, sentence):
    with pytest.raises(cls) as info:
        getattr(admin, method)(*args)
    assert str(info.value) == sentence


def test_reset_password_answered_without_a_secret_key(admin):
    """A ResetPassword result without "secret-key" would leave the user with no password and no
    token; the client says so, naming the controller and the user (canonical name)."""
    def drop_keys(response):
        for item in response["results"]:
            item.pop("secret-key", None)
        return response

    rewrite_answers(admin, "UserManager", "ResetPassword", drop_keys)
    with pytest.raises(errors.JujuError) as info:
        admin.reset_password("fred@local")
    assert info.value.__class__ is errors.JujuError
    assert str(info.value) == 'controller "sim" reset the password of user "fred" but returned no secret key.'


def test_external_user_record(admin):
    """Juju makes up a record for an external user: no creator, Go's zero time as its creation date,
    and the access of everyone@external (none here); the client reports those as None."""
    assert admin.get_user("bob@external") == {"name": "bob@external", "display_name": "", "access": None,
                                              "created_by": None, "date_created": None, "last_connection": None,
                                              "enabled": True}


def test_local_user_record_keeps_juju_s_creation_date(admin):
    raw = admin._call("UserManager", "UserInfo", {"entities": [{"tag": "user-fred"}], "include-disabled": True})
    created = raw["results"][0]["result"]["date-created"]
    assert created.startswith("20")  # a real date, not Go's zero time
    assert admin.get_user("fred")["date_created"] == created


@pytest.mark.parametrize("names", [None, ["fred", "alice"]])
def test_user_info_call_refused(admin, simulator, names):
    simulator.inject("UserManager", "UserInfo", error=("the users are unreadable", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.user_info(names)
    assert str(info.value) == "cannot read users: the users are unreadable"


def test_user_info_answer_count_checked(admin):
    def drop_one(response):
        response["results"].pop()
        return response

    rewrite_answers(admin, "UserManager", "UserInfo", drop_one)
    with pytest.raises(errors.JujuError) as info:
        admin.user_info(["fred", "alice"])
    assert str(info.value) == 'cannot read users: controller "sim" answered 1 results to UserManager.UserInfo for 2 entities.'


def test_user_info_error_of_an_unnamed_user(admin):
    """An error among the results of "every user" names no user: the sentence says "?"."""
    def add_error(response):
        response["results"].append({"error": {"message": "cannot read the user", "code": ""}})
        return response

    rewrite_answers(admin, "UserManager", "UserInfo", add_error)
    with pytest.raises(errors.JujuError) as info:
        admin.user_info()
    assert str(info.value) == 'cannot read user "?": cannot read the user'


def _not_found_for(name):
    def rewrite(response):
        response["results"] = [{"error": {"message": 'user "%s" not found' % name, "code": "user not found"}}]
        return response
    return rewrite


@pytest.mark.parametrize("login, name, absent", [
    ("admin", "ghost", True),  # a superuser may see every user: not found means absent
    ("fred", "fred", True),  # anyone may see themself
    ("fred", "alice", False),  # anyone else's answer would be hidden: raised, not taken as absent
])
def test_user_info_not_found_means_absent_only_for_who_may_see(simulator, client_for, login, name, absent):
    with client_for(simulator, login) as client:
        rewrite_answers(client, "UserManager", "UserInfo", _not_found_for(name))
        if absent:
            assert client.user_info([name]) == []
            return
        with pytest.raises(errors.NotFound) as info:
            client.user_info([name])
        assert str(info.value) == 'cannot read user "%s": user "%s" not found' % (name, name)
