# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""declared_users: models given by UUID in a user's models (juju-api.md §19.1), pure (no controller)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.module_utils import declared_users as du
from test_declared_users import UUIDS, current, labels, plan, user

PROD = UUIDS["fred/prod"]


def test_a_model_uuid_is_read_as_a_uuid_and_a_name_as_its_key():
    entries, dummy = du.normalise([{"name": "bea", "models": {PROD: "read", "default": "write"}}])
    assert du.targets_to_read(entries, "boss") == ({PROD, "boss/default"}, set(), set())


def test_a_model_given_by_uuid_is_planned_and_reported_by_owner_and_name():
    p = plan([{"name": "fred"}, {"name": "nia", "models": {PROD: "write", UUIDS["admin/default"]: "read"}}])
    assert p.errors == []
    assert labels(p) == [("add", "nia", "add"), ("model", "nia", "grant model fred/prod write"),
                         ("model", "nia", "grant model boss/default read")]
    assert [c.payload for c in p.changes if c.phase == "model"] == [
        ("nia", "grant", "write", PROD), ("nia", "grant", "read", UUIDS["admin/default"])]
    assert p.users["nia"].after["models"] == {"fred/prod": "write", "boss/default": "read"}


def test_a_model_given_by_uuid_that_it_already_has_changes_nothing():
    p = plan([{"name": "fred", "models": {PROD: "admin"}}, {"name": "bea", "models": {PROD: "read"}}],
             current([user("bea")], model_users={"fred/prod": {"fred": "admin", "bea": "read"}}))
    assert (p.errors, p.changes) == ([], [])


def test_a_uuid_and_a_name_of_one_model_in_one_entry_is_one_key_twice():
    p = plan([{"name": "bea", "models": {"fred/prod": "read", PROD: "write"}}])
    assert p.errors == ['User "bea" (users[0]): model "fred/prod" is given twice in models, as "fred/prod" and "%s"; '
                        'give it once.' % PROD]


def test_an_unknown_model_uuid_is_named_as_given():
    p = plan([{"name": "bea", "models": {"0b1e7e2c-1111-4222-8333-944445555666": "read"}}])
    assert p.errors == ['User "bea": model "0b1e7e2c-1111-4222-8333-944445555666" was not found on the controller '
                        '(or the login user "boss" cannot see it).']


def test_a_uuid_is_a_uuid_even_where_a_model_of_the_login_user_is_named_like_it():
    """Model names allow a UUID's characters; a bare UUID names the model with that UUID, not that name."""
    named = "0b1e7e2c-1111-4222-8333-944445555666"
    cur = current()
    cur.models["boss/" + named] = {"ref": "boss/" + named, "uuid": "00000000-0000-4000-8000-00000000000a",
                                   "owner": "boss", "users": {"boss": "admin"}}
    assert plan([{"name": "fred", "models": {named: "read"}}], cur).errors == [
        'User "fred": model "%s" was not found on the controller (or the login user "boss" cannot see it).' % named]
    assert labels(plan([{"name": "fred", "models": {"boss/" + named: "read"}}], cur)) == [
        ("model", "fred", "grant model boss/%s read" % named)]
