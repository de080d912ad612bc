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
  - With O(include_access=true) it also returns, for each user, its level on every model and offer the login
    user can see, which makes an access audit in one task.
  - A login user that is not a controller C(superuser) sees only itself (Juju's rule); asking about another
    user by O(name) then fails with Juju's C(permission denied).
  - Never changes anything.
author:
  - juju.controller contributors (@juju)
options:
  name:
    description:
      - Return only this user. RV(users) is empty when it does not exist.
      - If not set, all users are returned.
    type: str
    aliases: [user]
  include_disabled:
    description:
      - Whether disabled users are returned (also when O(name) names one).
    type: bool
    default: true
  include_access:
    description:
      - Also return each user's access to models (RV(users[].models)) and offers (RV(users[].offers)).
      - Reads the users of every model and offer the login user can see, so it takes one request per model.
      - Only grants are listed; a controller C(superuser) has C(admin) access to every model and offer
        without one.
    type: bool
    default: false
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
    msg: "{{ item.name }}: controller {{ item.access }}, models {{ item.models }}, offers {{ item.offers }}"
  loop: "{{ audit.users }}"
  loop_control:
    label: "{{ item.name }}"

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
      description: Access to the controller, V(login) or V(superuser); V(null) for a disabled user or one without access.
      type: str
      sample: superuser
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
      description: Level on each model, by V(owner/name).
      returned: when O(include_access=true)
      type: dict
      sample: {"admin/default": "admin", "fred/prod": "read"}
    offers:
      description: Level on each offer, by URL V(owner/model.offer).
      returned: when O(include_access=true)
      type: dict
      sample: {"fred/prod.hosted-mysql": "consume"}
current_user:
  description: The user the task logged in as, with the same fields as each of RV(users).
  returned: always
  type: dict
  sample: {"name": "admin", "display_name": "admin", "access": "superuser", "created_by": "admin",
           "date_created": "2026-01-31T10:00:00Z", "last_connection": "2026-02-01T08:00:00Z", "enabled": true}
'''

from ansible_collections.juju.controller.plugins.module_utils.juju_module import JujuModule, user_result
from ansible_collections.juju.controller.plugins.module_utils.names import validate_user_name


def read_grants(client):
    """({model ref: {user: level}}, {offer url: {user: level}}) for everything the login user can see."""
    models = dict((model["ref"], client.model_users(model["uuid"])) for model in client.list_models())
    offers = dict((offer["url"], offer["users"]) for offer in client.list_offers())
    return models, offers


def report_user(info, grants):
    user = user_result(info)
    if grants is not None:
        models, offers = grants
        user["models"] = dict((ref, users[user["name"]]) for ref, users in models.items() if user["name"] in users)
        user["offers"] = dict((url, users[user["name"]]) for url, users in offers.items() if user["name"] in users)
    return user


def report(infos, name, login_user, grants=None):
    """(users sorted by name, current user) from the user records read (the named one and the login user)."""
    by_name = dict((info["name"], info) for info in infos)
    selected = [by_name[name]] if name in by_name else [] if name else list(by_name.values())
    users = [report_user(info, grants) for info in selected]
    current = report_user(by_name[login_user], grants) if login_user in by_name else {}
    return sorted(users, key=lambda user: user["name"]), current


ARGUMENT_SPEC = dict(
    name=dict(type="str", aliases=["user"]),
    include_disabled=dict(type="bool", default=True),
    include_access=dict(type="bool", default=False),
)


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    with module.failures():
        name = validate_user_name(params["name"]) if params["name"] else None
    with module.controller() as client:
        login_user = client.current_user
        wanted = sorted({name, login_user}) if name else None
        # The login user is enabled (it just logged in), so include_disabled never hides it.
        infos = client.user_info(wanted, include_disabled=params["include_disabled"])
        grants = read_grants(client) if params["include_access"] else None
    users, current = report(infos, name, login_user, grants)
    module.exit_json(changed=False, users=users, current_user=current)


if __name__ == "__main__":
    main()
