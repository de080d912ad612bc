"""Benchmark: converging many declared users, the role on juju_users against the old ways (issues 9, 17).

Not a pytest test: run it and read the figures. It asserts nothing about time, but stops with an
error when a run fails or leaves the controller different from the declaration.

    cd /work/main && .venv/bin/python tests/benchmarks/bulk.py [--runs 3] [--sizes 100 1000 10000]
        [--loop-size 100] [--libjuju-max 1000] [--declared file vars] [--baseline DIR]

Each size N declares N new users with mixed access (controller superuser or login, two models, an
offer, some disabled, some without password) on a simulator that has none of them. Each
repetition starts a fresh in-process simulator (tests/integration/simhelper.SimRun) and runs, side by
side:
  (a) the juju.controller.users role (one juju_users task): first run, then a no-op run, on a fresh
      simulator for each place the users are declared in (--declared): "file", a JSON file next to the
      playbook (juju_users_file, read by juju_users' action plugin), and "vars", the play's vars
      (juju_users, which Ansible loads, checks against the role's argument spec and templates);
      with --baseline DIR, also the role of another checkout (its .build), users in the play's vars;
  (c) python-libjuju in a child process, one call per change (add_user, grant, grant_model,
      User.grant on the offer, disable_user), timed inside the child after connect (up to
      --libjuju-max users).
Once, at --loop-size users (0: not at all):
  (b) the per-item loop the role used to be: a playbook looping juju_user over the users, then
      juju_user_access over every grant, then juju_user over the users to disable.
Ansible runs are timed from spawn to exit of ansible-playbook. CPU is the CPU time of every process
of the run, the simulator's included (python-libjuju's: its whole process). API calls are the
simulator's counters for the run (logins, reads, writes). Where a role run spends its time comes from
the callback plugin callback_plugins/task_seconds.py: starting ansible-playbook and loading the play
(the rest of the wall time), validating the role's variables, the juju_users task, the report.
Prints medians, seconds per user, the ratios and how the figures compare with issue 17's targets
(10,000 users: first run under 30 s, no-op run under 10 s, at most 10 times the 1,000-user figures).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / ".build"), str(ROOT / "tests" / "simulator"), str(ROOT / "tests" / "integration")]

from jujusim.stats import summary  # noqa: E402
from simhelper import SimRun, recap, snapshot  # noqa: E402

FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    # fred, alice and bob are not declared: SimRun's inventory gives their passwords to playbooks.
    "users": [{"name": "admin", "access": "superuser"}, {"name": "fred"}, {"name": "alice"}, {"name": "bob"}],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "staging", "owner": "admin"},
        {"name": "prod", "owner": "admin"},
    ],
    "offers": [{"url": "admin/prod.db", "application": "postgresql"}],
}
MODEL_GRANTS = [{}, {"admin/staging": "read"}, {"admin/prod": "write"},
                {"admin/staging": "admin", "admin/prod": "read"}]
OFFER = "admin/prod.db"
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"
# Issue 17's targets, at 10,000 users (seconds) and 10,000 against 1,000 users (ratio).
TARGET_SECONDS = {"first": 30.0, "no-op": 10.0}
TARGET_RATIO = 10.0

LIBJUJU = r"""
import asyncio, json, sys, time
from juju.controller import Controller

async def converge(controller, users):
    models = await controller.model_uuids()  # {name: uuid} of the login user's models
    started = time.perf_counter()
    for entry in users:
        user = await controller.add_user(entry["name"], entry.get("password"), entry["display_name"])
        if entry.get("controller_access") == "superuser":
            await controller.grant(entry["name"], "superuser")
        for ref, level in entry.get("models", {}).items():
            await controller.grant_model(entry["name"], models[ref.split("/")[1]], level)
        for url, level in entry.get("offers", {}).items():
            await user.grant(level, offer_url=url)
        if entry.get("enabled") is False:
            await controller.disable_user(entry["name"])
    return time.perf_counter() - started

async def main():
    controller = Controller()
    await controller.connect()
    try:
        return await converge(controller, json.load(open(sys.argv[1])))
    finally:
        await controller.disconnect()

print(json.dumps({"seconds": asyncio.run(main())}))
"""


def declared_users(count):
    """count new users: every 10th a superuser, every 3rd an explicit login, a quarter without model
    access, a third with the offer, every 5th without password, every 20th disabled."""
    users = []
    for i in range(count):
        entry = {"name": "user%04d" % i, "display_name": "User %d" % i}
        if i % 5:
            entry["password"] = "pw-%04d-bench" % i
        if i % 10 == 1:
            entry["controller_access"] = "superuser"
        elif i % 3 == 0:
            entry["controller_access"] = "login"
        if MODEL_GRANTS[i % 4]:
            entry["models"] = dict(MODEL_GRANTS[i % 4])
        if i % 3 == 2:
            entry["offers"] = {OFFER: "consume" if i % 2 else "read"}
        if i % 20 == 7:
            entry["enabled"] = False
        users.append(entry)
    return users


def expected(users):
    return dict((u["name"], {"enabled": u.get("enabled", True), "display_name": u["display_name"],
                             "access": u.get("controller_access", "login"), "models": u.get("models", {}),
                             "offers": u.get("offers", {})}) for u in users)


def check_converged(run, users, what):
    state = snapshot(run.sim)
    wrong = [u for u, want in expected(users).items() if state.get(u) != want]
    if wrong:
        raise SystemExit("%s left %d users unlike the declaration, e.g. %s: %r, declared %r"
                         % (what, len(wrong), wrong[0], state.get(wrong[0]), expected(users)[wrong[0]]))


class Bench(object):
    """One fresh simulator, and the playbooks and scripts run against it."""

    def __init__(self, tmp, users, collections=None):
        """collections: the ANSIBLE_COLLECTIONS_PATH of another checkout (--baseline), else this one's."""
        self.collections = {"ANSIBLE_COLLECTIONS_PATH": collections} if collections else {}
        self.tmp = Path(tempfile.mkdtemp(prefix="bulk-", dir=tmp))
        fixture = self.tmp / "fixture.yml"
        fixture.write_text(yaml.safe_dump(FIXTURE))
        self.run = SimRun(self.tmp, fixture=str(fixture))
        self.users = users

    def close(self):
        self.run.close()

    def timed(self, action):
        """(seconds, CPU seconds, {logins, reads, writes}, phases) of action(), which returns its own time
        or None; phases: [[what, seconds], ...] of a playbook run, else None."""
        self.run.sim.reset_counters()
        self.phases = None
        started, cpu = time.perf_counter(), cpu_seconds()
        inner = action()
        elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        counts = summary(self.run.sim.counters)
        phases = self.phases and [["start and load", elapsed - sum(seconds for what, seconds in self.phases)]] + self.phases
        return (inner if inner is not None else elapsed, cpu,
                dict((k, counts[k]) for k in ("logins", "reads", "writes")), phases)

    def playbook(self, what, name, plays, changed):
        path = self.tmp / ("%s.yml" % name)
        path.write_text(yaml.safe_dump(plays))
        seconds = self.tmp / ("%s.seconds" % name)
        rc, output = self.run.playbook(path, ANSIBLE_CALLBACK_PLUGINS=str(CALLBACKS), ANSIBLE_CALLBACKS_ENABLED="task_seconds",
                                       TASK_SECONDS_FILE=str(seconds), **self.collections)
        self.phases = [[phase(what), s] for what, s in json.loads(seconds.read_text())
                       if what is not None] if seconds.exists() else None
        if rc != 0 or (recap(output)["changed"] > 0) != changed:
            raise SystemExit("%s: rc %d, recap %s\n%s" % (what, rc, recap(output), output[-3000:]))

    def role(self, declared, name, changed):
        """The role, with the users in a JSON file (declared "file": juju_users_file) or in the play's vars."""
        if declared == "file":
            (self.tmp / "users.json").write_text(json.dumps(self.users))
            role_vars = {"juju_users_file": "users.json"}  # next to the playbook
        else:
            role_vars = {"juju_users": self.users}
        self.playbook("role " + name, name, [{"name": "Users as code", "hosts": "localhost", "gather_facts": False,
                                              "vars": role_vars, "roles": ["juju.controller.users"]}], changed)

    def loop(self):
        self.playbook("per-item loop", "loop", loop_play(self.users), True)

    def libjuju(self):
        declaration = self.tmp / "declared.json"
        declaration.write_text(json.dumps(self.users))
        env = self.run.env(PYTHONPATH="")
        done = subprocess.run([sys.executable, "-c", LIBJUJU, str(declaration)], env=env, capture_output=True,
                              text=True, timeout=600, check=False)
        if done.returncode != 0:
            raise SystemExit("python-libjuju failed: %s" % done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def cpu_seconds():
    """CPU time of this process (the simulator's thread) and of its waited-for descendants: unlike wall
    time, it does not grow with the other jobs' load."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def phase(task):
    """The part of a role run a task's name stands for."""
    for words, name in (("Validating arguments", "validate"), ("Converge the users and their access", "juju_users")):
        if words in task:
            return name
    return "report" if "users : " in task else task  # the role's other tasks, or a task of the loop


def loop_play(users):
    """The old way: one module run per user, per grant and per user to disable."""
    grants = [dict(user=u["name"], access="superuser") for u in users if u.get("controller_access") == "superuser"]
    for kind in ("models", "offers"):
        grants += [{"user": u["name"], kind[:-1]: target, "access": level}
                   for u in users for target, level in u.get(kind, {}).items()]
    disabled = [u["name"] for u in users if u.get("enabled") is False]
    return [{"name": "Users one by one", "hosts": "localhost", "gather_facts": False,
             "vars": {"bench_users": users, "bench_grants": grants, "bench_disabled": disabled},
             "tasks": [
                 {"name": "Users", "no_log": True, "loop": "{{ bench_users }}",
                  "juju.controller.juju_user": {"name": "{{ item.name }}", "display_name": "{{ item.display_name }}",
                                                "password": "{{ item.password | default(omit) }}"}},
                 {"name": "Access", "loop": "{{ bench_grants }}",
                  "juju.controller.juju_user_access": {"user": "{{ item.user }}", "access": "{{ item.access }}",
                                                       "model": "{{ item.model | default(omit) }}",
                                                       "offer": "{{ item.offer | default(omit) }}"}},
                 {"name": "Disable", "loop": "{{ bench_disabled }}",
                  "juju.controller.juju_user": {"name": "{{ item }}", "enabled": False}},
             ]}]


def role_runs(declared):
    def runs(bench):
        yield "first", bench.timed(lambda: bench.role(declared, "first", True))
        yield "no-op", bench.timed(lambda: bench.role(declared, "no-op", False))
    return runs


def libjuju_runs(bench):
    yield "first", bench.timed(bench.libjuju)


def measure_sizes(tmp, sizes, runs, libjuju_max, declarations, baseline, figures):
    """Side by side, per repetition and size: the role's first and no-op runs (users in a file, in the play's
    vars; the baseline's, users in vars), then python-libjuju."""
    for rep in range(1, runs + 1):
        for size in sizes:
            users = declared_users(size)
            roles = [("role " + declared, role_runs(declared), None) for declared in declarations]
            if baseline:
                roles.append(("baseline vars", role_runs("vars"), str(baseline.resolve() / ".build")))
            for name, cases, collections in roles + [("libjuju", libjuju_runs, None)]:
                if name == "libjuju" and size > libjuju_max:
                    continue
                bench = Bench(tmp, users, collections)
                try:
                    for step, measured in cases(bench):
                        figures.setdefault((name, step, size), []).append(measured)
                        show(rep, size, name, step, measured)
                    check_converged(bench.run, users, "%s at N=%d" % (name, size))
                finally:
                    bench.close()


def measure_loop(tmp, size, figures):
    users = declared_users(size)
    bench = Bench(tmp, users)
    try:
        measured = bench.timed(bench.loop)
        check_converged(bench.run, users, "per-item loop at N=%d" % size)
    finally:
        bench.close()
    figures[("loop", "first", size)] = [measured]
    show(1, size, "loop", "first", measured)


def fmt(calls):
    return "logins %(logins)d, reads %(reads)d, writes %(writes)d" % calls


def show(rep, size, name, step, measured):
    seconds, cpu, calls, phases = measured
    print("run %d  N=%-5d %-13s %-6s %8.2f s  CPU %7.2f s  %s  (load %.2f)"
          % ((rep, size, name, step, seconds, cpu, fmt(calls)) + os.getloadavg()[:1]))
    if phases:
        print("        " + ", ".join("%s %.2f s" % (what, s) for what, s in merged(phases)))
    sys.stdout.flush()


def merged(phases):
    """[[what, seconds], ...] with the seconds of the same part added, in order of first appearance."""
    total = {}
    for what, seconds in phases:
        total[what] = total.get(what, 0.0) + seconds
    return list(total.items())


def report(figures, sizes, loop_size):
    """Medians per case, seconds per user, and the ratios the targets are about."""
    print("\n%-20s %5s %4s %9s %11s %10s  %s" % ("case", "N", "runs", "median s", "ms per user", "median CPU",
                                                 "API calls per run"))
    medians = {}
    for (name, step, size), runs in sorted(figures.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
        medians[(name, step, size)] = median = statistics.median(run[0] for run in runs)
        cpu_median = statistics.median(run[1] for run in runs)
        print("%-20s %5d %4d %9.2f %11.1f %10.2f  %s" % ("%s %s" % (name, step), size, len(runs), median,
                                                         1000.0 * median / size, cpu_median, fmt(runs[-1][2])))
    print("\nwhere a role run spends its time (medians, seconds):")
    for (name, step, size), runs in sorted(figures.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
        if name.startswith(("role", "baseline")):
            parts = [merged(run[3]) for run in runs if run[3]]
            print("  N=%-5d %-13s %-6s %s" % (size, name, step, ", ".join(
                "%s %.2f" % (what, statistics.median(dict(p)[what] for p in parts)) for what in dict(parts[0]))))
    for size in sizes:
        role = medians[("role file", "first", size)]
        if ("loop", "first", loop_size) in medians:
            loop = medians[("loop", "first", loop_size)] / loop_size
            print("N=%d: per user, the per-item loop (N=%d) takes %.0fx the role's first run"
                  % (size, loop_size, loop / (role / size)))
        if ("libjuju", "first", size) in medians:
            print("N=%d: the role's first run takes %.2fx python-libjuju's calls"
                  % (size, role / medians[("libjuju", "first", size)]))
    targets(medians, sizes)


def targets(medians, sizes):
    """Issue 17's figures: 10,000 users against the seconds and against 1,000 users."""
    for case in sorted(set(key[0] for key in medians if key[0].startswith(("role", "baseline")))):
        for step, seconds in sorted(TARGET_SECONDS.items()):
            if 10000 in sizes:
                print("%s, %s run at N=10000: %.2f s (target: under %.0f s)"
                      % (case, step, medians[(case, step, 10000)], seconds))
            if 10000 in sizes and 1000 in sizes:
                print("%s, %s run, N=10000 / N=1000: %.2f (target: at most %.0f)"
                      % (case, step, medians[(case, step, 10000)] / medians[(case, step, 1000)], TARGET_RATIO))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the role and libjuju runs (default 3)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000],
                        help="numbers of users (default 100 1000 10000)")
    parser.add_argument("--loop-size", type=int, default=100,
                        help="users for the per-item loop, run once (default 100; 0: no loop)")
    parser.add_argument("--libjuju-max", type=int, default=1000,
                        help="python-libjuju runs only up to this number of users (default 1000)")
    parser.add_argument("--declared", nargs="+", choices=["file", "vars"], default=["file", "vars"],
                        help="where the role's runs declare the users: a JSON file (juju_users_file), the play's "
                             "vars (juju_users); default both")
    parser.add_argument("--baseline", type=Path, help="another checkout of the collection (with its .build, as "
                        "`make venv` leaves it): its role runs too, users in the play's vars, as case 'baseline vars'")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    print("%d repetitions of the role runs (users declared in: %s) at N = %s and python-libjuju's up to N = %d, the per-item loop once "
          "at N = %d; load average %.2f %.2f %.2f on %d CPUs"
          % ((args.runs, ", ".join(args.declared), " ".join(map(str, args.sizes)), args.libjuju_max, args.loop_size)
             + os.getloadavg() + (os.cpu_count(),)))
    figures = {}
    with tempfile.TemporaryDirectory(prefix="bulk-bench-") as tmp:
        measure_sizes(tmp, args.sizes, args.runs, args.libjuju_max, args.declared, args.baseline, figures)
        if args.loop_size:
            measure_loop(tmp, args.loop_size, figures)
    report(figures, args.sizes, args.loop_size)
    print("load average at the end %.2f %.2f %.2f; whole benchmark %.0f s"
          % (os.getloadavg() + (time.perf_counter() - started,)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
