# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Making the planned writes when other writers may be converging the same controller at
# the same time (juju-api.md §17). Two runs that both read "absent" both call AddUser;
# the second is told "username unavailable". That is not a failure: the state the task
# wanted is there. So a write that loses such a race (errors.lost_race) stops the round,
# the state is read again and re-planned, and only the writes this task really made are
# reported. No Ansible here: modules and juju_users share it.

from ansible_collections.juju.controller.plugins.module_utils import errors

ROUNDS = 3


def action_of(step):
    """A step is an action name ("add") or has one (access.Change)."""
    return getattr(step, "action", step)


def converge(steps, apply_step, replan, applied, rounds=ROUNDS):
    """Make `steps` in order with apply_step(step), appending each one made to `applied`.

    After a lost race, replan() reads the controller again and returns the steps still
    needed; at most `rounds` rounds. `applied` is the caller's list so that it knows what
    was made when a write fails. Any other JujuError is raised as it is.
    """
    for dummy in range(rounds):
        for step in steps:
            try:
                apply_step(step)
            except errors.JujuError as error:
                if not errors.lost_race(error, action_of(step)):
                    raise
                break
            applied.append(step)
        else:
            return applied
        steps = replan()
        if not steps:
            return applied
    raise errors.JujuError("the controller kept changing while the task applied its changes (%d rounds, "
                           "each overtaken by another writer); run the task again." % rounds)
