# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.plugin_utils.module_action import ModuleAction


class ActionModule(ModuleAction):
    """juju_user_info runs as every module of the collection does (see plugin_utils/module_action.py)."""
