# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The plan of KeyManager writes that makes a model's keys what a task asks (juju-api.md §18).
# Pure: the module reads the visible keys (ListKeys hides Juju's own, so they are never in a
# plan), calls plan(), and only then writes. What the task wants is either one key, matched by
# fingerprint as Juju matches it (the same key under another comment is the same key), or the
# keys of an import id, matched by the comment ssh-import-id gives every key it prints
# ("<account>@github/<id> # ssh-import-id gh:<account>"), which Juju stores as it is.
# Additions come before deletions, so a model is never left without the wanted key and a
# Kubernetes model, which has no hidden key, never meets Juju's "cannot delete all keys".

from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import Key

# action: "add" (key: a Key), "import" (key: the import id) or "delete" (key: a Key read from the model)
Step = namedtuple("Step", ("action", "key"))


def imported_from(key, import_id):
    """True when ssh-import-id fetched the stored key for import_id (its marker ends the comment)."""
    return bool(key.comment) and key.comment.endswith("# ssh-import-id " + import_id)


def matches(key, wanted):
    if isinstance(wanted, Key):
        return key.fingerprint is not None and key.fingerprint == wanted.fingerprint
    return imported_from(key, wanted)


def plan(current, wanted, state, exclusive):
    """[Step] from the visible keys `current` (list of Key) to what the task wants.

    wanted: a Key or an import id; state: "present" or "absent"; exclusive (present only): every
    other visible key, unparseable stored lines included, is deleted.
    """
    have = [k for k in current if matches(k, wanted)]
    if state == "absent":
        # Several stored lines can share a fingerprint (ImportKeys adds duplicates, §18.3): one
        # delete per line, each its own call, as Juju deletes only the last of them per id.
        return [Step("delete", k) for k in have]
    steps = []
    if not have:
        steps.append(Step("add", wanted) if isinstance(wanted, Key) else Step("import", wanted))
    if exclusive:
        steps.extend(Step("delete", k) for k in current if not matches(k, wanted))
    return steps


def predict(current, steps):
    """The keys the model would show after the steps (check mode): an added key is appended, as Juju
    does; the keys an import would add are not known before the controller fetches them."""
    keys = list(current)
    for step in steps:
        if step.action == "add":
            keys.append(step.key)
        elif step.action == "delete":
            keys.remove(step.key)
    return keys
