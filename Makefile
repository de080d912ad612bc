# Development entry points. A fresh machine needs only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := .build
COLLECTION_LINK := $(BUILD)/ansible_collections/juju/controller
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/$(BUILD)
export PYTHONPATH := $(CURDIR)/$(BUILD)

.PHONY: venv test unit demo clean

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

test: unit

unit: venv
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(BUILD) .pytest_cache
