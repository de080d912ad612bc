#!/usr/bin/env bash
# `make compat`: the collection at its lowest supported versions.
#
# 1. .venv-min: Python 3.9 (the floor of tests/config.yml) with exactly the floors of
#    requirements.txt ("websockets>=13.1" -> websockets==13.1, ...) and nothing else; rebuilt
#    when the interpreter or the floors change.
# 2. `python3.9 -m py_compile` of every Python file under plugins/.
# 3. tests/compat/smoke.py under that interpreter against a simulator started through its CLI
#    with the main venv; the simulator is stopped on every way out.
#
# The interpreter: $COMPAT_PYTHON if set, else the newest pyenv build 3.9.x (the real binary,
# not the shim: the shim of an inactive version exits 127), else /usr/local/bin or /usr/bin.
# No Python 3.9 is an error, never a skip.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
MAIN_PY=$ROOT/.venv/bin/python
MIN_VENV=$ROOT/.venv-min
STAMP=$MIN_VENV/.compat-installed
MINOR=3.9
PYENV_DIR=${PYENV_ROOT:-$HOME/.pyenv}
START=$(date +%s.%N)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/juju-compat.XXXXXX")
SIM_PID=

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
# Byte code goes to the scratch folder, not into the checkout's __pycache__ folders.
export PYTHONPYCACHEPREFIX=$WORK/pycache

say() { printf 'compat: %s\n' "$*"; }
die() { printf 'compat: FAILED: %s\n' "$*" >&2; exit 1; }
elapsed() { awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f s", e - s }'; }

stop_simulator() {
    local i
    [ -n "$SIM_PID" ] || return 0
    if kill -0 "$SIM_PID" 2>/dev/null; then
        kill -TERM "$SIM_PID" 2>/dev/null || true
        for i in $(seq 1 50); do
            kill -0 "$SIM_PID" 2>/dev/null || break
            [ "$i" -lt 50 ] || kill -KILL "$SIM_PID" 2>/dev/null || true
            sleep 0.1
        done
    fi
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=
}

cleanup() {
    local status=$?
    stop_simulator
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -x "$MAIN_PY" ] || die "$MAIN_PY is missing: run 'make venv' first (it runs the simulator)"

# --- the interpreter ------------------------------------------------------------------------
usable() {
    [ -x "$1" ] && "$1" -c "import sys, venv, ensurepip, ssl
sys.exit(sys.version_info[:2] != tuple(int(n) for n in '$MINOR'.split('.')))" >/dev/null 2>&1
}

find_python() {
    local cand cands=()
    if [ -n "${COMPAT_PYTHON:-}" ]; then
        usable "$COMPAT_PYTHON" || die "COMPAT_PYTHON=$COMPAT_PYTHON is not a working Python $MINOR (with venv, ensurepip and ssl)"
        printf '%s' "$COMPAT_PYTHON"
        return
    fi
    if [ -d "$PYENV_DIR/versions" ]; then
        while IFS= read -r cand; do
            cands+=("$PYENV_DIR/versions/$cand/bin/python$MINOR")
        done < <(cd "$PYENV_DIR/versions" && printf '%s\n' * | grep -E "^${MINOR//./\\.}\.[0-9]+$" | sort -rV)
    fi
    cands+=("/usr/local/bin/python$MINOR" "/usr/bin/python$MINOR")
    for cand in "${cands[@]}"; do
        if usable "$cand"; then
            printf '%s' "$cand"
            return
        fi
    done
    die "no working Python $MINOR found (looked in $PYENV_DIR/versions/$MINOR.*/bin, /usr/local/bin and /usr/bin; e.g. 'pyenv install $MINOR' or set COMPAT_PYTHON=/path/to/python$MINOR). The modules support Python $MINOR (tests/config.yml), so this test cannot be skipped."
}

PY=$(find_python)
PY_VERSION=$("$PY" -c 'import platform; print(platform.python_version())')

# --- the floors: every requirements.txt line "name>=version" becomes "name==version" ---------
PINS=()
while IFS= read -r line; do
    line=${line%%#*}
    line=${line//[[:space:]]/}
    [ -n "$line" ] || continue
    [[ $line =~ ^([A-Za-z0-9][A-Za-z0-9._-]*)\>=([0-9][0-9A-Za-z.]*)$ ]] \
        || die "requirements.txt line '$line' is not 'name>=version', so its lowest version is unknown"
    PINS+=("${BASH_REMATCH[1]}==${BASH_REMATCH[2]}")
done <requirements.txt
[ "${#PINS[@]}" -gt 0 ] || die "requirements.txt declares no requirement"

# --- .venv-min ----------------------------------------------------------------------------------
WANT="$PY $PY_VERSION ${PINS[*]}"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ] || ! "$MIN_VENV/bin/python" -c '' 2>/dev/null; then
    say "creating .venv-min: Python $PY_VERSION ($PY), ${PINS[*]}"
    rm -rf "$MIN_VENV"
    "$PY" -m venv "$MIN_VENV"
    # Wheels only: the floors must install as a user gets them, without a compiler.
    "$MIN_VENV/bin/python" -m pip install -q --only-binary :all: "${PINS[@]}" \
        || die "cannot install ${PINS[*]} on Python $PY_VERSION (above); raise the floor in requirements.txt to the lowest version that installs"
    printf '%s\n' "$WANT" >"$STAMP"
fi
MIN_PY=$MIN_VENV/bin/python

# --- py_compile of plugins/ with Python 3.9 ------------------------------------------------------
FILES=()
while IFS= read -r -d '' f; do
    FILES+=("$f")
done < <(find plugins -name __pycache__ -prune -o -type f -name '*.py' -print0 | sort -z)
[ "${#FILES[@]}" -gt 0 ] || die "no Python files under plugins/"
"$MIN_PY" -m py_compile "${FILES[@]}" || die "Python $PY_VERSION cannot compile the files above"
say "py_compile: ${#FILES[@]} files under plugins/ compile with Python $PY_VERSION"

# --- simulator ----------------------------------------------------------------------------------
# The collection is imported as ansible_collections.juju.controller through .build (make venv).
if [ ! -e .build/ansible_collections/juju/controller/plugins ]; then
    mkdir -p .build/ansible_collections/juju
    ln -sfn "$ROOT" .build/ansible_collections/juju/controller
fi
"$MAIN_PY" tests/simulator/jujusim --juju-data "$WORK/juju" --port 0 >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
for i in $(seq 1 150); do
    grep -q '^READY ' "$WORK/sim.out" 2>/dev/null && break
    kill -0 "$SIM_PID" 2>/dev/null || die "the simulator exited: $(cat "$WORK/sim.err")"
    [ "$i" -lt 150 ] || die "the simulator did not print READY within 30 s: $(cat "$WORK/sim.err")"
    sleep 0.2
done
URL=$(sed -n 's/^READY //p' "$WORK/sim.out")

# --- smoke --------------------------------------------------------------------------------------
EXPECT=()
for pin in "${PINS[@]}"; do
    EXPECT+=(--expect "$pin")
done
status=0
env -u JUJU_CONTROLLER -u JUJU_CONTROLLER_ADDRESSES -u JUJU_USERNAME -u JUJU_PASSWORD -u JUJU_CA_CERT \
    JUJU_DATA="$WORK/juju" PYTHONPATH="$ROOT/.build" COMPAT_PYTHON_MINOR="$MINOR" \
    "$MIN_PY" tests/compat/smoke.py --url "$URL" --started "$START" "${EXPECT[@]}" || status=$?
if [ "$status" -ne 0 ]; then
    stop_simulator
    [ ! -s "$WORK/sim.err" ] || printf 'simulator stderr:\n%s\n' "$(cat "$WORK/sim.err")" >&2
    die "the smoke test failed with Python $PY_VERSION and ${PINS[*]} ($(elapsed))"
fi

# --- the oldest ansible-core meta/runtime.yml admits ---------------------------------------------
# requires_ansible ">=X.Y.Z": ansible-core==X.Y.Z, with the floors above, in .venv-ansible-min under
# the oldest Python 3 that release runs on here ($COMPAT_ANSIBLE_PYTHON, else python3.10, 3.11, 3.12),
# runs tests/compat/floor.yml against the same simulator: a read, a check-mode write, a real write.
FLOOR=$(sed -n 's/^requires_ansible: *">=\([0-9][0-9.]*\)".*/\1/p' meta/runtime.yml)
[ -n "$FLOOR" ] || die "meta/runtime.yml has no requires_ansible \">=X.Y.Z\""
ANSIBLE_PY=${COMPAT_ANSIBLE_PYTHON:-}
if [ -z "$ANSIBLE_PY" ]; then
    for cand in python3.10 python3.11 python3.12; do
        for dir in /usr/local/bin /usr/bin; do
            if [ -z "$ANSIBLE_PY" ] && "$dir/$cand" -c "import venv, ensurepip, ssl" >/dev/null 2>&1; then
                ANSIBLE_PY=$dir/$cand
            fi
        done
    done
fi
[ -n "$ANSIBLE_PY" ] || die "no Python 3.10-3.12 to run ansible-core $FLOOR (set COMPAT_ANSIBLE_PYTHON)"
ANSIBLE_VENV=$ROOT/.venv-ansible-min
# The floors again, but PyYAML, which ansible-core itself requires (and whose floor has no wheel
# for a Python that new): pip picks what ansible-core $FLOOR accepts.
ANSIBLE_PINS=()
for pin in "${PINS[@]}"; do
    [[ ${pin,,} == pyyaml==* ]] || ANSIBLE_PINS+=("$pin")
done
WANT_ANSIBLE="$ANSIBLE_PY $("$ANSIBLE_PY" -V 2>&1) ansible-core==$FLOOR ${ANSIBLE_PINS[*]}"
if [ "$(cat "$ANSIBLE_VENV/.compat-installed" 2>/dev/null || true)" != "$WANT_ANSIBLE" ]; then
    say "creating .venv-ansible-min: ansible-core $FLOOR on $("$ANSIBLE_PY" -V 2>&1), ${ANSIBLE_PINS[*]}"
    rm -rf "$ANSIBLE_VENV"
    "$ANSIBLE_PY" -m venv "$ANSIBLE_VENV"
    "$ANSIBLE_VENV/bin/python" -m pip install -q --only-binary :all: "ansible-core==$FLOOR" "${ANSIBLE_PINS[@]}" \
        || die "cannot install ansible-core $FLOOR with ${ANSIBLE_PINS[*]}"
    printf '%s\n' "$WANT_ANSIBLE" >"$ANSIBLE_VENV/.compat-installed"
fi
env -u JUJU_CONTROLLER -u JUJU_CONTROLLER_ADDRESSES -u JUJU_USERNAME -u JUJU_PASSWORD -u JUJU_CA_CERT \
    -u ANSIBLE_CONFIG JUJU_DATA="$WORK/juju" ANSIBLE_COLLECTIONS_PATH="$ROOT/.build" ANSIBLE_HOME="$WORK/ansible" \
    ANSIBLE_LOCAL_TEMP="$WORK/ansible-tmp" ANSIBLE_NOCOLOR=1 PYTHONPATH= \
    "$ANSIBLE_VENV/bin/ansible-playbook" -i localhost, -c local \
    -e "ansible_python_interpreter=$ANSIBLE_VENV/bin/python" tests/compat/floor.yml >"$WORK/floor.out" 2>&1 || status=$?
stop_simulator
if [ "$status" -ne 0 ] || ! grep -q "^localhost *: ok=4 .*failed=0" "$WORK/floor.out"; then
    cat "$WORK/floor.out" >&2
    die "tests/compat/floor.yml failed with ansible-core $FLOOR ($(elapsed))"
fi
say "ansible-core $FLOOR: tests/compat/floor.yml passed ($(elapsed))"
