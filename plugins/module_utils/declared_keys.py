# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The SSH keys of a declared list of users (juju_users' users[].ssh_keys) -> the KeyManager writes
# per model (juju-api.md §18). Pure: converge_keys reads each model's visible keys once and calls
# these functions; check mode is the same plan, unapplied.
#
# Juju keeps keys per model and gives them a comment, never an owner (§18.4). A key is tied to a
# person by one explicit rule, and only the rule decides what is removed:
#   - a key belongs to the user it is declared for (matched by fingerprint, as Juju matches it;
#     an import id by the "# ssh-import-id <id>" marker ssh-import-id gives its keys);
#   - a stored key that no entry declares on that model belongs to user U when its comment starts
#     with "U@" (U compared as Juju compares user names, without regard to case): alice@laptop,
#     and alice@github/7 as ssh-import-id names the keys of GitHub's alice, are alice's.
# So ssh_keys_exclusive (on the models an entry lists) and purge_ssh_keys (on every model, for
# the users removed) delete only keys that name the user, never a key declared for someone
# else, nor a line Juju cannot parse.

from collections import OrderedDict, namedtuple

from ansible_collections.juju.controller.plugins.module_utils import names
from ansible_collections.juju.controller.plugins.module_utils.declared_users import Change, model_key
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.module_utils.ssh_key_plan import matches
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import (
    Key, label, parse_key, validate_import_id)

OPTION, EXCLUSIVE, PURGE = "ssh_keys", "ssh_keys_exclusive", "purge_ssh_keys"
PHASE = "ssh_key"  # the phase of the declared_users.Change of a key write
IMPORT_PREFIXES = ("gh:", "lp:")

# A user's declared keys: key (user key), name, index (in users), exclusive, models: {ref: [Key or import id]}.
Wanted = namedtuple("Wanted", ("key", "name", "index", "exclusive", "models"))
# What a model's keys must be: key (model key), ref (owner/name), uuid; declared: [(user key, Key or id)];
# exclusive and purged: the user keys whose other keys (by the comment rule) are deleted there.
ModelKeys = namedtuple("ModelKeys", ("key", "ref", "uuid", "declared", "exclusive", "purged"))
# The payload of a key Change: model (a ModelKeys), action (add, import, delete), item (Key or import id).
KeyStep = namedtuple("KeyStep", ("model", "action", "item"))


def _item(text):
    """A declared key: an import id (gh:..., lp:...) or a Key; InvalidInput naming the problem."""
    if isinstance(text, str) and text.strip().startswith(IMPORT_PREFIXES):
        return validate_import_id(text.strip())
    return parse_key(text)


def _ident(item):
    return item.fingerprint if isinstance(item, Key) else item


def _shown(item):
    return label(item) if isinstance(item, Key) else item


def _models(entry, declared, problems):
    where = 'User "%s" (users[%d]): ssh_keys' % (entry["name"], entry["index"])
    if not isinstance(declared, dict):
        problems.append('%s must be a mapping of model to a list of keys and import ids.' % where)
        return None
    models = OrderedDict()
    for ref, items in declared.items():
        try:
            _check_model_ref(ref)
        except InvalidInput as exc:
            problems.append("%s: %s" % (where, exc))
            continue
        items = [items] if isinstance(items, str) else items if items is not None else []
        if not isinstance(items, list):
            problems.append('%s of model "%s" must be a list of keys and import ids.' % (where, ref))
            continue
        parsed, seen = [], set()
        for text in items:
            try:
                item = _item(text)
            except InvalidInput as exc:
                problems.append('%s of model "%s": %s' % (where, ref, exc))
                continue
            if _ident(item) in seen:
                problems.append('%s of model "%s" gives %s twice; give it once.' % (where, ref, _shown(item)))
                continue
            seen.add(_ident(item))
            parsed.append(item)
        models[ref] = parsed
    return models


def _check_model_ref(ref):
    try:
        names.model_tag(ref)  # a UUID
    except InvalidInput:
        names.parse_model_ref(ref)


def normalise(entries):
    """[Wanted] of the entries (declared_users.normalise's) that give ssh_keys; InvalidInput names every problem.

    ssh_keys is {model: [key line or import id]}; an empty list declares no key there (with
    ssh_keys_exclusive: removes the user's keys from that model).
    """
    problems, wanted = [], []
    for entry in entries:
        declared, exclusive = entry.get(OPTION), bool(entry.get(EXCLUSIVE))
        where = 'User "%s" (users[%d])' % (entry["name"], entry["index"])
        if exclusive and not declared:
            problems.append("%s: ssh_keys_exclusive makes the user's keys on the models of ssh_keys exactly those "
                            "listed, so it needs ssh_keys." % where)
        if not declared:  # unset or {}: the entry manages no key
            continue
        if entry["state"] == "absent":
            problems.append("%s: state absent removes the user, so the entry cannot also give ssh_keys; leave them "
                            "out (purge_ssh_keys removes the keys of the users removed)." % where)
            continue
        models = _models(entry, declared, problems)
        if models is not None:
            wanted.append(Wanted(entry["key"], entry["name"], entry["index"], exclusive, models))
    if problems:
        raise InvalidInput(" ".join(problems))
    return wanted


def owner(key):
    """The user key of the user a stored key names by its comment ("alice@laptop": alice), or None."""
    if not key.comment or "@" not in key.comment:
        return None
    try:
        return names.user_key(names.validate_user_name(key.comment.split("@", 1)[0], local_only=True))
    except InvalidInput:
        return None


def _find(current, ref):
    """The model key of a declared model (by UUID or [owner/]name) in declared_users.Current, or None."""
    try:
        names.model_tag(ref)
    except InvalidInput:
        found = model_key(*names.parse_model_ref(ref, current.login_user))
        return found if found in current.models else None
    return next((k for k, m in sorted(current.models.items()) if m["uuid"] == ref), None)


def targets(current, wanted, removed, purge):
    """(OrderedDict model key -> ModelKeys, errors): the models whose keys must be read, in the order declared.

    removed: {user key: name} of the users the task removes (or declares absent); with purge
    (purge_ssh_keys) their keys are deleted from every model the login user sees.
    """
    specs, errors, spelled = OrderedDict(), [], {}
    for want in wanted:
        for ref, items in want.models.items():
            found = _find(current, ref)
            if found is None:
                errors.append('User "%s": model "%s" of ssh_keys was not found on the controller (or the login user '
                              '"%s" cannot see it).' % (want.name, ref, current.login_user))
                continue
            if (want.key, found) in spelled:
                errors.append('User "%s" (users[%d]): model "%s" is given twice in ssh_keys, as "%s" and "%s"; give it '
                              'once.' % (want.name, want.index, current.models[found]["ref"],
                                         spelled[want.key, found], ref))
                continue
            spelled[want.key, found] = ref
            spec = _spec(specs, found, current.models[found])
            spec.declared.extend((want.key, item) for item in items)
            if want.exclusive:
                spec.exclusive.add(want.key)
    if purge and removed:
        for found, model in sorted(current.models.items(), key=lambda pair: pair[1]["ref"]):
            _spec(specs, found, model).purged.update(removed)
    for spec in specs.values():
        errors.extend(_conflicts(spec, wanted))
    return specs, errors


def _spec(specs, found, model):
    if found not in specs:
        specs[found] = ModelKeys(found, model["ref"], model["uuid"], [], set(), set())
    return specs[found]


def _conflicts(spec, wanted):
    """A key belongs to one person: the same key or import id declared for two users on a model is refused."""
    by_key, first, errors = dict((w.key, w.name) for w in wanted), {}, []
    for user, item in spec.declared:
        other = first.setdefault(_ident(item), user)
        if other != user:
            errors.append('SSH key %s is declared on model "%s" for users "%s" and "%s"; a key belongs to one person, '
                          'declare it once.' % (_shown(item), spec.ref, by_key[other], by_key[user]))
    return errors


def refused(specs, superuser, login_user, levels):
    """Errors for the models the login user may not change the keys of: KeyManager writes need model
    admin or controller superuser (§18.2). levels: {model key: the login user's level}."""
    if superuser:
        return []
    return ['The login user "%s" cannot change the SSH keys of model "%s": Juju requires admin access to the model '
            '(write is not enough) or superuser access to the controller.' % (login_user, spec.ref)
            for found, spec in specs.items() if levels.get(found) != "admin"]


def plan_model(spec, current):
    """[Change] (phase PHASE, the user's key, label, KeyStep) that make the keys of one model what spec says,
    from its visible keys `current` ([Key]): additions and imports first, then deletions."""
    changes = []  # a key or id is declared once per model (targets refuses it twice)
    for user, item in spec.declared:
        if any(matches(k, item) for k in current):
            continue
        action = "add" if isinstance(item, Key) else "import"
        changes.append(_change(spec, user, action, item))
    doomed, declared, deleted = spec.exclusive | spec.purged, [item for who, item in spec.declared], set()
    for key in current:
        who = owner(key)
        if who in doomed and key.fingerprint not in deleted and not any(matches(key, item) for item in declared):
            deleted.add(key.fingerprint)  # one id deletes it (ImportKeys may have stored it twice, §18.3)
            changes.append(_change(spec, who, "delete", key))
    return changes


def _change(spec, user, action, item):
    text = {"add": "add SSH key %s to", "import": "import the SSH keys of %s into",
            "delete": "remove SSH key %s from"}[action] % _shown(item)
    return Change(PHASE, user, "%s model %s" % (text, spec.ref), KeyStep(spec, action, item))


def plan(specs, keys):
    """[Change] for every model of specs, from keys: {model key: [Key]} as read."""
    return [change for found, spec in specs.items() for change in plan_model(spec, keys[found])]


def views(specs, keys, changes):
    """{user key: (before, after)} for the users with changes: {model ref: [key labels]} of the keys that are
    theirs (by the rule above) before the changes and after them, for the diff."""
    out = {}
    for change in changes:
        spec, user = change.payload.model, change.key
        before, after = out.setdefault(user, ({}, {}))
        if spec.ref not in before:
            mine = [k for k in keys[spec.key] if owner(k) == user or any(
                matches(k, item) for who, item in spec.declared if who == user)]
            before[spec.ref] = [label(k) for k in mine]
            after[spec.ref] = list(before[spec.ref])
        shown = _shown(change.payload.item)
        if change.payload.action == "delete":
            after[spec.ref].remove(shown)
        else:
            after[spec.ref].append(shown if change.payload.action == "add" else "the keys of " + shown)
    return out
