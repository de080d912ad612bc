# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ModuleAction: every module runs as Ansible's normal action runs it, what the worker inherited frozen and the
garbage collector paused meanwhile."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gc
import importlib
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from ansible.plugins.action import ActionBase

from ansible_collections.juju.controller.plugins.plugin_utils import module_action
from ansible_collections.juju.controller.plugins.plugin_utils.module_action import ModuleAction

MODULES = sorted(p.stem for p in (Path(__file__).resolve().parents[4] / "plugins" / "modules").glob("juju_*.py"))


@pytest.fixture
def action(monkeypatch):
    monkeypatch.setattr(ActionBase, "run", lambda self, tmp=None, task_vars=None: {"invocation_checked": True})
    made = ModuleAction(task=MagicMock(async_val=0, args={"name": "alice"}), connection=MagicMock(has_native_async=False),
                        play_context=MagicMock(), loader=MagicMock(), templar=MagicMock(), shared_loader_obj=None)
    made.calls, made.removed, made.frozen = [], [], []
    made._remove_tmp_path = made.removed.append

    def execute_module(module_args, task_vars, wrap_async):
        made.calls.append((module_args, task_vars, wrap_async, gc.isenabled()))
        made.frozen.append(gc.get_freeze_count())
        if module_args.get("raise"):
            raise RuntimeError("the module could not be run")
        return {"changed": True}
    made._execute_module = execute_module
    yield made
    gc.unfreeze()
    gc.enable()
    module_action._FROZEN.clear()


def test_the_module_runs_with_the_tasks_arguments_while_the_collector_is_paused(action):
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert action.run(task_vars={"v": 1}) == {"invocation_checked": True, "changed": True}
    assert action.calls == [({"name": "alice"}, {"v": 1}, 0, False)]
    assert action.frozen[0] > 1000  # the objects that were there before the action: the worker's inheritance
    assert gc.isenabled() and action.removed == [action._connection._shell.tmpdir]


def test_a_worker_freezes_what_it_inherited_once_so_a_loops_items_are_collected_as_usual(action):
    action.run(task_vars={})
    left_by_an_item = [[] for item in range(1000)]
    action.run(task_vars={})
    assert action.frozen[1] == action.frozen[0] and len(left_by_an_item) == 1000


def test_the_collector_runs_again_when_the_module_fails_to_run(action):
    action._task.args = {"raise": True}
    with pytest.raises(RuntimeError):
        action.run(task_vars={})
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused(action):
    gc.disable()
    action.run(task_vars={})
    assert not gc.isenabled()


def test_an_async_task_is_wrapped_and_keeps_its_temporary_directory(action):
    action._task.async_val = 30
    action.run(task_vars={})
    assert action.calls[0][2] is True and action.removed == []


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_its_module_action(name):
    plugin = importlib.import_module("ansible_collections.juju.controller.plugins.action.%s" % name)
    assert issubclass(plugin.ActionModule, ModuleAction)
