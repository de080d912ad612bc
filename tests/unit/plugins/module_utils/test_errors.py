"""errors.classify: one place turns Juju's (message, code) into a typed exception."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors

# (message, code, expected class) -- messages are Juju's own (juju-api.md sections noted).
CASES = [
    # codes decide first (§2.3)
    ('user "bob" not found', "user not found", errors.NotFound),
    ('failed to delete user "bob": user "bob" not found', "not found", errors.NotFound),
    ('unknown model: "0000"', "model not found", errors.NotFound),
    ("permission denied", "unauthorized access", errors.Unauthorized),
    ("invalid entity name or password", "unauthorized access", errors.Unauthorized),
    ("forbidden", "forbidden", errors.Unauthorized),
    ('user "bob" already exists', "already exists", errors.AlreadyExists),
    ('"login" model access not valid', "not valid", errors.NotValid),
    ("bad request", "bad request", errors.NotValid),
    ('facade "Client" not supported for controller API connection', "not supported", errors.NotSupported),
    ('unknown object type "Nope"', "not implemented", errors.NotImplemented),
    ("no such request - method UserManager(3).Nope is not implemented", "not implemented",
     errors.NotImplemented),
    # texts decide only when the code is empty (§5.2, §6.4, §7.2: "already has" has no code)
    ('could not grant controller access: user already has "login" access or greater', "",
     errors.AlreadyHasAccess),
    ('user already has "read" access or greater', "", errors.AlreadyHasAccess),
    ("failed to create user: username unavailable", "", errors.AlreadyExists),
    ('failed to delete user "bob": user "bob" is permanently deleted', "", errors.NotFound),
    ('could not modify model access: "login" model access not valid', "", errors.NotValid),
    ('failed to create user: invalid user name "x_y"', "", errors.NotValid),
    ("cannot use an empty password", "", errors.NotValid),
    ("permission denied", "", errors.Unauthorized),
    # a missing grant record is a NotFound of its own kind (§5.1, §5.2, §6.4)
    ('controller user "bob" not found', "not found", errors.NoAccess),
    ('could not revoke controller access: controller user "bob" does not exist', "not found",
     errors.NoAccess),
    ('could not revoke model access: model user "bob" does not exist', "not found", errors.NoAccess),
    ('could not look up model access for user: model user "bob" not found', "not found", errors.NoAccess),
    # ... and for clouds (§16), whose missing cloud is an ordinary NotFound
    ('could not revoke cloud access: user permission for "us#bob" on "cloud#lxd" not found', "not found",
     errors.NoAccess),
    ('cloud "lxd" not found', "not found", errors.NotFound),
    # ... and for offers (§19.2: every revoke of a user without an explicit grant)
    ('could not set offer access to read-only: user permission for "us#bob" on "ao#4b0e" not found', "not found",
     errors.NoAccess),
    ('could not grant cloud access: user already has "add-model" access or greater', "", errors.AlreadyHasAccess),
    # §19.3: a change of a disabled user's access, refused (a first grant written before)
    ('could not grant model access: user "bob" is disabled', "", errors.UserDisabled),
    ('could not look up controller access for user: user "bob" is disabled', "", errors.UserDisabled),
    ('user "bob" is disabled, said in passing', "", errors.JujuError),
    # unknown: the base class, Juju's text kept
    ('cannot delete controller owner "admin"', "", errors.JujuError),
    ("try again", "try again", errors.JujuError),
]


@pytest.mark.parametrize("message,code,cls", CASES)
def test_classify(message, code, cls):
    exc = errors.classify(message, code)
    assert exc.__class__ is cls
    assert exc.message == message and exc.code == code
    assert str(exc) == message


def test_code_wins_over_text():
    # "already has" text with a real code is classified by the code.
    assert errors.classify("user already has x", "not valid").__class__ is errors.NotValid


def test_no_access_is_not_found():
    assert isinstance(errors.classify('model user "x" does not exist', "not found"), errors.NotFound)
    # ... but an unknown user is not a missing grant
    exc = errors.classify('could not grant model access: user "bob" does not exist locally: '
                          'user "bob" not found', "not found")
    assert exc.__class__ is errors.NotFound


def test_context_prefixes_the_sentence():
    exc = errors.classify("permission denied", "unauthorized access", 'cannot add user "bob"')
    assert str(exc) == 'cannot add user "bob": permission denied'
    assert exc.message == "permission denied"
    assert exc.context == 'cannot add user "bob"'


def test_from_error_object():
    exc = errors.from_error_object({"message": 'user "x" not found', "code": "not found"}, "ctx")
    assert exc.__class__ is errors.NotFound and str(exc) == 'ctx: user "x" not found'
    assert errors.from_error_object({"message": "boom", "code": ""}).__class__ is errors.JujuError


def test_empty_message_still_a_sentence():
    assert errors.classify("", "").message == "unknown error"
    assert errors.classify(None, None).code == ""


def test_login_classification():
    bad = errors.classify_login("invalid entity name or password", "unauthorized access",
                                'login to controller "sim" as "admin" failed')
    assert bad.__class__ is errors.BadCredentials and isinstance(bad, errors.LoginFailed)
    assert str(bad) == 'login to controller "sim" as "admin" failed: invalid entity name or password'
    disabled = errors.classify_login('user "bob" is disabled', "unauthorized access")
    assert disabled.__class__ is errors.LoginFailed


def test_hierarchy():
    for cls in (errors.NotFound, errors.NoAccess, errors.Unauthorized, errors.AlreadyExists,
                errors.AlreadyHasAccess, errors.NotValid, errors.NotSupported, errors.NotImplemented,
                errors.InvalidInput, errors.SettingsError, errors.ConnectionFailed, errors.Timeout,
                errors.LoginFailed, errors.BadCredentials):
        assert issubclass(cls, errors.JujuError)
    assert issubclass(errors.Timeout, errors.ConnectionFailed)


def test_scrub():
    assert errors.scrub("bad s3cret here", ["s3cret", None, ""]) == "bad ******** here"
    assert errors.scrub("nothing", ["s3cret"]) == "nothing"
