#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: juju_user_info
short_description: List the users of a Juju controller and, optionally, all their access
version_added: 0.1.0
description:
  - Returns the users of a Juju controller, or one of them, as C(juju users) and C(juju show-user) show them,
    and the user the task logged in as.
  - With O(include_access=true) it also returns, for each user, its level on every model, offer and cloud the
    login user can see, which makes an access audit in one task.
  - A login user that is not a controller C(superuser) sees only itself (Juju's rule); asking about another
    user by O(name) then fails with Juju's C(permission denied).
  - Never changes anything.
author:
  - juju.controller contributors (@juju)
options:
  name:
    description:
      - Return only this user. RV(users) is empty when it does not exist.
      - Juju compares user names without regard to case, so V(zed) finds the user created as V(Zed); the
        result shows the name as the user was created.
      - If not set, all users are returned. An empty value is refused (in a template use C(default(omit))).
    type: str
    aliases: [user]
  include_disabled:
    description:
      - Whether disabled users are returned (also when O(name) names one).
    type: bool
    default: true
  include_access:
    description:
      - Also return each user's access to models (RV(users[].models)), offers (RV(users[].offers)) and clouds
        (RV(users[].clouds)).
      - Reads the users of every model, offer and cloud the login user can see, so it takes one request per model
        and one per cloud. A login user that is not a C(superuser) sees only the clouds it may add models to,
        and on each only its own grant unless it is the cloud's C(admin).
      - Only grants are listed; a controller C(superuser) has C(admin) access to every model and offer
        without one (but no level on a cloud without a grant).
      - For a C(superuser) login user without O(name), RV(users) also lists every external user holding a
        grant (such as V(everyone@external), which new offers grant V(read)), and V(everyone@external) whenever
        it holds controller access. Juju keeps no user record for them, so they appear only here. Their
        RV(users[].created_by) and RV(users[].date_created) are V(null).
      - No Juju API lists the external users whose only grant is on the controller (other than
        V(everyone@external)); give one by O(name) to see it. RV(not_listed) says what the audit cannot show.
    type: bool
    default: false
  declaration:
    description:
      - Also return RV(declaration), the controller's users in exactly the shape that
        M(juju.controller.juju_users) takes as O(juju.controller.juju_users#module:users) (and the
        C(juju.controller.users) role as C(juju_users)), so that a controller run by hand can be brought under
        management; applying it to the same controller changes nothing.
      - Implies O(include_access=true); needs a controller C(superuser) login user (anyone else sees only
        itself) and no O(name).
    type: bool
    default: false
  ssh_keys:
    description:
      - Also return the SSH keys of these models (RV(ssh_keys)), each given as V(owner/name), V(name) (a model of the
        login user) or UUID. The login user needs C(read) access to each model (or C(superuser)).
      - Juju keeps keys per model, not per user; a key's comment (V(alice@laptop)) is what ties it to a person. See
        M(juju.controller.juju_ssh_key).
    type: list
    elements: str
extends_documentation_fragment:
  - juju.controller.connection
  - juju.controller.connection.attributes
attributes:
  check_mode:
    support: full
    details: The module only reads, so it runs normally in check mode.
  diff_mode:
    support: N/A
    details: The module changes nothing.
seealso:
  - module: juju.controller.juju_user
  - module: juju.controller.juju_user_access
  - module: juju.controller.juju_ssh_key
'''

EXAMPLES = r'''
- name: List all users (like `juju users --all`)
  juju.controller.juju_user_info:
  register: juju_users

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ juju_users.users | map(attribute='name') | list }}"

- name: Show one user (like `juju show-user alice`)
  juju.controller.juju_user_info:
    name: alice
  register: alice

- name: Fail when Alice is missing or disabled
  ansible.builtin.assert:
    that:
      - alice.users | length == 1
      - alice.users[0].enabled

- name: Who am I logged in as (like `juju whoami`)?
  ansible.builtin.debug:
    msg: "{{ juju_users.current_user.name }} ({{ juju_users.current_user.access }})"

- name: Audit everyone's access to the controller, models and offers
  juju.controller.juju_user_info:
    include_access: true
    include_disabled: false
  register: audit

- name: Print one line per user
  ansible.builtin.debug:
    msg: "{{ item.name }}: controller {{ item.access }}, models {{ item.models }}, offers {{ item.offers }},
      clouds {{ item.clouds }}"
  loop: "{{ audit.users }}"
  loop_control:
    label: "{{ item.name }}"

- name: Who may ssh into the models default and staging (keys by fingerprint and comment)
  juju.controller.juju_user_info:
    name: admin
    ssh_keys: [admin/default, admin/staging]
  register: access_keys

- name: Print the comments of each model's keys
  ansible.builtin.debug:
    msg: "{{ item.model }}: {{ item['keys'] | map(attribute='comment') | list }}"
  loop: "{{ access_keys.ssh_keys }}"
  loop_control:
    label: "{{ item.model }}"

- name: Set the connection once for all juju.controller modules
  module_defaults:
    group/juju.controller.juju:
      controller: prod
  block:
    - name: Count the users of the prod controller
      juju.controller.juju_user_info:
      register: prod_users

    - name: Show how many there are
      ansible.builtin.debug:
        msg: "{{ prod_users.users | length }} users on prod"
'''

RETURN = r'''
users:
  description: The users, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: User name.
      type: str
      sample: alice
    display_name:
      description: Display name (empty when none).
      type: str
      sample: Alice Liddell
    access:
      description:
        - Access to the controller, V(login) or V(superuser); V(null) for a disabled user or one without access.
        - For an external user, its own grant (as M(juju.controller.juju_user_access) reports it), without the level
          of V(everyone@external).
      type: str
      sample: superuser
    effective_access:
      description: The controller access an external user logs in with, the higher of its own grant and that of
        V(everyone@external); V(null) for none.
      returned: for external users
      type: str
      sample: login
    created_by:
      description: The user who created this user.
      type: str
      sample: admin
    date_created:
      description: When the user was created (RFC 3339, UTC).
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
    models:
      description: Level on each model, by V(owner/name) (RV(models) gives their UUIDs).
      returned: when O(include_access=true)
      type: dict
      sample: {"admin/default": "admin", "fred/prod": "read"}
    offers:
      description: Level on each offer, by URL V(owner/model.offer).
      returned: when O(include_access=true)
      type: dict
      sample: {"fred/prod.hosted-mysql": "consume"}
    clouds:
      description: Level on each cloud (V(add-model) or V(admin)), by cloud name.
      returned: when O(include_access=true)
      type: dict
      sample: {"localhost": "admin", "microk8s": "add-model"}
declaration:
  description:
    - The local users as M(juju.controller.juju_users) entries, sorted by name, with their display name, enabled
      state, controller access (not for a disabled user, whose controller access Juju does not show) and their
      model, offer and cloud grants.
    - Passwords are never in it (Juju does not show them); an existing user without one keeps its password.
  returned: when O(declaration=true)
  type: list
  elements: dict
  sample: [{"name": "alice", "display_name": "Alice", "enabled": true, "controller_access": "login",
            "models": {"admin/default": "write"}, "offers": {"admin/default.mysql": "consume"}}]
external_grants:
  description:
    - The controller, model, offer and cloud grants of external users (V(everyone@external) included), which
      M(juju.controller.juju_users) does not manage (it manages local users); set them with
      M(juju.controller.juju_access).
  returned: when O(declaration=true)
  type: list
  elements: dict
  sample: [{"name": "everyone@external", "offers": {"admin/default.mysql": "read"}}]
models:
  description: The UUID of each model that RV(users[].models) and RV(declaration) name (as V(owner/name)), that is, of
    every model the login user can see.
  returned: when O(include_access=true) or O(declaration=true)
  type: dict
  sample: {"admin/default": "7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69"}
ssh_keys:
  description: The SSH keys of each model of O(ssh_keys), in the order given, by fingerprint and comment as Juju shows
    them (Juju's own keys are hidden by Juju).
  returned: when O(ssh_keys) is given
  type: list
  elements: dict
  sample: [{"model": "admin/default", "uuid": "7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69",
            "keys": [{"fingerprint": "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d", "comment": "alice@laptop"}]}]
not_listed:
  description: What the audit cannot show because no Juju API lists it to the login user, one sentence each.
  returned: when O(include_access=true)
  type: list
  elements: str
  sample: ["external users whose only grant is on the controller, apart from everyone@external and a user given by
           name: no Juju API lists them (look one up with name)."]
current_user:
  description: The user the task logged in as, with the same fields as each of RV(users).
  returned: always
  type: dict
  sample: {"name": "admin", "display_name": "admin", "access": "superuser", "created_by": "admin",
           "date_created": "2026-01-31T10:00:00Z", "last_connection": "2026-02-01T08:00:00Z", "enabled": true}
'''

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput, Refused
from ansible_collections.juju.controller.plugins.module_utils.juju_module import JujuModule, user_result
from ansible_collections.juju.controller.plugins.module_utils.names import (
    find_user, is_external, same_user, user_key, validate_user_name)

EVERYONE = "everyone@external"  # every external user: its controller grant raises theirs, so the audit reads it


# The targets of the audit, in the order of the grants read_grants returns: each user gets a dict per kind.
KINDS = ("models", "offers", "clouds")


def read_grants(client):
    """({model ref: {user: level}}, {offer url: {user: level}}, {cloud: {user: level}}) for everything the login
    user can see."""
    models = dict((model["ref"], client.model_users(model["uuid"])) for model in client.list_models())
    offers = dict((offer["url"], offer["users"]) for offer in client.list_offers())
    clouds = dict((cloud["name"], client.cloud_users(cloud["name"])) for cloud in client.list_clouds())
    return models, offers, clouds


def external_holders(grants):
    """External users (everyone@external included) holding a grant: they have no user record to list."""
    found = {}
    for targets in grants:
        for holders in targets.values():
            for holder in holders:
                if is_external(holder):
                    found.setdefault(user_key(holder), holder)
    return sorted(found.values())


def external_records(client, grants):
    """The records of the external users the audit can find: every holder of a grant, and everyone@external, whose
    controller grant raises every external user's (kept when it holds one)."""
    holders = external_holders(grants)
    held = set(user_key(holder) for holder in holders)
    wanted = holders if user_key(EVERYONE) in held else holders + [EVERYONE]
    return [info for info in client.user_info(wanted) if user_key(info["name"]) in held or info["access"]]


def with_own_grants(infos, own):
    """The user records, an external user's `access` its own controller grant (`own`: {user: level}) and its
    `effective_access` the level Juju gives it, the higher of that grant and everyone@external's (juju-api.md
    §19.6)."""
    out = []
    for info in infos:
        if is_external(info["name"]):
            info = dict(info, effective_access=info["access"], access=find_user(own, info["name"])[1])
        out.append(info)
    return out


def not_listed(is_superuser):
    """What the audit cannot show, because Juju has no API that lists it to this login user (juju-api.md §19)."""
    if not is_superuser:
        return ["any other user, and so its grants: Juju shows a login user that is not a controller superuser no "
                "user but itself."]
    return ["external users whose only grant is on the controller, apart from everyone@external and a user given "
            "by name: no Juju API lists them (look one up with name).",
            "the login user's own grants on offers: Juju shows it its effective level, admin on every offer, "
            "instead."]


def levels_of(name, grants):
    """{target: level} of the user `name` in {target: {user: level}}, whatever the spelling."""
    found = dict((target, find_user(users, name)[1]) for target, users in grants.items())
    return dict((target, level) for target, level in found.items() if level)


def report_user(info, grants):
    user = user_result(info)
    if "effective_access" in info:
        user["effective_access"] = info["effective_access"]
    if grants is not None:
        user.update((kind, levels_of(user["name"], kind_grants)) for kind, kind_grants in zip(KINDS, grants))
    return user


def report(infos, name, login_user, grants=None):
    """(users sorted by name, current user) from the user records read (the named one and the login user)."""
    by_key = dict((user_key(info["name"]), info) for info in infos)
    if name is None:
        selected = list(by_key.values())
    else:
        selected = [by_key[user_key(name)]] if user_key(name) in by_key else []
    users = [report_user(info, grants) for info in selected]
    login = by_key.get(user_key(login_user))
    current = report_user(login, grants) if login else {}
    return sorted(users, key=lambda user: user["name"]), current


def read_ssh_keys(client, refs):
    """[{model, uuid, keys}] for each model ref (name or UUID), over one model connection each."""
    # Imported here, as is declaration below: a task that reads users only does not load their code.
    from ansible_collections.juju.controller.plugins.module_utils.api_model import find_model
    from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import key_result
    found = []
    for ref in refs:
        model = find_model(client, ref)
        keys = [key_result(k) for k in client.model(model).list_keys()]
        found.append({"model": model["ref"], "uuid": model["uuid"], "keys": keys})
    return found


ARGUMENT_SPEC = dict(
    name=dict(type="str", aliases=["user"]),
    include_disabled=dict(type="bool", default=True),
    include_access=dict(type="bool", default=False),
    declaration=dict(type="bool", default=False),
    ssh_keys=dict(type="list", elements="str", no_log=False),  # model names, not keys
)


def check_declaration(params, client):
    """A declaration is of the whole controller, which only a superuser sees."""
    if params["name"] is not None:
        raise InvalidInput("declaration=true describes every user of the controller, so name cannot be given.")
    if not client.is_superuser:
        raise Refused('declaration=true needs a controller superuser login user, and "%s" is not one: Juju shows '
                      'anyone else only itself.' % client.current_user)


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    with module.failures():
        name = validate_user_name(params["name"]) if params["name"] is not None else None
    with module.controller() as client:
        if params["declaration"]:
            check_declaration(params, client)
        login_user = client.current_user
        wanted = None
        if name is not None:
            wanted = [login_user] if same_user(name, login_user) else [name, login_user]
        # The login user is enabled (it just logged in), so include_disabled never hides it; a declaration
        # keeps the disabled users, which purging would otherwise remove.
        infos = client.user_info(wanted, include_disabled=params["include_disabled"] or params["declaration"])
        grants = read_grants(client) if params["include_access"] or params["declaration"] else None
        if grants is not None and client.is_superuser and name is None:
            # Juju lists local users only; the audit must show every holder of a grant it can find (§15.5, §19.6).
            infos += external_records(client, grants)
        externals = [info["name"] for info in infos if is_external(info["name"])]
        infos = with_own_grants(infos, client.controller_grants(externals))
        extra = {} if params["ssh_keys"] is None else {"ssh_keys": read_ssh_keys(client, params["ssh_keys"])}
        if grants is not None:  # the models are named by owner/name: their UUIDs too
            extra["models"] = dict((model["ref"], model["uuid"]) for model in client.list_models())
    users, current = report(infos, name, login_user, grants)
    if grants is not None:
        extra["not_listed"] = not_listed(client.is_superuser)
    if params["declaration"]:
        from ansible_collections.juju.controller.plugins.module_utils.declaration import declaration
        extra["declaration"], extra["external_grants"] = declaration(users)
        users = [user for user in users if params["include_disabled"] or user["enabled"]]
    module.exit_json(changed=False, users=users, current_user=current, **extra)


if __name__ == "__main__":
    main()
