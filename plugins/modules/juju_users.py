#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: juju_users
short_description: Converge the users of a Juju controller, and their access, to a declared list
version_added: 0.1.0
description:
  - Makes the users of a Juju controller, their passwords, enabled state and their access to the controller,
    to models, to application offers and to clouds, and their SSH keys on models, what O(users) says, over one
    connection (and one per model whose SSH keys it manages).
  - Reads the controller a fixed number of times whatever the number of users (all users, the models, the
    users of the models concerned, the offers concerned, the clouds concerned), plans in Python, checks every
    user, model, offer, cloud and level against what it read, and only then writes, in batches (one call per
    kind of change). It then makes the same reads once more, and a change Juju acknowledged but does not show
    fails the task, named in RV(results) (passwords excepted, as only a login as the user could compare them).
  - A declaration that cannot be applied (an unknown model, offer or cloud, removing the controller owner, ...) fails
    before anything is changed. So does one that would lock the login user out (removing or disabling it,
    lowering its controller access), unless O(allow_self_lockout) is true; those changes are then made last.
  - Only what an entry sets is managed; users and grants that O(users) does not mention are left alone unless
    O(purge) or O(purge_access) is true.
  - Needs a login user with C(superuser) access to the controller. Juju shows any other login user no user but
    itself, so for another login user (an C(admin) of some models or offers) an entry for another user may set
    only O(users[].models) and O(users[].offers), planned from the grants that login user can read, with a warning
    that it cannot know whether the user exists or is disabled; anything else that needs a superuser (other
    settings, O(users[].state=absent), O(purge)) is refused before anything is changed, in check mode too.
author:
  - juju.controller contributors (@juju)
options:
  users:
    description:
      - The users, each with what it should be and have.
      - One of O(users) and O(users_file) is required.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of a local user, for example V(alice). V(alice@local) is the same user, and so is V(Alice), because
            Juju compares user names without regard to case. Results use the spelling Juju has.
        type: str
        required: true
      state:
        description:
          - V(present) creates the user if needed and sets what the entry gives.
          - V(absent) removes the user, and with it all its access. The controller owner and the users in
            O(protected) cannot be removed, nor the login user unless O(allow_self_lockout) is true.
          - An entry with V(absent) that also gives access (O(users[].controller_access), O(users[].models),
            O(users[].offers), O(users[].clouds)) contradicts itself and is refused.
        type: str
        choices: [present, absent]
        default: present
      display_name:
        description:
          - Full name, set when the user is created. Juju cannot change it later; a different value gives a
            warning, not a change.
        type: str
      password:
        description:
          - Password of the user; never shown. Without it, a new user gets a registration string
            (RV(registration_strings)).
        type: str
      update_password:
        description:
          - V(on_create) sets O(users[].password) only when the user is created.
          - V(always) also keeps the password of an existing user equal to O(users[].password), which it needs,
            checked by logging in as the user (several users are checked in parallel). A user that is disabled
            and stays disabled cannot log in, so its password is left alone (with a warning) and set when it is
            enabled.
        type: str
        choices: [on_create, always]
        default: on_create
      enabled:
        description:
          - V(false) disables the user (it keeps its access), V(true) enables it; unset leaves it as it is (a new
            user is enabled), except with O(purge_mode=disable), where unset enables it. The controller owner
            cannot be disabled, nor the login user unless O(allow_self_lockout) is true.
        type: bool
      controller_access:
        description:
          - Access to the controller; unset leaves it as it is (a new user has V(login)).
          - Juju neither shows nor changes the controller access of a disabled user, so it is not managed for a
            user that is disabled and stays disabled (the task warns); a user being enabled gets it once enabled, a
            user being disabled before it is disabled.
        type: str
        choices: [login, superuser]
      models:
        description:
          - Access to models, as a mapping of model (V(owner/name), V(name) for a model of the login user, or the
            model's UUID as C(juju show-model) prints it) to V(read), V(write), V(admin), or V(absent) for no access.
          - A UUID is taken as a UUID, even though a model could be named like one; give such a model as
            V(owner/name). RV(results) name models as V(owner/name), and RV(models) gives the UUID of each.
          - A model given twice (V(default) and V(admin/default) when the login user is V(admin), owners
            spelled in another case, or a name and the UUID of the same model) is refused, as it leaves open which
            level is meant.
          - Of a user that is disabled and stays disabled, Juju only removes model grants; any other change of its
            model access is refused before anything is changed (enable the user in the same entry instead).
        type: dict
      offers:
        description:
          - Access to application offers, as a mapping of offer URL (V(owner/model.offer), or V(model.offer) for a
            model of the login user) to V(read), V(consume), V(admin), or V(absent) for no access.
          - An offer given twice (through the login user's model name, or owners spelled in another case) is
            refused.
          - Of a user that is disabled and stays disabled, Juju only makes a first offer grant; any other change is
            refused before anything is changed.
          - A controller C(superuser) login user is C(admin) on every offer, and Juju shows it no grant of its own
            there; its own entry's offers are left as they are, with a warning.
        type: dict
      clouds:
        description:
          - Access to clouds (who may add models to them), as a mapping of cloud name to V(add-model), V(admin),
            or V(absent) for no access. Levels are exact, so V(add-model) lowers V(admin).
          - Juju lets nobody change their own cloud access, so an entry for the login user that would change it
            is refused.
        type: dict
      ssh_keys:
        description:
          - SSH public keys of the user, as a mapping of model (V(owner/name), V(name) for a model of the login user,
            or its UUID) to a list of keys, so that C(juju ssh) and C(juju debug-log) work for the user there. Each
            item is one public key line (V(ssh-ed25519 AAAA... alice@laptop)) or the keys of a GitHub (V(gh:alice))
            or Launchpad (V(lp:alice)) account, fetched by the controller, as M(juju.controller.juju_ssh_key) takes
            them. A key is present when a key with its fingerprint is (whatever its comment); an import id when one
            key of the account is.
          - Juju keeps keys per model and gives them a comment, never an owner. A key is the user's when this entry
            declares it, or when no entry declares it and its comment starts with the user's name and V(@)
            (V(alice@laptop), and V(alice@github/7) as C(ssh-import-id) names the keys of GitHub's alice), the name
            compared without regard to case. Only that rule decides which keys O(users[].ssh_keys_exclusive) and
            O(purge_ssh_keys) remove; a key declared for two users on one model is refused.
          - Keys are read once per model (one connection per model), written in one call of each kind per model,
            and read back after writing; a key Juju acknowledged but does not show fails the task, named. The diff
            shows the user's keys (by the rule above) on each model changed, before and after.
          - Needs C(admin) access to each model (C(write) is not enough) or C(superuser) access to the controller;
            otherwise the task fails before anything is changed.
        type: dict
      ssh_keys_exclusive:
        description:
          - On each model of O(users[].ssh_keys), also remove the user's keys (by the rule above) that the list does
            not give. An empty list then removes all the user's keys from that model.
          - Keys of other people, keys that name nobody and lines Juju cannot parse are never removed; nor are the
            keys Juju adds itself, which it hides.
        type: bool
        default: false
  users_file:
    description:
      - A file on the Ansible controller holding the users instead of O(users) (with which it is mutually
        exclusive), as a list of entries as O(users) takes them, in JSON (a name ending in V(.json)) or YAML.
      - It may be encrypted as a whole with C(ansible-vault), as a file holding passwords should be; the vault
        password is given to C(ansible-playbook) as usual. Values encrypted one by one (C(!vault)) are not read.
      - A relative path is looked for as the C(src) of M(ansible.builtin.copy) is, in C(files/) of the role and of
        the playbook, then next to the playbook.
      - Read by the module's action plugin on the controller, not by Ansible's templating. For thousands of users
        that is much faster than O(users) given in a playbook's variables, which Ansible loads, templates and
        copies value by value (see the collection's README, Performance).
      - Messages name the file's entries as O(users) entries (V(users[0]) is the first).
    type: path
  purge:
    description:
      - Also off-board every user that O(users) does not name (remove it, or disable it, see O(purge_mode)),
        except the login user, the controller owner (the owner of the controller model, whatever its name) and
        the users in O(protected).
    type: bool
    default: false
  purge_mode:
    description:
      - How O(purge) off-boards the users that O(users) does not name.
      - V(remove) removes them. Juju cannot undo a removal; a name added again is a new user record, its model
        grants gone.
      - V(disable) disables them instead (a disabled user cannot log in), keeping their controller access. Their
        model, offer and cloud grants are kept too, unless O(purge_access) is true; then they are revoked, before
        the user is disabled. A user that is already disabled stays so, and loses its model and cloud grants with
        O(purge_access); Juju revokes no offer access of a disabled user, so its offer grants are kept, with a
        warning. A user's access to its own models and their offers is never revoked. Disabling a user who owns
        models needs no O(allow_model_owner_removal), as the models keep their owner.
      - With V(disable), O(users) lists the users that may log in, so an entry that does not set
        O(users[].enabled) enables a disabled user (with V(remove), it leaves the user as it is). This is how a
        user off-boarded by disabling comes back.
      - RV(results) says for each of these users how it was off-boarded (RV(results[].purged)).
      - V(disable) without O(purge) is refused, as it would off-board nobody.
    type: str
    choices: [remove, disable]
    default: remove
  purge_access:
    description:
      - Also revoke every model, offer and cloud grant of the users in O(users) that their entry does not name.
      - With O(purge) and O(purge_mode=disable), also revoke every model, offer and cloud grant of the users that
        O(users) does not name (those that the purge disables).
      - Never touches the login user, the controller owner, the users in O(protected), nor a user's access to its
        own models and their offers. Controller access is managed by O(users[].controller_access) only.
    type: bool
    default: false
  allow_empty_purge:
    description:
      - With O(purge), an empty O(users) would remove (or disable) every user of the controller (but the login
        user, the controller owner and O(protected)); a misspelled or unset list must not do that, so it is refused
        unless this is V(true).
    type: bool
    default: false
  allow_model_owner_removal:
    description:
      - Removing a user who owns models (O(users[].state=absent), or O(purge)) leaves its models and their offers
        behind, so it is refused, naming the models, unless this is V(true). Remove the models first
        (C(juju destroy-model)) where they are no longer needed.
    type: bool
    default: false
  purge_ssh_keys:
    description:
      - Also remove, from every model the login user sees, the SSH keys of the users this task removes (by
        O(users[].state=absent) or O(purge)), that is the keys whose comment starts with the user's name and V(@) (see
        O(users[].ssh_keys)), unless an entry declares them for a user on that model.
      - A user with O(users[].state=absent) loses its keys on every run, so keys left by an earlier run without this
        option are removed too; a user removed by O(purge) loses its keys in the run that removes it.
    type: bool
    default: false
  protected:
    description:
      - Users that are never removed (neither by O(purge) nor by O(users[].state=absent)) and whose grants
        O(purge_access) never touches, besides the login user and the controller owner.
    type: list
    elements: str
    default: []
notes:
  - Juju applies each item of a batch on its own. When some are refused, the others stay applied, the task
    fails, and RV(results) says for every user what was applied and what was not; a re-run applies the rest.
    A change someone else made in the meantime counts as done once a fresh read confirms the user is as declared.
  - RV(registration_strings) are secrets, and Ansible prints results at C(-v) and above. Set C(no_log)
    on a task that creates users without a password; C(register) still receives the result. RV(results) holds
    no secret, and Ansible shows it even under C(no_log).
  - Ansible prints a failed task's result at default verbosity, so a task that fails after creating users returns
    RV(registration_strings) only under C(no_log) (as the role runs it); otherwise it is empty, the failure says
    so, and resetting a user's password
    (M(juju.controller.juju_user) O(juju.controller.juju_user#module:reset_password=true)) issues a new one.
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
  - module: juju.controller.juju_user_access
  - module: juju.controller.juju_user_info
'''

EXAMPLES = r'''
- name: Users as code
  juju.controller.juju_users:
    users:
      - name: alice
        display_name: Alice Liddell
        controller_access: superuser
      - name: ci-bot
        password: "{{ vault_ci_bot_password }}"
        update_password: always
        models:
          admin/staging: write
          default: read
        offers:
          fred/prod.hosted-mysql: consume
        clouds:
          localhost: add-model   # may add models to the controller's cloud
      - name: carol
        models:
          fred/prod: read
        ssh_keys:
          admin/staging: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp ci-bot@runner"]
      - name: bob
        enabled: false
      - name: eve
        state: absent
    purge: true           # removes every other user,
    protected: [fred]     # except these (and the login user and the controller owner)
  register: juju_users_result
  no_log: true  # carol's registration string is a secret

- name: Keep the registration strings in a private file
  ansible.builtin.copy:
    content: "{{ juju_users_result.registration_strings | to_nice_yaml }}"
    dest: "{{ lookup('ansible.builtin.env', 'HOME') }}/juju-registrations.yml"
    mode: "0600"
  no_log: true
  when: juju_users_result.registration_strings | length > 0

- name: Set the connection once for all juju.controller modules
  module_defaults:
    group/juju.controller.juju:
      controller: prod
      login_user: admin
      login_password: "{{ vault_juju_admin_password }}"
  block:
    - name: Carol may read fred's model and nothing else (her other model, offer and cloud grants are revoked)
      juju.controller.juju_users:
        users:
          - name: carol
            models:
              fred/prod: read
        purge_access: true

- name: On-board Alice with her keys on two models, and keep only those (her other keys there are removed)
  juju.controller.juju_users:
    users:
      - name: alice
        models:
          admin/default: admin
        ssh_keys:
          admin/default:
            - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop
            - gh:alice
          fred/prod: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"]
        ssh_keys_exclusive: true

- name: Off-board Eve, with the keys that name her (eve@...) on every model
  juju.controller.juju_users:
    users:
      - name: eve
        state: absent
    purge_ssh_keys: true

- name: Off-board by disabling, reversibly, every user not listed, and revoke their model, offer and cloud access
  juju.controller.juju_users:
    users:
      - name: alice
      - name: bob
        models:
          admin/default: read
    purge: true
    purge_mode: disable  # alice or bob, if disabled, are enabled again
    purge_access: true
    protected: [fred]

# users.yml, next to the playbook, is a list of entries as users takes them (encrypt it with
# ansible-vault when it holds passwords); for thousands of users far faster than users in vars.
- name: The users kept in a file
  juju.controller.juju_users:
    users_file: users.yml
  no_log: true  # entries without a password may get a registration string
'''

RETURN = r'''
results:
  description: One entry per user that the task manages (listed, or off-boarded by O(purge)), in that order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The user, as Juju spells it.
      type: str
      sample: alice
    changed:
      description: Whether the task changed this user (in check mode, would change it).
      type: bool
      sample: true
    actions:
      description: The changes made (in check mode, that would be made), in order.
      type: list
      elements: str
      sample: ["add", "grant controller superuser", "grant model admin/prod write", "grant cloud localhost add-model"]
    not_applied:
      description: The planned changes that were not made, each with the reason; empty when all were made.
      type: list
      elements: str
      sample: ['grant model admin/prod write: cannot grant model access "write" to user "alice": permission denied']
    ssh_keys:
      description:
        - The SSH key changes made (in check mode, that would be made), in order, each by model, action (V(add),
          V(import), V(delete)), Juju's fingerprint and the comment; an import gives its O(users[].ssh_keys) id and
          the keys it brought (in check mode none, as the controller has not fetched them).
        - They are also in RV(results[].actions), and those not made in RV(results[].not_applied).
      returned: when the user has SSH key changes
      type: list
      elements: dict
      sample: [{"model": "admin/default", "action": "add", "fingerprint": "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d",
                "comment": "alice@laptop"},
               {"model": "admin/default", "action": "import", "import_id": "gh:alice",
                "keys": [{"fingerprint": "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf",
                          "comment": "alice@github/7 # ssh-import-id gh:alice"}]}]
    purged:
      description:
        - How O(purge) off-boarded this user, which O(users) does not name (in check mode, would off-board it).
        - V(removed); V(disabled_access_kept), disabled (or already disabled) with its grants kept;
          V(disabled_access_revoked), disabled with its model, offer and cloud grants revoked (O(purge_access)).
      type: str
      returned: for the users that O(users) does not name
      sample: disabled_access_kept
models:
  description: The models that RV(results) and the diff name (as V(owner/name)), each with its UUID, whether the
    declaration gave the model by name or by UUID.
  returned: always
  type: dict
  sample: {"admin/staging": "7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69"}
registration_strings:
  description:
    - For each user this task created without a password, the token for C(juju register), exactly as
      C(juju add-user) prints it. Each is a secret, like a password, until the user registers with it.
    - Empty in check mode, and when the task fails without C(no_log) (Ansible prints a failed task's result).
  returned: always
  type: dict
  sample:
    carol: MFUTBGFsZXgwFRMTMTAuMTM2LjEzNi4xOToxNzA3MAQghBj6RLW5VgmCSWsAesRm5unETluNu1-FczN9oVfNGuYTFGxvY2FsaG9zdC1jb250cm9sbGVy
created:
  description: The users the task created (in check mode, would create).
  returned: always
  type: list
  elements: str
  sample: [alice]
removed:
  description: The users the task removed (in check mode, would remove).
  returned: always
  type: list
  elements: str
  sample: [eve]
'''

import gc

from ansible_collections.juju.controller.plugins.module_utils import (
    converge_keys, converge_users, declared_keys, declared_users)
from ansible_collections.juju.controller.plugins.module_utils.declared_users import EMPTY_PURGE, MODEL_OWNER_REMOVAL
from ansible_collections.juju.controller.plugins.module_utils.guards import LOCKOUT_OPTION
from ansible_collections.juju.controller.plugins.module_utils.juju_module import (
    JujuModule, lockout_argument_spec, sentence)

USER_OPTIONS = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    display_name=dict(type="str"),
    password=dict(type="str", no_log=True),
    update_password=dict(type="str", default="on_create", choices=["on_create", "always"], no_log=False),
    enabled=dict(type="bool"),
    controller_access=dict(type="str", choices=["login", "superuser"]),
    models=dict(type="dict"),
    offers=dict(type="dict"),
    clouds=dict(type="dict"),
    ssh_keys=dict(type="dict", no_log=False),
    ssh_keys_exclusive=dict(type="bool", default=False, no_log=False),
)

ARGUMENT_SPEC = dict(
    users=dict(type="list", elements="dict", options=USER_OPTIONS),
    users_file=dict(type="path"),
    purge=dict(type="bool", default=False),
    purge_mode=dict(type="str", default="remove", choices=list(declared_users.PURGE_MODES)),
    purge_access=dict(type="bool", default=False),
    protected=dict(type="list", elements="str", default=[]),
    allow_empty_purge=dict(type="bool", default=False),
    allow_model_owner_removal=dict(type="bool", default=False),
    purge_ssh_keys=dict(type="bool", default=False, no_log=False),
    **lockout_argument_spec()
)


def read_and_plan(client, entries, protected, params, recheck=None):
    """The plan from a read of the controller. recheck: None for the first read, where every password that a
    login can check is checked; after the writes, the keys of the users whose password the task set: a login
    is the only read-back of a password, and the others' passwords were settled by the first read."""
    current = converge_users.read_current(client, entries, params["purge_access"])
    if recheck is None:
        verified = converge_users.verify_passwords(client, current, entries)
    else:
        verified = dict((entry["key"], True) for entry in entries)
        verified.update(converge_users.verify_passwords(client, current,
                                                        [entry for entry in entries if entry["key"] in recheck]))
    allow = frozenset(option for option in (EMPTY_PURGE, MODEL_OWNER_REMOVAL) if params[option])
    return declared_users.plan(current, entries, params["purge"], params["purge_access"], protected, verified,
                               params[LOCKOUT_OPTION], allow, params["purge_mode"])


def main():
    module = JujuModule(argument_spec=ARGUMENT_SPEC, required_one_of=[("users", "users_file")],
                        supports_check_mode=True)
    params = module.params
    if params["users"] is None:  # the action plugin reads users_file into users; it did not run
        module.fail_json(msg="users_file is read on the Ansible controller by the action plugin of juju_users, "
                             "which did not run here; give users instead.")
    with module.failures():
        entries, protected = declared_users.normalise(params["users"], params["protected"])
        wanted_keys = declared_keys.normalise(entries)
        declared_users.check_purge_mode(params["purge"], params["purge_mode"])
    with module.controller() as client:
        plan = read_and_plan(client, entries, protected, params)
        keys = converge_keys.read_and_plan(client, plan, entries, wanted_keys, params[declared_keys.PURGE])
        if plan.errors or keys.errors:
            module.fail_json(msg=sentence(" ".join(plan.errors + keys.errors)))
        if module.check_mode:
            outcome, keys_outcome = converge_users.planned(plan), converge_keys.planned(keys)
        else:
            recheck = set(change.key for change in plan.changes if change.phase == "set_password")
            outcome = converge_users.apply_plan(  # then read back: what Juju acknowledged must be there
                client, plan, lambda: read_and_plan(client, entries, protected, params, recheck))
            keys_outcome = converge_keys.apply(client, keys)  # read back per model
    outcome = outcome._replace(done=outcome.done + keys_outcome.done)  # the users' changes, then their keys'
    result, failures = converge_users.report(plan, outcome)
    converge_keys.add_results(result, plan, keys_outcome)
    for warning in converge_users.warnings(plan):
        module.warn(warning)
    if not module._diff:
        result.pop("diff")
    if failures:
        module.fail_issued(sentence(converge_users.failure_sentence(failures, outcome)), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    # The task's process lives for one run, and the users' dicts and lists hold no reference cycles:
    # the cyclic garbage collector's passes over 10,000 users' data (options, reads, plans, result)
    # would take a fifth of the run's CPU time and free nothing that reference counting does not.
    gc.disable()
    main()
