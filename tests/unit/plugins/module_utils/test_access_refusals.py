# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The refusals of access.py as whole sentences (test_access.py matches parts of them)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import access
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput


@pytest.mark.parametrize("call", [
    lambda: access.plan("machine", None, "admin"),
    lambda: access.validate_level("machine", "admin"),
    lambda: access.rank("machine", None),
])
def test_unknown_target_kind(call):
    with pytest.raises(InvalidInput) as info:
        call()
    assert str(info.value) == '"machine" is not an access target; valid targets are cloud, controller, model, offer.'


def test_unknown_level_lists_none_where_it_is_allowed():
    with pytest.raises(InvalidInput) as info:
        access.plan("offer", "write", None)
    assert str(info.value) == '"write" is not a valid offer access level; valid levels are read, consume, admin, none.'
