# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role juju.controller.users off-boarding by disabling (juju_users_purge_mode), with a model given by
UUID: one ansible-playbook run against the simulator (the module's paths are unit-tested)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from simhelper import snapshot
from test_role_users import OPS_PASSWORD, runner, sim  # noqa: F401  # pylint: disable=unused-import  # fixtures


def test_unlisted_users_are_disabled_and_lose_their_grants_and_a_listed_disabled_user_is_enabled(sim, runner):  # noqa: F811
    dev = sim.model_uuid("fred/dev")
    role_vars = {
        "juju_users": [
            {"name": "alice", "models": {"admin/staging": "write", dev: "read"}, "offers": {"admin/prod.db": "consume"}},
            {"name": "bob", "models": {"admin/prod": "admin"}, "offers": {"fred/dev.cache": "read"}},
            {"name": "legacy2"},  # disabled in the fixture: listed again, enabled
        ],
        "juju_users_purge": True,
        "juju_users_purge_mode": "disable",
        "juju_users_purge_access": True,
        "juju_login_user": "ops",
        "juju_login_password": OPS_PASSWORD,
    }
    run = runner.run(role_vars)
    run.assert_ok()
    state = snapshot(sim)
    assert sorted(state) == ["admin", "alice", "bob", "fred", "legacy1", "legacy2", "ops"]  # nobody removed
    assert [name for name in sorted(state) if not state[name]["enabled"]] == ["fred", "legacy1"]
    assert state["legacy1"]["models"] == {} and state["legacy1"]["access"] == "login"  # revoked, controller kept
    assert state["fred"]["models"] == {"fred/dev": "admin", "fred/prod": "admin"}  # what fred owns stays his
    assert state["alice"]["models"] == {"admin/staging": "write", "fred/dev": "read"}
    assert (run.calls("DisableUser"), run.calls("EnableUser"), run.calls("RemoveUser")) == (1, 1, 0)
    report = run.output.split("Users off-boarded by the purge")[1].split("TASK")[0]
    assert [line.strip() for line in report.splitlines() if ": disabled" in line] == [
        '"fred: disabled_access_revoked",', '"legacy1: disabled_access_revoked"'], run.tail()
