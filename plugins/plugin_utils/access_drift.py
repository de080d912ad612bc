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


def _model(ref, login_user, refs):
    """A declared model's owner/name: a UUID (as juju_users takes it first) by juju_user_info's models, else
    the UUID itself (a model the read does not show)."""
    if names.is_model_uuid(ref):
        return refs.get(ref, ref)
    return "%s/%s" % names.parse_model_ref(ref, login_user)


# kind -> (the field of a juju_user_info user, the target's full name (ref, login user, {uuid: owner/name}),
# with its owner for a model or offer)
_TARGETS = (
    ("model", "models", _model),
    ("offer", "offers", lambda url, login, refs: names.parse_offer_url(url, login)),
    ("cloud", "clouds", lambda name, login, refs: name),
)


def _key(kind, target):
    """Targets compared as Juju compares them: the owner of a model or offer by Juju's case rule."""
    if kind == "cloud" or "/" not in target:  # a cloud, or the UUID of a model that was not read
        return target
    owner, rest = target.split("/", 1)
    return "%s/%s" % (names.user_key(owner), rest)


def _access(level):
    return "%s access" % level if level else "no access"


def _target_drift(entry, user, login_user, refs):
    found = []
    for kind, field, full_name in _TARGETS:
        actual = dict((_key(kind, target), (target, level)) for target, level in (user.get(field) or {}).items())
        for target, declared in entry[field].items():
            target = full_name(target, login_user, refs)
            ref, level = actual.get(_key(kind, target), (target, None))
            if level != declared:
                found.append(Drift(entry["name"], kind, ref, declared, level, 'User "%s" has %s to %s "%s", declared %s.'
                                   % (entry["name"], _access(level), kind, ref, declared or "absent")))
    return found


def _user_drift(entry, user, login_user, refs):
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
        have = user.get("access")
        found.append(Drift(name, "controller", None, wanted, have,
                           'User "%s" has %s to the controller, declared %s.' % (name, _access(have), wanted)))
    return found + _target_drift(entry, user, login_user, refs)


def declaration_drift(declared, users, login_user, models=None):
    """[Drift] between declared (juju_users entries) and users (juju_user_info's, with include_access), in the
    declaration's order; login_user resolves model and offer names without an owner, and models (juju_user_info's
    {owner/name: UUID}) the models declared by UUID.

    Raises InvalidInput, naming every problem, when the declaration is not one juju_users accepts.
    """
    entries = declared_users.normalise(declared)[0]
    by_key = dict((names.user_key(user["name"]), user) for user in users)
    refs = dict((uuid, ref) for ref, uuid in (models or {}).items())
    found = []
    for entry in entries:
        user = by_key.get(entry["key"])
        if user is not None:
            found += _user_drift(entry, user, login_user, refs)
        elif entry["state"] == "present":
            found.append(Drift(entry["name"], "user", None, "present", "absent",
                               'User "%s" does not exist, declared present.' % entry["name"]))
    return found
