# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import itertools

import pytest

from ansible_collections.juju.controller.plugins.module_utils import access
from ansible_collections.juju.controller.plugins.module_utils.access import Change, plan
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput


# An executable model of Juju 3.6, written from the tables of juju-api.md (§5.2, §6.4,
# §7.2, §16) on purpose without the generic rule access.py uses, so the two readings check
# each other. None = no grant.
class JujuRefused(Exception):
    pass


ORDER = {
    "controller": [None, "login", "superuser"],
    "model": [None, "read", "write", "admin"],
    "offer": [None, "read", "consume", "admin"],
    "cloud": [None, "add-model", "admin"],
}

REVOKE = {  # (kind, revoked level) -> resulting level, if a grant exists at all
    ("controller", "login"): None,          # removes the controller grant entirely
    ("controller", "superuser"): "login",   # whatever it was
    ("model", "read"): None,                # removes the user from the model
    ("model", "write"): "read",             # also admin -> read, read stays read
    ("model", "admin"): "write",            # also read -> write (raises!)
    ("offer", "read"): None,
    ("offer", "consume"): "read",
    ("offer", "admin"): "consume",
    ("cloud", "add-model"): None,           # removes every cloud level, admin included
    ("cloud", "admin"): "add-model",        # also add-model stays add-model
}


def apply(kind, current, change):
    order = ORDER[kind]
    if change.level not in order[1:]:
        raise JujuRefused('"%s" %s access not valid' % (change.level, kind))
    if change.action == "grant":
        if current is not None and order.index(change.level) <= order.index(current):
            raise JujuRefused('user already has "%s" access or greater' % change.level)
        return change.level
    if change.action == "revoke":
        if current is None:
            raise JujuRefused("user not found")  # every revoke of a missing grant fails
        return REVOKE[(kind, change.level)]
    raise JujuRefused('unknown action "%s"' % change.action)


def run(kind, current, changes):
    for change in changes:
        current = apply(kind, current, change)
    return current


def reaches(kind, current, desired, changes):
    try:
        return run(kind, current, changes) == desired
    except JujuRefused:
        return False


ALL_PAIRS = [(kind, cur, des) for kind, order in ORDER.items() for cur in order for des in order]


def test_model_matches_the_level_table():
    assert {k: [None] + list(v) for k, v in access.LEVELS.items()} == ORDER


@pytest.mark.parametrize("kind,current,desired", ALL_PAIRS)
def test_plan_reaches_desired_and_is_minimal(kind, current, desired):
    changes = plan(kind, current, desired)
    assert all(isinstance(c, Change) and c.action in ("grant", "revoke") for c in changes)
    assert run(kind, current, changes) == desired  # raises JujuRefused on a Juju error
    # Brute force every sequence of up to two calls: the shortest that works has the plan's length.
    moves = [Change(a, lvl) for a in ("grant", "revoke") for lvl in ORDER[kind][1:]]
    shortest = next(length for length in range(3)
                    if any(reaches(kind, current, desired, list(seq))
                           for seq in itertools.product(moves, repeat=length)))
    assert len(changes) == shortest


@pytest.mark.parametrize("kind,current,desired", ALL_PAIRS)
def test_plan_never_revokes_a_level_the_user_does_not_hold(kind, current, desired):
    order = ORDER[kind]
    for change in plan(kind, current, desired):
        if change.action == "revoke":
            assert order.index(change.level) <= order.index(current)


@pytest.mark.parametrize("kind,current,desired,expected", [
    ("model", "admin", "read", [("revoke", "write")]),
    ("model", "admin", "write", [("revoke", "admin")]),
    ("model", "write", "read", [("revoke", "write")]),
    ("model", "read", None, [("revoke", "read")]),
    ("model", "admin", None, [("revoke", "read")]),
    ("model", "read", "admin", [("grant", "admin")]),
    ("model", None, "write", [("grant", "write")]),
    ("model", "write", "write", []),
    ("controller", "superuser", None, [("revoke", "login")]),
    ("controller", "superuser", "login", [("revoke", "superuser")]),
    ("controller", "login", "superuser", [("grant", "superuser")]),
    ("controller", None, "login", [("grant", "login")]),
    ("offer", "admin", "read", [("revoke", "consume")]),
    ("offer", "admin", "consume", [("revoke", "admin")]),
    ("offer", "consume", None, [("revoke", "read")]),
    ("offer", None, None, []),
    ("cloud", "admin", None, [("revoke", "add-model")]),
    ("cloud", "admin", "add-model", [("revoke", "admin")]),
    ("cloud", "add-model", None, [("revoke", "add-model")]),
    ("cloud", None, "admin", [("grant", "admin")]),
    ("cloud", "add-model", "admin", [("grant", "admin")]),
])
def test_known_plans(kind, current, desired, expected):
    assert plan(kind, current, desired) == [Change(*c) for c in expected]


def test_none_spelled_as_a_string():
    assert plan("model", "read", "none") == [Change("revoke", "read")]
    assert plan("offer", "none", "read") == [Change("grant", "read")]


def test_plan_rejects_unknown_kind_and_levels():
    with pytest.raises(InvalidInput, match="valid targets are cloud, controller, model, offer"):
        plan("application", None, "admin")
    with pytest.raises(InvalidInput, match='"write" is not a valid controller access level; '
                                           'valid levels are login, superuser, none'):
        plan("controller", None, "write")
    with pytest.raises(InvalidInput, match="valid levels are read, consume, admin, none"):
        plan("offer", "write", None)


def test_validate_level():
    assert access.validate_level("model", "write") == "write"
    assert access.validate_level("model", "none", allow_none=True) is None
    with pytest.raises(InvalidInput) as info:
        access.validate_level("model", "none")
    assert str(info.value) == '"none" is not a valid model access level; valid levels are read, write, admin.'
    with pytest.raises(InvalidInput, match="valid levels are login, superuser"):
        access.validate_level("controller", "add-model")  # a 2.x controller level, now a cloud one
    assert access.validate_level("cloud", "add-model") == "add-model"


def test_rank_orders_levels():
    assert [access.rank("offer", lvl) for lvl in ORDER["offer"]] == [0, 1, 2, 3]
