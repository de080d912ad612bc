# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode predicts the real run: every case runs with --check, then for real, on one fresh simulator.

Both runs must agree on changed, failed, the message and the warnings, the check run must write nothing, and
both must give the outcome written in the table. The table covers every class of issue 8: empty options,
Juju's user-name case rule, what the reads show the controller would refuse, the lockout guard,
external users; issue 10's cloud target and password reset; and issue 14's login users (superuser, model
admin, plain login, a jar login in any spelling) and user states (disabled, external, case variants).
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.modules import juju_user, juju_user_access, juju_user_info, juju_users
from jujusim.login import juju_login
from modrun import run_main

EMPTY = 'Option "%s" is empty; give it a value, or leave it out (in a template: `default(omit)`).'
OWNER = 'User "admin" is the controller owner, which Juju can neither remove nor disable.'
NOT_SUPERUSER = 'The login user "fred" is not a controller superuser, so it cannot change controller access.'


def lockout(what, login_user, consequence):
    return ('%s would lock out the login user "%s" itself, after which %s; set allow_self_lockout=true if that '
            'is really meant.' % (what, login_user, consequence))


MANAGE = "it could no longer manage what that access allowed"
DISABLED = ('User "gone" is disabled, and Juju changes the %s access of a disabled user only to %s, so its access to '
            '%s "%s" cannot go from %s to %s; enable the user first.')

# (id, module, options (as_user: who logs in), changed, msg: None when the task succeeds)
CASES = [
    # juju_user
    ("user-create", juju_user, dict(name="carol", password="Carol-pw-1"), True, None),
    ("user-same-name-other-case", juju_user, dict(name="ZED@local"), False, None),
    ("user-remove-owner", juju_user, dict(name="admin", state="absent"), False, OWNER),
    ("user-disable-owner", juju_user, dict(name="Admin", enabled=False), False, OWNER),
    ("user-remove-owner-even-if-meant", juju_user, dict(name="admin", state="absent", allow_self_lockout=True),
     False, OWNER),
    ("user-disable-self", juju_user, dict(name="ops", enabled=False, as_user="ops"), False,
     lockout('Disabling user "ops"', "ops", "it could no longer log in")),
    ("user-remove-self", juju_user, dict(name="OPS", state="absent", as_user="ops"), False,
     lockout('Removing user "ops"', "ops", "it could no longer log in")),
    ("user-remove-self-meant", juju_user, dict(name="ops", state="absent", allow_self_lockout=True, as_user="ops"),
     True, None),
    ("user-disable-not-superuser", juju_user, dict(name="fred", enabled=False, as_user="fred"), False,
     'The login user "fred" is not a controller superuser, so it cannot disable user "fred".'),
    ("user-read-other-not-superuser", juju_user, dict(name="bob", as_user="fred"), False,
     'Cannot read user "bob": permission denied.'),
    ("user-own-password", juju_user, dict(name="fred", password="Fred-new-pw-1", update_password="always",
                                          as_user="fred"), True, None),
    ("user-enable-disabled", juju_user, dict(name="gone", enabled=True), True, None),
    ("user-remove-missing", juju_user, dict(name="nobody", state="absent"), False, None),
    ("user-external", juju_user, dict(name="ext1@external", state="absent"), False,
     'User "ext1@external" is an external user (@external); only local users can be managed here.'),
    ("user-empty-name", juju_user, dict(name=""), False, EMPTY % "name"),
    ("user-blank-password", juju_user, dict(name="dee", password="  "), False, EMPTY % "password"),
    ("user-empty-display-name-is-unset", juju_user, dict(name="Zed", display_name=""), False, None),
    ("user-always-without-password", juju_user, dict(name="bob", update_password="always"), False,
     "update_password is always but all of the following are missing: password"),
    # juju_user reset_password: an action (always a change), refused as Juju refuses it
    ("reset", juju_user, dict(name="BOB", reset_password=True), True, None),
    ("reset-new-user", juju_user, dict(name="newbie", reset_password=True), True, None),
    ("reset-self", juju_user, dict(name="ops", reset_password=True, as_user="ops"), False,
     'Cannot reset the password of user "ops": permission denied (Juju never resets the login user\'s own '
     'password; set it with password and update_password=always).'),
    ("reset-disabled", juju_user, dict(name="gone", reset_password=True), False,
     'Cannot reset the password of user "gone": user deactivated (enable it first, for example with enabled=true '
     'in the same task).'),
    ("reset-disabled-enabled", juju_user, dict(name="gone", reset_password=True, enabled=True), True, None),
    ("reset-external", juju_user, dict(name="ext1@external", reset_password=True), False,
     'User "ext1@external" is an external user (@external); only local users can be managed here.'),
    ("reset-not-superuser", juju_user, dict(name="fred", reset_password=True, as_user="fred"), False,
     'The login user "fred" is not a controller superuser, so it cannot reset the password of user "fred".'),
    ("reset-with-password", juju_user, dict(name="bob", reset_password=True, password="Bob-pw-123"), False,
     'Options reset_password and password are mutually exclusive: a reset leaves user "bob" without a password, '
     'until it chooses one with `juju register`.'),
    ("reset-absent", juju_user, dict(name="bob", reset_password=True, state="absent"), False,
     'Option reset_password needs state=present: user "bob" cannot be reset and removed at once.'),
    # juju_user_access
    ("access-empty-model", juju_user_access, dict(user="bob", model="", state="absent"), False, EMPTY % "model"),
    ("access-blank-offer", juju_user_access, dict(user="bob", offer="  ", state="absent"), False, EMPTY % "offer"),
    ("access-empty-access", juju_user_access, dict(user="bob", access=""), False, EMPTY % "access"),
    ("access-empty-user", juju_user_access, dict(user=" ", access="login"), False, EMPTY % "user"),
    ("access-null-level", juju_user_access, dict(user="bob", model="default", access=None), False,
     'Option "access" is null; give a level, or state=absent to remove the access.'),
    ("access-other-case-raise", juju_user_access, dict(user="zed", model="default", access="admin"), True, None),
    ("access-other-case-same", juju_user_access, dict(user="ZED@local", model="default", access="write"),
     False, None),
    ("access-other-case-controller", juju_user_access, dict(user="ZED", access="superuser"), True, None),
    ("access-self-lower", juju_user_access, dict(user="admin", access="login"), False,
     lockout('Lowering the access to controller "sim" from superuser to login', "admin", MANAGE)),
    ("access-self-remove", juju_user_access, dict(user="ADMIN@local", state="absent"), False,
     lockout('Lowering the access to controller "sim" from superuser to none', "admin", MANAGE)),
    ("access-self-lower-meant", juju_user_access, dict(user="admin", access="login", allow_self_lockout=True),
     True, None),
    ("access-self-model-superuser", juju_user_access, dict(user="admin", model="fred/prod", access="read",
                                                           as_user="ops"), True, None),
    ("access-unknown-model", juju_user_access, dict(user="bob", model="nope", access="read"), False,
     'Model "nope" was not found on the controller (or the login user "admin" cannot see it).'),
    ("access-unknown-offer", juju_user_access, dict(user="bob", offer="fred/prod.nope", state="absent"), False,
     'Offer "fred/prod.nope" was not found on the controller (or the login user "admin" cannot see it).'),
    ("access-unknown-user", juju_user_access, dict(user="nobody", model="default", access="read"), False,
     'User "nobody" does not exist on the controller.'),
    ("access-unknown-user-absent", juju_user_access, dict(user="nobody", model="default", state="absent"),
     False, None),
    ("access-disabled-controller", juju_user_access, dict(user="gone", access="superuser"), False,
     'User "gone" is disabled: Juju can neither read nor change the controller access of a disabled user, so '
     'enable it first.'),
    # a disabled user (juju-api.md §19.3): Juju refuses every model change but a removal (a first grant is written,
    # then refused), and every offer change but a first grant
    ("access-disabled-model", juju_user_access, dict(user="gone", model="default", access="read"), False,
     DISABLED % ("model", "remove it", "model", "admin/default", "none", "read")),
    ("access-disabled-model-absent", juju_user_access, dict(user="gone", model="default", state="absent"), False,
     None),
    ("access-disabled-offer", juju_user_access, dict(user="gone", offer="fred/prod.db", access="consume"), True,
     None),
    # a superuser login user is admin on every offer, sees no grant of its own there, and no revoke lowers it (§19.2)
    ("access-superuser-own-offer", juju_user_access, dict(user="admin", offer="fred/prod.db", access="read"), False,
     None),
    ("access-superuser-own-offer-absent", juju_user_access, dict(user="Admin", offer="fred/prod.db", state="absent"),
     False, None),
    ("access-superuser-other-offer", juju_user_access, dict(user="ops", offer="fred/prod.db", access="read"), True,
     None),
    ("access-model-admin", juju_user_access, dict(user="bob", model="prod", access="write", as_user="fred"),
     True, None),
    ("access-model-admin-controller", juju_user_access, dict(user="fred", access="superuser", as_user="fred"),
     False, NOT_SUPERUSER),
    ("access-model-admin-other-controller", juju_user_access, dict(user="bob", access="superuser", as_user="fred"),
     False, 'Cannot read the controller access of user "bob": permission denied.'),
    ("access-model-reader", juju_user_access, dict(user="fred", model="admin/default", access="write",
                                                   as_user="bob"), False,
     'The login user "bob" has read access to model "admin/default", and changing access to it needs admin (or '
     'controller superuser).'),
    ("access-model-admin-self", juju_user_access, dict(user="fred", model="prod", access="read", as_user="fred"),
     False, lockout('Lowering the access to model "fred/prod" from admin to read', "fred", MANAGE)),
    ("access-own-login-unchanged", juju_user_access, dict(user="bob", access="login", as_user="bob"), False, None),
    ("access-everyone-offer", juju_user_access, dict(user="everyone@external", offer="fred/prod.db",
                                                     state="absent"), True, None),
    ("access-everyone-offer-other-case", juju_user_access, dict(user="Everyone@External", offer="fred/prod.db",
                                                                access="read"), False, None),
    ("access-external-model", juju_user_access, dict(user="ext1@external", model="default", access="read"),
     True, None),
    ("access-external-controller", juju_user_access, dict(user="ext1@external", access="login"), True, None),
    ("access-external-controller-none", juju_user_access, dict(user="ext1@external", state="absent"), False, None),
    # juju_user_access on a cloud (fixture: Zed holds add-model on microk8s, fred admin; admin holds admin on
    # localhost): exact levels under Juju's revoke table, and what Juju refuses, said before any write
    ("cloud-grant", juju_user_access, dict(user="bob", cloud="microk8s", access="add-model"), True, None),
    ("cloud-raise", juju_user_access, dict(user="zed", cloud="microk8s", access="admin"), True, None),
    ("cloud-other-case-same", juju_user_access, dict(user="ZED@local", cloud="microk8s", access="add-model"),
     False, None),
    ("cloud-lower", juju_user_access, dict(user="admin", cloud="localhost", access="add-model", as_user="ops"),
     True, None),
    ("cloud-revoke", juju_user_access, dict(user="Zed", cloud="microk8s", state="absent"), True, None),
    ("cloud-revoke-none", juju_user_access, dict(user="bob", cloud="microk8s", state="absent"), False, None),
    ("cloud-unknown", juju_user_access, dict(user="bob", cloud="nope", access="add-model"), False,
     'Cloud "nope" was not found on the controller (or the login user "admin" cannot see it).'),
    ("cloud-self", juju_user_access, dict(user="Admin", cloud="microk8s", access="add-model"), False,
     'Cannot change your own cloud access: user "admin" is the login user.'),
    ("cloud-self-even-if-meant", juju_user_access, dict(user="admin", cloud="localhost", state="absent",
                                                        allow_self_lockout=True), False,
     'Cannot change your own cloud access: user "admin" is the login user.'),
    ("cloud-admin-not-superuser", juju_user_access, dict(user="bob", cloud="microk8s", access="add-model",
                                                         as_user="fred"), False,
     'The login user "fred" is not a controller superuser, so it cannot change cloud access.'),
    ("cloud-admin-own-level-unchanged", juju_user_access, dict(user="fred", cloud="microk8s", access="admin",
                                                               as_user="fred"), False, None),
    ("cloud-no-grant-not-superuser", juju_user_access, dict(user="Zed", cloud="microk8s", state="absent",
                                                            as_user="bob"), False,
     'Cannot read the users of cloud "microk8s": permission denied.'),
    ("cloud-unknown-user", juju_user_access, dict(user="nobody", cloud="microk8s", access="add-model"), False,
     'User "nobody" does not exist on the controller.'),
    ("cloud-external", juju_user_access, dict(user="ext1@external", cloud="microk8s", access="admin"), True, None),
    ("cloud-everyone", juju_user_access, dict(user="everyone@external", cloud="microk8s", access="add-model"),
     True, None),
    ("cloud-empty", juju_user_access, dict(user="bob", cloud="", access="add-model"), False, EMPTY % "cloud"),
    ("cloud-and-model", juju_user_access, dict(user="bob", cloud="microk8s", model="default", access="read"),
     False, "parameters are mutually exclusive: model|offer|cloud"),
    ("cloud-model-level", juju_user_access, dict(user="bob", cloud="microk8s", access="read"), False,
     '"read" is not a valid cloud access level; valid levels are add-model, admin.'),
    # juju_users: the same rules on the batch path
    ("users-superuser-own-offer", juju_users, dict(users=[dict(name="admin", offers={"fred/prod.db": "read"})]),
     False, None),
    ("users-disabled-model", juju_users, dict(users=[dict(name="gone", models={"default": "write"})]), False,
     DISABLED % ("model", "remove it", "model", "admin/default", "none", "write")),
    ("users-disabled-offer", juju_users, dict(users=[dict(name="gone", offers={"fred/prod.db": "read"})]), True,
     None),
    # juju_users as a login user that is no controller superuser (juju-api.md §19.5): it sees no other user, so
    # what needs a superuser is refused up front, and model and offer grants are planned from what it can read
    ("users-model-admin-grants", juju_users,
     dict(users=[dict(name="bob", models={"prod": "write"}, offers={"prod.db": "read"})], as_user="fred"), True, None),
    ("users-model-admin-same", juju_users, dict(users=[dict(name="BOB", offers={"fred/prod.db": "consume"})],
                                                as_user="fred"), False, None),
    ("users-model-admin-settings", juju_users, dict(users=[dict(name="bob", password="Bob-pw-123", enabled=True)],
                                                    as_user="fred"), False,
     'The login user "fred" is not a controller superuser, so it can neither see user "bob" nor set its password, '
     'enabled; its entry may set only models and offers (as a model or offer admin).'),
    ("users-model-admin-create", juju_users, dict(users=[dict(name="carol", display_name="Carol")], as_user="fred"),
     False, 'The login user "fred" is not a controller superuser, so it can neither see user "carol" nor set its '
     'display_name; its entry may set only models and offers (as a model or offer admin).'),
    ("users-model-admin-remove", juju_users, dict(users=[dict(name="bob", state="absent")], as_user="fred"), False,
     'The login user "fred" is not a controller superuser, so it cannot remove user "bob".'),
    ("users-model-admin-purge", juju_users, dict(users=[], purge=True, as_user="fred"), False,
     'The login user "fred" is not a controller superuser, so it cannot purge users: Juju shows it no other user, and '
     'lets only a superuser remove one.'),
    ("users-model-admin-controller", juju_users, dict(users=[dict(name="fred", controller_access="superuser")],
                                                      as_user="fred"), False, NOT_SUPERUSER),
    ("users-plain-login-model", juju_users, dict(users=[dict(name="zed", models={"admin/default": "admin"})],
                                                 as_user="bob"), False,
     'The login user "bob" has read access to model "admin/default", and changing access to it needs admin (or '
     'controller superuser).'),
    ("users-plain-login-offer", juju_users, dict(users=[dict(name="zed", offers={"fred/prod.db": "read"})],
                                                 as_user="bob"), False,
     'The login user "bob" has consume access to offer "fred/prod.db", and changing access to it needs admin (or '
     'controller superuser).'),
    ("users-plain-login-self", juju_users, dict(users=[dict(name="bob", password="Bob-new-pw-1",
                                                            update_password="always")], as_user="bob"), True, None),
    # juju_user_info
    ("info-empty-name", juju_user_info, dict(name=""), False, EMPTY % "name"),
    ("info-other-case", juju_user_info, dict(name="zed"), False, None),
]


OWN_PASSWORD = ('the password of the login user "%s" is changed, but this task logged in with the old one, which the '
                'Juju client store (accounts.yaml), JUJU_PASSWORD or wherever else it came from still holds: update '
                'it there, or later logins with it fail.')
OWN_PASSWORD_CASES = ("user-own-password", "users-plain-login-self")


@pytest.mark.parametrize("case_id, module, options, changed, msg", CASES, ids=[case[0] for case in CASES])
def test_check_mode_predicts_the_real_run(run, simulator, case_id, module, options, changed, msg):
    simulator.reset_counters()
    predicted = run(module, check_mode=True, **options)
    assert simulator.counters["writes"] == 0
    real = run(module, **options)
    secrets = [options.get("password")] + list(simulator.passwords.values())
    assert predicted["warnings"] == real["warnings"]
    for result in (predicted, real):
        assert (result["changed"], result["failed"], result.get("msg")) == (changed, msg is not None, msg)
        assert (OWN_PASSWORD % options.get("as_user") in result["warnings"]) == (case_id in OWN_PASSWORD_CASES)
        assert not [secret for secret in secrets if secret and secret.strip() and secret in repr(result)]


# A jar login (what `juju login -u fred` leaves: a user and a macaroon cookie, no password), spelt as the task
# pleases: the same promises as for a password login.
JAR_CASES = [
    ("jar-model-admin-grant", juju_user_access, dict(user="bob", model="prod", access="write"), True, None),
    ("jar-model-admin-controller", juju_user_access, dict(user="bob", access="superuser"), False,
     'Cannot read the controller access of user "bob": permission denied.'),
    ("jar-users-grant", juju_users, dict(users=[dict(name="bob", offers={"prod.db": "read"})]), True, None),
    ("jar-users-create", juju_users, dict(users=[dict(name="carol", password="Carol-pw-1")]), False,
     'The login user "fred" is not a controller superuser, so it can neither see user "carol" nor set its '
     'password; its entry may set only models and offers (as a model or offer admin).'),
    ("jar-info", juju_user_info, dict(name="bob"), False, 'Cannot read user "bob": permission denied.'),
]


@pytest.mark.parametrize("login_user", ["fred", "FRED"])
@pytest.mark.parametrize("module, options, changed, msg", [case[1:] for case in JAR_CASES],
                         ids=[case[0] for case in JAR_CASES])
def test_check_mode_predicts_the_real_run_for_a_jar_login(simulator, monkeypatch, login_user, module, options,
                                                          changed, msg):
    juju_login(simulator.juju_data, "fred", simulator.passwords["fred"])
    for name in ("JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD", "JUJU_CA_CERT"):
        monkeypatch.delenv(name, raising=False)
    args = dict(options, juju_data=str(simulator.juju_data), login_user=login_user, timeout=10.0)
    simulator.reset_counters()
    predicted = run_main(module, args, check_mode=True)
    assert simulator.counters["writes"] == 0
    real = run_main(module, args)
    assert predicted["warnings"] == real["warnings"]
    for result in (predicted, real):
        assert (result["changed"], result["failed"], result.get("msg")) == (changed, msg is not None, msg)
