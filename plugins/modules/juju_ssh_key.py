#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: juju_ssh_key
short_description: Add or remove an SSH public key on a Juju model
version_added: 0.1.0
description:
  - Makes one SSH public key present on, or absent from, a model's authorized keys, so that C(juju ssh),
    C(juju scp) and C(juju debug-log) work for whoever holds the private key. With O(exclusive=true) the key becomes
    the model's only one.
  - Does what C(juju add-ssh-key), C(juju import-ssh-key) and C(juju remove-ssh-key) do, but declaratively and
    idempotently.
  - Juju keeps keys per model, not per user; a key carries a comment (V(alice@laptop)), never an owner. Keys are known
    by Juju's fingerprint, the MD5 of the key as C(juju ssh-keys) shows it (without the prefix C(ssh-keygen -E md5)
    adds). The same key under another comment is the same key.
  - The login user needs C(admin) access to the model (C(write) is not enough) or C(superuser) access to the
    controller.
author:
  - juju.controller contributors (@juju)
options:
  model:
    description:
      - The model, as V(owner/name), as V(name) for a model owned by the login user, or by its UUID.
      - An empty value is refused.
    type: str
    required: true
  key:
    description:
      - One SSH public key line, as in a C(.pub) file (V(ssh-ed25519 AAAA... alice@laptop)). Options before the key type
        are not accepted.
      - Mutually exclusive with O(import_id); one of them is required.
      - It is checked before anything is sent; a private key is refused.
    type: str
  import_id:
    description:
      - Instead of O(key), the keys of a GitHub (V(gh:alice)) or Launchpad (V(lp:alice)) account. The controller fetches
        them with C(ssh-import-id), so it needs outbound HTTPS; this host does not.
      - C(ssh-import-id) ends the comment of every key it fetches with V(# ssh-import-id gh:alice), and Juju keeps it;
        that is how the task knows which keys came from the account. They are present when at least one of them is on
        the model, so the task imports once; to take in keys the account gained since, remove and import again.
      - In check mode the task cannot know which keys the account holds (nor whether the controller can fetch them);
        RV(changes) names the import without its keys, and RV(keys) does not show them.
    type: str
  state:
    description:
      - V(present) adds the key unless a key with the same fingerprint is there.
      - V(absent) removes the key (every stored line with its fingerprint), or every key imported from O(import_id).
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also remove every other key the model shows, including lines Juju cannot parse. With
        O(import_id), the keys imported from it stay.
      - The keys Juju adds itself (comments V(juju-system-key) and V(juju-client-key)) are hidden by Juju and never
        touched.
      - The new key is added before the others are removed, so the model is never left without it.
    type: bool
    default: false
notes:
  - Juju rewrites a model's whole key list on every change, without checking that nobody changed it meanwhile, so two
    writers at once can lose each other's key. The task reads the keys back after writing and writes again if
    another writer undid its change (at most three rounds, with a warning), or fails saying so.
  - What the controller would refuse and the task can tell from its reads (an unknown model, a login user without
    admin access to the model) fails before anything is sent, in check mode too, with the same message.
extends_documentation_fragment:
  - juju.controller.connection
  - juju.controller.connection.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - module: juju.controller.juju_user_access
  - name: Juju SSH keys
    description: How Juju uses the keys of a model.
    link: https://documentation.ubuntu.com/juju/3.6/reference/ssh-key/
'''

EXAMPLES = r'''
- name: Let Alice's laptop key into the model default
  juju.controller.juju_ssh_key:
    model: admin/default
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop

- name: Remove that key again
  juju.controller.juju_ssh_key:
    model: admin/default
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop
    state: absent

- name: Make Bob's key the only one on fred's model prod
  juju.controller.juju_ssh_key:
    model: fred/prod
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work
    exclusive: true

- name: Import Alice's keys from GitHub into the model test-model of the login user
  juju.controller.juju_ssh_key:
    model: test-model
    import_id: gh:alice

- name: Off-board Alice from that model, by the keys her GitHub account brought
  juju.controller.juju_ssh_key:
    model: test-model
    import_id: gh:alice
    state: absent

- name: Give Alice's desktop key to every model of a team, found by UUID or by name
  juju.controller.juju_ssh_key:
    model: "{{ item }}"
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBqUX1ThFHyYZgvFL3f1rbiZ1m1nxnypxwngtgIGsSrX alice@desktop
  loop: [admin/default, admin/staging]

- name: Set the connection once for all juju.controller modules
  module_defaults:
    group/juju.controller.juju:
      controller: prod
      login_user: admin
      login_password: "{{ vault_juju_admin_password }}"
  block:
    - name: Let Bob's key into the model staging on the prod controller
      juju.controller.juju_ssh_key:
        model: admin/staging
        key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work
'''

RETURN = r'''
model:
  description: The model, in both forms.
  returned: always
  type: dict
  contains:
    name:
      description: The model as V(owner/name).
      type: str
      sample: admin/default
    uuid:
      description: The model's UUID.
      type: str
      sample: 7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69
key:
  description: The key of O(key), by Juju's fingerprint and its comment (V("") for none).
  returned: when O(key) is given
  type: dict
  sample: {"fingerprint": "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d", "comment": "alice@laptop"}
changes:
  description:
    - The keys this task added or removed (in check mode, would), in order, each by fingerprint and comment; an
      unparseable stored line removed has fingerprint V(null) and its text as comment.
    - An import is one entry with the O(import_id) and the keys it brought (in check mode, none yet).
  returned: always
  type: list
  elements: dict
  sample: [{"action": "add", "fingerprint": "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d", "comment": "alice@laptop"},
           {"action": "import", "import_id": "gh:alice", "keys": [{"fingerprint": "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf",
                                                                  "comment": "alice@github/7 # ssh-import-id gh:alice"}]}]
keys:
  description: Every key the model shows after the task (in check mode, would show), by fingerprint and comment, in
    Juju's order. Juju's own keys are hidden by Juju and not listed.
  returned: always
  type: list
  elements: dict
  sample: [{"fingerprint": "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d", "comment": "alice@laptop"}]
'''

from ansible_collections.juju.controller.plugins.module_utils.api_model import find_model
from ansible_collections.juju.controller.plugins.module_utils.converge import ROUNDS, converge
from ansible_collections.juju.controller.plugins.module_utils.errors import (
    AlreadyExists, InvalidInput, JujuError, Refused)
from ansible_collections.juju.controller.plugins.module_utils.juju_module import JujuModule
from ansible_collections.juju.controller.plugins.module_utils.names import find_user
from ansible_collections.juju.controller.plugins.module_utils.ssh_key_plan import imported_from, plan, predict
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import (
    key_id, key_result, label, parse_key, validate_import_id)


def desired(params):
    """The Key of O(key), or the import id; every combination checked before anything is sent."""
    if params["exclusive"] and params["state"] == "absent":
        raise InvalidInput("exclusive=true makes the key the model's only one, so it needs state=present.")
    if params["import_id"] is not None:
        return validate_import_id(params["import_id"])
    return parse_key(params["key"])


def check_may_write(client, model):
    """KeyManager writes need model admin or superuser (§18.2): refused before anything is sent."""
    if client.is_superuser or find_user(client.model_users(model["uuid"]), client.current_user)[1] == "admin":
        return
    raise Refused('user "%s" cannot change the SSH keys of model "%s": Juju requires admin access to the model '
                  '(write is not enough) or superuser access to the controller.' % (client.current_user, model["ref"]))


def read(client, params, wanted):
    """(model, its ModelClient, the keys it shows, the steps planned); refusals before anything is sent."""
    model = find_model(client, params["model"])
    keys = client.model(model)
    before = keys.list_keys()
    steps = plan(before, wanted, params["state"], params["exclusive"])
    if steps:
        check_may_write(client, model)
    return model, keys, before, steps


def import_keys(keys, import_id):
    """ImportKeys; Juju answers "duplicate" for keys already stored, and adds the others."""
    try:
        keys.import_keys(import_id)
    except AlreadyExists:
        if not any(imported_from(k, import_id) for k in keys.list_keys()):
            raise JujuError("every key of %s is on %s already, under another comment than ssh-import-id's, so Juju "
                            "imports none; remove those keys first, or manage them with key." % (import_id, keys.label))


def write(keys, step):
    if step.action == "add":
        keys.add_key(step.key.text, label(step.key))
    elif step.action == "import":
        import_keys(keys, step.key)
    else:
        keys.delete_key(key_id(step.key), label(step.key))


def apply_steps(module, keys, wanted, steps, applied):
    """Write, read back, and write again while another writer undoes the change; the keys read last."""
    params = module.params
    for round_ in range(ROUNDS):
        if round_:
            module.warn("another writer changed the SSH keys of %s while this task wrote them (Juju rewrites the "
                        "whole list); the task applied its change again." % keys.label)
        converge(steps, lambda step: write(keys, step),
                 lambda: plan(keys.list_keys(), wanted, params["state"], params["exclusive"]), applied)
        current = keys.list_keys()
        steps = plan(current, wanted, params["state"], params["exclusive"])
        if not steps:
            return current
    raise JujuError("other writers kept changing the SSH keys of %s (%d rounds); run the task again."
                    % (keys.label, ROUNDS))


def change(step, after):
    if step.action != "import":
        return dict(key_result(step.key), action=step.action)
    # Which keys an import brings is known once the controller fetched them (not in check mode).
    return {"action": "import", "import_id": step.key,
            "keys": [key_result(k) for k in after or () if imported_from(k, step.key)]}


def run(module, keys, wanted, before, steps, applied):
    """(the keys after the task, its changes); only the check-mode prediction when checking."""
    if module.check_mode:
        return predict(before, steps), [change(step, None) for step in steps]
    after = apply_steps(module, keys, wanted, steps, applied) if steps else before
    return after, [change(step, after) for step in applied]


def describe(step):
    if step.action == "import":
        return "imported the SSH keys of " + step.key
    return "%s SSH key %s" % ("added" if step.action == "add" else "removed", label(step.key))


ARGUMENT_SPEC = dict(
    model=dict(type="str", required=True),
    key=dict(type="str", no_log=False),
    import_id=dict(type="str"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    exclusive=dict(type="bool", default=False),
)


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, mutually_exclusive=[("key", "import_id")],
                        required_one_of=[("key", "import_id")], supports_check_mode=True)
    with module.failures():
        wanted = desired(module.params)
    applied = []
    with module.controller() as client:
        model, keys, before, steps = read(client, module.params, wanted)
        with module.applying(applied, describe):
            after, changes = run(module, keys, wanted, before, steps, applied)
    result = dict(model={"name": model["ref"], "uuid": model["uuid"]}, changes=changes,
                  keys=[key_result(k) for k in after])
    if module.params["key"] is not None:
        result["key"] = {"fingerprint": wanted.fingerprint, "comment": wanted.comment}
    module.report(bool(changes), {"model": model["ref"], "keys": [label(k) for k in before]},
                  {"model": model["ref"], "keys": [label(k) for k in after]}, **result)


if __name__ == "__main__":
    main()
