# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_ssh_key: main() against the simulator (conftest.py FIXTURE plus keys), check mode agreeing with the real run."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.modules import juju_ssh_key as m

LAPTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"
LAPTOP_FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"
BOB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work"
BOB_FP = "1a:ee:47:94:1a:b4:ba:72:04:56:1f:1b:93:64:52:cd"


def stored(sim, ref):
    """The model's authorized-keys lines as the simulator holds them, Juju's hidden key included."""
    return sim.state.models[sim.model_uuid(ref)].authorized_keys.split("\n")


def test_add_is_idempotent_and_reports_both_model_forms(run, simulator):
    uuid = simulator.model_uuid("admin/default")
    first = run(m, model="admin/default", key=LAPTOP)
    assert first["changed"] is True, first
    assert first["model"] == {"name": "admin/default", "uuid": uuid}
    assert first["key"] == {"fingerprint": LAPTOP_FP, "comment": "alice@laptop"}
    assert first["changes"] == [{"action": "add", "fingerprint": LAPTOP_FP, "comment": "alice@laptop"}]
    assert first["keys"] == [{"fingerprint": LAPTOP_FP, "comment": "alice@laptop"}]
    assert stored(simulator, "admin/default")[1:] == [LAPTOP]
    again = run(m, model=uuid, key=LAPTOP.replace("alice@laptop", "renamed"))
    assert (again["changed"], again["changes"], again["model"]["name"]) == (False, [], "admin/default")
    assert stored(simulator, "admin/default")[1:] == [LAPTOP]
