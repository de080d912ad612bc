# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.juju.controller.plugins.filter.access_report import FilterModule
from ansible_collections.juju.controller.plugins.plugin_utils import access_render

FILTERS = FilterModule().filters()
BOB = {"name": "bob", "display_name": "", "enabled": True, "access": "login", "last_connection": None,
       "models": {"admin/default": "read"}, "offers": {}, "clouds": {}}


def test_the_filters_the_role_uses():
    assert sorted(FILTERS) == ["access_drift", "access_report", "access_report_csv", "access_report_html"]
    assert FILTERS["access_report_html"] is access_render.to_html
    assert FILTERS["access_report_csv"] is access_render.to_csv


def test_access_drift_gives_dicts_and_passes_no_password():
    declared = [{"name": "bob", "password": "s3cret-pw", "models": {"default": "write"}}]
    assert FILTERS["access_drift"](declared, [BOB], "admin") == [
        {"user": "bob", "item": "model", "target": "admin/default", "declared": "write", "actual": "read",
         "text": 'User "bob" has read access to model "admin/default", declared write.'}]
    assert FILTERS["access_drift"](None, [BOB], "admin") == []


def test_access_drift_refuses_a_bad_declaration_in_one_sentence():
    with pytest.raises(AnsibleFilterError) as info:
        FILTERS["access_drift"]([{"name": "bob", "password": "s3cret-pw", "clouds": {"lxd": "owner"}}], [BOB], "x")
    assert info.value.message == ('The declaration cannot be compared: User "bob": the level for cloud "lxd" is '
                                  '"owner", but must be one of add-model, admin, or absent for no access.')


def test_access_report_takes_the_days_as_text_too():
    reads = ({"name": "prod", "users": [BOB], "current_user": BOB},)
    report = FILTERS["access_report"](reads, "2026-06-30T12:00:00Z", "30")
    assert (report["inactive_days"], [c["name"] for c in report["controllers"]]) == (30, ["prod"])
    assert FILTERS["access_report"](reads, "2026-06-30T12:00:00Z")["inactive_days"] == 90


def test_access_report_refuses_what_juju_user_info_does_not_give():
    with pytest.raises(AnsibleFilterError) as info:
        FILTERS["access_report"]([{"users": []}], "2026-06-30T12:00:00Z", 90)
    assert info.value.message == "The access report cannot be built from what was read: KeyError('name')"
    with pytest.raises(AnsibleFilterError) as info:
        FILTERS["access_report"]([], "yesterday", 90)
    assert info.value.message.startswith("The access report cannot be built from what was read: ValueError(")
