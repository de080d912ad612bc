# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""declared_users: off-boarding by disabling (purge_mode=disable), pure (no controller)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import declared_users as du
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from test_declared_users import current, labels, plan, user

KEPT, REVOKED, REMOVED = du.DISABLED_ACCESS_KEPT, du.DISABLED_ACCESS_REVOKED, du.REMOVED


def controller():
    """boss (owner), ops (login user), fred (owns fred/prod and its offer), ann with grants everywhere, ci-bot
    (protected), old (disabled, with a model grant)."""
    return current([user("ops", "superuser"), user("ann"), user("ci-bot"), user("old", enabled=False)],
                   {"admin/default": {"ann": "write", "ci-bot": "read", "old": "read"},
                    "fred/prod": {"fred": "admin", "ann": "read"}},
                   {"fred/prod.db": {"fred": "admin", "ann": "consume"}}, login="ops",
                   clouds={"lxd": {"boss": "admin", "ann": "add-model"}})


def test_undeclared_users_are_disabled_keeping_their_grants_and_the_guarded_users_are_left_alone():
    p = plan([], controller(), purge=True, purge_mode="disable", protected=["CI-Bot"], allow=frozenset([du.EMPTY_PURGE]))
    assert p.errors == []
    assert labels(p) == [("disable", "ann", "disable"), ("disable", "fred", "disable")]
    assert p.purged == {"ann": KEPT, "fred": KEPT, "old": KEPT}  # old is already disabled: nothing to do
    assert list(p.users) == ["ann", "fred", "old"]
    assert (p.users["ann"].before["enabled"], p.users["ann"].after) == (
        True, {"name": "ann", "state": "present", "display_name": "", "enabled": False, "controller_access": "login"})
    assert p.users["old"].before == p.users["old"].after


def test_the_same_declaration_in_remove_mode_removes_them():
    p = plan([], controller(), purge=True, protected=["ci-bot"], allow=frozenset([du.EMPTY_PURGE, du.MODEL_OWNER_REMOVAL]))
    assert labels(p) == [("remove", "ann", "remove"), ("remove", "fred", "remove"), ("remove", "old", "remove")]
    assert p.purged == {"ann": REMOVED, "fred": REMOVED, "old": REMOVED}


def test_with_purge_access_the_undeclared_users_lose_every_grant_but_those_on_what_they_own_before_the_disable():
    p = plan([{"name": "ann", "models": {"boss/default": "read"}}], controller(), purge=True, purge_mode="disable",
             purge_access=True, protected=["ci-bot"])
    assert p.errors == []
    assert labels(p) == [("model", "ann", "revoke model boss/default write"),
                         ("model", "ann", "revoke model fred/prod read"),
                         ("model", "old", "revoke model boss/default read"),
                         ("offer", "ann", "revoke offer fred/prod.db read"),
                         ("cloud", "ann", "revoke cloud lxd add-model"),
                         ("disable", "fred", "disable")]
    assert p.purged == {"fred": REVOKED, "old": REVOKED}
    assert p.users["old"].after["models"] == {"boss/default": None}
    assert "models" not in p.users["fred"].after  # his admin on his own model, and his offer's, stay


def test_an_already_disabled_users_offer_grants_are_kept_and_said_as_juju_revokes_none_of_a_disabled_user():
    cur = controller()
    cur.offers["fred/prod.db"]["levels"]["old"] = "read"
    p = plan([{"name": "fred"}], cur, purge=True, purge_mode="disable", purge_access=True, protected=["ci-bot"])
    assert [c for c in labels(p) if c[1] == "old"] == [("model", "old", "revoke model boss/default read")]
    assert [c for c in labels(p) if c[1] == "ann"] == [  # ann is enabled until this run disables her
        ("model", "ann", "revoke model boss/default read"), ("model", "ann", "revoke model fred/prod read"),
        ("offer", "ann", "revoke offer fred/prod.db read"), ("cloud", "ann", "revoke cloud lxd add-model"),
        ("disable", "ann", "disable")]
    assert p.users["old"].warnings == [
        'User "old" was already disabled, and Juju revokes no offer access of a disabled user, so it keeps its access '
        'to the offer fred/prod.db; to revoke it, enable the user (list it), revoke, and off-board it again, or '
        'remove it.']
    assert p.users["ann"].warnings == []


def test_an_already_disabled_owner_of_an_offer_keeps_it_without_a_warning():
    cur = controller()
    cur.users["fred"]["enabled"], cur.users["fred"]["access"] = False, None
    p = plan([{"name": "ann"}], cur, purge=True, purge_mode="disable", purge_access=True, protected=["ci-bot"])
    assert (p.errors, p.users["fred"].warnings, p.purged["fred"]) == ([], [], REVOKED)


def test_a_disabled_user_declared_again_is_enabled_in_disable_mode_unless_its_entry_says_enabled_false():
    declared = [{"name": "old", "controller_access": "superuser"}, {"name": "ann", "enabled": False},
                {"name": "fred"}]
    p = plan(declared, controller(), purge=True, purge_mode="disable", protected=["ci-bot"])
    assert labels(p) == [("enable", "old", "enable"),
                         ("controller", "old", "set controller access superuser once enabled"),
                         ("disable", "ann", "disable")]
    # In remove mode an entry without enabled leaves the enabled state as it is (and so does no purge at all, even
    # with purge_mode=disable, which the module refuses without purge).
    for options in (dict(purge=True, protected=["ci-bot"], allow=frozenset([du.MODEL_OWNER_REMOVAL])), dict(),
                    dict(purge_mode="disable")):
        p = plan([{"name": "old"}, {"name": "ann"}, {"name": "fred"}], controller(), **options)
        assert [c for c in labels(p) if c[1] == "old"] == []


def test_an_empty_declaration_is_refused_unless_allowed_saying_it_would_disable():
    p = plan([], controller(), purge=True, purge_mode="disable", protected=["ci-bot"])
    assert p.errors == ["Purge is true but users is empty, which would disable every user of the controller but the "
                        "login user, the controller owner and the protected users (3 users); set allow_empty_purge "
                        "to true if that is meant."]
    assert p.changes == []


def test_disabling_a_model_owner_needs_no_allow_model_owner_removal():
    p = plan([{"name": "ann"}], controller(), purge=True, purge_mode="disable", protected=["ci-bot"])
    assert (p.errors, labels(p)) == ([], [("disable", "fred", "disable")])


@pytest.mark.parametrize("purge, mode, refused", [(False, "disable", True), (True, "disable", False),
                                                  (False, "remove", False), (True, "remove", False)])
def test_purge_mode_disable_without_purge_is_refused(purge, mode, refused):
    if not refused:
        assert du.check_purge_mode(purge, mode) is None
        return
    with pytest.raises(InvalidInput) as info:
        du.check_purge_mode(purge, mode)
    assert str(info.value) == ("purge_mode=disable says how purge off-boards the users that users does not name, but "
                               "purge is false; set purge=true, or leave purge_mode out.")
