# Development entry points. A fresh machine needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := .build
COLLECTION_LINK := $(BUILD)/ansible_collections/juju/controller
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/$(BUILD)
export PYTHONPATH := $(CURDIR)/$(BUILD)

.PHONY: venv test pytest demo clean

venv: $(BIN)/.installed $(COLLECTION_LINK)

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Python and Ansible find the checkout as ansible_collections.juju.controller through this link.
$(COLLECTION_LINK):
	mkdir -p $(dir $@)
	ln -sfn $(CURDIR) $@

# Everything CI runs: pytest (unit, simulator, conformance, integration), the quality gates, Molecule.
test: pytest compat quality molecule

# Two workers: most of the time is ansible-playbook processes, which two cores run side by side.
pytest: venv
	$(BIN)/python -m pytest -n 2

# The lowest supported versions (tests/compat/run.sh): .venv-min with Python 3.9 and exactly the floors
# of requirements.txt, py_compile of plugins/, a smoke test of the client against a simulator; then
# .venv-ansible-min with the oldest ansible-core meta/runtime.yml admits, running tests/compat/floor.yml.
.PHONY: compat
compat: venv
	bash tests/compat/run.sh

# The README's first command: a simulated controller, playbooks/demo.yml twice, the second run changes nothing.
demo: venv
	playbooks/run-demo.sh

# Quality gates (tests/scripts/quality.sh): `make quality` runs them all, goes on after a failure
# and ends with a summary; each one alone: make sanity | lint | docs-lint | changelog-lint |
# galaxy-test | ee-test.
QUALITY_GATES := sanity lint docs-lint changelog-lint galaxy-test ee-test
.PHONY: quality $(QUALITY_GATES)

quality: venv
	bash tests/scripts/quality.sh all

$(QUALITY_GATES): venv
	bash tests/scripts/quality.sh $@

# Molecule scenario of the users role (extensions/molecule/users): converge, idempotence and verify
# against a simulated controller that the scenario starts and stops itself; no containers.
.PHONY: molecule
molecule: venv
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/molecule test -s users

# The state machine of tests/property (docs/testing.md, "A state machine of Juju") for longer than `make test`
# runs it: new random examples each time, more and longer ones; it prints the steps and the known gaps it met.
#   SOAK_EXAMPLES=200   how many examples (sequences of up to 30 tasks, each in check mode and for real)
.PHONY: soak
SOAK_EXAMPLES ?= 200
soak: venv
	JUJU_STATE_MACHINE_PROFILE=soak JUJU_SOAK_EXAMPLES=$(SOAK_EXAMPLES) $(BIN)/python -m pytest tests/property \
		-p no:randomly -p no:xdist -q

# Mutation testing (tests/mutation/run.sh; docs/testing.md, "Mutation testing"): mutmut over
# plugins/module_utils and plugins/modules, killed by tests/unit, run in $(BUILD)/mutation.
# Long (see docs/testing.md), so not part of `make test`. It keeps its results: a later run tests
# only the mutants of functions that changed, so measure a score with `make mutation-clean mutation`.
#   MUTANTS='*.names.*'  only these mutants (mutmut name globs), retested even if already run
#   MUTATION_JOBS=1      one worker instead of two
# mutation-report lists every mutant not killed, with its diff.
.PHONY: mutation mutation-report mutation-clean
mutation: venv
	bash tests/mutation/run.sh $(foreach glob,$(MUTANTS),'$(glob)')

mutation-report:
	$(BIN)/python tests/mutation/survivors.py --diff

mutation-clean:
	rm -rf $(BUILD)/mutation

clean:
	rm -rf $(VENV) .venv-min .venv-ansible-min $(BUILD) .pytest_cache
