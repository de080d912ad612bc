# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""holders: planning one target's access list, without a controller."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import holders as h
from ansible_collections.juju.controller.plugins.module_utils.access import Change
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput, Refused


def test_desired_holders_checks_names_and_levels_and_keys_by_juju_identity():
    assert h.desired_holders("model", {"Zed": "read", "bob@local": None, "dan@external": "none"}) == {
        "zed": ("Zed", "read"), "bob": ("bob", None), "dan@external": ("dan@external", None)}


@pytest.mark.parametrize("users, message", [
    ({"Zed": "read", "zed@local": "write"},
     'users names user "zed" twice ("Zed" and "zed@local"); give each user once.'),
    ({"bob": "consume"}, '"consume" is not a valid model access level; valid levels are read, write, admin, none.'),
    ({"bad_name": "read"}, 'user name "bad_name" is not valid'),
    (["bob"], "users must be a mapping of user names to access levels."),
])
def test_desired_holders_refusals(users, message):
    with pytest.raises(InvalidInput) as error:
        h.desired_holders("model", users)
    assert str(error.value).startswith(message)


def test_plan_changes_only_named_users_unless_exclusive():
    current = {"admin": "admin", "bob": "write", "Zed": "read"}
    wanted = h.desired_holders("model", {"bob": "read", "carol": "admin"})
    assert h.plan_holders("model", current, wanted, False, {}) == [
        h.Holding("bob", "write", "read", Change("revoke", "write")),
        h.Holding("carol", None, "admin", Change("grant", "admin"))]


def test_exclusive_plan_revokes_every_other_holder_but_the_kept_ones():
    current = {"admin": "admin", "bob": "write", "Zed": "read"}
    wanted = h.desired_holders("model", {"bob": "write"})
    assert h.plan_holders("model", current, wanted, True, {"admin": "owns the model"}) == [
        h.Holding("bob", "write", "write", None),
        h.Holding("Zed", "read", None, Change("revoke", "read"))]
    assert h.left_alone(current, wanted, True, {"admin": "owns the model"}) == [
        {"user": "admin", "access": "admin", "why": "owns the model"}]
    assert h.left_alone(current, wanted, False, {"admin": "owns the model"}) == []


def test_a_named_kept_holder_is_planned_like_any_other():
    current = {"everyone@external": "read", "fred": "admin"}
    kept = h.offer_kept("fred", "admin", False)
    wanted = h.desired_holders("offer", {"everyone@external": None})
    assert h.plan_holders("offer", current, wanted, True, kept) == [
        h.Holding("everyone@external", "read", None, Change("revoke", "read"))]
    assert h.left_alone(current, wanted, True, kept) == [
        {"user": "fred", "access": "admin", "why": "owns the offer, and Juju keeps the owner's admin"}]


def test_offer_kept_names_the_login_user_only_when_its_grant_is_hidden():
    assert sorted(h.offer_kept("fred", "admin", True)) == ["admin", "everyone@external", "fred"]
    assert sorted(h.offer_kept("fred", "bob", False)) == ["everyone@external", "fred"]


def test_offer_owner_keeps_admin():
    with pytest.raises(Refused) as error:
        h.check_offer_holders("fred/prod.db", "fred", h.desired_holders("offer", {"Fred": "consume"}), "admin", False)
    assert str(error.value) == ('user "Fred" owns offer "fred/prod.db" and keeps admin on it (Juju gives the owner '
                                'admin and this module never revokes it); leave it out of users or give it admin.')
    h.check_offer_holders("fred/prod.db", "fred", h.desired_holders("offer", {"fred": "admin"}), "admin", False)


def test_login_user_with_a_hidden_offer_grant_cannot_be_named():
    wanted = h.desired_holders("offer", {"admin": "read"})
    with pytest.raises(Refused, match='user "admin" is the login user, which Juju shows as admin of offer'):
        h.check_offer_holders("fred/prod.db", "fred", wanted, "admin", True)
    h.check_offer_holders("fred/prod.db", "fred", wanted, "admin", False)


@pytest.mark.parametrize("kind, current, change, allowed", [
    ("model", "read", Change("revoke", "read"), True),
    ("model", "write", Change("revoke", "read"), True),
    ("model", "write", Change("revoke", "write"), False),
    ("model", "read", Change("grant", "write"), False),
    ("model", None, Change("grant", "read"), False),  # Juju writes the grant, then fails
    ("offer", None, Change("grant", "consume"), True),
    ("offer", "read", Change("grant", "consume"), False),
    ("offer", "read", Change("revoke", "read"), False),
    ("cloud", "add-model", Change("revoke", "add-model"), True),
    ("cloud", None, Change("grant", "admin"), True),
    ("controller", "login", Change("revoke", "login"), False),
])
def test_disabled_users_changes_as_juju_3_6_treats_them(kind, current, change, allowed):
    holdings = [h.Holding("gone", current, None, change)]
    if allowed:
        h.check_disabled(kind, "x", holdings, {"gone"})
    else:
        with pytest.raises(Refused) as error:
            h.check_disabled(kind, "x", holdings, {"gone"})
        assert str(error.value) == ('user "gone" is disabled, and Juju does not change a disabled user\'s %s access '
                                    '(%s %s on %s "x"); enable it first.' % (kind, change.action, change.level, kind))
    h.check_disabled(kind, "x", holdings, {"bob"})  # an enabled user: nothing to refuse


@pytest.mark.parametrize("user, current, change, suspends", [
    ("bob", "consume", Change("revoke", "read"), True),
    ("bob", "admin", Change("revoke", "consume"), True),
    ("bob", "admin", Change("revoke", "admin"), False),   # admin -> consume keeps the relations
    ("bob", "read", Change("revoke", "read"), False),     # a reader made no relation
    ("everyone@external", "consume", Change("revoke", "read"), False),
    ("bob", None, Change("grant", "consume"), False),
])
def test_suspends_relations(user, current, change, suspends):
    assert h.suspends_relations("offer", h.Holding(user, current, None, change)) is suspends
    assert h.suspends_relations("model", h.Holding(user, current, None, change)) is False
