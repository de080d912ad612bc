# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.plugin_utils.access_drift import Drift, declaration_drift


def user(name, enabled=True, access="login", models=None, offers=None, clouds=None):
    return {"name": name, "enabled": enabled, "access": access if enabled else None, "models": models or {},
            "offers": offers or {}, "clouds": clouds or {}}


READ = [
    user("admin", access="superuser", models={"admin/default": "admin"}),
    user("Bob", models={"admin/default": "read", "Fred/prod": "write"}, offers={"fred/prod.db": "consume"},
         clouds={"localhost": "add-model"}),
    user("dave", enabled=False, models={"admin/default": "write"}),
]


def texts(declared, login="admin"):
    return [item.text for item in declaration_drift(declared, READ, login)]


def test_a_controller_as_declared_has_no_drift():
    declared = [{"name": "bob", "controller_access": "login", "enabled": True,
                 "models": {"default": "read", "fred/prod": "write", "admin/test": "absent"},
                 "offers": {"Fred/prod.db": "consume"}, "clouds": {"localhost": "add-model", "microk8s": "absent"}},
                {"name": "dave", "enabled": False, "controller_access": "superuser"},
                {"name": "mallory", "state": "absent"}]
    assert declaration_drift(declared, READ, "admin") == []


def test_every_difference_is_one_sentence_in_the_declarations_order():
    declared = [{"name": "zed", "password": "zed-secret"},
                {"name": "BOB", "controller_access": "superuser", "enabled": False,
                 "models": {"default": "write", "fred/prod": "absent", "admin/test": "read"},
                 "offers": {"fred/prod.db": "read"}, "clouds": {"localhost": "admin"}},
                {"name": "dave", "enabled": True},
                {"name": "Dave@local", "state": "absent"}]
    with pytest.raises(InvalidInput):
        declaration_drift(declared, READ, "admin")  # dave twice
    assert texts(declared[:3] + [{"name": "admin", "state": "absent"}]) == [
        'User "zed" does not exist, declared present.',
        'User "BOB" is enabled, declared disabled.',
        'User "BOB" has login access to the controller, declared superuser.',
        'User "BOB" has read access to model "admin/default", declared write.',
        'User "BOB" has write access to model "Fred/prod", declared absent.',
        'User "BOB" has no access to model "admin/test", declared read.',
        'User "BOB" has consume access to offer "fred/prod.db", declared read.',
        'User "BOB" has add-model access to cloud "localhost", declared admin.',
        'User "dave" is disabled, declared enabled.',
        'User "admin" exists, declared absent.',
    ]


def test_the_items_name_the_user_the_target_and_both_levels():
    declared = [{"name": "bob", "models": {"default": "admin"}, "enabled": False}, {"name": "zed"},
                {"name": "admin", "state": "absent"}]
    assert declaration_drift(declared, READ, "admin") == [
        Drift("bob", "enabled", None, False, True, 'User "bob" is enabled, declared disabled.'),
        Drift("bob", "model", "admin/default", "admin", "read",
              'User "bob" has read access to model "admin/default", declared admin.'),
        Drift("zed", "user", None, "present", "absent", 'User "zed" does not exist, declared present.'),
        Drift("admin", "user", None, "absent", "present", 'User "admin" exists, declared absent.'),
    ]


def test_names_without_an_owner_are_the_login_users():
    declared = [{"name": "bob", "models": {"prod": "write"}, "offers": {"prod.db": "consume"}}]
    assert texts(declared, login="fred") == []
    assert texts(declared, login="admin") == ['User "bob" has no access to model "admin/prod", declared write.',
                                              'User "bob" has no access to offer "admin/prod.db", declared consume.']


def test_models_declared_by_uuid_are_compared_through_the_models_read():
    prod, other = "7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69", "0b1e7e2c-1111-4222-8333-944445555666"
    models = {"admin/default": "00000000-0000-4000-8000-000000000001", "fred/prod": prod}
    declared = [{"name": "bob", "models": {prod: "write", models["admin/default"]: "admin", other: "read"}}]
    assert [item.text for item in declaration_drift(declared, READ, "admin", models)] == [
        'User "bob" has read access to model "admin/default", declared admin.',
        'User "bob" has no access to model "%s", declared read.' % other]
    # Without the models read, a UUID is a model that was not read: a difference, never a crash.
    assert texts([{"name": "bob", "models": {prod: "write"}}]) == [
        'User "bob" has no access to model "%s", declared write.' % prod]


def test_the_controller_access_of_a_disabled_user_is_not_compared():
    assert texts([{"name": "dave", "controller_access": "login"}]) == []
    assert texts([{"name": "dave", "controller_access": "login", "enabled": True}]) == \
        ['User "dave" is disabled, declared enabled.']


def test_an_absent_user_is_only_compared_for_existence():
    assert texts([{"name": "mallory", "state": "absent"}]) == []


def test_an_absent_user_with_grants_is_refused_as_juju_users_refuses_it():
    with pytest.raises(InvalidInput, match=r'User "mallory" \(users\[0\]\): state absent removes the user'):
        texts([{"name": "mallory", "state": "absent", "models": {"default": "admin"}}])


def test_a_declaration_juju_users_refuses_is_refused_with_its_sentences():
    with pytest.raises(InvalidInput) as info:
        declaration_drift([{"name": "bob", "models": {"default": "owner"}}, {"name": "everyone@external"}],
                          READ, "admin")
    assert str(info.value) == ('User "bob": the level for model "default" is "owner", but must be one of read, '
                               'write, admin, or absent for no access. In users[1], user "everyone@external" is an external user '
                               '(@external); only local users can be managed here.')
