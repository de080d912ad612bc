"""The command-line contract (issue 2 §2): print READY once accepting, exit 0 on SIGTERM/SIGINT;
with --stats, write the call counts at start, at exit and on SIGUSR1. Every problem found at start
(fixture, --state, --juju-data, --stats, --fault, the port) is one line on stderr and exit status 2
(1 for a port that cannot be listened on), before READY."""
import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

import yaml

from . import stats
from .fixture_check import FixtureError
from .release import JUJU_RELEASE
from .simulator import Simulator
from .state import StateFileError

FAULT_KINDS = ("discard", "drop", "error", "delay")


class StartError(Exception):
    """A problem with the command line, found before the simulator starts."""


def parse_args(argv):
    p = argparse.ArgumentParser(prog="jujusim", description="Simulated Juju %s controller." % JUJU_RELEASE)
    p.add_argument("--juju-data", required=True, help="directory to write the client store into")
    p.add_argument("--port", type=int, default=17070, help="port to listen on (0: any free port)")
    p.add_argument("--fixture", help="YAML fixture with the initial users, models and offers")
    p.add_argument("--state", help="load state from this file if present, save it there on change")
    p.add_argument("--no-validate", action="store_true", help="do not validate frames against the schema")
    p.add_argument("--stats", help="write call counts (JSON) to this file at start, at exit and on SIGUSR1")
    p.add_argument("--passwords", help="write the fixture's passwords (JSON, user -> password, mode 0600) here")
    p.add_argument("--fault", action="append", default=[], metavar="FACADE.METHOD=KIND[:ARG][@TIMES]",
                   help="inject a fault: discard, drop, error:MESSAGE[|CODE] or delay:SECONDS, for the next "
                        "TIMES calls (default 1; * for every call); repeatable")
    p.add_argument("--version", action="version", version="jujusim (models Juju %s)" % JUJU_RELEASE)
    return p.parse_args(argv)


def parse_fault(text):
    """"UserManager.AddUser=error:boom|not found@3" -> (facade, method, Simulator.inject keywords)."""
    target, sep, spec = text.partition("=")
    facade, dot, method = target.partition(".")
    spec, at, times = spec.rpartition("@") if "@" in spec else (spec, "", "1")
    kind, dummy, arg = spec.partition(":")
    problem = None
    if not (sep and dot and facade and method) or kind not in FAULT_KINDS:
        problem = "use FACADE.METHOD=KIND[:ARG][@TIMES] with KIND one of %s" % ", ".join(FAULT_KINDS)
    elif not (times == "*" or times.isdigit() and int(times) > 0):
        problem = "TIMES must be a positive whole number or *"
    elif kind == "error" and not arg:
        problem = "error needs a message: error:MESSAGE or error:MESSAGE|CODE"
    elif kind == "delay" and not _is_seconds(arg):
        problem = "delay needs a number of seconds: delay:SECONDS"
    elif kind in ("discard", "drop") and arg:
        problem = "%s takes no argument" % kind
    if problem:
        raise StartError("--fault %s: %s." % (text, problem))
    keywords = {"times": None if times == "*" else int(times)}
    if kind == "error":
        message, dummy, code = arg.partition("|")
        keywords["error"] = (message, code)
    elif kind == "delay":
        keywords["delay"] = float(arg)
    else:
        keywords[kind] = True
    return facade, method, keywords


def _is_seconds(text):
    try:
        return float(text) >= 0
    except ValueError:
        return False


def _check_juju_data(path):
    directory = Path(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StartError("--juju-data %s: cannot create the directory: %s." % (path, e.strerror or e))
    if not os.access(str(directory), os.W_OK | os.X_OK):
        raise StartError("--juju-data %s: the directory is not writable." % path)
    for name in ("controllers.yaml", "accounts.yaml", "models.yaml"):
        try:
            if (directory / name).exists():
                yaml.safe_load((directory / name).read_text())
        except (OSError, yaml.YAMLError) as e:
            raise StartError("--juju-data %s: the existing %s cannot be read and merged into: %s."
                             % (path, name, str(e).splitlines()[0]))


def _write_private(path, data, option):
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(data, f, indent=1, sort_keys=True)
    except OSError as e:
        raise StartError("%s %s: cannot write it: %s." % (option, path, e.strerror or e))


def start(args):
    """The started Simulator, or StartError / FixtureError / StateFileError / OSError (the port)."""
    faults = [parse_fault(text) for text in args.fault]
    _check_juju_data(args.juju_data)
    sim = Simulator(args.juju_data, port=args.port, fixture=args.fixture, state=args.state,
                    validate=not args.no_validate)
    for facade, method, keywords in faults:
        sim.inject(facade, method, **keywords)
    if args.stats:
        try:
            stats.write(args.stats, sim.counters)
        except OSError as e:
            raise StartError("--stats %s: cannot write it: %s." % (args.stats, e.strerror or e))
    sim.start()
    if args.passwords:
        try:
            _write_private(args.passwords, sim.passwords, "--passwords")
        except StartError:
            sim.stop()
            raise
    return sim


def main(argv=None):
    args = parse_args(argv)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        sim = start(args)
    except (StartError, FixtureError, StateFileError) as e:
        print("jujusim: %s" % e, file=sys.stderr)
        return 2
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
