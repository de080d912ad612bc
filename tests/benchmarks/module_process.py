"""Benchmark: the juju_users module process alone, at many users, phase by phase (issue 17).

Not a pytest test: run it and read the figures. It asserts nothing about time, but stops with an
error when a run fails, leaves the controller unlike the declaration, or when two checkouts give
different results for the same run.

    cd /work/main && .venv/bin/python tests/benchmarks/module_process.py [--runs 3] [--sizes 1000 10000]
        [--against /path/to/other/checkout (with its .build link)] [--wrap "py-spy record ... --"]

For each size N, each repetition and each checkout (this one, and --against's, side by side) it
starts a fresh in-process simulator (tests/integration/simhelper.SimRun with bulk.py's FIXTURE) and
runs the juju_users module process as Ansible runs it (a Python child reading the module's JSON
arguments, running the module as __main__, with the options and the no_log the role gives it): a
first run that creates the N users of bulk.declared_users(N), then a no-op run. The module is not
zipped, so Python's byte-code cache spares the compile time of AnsiballZ. The child times its own
phases (CPU and wall seconds, each phase without the phases it calls; the simulator answers in this
process, so the wall time of read and apply is mostly its own) and its peak memory; the result JSON of
both checkouts must be the same (registration strings, which are random, compared by their users
only; the run's directory and the models' UUIDs, which differ between simulators, left out).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / ".build"), str(ROOT / "tests" / "simulator"), str(ROOT / "tests" / "integration"),
                str(ROOT / "tests" / "benchmarks")]

from bulk import FIXTURE, check_converged, declared_users  # noqa: E402
import yaml  # noqa: E402
from simhelper import SimRun  # noqa: E402

# Runs in the child: the module as Ansible runs it (as __main__), its phases timed (self time: a phase's
# figure leaves out the phases it calls) and printed on stderr as the last line, with the peak memory;
# the result goes to the file named by MODULE_PROCESS_OUT as Ansible reads it on stdout (a profiler
# running the child may cut its stdout).
CHILD = r"""
import json, os, runpy, sys, time
sys.stdout = open(os.environ["MODULE_PROCESS_OUT"], "w")
clock = lambda: (time.perf_counter(), time.process_time())
started = clock()
from ansible.module_utils import basic
from ansible_collections.juju.controller.plugins.module_utils import (
    converge_keys, converge_users, declared_users, juju_module, scrub, scrubbed_module)
imported = clock()
totals, stack = {"import": [imported[0] - started[0], imported[1] - started[1]]}, []

def timed(owner, attribute, phase):
    inner = getattr(owner, attribute)
    def wrapper(*args, **kwargs):
        stack.append([phase, clock(), 0.0, 0.0])
        try:
            return inner(*args, **kwargs)
        finally:
            name, (wall, cpu), nested_wall, nested_cpu = stack.pop()
            now = clock()
            spent = totals.setdefault(name, [0.0, 0.0])
            spent[0] += now[0] - wall - nested_wall
            spent[1] += now[1] - cpu - nested_cpu
            if stack:
                stack[-1][2] += now[0] - wall
                stack[-1][3] += now[1] - cpu
    setattr(owner, attribute, wrapper)

timed(juju_module.JujuModule, "__init__", "options")
timed(declared_users, "normalise", "normalise")
timed(converge_users, "read_current", "read")
timed(converge_users, "verify_passwords", "read")
timed(converge_keys, "read_and_plan", "read")
timed(declared_users, "plan", "plan")
timed(converge_users, "apply_plan", "apply")
timed(converge_users, "report", "report")
timed(scrubbed_module.ScrubbedModule, "_return_formatted", "exit_json")
timed(scrub.Scrubber, "scrub", "exit_json: our scrub")
timed(juju_module.JujuModule, "_record_module_result", "exit_json: json out")
try:
    runpy.run_module("ansible_collections.juju.controller.plugins.modules.juju_users", run_name="__main__")
except SystemExit:
    pass
finally:
    ended = clock()
    totals["whole process"] = [ended[0] - started[0], ended[1] - started[1]]
    with open("/proc/self/status") as status:  # (ru_maxrss would count the parent's memory at the fork)
        peak = [int(line.split()[1]) for line in status if line.startswith("VmHWM:")]
    totals["peak MB"] = [peak[0] / 1024.0 if peak else 0.0] * 2
    sys.stdout.close()
    sys.stderr.write("\n" + json.dumps(totals) + "\n")
"""
PHASES = ("import", "options", "normalise", "read", "plan", "apply", "report", "exit_json",
          "exit_json: our scrub", "exit_json: json out", "whole process")
# What the role gives juju_users besides the users (roles/users/defaults/main.yml), and Ansible's own options.
ROLE_OPTIONS = {"purge": False, "purge_mode": "remove", "purge_access": False, "purge_ssh_keys": False,
                "protected": [], "allow_self_lockout": False, "allow_empty_purge": False,
                "allow_model_owner_removal": False}


def module_run(run, checkout, users, tmp, name, wrap=()):
    """(phases {phase: [wall, cpu]}, result) of one module process of checkout, its command line prefixed
    with wrap (a profiler), where "{name}" stands for name."""
    args = dict(ROLE_OPTIONS, users=users, juju_data=str(run.sim.juju_data), _ansible_no_log=True,
                _ansible_check_mode=False, _ansible_diff=False, _ansible_verbosity=0,
                _ansible_module_name="juju.controller.juju_users", _ansible_tmpdir=str(tmp))
    path = Path(tmp) / ("%s.json" % name)
    path.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": args}))
    out = Path(tmp) / ("%s.out" % name)
    env = dict(os.environ, PYTHONPATH=str(Path(checkout) / ".build"), MODULE_PROCESS_OUT=str(out))
    command = [part.replace("{name}", name) for part in wrap] + [sys.executable, "-c", CHILD, str(path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, check=False)
    try:
        result = json.loads(out.read_text().strip().splitlines()[-1])
        phases = json.loads([line for line in done.stderr.splitlines() if line.startswith('{"import"')][-1])
    except (ValueError, IndexError):
        raise SystemExit("%s: no result\n%s\n%s" % (name, done.stdout[-3000:], done.stderr[-3000:]))
    if result.get("failed"):
        raise SystemExit("%s failed: %s" % (name, result.get("msg")))
    return phases, result


def comparable(result, work):
    """The result as JSON without what differs between two runs of the same declaration on two simulators:
    registration strings (random) by their users only, the run's directory and the models' UUIDs."""
    text = json.dumps(dict(result, registration_strings=sorted(result.get("registration_strings", {}))),
                      sort_keys=True).replace(str(work), "<run>")
    for ref, uuid in result.get("models", {}).items():
        text = text.replace(uuid, "<uuid of %s>" % ref)
    return text


def measure(checkouts, sizes, runs, tmp, figures, wrap=()):
    for rep in range(1, runs + 1):
        for size in sizes:
            users = declared_users(size)
            results = {}
            for label, checkout in checkouts:
                work = Path(tempfile.mkdtemp(prefix="module-", dir=tmp))
                fixture = work / "fixture.yml"
                fixture.write_text(yaml.safe_dump(FIXTURE))
                run = SimRun(work, fixture=str(fixture))
                try:
                    for step, changed in (("first", True), ("no-op", False)):
                        phases, result = module_run(run, checkout, users, work, "%d-%s-%s" % (size, label, step), wrap)
                        if result["changed"] != changed:
                            raise SystemExit("%s %s at N=%d: changed is %s" % (label, step, size, result["changed"]))
                        results.setdefault(step, []).append(comparable(result, work))
                        figures.setdefault((size, step, label), []).append(phases)
                        show(rep, size, step, label, phases)
                    check_converged(run, users, "%s at N=%d" % (label, size))
                finally:
                    run.close()
            for step, same in results.items():
                if any(other != same[0] for other in same[1:]):
                    raise SystemExit("N=%d %s: the checkouts' results differ" % (size, step))


def show(rep, size, step, label, phases):
    wall, cpu = phases["whole process"]
    print("run %d  N=%-5d %-6s %-8s %6.2f s  CPU %6.2f s  peak %4.0f MB  (load %.2f)"
          % (rep, size, step, label, wall, cpu, phases["peak MB"][0], os.getloadavg()[0]))
    sys.stdout.flush()


def report(figures):
    """Median CPU (and wall) seconds per phase, a column per size, run and checkout."""
    columns = sorted(figures)
    print("\nmedian CPU seconds (wall seconds) per phase; a phase leaves out the phases it calls")
    print("%-22s" % "" + "".join("%20s" % ("N=%d %s" % (size, step)) for size, step, label in columns))
    print("%-22s" % "" + "".join("%20s" % label for size, step, label in columns))
    for phase in PHASES:
        cells = []
        for column in columns:
            runs = figures[column]
            cells.append("%7.2f (%6.2f)" % (statistics.median(r.get(phase, [0, 0])[1] for r in runs),
                                            statistics.median(r.get(phase, [0, 0])[0] for r in runs)))
        print("%-22s" % phase + "".join("%20s" % cell for cell in cells))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions (default 3)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="numbers of users")
    parser.add_argument("--against", help="another checkout (with its .build) to run side by side")
    parser.add_argument("--wrap", default="", help='a command the module process runs under, "{name}" standing for '
                        'N-checkout-step, e.g. "py-spy record -r 200 --format raw -o /tmp/{name}.txt --"')
    args = parser.parse_args(argv)
    checkouts = [("this", ROOT)] + ([("against", Path(args.against).resolve())] if args.against else [])
    started = time.perf_counter()
    print("module process at N = %s, %d repetitions; load average %.2f %.2f %.2f on %d CPUs"
          % ((" ".join(map(str, args.sizes)), args.runs) + os.getloadavg() + (os.cpu_count(),)))
    figures = {}
    with tempfile.TemporaryDirectory(prefix="module-bench-") as tmp:
        measure(checkouts, args.sizes, args.runs, tmp, figures, args.wrap.split())
    report(figures)
    print("load average at the end %.2f %.2f %.2f; whole benchmark %.0f s"
          % (os.getloadavg() + (time.perf_counter() - started,)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
