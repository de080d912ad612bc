# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The holders of one target (juju_access): who must hold which level, who is left alone, and
# the grant or revoke call for each user in between. Pure functions, like access.plan, which
# decides each user's call: the module reads, plans here, checks, and only then writes.
#
# What a target's holder list cannot show, or Juju will not change, is decided here too,
# from what was read, so that check mode refuses exactly what the real run would:
# - an offer's owner holds admin from the moment the offer is made (juju-api.md §19.4),
#   and everyone@external its default read: exclusive lists leave both alone unless named;
# - on an offer Juju shows the login user's effective level, never its own grant (§19.2),
#   so a login user that is offer admin through superuser or model admin cannot manage it;
# - a disabled local user's controller access cannot be read, and most of its model and
#   offer changes are refused by Juju (§19.3).

from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils import access
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput, Refused
from ansible_collections.juju.controller.plugins.module_utils.names import user_key, validate_user_name

EVERYONE = "everyone@external"

# One user's part of the plan: Juju's spelling, the level now and the level wanted (None: no access).
Holding = namedtuple("Holding", ("user", "current", "desired", "change"))

# What Juju 3.6 does with a change of a disabled local user's access (§19.3), by target kind and by
# whether the user holds a grant there: True when Juju applies it.
_DISABLED_ALLOWED = {
    "model": lambda current, change: current is not None and change == access.Change("revoke", "read"),
    "offer": lambda current, change: current is None and change.action == "grant",
    "cloud": lambda current, change: True,
    "controller": lambda current, change: False,
}


def desired_holders(kind, users):
    """{user key: (name, level or None)} from the task's `users` mapping, each name and level checked;
    the same user twice (Zed and zed@local) is refused."""
    if not isinstance(users, dict):
        raise InvalidInput("users must be a mapping of user names to access levels.")
    wanted = {}
    for name, level in users.items():
        user = validate_user_name(name)
        key = user_key(user)
        if key in wanted:
            raise InvalidInput('users names user "%s" twice ("%s" and "%s"); give each user once.'
                               % (user, wanted[key][0], name))
        wanted[key] = (user, access.validate_level(kind, level, allow_none=True))
    return wanted


def plan_holders(kind, current, wanted, exclusive, kept):
    """[Holding] for every user named in `wanted` and, when exclusive, every other holder in `current`
    ({user: level}) that `kept` ({user key: why}) does not leave alone; sorted by user."""
    holdings = {}
    for key, (name, level) in wanted.items():
        holdings[key] = (name, None, level)
    for name, level in current.items():
        key = user_key(name)
        if key in holdings:
            holdings[key] = (name, level, holdings[key][2])
        elif exclusive and key not in kept:
            holdings[key] = (name, level, None)
    plans = []
    for key in sorted(holdings):
        name, have, want = holdings[key]
        steps = access.plan(kind, have, want)
        plans.append(Holding(name, have, want, steps[0] if steps else None))
    return plans


def left_alone(current, wanted, exclusive, kept):
    """[{user, access, why}] of the holders an exclusive list does not touch, and why."""
    if not exclusive:
        return []
    return [{"user": name, "access": level, "why": kept[user_key(name)]}
            for name, level in sorted(current.items(), key=lambda item: user_key(item[0]))
            if user_key(name) in kept and user_key(name) not in wanted]


def offer_kept(owner, login_user, login_implicit_admin):
    """{user key: why} of the offer holders an exclusive list leaves alone unless it names them."""
    kept = {user_key(owner): "owns the offer, and Juju keeps the owner's admin",
            user_key(EVERYONE): "holds the default read that Juju gives every new offer"}
    if login_implicit_admin:
        kept.setdefault(user_key(login_user), "is the login user, whose own offer grant Juju does not show")
    return kept


def check_offer_holders(url, owner, wanted, login_user, login_implicit_admin):
    """Refuse what no grant or revoke on the offer can do (before anything is sent)."""
    name, level = wanted.get(user_key(owner), (None, None))
    if name is not None and level != "admin":
        raise Refused('user "%s" owns offer "%s" and keeps admin on it (Juju gives the owner admin and this '
                      'module never revokes it); leave it out of users or give it admin.' % (name, url))
    name = wanted.get(user_key(login_user), (None,))[0]
    if name is not None and login_implicit_admin:
        raise Refused('user "%s" is the login user, which Juju shows as admin of offer "%s" through its '
                      'controller superuser or model admin access and whose own offer grant it never shows; '
                      'leave it out of users, or log in as another user to manage it.' % (name, url))


def check_disabled(kind, target_name, holdings, disabled):
    """Refuse the changes Juju refuses for a disabled local user (`disabled`: their user keys)."""
    for holding in holdings:
        if holding.change is None or user_key(holding.user) not in disabled:
            continue
        if not _DISABLED_ALLOWED[kind](holding.current, holding.change):
            raise Refused('user "%s" is disabled, and Juju does not change a disabled user\'s %s access '
                          '(%s %s on %s "%s"); enable it first.'
                          % (holding.user, kind, holding.change.action, holding.change.level, kind, target_name))


def suspends_relations(kind, holding):
    """True when the change revokes the consume right of a user whose cross-model relations Juju then
    suspends (§19.4: revoking read or consume; everyone@external makes no relations)."""
    return (kind == "offer" and holding.change is not None and holding.change.action == "revoke"
            and holding.change.level in ("read", "consume") and access.rank("offer", holding.current) >= 2
            and user_key(holding.user) != EVERYONE)


def suspension_warning(holding, url):
    return ('Revoking offer access "%s" from user "%s" suspends the cross-model relations that "%s" made to offer '
            '"%s" (unless it is a controller superuser or an admin of the offering model), and granting the access '
            'again does not resume them.' % (holding.change.level, holding.user, holding.user, url))
