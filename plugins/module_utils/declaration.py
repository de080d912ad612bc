# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# A controller's users written back as the declaration juju_users (and the users role) takes, so
# that a controller run by hand can be brought under management: export, review, commit, apply.
# Pure: it turns juju_user_info's audit (users with their models, offers and clouds) into entries,
# and applying them to the same controller changes nothing. What juju_users cannot declare stays
# out of the entries and is said: passwords (Juju never shows them), the controller access of a
# disabled user (Juju does not show it), and external users (juju_users manages local users; their
# grants are listed apart, for juju_access).

from ansible_collections.juju.controller.plugins.module_utils.names import is_external, user_key

GRANT_KINDS = ("models", "offers", "clouds")


def entry(user):
    """The juju_users entry of one local user from the audit: only what it shows, sorted for a stable diff."""
    declared = {"name": user["name"]}
    if user.get("display_name"):
        declared["display_name"] = user["display_name"]
    declared["enabled"] = bool(user["enabled"])
    if user["enabled"] and user.get("access"):
        declared["controller_access"] = user["access"]
    for kind in GRANT_KINDS:
        if user.get(kind):
            declared[kind] = dict(sorted(user[kind].items()))
    return declared


def external_grants(user):
    """An external holder's own grants (controller access included), as juju_access takes them per target."""
    grants = {"name": user["name"]}
    if user.get("access"):
        grants["controller_access"] = user["access"]
    for kind in GRANT_KINDS:
        if user.get(kind):
            grants[kind] = dict(sorted(user[kind].items()))
    return grants


def declaration(users):
    """(juju_users entries of the local users, grants of the external holders), both sorted by user."""
    ordered = sorted(users, key=lambda user: user_key(user["name"]))
    return ([entry(user) for user in ordered if not is_external(user["name"])],
            [external_grants(user) for user in ordered if is_external(user["name"])])
