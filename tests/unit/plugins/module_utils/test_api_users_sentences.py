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
