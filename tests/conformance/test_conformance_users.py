# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python-libjuju's user operations ("How to manage users") against the simulator.

Spec: juju-api.md §2.2 (call-level vs per-entity errors, get_user's
"permission denied" == no such user), §3.3 (login failures), §4 (UserManager).
"""
from __future__ import annotations

import datetime

import pytest

from conformance_helpers import RFC3339_UTC_SECONDS, decode_secret_key
from juju.errors import JujuAPIError, JujuError

FIXTURE_USERS = ["admin", "alice", "bob", "fred"]


def _per_entity_error(exc_info, message):
    """python-libjuju raises JujuError(list of per-entity messages) (§2.2)."""
    exc = exc_info.value
    assert not isinstance(exc, JujuAPIError), "expected a per-entity error, got a call-level one"
    assert exc.errors == [message]


# -- add_user -----------------------------------------------------------------


def test_add_user_with_password(juju):
    async def scenario():
        async with juju.controller() as ctl:
            before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
            user = await ctl.add_user("carol", password="carol-pw-1", display_name="Carol C")
            assert user.username == "carol"
            assert user.display_name == "Carol C"
            assert user.secret_key is None  # only passwordless users get a key (§4.2)
            assert user.access == "login"  # every new local user starts with login
            assert user.created_by == "admin"
            assert user.enabled and not user.disabled
            assert RFC3339_UTC_SECONDS.match(user.date_created), user.date_created
            created = datetime.datetime.fromisoformat(user.date_created.replace("Z", "+00:00"))
            assert before - datetime.timedelta(seconds=5) <= created
            assert created <= datetime.datetime.now(datetime.timezone.utc)
            # last-connection is absent until the first login (§4.7).
            assert user._user_info.last_connection is None

            # python-libjuju defaults the display name to the user name.
            dave = await ctl.add_user("dave", password="dave-pw-1")
            assert (dave.username, dave.display_name, dave.secret_key) == ("dave", "dave", None)

            assert "carol" in [u.username for u in await ctl.get_users()]

        # The new user can log in with that password; then last-connection is set.
        assert await juju.can_login("carol", "carol-pw-1")
        async with juju.controller() as ctl:
            carol = await ctl.get_user("carol")
            assert RFC3339_UTC_SECONDS.match(carol._user_info.last_connection)
            assert isinstance(carol.last_connection, datetime.datetime)

    juju.run(scenario())


def test_add_user_without_password(juju):
    async def scenario():
        async with juju.controller() as ctl:
            erin = await ctl.add_user("erin")
            assert erin.username == "erin"
            assert erin.access == "login"
            assert erin.created_by == "admin"
            key = decode_secret_key(erin.secret_key)
            assert len(key) == 32
            other = await ctl.add_user("frank")
            assert len(decode_secret_key(other.secret_key)) == 32
            assert other.secret_key != erin.secret_key

        # No password yet: cannot log in until registered (§3.3, §4.2).
        err = await juju.login_error("erin", "anything")
        assert err.message == "invalid entity name or password"
        assert err.error_code == "unauthorized access"

        # Setting a password (what registration does) makes login possible.
        async with juju.controller() as ctl:
            await ctl.change_user_password("erin", "erin-pw-1")
        assert await juju.can_login("erin", "erin-pw-1")

    juju.run(scenario())


def test_add_user_errors(juju):
    async def scenario():
        async with juju.controller() as ctl:
            with pytest.raises(JujuError) as ei:
                await ctl.add_user("fred", password="x-pw-1")
            _per_entity_error(ei, "failed to create user: username unavailable")
            # Duplicates are case-insensitive (§4.2).
            with pytest.raises(JujuError) as ei:
                await ctl.add_user("FRED", password="x-pw-1")
            _per_entity_error(ei, "failed to create user: username unavailable")
            for bad in ("x", "bad_name", "-dash"):
                with pytest.raises(JujuError) as ei:
                    await ctl.add_user(bad, password="x-pw-1")
                _per_entity_error(ei, 'failed to create user: invalid user name "%s"' % bad)
            assert [u.username for u in await ctl.get_users()] == FIXTURE_USERS

        # Only superusers may add users: call-level permission denied.
        async with juju.controller("fred") as ctl:
            with pytest.raises(JujuAPIError) as ei:
                await ctl.add_user("zed", password="zed-pw-1")
            assert ei.value.message == "permission denied"
            assert ei.value.error_code == "unauthorized access"

        async with juju.controller() as ctl:
            assert await ctl.get_user("zed") is None

    juju.run(scenario())


# -- get_users / get_user / get_current_user ------------------------------------


def test_get_users_with_and_without_disabled(juju):
    async def scenario():
        async with juju.controller() as ctl:
            users = await ctl.get_users()
            assert [u.username for u in users] == FIXTURE_USERS  # sorted by name
            access = {u.username: u.access for u in users}
            assert access == {"admin": "superuser", "alice": "login", "bob": "login", "fred": "login"}
            assert not any(u.disabled for u in users)
            assert [u.username for u in await ctl.get_users(include_disabled=True)] == FIXTURE_USERS

            await ctl.disable_user("bob")

            assert [u.username for u in await ctl.get_users()] == ["admin", "alice", "fred"]
            everyone = {u.username: u for u in await ctl.get_users(include_disabled=True)}
            assert sorted(everyone) == FIXTURE_USERS
            assert everyone["bob"].disabled is True and not everyone["bob"].enabled
            assert everyone["bob"].access == ""  # disabled users report no access (§4.4)
            assert everyone["alice"].disabled is False

        # A non-superuser silently sees only themself (§4.7).
        async with juju.controller("fred") as ctl:
            assert [u.username for u in await ctl.get_users()] == ["fred"]
            assert [u.username for u in await ctl.get_users(include_disabled=True)] == ["fred"]

    juju.run(scenario())


def test_get_user(juju):
    async def scenario():
        async with juju.controller() as ctl:
            alice = await ctl.get_user("alice")
            assert alice is not None
            assert alice.username == "alice"
            assert alice.tag == "user-alice"
            assert alice.access == "login"
            assert alice.enabled
            assert RFC3339_UTC_SECONDS.match(alice.date_created)
            # Unknown user: UserInfo answers "permission denied", python-libjuju returns None.
            assert await ctl.get_user("nobody") is None
            # A disabled user is still returned by name (include-disabled ignored, §4.7).
            await ctl.disable_user("alice")
            alice = await ctl.get_user("alice")
            assert alice is not None and alice.disabled and alice.access == ""

        # A non-superuser may not look at others: permission denied -> None.
        async with juju.controller("fred") as ctl:
            assert await ctl.get_user("bob") is None
            fred = await ctl.get_user("fred")
            assert fred.username == "fred" and fred.access == "login"

    juju.run(scenario())


def test_get_current_user(juju):
    async def scenario():
        async with juju.controller() as ctl:
            me = await ctl.get_current_user()
            assert me.username == "admin"
            assert me.access == "superuser"
            assert me.created_by == "admin"  # the bootstrap admin is created by itself
            # This very login updated last-connection (§4.7).
            assert RFC3339_UTC_SECONDS.match(me._user_info.last_connection)
        async with juju.controller("alice") as ctl:
            me = await ctl.get_current_user()
            assert (me.username, me.access, me.enabled) == ("alice", "login", True)
            assert RFC3339_UTC_SECONDS.match(me._user_info.last_connection)

    juju.run(scenario())


# -- set_password ----------------------------------------------------------------


def test_set_password(juju):
    old = juju.password_of("alice")

    async def scenario():
        async with juju.controller() as ctl:
            alice = await ctl.get_user("alice")
            await alice.set_password("alice-new-pw")

        assert await juju.can_login("alice", "alice-new-pw")
        err = await juju.login_error("alice", old)
        assert err.message == "invalid entity name or password"
        assert err.error_code == "unauthorized access"

        # A user may change their own password ...
        async with juju.controller("alice", "alice-new-pw") as ctl:
            me = await ctl.get_current_user()
            await me.set_password("alice-newer-pw")
            # ... but not someone else's, and not to an empty one.
            with pytest.raises(JujuError) as ei:
                await ctl.change_user_password("bob", "hijacked-pw")
            _per_entity_error(ei, "permission denied")
        assert await juju.can_login("alice", "alice-newer-pw")
        err = await juju.login_error("alice", "alice-new-pw")
        assert err.message == "invalid entity name or password"
        assert await juju.can_login("bob", juju.password_of("bob"))

        async with juju.controller() as ctl:
            with pytest.raises(JujuError) as ei:
                await ctl.change_user_password("alice", "")
            _per_entity_error(ei, "cannot use an empty password")
            with pytest.raises(JujuError) as ei:
                await ctl.change_user_password("nobody", "whatever-pw")
            _per_entity_error(ei, "permission denied")
        assert await juju.can_login("alice", "alice-newer-pw")

    juju.run(scenario())


# -- disable / enable --------------------------------------------------------------


def test_disable_enable(juju):
    pw = juju.password_of("bob")

    async def scenario():
        async with juju.controller() as ctl:
            bob = await ctl.get_user("bob")
            assert await bob.grant("read", model_name="test-model") is True
            await bob.disable()
            assert bob.disabled  # python-libjuju's local view
            fresh = await ctl.get_user("bob")
            assert fresh.disabled and fresh.access == ""
            # Disabling a disabled user is a successful no-op (§4.4).
            await ctl.disable_user("bob")

            err = await juju.login_error("bob", pw)
            assert err.message == 'user "bob" is disabled'
            assert err.error_code == "unauthorized access"

            # SetPassword on a disabled user succeeds (§4.4).
            await ctl.change_user_password("bob", "bob-pw-2")

            await bob.enable()
            assert bob.enabled
            fresh = await ctl.get_user("bob")
            assert fresh.enabled and fresh.access == "login"
            await ctl.enable_user("bob")  # no-op
            # Grants survive disable/enable.
            assert (await juju.model_users(ctl, "test-model")).get("bob") == "read"

        assert await juju.can_login("bob", "bob-pw-2")

        async with juju.controller() as ctl:
            with pytest.raises(JujuError) as ei:
                await ctl.disable_user("admin")
            _per_entity_error(ei, "failed to disable user: cannot disable controller model owner")
            with pytest.raises(JujuError) as ei:
                await ctl.disable_user("nobody")
            _per_entity_error(ei, "permission denied")

        # Only superusers: call-level permission denied.
        async with juju.controller("fred") as ctl:
            with pytest.raises(JujuAPIError) as ei:
                await ctl.disable_user("alice")
            assert ei.value.message == "permission denied"
            assert ei.value.error_code == "unauthorized access"
        assert await juju.can_login("alice", juju.password_of("alice"))

    juju.run(scenario())


# -- remove_user ---------------------------------------------------------------------


def test_remove_user(juju):
    pw = juju.password_of("bob")

    async def scenario():
        async with juju.controller() as ctl:
            assert await ctl.remove_user("bob") is None
            assert await ctl.get_user("bob") is None
            assert "bob" not in [u.username for u in await ctl.get_users(include_disabled=True)]

            err = await juju.login_error("bob", pw)
            assert err.message == 'user "bob" is permanently deleted'
            assert err.error_code == "unauthorized access"

            with pytest.raises(JujuError) as ei:
                await ctl.remove_user("bob")
            _per_entity_error(ei, 'failed to delete user "bob": user "bob" is permanently deleted')
            with pytest.raises(JujuError) as ei:
                await ctl.remove_user("nobody")
            _per_entity_error(ei, 'failed to delete user "nobody": user "nobody" not found')
            with pytest.raises(JujuError) as ei:
                await ctl.remove_user("admin")
            _per_entity_error(ei, 'cannot delete controller owner "admin"')
            with pytest.raises(JujuError) as ei:
                await ctl.disable_user("bob")
            _per_entity_error(ei, "permission denied")

        async with juju.controller("fred") as ctl:
            with pytest.raises(JujuAPIError) as ei:
                await ctl.remove_user("alice")
            assert ei.value.message == "permission denied"
            assert ei.value.error_code == "unauthorized access"
        assert await juju.can_login("alice", juju.password_of("alice"))

    juju.run(scenario())
