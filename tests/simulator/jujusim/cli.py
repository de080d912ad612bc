"""The command-line contract (issue 2 §2): print READY once accepting, exit 0 on SIGTERM/SIGINT;
with --stats, write the call counts at exit and on SIGUSR1."""
import argparse
import signal
import sys
import threading

from . import stats
from .simulator import Simulator


def parse_args(argv):
    p = argparse.ArgumentParser(prog="jujusim", description="Simulated Juju 3.6 controller.")
    p.add_argument("--juju-data", required=True, help="directory to write the client store into")
    p.add_argument("--port", type=int, default=17070, help="port to listen on (0: any free port)")
    p.add_argument("--fixture", help="YAML fixture with the initial users, models and offers")
    p.add_argument("--state", help="load state from this file if present, save it there on change")
    p.add_argument("--no-validate", action="store_true", help="do not validate frames against the schema")
    p.add_argument("--stats", help="write call counts (JSON) to this file at exit and on SIGUSR1")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    sim = Simulator(args.juju_data, port=args.port, fixture=args.fixture, state=args.state,
                    validate=not args.no_validate)
    try:
        sim.start()
    except OSError as e:
        print("jujusim: cannot listen on port %s: %s" % (args.port, e), file=sys.stderr)
        return 1
    if args.stats:
        signal.signal(signal.SIGUSR1, lambda *_: stats.write(args.stats, sim.counters))
    print("READY %s" % sim.url, flush=True)
    while not stop.wait(3600):
        pass
    sim.stop()  # also writes --state
    if args.stats:
        stats.write(args.stats, sim.counters)
    return 0
