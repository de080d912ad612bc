# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""users_changes: the users role's report lines, from juju_users' results."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.filter.users_changes import FilterModule, users_changes

RESULTS = [
    {"name": "alice", "changed": True, "actions": ["add", "grant model admin/prod read"], "not_applied": []},
    {"name": "bob", "changed": False, "actions": [], "not_applied": []},
    {"name": "carol", "changed": True, "actions": ["remove"], "not_applied": [], "purged": "removed"},
    {"name": "dan", "changed": False, "actions": [], "not_applied": [], "purged": "disabled_access_kept"},
    {"name": "eve", "changed": True, "actions": ["add"],
     "not_applied": ["grant model admin/prod write: permission denied", "disable: not attempted"]},
    {"name": "fay", "changed": False, "actions": [], "not_applied": ["add: refused"]},
]


def test_each_line_names_the_user_then_what_was_done_in_the_results_order():
    assert users_changes(RESULTS) == {
        "changes": ["alice: add, grant model admin/prod read", "carol: remove", "eve: add"],
        "not_applied": ["eve: grant model admin/prod write: permission denied; disable: not attempted",
                        "fay: add: refused"],
        # dan was already off-boarded as the purge wants: no change, no line
        "purged": ["carol: removed"],
    }


def test_no_results_give_no_lines():
    assert users_changes([]) == users_changes(None) == {"changes": [], "not_applied": [], "purged": []}


def test_the_filter_is_registered_by_its_name():
    assert FilterModule().filters() == {"users_changes": users_changes}
