# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_users reads back what it wrote: a write Juju acknowledges but does not make (the simulator's
discard fault) fails, naming it, for every kind of batch; what was applied is reported as applied."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.modules import juju_users

# Zed's cloud grant is made in its own batch and is there when read back.
ZED_CLOUD = {"name": "zed", "clouds": {"localhost": "add-model"}}


@pytest.mark.parametrize("facade, method, entry, label", [
    ("UserManager", "AddUser", {"name": "nia"}, "add"),
    ("UserManager", "RemoveUser", {"name": "bob", "state": "absent"}, "remove"),
    ("UserManager", "EnableUser", {"name": "gone", "enabled": True}, "enable"),
    ("UserManager", "DisableUser", {"name": "bob", "enabled": False}, "disable"),
    ("Controller", "ModifyControllerAccess", {"name": "bob", "controller_access": "superuser"},
     "grant controller superuser"),
    ("ModelManager", "ModifyModelAccess", {"name": "bob", "models": {"default": "write"}},
     "grant model admin/default write"),
    ("ApplicationOffers", "ModifyOfferAccess", {"name": "bob", "offers": {"fred/prod.db": "absent"}},
     "revoke offer fred/prod.db read"),
    # A password is read back by logging in as the user with it.
    ("UserManager", "SetPassword", {"name": "bob", "password": "bob-new-pw-7", "update_password": "always"},
     "set password"),
])
def test_a_write_juju_acknowledges_but_does_not_make_fails_naming_it(run, simulator, facade, method, entry, label):
    simulator.inject(facade, method, discard=True)
    result = run(juju_users, users=[entry, ZED_CLOUD])
    name = entry["name"]
    error = 'Juju acknowledged "%s" for user "%s", but does not show it when read back after the writes' % (label,
                                                                                                            name)
    assert result["msg"] == ("1 of the 2 changes were not applied (the first: %s); results says for every user what "
                             "was applied and what was not, and a re-run applies the rest." % error)
    assert (result["failed"], result["changed"]) == (True, True)
    assert result["results"] == [
        {"name": name, "changed": False, "actions": [], "not_applied": ["%s: %s" % (label, error)]},
        {"name": "Zed", "changed": True, "actions": ["grant cloud localhost add-model"], "not_applied": []}]
    assert (result["created"], result["removed"], result["registration_strings"]) == ([], [], {})


def test_a_cloud_grant_juju_acknowledges_but_does_not_make_fails_and_the_user_added_is_reported(run, simulator):
    simulator.inject("Cloud", "ModifyCloudAccess", discard=True)
    result = run(juju_users, users=[{"name": "nia", "clouds": {"localhost": "admin"}}])
    assert result["failed"] is True
    assert result["results"] == [{"name": "nia", "changed": True, "actions": ["add"], "not_applied": [
        'grant cloud localhost admin: Juju acknowledged "grant cloud localhost admin" for user "nia", but does not '
        'show it when read back after the writes']}]
    assert result["created"] == ["nia"]


def test_the_read_back_is_one_set_of_reads_and_none_when_nothing_was_written(run, simulator):
    users = [{"name": "u%d" % i, "password": "pw-u%d-123" % i, "models": {"default": "read"}} for i in range(6)]
    simulator.reset_counters()
    result = run(juju_users, users=users)
    assert result["failed"] is False and len(result["created"]) == 6
    calls = simulator.counters["calls"]
    # read, write, read back: two reads of each kind whatever the number of users
    assert (calls[("UserManager", "UserInfo")], calls[("UserManager", "ModelUserInfo")]) == (2, 2)
    simulator.reset_counters()
    again = run(juju_users, users=users)
    assert again["changed"] is False
    assert (simulator.counters["calls"][("UserManager", "UserInfo")], simulator.counters["writes"]) == (1, 0)


def test_a_password_set_is_checked_by_one_login_as_that_user_after_the_writes(run, simulator):
    simulator.reset_counters()
    result = run(juju_users, users=[{"name": "bob", "password": "bob-new-pw-7", "update_password": "always"}])
    assert (result["failed"], result["changed"]) == (False, True)
    # one login as bob before (the old password fails), one after (the new one works), besides the task's own
    assert simulator.counters["calls"][("Admin", "Login")] == 3
    assert simulator.state.user("bob").password_valid("bob-new-pw-7")
