# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""declared_users, value by value: the exact sentences, the calls' payloads and the per-user before/after
views that juju_users reports (its diff, results and warnings), where test_declared_users.py checks the
rules. Each test pins values a user of the module sees or a call Juju receives."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import declared_users as du
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from test_declared_users import ALLOW_ALL, UUIDS, current, labels, plan, user

NAME_RULE = ("is not valid: use letters, digits, '.', '+' and '-', starting and ending with a letter or digit, at "
             "least 2 characters, optionally followed by @domain.")


# ---- the declaration's sentences ---------------------------------------------------------------

@pytest.mark.parametrize("entries, protected, message", [
    # A sentence of names that ends without a period gets one; one that has it keeps one only.
    ([{"name": "bob", "offers": {"sim:admin/prod.db": "read"}}], (),
     'User "bob": offer "sim:admin/prod.db" must be a URL of this controller, [owner/]model.offer, without a '
     'controller name or endpoint.'),
    ([{"name": "bob", "models": {"": "read"}}], (), 'User "bob": a model reference is required.'),
    ([{"name": "bob", "password": ""}], (),
     'User "bob": the password must not be empty (leave it out to get a registration string).'),
    ([{"name": "alice"}, {"name": "ALICE@local"}], (), 'User "ALICE" is listed more than once in users.'),
    ([], ["ok", "b"], 'protected: user name "b" ' + NAME_RULE),
    # Every problem at once, in the order of the declaration, one sentence after the other: a bad name does not
    # hide the next user's problems, nor a bad level or target the next target's. "prod.db" has no owner, which
    # is no problem: it defaults to the login user, as Juju's does.
    ([{"name": "a_b"},
      {"name": "bob", "password": "", "models": {"x": "owner", "Bad_Model": "read", "": "read"},
       "offers": {"sim:a/b.c": "read", "x.y": "bogus", "prod.db": "admin"}}], ["ok", "b"],
     'In users[0], user name "a_b" ' + NAME_RULE + ' User "bob": the password must not be empty (leave it out to get a '
     'registration string). User "bob": the level for model "x" is "owner", but must be one of read, write, admin, '
     'or absent for no access. User "bob": model name "Bad_Model" in "Bad_Model" is not valid: use lower-case '
     'letters, digits and hyphens, not starting with a hyphen. User "bob": a model '
     'reference is required. User "bob": offer "sim:a/b.c" must be a URL of this controller, [owner/]model.offer, '
     'without a controller name or endpoint. User "bob": the level for offer "x.y" is "bogus", but must be one of '
     'read, consume, admin, or absent for no access. protected: user name "b" ' + NAME_RULE),
])
def test_declaration_problems_are_exactly_these_sentences(entries, protected, message):
    with pytest.raises(InvalidInput) as info:
        du.normalise(entries, protected)
    assert str(info.value) == message


def test_an_offer_without_owner_is_the_login_users():
    entries, dummy = du.normalise([{"name": "nia", "offers": {"default.db": "read", "fred/prod.db": "consume"}}])
    assert entries[0]["offers"] == {"default.db": "read", "fred/prod.db": "consume"}
    p = du.plan(current(offers={"boss/default.db": {"boss": "admin"}, "fred/prod.db": {"fred": "admin"}}), entries)
    assert p.errors == []
    # Two offers, two grants, each naming its offer by URL (what ModifyOfferAccess is given).
    assert p.changes[1:] == [
        du.Change("offer", "nia", "grant offer boss/default.db read", ("nia", "grant", "read", "boss/default.db")),
        du.Change("offer", "nia", "grant offer fred/prod.db consume", ("nia", "grant", "consume", "fred/prod.db"))]


# ---- the plan's sentences ----------------------------------------------------------------------

def test_refusals_name_the_user_as_juju_spells_it():
    cur = current([user("CI-Bot")])
    p = plan([{"name": "BOSS", "state": "absent"}, {"name": "ci-bot", "state": "absent"}], cur, protected=["ci-bot"])
    assert p.errors == ['User "boss" is the controller owner, which Juju can neither remove nor disable.',
                        'User "CI-Bot" cannot be removed: it is listed in protected.']
    assert p.changes == []


@pytest.mark.parametrize("display_name, warnings", [
    ("Gus G", []),  # the same name: nothing to say
    ("Gus", ['Juju cannot change the display name of an existing user, so user "gus" keeps "Gus G" (only removing '
             'and re-creating the user changes it).']),
])
def test_a_display_name_is_compared_with_the_users_own(display_name, warnings):
    p = plan([{"name": "gus", "display_name": display_name}], current([user("gus", display_name="Gus G")]))
    assert p.changes == [] and p.users["gus"].warnings == warnings


def test_an_empty_display_name_is_no_display_name():
    p = plan([{"name": "fred", "display_name": ""}])
    assert p.changes == [] and p.users["fred"].warnings == []


def test_a_password_that_cannot_be_verified_is_set_with_a_warning_naming_the_user():
    p = plan([{"name": "Bob", "password": "pw-bob", "update_password": "always"}], current([user("bob")]), verified={})
    assert p.changes == [du.Change("set_password", "bob", "set password", ("bob", "pw-bob"))]
    assert p.users["bob"].warnings == [
        'user "bob" cannot log in (it has no access to the controller), so its password cannot be verified and is '
        'set on every run.']


# ---- what each change sends --------------------------------------------------------------------

def test_a_new_user_is_added_with_its_display_name_and_password():
    p = plan([{"name": "nia", "display_name": "Nia N", "password": "pw-nia"}])
    assert p.changes == [du.Change("add", "nia", "add", {"name": "nia", "display_name": "Nia N", "password": "pw-nia"})]
    assert p.users["nia"] == du.UserPlan("nia", {"name": "nia", "state": "absent"},
                                         {"name": "nia", "state": "present", "display_name": "Nia N", "enabled": True,
                                          "controller_access": "login", "password": "changed"}, [])


def test_an_existing_users_view_before_and_after_a_change():
    p = plan([{"name": "gus", "controller_access": "superuser"}], current([user("Gus", display_name="Gus G")]))
    assert p.changes == [du.Change("controller", "gus", "grant controller superuser", ("Gus", "grant", "superuser"))]
    view = {"name": "Gus", "state": "present", "display_name": "Gus G", "enabled": True, "controller_access": "login"}
    assert p.users["gus"] == du.UserPlan("Gus", view, dict(view, controller_access="superuser"), [])


def test_a_user_being_enabled_gets_its_password_and_controller_access_once_enabled():
    p = plan([{"name": "dan", "enabled": True, "password": "pw-dan", "update_password": "always",
               "controller_access": "superuser"}], current([user("Dan", enabled=False)]), verified={})
    assert p.changes == [
        du.Change("enable", "dan", "enable", "Dan"),
        du.Change("set_password", "dan", "set password", ("Dan", "pw-dan")),
        du.Change("controller", "dan", "set controller access superuser once enabled",
                  du.ControllerAccessAfterEnable("Dan", "superuser"))]
    # A disabled user's level is hidden (null, not ""); no warning: once enabled it can log in to be verified.
    assert p.users["dan"] == du.UserPlan(
        "Dan", {"name": "Dan", "state": "present", "display_name": "", "enabled": False, "controller_access": None,
                "password": "unchanged"},
        {"name": "Dan", "state": "present", "display_name": "", "enabled": True, "controller_access": "superuser",
         "password": "changed"}, [])


def test_no_password_warning_for_a_user_being_enabled_even_without_controller_access():
    # Enabled, it keeps the login access it had, so the next run can log in as it and compare the password.
    p = plan([{"name": "dan", "enabled": True, "password": "pw-dan", "update_password": "always"}],
             current([user("dan", enabled=False)]), verified={})
    assert labels(p) == [("enable", "dan", "enable"), ("set_password", "dan", "set password")]
    assert p.users["dan"].warnings == []


def test_the_controller_change_decided_once_enabled():
    waiting = du.Change("controller", "dan", "set controller access superuser once enabled",
                        du.ControllerAccessAfterEnable("Dan", "superuser"))
    assert du.resolve_after_enable(waiting, "login") == [
        du.Change("controller", "dan", "grant controller superuser", ("Dan", "grant", "superuser"))]


def test_an_existing_users_password_is_left_alone_unless_always():
    p = plan([{"name": "fred", "update_password": "on_create", "password": "pw-fred"}], verified={"fred": False})
    assert p.changes == [] and "password" not in p.users["fred"].after


def test_removed_users_are_reported_as_juju_spells_them():
    p = plan([{"name": "GUS", "state": "absent"}], current([user("Gus", display_name="Gus G")]))
    assert p.changes == [du.Change("remove", "gus", "remove", "Gus")]
    view = {"name": "Gus", "state": "present", "display_name": "Gus G", "enabled": True, "controller_access": "login"}
    assert p.users["gus"] == du.UserPlan("Gus", view, {"name": "Gus", "state": "absent"}, [])


def test_a_user_declared_absent_that_does_not_exist_needs_nothing():
    p = plan([{"name": "Ghost", "state": "absent"}])
    assert p.changes == [] and p.errors == []
    assert p.users == {"ghost": du.UserPlan("Ghost", {"name": "Ghost", "state": "absent"},
                                            {"name": "Ghost", "state": "absent"}, [])}


def test_the_login_user_disables_itself_after_every_other_user():
    p = plan([{"name": "boss", "enabled": False}, {"name": "gus", "enabled": False}],
             current([user("gus")], owner="fred"), allow_self_lockout=True)
    assert p.errors == []
    assert p.changes == [du.Change("disable", "gus", "disable", "gus"), du.Change("disable", "boss", "disable", "boss")]


# ---- reads -------------------------------------------------------------------------------------

def test_targets_to_read_are_those_of_present_users_with_owners_defaulted():
    entries, dummy = du.normalise([
        {"name": "ann", "state": "absent", "models": {}},
        {"name": "bea", "models": {"default": "read", "fred/prod": "admin"},
         "offers": {"default.db": "read", "fred/prod.db": "admin"}, "clouds": {"lxd": "admin", "k8s": "absent"}}])
    assert du.targets_to_read(entries, "boss") == ({"boss/default", "fred/prod"}, {"boss/default.db", "fred/prod.db"},
                                                   {"lxd", "k8s"})


def test_a_model_whose_users_were_not_read_has_users_none():
    models = [{"name": "default", "owner": "Boss", "uuid": UUIDS["admin/default"], "ref": "Boss/default"}]
    cur = du.current_state(("boss", True, "sim"), None, [user("boss", "superuser")], models, {}, {}, {})
    assert cur.models == {"boss/default": {"ref": "Boss/default", "uuid": UUIDS["admin/default"], "owner": "boss",
                                           "users": None}}


def test_a_controller_owner_that_cannot_be_seen_is_nobody():
    # A login user that is not a superuser does not see the controller model, so the owner is None.
    p = plan([], current(owner=None), purge=True, allow=ALLOW_ALL)
    assert p.errors == [] and labels(p) == [("remove", "fred", "remove")]


def test_a_user_that_does_not_exist_has_no_access_whatever_a_read_shows():
    # The reads are separate calls: a user removed by another writer between UserInfo and ModelUserInfo can
    # still show a grant. The user is created, so it has none: the grant is made.
    p = plan([{"name": "nia", "models": {"default": "read"}}], current(model_users={"admin/default": {"nia": "read"}}))
    assert labels(p) == [("add", "nia", "add"), ("model", "nia", "grant model boss/default read")]
    assert p.users["nia"].before == {"name": "nia", "state": "absent", "models": {"boss/default": None}}


# ---- one target, one key; contradictions refused ---------------------------------------------------

@pytest.mark.parametrize("entries, message", [
    ([{"name": "ann"}, {"name": "bob", "update_password": "always"}],
     'User "bob" (users[1]): update_password is always, but no password is given.'),
    ([{"name": "ann", "state": "absent", "controller_access": "login"}],
     'User "ann" (users[0]): state absent removes the user with all its access, so the entry cannot also give '
     'controller_access; leave it out.'),
    ([{"name": "ann"}, {"name": "bob", "state": "absent", "models": {"default": "absent"}, "offers": {},
                        "clouds": {"lxd": "admin"}}],
     'User "bob" (users[1]): state absent removes the user with all its access, so the entry cannot also give '
     'models, clouds; leave them out.'),
])
def test_contradictions_in_an_entry_are_refused_naming_its_index(entries, message):
    with pytest.raises(InvalidInput) as refused:
        du.normalise(entries)
    assert str(refused.value) == message


@pytest.mark.parametrize("entry, message", [
    # boss is the login user: "default" is boss/default
    ({"name": "bea", "models": {"boss/default": "read", "default": "write"}},
     'User "bea" (users[1]): model "boss/default" is given twice in models, as "boss/default" and "default"; give '
     'it once.'),
    ({"name": "bea", "models": {"Boss/default": "read", "boss/default": "read"}},
     'User "bea" (users[1]): model "boss/default" is given twice in models, as "Boss/default" and "boss/default"; '
     'give it once.'),
    ({"name": "bea", "offers": {"fred/prod.db": "read", "FRED/prod.db": "consume"}},
     'User "bea" (users[1]): offer "fred/prod.db" is given twice in offers, as "fred/prod.db" and "FRED/prod.db"; '
     'give it once.'),
])
def test_a_target_given_twice_through_an_alias_or_a_case_variant_is_refused(entry, message):
    p = plan([{"name": "ann"}, entry], current(offers={"fred/prod.db": {"fred": "admin"}}))
    assert p.errors == [message]


# ---- purge cannot empty a controller by accident ---------------------------------------------------

def test_a_purge_of_an_empty_list_is_refused_unless_allowed():
    cur = current([user("ci-bot"), user("dee")])
    p = plan([], cur, purge=True, allow=frozenset([du.MODEL_OWNER_REMOVAL]))
    assert p.changes == [] and p.errors == [
        "Purge is true but users is empty, which would remove every user of the controller but the login user, the "
        "controller owner and the protected users (3 users); set allow_empty_purge to true if that is meant."]
    one = plan([], cur, purge=True, protected=["fred", "dee"])
    assert one.errors[0].endswith("protected users (1 user); set allow_empty_purge to true if that is meant.")
    allowed = plan([], cur, purge=True, allow=ALLOW_ALL)
    assert allowed.errors == [] and [c.key for c in allowed.changes] == ["ci-bot", "dee", "fred"]
    # nothing to remove, nothing refused; a list naming one user is a declaration, not an accident
    assert plan([], current(), purge=True, protected=["fred"]).errors == []
    assert plan([{"name": "dee"}], cur, purge=True, protected=["fred"]).errors == []


@pytest.mark.parametrize("entries, purge", [([{"name": "FRED", "state": "absent"}], False), ([{"name": "dee"}], True)])
def test_removing_a_user_who_owns_models_is_refused_naming_them_unless_allowed(entries, purge):
    cur = current([user("dee")])
    p = plan(entries, cur, purge=purge)
    assert p.changes == [] and p.errors == [
        'User "fred" owns the models fred/prod: removing it leaves them, and their offers, without their owner; '
        'remove the models first, or set allow_model_owner_removal=true if that is meant.']
    allowed = plan(entries, cur, purge=purge, allow=frozenset([du.MODEL_OWNER_REMOVAL]))
    assert allowed.errors == [] and labels(allowed) == [("remove", "fred", "remove")]
