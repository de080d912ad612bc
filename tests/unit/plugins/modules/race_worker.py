"""One of the concurrent runs of test_races.py: python race_worker.py JOB.json.

JOB: {"juju_data", "ready_dir", "workers", "me", "tasks": [[module name, options], ...]}. Waits until every
worker has started (so that their calls overlap), runs each task's main() in-process, prints the
results as JSON and exits 0 only if no task failed.
"""
import importlib
import json
import os
import sys
import time

from modrun import run_main


def wait_for_everyone(job):
    open(os.path.join(job["ready_dir"], "ready-%d" % job["me"]), "w").close()
    deadline = time.monotonic() + 60
    while len(os.listdir(job["ready_dir"])) < job["workers"] and time.monotonic() < deadline:
        time.sleep(0.01)


def main():
    with open(sys.argv[1]) as handle:
        job = json.load(handle)
    modules = dict((name, importlib.import_module("ansible_collections.juju.controller.plugins.modules." + name))
                   for name in set(task[0] for task in job["tasks"]))
    wait_for_everyone(job)
    results = []
    for name, options in job["tasks"]:
        result = run_main(modules[name], dict(options, juju_data=job["juju_data"], timeout=30.0))
        results.append({"task": [name, options], "changed": result["changed"], "failed": result["failed"],
                        "msg": result.get("msg")})
    print(json.dumps(results))
    return 1 if any(r["failed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
