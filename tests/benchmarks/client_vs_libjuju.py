"""Benchmark: this collection's client against python-libjuju, cold processes, one simulator.

Not a pytest test (issue 3): run it and read the figures.

    cd /work/main && .venv/bin/python tests/benchmarks/client_vs_libjuju.py [--runs 7]

It starts one simulator through its CLI, then runs, alternately and --runs times each,
two fresh Python processes that connect, log in and read user "fred":
  (a) ours:    ControllerClient(settings.resolve(...)) + get_user("fred")
  (b) libjuju: Controller().connect() + get_user("fred"), JUJU_DATA pointing at the same store
Each process's wall time is measured from spawn to exit (interpreter start and imports
included: that is what an Ansible module run pays). Round trips: ours from
client.round_trips, libjuju's by counting the requests its Connection.rpc sends.
Prints the median of each, their ratio (target: ours <= 0.3 x libjuju) and the round trips;
exits 1 when the target is missed or a run fails.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = 0.3

OURS = r"""
import json
from ansible_collections.juju.controller.plugins.module_utils import api, settings
with api.ControllerClient(settings.resolve({})) as client:
    user = client.get_user("fred")
    print(json.dumps({"user": user["name"], "round_trips": client.round_trips}))
"""

LIBJUJU = r"""
import asyncio, json
from juju.client.connection import Connection
from juju.controller import Controller

sent = [0]
_rpc = Connection.rpc

async def counting_rpc(self, msg, encoder=None):
    sent[0] += 1  # one request frame, one answer: a round trip
    return await _rpc(self, msg, encoder)

Connection.rpc = counting_rpc

async def main():
    controller = Controller()
    await controller.connect()
    try:
        user = await controller.get_user("fred")
        return user.username
    finally:
        await controller.disconnect()

name = asyncio.run(main())
print(json.dumps({"user": name, "round_trips": sent[0]}))
"""


def start_simulator(python, juju_data):
    proc = subprocess.Popen([python, os.path.join(ROOT, "tests", "simulator", "jujusim"),
                             "--juju-data", juju_data, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("READY "):
        proc.kill()
        raise SystemExit("simulator did not start: %r %s" % (line, proc.stderr.read()))
    return proc, line.split()[1]


def run_child(python, code, env):
    start = time.perf_counter()
    done = subprocess.run([python, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError("child failed (%d): %s" % (done.returncode, done.stderr.strip()[-2000:]))
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["user"] != "fred":
        raise RuntimeError("child read %r instead of fred" % result["user"])
    return elapsed, result["round_trips"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each client (default 7)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for all processes")
    args = parser.parse_args(argv)

    juju_data = tempfile.mkdtemp(prefix="jujusim-bench-")
    sim, url = start_simulator(args.python, juju_data)
    env = dict(os.environ, JUJU_DATA=juju_data, PYTHONPATH=os.path.join(ROOT, ".build"))
    for name in ("JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD",
                 "JUJU_CA_CERT"):
        env.pop(name, None)  # both clients must read the same client store
    times = {"ours": [], "libjuju": []}
    trips = {}
    try:
        print("simulator %s, JUJU_DATA=%s, %d runs each, alternating (load average %.2f)"
              % (url, juju_data, args.runs, os.getloadavg()[0]))
        print("%4s  %10s  %10s" % ("run", "ours (s)", "libjuju (s)"))
        for run in range(1, args.runs + 1):
            for name, code in (("ours", OURS), ("libjuju", LIBJUJU)):
                elapsed, trips[name] = run_child(args.python, code, env)
                times[name].append(elapsed)
            print("%4d  %10.3f  %10.3f" % (run, times["ours"][-1], times["libjuju"][-1]))
    finally:
        sim.terminate()
        sim.wait(timeout=10)
        shutil.rmtree(juju_data, ignore_errors=True)

    ours, theirs = statistics.median(times["ours"]), statistics.median(times["libjuju"])
    ratio = ours / theirs
    print("median wall time: ours %.3f s, python-libjuju %.3f s" % (ours, theirs))
    print("ratio ours/libjuju: %.2f (target <= %.1f): %s" % (ratio, TARGET, "met" if ratio <= TARGET else "MISSED"))
    print("API round trips per run: ours %d, python-libjuju %d" % (trips["ours"], trips["libjuju"]))
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
