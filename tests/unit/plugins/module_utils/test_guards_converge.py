# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""guards (refusals from the reads), converge (races), errors.lost_race, names.find_user: pure, no controller."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.access import Change
from ansible_collections.juju.controller.plugins.module_utils.converge import converge
from ansible_collections.juju.controller.plugins.module_utils.errors import Refused
from ansible_collections.juju.controller.plugins.module_utils.guards import (
    check_access_change, check_disabled_user_change, check_model_owner_removal, check_unseen_user, check_user_actions,
    is_controller_owner)
from ansible_collections.juju.controller.plugins.module_utils.names import find_user

CONTROLLER = {"kind": "controller", "name": "sim"}
MODEL = {"kind": "model", "name": "fred/prod"}


MODELS = [{"owner": "Fred", "ref": "Fred/prod"}, {"owner": "admin", "ref": "admin/default"},
          {"owner": "fred", "ref": "fred/dev"}]


def test_removing_a_model_owner_is_refused_naming_its_models_in_any_spelling_unless_allowed():
    with pytest.raises(errors.Refused) as refused:
        check_model_owner_removal("FRED", ["remove"], MODELS, False)
    assert str(refused.value) == (
        'user "FRED" owns the models Fred/prod, fred/dev: removing it leaves them, and their offers, without their '
        'owner; remove the models first, or set allow_model_owner_removal=true if that is meant.')
    # allowed; not a removal; no model of its own
    assert check_model_owner_removal("fred", ["remove"], MODELS, True) is None
    assert check_model_owner_removal("fred", ["disable"], MODELS, False) is None
    assert check_model_owner_removal("bob", ["remove"], MODELS, False) is None


def test_the_owner_is_the_controller_models_owner_in_any_spelling():
    # Not "whoever created itself": the name the controller model's owner has, and only it.
    assert [is_controller_owner(name, owner) for name, owner in (
        ("admin", "admin"), ("Admin", "admin@local"), ("boss", "admin"), ("admin", None))] == \
        [True, True, False, False]


OPS = {"name": "Ops", "created_by": "admin", "enabled": True}


@pytest.mark.parametrize("name, actions, login, superuser, allowed, owner, msg", [
    ("admin", ["remove"], "ops", True, True, "admin",
     'user "admin" is the controller owner, which Juju can neither remove nor disable.'),
    ("Boss", ["disable"], "boss", True, True, "boss",
     'user "Boss" is the controller owner, which Juju can neither remove nor disable.'),
    ("Ops", ["disable"], "ops", True, False, "admin",
     'Disabling user "Ops" would lock out the login user "ops" itself, after which it could no longer log in; '
     'set allow_self_lockout=true if that is really meant.'),
    ("Ops", ["remove"], "ops@local", True, False, "admin",
     'Removing user "Ops" would lock out the login user "ops@local" itself, after which it could no longer log '
     'in; set allow_self_lockout=true if that is really meant.'),
    ("carol", ["add", "disable"], "fred", False, False, "admin",
     'the login user "fred" is not a controller superuser, so it cannot create user "carol".'),
    ("Ops", ["enable"], "fred", False, True, "admin",
     'the login user "fred" is not a controller superuser, so it cannot enable user "Ops".'),
])
def test_user_actions_refused(name, actions, login, superuser, allowed, owner, msg):
    with pytest.raises(errors.Refused) as caught:
        check_user_actions(OPS, name, actions, login, superuser, allowed, owner)
    assert str(caught.value) == msg


@pytest.mark.parametrize("name, actions, login, superuser, allowed, owner", [
    ("Ops", ["disable"], "ops", True, True, "admin"),  # meant
    ("Ops", ["remove"], "admin", True, False, "admin"),  # someone else
    ("root2", ["remove"], "admin", True, False, "admin"),  # created itself, yet not the owner
    ("fred", ["set_password"], "fred", False, False, "admin"),  # own password
    ("admin", ["set_password", "enable"], "admin", True, False, "admin"),
])
def test_user_actions_allowed(name, actions, login, superuser, allowed, owner):
    assert check_user_actions(OPS, name, actions, login, superuser, allowed, owner) is None


@pytest.mark.parametrize("target, user, current, desired, login, superuser, level, msg", [
    (CONTROLLER, "Admin", "superuser", "login", "admin", True, None,
     'Lowering the access to controller "sim" from superuser to login would lock out the login user "admin" itself, '
     'after which it could no longer manage what that access allowed; set allow_self_lockout=true if that is '
     'really meant.'),
    (CONTROLLER, "bob", "login", None, "bob", False, None,
     'the login user "bob" is not a controller superuser, so it cannot change controller access.'),
    (MODEL, "fred", "admin", "write", "fred", False, "admin",
     'Lowering the access to model "fred/prod" from admin to write would lock out the login user "fred" itself, '
     'after which it could no longer manage what that access allowed; set allow_self_lockout=true if that is '
     'really meant.'),
    (MODEL, "bob", None, "read", "fred", False, "write",
     'the login user "fred" has write access to model "fred/prod", and changing access to it needs admin (or '
     'controller superuser).'),
    (MODEL, "bob", None, "read", "fred", False, None,
     'the login user "fred" has no access to model "fred/prod", and changing access to it needs admin (or '
     'controller superuser).'),
])
def test_access_changes_refused(target, user, current, desired, login, superuser, level, msg):
    with pytest.raises(errors.Refused) as caught:
        check_access_change(target, user, current, desired, login, superuser, level, False)
    assert str(caught.value) == msg


@pytest.mark.parametrize("target, user, current, desired, login, superuser, level, allowed", [
    (CONTROLLER, "admin", "superuser", "login", "admin", True, None, True),  # meant
    (CONTROLLER, "admin", "login", "superuser", "admin", True, None, False),  # raising is no lockout
    (CONTROLLER, "bob", "superuser", None, "admin", True, None, False),  # someone else
    (MODEL, "admin", "admin", None, "admin", True, None, False),  # a superuser keeps admin anyway
    (MODEL, "bob", "read", "write", "fred", False, "admin", False),  # a model admin changing others
])
def test_access_changes_allowed(target, user, current, desired, login, superuser, level, allowed):
    assert check_access_change(target, user, current, desired, login, superuser, level, allowed) is None


DAN = {"name": "Dan", "enabled": False}
OFFER = {"kind": "offer", "name": "fred/prod.db"}


@pytest.mark.parametrize("target, user, current, desired, allowed", [
    (MODEL, DAN, "read", None, True),           # Juju removes a disabled user's model grant
    (MODEL, DAN, None, "read", False),          # a first one is written, then refused
    (MODEL, DAN, "read", "write", False),
    (MODEL, DAN, "admin", "write", False),
    (OFFER, DAN, None, "consume", True),        # a first offer grant is made
    (OFFER, DAN, "read", None, False),
    (OFFER, DAN, "read", "admin", False),
    (MODEL, dict(DAN, enabled=True), None, "read", True),
    (MODEL, None, None, "read", True),          # no record read: an external user, or one the login user cannot see
    ({"kind": "cloud", "name": "lxd"}, DAN, None, "admin", True),
    (CONTROLLER, DAN, "login", "superuser", True),  # refused elsewhere, with its own sentence
])
def test_a_disabled_users_access_changes_as_juju_allows_them(target, user, current, desired, allowed):
    """juju-api.md §19.3."""
    if allowed:
        assert check_disabled_user_change(target, user, current, desired) is None
        return
    with pytest.raises(Refused) as info:
        check_disabled_user_change(target, user, current, desired)
    only = "remove it" if target["kind"] == "model" else "give it some where it has none"
    assert str(info.value) == ('user "Dan" is disabled, and Juju changes the %s access of a disabled user only to %s, '
                               'so its access to %s "%s" cannot go from %s to %s; enable the user first.'
                               % (target["kind"], only, target["kind"], target["name"], current or "none",
                                  desired or "none"))


def test_a_user_the_login_user_cannot_see_may_only_be_given_model_and_offer_access():
    assert check_unseen_user("bob", [], "fred", False) is None
    with pytest.raises(Refused, match=r'cannot purge users: Juju shows it no other user'):
        check_unseen_user(None, [], "fred", True)
    with pytest.raises(Refused, match=r'neither see user "bob" nor set its password, clouds;'):
        check_unseen_user("bob", ["password", "clouds"], "fred", False)


@pytest.mark.parametrize("error, action, lost", [
    (errors.classify("failed to create user: username unavailable"), "add", True),
    (errors.classify("user already exists", "already exists"), "add", True),
    (errors.classify('could not grant controller access: user already has "login" access or greater'), "grant", True),
    (errors.classify('could not revoke model access: model user "bob" does not exist', "not found"), "revoke", True),
    (errors.classify('failed to delete user "bob": user "bob" is permanently deleted'), "remove", True),
    (errors.classify('failed to delete user "bob": user "bob" not found', "not found"), "remove", True),
    (errors.classify("failed to create user: username unavailable"), "grant", False),
    (errors.classify('user "bob" not found', "not found"), "grant", False),
    (errors.classify("permission denied", "unauthorized access"), "revoke", False),
    (errors.classify("user already has", ""), "disable", False),
])
def test_lost_race(error, action, lost):
    assert errors.lost_race(error, action) is lost


def test_converge_replans_after_a_lost_race_and_reports_only_what_it_made():
    made, applied = [], []
    answers = {Change("grant", "write"): errors.AlreadyHasAccess('user already has "write" access or greater')}

    def apply_step(step):
        made.append(step)
        if step in answers:
            raise answers.pop(step)

    replans = iter([[Change("revoke", "admin")]])
    assert converge([Change("grant", "write"), Change("grant", "admin")], apply_step, lambda: next(replans),
                    applied) == [Change("revoke", "admin")]
    assert made == [Change("grant", "write"), Change("revoke", "admin")]  # the round stopped at the race


def test_converge_stops_when_the_replan_is_empty():
    def lose(step):
        raise errors.classify("failed to create user: username unavailable")

    assert converge(["add"], lose, lambda: [], []) == []


def test_converge_raises_other_errors_and_keeps_what_was_made():
    def refuse_disable(step):
        if step == "disable":
            raise errors.classify("permission denied", "unauthorized access")

    applied = []
    with pytest.raises(errors.Unauthorized):
        converge(["add", "disable"], refuse_disable, lambda: [], applied)
    assert applied == ["add"]  # the caller knows what was made before the failure


@pytest.mark.parametrize("rounds", [None, 2])
def test_converge_gives_up_when_every_round_is_overtaken(rounds):
    made = []

    def lose(step):
        made.append(step)
        raise errors.classify("failed to create user: username unavailable")

    with pytest.raises(errors.JujuError) as caught:
        if rounds is None:
            converge(["add"], lose, lambda: ["add"], [])  # the default: three rounds
        else:
            converge(["add"], lose, lambda: ["add"], [], rounds=rounds)
    count = rounds or 3
    assert made == ["add"] * count
    # the module's whole failure message: exact
    assert str(caught.value) == ("the controller kept changing while the task applied its changes (%d rounds, each "
                                 "overtaken by another writer); run the task again." % count)


def test_find_user_any_spelling():
    levels = {"Zed": "write", "everyone@external": "read"}
    assert find_user(levels, "zed@local") == ("Zed", "write")
    assert find_user(levels, "Everyone@External") == ("everyone@external", "read")
    assert find_user(levels, "bob") == (None, None)
