"""Benchmark: one module task against one ansible.builtin.ping task, whole ansible-playbook runs (issue 17).

Not a pytest test: run it and read the figures. It asserts nothing about time, but stops with an
error when a run fails.

    cd /work/main && .venv/bin/python tests/benchmarks/ping_ratio.py [--runs 16] [--baseline DIR]

On one in-process simulator (tests/integration/simhelper.SimRun, connecting through its client
store), it runs two one-task playbooks alternately, after one warm-up run of each:
  (a) juju.controller.juju_user_info reading one user (connect, log in, read);
  (b) ansible.builtin.ping;
and with --baseline DIR, (a) again from another checkout of the collection in each round, so that a
change is measured against its base in one run, under the same load.
Each run is timed from spawn to exit of ansible-playbook; CPU is the CPU time of the playbook's
processes (ansible-playbook, its workers, the module process), the simulator's apart. Prints
each run, the medians, the median of the pair-by-pair ratios a/b (the figure of the issue: at
most 1.1), the API calls of one module run, and the cost of importing the module in a fresh
Python against importing ansible.module_utils.basic alone (what every module pays). That import is
measured twice: from the collection's directory (.py files compiled once, then cached) and from a
zip of the collection's sources, as a task runs it (AnsiballZ ships sources, so every file is compiled at
each run: twice on Python 3.11, whose zipimport compiles a module to find it), the latter split by
`-X importtime` into the collection's own files and the libraries they load (PyYAML, websockets, ssl).
Last, the controller's side: the CPU time of building each task's AnsiballZ payload (Ansible 2.19's
module_common.recursive_finder, as the action plugin calls it for every task: it parses every module_utils
file the module can import, so it grows with the collection's code that the module reaches).
"""
import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / ".build"), str(ROOT / "tests" / "simulator"), str(ROOT / "tests" / "integration")]

from jujusim.stats import summary  # noqa: E402
from simhelper import SimRun, recap  # noqa: E402

MODULE = "juju.controller.juju_user_info"
PLAYS = {
    "module": [{"name": "One module task", "hosts": "localhost", "gather_facts": False,
                "tasks": [{"name": "Read one user", MODULE: {"name": "fred"}}]}],
    "ping": [{"name": "One ping task", "hosts": "localhost", "gather_facts": False,
              "tasks": [{"name": "Ping", "ansible.builtin.ping": {}}]}],
}
IMPORTS = {
    "module": "import ansible.module_utils.basic, ansible_collections.juju.controller.plugins.modules.juju_user_info",
    "basic": "import ansible.module_utils.basic",
}


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def self_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def play(run, path, **env):
    """(wall seconds, CPU of the playbook's processes, CPU of the simulator) of one ansible-playbook run."""
    started, cpu, sim_cpu = time.perf_counter(), children_cpu(), self_cpu()
    rc, output = run.playbook(path, **env)
    elapsed, cpu, sim_cpu = time.perf_counter() - started, children_cpu() - cpu, self_cpu() - sim_cpu
    if rc != 0 or recap(output).get("failed"):
        raise SystemExit("%s failed (rc %d):\n%s" % (path.name, rc, output[-3000:]))
    return elapsed, cpu, sim_cpu


def import_seconds(code, env, runs):
    """Median wall time of a fresh Python that runs `code` (imports), over `runs` runs."""
    def timed(source):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", source], env=env, check=True)
        return time.perf_counter() - started
    return statistics.median([timed(code) for run in range(runs)])


def collection_zip(path):
    """A zip of the collection's plugins as ansible_collections/juju/controller/..., each package with an
    __init__.py as AnsiballZ adds them: sources only, no compiled files."""
    with zipfile.ZipFile(path, "w") as archive:
        for package in ("ansible_collections", "ansible_collections/juju", "ansible_collections/juju/controller",
                        "ansible_collections/juju/controller/plugins"):
            archive.writestr(package + "/__init__.py", "")
        for folder in ("module_utils", "modules"):
            archive.writestr("ansible_collections/juju/controller/plugins/%s/__init__.py" % folder, "")
            for source in sorted((ROOT / "plugins" / folder).glob("*.py")):
                archive.write(source, "ansible_collections/juju/controller/plugins/%s/%s" % (folder, source.name))
    return path


def zip_import_split(archive, env, runs):
    """Median ms over `runs` fresh Pythons that import ansible.module_utils.basic, then the module from the
    zip `archive`: (total, the collection's files, the libraries they load), by -X importtime self times."""
    code = ("import sys; import ansible.module_utils.basic; sys.path.insert(0, %r); "
            "import ansible_collections.juju.controller.plugins.modules.juju_user_info" % str(archive))
    before = subprocess.run([sys.executable, "-X", "importtime", "-c", IMPORTS["basic"]], env=env, check=True,
                            capture_output=True, text=True).stderr
    basic = set(re.findall(r"^import time:.*\| +(\S+)$", before, re.M))
    figures = []
    for run in range(runs):
        trace = subprocess.run([sys.executable, "-X", "importtime", "-c", code], env=env, check=True,
                               capture_output=True, text=True).stderr
        own = other = 0
        for self_us, name in re.findall(r"^import time: +(\d+) \| +\d+ \| +(\S+)$", trace, re.M):
            if name.startswith("ansible_collections"):
                own += int(self_us)
            elif name not in basic:
                other += int(self_us)
        figures.append((own + other, own, other))
    return tuple(statistics.median(figure[index] for figure in figures) / 1000.0 for index in range(3))


# Run in a fresh Python: the CPU milliseconds of each of `runs` AnsiballZ builds of each module, as JSON.
BUILD = """
import datetime, io, json, sys, time, zipfile
from ansible.plugins.loader import init_plugin_loader, module_loader
init_plugin_loader()
from ansible._internal._ansiballz import _builder
from ansible._internal._datatag._tags import Origin
from ansible.executor import module_common

def build(fqcn):
    found = module_loader.find_plugin_with_context(fqcn)
    with open(found.plugin_resolved_path, "rb") as source:
        data = Origin(path=found.plugin_resolved_path).tag(source.read())
    started = time.process_time()
    payload = zipfile.ZipFile(io.BytesIO(), mode="w", compression=zipfile.ZIP_DEFLATED)
    module_common.recursive_finder(found.plugin_resolved_name.split(".")[-1], found.resolved_fqcn, data, payload,
                                   datetime.datetime.now(), _builder.ExtensionManager.create(task_vars={}))
    payload.close()
    return 1000 * (time.process_time() - started)

modules, runs, found = sys.argv[1:-1], int(sys.argv[-1]), {}
for run in range(runs + 1):  # alternately; the first round warms up (loads plugins, collections)
    for name in modules:
        milliseconds = build(name)
        if run:
            found.setdefault(name, []).append(milliseconds)
print(json.dumps(found))
"""


def build_ms(env, runs, collections=None):
    """{"module": median ms, "ping": median ms} of building the two tasks' AnsiballZ payloads on the controller,
    the module found in `collections` (an ANSIBLE_COLLECTIONS_PATH) when given."""
    if collections:
        env = dict(env, ANSIBLE_COLLECTIONS_PATH=collections)
    output = subprocess.run([sys.executable, "-c", BUILD, MODULE, "ansible.builtin.ping", str(runs)], env=env,
                            check=True, capture_output=True, text=True).stdout
    found = json.loads(output)
    return {"module": statistics.median(found[MODULE]), "ping": statistics.median(found["ansible.builtin.ping"])}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=16, help="counted runs of each playbook (default 16)")
    parser.add_argument("--baseline", type=Path, help="another checkout of the collection (with its .build, as "
                        "`make` leaves it), e.g. the main branch: each round also runs the module task from it")
    args = parser.parse_args(argv)
    baseline = None
    if args.baseline is not None:
        baseline = {"ANSIBLE_COLLECTIONS_PATH": str(args.baseline.resolve() / ".build")}
    print("%d paired runs of a %s task and a ping task; load average %.2f %.2f %.2f on %d CPUs"
          % ((args.runs, MODULE) + os.getloadavg() + (os.cpu_count(),)))
    with tempfile.TemporaryDirectory(prefix="ping-bench-") as tmp:
        run = SimRun(Path(tmp))
        try:
            paths = {}
            for name, plays in PLAYS.items():
                paths[name] = Path(tmp) / ("%s.yml" % name)
                paths[name].write_text(yaml.safe_dump(plays))
            for name in ("module", "ping"):  # warm-up: page cache, compiled Python, module_utils cache
                play(run, paths[name])
            if baseline:
                play(run, paths["module"], **baseline)
            figures = {"module": [], "ping": [], "baseline": []}
            calls = None
            for number in range(1, args.runs + 1):
                run.sim.reset_counters()
                figures["module"].append(play(run, paths["module"]))
                calls = summary(run.sim.counters)
                figures["ping"].append(play(run, paths["ping"]))
                module, ping = figures["module"][-1], figures["ping"][-1]
                print("run %2d  module %.3f s (CPU %.3f s)  ping %.3f s (CPU %.3f s)  ratio %.3f  (load %.2f)"
                      % (number, module[0], module[1], ping[0], ping[1], module[0] / ping[0], os.getloadavg()[0]))
                if baseline:
                    figures["baseline"].append(play(run, paths["module"], **baseline))
                    print("        baseline module %.3f s (CPU %.3f s)  ratio %.3f"
                          % (figures["baseline"][-1][:2] + (figures["baseline"][-1][0] / ping[0],)))
                sys.stdout.flush()
            env = run.env(PYTHONPATH=str(ROOT / ".build"))
            imports = dict((name, import_seconds(code, env, args.runs)) for name, code in IMPORTS.items())
            imports["zip"] = zip_import_split(collection_zip(Path(tmp) / "collection.zip"), env, args.runs)
            imports["build"] = build_ms(env, args.runs)
            if baseline:
                imports["baseline build"] = build_ms(env, args.runs, baseline["ANSIBLE_COLLECTIONS_PATH"])
        finally:
            run.close()
    report(figures, calls, imports)
    return 0


def report(figures, calls, imports):
    def median(name, index):
        return statistics.median(figure[index] for figure in figures[name])
    print("\n%-8s %14s %14s %20s" % ("task", "median wall s", "median CPU s", "simulator CPU s"))
    for name in ("module", "ping", "baseline"):
        if figures[name]:
            print("%-8s %14.3f %14.3f %20.3f" % (name, median(name, 0), median(name, 1), median(name, 2)))
    for name in ("module", "baseline"):
        if not figures[name]:
            continue
        ratios = [module[0] / ping[0] for module, ping in zip(figures[name], figures["ping"])]
        cpu_ratios = [module[1] / ping[1] for module, ping in zip(figures[name], figures["ping"])]
        print("%s task / ping task, median of %d paired ratios: wall %.3f (min %.3f, max %.3f), CPU %.3f"
              % (name, len(ratios), statistics.median(ratios), min(ratios), max(ratios), statistics.median(cpu_ratios)))
    print("module task above ping: %.0f ms wall, %.0f ms CPU"
          % (1000 * (median("module", 0) - median("ping", 0)), 1000 * (median("module", 1) - median("ping", 1))))
    # On a shared machine the fastest run of each is the one least slowed down by the others' work.
    fastest = dict((name, min(figure[0] for figure in figures[name])) for name in figures if figures[name])
    print("fastest run of each (the least disturbed by load): %s; ratio to ping's %s"
          % (", ".join("%s %.3f s" % (name, fastest[name]) for name in ("module", "ping", "baseline") if name in fastest),
             ", ".join("%s %.3f" % (name, fastest[name] / fastest["ping"]) for name in ("module", "baseline")
                       if name in fastest)))
    print("API calls of one module run: logins %(logins)d, reads %(reads)d, writes %(writes)d" % calls)
    print("fresh Python importing ansible.module_utils.basic: %.0f ms; and %s: %.0f ms (+%.0f ms)"
          % (1000 * imports["basic"], MODULE, 1000 * imports["module"], 1000 * (imports["module"] - imports["basic"])))
    print("the same from a zip of the collection's sources, as a task imports it: +%.0f ms (the collection's files "
          "%.0f ms, the libraries they load %.0f ms)" % imports["zip"])
    for name, label in (("build", "module"), ("baseline build", "baseline module")):
        if name in imports:
            print("building the task's AnsiballZ payload on the controller, median CPU: %s %.0f ms, ping %.0f ms "
                  "(+%.0f ms)" % (label, imports[name]["module"], imports[name]["ping"],
                                  imports[name]["module"] - imports[name]["ping"]))
    print("load average at the end %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
