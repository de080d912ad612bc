# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper (tests/benchmarks/bulk.py): where a playbook run spends its time.

Appends one JSON line to $TASK_SECONDS_FILE at the end of the run: the seconds from this plugin's
loading (ansible-playbook has read the playbook) to the first task, then each task's seconds (from its
start to the next task's start or the end of the play).
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r'''
name: task_seconds
type: aggregate
short_description: Seconds per task, for the benchmarks
description:
  - Writes the seconds spent before the first task and in each task to the file named by E(TASK_SECONDS_FILE).
requirements:
  - enabled in ANSIBLE_CALLBACKS_ENABLED
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_seconds"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._since, self._current, self._phases = time.perf_counter(), "before the first task", []

    def _next(self, name):
        now = time.perf_counter()
        self._phases.append([self._current, round(now - self._since, 3)])
        self._since, self._current = now, name

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._next(task.get_name())

    def v2_playbook_on_stats(self, stats):
        self._next(None)
        with open(os.environ["TASK_SECONDS_FILE"], "a") as out:
            out.write(json.dumps(self._phases) + "\n")
