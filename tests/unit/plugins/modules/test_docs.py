# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation of the modules: ansible-doc renders it and it matches the argument specs."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import importlib
import json
import os
import subprocess
import sys

import pytest
import yaml

from ansible_collections.juju.controller.plugins.module_utils.juju_module import connection_argument_spec

ROOT = os.path.dirname(os.path.abspath(__file__))
for _ in range(4):
    ROOT = os.path.dirname(ROOT)
# Every module of plugins/modules, so that a new one is checked without being listed here.
MODULES = dict((name, importlib.import_module("ansible_collections.juju.controller.plugins.modules." + name))
               for name in sorted(os.path.basename(path)[:-3]
                                  for path in glob.glob(os.path.join(ROOT, "plugins", "modules", "juju_*.py"))))
ANSIBLE_DOC = os.path.join(os.path.dirname(sys.executable), "ansible-doc")


def ansible_doc(*args):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".build"), ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([ANSIBLE_DOC] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120, check=False)
    assert proc.returncode == 0 and "[WARNING]" not in proc.stderr, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def docs():
    return json.loads(ansible_doc("--json", *["juju.controller." + name for name in MODULES]))


def test_ansible_doc_renders_every_module():
    text = ansible_doc(*["juju.controller." + name for name in MODULES])
    for name in MODULES:
        assert "MODULE juju.controller.%s" % name in text
    for section in ("OPTIONS", "ATTRIBUTES", "EXAMPLES", "RETURN VALUES", "NOTES"):
        assert section in text


@pytest.mark.parametrize("name", sorted(MODULES))
def test_options_match_the_argument_spec(docs, name):
    doc = docs["juju.controller." + name]["doc"]
    spec = connection_argument_spec()
    spec.update(MODULES[name].ARGUMENT_SPEC)
    assert sorted(doc["options"]) == sorted(spec)
    for option, rules in spec.items():
        documented = doc["options"][option]
        assert documented["description"], option
        assert documented["type"] == rules.get("type", "str"), option
        assert documented.get("default") == rules.get("default"), option
        assert documented.get("choices") == rules.get("choices"), option
        assert documented.get("aliases", []) == rules.get("aliases", []), option
        assert documented.get("required", False) == rules.get("required", False), option
        assert documented.get("elements") == rules.get("elements"), option
        if "password" in option and option not in ("update_password", "reset_password"):  # not secrets
            assert rules.get("no_log") is True, option


@pytest.mark.parametrize("name", sorted(MODULES))
def test_attributes_and_action_group(docs, name):
    doc = docs["juju.controller." + name]["doc"]
    for attribute in ("check_mode", "diff_mode", "action_group"):
        assert doc["attributes"][attribute]["description"]
        assert doc["attributes"][attribute]["support"] in ("full", "N/A")
    assert doc["attributes"]["check_mode"]["support"] == "full"
    assert doc["attributes"]["action_group"]["membership"] == ["juju.controller.juju"]
    runtime = yaml.safe_load(open(os.path.join(ROOT, "meta", "runtime.yml")))
    assert name in runtime["action_groups"]["juju"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_examples_use_only_documented_options(docs, name):
    entry = docs["juju.controller." + name]
    spec = connection_argument_spec()
    spec.update(MODULES[name].ARGUMENT_SPEC)
    known = set(spec) | set(a for rules in spec.values() for a in rules.get("aliases", []))
    tasks = yaml.safe_load(entry["examples"])
    used = 0
    for task in tasks:
        for inner in task.get("block", [task]):
            args = inner.get("juju.controller." + name)
            if args is not None:
                used += 1
                assert set(args or {}) <= known, inner
            else:
                assert any(k.startswith(("ansible.builtin.", "juju.controller.")) for k in inner), inner
        assert task["name"]
    assert used >= 2
    assert entry["return"]
