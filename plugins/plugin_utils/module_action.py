# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The action of every module of the collection: it runs the module as Ansible's own (normal) action
# does, the objects the worker inherited frozen and Python's cyclic garbage collector paused meanwhile.
#
# Why: the action runs in a worker process that ansible-playbook forked, sharing its whole heap until
# written to. Building the module's payload (parsing the module_utils it may import) and reading its
# result allocate enough to start full collections, and a full collection writes to every object the
# worker inherited, copying the heap page by page: about 100 ms of a one-task run, more than the
# module's own work (tests/benchmarks/ping_ratio.py). So the inherited objects are frozen, once per
# worker (left out of later collections: they are the parent's, alive), and collection is paused until
# the action ends; a worker that runs a loop collects what its items leave, between them.

import gc
import os

from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

_FROZEN = set()  # the processes (workers) whose inherited objects were frozen


class ModuleAction(ActionBase):

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        collecting = gc.isenabled()
        if os.getpid() not in _FROZEN:  # once per worker: what a loop's items leave is collected as usual
            gc.freeze()
            _FROZEN.add(os.getpid())
        gc.disable()
        try:
            result = super(ModuleAction, self).run(tmp, task_vars)
            del tmp  # tmp no longer has any effect
            return merge_hash(result, self.module_result(task_vars))
        finally:
            if collecting:
                gc.enable()

    def module_result(self, task_vars):
        """The module's result, for the task's arguments."""
        return self.execute(dict(self._task.args), task_vars)

    def execute(self, module_args, task_vars):
        """Run the module with module_args, as Ansible's normal action does (async included)."""
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result = self._execute_module(module_args=module_args, task_vars=task_vars, wrap_async=wrap_async)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
