# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python-libjuju's grant/revoke on controller, model and offer, and what a removed
user's successor inherits (nothing).

Spec: juju-api.md §5.2 (ModifyControllerAccess), §6.4 (ModifyModelAccess),
§7.2–7.3 (ModifyOfferAccess, offer users), §4.3 (RemoveUser drops every grant;
the name can be reused by a fresh user), §3.3 (login failures).
"""
from __future__ import annotations

import pytest

from conformance_helpers import OFFER_URL
from juju.client import client as jclient
from juju.errors import JujuAPIError, JujuError


def _per_entity(exc_info):
    exc = exc_info.value
    assert not isinstance(exc, JujuAPIError), "expected a per-entity error, got a call-level one"
    return exc.errors


# -- controller ---------------------------------------------------------------------


def test_grant_superuser(juju):
    async def scenario():
        async with juju.controller() as ctl:
            alice = await ctl.get_user("alice")
            assert alice.access == "login"
            assert await alice.grant("superuser") is True
            assert (await ctl.get_user("alice")).access == "superuser"
            # Already has it: Juju answers "user already has ..." (code ""), libjuju -> False.
            assert await alice.grant("superuser") is False
            assert await ctl.grant("alice", "superuser") is False
            assert await ctl.grant("alice", "login") is False

        # The new superuser logs in as such and sees every user.
        async with juju.controller("alice") as ctl:
            info = ctl.connection().info
            assert info["user-info"]["controller-access"] == "superuser"
            assert [u.username for u in await ctl.get_users()] == ["admin", "alice", "bob", "fred"]
            assert (await ctl.get_current_user()).access == "superuser"

        async with juju.controller() as ctl:
            # Revoking superuser sets login (§5.2) ...
            alice = await ctl.get_user("alice")
            assert await alice.revoke("superuser") is True
            assert (await ctl.get_user("alice")).access == "login"
            # ... also for a login-only user (no error, stays login).
            await ctl.revoke("alice", "superuser")
            assert (await ctl.get_user("alice")).access == "login"

            # Revoking login removes controller access: login then fails (§3.3).
            await ctl.revoke("alice", "login")
            assert (await ctl.get_user("alice")).access == ""
            err = await juju.login_error("alice", juju.password_of("alice"))
            assert err.message == "invalid entity name or password"
            assert err.error_code == "unauthorized access"
            with pytest.raises(JujuError) as ei:
                await ctl.revoke("alice", "login")
            assert _per_entity(ei) == ['could not revoke controller access: controller user "alice" does not exist']

            assert await ctl.grant("alice", "login") is True
            assert (await ctl.get_user("alice")).access == "login"
        assert await juju.can_login("alice", juju.password_of("alice"))

        async with juju.controller() as ctl:
            # 2.x's add-model is not a 3.x controller level.
            with pytest.raises(JujuError) as ei:
                await ctl.grant("alice", "add-model")
            assert any('"add-model" controller access not valid' in m for m in _per_entity(ei))
            # Unknown local user.
            with pytest.raises(JujuError) as ei:
                await ctl.grant("nobody", "superuser")
            assert _per_entity(ei) == [
                'could not grant controller access: user "nobody" does not exist locally: user "nobody" not found'
            ]

        # Ordinary users may not change controller access: per-entry permission denied.
        async with juju.controller("fred") as ctl:
            with pytest.raises(JujuError) as ei:
                await ctl.grant("fred", "superuser")
            assert _per_entity(ei) == ["permission denied"]
            assert (await ctl.get_current_user()).access == "login"

    juju.run(scenario())


# -- model ----------------------------------------------------------------------------


def test_grant_and_revoke_model_access(juju):
    async def scenario():
        async with juju.controller("alice") as actl:
            assert "test-model" not in await actl.list_models()

        async with juju.controller() as ctl:
            alice = await ctl.get_user("alice")
            assert "alice" not in await juju.model_users(ctl, "test-model")

            assert await alice.grant("read", model_name="test-model") is True
            assert (await juju.model_users(ctl, "test-model"))["alice"] == "read"
            # Already has read (or greater) -> "user already has" -> False.
            assert await alice.grant("read", model_name="test-model") is False

            # The grant is real: alice now sees the model.
            async with juju.controller("alice") as actl:
                assert "test-model" in await actl.list_models()
                # A read-only user sees only their own entry in ModelInfo (§6.3).
                assert await juju.model_users(actl, "test-model") == {"alice": "read"}

            assert await alice.grant("write", model_name="test-model") is True
            assert (await juju.model_users(ctl, "test-model"))["alice"] == "write"
            assert await alice.grant("read", model_name="test-model") is False

            # Revoking write sets read (§6.4) ...
            assert await alice.revoke("write", model_name="test-model") is True
            assert (await juju.model_users(ctl, "test-model"))["alice"] == "read"
            # ... revoking admin from a read-only user *raises* it to write ...
            assert await alice.revoke("admin", model_name="test-model") is True
            assert (await juju.model_users(ctl, "test-model"))["alice"] == "write"
            # ... and revoking write from an admin lowers it to read.
            assert await alice.grant("admin", model_name="test-model") is True
            assert (await juju.model_users(ctl, "test-model"))["alice"] == "admin"
            assert await alice.revoke("write", model_name="test-model") is True
            assert (await juju.model_users(ctl, "test-model"))["alice"] == "read"

            # Revoking read removes the user from the model.
            assert await alice.revoke("read", model_name="test-model") is True
            assert "alice" not in await juju.model_users(ctl, "test-model")
            with pytest.raises(JujuError) as ei:
                await alice.revoke("read", model_name="test-model")
            assert _per_entity(ei) == ['could not revoke model access: model user "alice" does not exist']

            # Invalid level.
            with pytest.raises(JujuError) as ei:
                await alice.grant("login", model_name="test-model")
            assert _per_entity(ei) == ['could not modify model access: "login" model access not valid']

        async with juju.controller("alice") as actl:
            assert "test-model" not in await actl.list_models()

        # Not an admin of the model: per-entry permission denied.
        async with juju.controller() as ctl:
            uuid = (await ctl.model_uuids())["test-model"]
        async with juju.controller("fred") as fctl:
            with pytest.raises(JujuError) as ei:
                await fctl.grant_model("bob", uuid, "read")
            assert _per_entity(ei) == ["permission denied"]

    juju.run(scenario())


# -- offer ------------------------------------------------------------------------------


def test_grant_and_revoke_offer_access(juju):
    async def scenario():
        async with juju.controller() as ctl:
            users = await juju.offer_users(ctl)
            # New offers: owner admin, everyone@external read (§7.3); the caller
            # (a superuser) appears with its effective level, admin.
            assert users.get("fred") == "admin"
            assert users.get("everyone@external") == "read"
            assert users.get("admin") == "admin"
            assert "alice" not in users

            alice = await ctl.get_user("alice")
            assert await alice.grant("consume", offer_url=OFFER_URL) is True
            assert (await juju.offer_users(ctl))["alice"] == "consume"
            assert await alice.grant("read", offer_url=OFFER_URL) is False

            # Revoking consume sets read (§7.2).
            assert await alice.revoke("consume", offer_url=OFFER_URL) is True
            assert (await juju.offer_users(ctl))["alice"] == "read"

            # The guide's operation: revoke read removes the user's offer access.
            assert await alice.revoke("read", offer_url=OFFER_URL) is True
            users = await juju.offer_users(ctl)
            assert "alice" not in users
            assert users.get("fred") == "admin" and users.get("everyone@external") == "read"
            # Nothing left to revoke: an error (not-found cause, §7.2).
            with pytest.raises(JujuError):
                await alice.revoke("read", offer_url=OFFER_URL)

            # Revoking admin sets consume, even from read (as for models).
            assert await alice.grant("read", offer_url=OFFER_URL) is True
            assert await alice.revoke("admin", offer_url=OFFER_URL) is True
            assert (await juju.offer_users(ctl))["alice"] == "consume"

            with pytest.raises(JujuError) as ei:
                await alice.grant("write", offer_url=OFFER_URL)
            assert _per_entity(ei) == ['could not modify offer access: "write" offer access not valid']

        # The offer owner (an offer admin) sees every user with a grant too.
        async with juju.controller("fred") as fctl:
            users = await juju.offer_users(fctl)
            assert users.get("fred") == "admin"
            assert users.get("alice") == "consume"
            assert users.get("everyone@external") == "read"

        # A user with only consume access sees just themself (§7.3) and cannot grant.
        async with juju.controller("alice") as actl:
            assert await juju.offer_users(actl) == {"alice": "consume"}
            facade = jclient.ApplicationOffersFacade.from_connection(actl.connection())
            with pytest.raises(JujuError) as ei:
                await facade.ModifyOfferAccess(
                    changes=[jclient.ModifyOfferAccess("read", "grant", OFFER_URL, "user-bob")]
                )
            assert _per_entity(ei) == ["permission denied"]

    juju.run(scenario())


# -- removal: a new user of the same name inherits nothing ---------------------------


def test_removed_user_name_reused_inherits_nothing(juju):
    old_pw = juju.password_of("bob")

    async def scenario():
        async with juju.controller() as ctl:
            bob = await ctl.get_user("bob")
            assert await bob.grant("superuser") is True
            assert await bob.grant("write", model_name="test-model") is True
            assert await bob.grant("consume", offer_url=OFFER_URL) is True
            assert (await juju.model_users(ctl, "test-model"))["bob"] == "write"
            assert (await juju.offer_users(ctl))["bob"] == "consume"

            await ctl.remove_user("bob")

            # Removal dropped every grant (§4.3).
            assert "bob" not in await juju.model_users(ctl, "test-model")
            assert "bob" not in await juju.offer_users(ctl)
            err = await juju.login_error("bob", old_pw)
            assert err.message == 'user "bob" is permanently deleted'
            assert err.error_code == "unauthorized access"

            # The name is free again: a fresh user.
            new_bob = await ctl.add_user("bob", password="bob-reborn-pw", display_name="Bob II")
            assert new_bob.username == "bob"
            assert new_bob.display_name == "Bob II"
            assert new_bob.access == "login"  # not superuser
            assert new_bob.created_by == "admin"
            assert new_bob.enabled
            assert new_bob._user_info.last_connection is None
            assert "bob" not in await juju.model_users(ctl, "test-model")
            assert "bob" not in await juju.offer_users(ctl)

        # Old password is gone; the new one works; no old grants apply.
        err = await juju.login_error("bob", old_pw)
        assert err.message == "invalid entity name or password"
        assert err.error_code == "unauthorized access"
        async with juju.controller("bob", "bob-reborn-pw") as bctl:
            info = bctl.connection().info
            assert info["user-info"]["controller-access"] == "login"
            assert "test-model" not in await bctl.list_models()
            assert [u.username for u in await bctl.get_users()] == ["bob"]
            with pytest.raises(JujuAPIError) as ei:
                await bctl.add_user("zed", password="zed-pw-1")
            assert ei.value.message == "permission denied"

    juju.run(scenario())
