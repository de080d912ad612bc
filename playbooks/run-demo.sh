#!/usr/bin/env bash
# `make demo`: start the simulated controller, run playbooks/demo.yml twice with JUJU_DATA
# pointing at the simulator's client store, show that the second run changes nothing, stop.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
WORK=$(mktemp -d "${TMPDIR:-/tmp}/juju-demo.XXXXXX")
SIM_PID=

cleanup() {
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$PY" tests/simulator/jujusim --juju-data "$WORK/juju" --port 0 >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 1 150); do
    grep -q '^READY ' "$WORK/sim.out" 2>/dev/null && break
    if ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "demo: the simulator exited:" >&2; cat "$WORK/sim.err" >&2; exit 1
    fi
    sleep 0.2
done
grep -q '^READY ' "$WORK/sim.out" || { echo "demo: the simulator did not become ready" >&2; exit 1; }
echo "Simulated Juju controller: $(sed -n 's/^READY //p' "$WORK/sim.out") (client store in $WORK/juju)"

export JUJU_DATA=$WORK/juju
export ANSIBLE_COLLECTIONS_PATH=$ROOT/.build
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false ANSIBLE_RETRY_FILES_ENABLED=false
play() {
    "$ROOT/.venv/bin/ansible-playbook" -i localhost, -e "ansible_python_interpreter=$PY" \
        playbooks/demo.yml | tee "$WORK/run.log"
}

echo; echo "=== First run: creates the users and their access ==="
play
echo; echo "=== Second run: the same playbook again, nothing should change ==="
play
if ! grep -Eq '^localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' "$WORK/run.log"; then
    echo "demo: FAILED, the second run changed something (see above)" >&2
    exit 1
fi
echo "demo: OK, the second run changed nothing (changed=0)."
