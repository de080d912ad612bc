# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning of juju_user_access: pure functions and a fake client, no controller."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils.access import Change, plan
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput, NotFound
from ansible_collections.juju.controller.plugins.module_utils.names import user_key
from ansible_collections.juju.controller.plugins.modules import juju_user_access as m


def params(**kw):
    p = dict(user="bob", access=None, model=None, offer=None, cloud=None, state="present")
    p.update(kw)
    return p


@pytest.mark.parametrize("kw, expected", [
    (dict(access="superuser"), ("bob", "controller", "superuser")),
    (dict(access="read", model="fred/prod"), ("bob", "model", "read")),
    (dict(access="consume", offer="fred/prod.db"), ("bob", "offer", "consume")),
    (dict(state="absent", model="m1"), ("bob", "model", None)),
    (dict(user="bob@local", state="absent", access="admin", offer="ab/mo.db"), ("bob", "offer", None)),
    (dict(user="everyone@external", access="read", offer="ab/mo.db"), ("everyone@external", "offer", "read")),
    (dict(access="add-model", cloud="microk8s"), ("bob", "cloud", "add-model")),
    (dict(state="absent", cloud="lxd-2.remote_x"), ("bob", "cloud", None)),
])
def test_desired(kw, expected):
    assert m.desired_access(params(**kw)) == expected


@pytest.mark.parametrize("kw, valid", [
    (dict(access="write"), "login, superuser"),
    (dict(access="admin"), "login, superuser"),
    (dict(access="consume", model="m"), "read, write, admin"),
    (dict(access="superuser", model="m"), "read, write, admin"),
    (dict(access="write", offer="ab/mo.db"), "read, consume, admin"),
    (dict(access="login", offer="ab/mo.db", state="absent"), "read, consume, admin"),
    (dict(access="read", cloud="microk8s"), "add-model, admin"),
    (dict(access="addmodel", cloud="microk8s"), "add-model, admin"),  # the CLI's alias is the CLI's alone
])
def test_level_is_checked_against_the_target_kind(kw, valid):
    with pytest.raises(InvalidInput, match=valid):
        m.desired_access(params(**kw))


def test_bad_cloud_name_is_refused_before_anything_is_sent():
    with pytest.raises(InvalidInput, match='cloud name "-k8s" is not valid'):
        m.desired_access(params(cloud="-k8s", state="absent"))


def test_bad_user_name():
    with pytest.raises(InvalidInput, match="not valid"):
        m.desired_access(params(user="bad_name", access="login"))


@pytest.mark.parametrize("kind, current, desired, changes", [
    ("controller", None, "login", [Change("grant", "login")]),
    ("controller", "login", "superuser", [Change("grant", "superuser")]),
    ("controller", "superuser", "login", [Change("revoke", "superuser")]),
    ("controller", "login", None, [Change("revoke", "login")]),
    ("model", "read", "admin", [Change("grant", "admin")]),
    ("model", "admin", "read", [Change("revoke", "write")]),
    ("model", "admin", "write", [Change("revoke", "admin")]),
    ("model", "write", None, [Change("revoke", "read")]),
    ("offer", "admin", "read", [Change("revoke", "consume")]),
    ("offer", "read", None, [Change("revoke", "read")]),
    ("offer", "consume", "consume", []),
])
def test_plans_are_minimal(kind, current, desired, changes):
    # The module relies on access.plan; these are the cases its behaviour depends on.
    assert plan(kind, current, desired) == changes


class FakeClient(object):
    controller_name = "sim"
    current_user = "admin"
    is_superuser = True

    def __init__(self, users=None, models=None, offers=None):
        self.users = users if users is not None else {
            "admin": dict(name="admin", access="superuser", enabled=True),
            "bob": dict(name="bob", access="login", enabled=True),
            "carol": dict(name="carol", access=None, enabled=False)}
        self.models = models or {"admin/test-model": ("uuid-1", {"admin": "admin", "bob": "write"})}
        self.offers = offers or {"fred/prod.db": {"fred": "admin", "everyone@external": "read"}}
        self.calls = []

    def get_user(self, name):
        return self.users.get(user_key(name))  # as Juju: any spelling finds the user

    def controller_access(self, name):
        raise AssertionError("not expected")

    def resolve_model(self, ref):
        ref = ref if "/" in ref else "admin/" + ref
        if ref not in self.models:
            raise NotFound("model %s not found" % ref)
        owner, name = ref.split("/")
        return {"ref": ref, "uuid": self.models[ref][0], "owner": owner, "name": name}

    def model_users(self, uuid):
        return [users for u, users in self.models.values() if u == uuid][0]

    def offer_users(self, url):
        if url not in self.offers:
            raise NotFound("application offer %s not found" % url)
        return self.offers[url]

    def modify_model_access(self, *args):
        self.calls.append(("model",) + args)

    def modify_offer_access(self, *args):
        self.calls.append(("offer",) + args)

    def modify_controller_access(self, *args):
        self.calls.append(("controller",) + args)


def test_read_state_controller_model_offer():
    client = FakeClient()
    assert m.read_state(client, "BOB", "controller", params(), True) == ({"kind": "controller", "name": "sim"},
                                                                         "bob", "login")
    target, name, level = m.read_state(client, "bob@local", "model", params(model="test-model"), True)
    assert (target["name"], target["uuid"], name, level) == ("admin/test-model", "uuid-1", "bob", "write")
    target, name, level = m.read_state(client, "Everyone@External", "offer", params(offer="fred/prod.db"), True)
    assert (target["name"], name, level) == ("fred/prod.db", "everyone@external", "read")


def test_unknown_user_fails_when_access_is_to_be_given_but_not_when_removed():
    client = FakeClient()
    with pytest.raises(NotFound, match='user "nobody" does not exist'):
        m.read_state(client, "nobody", "model", params(model="test-model"), True)
    assert m.read_state(client, "nobody", "model", params(model="test-model"), False)[1:] == ("nobody", None)


def test_unknown_model_and_offer_are_named():
    client = FakeClient()
    with pytest.raises(NotFound, match='model "nope" was not found'):
        m.read_state(client, "bob", "model", params(model="nope"), True)
    with pytest.raises(NotFound, match='offer "fred/prod.nope" was not found'):
        m.read_state(client, "bob", "offer", params(offer="fred/prod.nope"), True)


def test_disabled_user_controller_access_is_refused():
    with pytest.raises(InvalidInput, match="disabled"):
        m.read_state(FakeClient(), "carol", "controller", params(), True)


def test_apply_sends_each_change_to_its_target():
    client = FakeClient()
    m.apply_change(client, "bob", {"kind": "model", "name": "admin/test-model", "uuid": "uuid-1"},
                   Change("revoke", "write"))
    m.apply_change(client, "bob", {"kind": "offer", "name": "fred/prod.db"}, Change("grant", "consume"))
    m.apply_change(client, "bob", {"kind": "controller", "name": "sim"}, Change("grant", "superuser"))
    assert client.calls == [("model", "bob", "revoke", "write", "uuid-1"),
                            ("offer", "bob", "grant", "consume", "fred/prod.db"),
                            ("controller", "bob", "grant", "superuser")]


def test_reread_level_reads_only_what_the_changes_touched():
    def get_user(name):
        raise AssertionError("user %s read again" % name)

    client = FakeClient()
    client.get_user = get_user
    model = {"kind": "model", "name": "admin/test-model", "uuid": "uuid-1"}
    assert m.reread_level(client, "bob", model) == "write"
    assert m.reread_level(client, "everyone@external", {"kind": "offer", "name": "fred/prod.db"}) == "read"
    assert m.reread_level(FakeClient(), "bob", {"kind": "controller", "name": "sim"}) == "login"


def test_non_superuser_is_never_told_a_user_is_missing():
    client = FakeClient()
    client.is_superuser = False
    assert m.read_user(client, "nobody") == (None, False)
    client.is_superuser = True
    assert m.read_user(client, "nobody") == (None, True)
    assert m.read_user(client, "someone@external") == (None, False)
