#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: juju_user_access
short_description: Set a user's access level to a Juju controller, model, offer or cloud
version_added: 0.1.0
description:
  - Makes a user's access to the controller, to one model, to one application offer or to one cloud exactly the
    level given, or removes it.
  - Does what C(juju grant) and C(juju revoke) (and C(juju grant-cloud), C(juju revoke-cloud)) do, but
    declaratively and idempotently. The module reads
    the current level and sends the fewest grant and revoke calls that reach the wanted one, taking
    care of Juju's revoke rules (revoking a level sets the level below it, whatever the user had).
  - The login user needs C(superuser) access to the controller, or C(admin) access to the model (or offer)
    concerned. Cloud access can only be changed by a C(superuser) (Juju 3.6 refuses even the cloud's admins),
    and never the login user's own.
author:
  - juju.controller contributors (@juju)
options:
  user:
    description:
      - The user whose access is set, a local user (V(alice)) or an external one (V(alice@external)).
        V(everyone@external) stands for every user of the identity provider.
      - A local user must exist (see M(juju.controller.juju_user)); external users need not (they have no user
        record in Juju).
      - Juju compares user names without regard to case (V(Zed), V(zed) and V(zed@local) are one user); RV(user)
        is the name as Juju has it.
    type: str
    required: true
    aliases: [name]
  access:
    description:
      - The level the user must have with O(state=present). Required then.
      - On the controller (none of O(model), O(offer) and O(cloud)) V(login) (may log in, see the models and offers shared
        with it) or V(superuser) (may do anything on the controller, including on every model and offer).
      - On a model V(read), V(write) or V(admin).
      - On an offer V(read), V(consume) or V(admin).
      - On a cloud V(add-model) (may add models to it) or V(admin) (may also manage its access and credentials).
      - It is checked against the target before anything is sent to the controller. Levels are exact, not
        minimums; a user that has more access is lowered to this level.
      - Refused with O(state=absent), which removes every access, as the two contradict each other.
    type: str
  model:
    description:
      - The model, as V(owner/name), as V(name) for a model owned by the login user, or by its UUID (as
        C(juju show-model) prints it). A UUID is taken as a UUID, even though a model could be named like one; give
        such a model as V(owner/name). RV(target) names the model in both forms.
      - Mutually exclusive with O(offer) and O(cloud). If none of them is given, the target is the controller
        itself.
      - An empty value is refused rather than taken as "no model", which would target the controller; in a
        template use C(default(omit)).
    type: str
  offer:
    description:
      - The application offer, by URL V([owner/]model.offer), as C(juju offers) shows it (the owner defaults to
        the login user). A controller prefix (C(ctrl:)) and an endpoint (C(:db)) are not accepted.
      - Mutually exclusive with O(model) and O(cloud). An empty value is refused, as for O(model).
    type: str
  cloud:
    description:
      - The cloud, by name as C(juju clouds --controller) shows it, for example V(microk8s).
      - Mutually exclusive with O(model) and O(offer). An empty value is refused, as for O(model).
      - A cloud that does not exist, a login user that is not a controller C(superuser), and the login user's own
        access (Juju's C(cannot change your own cloud access)) are refused before anything is sent, in check mode
        too.
    type: str
  state:
    description:
      - V(present) makes the user's level on the target exactly O(access).
      - V(absent) removes every access of the user to the target. On the controller this means the user can no
        longer log in at all (the user still exists; see M(juju.controller.juju_user) to remove it).
      - Removing a user with M(juju.controller.juju_user) also removes all of its access.
    type: str
    choices: [present, absent]
    default: present
notes:
  - A controller C(superuser) has C(admin) access to every model and offer without a grant; this module manages
    the grants themselves.
  - Access of a disabled user to the controller cannot be read or changed by Juju; enable the user first.
    Of its access to models Juju only removes a grant, and of its access to offers Juju only makes a first grant;
    any other change is refused before anything is sent, in check mode too. Cloud access is managed as usual.
  - A controller C(superuser) login user has C(admin) on every offer; Juju shows it that level instead of its own
    grant there, and no revoke lowers it. Its own offer access is therefore left as it is, with a warning.
  - Lowering or removing the login user's own controller access is refused unless O(allow_self_lockout=true).
  - What the controller would refuse and the module can tell from its reads (an unknown user, model or offer, a
    disabled user, an unknown cloud, a login user without the rights to make the change) fails before anything is
    sent, in check mode too, with the same message.
  - If another run makes the same change at the same time, the task converges and reports only what it did
    itself. If Juju accepts a change but then reports another level, the task fails rather than report success.
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
  - module: juju.controller.juju_user
  - module: juju.controller.juju_user_info
  - name: Juju user access levels
    description: What each controller, model and offer level allows.
    link: https://documentation.ubuntu.com/juju/3.6/reference/user/#user-access-levels
'''

EXAMPLES = r'''
- name: Make Alice a controller superuser
  juju.controller.juju_user_access:
    user: alice
    access: superuser

- name: Let Bob see the model test-model of the login user
  juju.controller.juju_user_access:
    user: bob
    model: test-model
    access: read

- name: Make Bob an administrator of fred's model prod (raises or lowers his level)
  juju.controller.juju_user_access:
    user: bob
    model: fred/prod
    access: admin

- name: Let Bob write to a model given by its UUID, as `juju show-model` prints it (fred's model prod)
  juju.controller.juju_user_access:
    user: bob
    model: 7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69
    access: write

- name: Let Bob consume fred's offer
  juju.controller.juju_user_access:
    user: bob
    offer: fred/prod.hosted-mysql
    access: consume

- name: Stop everyone from the identity provider from reading the offer
  juju.controller.juju_user_access:
    user: everyone@external
    offer: fred/prod.hosted-mysql
    state: absent

- name: Take Alice's superuser access away again (she keeps login)
  juju.controller.juju_user_access:
    user: alice
    access: login

- name: Give a team the same access to several models
  juju.controller.juju_user_access:
    user: "{{ item.0 }}"
    model: "{{ item.1 }}"
    access: write
  loop: "{{ ['alice', 'bob'] | product(['admin/staging', 'admin/test-model']) | list }}"

- name: Let Bob add models to the cloud microk8s
  juju.controller.juju_user_access:
    user: bob
    cloud: microk8s
    access: add-model

- name: Let every user of the identity provider add models to it too
  juju.controller.juju_user_access:
    user: everyone@external
    cloud: microk8s
    access: add-model

- name: Bob may no longer add models to the cloud
  juju.controller.juju_user_access:
    user: bob
    cloud: microk8s
    state: absent

- name: Set the connection once for all juju.controller modules
  module_defaults:
    group/juju.controller.juju:
      controller: prod
      login_user: admin
      login_password: "{{ vault_juju_admin_password }}"
  block:
    - name: Let Fred read the model default on the prod controller
      juju.controller.juju_user_access:
        user: fred
        model: admin/default
        access: read
'''

RETURN = r'''
user:
  description: The user as Juju has it, with the spelling it was created with (V(zed@local) becomes V(Zed) for a user
    created as V(Zed)).
  returned: always
  type: str
  sample: bob
access:
  description: The user's level on the target after the task (in check mode, as it would be); V(null) for none.
  returned: always
  type: str
  sample: read
previous_access:
  description:
    - The user's level on the target before the task; V(null) for none.
    - For an external user on the controller, its own grant, as the C(access) of M(juju.controller.juju_user_info)
      reports it; the level it logs in with may be higher through V(everyone@external).
  returned: always
  type: str
  sample: admin
target:
  description: What the access is to.
  returned: always
  type: dict
  contains:
    kind:
      description: V(controller), V(model), V(offer) or V(cloud).
      type: str
      sample: model
    name:
      description: The controller name, the model as V(owner/name), the offer URL V(owner/model.offer), or the
        cloud name.
      type: str
      sample: admin/test-model
    uuid:
      description: The model's UUID.
      type: str
      returned: when the target is a model
      sample: 7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69
changes:
  description: The grant and revoke calls this task made (in check mode, that it would make), in order. A change that
    another run made first is not listed.
  returned: always
  type: list
  elements: dict
  sample: [{"action": "revoke", "level": "write"}]
'''

from ansible_collections.juju.controller.plugins.module_utils import access as levels
from ansible_collections.juju.controller.plugins.module_utils.converge import converge
from ansible_collections.juju.controller.plugins.module_utils.errors import (
    InvalidInput, NotFound, Unauthorized, UserDisabled)
from ansible_collections.juju.controller.plugins.module_utils.guards import (
    LOCKOUT_OPTION, check_access_change, check_disabled_user_change, implicit_offer_admin, unseen_user, warns_unseen)
from ansible_collections.juju.controller.plugins.module_utils.juju_module import (
    JujuModule, lockout_argument_spec, sentence)
from ansible_collections.juju.controller.plugins.module_utils.names import (
    cloud_tag, find_user, is_external, parse_model_ref, parse_offer_url, same_user, validate_user_name)

TARGETS = ("model", "offer", "cloud")  # mutually exclusive; none of them means the controller


def desired_access(params):
    """(user, kind, level) from the options, all checked before anything is sent (level None = no access)."""
    kind = next((name for name in TARGETS if params[name] is not None), "controller")
    if params["access"] is None and params["state"] == "present":
        # Left out, Ansible's required_if refuses it; given as null (a template that yields none), it would read
        # as "no access" and revoke everything.
        raise InvalidInput('option "access" is null; give a level, or state=absent to remove the access.')
    if params["access"] is not None:
        levels.validate_level(kind, params["access"])
    # Syntax only: an omitted owner means the login user, known once logged in.
    if kind == "model":
        parse_model_ref(params["model"])
    elif kind == "offer":
        parse_offer_url(params["offer"], "owner")
    elif kind == "cloud":
        cloud_tag(params["cloud"])
    user = validate_user_name(params["user"])
    if params["state"] == "absent" and params["access"] is not None:
        raise InvalidInput('options state=absent and access=%s contradict each other: state=absent removes every '
                           'access of user "%s" to the %s; leave access out.' % (params["access"], user, kind))
    return user, kind, params["access"] if params["state"] == "present" else None


def read_user(client, user):
    """(the user's record or None, True when a superuser's view shows that this local user does not exist)."""
    if is_external(user):
        return None, False  # no record to find: Juju grants to external users without one (§15.5)
    try:
        info = client.get_user(user)
    except Unauthorized:
        return None, False  # only superusers may read other users: a model or offer admin lets Juju decide
    # A non-superuser is told "permission denied", never "absent".
    return info, info is None and client.is_superuser


def read_target(client, kind, params):
    """{kind, name[, uuid], users}; a model or offer that cannot be found fails with its name."""
    if kind == "controller":
        return {"kind": kind, "name": client.controller_name}
    ref = params[kind]
    try:
        if kind == "model":
            model = client.resolve_model(ref)
            return {"kind": kind, "name": model["ref"], "uuid": model["uuid"],
                    "users": client.model_users(model["uuid"])}
        if kind == "cloud":
            return {"kind": kind, "name": ref, "users": client.cloud_users(ref)}
        url = parse_offer_url(ref, client.current_user)
        return {"kind": kind, "name": url, "users": client.offer_users(url)}
    except NotFound:
        raise NotFound('%s "%s" was not found on the controller (or the login user "%s" cannot see it).'
                       % (kind, ref, client.current_user))


def read_level(client, user, info, target):
    """(Juju's spelling of the user or None, the user's current level on the target or None)."""
    if target["kind"] != "controller":
        return find_user(target["users"], user)
    if info is None:
        # An external user's own grant (UserInfo would show the higher of it and everyone@external's),
        # or a user this login user may not read: Juju says why.
        return None, client.controller_access(user)
    if not info["enabled"]:
        raise InvalidInput('user "%s" is disabled: Juju can neither read nor change the controller access of a '
                           'disabled user, so enable it first.' % info["name"])
    return info["name"], info.get("access")


def read_state(client, user, kind, params, required):
    """(target, the user's record or None, Juju's spelling of the user, current level); an unknown local user
    fails when access is to be given to it."""
    info, missing = read_user(client, user)
    if missing and required:
        raise NotFound('user "%s" does not exist on the controller.' % user)
    target = read_target(client, kind, params)
    if missing:
        return target, None, user, None
    spelling, level = read_level(client, user, info, target)
    return target, info, (info or {}).get("name") or spelling or user, level


def superuser_offer_admin(client, user, target, current, desired):
    """The warning, or None: an offer shows a superuser login user only its effective admin, never its own grant,
    and no revoke lowers that admin (juju-api.md §19.2), so such a level is left as it is."""
    if target["kind"] != "offer" or not client.is_superuser or not same_user(user, client.current_user) \
            or current == desired:
        return None
    return implicit_offer_admin(user, target["name"])


def login_level(client, target):
    """The login user's own level on a model or offer (an offer lists it first, with its effective level);
    None for the controller and clouds, which only a superuser's access may change."""
    if target["kind"] not in ("model", "offer"):
        return None
    return find_user(target["users"], client.current_user)[1]


def plan_change(client, target, info, user, current, desired, allow_self_lockout):
    """(changes, the level the task must leave, the warning when a superuser's implicit offer admin is left
    alone); what Juju would refuse is refused here, from the reads, so in check mode too."""
    implicit = superuser_offer_admin(client, user, target, current, desired)
    if implicit:
        return [], current, implicit
    changes = levels.plan(target["kind"], current, desired)
    if changes:
        check_access_change(target, user, current, desired, client.current_user, client.is_superuser,
                            login_level(client, target), allow_self_lockout)
        check_disabled_user_change(target, info, current, desired)
    return changes, desired, None


def reread_level(client, user, target):
    """The user's level on the target as Juju reports it after the changes (only what they can have changed)."""
    if target["kind"] == "model":
        target["users"] = client.model_users(target["uuid"])
    elif target["kind"] == "offer":
        target["users"] = client.offer_users(target["name"])
    elif target["kind"] == "cloud":
        target["users"] = client.cloud_users(target["name"])
    else:
        return read_level(client, user, read_user(client, user)[0], target)[1]
    return read_level(client, user, None, target)[1]


def apply_change(client, user, target, change):
    try:
        send_change(client, user, target, change)
    except UserDisabled:
        # Juju 3.6 writes a first model or controller grant of a disabled user, then refuses (juju-api.md §19.3);
        # a login user that may not read users could not tell before: the grant is made if Juju now shows it.
        if change.action != "grant" or reread_level(client, user, target) != change.level:
            raise


def send_change(client, user, target, change):
    if target["kind"] == "controller":
        client.modify_controller_access(user, change.action, change.level)
    elif target["kind"] == "model":
        client.modify_model_access(user, change.action, change.level, target["uuid"])
    elif target["kind"] == "offer":
        client.modify_offer_access(user, change.action, change.level, target["name"])
    else:
        client.modify_cloud_access(user, change.action, change.level, target["name"])


def describe(user, target):
    def change_done(change):
        verb = "granted" if change.action == "grant" else "revoked"
        return '%s %s access "%s" %s user "%s"' % (verb, target["kind"], change.level,
                                                   "to" if change.action == "grant" else "from", user)
    return change_done


ARGUMENT_SPEC = dict(
    user=dict(type="str", required=True, aliases=["name"]),
    access=dict(type="str"),
    model=dict(type="str"),
    offer=dict(type="str"),
    cloud=dict(type="str"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    **lockout_argument_spec()
)


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, mutually_exclusive=[TARGETS],
                        required_if=[("state", "present", ["access"])], supports_check_mode=True)
    with module.failures():
        user, kind, desired = desired_access(module.params)
    applied = []
    with module.controller() as client:
        target, info, user, current = read_state(client, user, kind, module.params, required=desired is not None)
        changes, wanted, implicit = plan_change(client, target, info, user, current, desired,
                                                module.params[LOCKOUT_OPTION])
        after = wanted
        if changes and warns_unseen(client.current_user, client.is_superuser, user):
            module.warn(unseen_user(client.current_user, user))
        if changes and not module.check_mode:
            with module.applying(applied, describe(user, target)):
                converge(changes, lambda change: apply_change(client, user, target, change),
                         lambda: levels.plan(kind, reread_level(client, user, target), desired), applied)
                after = reread_level(client, user, target)
    if module.check_mode:
        applied = changes
    elif after != wanted:  # Juju did not do what its documented rules say: never report a false success
        done = ", then ".join(describe(user, target)(change) for change in applied)
        module.fail_json(msg=sentence('after the task %s, Juju reports %s access for user "%s" on %s "%s" instead '
                                      'of %s' % (done or "found the changes made by another writer", after or "no",
                                                 user, kind, target["name"], desired or "none")),
                         changed=after != current, changes=[change._asdict() for change in applied])
    target.pop("users", None)
    if implicit:
        module.warn(implicit)
    module.report(bool(applied), {"user": user, kind: target["name"], "access": current},
                  {"user": user, kind: target["name"], "access": after},
                  user=user, access=after, previous_access=current, target=target,
                  changes=[change._asdict() for change in applied])


if __name__ == "__main__":
    main()
