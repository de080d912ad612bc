# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The I/O around declared_users' plan: the fixed set of reads it plans from, the batched
# writes that apply it, and the per-user report. One connection, and a number of calls that
# does not grow with the number of users (juju-api.md §17): one UserInfo, one model listing,
# one ModelUserInfo, one offers read and one CloudInfo (per chunk; with purge_access also the
# offer and cloud listings), a login per password to verify, then one call per phase and chunk,
# and the same reads once more to check that what Juju acknowledged is there.

from collections import namedtuple
from itertools import groupby

from ansible_collections.juju.controller.plugins.module_utils import declared_users, errors, names
from ansible_collections.juju.controller.plugins.module_utils.declared_users import (
    ControllerAccessAfterEnable, model_key)
from ansible_collections.juju.controller.plugins.module_utils.registration import registration_string

# What `juju register` suggests when the connection came with no controller name (as juju_user).
DEFAULT_CONTROLLER_NAME = "controller"

APPLIED, CONVERGED, FAILED, SKIPPED = "applied", "converged", "failed", "skipped"
# status: one of the above; error: the JujuError behind FAILED/SKIPPED (None otherwise).
Done = namedtuple("Done", ("change", "status", "error"))
# done: [Done] in the order of the plan; tokens: {user key: registration string}.
Outcome = namedtuple("Outcome", ("done", "tokens"))
ACCESS_PHASES = ("controller", "model", "offer", "cloud")


# ---- reads ---------------------------------------------------------------------------------

def read_current(client, entries, purge_access):
    """declared_users.Current for the declaration: everything the plan checks targets against."""
    users = client.user_info(include_disabled=True)
    models = client.list_models()
    model_keys, offer_urls, cloud_names = declared_users.targets_to_read(entries, client.current_user)
    uuids = [m["uuid"] for m in models
             if purge_access or model_key(m["owner"], m["name"]) in model_keys or m["uuid"] in model_keys]
    model_users = client.models_users(uuids) if uuids else {}
    offers = {}
    if purge_access:
        offers = dict((offer["url"], offer["users"]) for offer in client.list_offers())
    listed = set(declared_users.offer_key(url) for url in offers)
    missing = sorted(url for url in offer_urls if declared_users.offer_key(url) not in listed)
    if missing:
        offers.update(client.offers_users(missing))
    if purge_access:
        cloud_names = cloud_names | set(cloud["name"] for cloud in client.list_clouds())
    clouds = client.clouds_users(sorted(cloud_names)) if cloud_names else {}
    login = (client.current_user, client.is_superuser, client.controller_name)
    return declared_users.current_state(login, client.controller_owner(), users, models, model_users, offers,
                                        clouds)


def verify_passwords(client, current, entries):
    """{user key: True/False} for the users whose update_password=always can be checked by a login."""
    by_key = dict((entry["key"], entry) for entry in entries)
    keys = declared_users.password_checks(current, entries)
    pairs = [(current.users[key]["name"], by_key[key]["password"]) for key in keys]
    answers = client.verify_passwords(pairs)
    return dict((key, answers[current.users[key]["name"]]) for key in keys)


# ---- writes --------------------------------------------------------------------------------

def _call(client, phase, payloads):
    if phase == "add":
        return client.add_users(payloads)
    if phase == "set_password":
        return client.set_passwords(payloads)
    if phase in ACCESS_PHASES:
        return client.modify_access(phase, payloads)
    return getattr(client, phase + "_users")(payloads)  # remove_users, enable_users, disable_users


def _action(change):
    """The write a change makes, as errors.lost_race names it: add, remove, or an access grant/revoke."""
    return change.payload[1] if change.phase in ACCESS_PHASES else change.phase


def _resolve_after_enable(client, changes, done, failed):
    """Controller changes of the users just enabled, decided now that their level is readable."""
    waiting = [c for c in changes if isinstance(c.payload, ControllerAccessAfterEnable) and c.key not in failed]
    ready = [c for c in changes if not isinstance(c.payload, ControllerAccessAfterEnable)]
    if not waiting:
        return ready
    try:
        levels = dict((names.user_key(u["name"]), u.get("access"))
                      for u in client.user_info([c.payload.name for c in waiting]))
    except errors.JujuError as exc:
        for change in waiting:
            failed[change.key] = exc
            done.append(Done(change, FAILED, exc))
        return ready
    for change in waiting:
        ready.extend(declared_users.resolve_after_enable(change, levels.get(change.key)))
    return ready


def _apply(client, changes, done, tokens, failed, missing):
    """Make `changes` in order, a batch for each run of changes of one phase, appending a Done per change.

    A user whose change failed gets none of its later changes (they would fail too, or act on
    a user that is not as planned), except a disable: a user declared disabled must not stay
    able to log in because one of its grants failed. Every other user is still converged.
    """
    for phase, changes in groupby(changes, lambda change: change.phase):
        changes = list(changes)
        if phase == "controller":
            changes = _resolve_after_enable(client, changes, done, failed)
        ready = []
        for change in changes:
            blocked = change.key in missing if phase == "disable" else change.key in failed
            if blocked:
                done.append(Done(change, SKIPPED, failed[change.key]))
            else:
                ready.append(change)
        if not ready:
            continue
        for change, outcome in zip(ready, _call(client, phase, [c.payload for c in ready])):
            if not isinstance(outcome, errors.JujuError):
                done.append(Done(change, APPLIED, None))
                if outcome.get("secret-key"):
                    tokens[change.key] = registration_string(
                        change.payload["name"], client.registration_endpoints, outcome["secret-key"],
                        client.controller_name or DEFAULT_CONTROLLER_NAME)
            elif errors.lost_race(outcome, _action(change)):  # converged only if a fresh read agrees
                done.append(Done(change, CONVERGED, None))
            else:
                _failed(change, outcome, failed, missing)
                done.append(Done(change, FAILED, outcome))


def _failed(change, error, failed, missing):
    failed.setdefault(change.key, error)
    if change.phase == "add":
        missing.add(change.key)


def apply_plan(client, plan, read_back=None):
    """Outcome of making the plan's calls, in its order, then reading back what they made.

    read_back: () -> a plan made from a fresh read (no password logins), called once if Juju
    acknowledged any change (see verify): after every change but the login user's own lockout,
    which comes last because the login user may not read, nor write, any more after it.
    """
    done, tokens, failed, missing = [], {}, {}, set()
    split = len(plan.changes) - plan.own
    _apply(client, plan.changes[:split], done, tokens, failed, missing)
    if read_back is not None and any(item.status in (APPLIED, CONVERGED) for item in done):
        try:
            again = read_back()
        except errors.JujuError as exc:  # e.g. the connection broke: nothing acknowledged is confirmed
            again = exc
        checked = verify(plan, Outcome(done, tokens), again)
        done[:], tokens = checked.done, checked.tokens
        for item in done:
            if item.status == FAILED:
                _failed(item.change, item.error, failed, missing)
    _apply(client, plan.changes[split:], done, tokens, failed, missing)
    return Outcome(done, tokens)


def verify(plan, outcome, again):
    """The outcome checked against `again`, a plan made from a fresh read after the writes.

    A change Juju acknowledged that `again` still plans is not there: Juju answered without
    making it (or another writer undid it at once), so it failed, and a user whose add is not
    there has no registration string. A race (someone else made the change first) counts as
    converged only if that user needs nothing more (another writer may, say, have granted more
    than declared). A password is read back by logging in as the user (the caller's fresh plan plans
    SetPassword again when that login fails); one that no login can check (a disabled user) is not.
    `again` may be the JujuError that the fresh read failed with: then no acknowledged change is
    confirmed, and each fails with it (a created user keeps its registration string: it most likely
    exists).
    """
    unread = again if isinstance(again, errors.JujuError) else None
    still = set((change.key, change.label) for change in again.changes) if unread is None else set()
    users_still = set(change.key for change in again.changes) if unread is None else set()
    checked, tokens = [], dict(outcome.tokens)
    for done in outcome.done:
        change, name = done.change, plan.users[done.change.key].name
        if unread is not None and done.status in (APPLIED, CONVERGED):
            done = Done(change, FAILED, errors.JujuError(
                'Juju acknowledged "%s" for user "%s", but the read-back that checks it failed: %s'
                % (change.label, name, str(unread).rstrip("."))))
        elif done.status == APPLIED and (change.key, change.label) in still:
            done = Done(change, FAILED, errors.JujuError(
                'Juju acknowledged "%s" for user "%s", but does not show it when read back after the writes'
                % (change.label, name)))
            if change.phase == "add":
                tokens.pop(change.key, None)
        elif done.status == CONVERGED and change.key in users_still:
            done = Done(change, FAILED, errors.JujuError(
                'cannot %s for user "%s": someone else changed the user meanwhile, and it now differs from the '
                'declaration' % (change.label, name)))
        checked.append(done)
    return Outcome(checked, tokens)


def planned(plan):
    """The Outcome check mode reports: every change as if applied, no registration string."""
    return Outcome([Done(change, APPLIED, None) for change in plan.changes], {})


# ---- report --------------------------------------------------------------------------------

def report(plan, outcome):
    """The module's result: changed, results (per user), created, removed, registration_strings, diff,
    models (owner/name -> UUID of the models the results name), and the failures.

    Registration strings are kept out of `results`: Ansible shows a result's `results` list even
    under no_log (it takes it for loop results), so a secret there would be printed.
    """
    by_user = dict((key, []) for key in plan.users)
    for item in outcome.done:
        by_user[item.change.key].append(item)  # every change is of a user of the plan
    results, diff, created, removed, failures, tokens = [], [], [], [], [], {}
    for key, user in plan.users.items():
        items = by_user[key]
        applied = [i.change.label for i in items if i.status == APPLIED]
        not_applied = ["%s: %s" % (i.change.label, i.error if i.status == FAILED else
                                   "not attempted, an earlier change of this user failed") for i in items
                       if i.status in (FAILED, SKIPPED)]
        failures.extend(i for i in items if i.status == FAILED)
        entry = {"name": user.name, "changed": bool(applied), "actions": applied, "not_applied": not_applied}
        if key in plan.purged:  # how the purge off-boarded a user that the declaration does not name
            entry["purged"] = plan.purged[key]
        if key in outcome.tokens:
            tokens[user.name] = outcome.tokens[key]
        if any(i.change.phase == "add" and i.status == APPLIED for i in items):
            created.append(user.name)
        if any(i.change.phase == "remove" and i.status == APPLIED for i in items):
            removed.append(user.name)
        if items:
            diff.append({"before_header": "user %s" % user.name, "after_header": "user %s" % user.name,
                         "before": user.before, "after": user.after})
        results.append(entry)
    result = {"changed": any(r["changed"] for r in results), "results": results, "created": created,
              "removed": removed, "registration_strings": tokens, "diff": diff, "models": dict(plan.models)}
    return result, failures


def failure_sentence(failures, outcome):
    first = failures[0].error
    return ("%d of the %d changes were not applied (the first: %s); results says for every user what was "
            "applied and what was not, and a re-run applies the rest."
            % (sum(1 for i in outcome.done if i.status in (FAILED, SKIPPED)), len(outcome.done),
               str(first).rstrip(".")))


def warnings(plan):
    return [warning for user in plan.users.values() for warning in user.warnings]
