# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python-libjuju's Model.add_ssh_key / get_ssh_keys / remove_ssh_key against the simulator's
KeyManager v1 on a model connection, and libjuju seeing the keys juju_ssh_key set.

Spec: juju-api.md §18 (KeyManager v1, model connections), §1.1 (/model/<uuid>/api).

libjuju's Model.connect() also starts its AllWatcher (Client.WatchAll, AllWatcher.Next,
ModelConfig), which the simulator does not serve; these tests open libjuju's model
connection with its Connector alone (the same Login on /model/<uuid>/api) and then call
the Model methods unchanged.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from juju.errors import JujuError
from juju.model import Model

from ansible_collections.juju.controller.plugins.modules import juju_ssh_key

LAPTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"
FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"
BOB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work"
BOB_FP = "6c:f6:56:d9:2c:38:88:91:cb:20:cb:8e:bd:4a:4b:50"

# The unit tests' in-process module runner (tests/unit/plugins/modules/modrun.py), loaded by path:
# that folder is not on this suite's import path.
_spec = importlib.util.spec_from_file_location(
    "modrun", Path(__file__).resolve().parents[1] / "unit" / "plugins" / "modules" / "modrun.py")
modrun = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(modrun)


def run_module(sim, **options):
    """juju_ssh_key's main() as the simulator's owner, through its client store."""
    return modrun.run_main(juju_ssh_key, dict(modrun.connection_args(sim, "admin", sim.admin_password), **options))


async def open_model(juju, ref, username="admin"):
    uuid = juju.sim.model_uuid(ref)
    model = Model()
    await model._connector.connect(endpoint=juju.endpoint, uuid=uuid, username=username,
                                   password=juju.password_of(username), cacert=juju.sim.ca_cert)
    model._info = SimpleNamespace(uuid=uuid)
    return model


def test_libjuju_adds_lists_and_removes_keys(juju):
    async def scenario():
        model = await open_model(juju, "admin/default")
        try:
            info = model.connection().info
            assert info["model-tag"] == "model-" + juju.sim.model_uuid("admin/default")
            assert {"name": "KeyManager", "versions": [1]} in info["facades"]
            assert (await model.get_ssh_keys()).results[0].result is None  # juju-system-key is hidden
            await model.add_ssh_key("admin", LAPTOP)
            await model.add_ssh_keys("admin", BOB)
            listed = await model.get_ssh_keys()
            assert listed.results[0].result == [FP + " (alice@laptop)", BOB_FP + " (bob@work)"]
            assert (await model.get_ssh_keys(raw_ssh=True)).results[0].result == [LAPTOP, BOB]
            # A duplicate is a per-key error, which libjuju raises.
            with pytest.raises(JujuError) as info:
                await model.add_ssh_key("admin", LAPTOP)
            assert info.value.errors == ["duplicate ssh key: " + LAPTOP]
            await model.remove_ssh_key("admin", LAPTOP)  # libjuju sends the MD5 fingerprint it computes
            assert (await model.get_ssh_keys(raw_ssh=True)).results[0].result == [BOB]
        finally:
            await model.disconnect()

    juju.run(scenario())


def test_libjuju_sees_the_keys_juju_ssh_key_set(juju, simulator):
    result = run_module(simulator, model="fred/prod", key=LAPTOP)
    assert result["changed"] is True, result
    result = run_module(simulator, model=simulator.model_uuid("fred/prod"), key=BOB, exclusive=True)
    assert result["keys"] == [{"fingerprint": BOB_FP, "comment": "bob@work"}]

    async def scenario():
        model = await open_model(juju, "fred/prod", "fred")
        try:
            assert (await model.get_ssh_keys()).results[0].result == [BOB_FP + " (bob@work)"]
            await model.add_ssh_key("fred", LAPTOP)
        finally:
            await model.disconnect()

    juju.run(scenario())
    # and the module sees libjuju's key: present already, nothing to do
    again = run_module(simulator, model="fred/prod", key=LAPTOP)
    assert (again["changed"], [k["fingerprint"] for k in again["keys"]]) == (False, [BOB_FP, FP])
