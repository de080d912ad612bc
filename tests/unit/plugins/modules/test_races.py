# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Races converge (juju-api.md §17): 8 processes converge the same users and grants at once.

Every write is held back a little by the simulator, so the processes all read before any of them
writes, and all but one lose each race. Every run must succeed, each task must be reported as
changed by exactly one process (the one whose write Juju made), and the end state must be exact.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys
from collections import Counter

WORKERS = 8
RACERS = ["racer1", "racer2", "racer3"]
CREATES = [["juju_user", {"name": name, "password": "Racer-pw-123"}] for name in RACERS]
GRANTS = ([["juju_user_access", {"user": name, "model": "default", "access": "write"}] for name in RACERS]
          + [["juju_user_access", {"user": name, "offer": "fred/prod.db", "access": "consume"}] for name in RACERS]
          + [["juju_user_access", {"user": "bob", "access": "superuser"}]])
REMOVALS = [["juju_user", {"name": "fred", "state": "absent", "allow_model_owner_removal": True}],  # fred owns prod
            ["juju_user_access", {"user": "everyone@external", "offer": "fred/prod.db", "state": "absent"}],
            ["juju_user_access", {"user": "Zed", "model": "default", "state": "absent"}]]
HELD_BACK = [("UserManager", "AddUser"), ("UserManager", "RemoveUser"), ("Controller", "ModifyControllerAccess"),
             ("ModelManager", "ModifyModelAccess"), ("ApplicationOffers", "ModifyOfferAccess")]


def job_for(sim, me, ready_dir):
    # The same tasks in the same order: the processes reach each one at about the same time.
    return {"juju_data": str(sim.juju_data), "ready_dir": str(ready_dir), "workers": WORKERS, "me": me,
            "tasks": CREATES + GRANTS + REMOVALS}


def test_eight_processes_converge_the_same_users_and_grants(simulator, tmp_path):
    for facade, method in HELD_BACK:
        simulator.inject(facade, method, delay=0.15, times=None)
    ready = tmp_path / "ready"
    ready.mkdir()
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("JUJU_"))
    env["PYTHONPATH"] = os.pathsep.join([here] + sys.path)
    processes = []
    for me in range(WORKERS):
        path = tmp_path / ("job-%d.json" % me)
        path.write_text(json.dumps(job_for(simulator, me, ready)))
        processes.append(subprocess.Popen([sys.executable, os.path.join(here, "race_worker.py"), str(path)],
                                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          universal_newlines=True))
    outputs = [process.communicate(timeout=120) for process in processes]
    simulator.clear_faults()
    writes = simulator.counters["writes"]
    assert [process.returncode for process in processes] == [0] * WORKERS, outputs
    results = [result for stdout, dummy in outputs for result in json.loads(stdout)]
    changed = Counter(json.dumps(r["task"], sort_keys=True) for r in results if r["changed"])
    every_task = [json.dumps(task, sort_keys=True) for task in CREATES + GRANTS + REMOVALS]
    assert changed == Counter(every_task)  # each change made once, and reported by the one who made it
    assert writes > len(every_task)  # races were lost (and converged), not just taken in turn

    state = simulator.state
    assert sorted(u.name for u in state.users.values() if not u.deleted) == sorted(
        ["admin", "ops", "bob", "Zed", "gone"] + RACERS)
    assert all(state.user(name).password_valid("Racer-pw-123") for name in RACERS)
    assert dict((k, v) for k, v in state.controller_access.items()) == dict(
        [("admin", "superuser"), ("ops", "superuser"), ("bob", "superuser"), ("zed", "login"), ("gone", "login")]
        + [(name, "login") for name in RACERS])
    model = state.models[simulator.model_uuid("admin/default")]
    assert dict((k, mu.access) for k, mu in model.users.items()) == dict(
        [("admin", "admin"), ("bob", "read")] + [(name, "write") for name in RACERS])
    offer = next(o for o in state.offers if o.name == "db")
    assert offer.users == dict([("bob", "consume")] + [(name, "consume") for name in RACERS])
