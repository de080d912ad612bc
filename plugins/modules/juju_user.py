#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: juju_user
short_description: Create, update, disable and remove users of a Juju controller
version_added: 0.1.0
description:
  - Makes sure a local user of a Juju controller exists, with the given display name, password and
    enabled state, or does not exist.
  - Does what C(juju add-user), C(juju change-user-password), C(juju disable-user), C(juju enable-user)
    and C(juju remove-user) do, idempotently.
  - With O(reset_password=true) it also does what C(juju change-user-password --reset) does, which is an action,
    not a state, so it changes the user on every run.
  - A new user gets C(login) access to the controller and nothing else, as with C(juju add-user). Use
    M(juju.controller.juju_user_access) to give access to the controller, models and offers.
  - Needs a login user with C(superuser) access to the controller.
author:
  - juju.controller contributors (@juju)
options:
  name:
    description:
      - Name of the local user, for example V(alice). Juju compares user names without regard to case, so
        V(Alice) and V(alice) are the same user; results show the name as the user was created.
      - Letters, digits, V(.), V(+) and V(-), at least two characters, starting and ending with a letter or digit.
        V(alice@local) is the same as V(alice).
      - External users (V(name@domain)) belong to an identity provider and cannot be created here; give them access
        with M(juju.controller.juju_user_access).
    type: str
    required: true
    aliases: [user]
  state:
    description:
      - V(present) creates the user if it does not exist and updates what can be updated.
      - V(absent) removes the user. Juju removes all of the user's access with it (to the controller,
        models and offers). A later O(state=present) with the same name creates a new user that has
        none of the old access, only C(login) to the controller.
      - The controller's owner (normally C(admin)) cannot be removed; the module refuses it, in check mode too.
      - Removing the login user itself is refused unless O(allow_self_lockout=true).
      - If another run creates or removes the same user at the same time, the task converges (it is reported as
        changed only for what it did itself).
    type: str
    choices: [present, absent]
    default: present
  display_name:
    description:
      - The user's full name, for example V(Alice Liddell). Set when the user is created.
      - Juju has no API to change the display name of an existing user. If it differs, the module warns and
        leaves it as it is; the task is not reported as changed. To change it, remove and re-create the user
        (which also removes its access).
      - An empty value (V("") or only blanks) means the same as leaving the option out.
    type: str
  password:
    description:
      - The user's password. It is never shown in the output of a task, nor in its diff.
      - If not set when the user is created, Juju generates a one-time secret instead and the module returns
        RV(registration_string), which the user passes to C(juju register) to choose a password.
      - When it is set, it takes effect as described in O(update_password). It must not be empty or only blanks.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the task creates the user; an existing user keeps its password.
      - V(always) also makes the password of an existing user equal to O(password). Juju never reveals a
        password, so the module first logs in to the controller as the user with O(password) and changes the
        password only when that login fails. That login is recorded by Juju like any other (it updates the
        user's C(last_connection)).
      - A disabled user, or a user without access to the controller, cannot log in, so its password cannot
        be verified. The module then sets the password on every run and reports a change, with a warning
        (unless the same task enables the user, in which case the next run verifies it as usual).
      - Setting a password also cancels a pending registration string.
      - V(always) requires O(password).
    type: str
    choices: [on_create, always]
    default: on_create
  reset_password:
    description:
      - V(true) resets the user's password, as C(juju change-user-password --reset) does. Juju clears the
        password (the old one stops working at once) and the module returns a new RV(registration_string), with
        which the user chooses a new password through C(juju register).
      - This is an action, not a state. Every run with V(true) resets the password again, issues a new
        registration string (the previous one stops working) and reports a change. Run it once, for example
        from a playbook made for the purpose, not from one that converges the controller.
      - A user that does not exist is created without a password, which returns a registration string too.
      - Juju refuses to reset the password of the login user itself (C(permission denied)) and of a disabled user
        (C(user deactivated)) unless the same task enables it with O(enabled=true). The module refuses both
        before anything is sent, in check mode too. External users have no password to reset.
      - Mutually exclusive with O(password) (and so with O(update_password=always)), and not possible with
        O(state=absent).
    type: bool
    default: false
  enabled:
    description:
      - V(false) disables the user, as C(juju disable-user) does; a disabled user cannot log in but keeps
        its access, which comes back when it is enabled again. V(true) enables it.
      - If not set, an existing user is left as it is and a new user is enabled.
      - The controller's owner cannot be disabled; disabling the login user itself is refused unless
        O(allow_self_lockout=true).
    type: bool
  allow_model_owner_removal:
    description:
      - Removing a user who owns models leaves its models and their offers behind, so O(state=absent) for such a
        user is refused, naming the models, unless this is V(true). Remove the models first (C(juju
        destroy-model)) where they are no longer needed.
    type: bool
    default: false
notes:
  - RV(registration_string) is part of the task's result, which Ansible prints at C(-v) and above. Where such
    output is kept, set C(no_log) on the task; C(register) still receives the result.
  - Ansible prints a failed task's result at default verbosity, so a task that fails after creating the user (or
    resetting its password) returns RV(registration_string) only under C(no_log); otherwise the failure says so,
    and a later O(reset_password=true) issues a new one.
  - Ansible echoes the arguments of an ad-hoc command (C(ansible -m ... -a ...)) when it fails; there, give the
    login password by E(JUJU_PASSWORD) (or the client store), not as O(login_password) in C(-a).
extends_documentation_fragment:
  - juju.controller.connection
  - juju.controller.connection.attributes
  - juju.controller.lockout
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - module: juju.controller.juju_user_access
  - module: juju.controller.juju_user_info
  - name: Juju users and access levels
    description: What users are and what each level allows.
    link: https://documentation.ubuntu.com/juju/3.6/reference/user/
'''

EXAMPLES = r'''
- name: Add a user who registers with `juju register` (no password)
  juju.controller.juju_user:
    name: alex
    display_name: Alex Example
  register: alex
  no_log: true  # the result holds the registration string, a secret like a password

- name: Keep the registration command for Alex in a private file (a secret, like a password)
  ansible.builtin.copy:
    content: "juju register {{ alex.registration_string }}\n"
    dest: "{{ lookup('ansible.builtin.env', 'HOME') }}/alex-register.txt"
    mode: "0600"
  no_log: true
  when: alex.registration_string is defined

- name: Add a user with a password kept in Ansible Vault, and keep that password in force
  juju.controller.juju_user:
    name: ci-bot
    password: "{{ vault_ci_bot_password }}"
    update_password: always

- name: Disable a user (keeps its access for later)
  juju.controller.juju_user:
    name: alex
    enabled: false

- name: Enable the user again
  juju.controller.juju_user:
    name: alex
    enabled: true

- name: Connect explicitly instead of through the juju client store
  juju.controller.juju_user:
    name: ci-bot
    password: "{{ vault_ci_bot_password }}"
    api_endpoints: "{{ juju_api_endpoints }}"  # for example ["10.0.0.5:17070"]
    ca_cert: "{{ juju_ca_cert_file }}"  # for example /etc/juju/controller-ca.pem, or the PEM text itself
    login_user: admin
    login_password: "{{ vault_juju_admin_password }}"

- name: Set the connection once for all juju.controller modules
  module_defaults:
    group/juju.controller.juju:
      controller: prod
  block:
    - name: Add Carol to the prod controller
      juju.controller.juju_user:
        name: carol
        password: "{{ vault_carol_password }}"

- name: Reset Alex's password (the old one stops working); Alex chooses a new one with `juju register`
  juju.controller.juju_user:
    name: alex
    reset_password: true
  register: alex_reset
  no_log: true  # the result holds the new registration string

- name: Keep the new registration command for Alex in the private file
  ansible.builtin.copy:
    content: "juju register {{ alex_reset.registration_string }}\n"
    dest: "{{ lookup('ansible.builtin.env', 'HOME') }}/alex-register.txt"
    mode: "0600"
  no_log: true
  when: alex_reset.registration_string is defined

- name: Remove a user and, with it, all its access
  juju.controller.juju_user:
    name: alex
    state: absent
'''

RETURN = r'''
user:
  description:
    - The user after the task (in check mode, as it would be). Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    name:
      description: User name.
      type: str
      sample: alex
    display_name:
      description: Display name (empty when none was given).
      type: str
      sample: Alex Example
    access:
      description:
        - Access to the controller, V(login) or V(superuser).
        - V(null) when the user is disabled (Juju does not report it then) or has no access to the controller.
      type: str
      sample: login
    created_by:
      description: The user who created this user.
      type: str
      sample: admin
    date_created:
      description: When the user was created (RFC 3339, UTC); V(null) for a user not created yet (check mode).
      type: str
      sample: "2026-01-31T10:20:30Z"
    last_connection:
      description: When the user last logged in (RFC 3339, UTC); V(null) if never.
      type: str
      sample: "2026-02-01T08:00:00Z"
    enabled:
      description: Whether the user may log in.
      type: bool
      sample: true
registration_string:
  description:
    - The token for C(juju register), exactly as C(juju add-user) prints it. The user runs
      C(juju register <registration_string>) and chooses a password; the token then stops working.
    - It is a secret, like a password, until it is used. Do not log it; send it to the user privately.
    - It carries the API endpoints and the name of the controller as this task knew them (the name in the
      client store, or V(controller) when the task connected with O(api_endpoints) and no store);
      C(juju register) offers that name as the default for the user's own client.
    - After O(reset_password=true), the new token that replaces the user's password.
  returned: when the task created the user without O(password), or reset its password with O(reset_password=true);
    never in check mode (which predicts C(changed=true) for a reset but makes no token), and by a task that then
    fails only under C(no_log) (Ansible prints a failed task's result)
  type: str
  sample: MFUTBGFsZXgwFRMTMTAuMTM2LjEzNi4xOToxNzA3MAQghBj6RLW5VgmCSWsAesRm5unETluNu1-FczN9oVfNGuYTFGxvY2FsaG9zdC1jb250cm9sbGVy
'''

from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils.converge import converge
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.module_utils.guards import (
    LOCKOUT_OPTION, MODEL_OWNER_OPTION, check_model_owner_removal, check_user_actions, own_password_changed)
from ansible_collections.juju.controller.plugins.module_utils.juju_module import (
    JujuModule, lockout_argument_spec, sentence, user_result)
from ansible_collections.juju.controller.plugins.module_utils.names import same_user, validate_user_name
from ansible_collections.juju.controller.plugins.module_utils.registration import registration_string

DEFAULT_CONTROLLER_NAME = "controller"
# actions: ordered names of client calls ("add", "remove", "enable", "reset_password", "set_password", "disable").
Plan = namedtuple("Plan", ("actions", "warnings", "before", "after"))
DONE = {"add": "created", "remove": "removed", "enable": "enabled", "disable": "disabled",
        "set_password": "set the password of", "reset_password": "reset the password of"}


def desired_state(params):
    """The task's options, validated before anything is sent to the controller."""
    name = validate_user_name(params["name"], local_only=True)
    if params["reset_password"] and params["password"] is not None:
        raise InvalidInput("options reset_password and password are mutually exclusive: a reset leaves user \"%s\" "
                           "without a password, until it chooses one with `juju register`." % name)
    if params["reset_password"] and params["state"] == "absent":
        raise InvalidInput('option reset_password needs state=present: user "%s" cannot be reset and removed at '
                           'once.' % name)
    return dict(params, name=name)


def can_log_in(user):
    return bool(user and user["enabled"] and user.get("access"))


def needs_password_check(current, desired):
    """True when update_password=always can be verified by logging in as the user."""
    return (desired["state"] == "present" and desired["password"] is not None
            and desired["update_password"] == "always" and can_log_in(current))


def view(user, name):
    """What the task manages, for diff mode."""
    if user is None:
        return {"name": name, "state": "absent"}
    return {"name": user["name"], "state": "present", "display_name": user.get("display_name") or "",
            "enabled": bool(user["enabled"])}


def plan_user(current, desired, password_ok=None):
    """Plan from the current user (None = absent); password_ok: result of the login check, None if not made."""
    name, actions, warnings = desired["name"], [], []
    before = view(current, name)
    if desired["state"] == "absent":
        return Plan(["remove"] if current else [], warnings, before, view(None, name))
    if current is None:
        after = {"name": name, "state": "present", "display_name": desired["display_name"] or "",
                 "enabled": desired["enabled"] is not False}
        if desired["password"] is not None:
            after["password"] = "changed"
        return Plan(["add"] + (["disable"] if desired["enabled"] is False else []), warnings, before, after)
    after = dict(before)
    if desired["display_name"] is not None and desired["display_name"] != before["display_name"]:
        kept = '"%s"' % before["display_name"] if before["display_name"] else "no display name"
        warnings.append('Juju cannot change the display name of an existing user, so user "%s" keeps %s '
                        '(only removing and re-creating the user changes it).' % (name, kept))
    enabling = desired["enabled"] is True and not current["enabled"]
    if enabling:
        actions.append("enable")
    if desired["reset_password"]:
        actions.append("reset_password")
        after["password"] = "reset"
    if desired["password"] is not None and desired["update_password"] == "always":
        if password_ok:
            before["password"] = "unchanged"
        else:
            actions.append("set_password")
            if password_ok is None and not enabling:
                warnings.append('user "%s" cannot log in (it is disabled or has no access to the controller), so '
                                'its password cannot be verified and is set on every run.' % name)
        after["password"] = "unchanged" if password_ok else "changed"
    if desired["enabled"] is False and current["enabled"]:
        actions.append("disable")
    if desired["enabled"] is not None:
        after["enabled"] = desired["enabled"]
    return Plan(actions, warnings, before, after)


def read_plan(client, desired):
    """(current user or None, Plan): the user as Juju has it, and what the task must do about it."""
    current = client.get_user(desired["name"])
    password_ok = None
    if needs_password_check(current, desired):
        password_ok = client.verify_password(desired["name"], desired["password"])
    return current, plan_user(current, desired, password_ok)


def register_with(client, name, secret_key):
    """The `juju register` token for a user without a password (new, or reset) and its secret key."""
    # Without a client store there is no local controller name: `juju register` asks for one
    # anyway, suggesting this.
    return registration_string(name, client.registration_endpoints, secret_key,
                               client.controller_name or DEFAULT_CONTROLLER_NAME)


def apply_action(client, desired, action, result):
    """Make one planned call; an added user without password, or a reset, puts its registration string in result."""
    name, password = desired["name"], desired["password"]
    if action == "add":
        added = client.add_user(name, display_name=desired["display_name"], password=password)
        if added.get("secret_key"):
            result["registration_string"] = register_with(client, name, added["secret_key"])
    elif action == "reset_password":
        result["registration_string"] = register_with(client, name, client.reset_password(name))
    elif action == "set_password":
        client.set_password(name, password)
    else:
        getattr(client, action + "_user")(name)  # remove_user, enable_user, disable_user


def describe(name):
    return lambda action: '%s user "%s"' % (DONE[action], name)


def unapplied(user, name, plan, applied):
    """The sentence for Juju reporting the user otherwise than the writes it acknowledged should have left
    it (None when it is as planned): a success must never be reported for a change Juju did not make."""
    if plan.after["state"] == "absent":
        converged = user is None
    else:
        converged = user is not None and user["enabled"] == plan.after["enabled"]
    if converged:
        return None
    state = "absent" if not user else "enabled" if user["enabled"] else "disabled"
    return sentence('after the task %s, Juju reports user "%s" as %s' % (
        ", then ".join(describe(name)(action) for action in applied) or "found the changes made by another writer",
        name, state))


def password_not_taken(client, user, desired, applied):
    """The sentence for a password Juju acknowledged but does not log the user in with (None when it does).
    A login is the only read-back of a password; a disabled user, or one without controller access,
    cannot log in, so its password cannot be checked."""
    if "set_password" not in applied or not user or not user["enabled"] or not user.get("access"):
        return None
    if client.verify_password(user["name"], desired["password"]):
        return None
    return sentence('Juju acknowledged setting the password of user "%s", but the user cannot log in with it '
                    'afterwards' % user["name"])


def predicted_user(current, desired, plan, login_user):
    """The user as check mode predicts it (the controller fills dates and access itself)."""
    if desired["state"] == "absent":
        return {}
    user = dict(current or {"name": desired["name"], "display_name": desired["display_name"] or "",
                            "access": "login", "created_by": login_user, "date_created": None,
                            "last_connection": None})
    user["enabled"] = plan.after["enabled"]
    if not user["enabled"]:
        user["access"] = None  # Juju reports no access for a disabled user
    return user_result(user)


ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True, aliases=["user"]),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    display_name=dict(type="str"),
    password=dict(type="str", no_log=True),
    update_password=dict(type="str", default="on_create", choices=["on_create", "always"], no_log=False),
    enabled=dict(type="bool"),
    reset_password=dict(type="bool", default=False, no_log=False),
    allow_model_owner_removal=dict(type="bool", default=False),
    **lockout_argument_spec()
)


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, blank_means_unset=("display_name",),
                        required_if=[("update_password", "always", ["password"])], supports_check_mode=True)
    with module.failures():
        desired = desired_state(module.params)
    result, applied = {}, []
    with module.controller() as client:
        current, plan = read_plan(client, desired)
        if current:
            desired["name"] = current["name"]  # Juju's spelling, once it has the user (registration strings too)
        name = desired["name"]
        check_user_actions(current, name, plan.actions, client.current_user, client.is_superuser,
                           module.params[LOCKOUT_OPTION], client.controller_owner())
        check_model_owner_removal(name, plan.actions, client.list_models(), module.params[MODEL_OWNER_OPTION])
        if "set_password" in plan.actions and same_user(name, client.current_user):
            plan.warnings.append(own_password_changed(name))
        if module.check_mode or not plan.actions:
            user = predicted_user(current, desired, plan, client.current_user)
            applied = plan.actions
        else:
            with module.applying(applied, describe(name), result):
                converge(plan.actions, lambda action: apply_action(client, desired, action, result),
                         lambda: read_plan(client, desired)[1].actions, applied)
                user = client.get_user(name)
                problem = unapplied(user, name, plan, applied) or password_not_taken(client, user, desired, applied)
            if problem:
                # changed is what this task did: nothing when another writer made every change
                module.fail_issued(problem, bool(applied) and view(user, name) != view(current, name), **result)
            user = user_result(user) if desired["state"] == "present" else {}
    for warning in plan.warnings:
        module.warn(warning)
    module.report(bool(applied), plan.before, plan.after, user=user, **result)


if __name__ == "__main__":
    main()
