# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# What the users role reports after juju_users (documented in users_changes.yml). One pass in Python:
# each selectattr over the results in a template costs Ansible a pass over every user, which at
# 10,000 users is seconds per report line.


def users_changes(results):
    """{changes, not_applied, purged}: the report lines of juju_users' results, "name: ..." each."""
    changes, not_applied, purged = [], [], []
    for result in results or []:
        if result.get("changed"):
            changes.append("%s: %s" % (result["name"], ", ".join(result["actions"])))
            if "purged" in result:
                purged.append("%s: %s" % (result["name"], result["purged"]))
        if result.get("not_applied"):
            not_applied.append("%s: %s" % (result["name"], "; ".join(result["not_applied"])))
    return {"changes": changes, "not_applied": not_applied, "purged": purged}


class FilterModule(object):
    def filters(self):
        return {"users_changes": users_changes}
