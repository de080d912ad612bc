"""ControllerClient user operations (UserManager v3, juju-api.md §4) against the simulator."""
import base64

import pytest
from jujusim.register_client import juju_register

from ansible_collections.juju.controller.plugins.module_utils import errors, registration


@pytest.fixture
def fred(simulator, client_for):
    with client_for(simulator, "fred") as client:
        yield client


KEYS = {"name", "display_name", "access", "created_by", "date_created", "last_connection", "enabled"}


def test_user_info_all(admin):
    users = admin.user_info()
    assert [u["name"] for u in users] == ["admin", "alice", "bob", "fred"]
    for user in users:
        assert set(user) == KEYS
    by_name = dict((u["name"], u) for u in users)
    assert by_name["admin"]["access"] == "superuser" and by_name["admin"]["last_connection"]
    assert by_name["fred"] == dict(by_name["fred"], display_name="Fred", access="login",
                                   created_by="admin", last_connection=None, enabled=True)


def test_user_info_named_and_absent(admin):
    users = admin.user_info(["fred", "ghost", "alice"])
    assert [u["name"] for u in users] == ["fred", "alice"]
    assert admin.get_user("ghost") is None
    trips = admin.round_trips
    assert admin.user_info([]) == []
    assert admin.round_trips == trips  # nothing to ask


def test_user_info_disabled(admin):
    admin.disable_user("bob")
    assert "bob" not in [u["name"] for u in admin.user_info(include_disabled=False)]
    bob = admin.user_info(include_disabled=True)[2]
    assert bob["name"] == "bob" and bob["enabled"] is False and bob["access"] is None
    assert admin.user_info(["bob"], include_disabled=False) == []
    assert admin.get_user("bob")["enabled"] is False


def test_invalid_name_sends_nothing(admin, simulator):
    simulator.reset_counters()
    for call in (lambda: admin.get_user("x_y"), lambda: admin.add_user("a"),
                 lambda: admin.add_user("bob@external"), lambda: admin.remove_user("-x")):
        with pytest.raises(errors.InvalidInput):
            call()
    assert simulator.counters["calls"] == {}


def test_add_user_with_password(admin):
    assert admin.add_user("carol", "Carol C", "pw-carol") == {"name": "carol", "secret_key": None}
    carol = admin.get_user("carol")
    assert carol["display_name"] == "Carol C" and carol["access"] == "login"
    assert carol["created_by"] == "admin" and carol["last_connection"] is None
    assert admin.verify_password("carol", "pw-carol")


def test_add_user_without_password(admin):
    added = admin.add_user("dave")
    assert len(base64.b64decode(added["secret_key"], validate=True)) == 32
    assert admin.get_user("dave")["display_name"] == ""


def test_add_user_empty_password_refused(admin):
    with pytest.raises(errors.InvalidInput):
        admin.add_user("erin", password="")


def test_add_existing_user(admin):
    with pytest.raises(errors.AlreadyExists) as info:
        admin.add_user("FRED", password="x1")  # names are unique case-insensitively
    assert str(info.value) == 'cannot add user "FRED": failed to create user: username unavailable'
    assert info.value.code == ""


def test_remove_user(admin):
    admin.remove_user("alice")
    assert admin.get_user("alice") is None
    assert "alice" not in [u["name"] for u in admin.user_info()]
    with pytest.raises(errors.NotFound) as info:
        admin.remove_user("alice")
    assert "permanently deleted" in str(info.value)
    with pytest.raises(errors.NotFound) as info:
        admin.remove_user("ghost")
    assert info.value.code == "not found"


def test_remove_controller_owner(admin):
    with pytest.raises(errors.JujuError) as info:
        admin.remove_user("admin")
    assert str(info.value) == 'cannot remove user "admin": cannot delete controller owner "admin"'


def test_removed_name_can_be_added_again_without_grants(admin, simulator):
    uuid = admin.resolve_model("admin/default")["uuid"]
    admin.modify_model_access("alice", "grant", "write", uuid)
    admin.modify_controller_access("alice", "grant", "superuser")
    admin.remove_user("alice")
    admin.add_user("alice", password="again-1")
    assert admin.get_user("alice")["access"] == "login"
    assert "alice" not in admin.model_users(uuid)


def test_enable_disable(admin):
    admin.disable_user("fred")
    admin.disable_user("fred")  # no-op, no error
    assert admin.get_user("fred")["enabled"] is False
    admin.enable_user("fred")
    admin.enable_user("fred")
    assert admin.get_user("fred")["enabled"] is True
    with pytest.raises(errors.Unauthorized):  # Juju hides unknown users behind permission denied
        admin.enable_user("ghost")
    with pytest.raises(errors.JujuError) as info:
        admin.disable_user("admin")
    assert "cannot disable controller model owner" in str(info.value)


def test_set_password(admin, simulator):
    admin.set_password("fred", "new-fred-pw")
    assert admin.verify_password("fred", "new-fred-pw")
    assert not admin.verify_password("fred", simulator.passwords["fred"])
    with pytest.raises(errors.InvalidInput):
        admin.set_password("fred", "")
    with pytest.raises(errors.Unauthorized):
        admin.set_password("ghost", "pw-ghost")


def test_set_password_error_never_carries_the_password(admin, simulator):
    simulator.inject("UserManager", "SetPassword", error=("cannot use s3cr3t-pass here", ""))
    with pytest.raises(errors.JujuError) as info:
        admin.set_password("fred", "s3cr3t-pass")
    assert "s3cr3t-pass" not in str(info.value) and "s3cr3t-pass" not in repr(info.value.args)


def test_reset_password(admin):
    key = admin.reset_password("fred")
    assert len(base64.b64decode(key)) == 32
    with pytest.raises(errors.Unauthorized):
        admin.reset_password("admin")  # never for the caller's own account (§4.6)
    admin.disable_user("bob")
    with pytest.raises(errors.JujuError) as info:
        admin.reset_password("bob")
    assert "deactivated" in str(info.value)


def test_reset_password_gives_a_token_juju_register_accepts(admin, simulator):
    """ResetPassword's key makes the same `juju register` token as AddUser's (§4.6, §8): completing
    the registration with it (the POST /register exchange of §8.3) sets the new password."""
    token = registration.registration_string("fred", admin.registration_endpoints, admin.reset_password("fred"),
                                             admin.controller_name)
    assert registration.decode_registration_string(token)["addresses"] == ["127.0.0.1:%d" % simulator.port]
    assert juju_register(token, "fred-pw-9")[0] == 200
    assert admin.verify_password("fred", "fred-pw-9")
    assert not admin.verify_password("fred", simulator.passwords["fred"])


def test_non_superuser_sees_only_themself(fred):
    assert [u["name"] for u in fred.user_info()] == ["fred"]
    assert fred.get_user("fred")["name"] == "fred"
    with pytest.raises(errors.Unauthorized) as info:
        fred.get_user("alice")
    assert str(info.value) == 'cannot read user "alice": permission denied'


def test_non_superuser_cannot_manage_users(fred):
    with pytest.raises(errors.Unauthorized) as info:
        fred.add_user("zoe", password="zoe-pw")
    assert str(info.value) == 'cannot add user "zoe": permission denied'
    with pytest.raises(errors.Unauthorized):
        fred.disable_user("alice")
    with pytest.raises(errors.Unauthorized):
        fred.set_password("alice", "pw-alice")
    fred.set_password("fred", "my-own-new")  # but their own password is theirs to change
    assert fred.verify_password("fred", "my-own-new")


def test_one_round_trip_per_operation(admin, simulator):
    simulator.reset_counters()
    before = admin.round_trips
    admin.user_info(["fred", "alice", "bob"])  # batched: one call for three users
    admin.add_user("frank", password="frank-pw")
    assert admin.round_trips - before == 2
    assert simulator.counters["reads"] == 1 and simulator.counters["writes"] == 1
