# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""converge_users: applying a plan against the simulator, and the report of an apply."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import dataclasses

import pytest

from ansible_collections.juju.controller.plugins.module_utils import converge_users, declared_users, errors
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.converge_users import (
    APPLIED, CONVERGED, FAILED, SKIPPED, Done, Outcome, failure_sentence)
from ansible_collections.juju.controller.plugins.module_utils.declared_users import Change
from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
from simclients import settings_for

GRANT = Change("model", "nia", "grant model boss/default admin", ("nia", "grant", "admin", "uuid-1"))
OFFER = Change("offer", "nia", "grant offer fred/prod.db read", ("nia", "grant", "read", "fred/prod.db"))
ADD = Change("add", "oto", "add", {"name": "oto", "display_name": "", "password": None})
REMOVE = Change("remove", "eve", "remove", "eve")


@pytest.mark.parametrize("message, quoted", [
    # Juju's own texts have no full stop
    ('cannot grant model access "admin" to user "nia": permission denied',
     'cannot grant model access "admin" to user "nia": permission denied'),
    # the client's sentences do (a batch that timed out fails each of its items with it): the
    # quote sits inside a sentence, so its full stop goes
    ("the controller at 10.0.0.1:17070 did not answer ModelManager.ModifyModelAccess within 10 s; the connection "
     "was closed.", "the controller at 10.0.0.1:17070 did not answer ModelManager.ModifyModelAccess within 10 s; the "
     "connection was closed"),
    # only full stops go, whatever else the text ends with (here a name)
    ("permission denied for user MAX", "permission denied for user MAX"),
])
def test_failure_sentence_counts_what_was_not_applied_and_quotes_the_first_failure(message, quoted):
    failed = Done(GRANT, FAILED, errors.JujuError(message))
    outcome = Outcome([Done(ADD, APPLIED, None), failed, Done(OFFER, SKIPPED, failed.error),
                       Done(REMOVE, CONVERGED, None)], {})
    assert failure_sentence([failed], outcome) == (
        "2 of the 4 changes were not applied (the first: %s); results says for every user what was applied and "
        "what was not, and a re-run applies the rest." % quoted)


def planned(client, users):
    entries, protected = declared_users.normalise(users)
    current = converge_users.read_current(client, entries, False)
    return declared_users.plan(current, entries, protected=protected)


def test_when_the_level_of_a_user_just_enabled_cannot_be_read_its_controller_change_fails_and_the_rest_is_skipped(
        simulator, admin):
    # Juju hides a disabled user's controller access, so the change is decided after EnableUser,
    # from a UserInfo read then. If that read fails, the change fails with its error, and the
    # user's later changes are not attempted (for the same reason); other users go on.
    admin.disable_user("bob")
    plan = planned(admin, [{"name": "bob", "enabled": True, "controller_access": "superuser",
                            "models": {"default": "read"}},
                           {"name": "alice", "models": {"default": "write"}}])
    simulator.inject("UserManager", "UserInfo", error=("boom", ""))
    outcome = converge_users.apply_plan(admin, plan)
    refusal = outcome.done[1].error
    assert [(d.change.key, d.change.label, d.status, d.error) for d in outcome.done] == [
        ("bob", "enable", APPLIED, None),
        ("bob", "set controller access superuser once enabled", FAILED, refusal),
        ("bob", "grant model admin/default read", SKIPPED, refusal),
        ("alice", "grant model admin/default write", APPLIED, None)]
    assert (type(refusal), str(refusal)) == (errors.JujuError, "cannot read users: boom")
    assert outcome.tokens == {}


@pytest.mark.parametrize("controller_name, registered_as", [
    ("sim", "sim"),
    # a connection made from endpoints alone has no name: `juju register` is offered juju_user's default
    (None, "controller"),
])
def test_a_user_created_without_a_password_gets_a_registration_string_naming_the_controller(
        simulator, controller_name, registered_as):
    settings = dataclasses.replace(settings_for(simulator), controller_name=controller_name)
    with ControllerClient(settings) as client:
        plan = planned(client, [{"name": "nia"}, {"name": "oto", "password": "oto-pw-123"}])
        outcome = converge_users.apply_plan(client, plan)
    assert [(d.change.key, d.status) for d in outcome.done] == [("nia", APPLIED), ("oto", APPLIED)]
    assert sorted(outcome.tokens) == ["nia"]  # oto has a password
    token = decode_registration_string(outcome.tokens["nia"])
    assert (token["user"], token["addresses"], token["controller_name"]) == (
        "nia", ["127.0.0.1:%d" % simulator.port], registered_as)


def test_a_user_that_could_not_be_created_is_not_disabled_either(simulator, admin):
    # A disable is made even after a user's other changes failed (a user declared disabled must
    # not stay able to log in), but not for a user that does not exist because its add failed.
    plan = planned(admin, [{"name": "nia", "password": "nia-pw-123", "enabled": False}])
    simulator.inject("UserManager", "AddUser", error=("permission denied", "unauthorized access"))
    outcome = converge_users.apply_plan(admin, plan)
    refusal = outcome.done[0].error
    assert [(d.change.label, d.status, d.error) for d in outcome.done] == [
        ("add", FAILED, refusal), ("disable", SKIPPED, refusal)]
    assert (type(refusal), str(refusal)) == (errors.Unauthorized, 'cannot add user "nia": permission denied')
    assert simulator.counters["calls"].get(("UserManager", "DisableUser"), 0) == 0


def test_the_users_just_enabled_are_read_by_name_not_with_every_user(simulator, admin, monkeypatch):
    # On a controller with thousands of users, the read after EnableUser asks for the enabled ones.
    admin.disable_user("bob")
    plan = planned(admin, [{"name": "bob", "enabled": True, "controller_access": "superuser"}])
    asked, user_info = [], ControllerClient.user_info

    def recorded(client, names=None, **kwargs):
        asked.append(names)
        return user_info(client, names, **kwargs)
    monkeypatch.setattr(ControllerClient, "user_info", recorded)
    outcome = converge_users.apply_plan(admin, plan)
    assert [(d.change.label, d.status) for d in outcome.done] == [
        ("enable", APPLIED), ("grant controller superuser", APPLIED)]
    assert asked == [["bob"]]


def _plan(changes, own=0):
    users = dict((c.key, declared_users.UserPlan(c.key.upper(), {}, {}, [])) for c in changes)
    return declared_users.Plan(changes, users, [], own, {}, {})


def test_verify_fails_only_the_acknowledged_changes_a_fresh_plan_still_makes():
    plan = _plan([ADD, GRANT, OFFER, REMOVE])
    outcome = Outcome([Done(ADD, APPLIED, None), Done(GRANT, APPLIED, None), Done(OFFER, FAILED, errors.JujuError("x")),
                       Done(REMOVE, CONVERGED, None)], {"oto": "token", "nia": "other"})
    # oto's add and nia's grant are not there; nia's failed offer grant is planned again, not "acknowledged"
    again = _plan([ADD, GRANT, OFFER])
    checked = converge_users.verify(plan, outcome, again)
    assert [(d.status, str(d.error) if d.error else None) for d in checked.done] == [
        (FAILED, 'Juju acknowledged "add" for user "OTO", but does not show it when read back after the writes'),
        (FAILED, 'Juju acknowledged "grant model boss/default admin" for user "NIA", but does not show it when read '
                 'back after the writes'),
        (FAILED, "x"), (CONVERGED, None)]
    assert checked.tokens == {"nia": "other"}  # no registration string for a user that is not there
    # the same label for another user, or another label for the same user, is not this change
    elsewhere = _plan([Change("add", "nia", "add", {}), Change("model", "oto", GRANT.label, ())])
    assert converge_users.verify(plan, outcome, elsewhere).done[:2] == outcome.done[:2]


def test_the_read_back_is_made_before_the_login_users_own_lockout_and_only_after_an_acknowledged_write(
        simulator, admin):
    made = []
    plan = planned(admin, [{"name": "nia"}])
    # alice stands for the login user: her removal is the plan's own lockout, made last
    lockout = Change("remove", "alice", "remove", "alice")
    plan = plan._replace(changes=plan.changes + [lockout], own=1,
                         users=dict(plan.users, alice=declared_users.UserPlan("alice", {}, {}, [])))
    outcome = converge_users.apply_plan(admin, plan, lambda: made.append(simulator.state.user("alice")) or _plan([]))
    assert [d.status for d in outcome.done] == [APPLIED, APPLIED]
    assert made[0] is not None  # read back while alice still existed
    assert simulator.state.user("alice") is None
    nothing = converge_users.apply_plan(admin, _plan([]), lambda: made.append("again"))
    assert nothing.done == [] and made == [made[0]]


def test_a_read_back_that_fails_confirms_nothing_acknowledged_and_says_why(simulator, admin):
    plan = planned(admin, [{"name": "nia", "models": {"default": "read"}}])

    def broken():
        raise errors.ConnectionFailed("the connection to the controller was lost.")
    outcome = converge_users.apply_plan(admin, plan, broken)
    assert [(d.status, str(d.error)) for d in outcome.done] == [
        (FAILED, 'Juju acknowledged "add" for user "nia", but the read-back that checks it failed: the connection to '
                 'the controller was lost'),
        (FAILED, 'Juju acknowledged "grant model admin/default read" for user "nia", but the read-back that checks '
                 'it failed: the connection to the controller was lost')]
    assert decode_registration_string(outcome.tokens["nia"])["user"] == "nia"
