# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Access levels and the plan of grant/revoke calls that moves a user from one level to
# another. Pure functions: the module reads the current level, calls plan(), and only
# then writes (or stops there in check mode).
#
# Juju 3.6 semantics (juju-api.md §5.2, §6.4, §7.2, §16), the same shape for all four kinds:
# - grant L: sets L if L is above the current level, else fails ("user already has").
# - revoke of the lowest level: removes the grant entirely.
# - revoke of any other level L: sets the level just below L, whatever the current level
#   was -- so "revoke admin" on a read-only model user RAISES them to write. A plan must
#   therefore never revoke a level the user does not hold; it always revokes the level
#   just above the one wanted, which lowers any higher level straight to it.

from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

LEVELS = {
    "controller": ("login", "superuser"),
    "model": ("read", "write", "admin"),
    "offer": ("read", "consume", "admin"),
    "cloud": ("add-model", "admin"),
}

Change = namedtuple("Change", ("action", "level"))

NONE = "none"  # accepted as a spelling of "no access" (None) in desired levels


def _levels(kind):
    try:
        return LEVELS[kind]
    except KeyError:
        raise InvalidInput('"%s" is not an access target; valid targets are %s.'
                           % (kind, ", ".join(sorted(LEVELS))))


def validate_level(kind, level, allow_none=False):
    """Return level (None for no access when allow_none); raise InvalidInput listing valid levels."""
    levels = _levels(kind)
    if allow_none and (level is None or level == NONE):
        return None
    if level not in levels:
        valid = levels + ((NONE,) if allow_none else ())
        raise InvalidInput('"%s" is not a valid %s access level; valid levels are %s.'
                           % (level, kind, ", ".join(valid)))
    return level


def rank(kind, level):
    """0 for no access, then 1, 2, ... from the lowest level up (for comparisons)."""
    level = validate_level(kind, level, allow_none=True)
    return 0 if level is None else _levels(kind).index(level) + 1


def plan(kind, current, desired):
    """Minimal ordered list of Change to go from current to desired (None = no access)."""
    levels = _levels(kind)
    have, want = rank(kind, current), rank(kind, desired)
    if have == want:
        return []
    if want > have:
        # Grants only raise, and raise straight to the requested level.
        return [Change("grant", levels[want - 1])]
    # Revoking level i+1 sets level i (or removes the grant when i is 0): one call, and
    # it only ever lowers, because the level revoked is at most the current one.
    return [Change("revoke", levels[want])]
