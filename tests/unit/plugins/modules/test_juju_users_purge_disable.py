# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_users purge_mode=disable: main() in-process against the simulator, check mode first, then for real."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from test_juju_users import converge, sim, state  # noqa: F401  # pylint: disable=unused-import  # fixtures

WRITES = ("AddUser", "RemoveUser", "EnableUser", "DisableUser", "ModifyModelAccess", "ModifyOfferAccess",
          "ModifyCloudAccess", "ModifyControllerAccess", "SetPassword")
ZED = {"name": "zed", "models": {"default": "write", "fred/prod": "read"}, "offers": {"fred/prod.db": "consume"},
       "clouds": {"microk8s": "admin"}}


def writes(calls):
    return dict((k, n) for k, n in calls.items() if k[1] in WRITES)


def both_modes(converge, users, **options):  # noqa: F811
    """(check-mode result, real result), asserting that check mode predicted the real run."""
    predicted, calls = converge(users, check_mode=True, **options)
    assert writes(calls) == {}
    done, calls = converge(users, **options)
    for key in ("failed", "changed", "msg", "results", "removed", "created", "models"):
        assert predicted.get(key) == done.get(key), key
    return done


def test_undeclared_users_are_disabled_and_keep_their_grants(sim, converge):  # noqa: F811
    before = state(sim)
    result = both_modes(converge, [ZED], purge=True, purge_mode="disable", protected=["ci-bot"])
    assert (result["failed"], result["changed"], result["removed"]) == (False, True, [])
    assert result["results"] == [
        {"name": "Zed", "changed": False, "actions": [], "not_applied": []},
        {"name": "admin", "changed": True, "actions": ["disable"], "not_applied": [],
         "purged": "disabled_access_kept"},
        {"name": "dan", "changed": False, "actions": [], "not_applied": [], "purged": "disabled_access_kept"},
        {"name": "fred", "changed": True, "actions": ["disable"], "not_applied": [],
         "purged": "disabled_access_kept"}]
    users, models, offers = state(sim)
    assert users == dict(before[0], admin=("admin", False, "login"), fred=("fred", False, "login"))
    assert (models, offers) == before[1:]
    again, calls = converge([ZED], purge=True, purge_mode="disable", protected=["ci-bot"])
    assert (again["changed"], writes(calls)) == (False, {})


def test_with_purge_access_their_grants_are_revoked_before_they_are_disabled(sim, converge):  # noqa: F811
    result = both_modes(converge, [ZED], purge=True, purge_mode="disable", purge_access=True, protected=["ci-bot"])
    assert result["failed"] is False, result["msg"]
    assert [(r["name"], r["actions"], r.get("purged")) for r in result["results"]] == [
        ("Zed", [], None), ("admin", ["disable"], "disabled_access_revoked"),
        ("dan", ["revoke model boss/default read"], "disabled_access_revoked"),
        ("fred", ["disable"], "disabled_access_revoked")]
    users, models, offers = state(sim)
    assert "dan" not in models["boss/default"]
    assert (models["fred/prod"]["fred"], offers["db"]["fred"]) == ("admin", "admin")  # what fred owns stays his
    assert (users["fred"], users["dan"]) == (("fred", False, "login"), ("dan", False, "superuser"))  # controller access kept


def test_users_disabled_by_the_purge_come_back_when_declared_again(sim, converge):  # noqa: F811
    converge([ZED], purge=True, purge_mode="disable", protected=["ci-bot"])
    result = both_modes(converge, [ZED, {"name": "fred"}, {"name": "admin", "enabled": False}], purge=True,
                        purge_mode="disable", protected=["ci-bot"])
    assert [(r["name"], r["actions"]) for r in result["results"]] == [
        ("Zed", []), ("fred", ["enable"]), ("admin", []), ("dan", [])]
    assert (state(sim)[0]["fred"], state(sim)[0]["admin"]) == (("fred", True, "login"), ("admin", False, "login"))


def test_an_empty_list_and_purge_mode_disable_without_purge_are_refused_changing_nothing(sim, converge):  # noqa: F811
    result, calls = converge([], purge=True, purge_mode="disable")
    assert result["msg"] == ("Purge is true but users is empty, which would disable every user of the controller but "
                             "the login user, the controller owner and the protected users (5 users); set "
                             "allow_empty_purge to true if that is meant.")
    assert writes(calls) == {}
    result, calls = converge([ZED], purge_mode="disable")
    assert result["msg"] == ("Purge_mode=disable says how purge off-boards the users that users does not name, but "
                             "purge is false; set purge=true, or leave purge_mode out.")
    assert calls == {}


def test_a_disable_of_the_purge_that_juju_acknowledges_but_does_not_make_fails_naming_it(sim, converge):  # noqa: F811
    sim.inject("UserManager", "DisableUser", discard=True)
    result, calls = converge([ZED], purge=True, purge_mode="disable", protected=["ci-bot", "admin"])
    error = 'Juju acknowledged "disable" for user "fred", but does not show it when read back after the writes'
    assert (result["failed"], result["changed"]) == (True, False)
    assert result["msg"] == ("1 of the 1 changes were not applied (the first: %s); results says for every user what "
                             "was applied and what was not, and a re-run applies the rest." % error)
    assert result["results"][1:] == [
        {"name": "dan", "changed": False, "actions": [], "not_applied": [], "purged": "disabled_access_kept"},
        {"name": "fred", "changed": False, "actions": [], "not_applied": ["disable: " + error],
         "purged": "disabled_access_kept"}]
    assert state(sim)[0]["fred"] == ("fred", True, "login")
