# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The plan of KeyManager writes that makes a model's keys what a task asks (juju-api.md §18).
# Pure: the module reads the visible keys (ListKeys hides Juju's own, so they are never in a
# plan), calls plan(), and only then writes. Keys are compared by fingerprint, as Juju does:
# the same key under another comment is the same key (Juju refuses it as a duplicate).
# Additions come before deletions, so a model is never left without the wanted key and a
# Kubernetes model, which has no hidden key, never meets Juju's "cannot delete all keys".

from collections import namedtuple

Step = namedtuple("Step", ("action", "key"))  # action: "add" or "delete"; key: ssh_keys.Key


def plan(current, wanted, state, exclusive):
    """[Step] from the visible keys `current` (list of Key) to what the task wants.

    wanted: the task's Key; state: "present" or "absent"; exclusive (present only): every
    other visible key, unparseable stored lines included, is deleted.
    """
    have = [k for k in current if k.fingerprint == wanted.fingerprint]
    if state == "absent":
        # Several stored lines can share the fingerprint (ImportKeys adds duplicates, §18.3):
        # one delete per line, each its own call, as Juju deletes only the last of them per id.
        return [Step("delete", k) for k in have]
    steps = [] if have else [Step("add", wanted)]
    if exclusive:
        steps.extend(Step("delete", k) for k in current if k.fingerprint != wanted.fingerprint)
    return steps


def satisfied(current, wanted, state, exclusive):
    """True when the keys read back are what the task asks (nothing left to plan)."""
    return not plan(current, wanted, state, exclusive)


def predict(current, steps):
    """The keys the model would show after the steps (check mode): additions appended, as Juju does."""
    keys = list(current)
    for step in steps:
        if step.action == "add":
            keys.append(step.key)
        else:
            keys.remove(step.key)
    return keys
