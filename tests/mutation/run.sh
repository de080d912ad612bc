#!/usr/bin/env bash
# `make mutation`: mutmut 3 over plugins/module_utils and plugins/modules, killed by tests/unit.
#
# mutmut copies the sources into mutants/ and runs pytest there, while the tests import the code as
# ansible_collections.juju.controller.*. So mutmut runs in .build/mutation, which holds only
#   ansible_collections/juju/controller -> this checkout   (what mutmut reads and mutates)
#   setup.cfg -> tests/mutation/setup.cfg                  (paths under that prefix)
# and mutmut writes .build/mutation/mutants/ansible_collections/juju/controller/..., a real
# directory with the mutated modules and the copied tests. mutmut puts mutants/ first on sys.path
# and drops its working directory, and PYTHONPATH is unset below, so the tests can import only the
# mutated copy. The copy's .build/ansible_collections/juju/controller links back to the copy itself,
# as the checkout's .build does, for pytest.ini's `pythonpath = .build` and ansible-doc.
#
# Arguments go to `mutmut run`: mutant names or globs, e.g.
#   tests/mutation/run.sh 'ansible_collections.juju.controller.plugins.module_utils.names.*'
# MUTATION_JOBS (default 2) is --max-children. Results stay in .build/mutation/mutants/ and later
# runs test only the mutants of functions that changed; `make mutation-clean` starts afresh.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=$ROOT/.build/mutation
COPY=$RUN/mutants/ansible_collections/juju/controller

# mutmut copies also_copy files with shutil.copy2, which does not create their folder.
mkdir -p "$RUN/ansible_collections/juju" "$COPY/.build/ansible_collections/juju" "$COPY/tests"
ln -sfn "$ROOT" "$RUN/ansible_collections/juju/controller"
ln -sfn "$ROOT/tests/mutation/setup.cfg" "$RUN/setup.cfg"
ln -sfn ../../.. "$COPY/.build/ansible_collections/juju/controller"

cd "$RUN"
# mutmut 3.8.1 keeps which tests reach which function in mutants/mutmut-stats.json, and some of its
# commands (print-time-estimates) save it emptied; a run would then find "no tests" for every
# mutant without collecting the stats again. Drop such a file so that they are collected afresh.
"$ROOT/.venv/bin/python" - <<'PY'
import json, os
path = "mutants/mutmut-stats.json"
if os.path.exists(path):
    with open(path) as handle:
        if not json.load(handle).get("tests_by_mangled_function_name"):
            os.remove(path)
            print("mutmut-stats.json had no test of any function: collecting the stats again")
PY
status=0
env -u PYTHONPATH "$ROOT/.venv/bin/mutmut" run --max-children "${MUTATION_JOBS:-2}" "$@" || status=$?
"$ROOT/.venv/bin/python" "$ROOT/tests/mutation/survivors.py" "$RUN"
exit $status
