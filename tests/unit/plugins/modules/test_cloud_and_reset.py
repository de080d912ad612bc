# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Issue 10 end to end against the simulator: cloud access with juju_user_access, and juju_user's
reset_password (its registration string taken through the simulator's /register, as `juju register`)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from jujusim.register_client import juju_register

from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
from ansible_collections.juju.controller.plugins.modules import juju_user, juju_user_access, juju_user_info


def login_error(run, user, password):
    """The message of a task that logs in as user (None when the login works)."""
    return run(juju_user_info, login_user=user, login_password=password).get("msg")


def bad_login(user):
    return 'Login to controller "sim" as "%s" failed: invalid entity name or password.' % user


# ---------------------------------------------------------------- cloud access

# bob on microk8s, step by step through Juju's levels (add-model < admin), with the one call each step needs
# under §16's revoke table: revoking admin sets add-model, revoking add-model removes everything.
CLOUD_STEPS = [
    (dict(access="add-model"), None, [{"action": "grant", "level": "add-model"}]),
    (dict(access="admin"), "add-model", [{"action": "grant", "level": "admin"}]),
    (dict(access="admin"), "admin", []),
    (dict(access="add-model"), "admin", [{"action": "revoke", "level": "admin"}]),
    (dict(state="absent"), "add-model", [{"action": "revoke", "level": "add-model"}]),
    (dict(state="absent"), None, []),
    (dict(access="admin"), None, [{"action": "grant", "level": "admin"}]),
    (dict(state="absent"), "admin", [{"action": "revoke", "level": "add-model"}]),
]


def test_cloud_access_walks_the_levels_exactly(run, simulator):
    for options, before, changes in CLOUD_STEPS:
        simulator.reset_counters()
        predicted = run(juju_user_access, user="Bob", cloud="microk8s", check_mode=True, diff=True, **options)
        assert simulator.counters["writes"] == 0
        real = run(juju_user_access, user="Bob", cloud="microk8s", diff=True, **options)
        after = options.get("access")
        assert real == predicted == {
            "changed": bool(changes), "failed": False, "warnings": [], "user": "bob", "access": after,
            "previous_access": before, "changes": changes, "target": {"kind": "cloud", "name": "microk8s"},
            "diff": {"before": {"user": "bob", "cloud": "microk8s", "access": before},
                     "after": {"user": "bob", "cloud": "microk8s", "access": after}}}
        assert simulator.counters["writes"] == len(changes)
        assert simulator.state.clouds["microk8s"].users.get("bob") == after
    assert simulator.state.clouds["microk8s"].users == {"zed": "add-model", "fred": "admin"}


# ---------------------------------------------------------------- reset_password

def test_reset_password_replaces_the_password_with_a_registration_string(run, simulator):
    old = simulator.passwords["bob"]
    simulator.reset_counters()
    predicted = run(juju_user, name="BOB", reset_password=True, check_mode=True, diff=True)
    assert simulator.counters["writes"] == 0
    result = run(juju_user, name="BOB", reset_password=True, diff=True)
    token = result.pop("registration_string")
    assert "registration_string" not in predicted  # check mode makes no token
    assert result == predicted == {
        "changed": True, "failed": False, "warnings": [], "user": predicted["user"],
        "diff": {"before": {"name": "bob", "state": "present", "display_name": "Bob", "enabled": True},
                 "after": {"name": "bob", "state": "present", "display_name": "Bob", "enabled": True,
                           "password": "reset"}}}
    assert (result["user"]["name"], result["user"]["access"]) == ("bob", "login")
    # Go-compatible, in Juju's spelling of the user, naming the controller and the endpoints connected to
    assert decode_registration_string(token) == {
        "user": "bob", "addresses": ["127.0.0.1:%d" % simulator.port], "controller_name": "sim",
        "secret_key": simulator.state.user("bob").secret_key, "proxy_config": ""}
    assert login_error(run, "bob", old) == bad_login("bob")

    # An action, not a state: the next run resets again, and the first token stops working.
    again = run(juju_user, name="bob", reset_password=True)
    assert again["changed"] is True and again["registration_string"] != token
    assert juju_register(token, "Bob-new-pw-1")[0] == 400  # "secret key not valid"
    assert juju_register(again["registration_string"], "Bob-new-pw-1")[0] == 200
    assert login_error(run, "bob", "Bob-new-pw-1") is None
    assert login_error(run, "bob", old) == bad_login("bob")


def test_reset_of_a_disabled_user_it_enables(run, simulator):
    result = run(juju_user, name="gone", reset_password=True, enabled=True)
    assert (result["changed"], result["user"]["enabled"]) == (True, True)
    assert juju_register(result["registration_string"], "Gone-pw-123")[0] == 200
    assert login_error(run, "gone", "Gone-pw-123") is None


def test_failure_after_a_reset_returns_its_registration_string_only_under_no_log(run, simulator):
    simulator.inject("UserManager", "DisableUser", error=("boom", ""), times=2)
    shown = run(juju_user, name="bob", reset_password=True, enabled=False)
    assert (shown["failed"], shown["changed"]) == (True, True) and "registration_string" not in shown
    assert shown["msg"].startswith('Cannot disable user "bob": boom (before that, the task reset the password of user '
                                   '"bob"). A registration string issued before the failure is not returned')
    result = run(juju_user, name="bob", reset_password=True, enabled=False, _ansible_no_log=True)
    assert (result["failed"], result["changed"], result["msg"]) == (
        True, True, 'Cannot disable user "bob": boom (before that, the task reset the password of user "bob").')
    assert juju_register(result["registration_string"], "Bob-new-pw-2")[0] == 200  # the only copy of the new token
