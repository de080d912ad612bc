# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The modules' main() in-process against the simulator: results, diffs, races, faults, external users."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time
from contextlib import contextmanager

import pytest

from ansible_collections.juju.controller.plugins.modules import juju_user, juju_user_access, juju_user_info


@contextmanager
def meanwhile(sim, facade, method, other_write):
    """Hold the module's next facade.method call back while other_write() gets there first."""
    sim.inject(facade, method, delay=0.8)  # ample for the other write, even on a busy machine
    calls = sim.counters["calls"].get((facade, method), 0)
    errors = []

    def watch():
        deadline = time.monotonic() + 10
        while sim.counters["calls"].get((facade, method), 0) == calls and time.monotonic() < deadline:
            time.sleep(0.005)
        try:
            other_write()
        except Exception as error:  # reported by the test thread
            errors.append(error)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        yield
    finally:
        watcher.join()
    assert not errors, errors


def grant(client, facade, method, **change):
    client.call(facade, method, {"changes": [change]})


# ---------------------------------------------------------------- Juju's spelling of user names

def test_access_with_another_spelling_reports_jujus(run):
    result = run(juju_user_access, user="zed@local", model="default", access="admin", diff=True)
    assert result == {"changed": True, "failed": False, "warnings": [], "user": "Zed", "access": "admin",
                      "previous_access": "write", "changes": [{"action": "grant", "level": "admin"}],
                      "target": {"kind": "model", "name": "admin/default", "uuid": result["target"]["uuid"]},
                      "diff": {"before": {"user": "Zed", "model": "admin/default", "access": "write"},
                               "after": {"user": "Zed", "model": "admin/default", "access": "admin"}}}


def test_info_finds_a_user_by_any_spelling(run, simulator):
    result = run(juju_user_info, name="ZED@local", include_access=True)
    assert [(u["name"], u["models"], u["offers"], u["clouds"]) for u in result["users"]] == [
        ("Zed", {"admin/default": "write"}, {}, {"microk8s": "add-model"})]  # clouds key users lower-cased: "zed"
    refs = ["admin/controller", "admin/default", "fred/prod"]
    assert result["models"] == dict((ref, simulator.model_uuid(ref)) for ref in refs)  # both forms of each model
    assert "models" not in run(juju_user_info, name="ZED@local")


def test_user_by_another_spelling_is_the_same_user(run):
    result = run(juju_user, name="zed", display_name="")  # empty display name: as if unset, so no warning
    assert (result["changed"], result["user"]["name"], result["warnings"]) == (False, "Zed", [])


def test_blank_connection_option_means_unset(run):
    result = run(juju_user_info, name="bob", login_user="", login_password=" ")
    assert result["current_user"]["name"] == "admin" and [u["name"] for u in result["users"]] == ["bob"]


# ---------------------------------------------------------------- external users

@pytest.mark.parametrize("options", [dict(), dict(password="Ext-pw-123"), dict(enabled=True), dict(state="absent")])
def test_external_users_cannot_be_managed_as_users(run, simulator, options):
    result = run(juju_user, name="dana@external", **options)
    assert (result["failed"], result["msg"]) == (
        True, 'User "dana@external" is an external user (@external); only local users can be managed here.')
    assert simulator.counters["writes"] == 0


@pytest.mark.parametrize("target", [dict(), dict(model="default"), dict(offer="fred/prod.db"),
                                    dict(cloud="microk8s")])
@pytest.mark.parametrize("user", ["dana@external", "everyone@external"])
def test_external_access_is_idempotent(run, simulator, target, user):
    level = "login" if not target else "add-model" if "cloud" in target else "read"
    outcomes = []
    for options in (dict(access=level), dict(access=level), dict(state="absent"), dict(state="absent")):
        result = run(juju_user_access, user=user, **dict(target, **options))
        outcomes.append((result["failed"], result["changed"], result["access"]))
    if user == "everyone@external" and "offer" in target:  # new offers grant it read
        assert outcomes == [(False, False, level), (False, False, level), (False, True, None), (False, False, None)]
    else:
        assert outcomes == [(False, True, level), (False, False, level), (False, True, None), (False, False, None)]


def test_audit_lists_external_holders_of_grants(run):
    assert run(juju_user_access, user="Dana@External", model="default", access="read")["changed"] is True
    # erin holds nothing but a cloud grant: the audit must find it there too
    assert run(juju_user_access, user="erin@external", cloud="microk8s", access="admin")["changed"] is True
    users = run(juju_user_info, include_access=True)["users"]
    external = [u for u in users if "@" in u["name"]]
    record = {"display_name": "", "access": None, "effective_access": None, "created_by": None, "date_created": None,
              "last_connection": None, "enabled": True}
    assert external == [
        dict(record, name="dana@external", models={"admin/default": "read"}, offers={}, clouds={}),
        dict(record, name="erin@external", models={}, offers={}, clouds={"microk8s": "admin"}),
        dict(record, name="everyone@external", models={}, offers={"fred/prod.db": "read"}, clouds={})]
    assert [u["name"] for u in users] == ["Zed", "admin", "bob", "dana@external", "erin@external",
                                          "everyone@external", "fred", "gone", "ops"]
    clouds = dict((u["name"], u["clouds"]) for u in users if "@" not in u["name"])
    assert clouds == {"Zed": {"microk8s": "add-model"}, "admin": {"localhost": "admin"}, "bob": {}, "fred":
                      {"microk8s": "admin"}, "gone": {}, "ops": {}}


def test_audit_finds_everyone_at_external_by_its_controller_grant_alone(run):
    """Issue 14: everyone@external made a superuser, its offer read revoked, holds no grant that any list shows;
    the audit looks it up anyway, and an external user named gets its own grant and its effective level."""
    assert run(juju_user_access, user="everyone@external", access="superuser")["changed"] is True
    assert run(juju_user_access, user="everyone@external", offer="fred/prod.db", state="absent")["changed"] is True
    assert run(juju_user_access, user="dan@external", access="login")["changed"] is True
    record = {"display_name": "", "created_by": None, "date_created": None, "last_connection": None, "enabled": True,
              "models": {}, "offers": {}, "clouds": {}}
    result = run(juju_user_info, include_access=True)
    assert [u for u in result["users"] if "@" in u["name"]] == [
        dict(record, name="everyone@external", access="superuser", effective_access="superuser")]
    assert result["not_listed"] == [
        "external users whose only grant is on the controller, apart from everyone@external and a user given by "
        "name: no Juju API lists them (look one up with name).",
        "the login user's own grants on offers: Juju shows it its effective level, admin on every offer, instead."]
    dan = run(juju_user_info, include_access=True, name="dan@external")["users"]
    assert dan == [dict(record, name="dan@external", access="login", effective_access="superuser")]
    # juju_user_access reads the same own grant as previous_access
    assert run(juju_user_access, user="dan@external", access="login", check_mode=True)["previous_access"] == "login"
    assert run(juju_user_info, name="dan@external")["users"][0]["access"] == "login"


def test_audit_without_everyone_at_external_grants_does_not_list_it(run):
    assert run(juju_user_access, user="everyone@external", offer="fred/prod.db", state="absent")["changed"] is True
    assert [u["name"] for u in run(juju_user_info, include_access=True)["users"] if "@" in u["name"]] == []


def test_audit_by_a_login_user_that_is_no_superuser(run):
    # Juju lists such a user only the clouds it holds a grant on (fred: microk8s, not localhost).
    result = run(juju_user_info, include_access=True, as_user="fred")
    assert [(u["name"], u["clouds"]) for u in result["users"]] == [("fred", {"microk8s": "admin"})]
    assert result["not_listed"] == ["any other user, and so its grants: Juju shows a login user that is not a "
                                    "controller superuser no user but itself."]
    assert "not_listed" not in run(juju_user_info, as_user="fred")


# ---------------------------------------------------------------- writes Juju acknowledges but does not make

@pytest.mark.parametrize("module, options, facade, method, msg", [
    (juju_user_access, dict(user="bob", access="superuser"), "Controller", "ModifyControllerAccess",
     'After the task granted controller access "superuser" to user "bob", Juju reports login access for user '
     '"bob" on controller "sim" instead of superuser.'),
    (juju_user_access, dict(user="bob", model="default", access="write"), "ModelManager", "ModifyModelAccess",
     'After the task granted model access "write" to user "bob", Juju reports read access for user "bob" on '
     'model "admin/default" instead of write.'),
    (juju_user_access, dict(user="bob", offer="fred/prod.db", state="absent"), "ApplicationOffers",
     "ModifyOfferAccess", 'After the task revoked offer access "read" from user "bob", Juju reports consume '
                          'access for user "bob" on offer "fred/prod.db" instead of none.'),
    (juju_user_access, dict(user="bob", cloud="microk8s", access="add-model"), "Cloud", "ModifyCloudAccess",
     'After the task granted cloud access "add-model" to user "bob", Juju reports no access for user "bob" on '
     'cloud "microk8s" instead of add-model.'),
    (juju_user_access, dict(user="zed", cloud="microk8s", access="admin"), "Cloud", "ModifyCloudAccess",
     'After the task granted cloud access "admin" to user "Zed", Juju reports add-model access for user "Zed" on '
     'cloud "microk8s" instead of admin.'),
    (juju_user, dict(name="carol", password="Carol-pw-123"), "UserManager", "AddUser",
     'After the task created user "carol", Juju reports user "carol" as absent.'),
    (juju_user, dict(name="bob", state="absent"), "UserManager", "RemoveUser",
     'After the task removed user "bob", Juju reports user "bob" as enabled.'),
    (juju_user, dict(name="bob", enabled=False), "UserManager", "DisableUser",
     'After the task disabled user "bob", Juju reports user "bob" as enabled.'),
])
def test_a_write_acknowledged_but_not_made_fails(run, simulator, module, options, facade, method, msg):
    simulator.inject(facade, method, discard=True)
    result = run(module, **options)
    assert (result["failed"], result["changed"], result["msg"]) == (True, False, msg)
    assert simulator.counters["calls"][(facade, method)] == 1


# ---------------------------------------------------------------- failures after a first write

WITHHELD = ("A registration string issued before the failure is not returned, as Ansible prints a failed task's "
            "result (under no_log it is); reset that user's password (juju_user reset_password=true) for a new one.")


@pytest.mark.parametrize("no_log", [False, True])
def test_failure_after_a_write_says_what_was_applied(run, simulator, no_log):
    simulator.inject("UserManager", "DisableUser", error=("boom", ""))
    result = run(juju_user, name="dave", enabled=False, _ansible_no_log=no_log)
    msg = 'Cannot disable user "dave": boom (before that, the task created user "dave").'
    assert (result["failed"], result["changed"]) == (True, True)
    # Ansible prints a failed task's result at default verbosity: the secret only where no_log hides it
    assert result["msg"] == (msg if no_log else msg + " " + WITHHELD)
    assert bool(result.get("registration_string")) is no_log
    assert simulator.state.user("dave").disabled is False


def test_password_in_an_add_user_error_is_scrubbed(run, simulator):
    simulator.inject("UserManager", "AddUser", error=('failed to create user: password "Carol-pw-123" too weak', ""))
    result = run(juju_user, name="carol", password="Carol-pw-123")
    assert (result["failed"], result["msg"]) == (
        True, 'Cannot add user "carol": failed to create user: password "********" too weak.')


# ---------------------------------------------------------------- races: another writer got there first

def test_create_raced_by_another_writer_is_ok(run, simulator, connect):
    other = connect()
    with meanwhile(simulator, "UserManager", "AddUser", lambda: other.call(
            "UserManager", "AddUser", {"users": [{"username": "Carol", "display-name": "", "password": "x-Pw-1"}]})):
        result = run(juju_user, name="carol", password="Carol-pw-123")
    assert (result["failed"], result["changed"], result["user"]["name"]) == (False, False, "Carol")
    assert "registration_string" not in result


def test_remove_raced_by_another_writer_is_ok(run, simulator, connect):
    other = connect()
    with meanwhile(simulator, "UserManager", "RemoveUser", lambda: other.call(
            "UserManager", "RemoveUser", {"entities": [{"tag": "user-bob"}]})):
        result = run(juju_user, name="bob", state="absent")
    assert (result["failed"], result["changed"], result["user"]) == (False, False, {})


@pytest.mark.parametrize("options, other_change, changes", [
    # another writer made the same grant
    (dict(user="bob", access="superuser"), dict(action="grant", access="superuser"), []),
    # the same revoke
    (dict(user="bob", model="default", state="absent"), dict(action="revoke", access="read"), []),
    # a higher level than wanted: re-planned from there, and lowered to exactly the level asked for
    (dict(user="bob", model="default", access="write"), dict(action="grant", access="admin"),
     [{"action": "revoke", "level": "admin"}]),
    # the same on a cloud: Juju's "could not grant cloud access: user already has ..." is a lost race too
    (dict(user="bob", cloud="microk8s", access="add-model"), dict(action="grant", access="add-model"), []),
    (dict(user="bob", cloud="microk8s", access="add-model"), dict(action="grant", access="admin"),
     [{"action": "revoke", "level": "admin"}]),
    # and a cloud revoke that finds nothing left: Juju's "user permission ... not found"
    (dict(user="zed", cloud="microk8s", state="absent"), dict(action="revoke", access="add-model"), []),
])
def test_access_raced_by_another_writer_converges(run, simulator, connect, options, other_change, changes):
    other = connect()
    kind = next((name for name in ("model", "cloud") if name in options), "controller")
    facade, method = {"model": ("ModelManager", "ModifyModelAccess"), "cloud": ("Cloud", "ModifyCloudAccess"),
                      "controller": ("Controller", "ModifyControllerAccess")}[kind]
    change = dict(other_change, **{"user-tag": "user-" + options["user"]})
    if kind == "model":
        change["model-tag"] = "model-" + simulator.model_uuid("admin/default")
    elif kind == "cloud":
        change["cloud-tag"] = "cloud-microk8s"
    with meanwhile(simulator, facade, method, lambda: grant(other, facade, method, **change)):
        result = run(juju_user_access, **options)
    desired = options.get("access")
    assert (result["failed"], result["changed"], result["access"], result["changes"]) == (
        False, bool(changes), desired, changes)
