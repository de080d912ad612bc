# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Report building of juju_user_info: pure functions, no controller."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.modules import juju_user_info as m


def info(name, enabled=True, access="login"):
    return dict(name=name, display_name="", access=access if enabled else None, created_by="admin",
                date_created="2026-01-01T00:00:00Z", last_connection=None, enabled=enabled, extra="dropped")


INFOS = [info("fred"), info("admin", access="superuser"), info("bob", enabled=False)]
GRANTS = ({"admin/default": {"admin": "admin", "fred": "read"}, "fred/prod": {"fred": "admin"}},
          {"fred/prod.db": {"fred": "admin", "everyone@external": "read"}},
          {"localhost": {"admin": "admin"}, "microk8s": {"fred": "add-model", "dana@external": "admin"}})


def test_all_users_sorted_with_current_user():
    users, current = m.report(INFOS, None, "admin")
    assert [u["name"] for u in users] == ["admin", "bob", "fred"]
    assert current["name"] == "admin" and "extra" not in current
    assert set(users[0]) == {"name", "display_name", "access", "created_by", "date_created",
                             "last_connection", "enabled"}


def test_named_disabled_user_is_reported():
    # include_disabled is applied by ControllerClient.user_info (also to named users), not here.
    assert m.report(INFOS, "bob", "admin")[0][0]["enabled"] is False


def test_named_user_missing_gives_empty_list():
    users, current = m.report([info("admin")], "nobody", "admin")
    assert users == [] and current["name"] == "admin"


def test_access_audit():
    users, current = m.report(INFOS, None, "admin", GRANTS)
    by_name = dict((u["name"], u) for u in users)
    assert by_name["fred"]["models"] == {"admin/default": "read", "fred/prod": "admin"}
    assert by_name["fred"]["offers"] == {"fred/prod.db": "admin"}
    assert by_name["fred"]["clouds"] == {"microk8s": "add-model"}
    assert (by_name["bob"]["models"], by_name["bob"]["offers"], by_name["bob"]["clouds"]) == ({}, {}, {})
    assert (current["models"], current["clouds"]) == ({"admin/default": "admin"}, {"localhost": "admin"})


def test_external_holders_of_every_kind_of_grant():
    assert m.external_holders(GRANTS) == ["dana@external", "everyone@external"]


class FakeClient(object):
    def list_models(self):
        return [{"ref": "admin/default", "uuid": "u1"}, {"ref": "fred/prod", "uuid": "u2"}]

    def model_users(self, uuid):
        return {"u1": {"admin": "admin"}, "u2": {"fred": "admin"}}[uuid]

    def list_offers(self):
        return [{"url": "fred/prod.db", "users": {"fred": "admin"}}]

    def list_clouds(self):
        return [{"name": "localhost", "type": "lxd", "regions": ["localhost"]}]

    def cloud_users(self, cloud):
        return {"localhost": {"admin": "admin"}}[cloud]


def test_read_grants():
    assert m.read_grants(FakeClient()) == ({"admin/default": {"admin": "admin"}, "fred/prod": {"fred": "admin"}},
                                           {"fred/prod.db": {"fred": "admin"}}, {"localhost": {"admin": "admin"}})
