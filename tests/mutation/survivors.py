"""Summarise a mutmut run of `make mutation`: the score per file and every mutant not killed.

Usage: .venv/bin/python tests/mutation/survivors.py [RUN_DIR] [--diff] [--estimate] [--slow]
RUN_DIR is where mutmut ran (default .build/mutation of this checkout); --diff also prints each
survivor's diff (`mutmut show`) (make mutation-report); --estimate prints how long the mutants not
run yet should take with one worker, from the times of those already run (see estimate()); --slow
prints the mutants killed after SLOW seconds or more, which pytest-timeout (20 s a test) may have
killed only because the machine was busy: rerun them by name on a quiet machine; --docs FILE
checks that FILE (docs/testing.md) gives a reason for every mutant not killed, and exits 1 if not. Reads mutmut's own result files (mutants/**/*.py.meta), so it
works after a run that was interrupted, and counts what mutmut counts:
  score = (killed + timeout) / (mutants checked), where "no tests" (no unit test reaches the code)
  counts against the score and "not checked" (not run yet) is left out and reported.
"""
import bisect
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter

from mutmut.stats import status_by_exit_code

KILLED = ("killed", "timeout", "caught by type check")
SLOW = 20.0  # seconds: tests/mutation/setup.cfg's --timeout
PREFIX = "ansible_collections/juju/controller/"
PACKAGES = ("ansible_collections.juju.controller.plugins.module_utils.",
            "ansible_collections.juju.controller.plugins.modules.")
# In the docs, a survivor is named in backquotes without its package: `dialer.x_fn__mutmut_6`; the
# ones after it in the same paragraph may be named by number, `_7`, and a range as `_8` to `_12`.
DOC_NAME = re.compile(r"`([^`]+)`(?:\s+to\s+`([^`]+)`)?")


def load(run_dir):
    """{source path relative to the checkout: {mutant name: status}} from the .meta files."""
    results = {}
    top = os.path.join(run_dir, "mutants")
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d != ".build"]  # the copy's link back to itself
        for name in files:
            if name.endswith(".py.meta"):
                path = os.path.join(root, name)
                with open(path) as handle:
                    meta = json.load(handle)
                source = os.path.relpath(path, top)[:-len(".meta")]
                results[source[len(PREFIX):] if source.startswith(PREFIX) else source] = {
                    key: status_by_exit_code[code] for key, code in meta["exit_code_by_key"].items()}
    return results


def slow_kills(run_dir):
    """Names of the mutants killed after SLOW seconds or more, sorted."""
    slow = []
    for root, dirs, files in os.walk(os.path.join(run_dir, "mutants")):
        dirs[:] = [d for d in dirs if d != ".build"]
        for name in files:
            if name.endswith(".py.meta"):
                with open(os.path.join(root, name)) as handle:
                    meta = json.load(handle)
                slow.extend(key for key, code in meta["exit_code_by_key"].items()
                            if code is not None and status_by_exit_code[code] in KILLED
                            and meta["durations_by_key"].get(key, 0.0) >= SLOW)
    return sorted(slow)


def short_name(key):
    for package in PACKAGES:
        if key.startswith(package):
            return key[len(package):]
    return key


def documented(text):
    """The short mutant names that `text` (markdown) gives, as DOC_NAME describes."""
    names = set()
    for paragraph in re.split(r"\n\s*(?:\n|\* )", text):
        function = None
        for first, last in DOC_NAME.findall(paragraph):
            full = re.match(r"([\w.ǁ]+?)__mutmut_(\d+)$", first)
            number = re.match(r"(?:__mutmut)?_(\d+)$", first)
            if full:
                function, start = full.group(1), int(full.group(2))
            elif number and function:
                start = int(number.group(1))
            else:
                continue
            end = re.match(r".*_(\d+)$", last) if last else None
            names.update("%s__mutmut_%d" % (function, n) for n in range(start, int(end.group(1)) + 1 if end else start + 1))
    return names


def check_docs(path, survivors):
    """Print the survivors `path` gives no reason for; True when there is none."""
    with open(path) as handle:
        given = documented(handle.read())
    missing = sorted(short_name(key) for dummy, key, dummy in survivors if short_name(key) not in given)
    print("\n%d of %d mutants not killed have a reason in %s" % (len(survivors) - len(missing), len(survivors), path))
    for name in missing:
        print("  no reason given: " + name)
    return not missing


def score(counts):
    checked = sum(counts.values()) - counts["not checked"] - counts["skipped"]
    killed = sum(counts[status] for status in KILLED)
    return killed, checked


def estimate(run_dir, neighbours=25):
    """Seconds the unrun mutants should take with one worker, per file.

    mutmut records which tests reach each function (mutants/mutmut-stats.json, the "call" time
    of each test only) and the wall time of every mutant it ran (.meta). An unrun mutant is given
    the mean time of the `neighbours` run mutants whose tests' call time is closest to its own
    (on a log scale): that time alone misses fixture setup (a simulator per test), timeouts and
    how early -x stops, so it is a neighbourhood key rather than a figure to scale.
    """
    top = os.path.join(run_dir, "mutants")
    with open(os.path.join(top, "mutmut-stats.json")) as handle:
        stats = json.load(handle)
    tests_of, duration = stats["tests_by_mangled_function_name"], stats["duration_by_test"]

    def test_time(key):
        seconds = sum(duration.get(test, 0.0) for test in tests_of.get(key.partition("__mutmut_")[0], ()))
        return math.log(seconds + 0.01)
    measured, unrun = [], {}
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d != ".build"]
        for name in files:
            if name.endswith(".py.meta"):
                with open(os.path.join(root, name)) as handle:
                    meta = json.load(handle)
                source = os.path.relpath(os.path.join(root, name), top)[len(PREFIX):-len(".meta")]
                for key, code in meta["exit_code_by_key"].items():
                    if code is None:
                        unrun.setdefault(source, []).append(test_time(key))
                    elif key in meta["durations_by_key"]:
                        measured.append((test_time(key), meta["durations_by_key"][key]))
    if len(measured) < neighbours:
        print("run more mutants first (e.g. make mutation MUTANTS='*.names.*')")
        return
    measured.sort()
    keys = [x for x, _y in measured]

    def guess(x):
        # the `neighbours` measured mutants nearest to x in a sorted list: a window around x
        lo = max(0, min(bisect.bisect_left(keys, x) - neighbours // 2, len(measured) - neighbours))
        return sum(y for _x, y in measured[lo:lo + neighbours]) / neighbours
    print("from %d mutants run, %.1f s each on average:" % (len(measured), sum(y for _x, y in measured) / len(measured)))
    total = 0.0
    for source in sorted(unrun):
        seconds = sum(guess(x) for x in unrun[source])
        total += seconds
        print("%-40s %5d unrun %7.0f s" % (source, len(unrun[source]), seconds))
    print("%-40s %5d unrun %7.0f s (%.1f h with one worker)"
          % ("TOTAL", sum(len(times) for times in unrun.values()), total, total / 3600))


def main(argv):
    show_diff = "--diff" in argv
    docs = argv[argv.index("--docs") + 1] if "--docs" in argv else None
    args = [arg for arg in argv if not arg.startswith("--") and arg != docs]
    run_dir = os.path.abspath(args[0] if args else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "mutation"))
    results = load(run_dir)
    if not results:
        print("no mutmut results in %s/mutants: run `make mutation` first" % run_dir)
        return 1
    total = Counter()
    print("%-40s %6s %6s %8s %8s %8s %8s" % ("file", "total", "killed", "survived", "no tests",
                                             "unrun", "score"))
    for source in sorted(results):
        counts = Counter(results[source].values())
        total.update(counts)
        killed, checked = score(counts)
        print("%-40s %6d %6d %8d %8d %8d %8s" % (
            source, sum(counts.values()), killed, counts["survived"], counts["no tests"],
            counts["not checked"], "%.1f%%" % (100.0 * killed / checked) if checked else "-"))
    killed, checked = score(total)
    print("%-40s %6d %6d %8d %8d %8d %8s" % (
        "TOTAL", sum(total.values()), killed, total["survived"], total["no tests"], total["not checked"],
        "%.1f%%" % (100.0 * killed / checked) if checked else "-"))
    survivors = [(source, key, status) for source in sorted(results)
                 for key, status in sorted(results[source].items())
                 if status not in KILLED and status != "not checked"]
    if survivors:
        print("\nnot killed (`mutmut show NAME` in %s for the diff):" % run_dir)
    for source, key, status in survivors:
        print("  %-14s %s" % (status, key))
        if show_diff:
            env = dict(os.environ)
            env.pop("PYTHONPATH", None)
            diff = subprocess.run([os.path.join(os.path.dirname(sys.executable), "mutmut"), "show", key],
                                  cwd=run_dir, env=env, stdout=subprocess.PIPE, universal_newlines=True, check=False)
            print("    " + diff.stdout.strip().replace("\n", "\n    "))
    if "--slow" in argv:
        print("\nkilled after %d s or more (rerun these on a quiet machine):" % SLOW)
        for key in slow_kills(run_dir):
            print("  " + key)
    if "--estimate" in argv:
        print()
        estimate(run_dir)
    if docs and not check_docs(docs, survivors):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
