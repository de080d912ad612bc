# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# What differs between a declaration (the users role's juju_users list) and what juju_user_info
# read with include_access: the report's drift section, and a building block for any check of a
# controller against git. Pure: no I/O.
#
# It names what a check-mode run of the role would change, without the purges: the declaration is
# checked as juju_users checks it (declared_users.normalise), an option an entry leaves out is not
# compared, levels are exact (juju_users lowers a level above the declared one), model and offer
# names without an owner are the login user's, and users are matched by Juju's case rule. The
# display name (which Juju cannot change) and passwords (which cannot be read) are not compared; nor
# is the controller access of a user that is disabled now, which Juju hides.

from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils import declared_users, names

# user: the declared name; item: "user", "enabled", "controller", "model", "offer" or "cloud";
# target: the model ref, offer URL or cloud name (the controller's name is not known here: None);
# declared / actual: levels, "present"/"absent" for item "user", True/False for "enabled", None for
# no access; text: one sentence.
Drift = namedtuple("Drift", ("user", "item", "target", "declared", "actual", "text"))

# kind -> (the field of a juju_user_info user, the key a target is compared by)
_TARGETS = (
    ("model", "models", lambda ref, login: declared_users.model_key(*names.parse_model_ref(ref, login))),
    ("offer", "offers", lambda url, login: declared_users.offer_key(names.parse_offer_url(url, login))),
    ("cloud", "clouds", lambda name, login: name),
)


def _level(level):
    return level if level else "no access"


def _target_drift(entry, user, login_user):
    found = []
    for kind, field, key in _TARGETS:
        actual = dict((key(target, login_user), (target, level)) for target, level in (user.get(field) or {}).items())
        for target, declared in entry[field].items():
            ref, level = actual.get(key(target, login_user), (target, None))
            if level != declared:
                found.append(Drift(entry["name"], kind, ref, declared, level, 'User "%s": %s "%s" is %s, declared %s.'
                                   % (entry["name"], kind, ref, _level(level), _level(declared) if declared
                                      else "absent")))
    return found


def _user_drift(entry, user, login_user):
    name = entry["name"]
    if entry["state"] == "absent":
        return [Drift(name, "user", None, "absent", "present", 'User "%s" exists, declared absent.' % name)]
    found = []
    enabled = entry.get("enabled")
    if enabled is not None and enabled != user["enabled"]:
        state = ("disabled", "enabled")
        found.append(Drift(name, "enabled", None, enabled, user["enabled"], 'User "%s" is %s, declared %s.'
                           % (name, state[user["enabled"]], state[enabled])))
    wanted = entry.get("controller_access")
    if wanted and user["enabled"] and user.get("access") != wanted:
        found.append(Drift(name, "controller", None, wanted, user.get("access"),
                           'User "%s": controller access is %s, declared %s.' % (name, _level(user.get("access")),
                                                                                   wanted)))
    return found + _target_drift(entry, user, login_user)


def declaration_drift(declared, users, login_user):
    """[Drift] between declared (juju_users entries) and users (juju_user_info's, with include_access), in the
    declaration's order; login_user resolves model and offer names without an owner.

    Raises InvalidInput, naming every problem, when the declaration is not one juju_users accepts.
    """
    entries = declared_users.normalise(declared)[0]
    by_key = dict((names.user_key(user["name"]), user) for user in users)
    found = []
    for entry in entries:
        user = by_key.get(entry["key"])
        if user is not None:
            found += _user_drift(entry, user, login_user)
        elif entry["state"] == "present":
            found.append(Drift(entry["name"], "user", None, "present", "absent",
                               'User "%s" does not exist, declared present.' % entry["name"]))
    return found
