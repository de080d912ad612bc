# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""declaration: the audit written back as juju_users entries, without a controller."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.module_utils.declaration import declaration


def audited(name, **fields):
    user = {"name": name, "display_name": "", "access": "login", "enabled": True, "models": {}, "offers": {},
            "clouds": {}}
    user.update(fields)
    return user


def test_entries_hold_what_the_audit_shows_and_nothing_juju_users_cannot_declare():
    users = [
        audited("zed", display_name="Zed", models={"fred/prod": "read", "admin/default": "write"}),
        audited("Alice", access="superuser", offers={"fred/prod.db": "consume"}, clouds={"microk8s": "add-model"}),
        audited("gone", access=None, enabled=False, models={"admin/default": "read"}),
        audited("norights", access=None),
        audited("everyone@external", access=None, offers={"fred/prod.db": "read"}),
        audited("dan@external", access="login"),
    ]
    local, external = declaration(users)
    assert local == [
        {"name": "Alice", "enabled": True, "controller_access": "superuser", "offers": {"fred/prod.db": "consume"},
         "clouds": {"microk8s": "add-model"}},
        {"name": "gone", "enabled": False, "models": {"admin/default": "read"}},
        {"name": "norights", "enabled": True},
        {"name": "zed", "display_name": "Zed", "enabled": True, "controller_access": "login",
         "models": {"admin/default": "write", "fred/prod": "read"}},
    ]
    assert list(local[3]["models"]) == ["admin/default", "fred/prod"]  # sorted, for a stable diff in git
    # An external user's access is its own controller grant (juju_user_info's audit).
    assert external == [{"name": "dan@external", "controller_access": "login"},
                        {"name": "everyone@external", "offers": {"fred/prod.db": "read"}}]


def test_a_disabled_users_controller_access_is_never_declared():
    # Juju shows none for a disabled user; declaring one would be a guess.
    local, dummy = declaration([audited("gone", access="superuser", enabled=False)])
    assert local == [{"name": "gone", "enabled": False}]
