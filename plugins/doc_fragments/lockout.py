# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    """The guard against the login user locking itself out (module_utils/guards.py)."""

    DOCUMENTATION = r'''
options:
  allow_self_lockout:
    description:
      - Whether the task may lower or remove the login user's own controller access, or disable or remove
        the login user itself (for a login user that is not a controller C(superuser), also lower its own
        access to a model or offer).
      - Juju allows all of these, and afterwards the login user may be unable to log in or to manage the
        controller; with no other C(superuser) left, only editing the controller's database recovers it. So by
        default such a task fails, in check mode too, with a sentence that says why. Set V(true) only when that
        is really meant.
    type: bool
    default: false
'''
