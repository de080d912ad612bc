# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_user_info declaration=true against the simulator: exported, then applied back with juju_users."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.modules import juju_user_info, juju_users


def test_the_declaration_applied_to_the_same_controller_changes_nothing(run):
    exported = run(juju_user_info, declaration=True, include_disabled=False)
    assert exported["failed"] is False
    names = [entry["name"] for entry in exported["declaration"]]
    assert names == ["admin", "bob", "fred", "gone", "ops", "Zed"]
    assert "gone" not in [user["name"] for user in exported["users"]]
    by_name = dict((entry["name"], entry) for entry in exported["declaration"])
    assert by_name["gone"] == {"name": "gone", "enabled": False}
    assert by_name["bob"] == {"name": "bob", "display_name": "Bob", "enabled": True, "controller_access": "login",
                              "models": {"admin/default": "read"}, "offers": {"fred/prod.db": "consume"}}
    assert by_name["Zed"]["clouds"] == {"microk8s": "add-model"}
    assert exported["external_grants"] == [{"name": "everyone@external", "offers": {"fred/prod.db": "read"}}]
    for check_mode in (True, False):
        applied = run(juju_users, check_mode=check_mode, users=exported["declaration"], purge=True, purge_access=True)
        assert (applied["failed"], applied["changed"]) == (False, False), applied


@pytest.mark.parametrize("options, message", [
    (dict(name="bob"), "Declaration=true describes every user of the controller, so name cannot be given."),
    (dict(as_user="fred"), 'Declaration=true needs a controller superuser login user, and "fred" is not one'),
])
def test_a_partial_declaration_is_refused(run, options, message):
    result = run(juju_user_info, declaration=True, **options)
    assert result["failed"] is True
    assert result["msg"].startswith(message)
