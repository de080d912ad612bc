# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_user's main() against the simulator: the password check, check mode's predicted user, and the
exact outcome when Juju (or another writer) leaves the user otherwise than the task planned."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import api
from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
from ansible_collections.juju.controller.plugins.modules import juju_user


def other_writer_first(monkeypatch, other, *writes):
    """Make `writes` ((method, params) through the RawClient `other`) just before the task's AddUser:
    the task read the user as absent, another writer created it meanwhile."""
    add_user = api.ControllerClient.add_user

    def raced(client, *args, **kwargs):
        for method, params in writes:
            other.call("UserManager", method, params)
        return add_user(client, *args, **kwargs)

    monkeypatch.setattr(api.ControllerClient, "add_user", raced)


CREATE_CAROL = ("AddUser", {"users": [{"username": "carol", "display-name": "", "password": "x-Pw-1"}]})
DISABLE_CAROL = ("DisableUser", {"entities": [{"tag": "user-carol"}]})


def test_right_password_with_update_password_always_is_verified_not_set(run, simulator):
    simulator.reset_counters()
    result = run(juju_user, name="bob", password=simulator.passwords["bob"], update_password="always", diff=True)
    assert (result["changed"], result["warnings"], simulator.counters["writes"]) == (False, [], 0)
    assert result["diff"]["after"] == {"name": "bob", "state": "present", "display_name": "Bob", "enabled": True,
                                       "password": "unchanged"}


def test_password_of_a_disabled_user_is_set_every_run_with_a_warning(run, simulator):
    simulator.reset_counters()
    result = run(juju_user, name="gone", password="Gone-pw-123", update_password="always")
    assert (result["changed"], simulator.counters["writes"]) == (True, 1)
    assert result["warnings"] == ['user "gone" cannot log in (it is disabled or has no access to the controller), so '
                                  'its password cannot be verified and is set on every run.']


def test_check_mode_predicts_the_new_user_created_by_the_login_user(run, simulator):
    result = run(juju_user, name="carol", check_mode=True, as_user="ops")
    assert result["user"] == {"name": "carol", "display_name": "", "access": "login", "created_by": "ops",
                              "date_created": None, "last_connection": None, "enabled": True}
    assert simulator.state.user("carol") is None


@pytest.mark.parametrize("options, method, changed, msg", [
    # changed: the user was created, only the disabling was lost; its registration string is withheld
    (dict(name="carol", enabled=False), "DisableUser", True,
     'After the task created user "carol", then disabled user "carol", Juju reports user "carol" as enabled. A '
     "registration string issued before the failure is not returned, as Ansible prints a failed task's result "
     "(under no_log it is); reset that user's password (juju_user reset_password=true) for a new one."),
    (dict(name="gone", enabled=True), "EnableUser", False,
     'After the task enabled user "gone", Juju reports user "gone" as disabled.'),
])
def test_a_write_acknowledged_but_not_made_says_what_juju_reports(run, simulator, options, method, changed, msg):
    simulator.inject("UserManager", method, discard=True)
    result = run(juju_user, **options)
    assert (result["failed"], result["changed"], result["msg"]) == (True, changed, msg)
    assert "registration_string" not in result


def test_a_password_juju_acknowledges_but_does_not_set_fails(run, simulator):
    simulator.inject("UserManager", "SetPassword", discard=True)
    result = run(juju_user, name="bob", password="bob-new-pw-7", update_password="always")
    assert (result["failed"], result["changed"]) == (True, False)
    assert result["msg"] == ('Juju acknowledged setting the password of user "bob", but the user cannot log in with '
                             'it afterwards.')
    assert not simulator.state.user("bob").password_valid("bob-new-pw-7")


def test_a_password_set_is_read_back_by_logging_in_with_it(run, simulator):
    simulator.reset_counters()
    result = run(juju_user, name="bob", password="bob-new-pw-7", update_password="always")
    assert (result["failed"], result["changed"]) == (False, True)
    assert simulator.counters["calls"][("Admin", "Login")] == 3  # the task's, the check before, the read-back


def test_under_no_log_a_failure_returns_the_registration_string_it_issued(run, simulator):
    simulator.inject("UserManager", "DisableUser", discard=True)
    result = run(juju_user, name="carol", enabled=False, _ansible_no_log=True)
    assert result["msg"] == ('After the task created user "carol", then disabled user "carol", Juju reports user '
                             '"carol" as enabled.')
    assert decode_registration_string(result["registration_string"])["user"] == "carol"


def test_create_raced_by_another_writer_replans_and_disables(run, simulator, connect, monkeypatch):
    # AddUser loses the race ("username unavailable"); reading again finds carol enabled, so the
    # task still has to disable her, and reports only that.
    other_writer_first(monkeypatch, connect(), CREATE_CAROL)
    result = run(juju_user, name="carol", enabled=False, diff=True)
    assert (result["failed"], result["changed"], result["user"]["enabled"]) == (False, True, False)
    assert simulator.state.user("carol").disabled is True
    assert "registration_string" not in result


def test_create_raced_into_another_state_fails_naming_the_other_writer(run, connect, monkeypatch):
    # The other writer created carol disabled: nothing is left for this task to do, yet carol is not
    # the enabled user it was to create.
    other_writer_first(monkeypatch, connect(), CREATE_CAROL, DISABLE_CAROL)
    result = run(juju_user, name="carol")
    # changed is false: the task wrote nothing, the other writer made carol what she is.
    assert (result["failed"], result["changed"], result["msg"]) == (
        True, False, 'After the task found the changes made by another writer, Juju reports user "carol" as disabled.')


@pytest.mark.parametrize("check_mode", [True, False])
def test_removing_a_user_who_owns_models_is_refused_naming_them_unless_allowed(run, simulator, check_mode):
    result = run(juju_user, check_mode=check_mode, name="FRED", state="absent")
    assert (result["failed"], result["changed"], result["msg"]) == (
        True, False, 'User "fred" owns the models fred/prod: removing it leaves them, and their offers, without their '
                     'owner; remove the models first, or set allow_model_owner_removal=true if that is meant.')
    assert simulator.counters["writes"] == 0
    allowed = run(juju_user, check_mode=check_mode, name="fred", state="absent", allow_model_owner_removal=True)
    assert (allowed["failed"], allowed["changed"]) == (False, True)
    assert (simulator.state.user("fred") is None) is not check_mode
