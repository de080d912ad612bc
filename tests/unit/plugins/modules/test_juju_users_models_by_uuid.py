# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_users: models given by UUID in users[].models, main() in-process against the simulator."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from test_juju_users import converge, sim, state  # noqa: F401  # pylint: disable=unused-import  # fixtures


@pytest.mark.parametrize("check_mode", [True, False])
def test_models_given_by_uuid_are_granted_and_reported_in_both_forms(sim, converge, check_mode):  # noqa: F811
    prod, default = sim.model_uuid("fred/prod"), sim.model_uuid("boss/default")
    result, calls = converge([{"name": "zed", "models": {prod: "write", default: "write"}}], check_mode=check_mode)
    assert (result["failed"], result["changed"]) == (False, True)
    assert result["results"] == [{"name": "Zed", "changed": True, "not_applied": [],
                                  "actions": ["grant model fred/prod write"]}]
    assert result["models"] == {"fred/prod": prod, "boss/default": default}
    assert state(sim)[1]["fred/prod"]["zed"] == ("read" if check_mode else "write")


def test_a_model_given_by_uuid_and_by_name_in_one_entry_is_refused_in_both_modes(sim, converge):  # noqa: F811
    prod = sim.model_uuid("fred/prod")
    users = [{"name": "zed", "models": {"fred/prod": "read", prod: "write"}}]
    for check_mode in (True, False):
        result, calls = converge(users, check_mode=check_mode)
        assert result["msg"] == ('User "Zed" (users[0]): model "fred/prod" is given twice in models, as "fred/prod" '
                                 'and "%s"; give it once.' % prod)
        assert [k for k in calls if k[1].startswith(("Modify", "Add", "Remove"))] == []


def test_an_unknown_model_uuid_is_refused_naming_it(sim, converge):  # noqa: F811
    result, calls = converge([{"name": "zed", "models": {"0b1e7e2c-1111-4222-8333-944445555666": "read"}}])
    assert result["msg"] == ('User "Zed": model "0b1e7e2c-1111-4222-8333-944445555666" was not found on the controller '
                             '(or the login user "boss" cannot see it).')


def test_a_model_declared_by_uuid_is_read_back(sim, converge):  # noqa: F811
    prod = sim.model_uuid("fred/prod")
    converge([{"name": "zed", "models": {prod: "admin"}}])
    again, calls = converge([{"name": "zed", "models": {prod: "admin"}}])
    assert (again["changed"], again["results"][0]["actions"]) == (False, [])
    assert state(sim)[1]["fred/prod"]["zed"] == "admin"
