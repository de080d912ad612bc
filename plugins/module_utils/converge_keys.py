# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The I/O around declared_keys' plan, for juju_users: the keys of each model the declaration
# touches, read once over one model connection (ControllerClient.model(), reused for the writes),
# then per model one AddKeys, one ImportKeys and one DeleteKeys call, and one ListKeys to read
# back: Juju rewrites the whole key list on every write with no version check (juju-api.md
# §18.6), so a key another writer dropped, or a write Juju acknowledged without making, fails
# the change, named. The outcome is converge_users' Done, so the report counts key changes with
# the user's other changes.

from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils import declared_keys, declared_users, errors, names
from ansible_collections.juju.controller.plugins.module_utils.converge_users import (
    APPLIED, CONVERGED, FAILED, Done)
from ansible_collections.juju.controller.plugins.module_utils.ssh_key_plan import imported_from
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import key_id, key_result

# specs: OrderedDict model key -> declared_keys.ModelKeys; keys: {model key: [Key]} as read;
# changes: [declared_users.Change]; errors: sentences (nothing may be written when there are any).
KeyPlan = namedtuple("KeyPlan", ("specs", "keys", "changes", "errors"))
# done: [Done]; after: {model key: [Key]} read back after writing.
KeyOutcome = namedtuple("KeyOutcome", ("done", "after"))
METHODS = (("add", "AddKeys"), ("import", "ImportKeys"), ("delete", "DeleteKeys"))  # additions first
# A per-key answer that means someone else made the change first (converged if the read-back agrees).
RACES = {"add": errors.AlreadyExists, "import": errors.AlreadyExists, "delete": errors.NotFound}


def removed(plan, entries):
    """{user key: name} of the users whose keys purge_ssh_keys removes: those the plan removes and
    those declared absent (already gone or not: their keys may remain)."""
    gone = dict((e["key"], e["name"]) for e in entries if e["state"] == "absent")
    gone.update((c.key, plan.users[c.key].name) for c in plan.changes if c.phase == "remove")
    return gone


def _connection(client, spec):
    return client.model({"uuid": spec.uuid, "ref": spec.ref})


def read_and_plan(client, plan, entries, wanted, purge):
    """KeyPlan for the declaration (wanted: declared_keys.normalise's) after the users' plan: refusals
    first, then the keys of each model touched, read once."""
    gone = removed(plan, entries) if purge else {}
    if not wanted and not gone:
        return KeyPlan({}, {}, [], [])
    login = (client.current_user, client.is_superuser, client.controller_name)
    current = declared_users.current_state(login, None, [], client.list_models(), {}, {}, {})  # read once per client
    specs, problems = declared_keys.targets(current, wanted, gone, purge)
    if specs and not problems and not current.superuser:
        by_uuid = client.models_users([spec.uuid for spec in specs.values()])
        levels = dict((found, names.find_user(by_uuid.get(spec.uuid) or {}, client.current_user)[1])
                      for found, spec in specs.items())
        problems = declared_keys.refused(specs, current.superuser, client.current_user, levels)
    if problems:
        return KeyPlan(specs, {}, [], problems)  # nothing more is read: the task fails before writing
    keys = dict((found, _connection(client, spec).list_keys()) for found, spec in specs.items())
    changes = declared_keys.plan(specs, keys)
    for user, (before, after) in declared_keys.views(specs, keys, changes).items():
        if user in plan.users:  # not when the users' plan refused the entry: the task fails with that sentence
            plan.users[user].before["ssh_keys"], plan.users[user].after["ssh_keys"] = before, after  # for the diff
    return KeyPlan(specs, keys, changes, [])


def planned(key_plan):
    """The KeyOutcome check mode reports: every change as if applied."""
    return KeyOutcome([Done(change, APPLIED, None) for change in key_plan.changes], {})


def _value(step):
    return step.item.text if step.action == "add" else step.item if step.action == "import" else key_id(step.item)


def _write(conn, action, method, batch):
    contexts = ["cannot %s" % change.label for change in batch]
    try:
        answers = conn.write_keys(method, [_value(change.payload) for change in batch], contexts)
    except errors.JujuError as exc:  # call-level: none of the batch was made
        return [Done(change, FAILED, exc) for change in batch]
    return [Done(change, APPLIED, None) if answer is None else
            Done(change, CONVERGED, answer) if isinstance(answer, RACES[action]) else
            Done(change, FAILED, answer) for change, answer in zip(batch, answers)]


def _verify(done, spec, again):
    """done checked against `again`: the model's changes planned from its keys read back, or the JujuError
    the read-back failed with (then nothing acknowledged is confirmed)."""
    if isinstance(again, errors.JujuError):
        reason = str(again).rstrip(".")
        return [d if d.status == FAILED else Done(d.change, FAILED, errors.JujuError(
            'Juju acknowledged "%s", but the read-back that checks it failed: %s' % (d.change.label, reason)))
            for d in done]
    still = set(change.label for change in again)
    checked = []
    for item in done:
        if item.status == APPLIED and item.change.label in still:
            item = Done(item.change, FAILED, errors.JujuError(
                'Juju acknowledged "%s", but does not show it when read back after the writes (another writer may '
                'have rewritten the keys of model %s meanwhile)' % (item.change.label, spec.ref)))
        elif item.status == CONVERGED:
            item = Done(item.change, FAILED, item.error) if item.change.label in still else Done(
                item.change, CONVERGED, None)
        checked.append(item)
    return checked


def apply(client, key_plan):
    """KeyOutcome of writing the plan, model by model, each read back once after its writes."""
    done, after = [], {}
    for found, spec in key_plan.specs.items():
        changes = [change for change in key_plan.changes if change.payload.model.key == found]
        if not changes:
            continue
        conn, written = _connection(client, spec), []
        for action, method in METHODS:
            batch = [change for change in changes if change.payload.action == action]
            if batch:
                written.extend(_write(conn, action, method, batch))
        try:
            after[found] = conn.list_keys()
            again = declared_keys.plan_model(spec, after[found])
        except errors.JujuError as exc:
            again = exc
        done.extend(_verify(written, spec, again))
    return KeyOutcome(done, after)


def _result(item, after):
    step = item.change.payload
    if step.action != "import":
        return dict(key_result(step.item), model=step.model.ref, action=step.action)
    # Which keys an import brings is known once the controller fetched them (not in check mode).
    return {"model": step.model.ref, "action": "import", "import_id": step.item,
            "keys": [key_result(k) for k in after.get(step.model.key) or () if imported_from(k, step.item)]}


def add_results(result, plan, outcome):
    """Each user's entry of result["results"] gets ssh_keys: the key changes made (in check mode, that
    would be made), by model, fingerprint and comment; only users with such changes."""
    by_name = dict((entry["name"], entry) for entry in result["results"])
    for item in outcome.done:
        if item.status == APPLIED:
            entry = by_name[plan.users[item.change.key].name]
            entry.setdefault("ssh_keys", []).append(_result(item, outcome.after))
