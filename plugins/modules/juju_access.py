#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: juju_access
short_description: Set who holds which access to one Juju model, offer, cloud or the controller
version_added: 0.1.0
description:
  - Makes the access of the users given in O(users) to one target (the controller, a model, an application offer or a
    cloud) exactly the levels given. With O(exclusive=true) every other holder of access to that target loses it,
    so that the target's access list is exactly O(users) (see O(exclusive) for the holders it leaves alone).
  - This is the per-target view of M(juju.controller.juju_user_access) ("who can touch prod?"), one task per model or
    offer instead of one per user. It reads the target's holders once, sends every grant and revoke in one call,
    and reads the holders again to verify them.
  - The login user needs C(superuser) access to the controller, or C(admin) access to the model or offer. Controller
    and cloud access can only be changed by a C(superuser).
author:
  - juju.controller contributors (@juju)
options:
  controller_access:
    description:
      - Set to V(true) to make the target the controller itself (levels V(login) and V(superuser)).
      - Exactly one of O(controller_access=true), O(model), O(offer) and O(cloud) must be given. The target is never
        the controller by default, because an exclusive list of controller access that lost its O(model) to a
        templating mistake would remove every other user's login.
      - Not named C(controller), which is the connection option naming the controller in the client store.
    type: bool
    default: false
  model:
    description:
      - The model, as V(owner/name), as V(name) for a model owned by the login user, or by its UUID (as
        C(juju show-model) prints it; a UUID is taken as a UUID, so give a model named like one as V(owner/name)).
        Levels V(read), V(write) and V(admin). RV(target) names the model in both forms.
    type: str
  offer:
    description:
      - The application offer, by URL V([owner/]model.offer). Levels V(read), V(consume) and V(admin).
    type: str
  cloud:
    description:
      - The cloud, by name. Levels V(add-model) and V(admin).
    type: str
  users:
    description:
      - The users and the level each must hold on the target, as a mapping of user name to level. V(null) or V(none)
        as a level means no access.
      - Local users (V(alice)) and external ones (V(alice@external), V(everyone@external)). Juju compares user names
        without regard to case, so V(Zed) and V(zed@local) are one user and may not both be given.
      - Levels are exact, and a user holding more is lowered to the level given.
    type: dict
    required: true
  exclusive:
    description:
      - With V(false), only the users named in O(users) are changed.
      - With V(true), every other holder of access to the target loses it as well, except the holders Juju does
        not let a grant list manage, which are left alone unless named in O(users) and are listed in RV(kept), namely
        the offer's owner (its C(admin) is never revoked), V(everyone@external)'s default V(read) on an offer, and
        on an offer the login user when it is offer admin through its controller C(superuser) or model C(admin)
        access (Juju never shows that user's own grant). On the controller, disabled users (whose access Juju can
        neither read nor change) are kept too.
      - Juju has no call that lists external users whose only access is to the controller. On the controller,
        O(exclusive=true) therefore covers local users, V(everyone@external), and the external users named in
        O(users) (name them with V(none) to take their access away); RV(limits) says so.
      - Needs a login user that sees every holder, a controller C(superuser), or for a model or offer its C(admin).
    type: bool
    default: false
notes:
  - Revoking V(consume) (or all access) to an offer suspends the cross-model relations that user made to the offer,
    and granting it again does not resume them; the task warns when it does that.
  - Changing the access of a disabled local user is refused as Juju would refuse it (Juju changes little of it,
    so enable the user first), in check mode too. A login user that is not a controller C(superuser) cannot see which
    users are disabled, and Juju decides.
  - If another run changes the same target at the same time, a change it made first is not reported as this task's;
    if Juju acknowledges a change but then shows another level, the task fails rather than report success.
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
  - module: juju.controller.juju_users
'''

EXAMPLES = r'''
- name: The model admin/default is administered by alice, read by bob, and nobody else (but its owner)
  juju.controller.juju_access:
    model: admin/default
    users:
      alice: admin
      bob: read
    exclusive: true

- name: Alice may read the model with this UUID (fred's model prod), whoever else may
  juju.controller.juju_access:
    model: 7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69
    users:
      alice: read

- name: Let two users consume fred's offer, whoever else may
  juju.controller.juju_access:
    offer: fred/prod.hosted-mysql
    users:
      alice: consume
      bob: consume

- name: Close the offer to every user of the identity provider
  juju.controller.juju_access:
    offer: fred/prod.hosted-mysql
    users:
      everyone@external: none

- name: Make alice a controller superuser and bob a plain login user (other users are left as they are)
  juju.controller.juju_access:
    controller_access: true
    users:
      alice: superuser
      bob: login

- name: Only bob may add models to the cloud microk8s
  juju.controller.juju_access:
    cloud: microk8s
    users:
      bob: add-model
    exclusive: true

- name: Set the connection once for all juju.controller modules
  module_defaults:
    group/juju.controller.juju:
      controller: prod
      login_user: admin
      login_password: "{{ vault_juju_admin_password }}"
  block:
    - name: Fred may read the model test-model, and nobody else may write to it
      juju.controller.juju_access:
        model: admin/test-model
        users:
          fred: read
        exclusive: true
'''

RETURN = r'''
target:
  description: What the access is to.
  returned: always
  type: dict
  contains:
    kind:
      description: V(controller), V(model), V(offer) or V(cloud).
      type: str
    name:
      description: The controller name, the model as V(owner/name), the offer URL V(owner/model.offer), or the cloud.
      type: str
    uuid:
      description: The model's UUID.
      type: str
      returned: when the target is a model
  sample: {"kind": "model", "name": "admin/default", "uuid": "7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69"}
holders:
  description: Every holder of access to the target after the task (in check mode, as it would be), as Juju spells
    the users, with their level.
  returned: always
  type: dict
  sample: {"admin": "admin", "alice": "admin", "bob": "read"}
previous_holders:
  description: The holders before the task.
  returned: always
  type: dict
  sample: {"admin": "admin", "bob": "write", "carol": "read"}
changes:
  description: The grant and revoke calls this task made (in check mode, would make), one per user.
  returned: always
  type: list
  elements: dict
  sample: [{"user": "bob", "action": "revoke", "level": "admin"}, {"user": "carol", "action": "revoke", "level": "read"}]
kept:
  description: The holders that O(exclusive=true) left alone, and why.
  returned: always
  type: list
  elements: dict
  sample: [{"user": "everyone@external", "access": "read", "why": "holds the default read that Juju gives every new offer"}]
limits:
  description: What Juju cannot show this task about the target's holders, in sentences (empty when nothing).
  returned: always
  type: list
  elements: str
'''

from ansible_collections.juju.controller.plugins.module_utils import holders as plan
from ansible_collections.juju.controller.plugins.module_utils.errors import (
    InvalidInput, JujuError, NotFound, Refused, Unauthorized, UserDisabled, lost_race)
from ansible_collections.juju.controller.plugins.module_utils.guards import (
    LOCKOUT_OPTION, check_access_change, unseen_user, warns_unseen)
from ansible_collections.juju.controller.plugins.module_utils.juju_module import JujuModule, lockout_argument_spec
from ansible_collections.juju.controller.plugins.module_utils.names import (
    find_user, is_external, parse_offer_url, user_key)

TARGETS = ("model", "offer", "cloud")
ARGUMENT_SPEC = dict(
    controller_access=dict(type="bool", default=False),
    model=dict(type="str"),
    offer=dict(type="str"),
    cloud=dict(type="str"),
    users=dict(type="dict", required=True),
    exclusive=dict(type="bool", default=False),
    **lockout_argument_spec()
)
NO_CONTROLLER_LIST = ("Juju has no call that lists external users whose only access is to the controller: only "
                      "everyone@external and the external users named in users were read.")


def target_kind(params):
    """The kind of the one target given; none, or more than one, is refused."""
    given = (["controller"] if params["controller_access"] else []) + [n for n in TARGETS if params[n] is not None]
    if len(given) != 1:
        raise InvalidInput("give exactly one target: controller_access=true, model, offer or cloud (%s)."
                           % ("none was given" if not given else "got " + " and ".join(given)))
    return given[0]


def local_users(client, wanted):
    """The local users' records when the login user may read them (a superuser; else [], and Juju decides);
    a named local user that does not exist is refused, as Juju would refuse a grant to it."""
    if not client.is_superuser:
        return []
    users = client.user_info()
    known = set(user_key(user["name"]) for user in users)
    for key, (name, level) in sorted(wanted.items()):
        if level is not None and key not in known and not is_external(name):
            raise NotFound('user "%s" does not exist on the controller.' % name)
    return users


def read_controller(client, users, wanted, exclusive):
    """The controller's holders: the local users' own records, everyone@external's and each named external
    user's grant (no call lists the others, juju-api.md §19.6); disabled users' access is not shown."""
    if exclusive:
        check_sees_all(client, {"kind": "controller", "name": client.controller_name}, None)
    disabled = dict((user_key(u["name"]), u["name"]) for u in users if not u["enabled"])
    for key, (name, dummy) in sorted(wanted.items()):
        if key in disabled:
            raise Refused('user "%s" is disabled: Juju can neither read nor change the controller access of a '
                          'disabled user, so enable it first.' % disabled[key])
    holders = dict((u["name"], u["access"]) for u in users if u["enabled"] and u["access"])
    for name in [plan.EVERYONE] + sorted(name for name, dummy in wanted.values() if is_external(name)):
        if find_user(holders, name)[0] is None:
            holders[name] = read_or_none(lambda: client.controller_access(name))
    owner = client.controller_owner()
    target = {"kind": "controller", "name": client.controller_name, "disabled": set(disabled),
              "holders": dict((user, level) for user, level in holders.items() if level),
              "kept": {user_key(owner): "is the controller owner"} if owner else {}, "limits": []}
    if exclusive:
        target["limits"].append(NO_CONTROLLER_LIST)
        if disabled:
            target["limits"].append("Juju does not show the controller access of disabled users, so %s kept "
                                    "theirs." % ", ".join('"%s"' % n for n in sorted(disabled.values())))
    return target


def read_or_none(read):
    try:
        return read()
    except NotFound:
        return None  # an external user without a controller grant (juju-api.md §19.6)


def read_model(client, ref):
    model = client.resolve_model(ref)
    return {"kind": "model", "name": model["ref"], "uuid": model["uuid"], "holders": client.model_users(model["uuid"]),
            "kept": {user_key(model["owner"]): "owns the model"}}


def read_offer(client, ref):
    url = parse_offer_url(ref, client.current_user)
    owner, model_ref = url.split("/", 1)[0], url.rsplit(".", 1)[0]
    holders = client.offer_users(url)
    implicit = client.is_superuser or model_level(client, model_ref) == "admin"
    return {"kind": "offer", "name": url, "owner": owner, "implicit": implicit, "holders": holders,
            "kept": plan.offer_kept(owner, client.current_user, implicit)}


def model_level(client, ref):
    """The login user's own grant on the model (None when it may not read the model's users)."""
    try:
        return find_user(client.model_users(client.resolve_model(ref)["uuid"]), client.current_user)[1]
    except (NotFound, Unauthorized):
        return None


def read_target(client, kind, ref, wanted, exclusive):
    """{kind, name[, uuid], holders {user: level}, kept {user key: why}, disabled {user keys}, limits}."""
    users = local_users(client, wanted)
    if kind == "controller":
        return read_controller(client, users, wanted, exclusive)
    try:
        if kind == "model":
            target = read_model(client, ref)
        elif kind == "offer":
            target = read_offer(client, ref)
            plan.check_offer_holders(target["name"], target["owner"], wanted, client.current_user,
                                     target["implicit"])
        else:
            target = {"kind": kind, "name": ref, "holders": client.cloud_users(ref), "kept": {}}
    except NotFound:
        raise NotFound('%s "%s" was not found on the controller (or the login user "%s" cannot see it).'
                       % (kind, ref, client.current_user))
    if exclusive:
        check_sees_all(client, target, find_user(target["holders"], client.current_user)[1])
    # Juju refuses most changes of a disabled user's model and offer access, none of its cloud access (§19.3).
    target.update(disabled=set(user_key(u["name"]) for u in users if not u["enabled"] and kind != "cloud"), limits=[])
    return target


def check_sees_all(client, target, login_level):
    """An exclusive list needs every holder in view: a superuser, or the model's or offer's admin."""
    if client.is_superuser or (target["kind"] in ("model", "offer") and login_level == "admin"):
        return
    raise Refused('exclusive=true needs a login user that sees every holder of %s "%s", a controller superuser%s; '
                  'the login user "%s" is not.' % (target["kind"], target["name"],
                                                   " or its admin" if target["kind"] in ("model", "offer") else "",
                                                   client.current_user))


def reread_holders(client, target, wanted):
    """The target's holders as Juju shows them after the writes (the same reads as before them)."""
    if target["kind"] == "controller":
        return read_controller(client, local_users(client, wanted), wanted, False)["holders"]
    if target["kind"] == "model":
        return client.model_users(target["uuid"])
    if target["kind"] == "offer":
        return client.offer_users(target["name"])
    return client.cloud_users(target["name"])


def check_changes(client, target, changing, allow_self_lockout):
    """Refuse, before anything is sent, what Juju would refuse and what would lock the login user out."""
    login_level = find_user(target["holders"], client.current_user)[1]
    for holding in changing:
        check_access_change(target, holding.user, holding.current, holding.desired, client.current_user,
                            client.is_superuser, login_level if target["kind"] in ("model", "offer") else None,
                            allow_self_lockout)
    plan.check_disabled(target["kind"], target["name"], changing, target["disabled"])


def apply_changes(client, target, changing):
    """Every change in one batch call; one outcome per change (Juju's answer or its JujuError)."""
    ident = () if target["kind"] == "controller" else (target.get("uuid") or target["name"],)
    return client.modify_access(target["kind"], [(h.user, h.change.action, h.change.level) + ident for h in changing])


def describe(target):
    def done(holding):
        return '%s %s access "%s" %s user "%s"' % (
            "granted" if holding.change.action == "grant" else "revoked", target["kind"], holding.change.level,
            "to" if holding.change.action == "grant" else "from", holding.user)
    return done


def verify(target, changing, outcomes, after, applied):
    """Append to `applied` the changes this task made; raise the first one Juju refused (unless another
    writer made it first), or acknowledged without showing it afterwards."""
    wrong = None
    for holding, outcome in zip(changing, outcomes):
        reached = find_user(after, holding.user)[1] == holding.desired
        if isinstance(outcome, UserDisabled) and reached and holding.change.action == "grant":
            applied.append(holding)  # Juju writes a first grant of a disabled user, then refuses (§19.3)
        elif isinstance(outcome, JujuError):
            if not (reached and lost_race(outcome, holding.change.action)):
                wrong = wrong or outcome
        elif reached:
            applied.append(holding)
        else:
            wrong = wrong or JujuError('Juju acknowledged that it %s but then showed %s access for user "%s" on %s '
                                       '"%s"' % (describe(target)(holding),
                                                 find_user(after, holding.user)[1] or "no", holding.user,
                                                 target["kind"], target["name"]))
    if wrong is not None:
        raise wrong


def expected_holders(current, holdings):
    """The holders once every planned change is made (what check mode reports)."""
    holders = dict(current)
    for holding in holdings:
        spelling = find_user(holders, holding.user)[0] or holding.user
        holders.pop(spelling, None)
        if holding.desired:
            holders[spelling] = holding.desired
    return holders


def change_result(holding):
    return {"user": holding.user, "action": holding.change.action, "level": holding.change.level}


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    with module.failures():
        kind = target_kind(params)
        wanted = plan.desired_holders(kind, params["users"])
    applied = []
    with module.controller() as client:
        target = read_target(client, kind, params[kind] if kind != "controller" else None, wanted, params["exclusive"])
        holdings = plan.plan_holders(kind, target["holders"], wanted, params["exclusive"], target["kept"])
        changing = [holding for holding in holdings if holding.change is not None]
        check_changes(client, target, changing, params[LOCKOUT_OPTION])
        for holding in changing:
            if plan.suspends_relations(kind, holding):
                module.warn(plan.suspension_warning(holding, target["name"]))
            if warns_unseen(client.current_user, client.is_superuser, holding.user):
                module.warn(unseen_user(client.current_user, holding.user))
        after = expected_holders(target["holders"], changing)
        if changing and not module.check_mode:
            with module.applying(applied, describe(target)):
                outcomes = apply_changes(client, target, changing)
                after = reread_holders(client, target, wanted)
                verify(target, changing, outcomes, after, applied)
    module.report(bool(applied) or (module.check_mode and bool(changing)),
                  {"holders": target["holders"]}, {"holders": after},
                  target=dict((key, target[key]) for key in ("kind", "name", "uuid") if key in target),
                  holders=after, previous_holders=target["holders"], limits=target["limits"],
                  kept=plan.left_alone(target["holders"], wanted, params["exclusive"], target["kept"]),
                  changes=[change_result(holding) for holding in (changing if module.check_mode else applied)])


if __name__ == "__main__":
    main()
