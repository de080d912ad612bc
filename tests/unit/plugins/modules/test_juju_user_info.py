# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_user_info: its report building (pure functions, no controller), then main() against the simulator."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
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


def test_an_external_users_access_is_its_own_grant_and_its_effective_level_a_second_field():
    dana = dict(info("dana@external", access="superuser"), created_by=None)  # UserInfo: the effective level
    out = m.with_own_grants([info("fred"), dana], {"Dana@External": "login"})
    assert out[0] == info("fred") and "effective_access" not in m.report_user(out[0], None)
    assert (out[1]["access"], out[1]["effective_access"]) == ("login", "superuser")
    assert m.report_user(out[1], None)["effective_access"] == "superuser"
    assert m.with_own_grants([dana], {})[0]["access"] is None


def test_read_grants():
    assert m.read_grants(FakeClient()) == ({"admin/default": {"admin": "admin"}, "fred/prod": {"fred": "admin"}},
                                           {"fred/prod.db": {"fred": "admin"}}, {"localhost": {"admin": "admin"}})


def test_login_user_without_a_record_gives_an_empty_current_user_also_in_an_audit():
    # An external login user (dana@external, logged in through the identity provider) has no user
    # record for UserInfo to return: current_user is {}, with or without the access audit.
    assert m.report(INFOS, None, "dana@external") == (m.report(INFOS, None, "admin")[0], {})
    users, current = m.report(INFOS, None, "dana@external", GRANTS)
    assert ([u["name"] for u in users], current) == (["admin", "bob", "fred"], {})


# ---------------------------------------------------------------- main() against the simulator

USER_FIELDS = ["access", "created_by", "date_created", "display_name", "enabled", "last_connection", "name"]


@pytest.fixture
def user_info_calls(monkeypatch):
    """The (names, keyword arguments) of every ControllerClient.user_info call the module makes."""
    calls = []
    original = ControllerClient.user_info

    def spy(self, names=None, **kwargs):
        calls.append((names, kwargs))
        return original(self, names, **kwargs)

    monkeypatch.setattr(ControllerClient, "user_info", spy)
    return calls


@pytest.mark.parametrize("options, requested", [
    (dict(), [(None, {"include_disabled": True})]),
    (dict(include_disabled=False), [(None, {"include_disabled": False})]),
    # the named user and the login user in one request; the login user only once when it is the one named
    (dict(name="bob"), [(["bob", "admin"], {"include_disabled": True})]),
    (dict(name="ADMIN@local", include_disabled=False), [(["admin"], {"include_disabled": False})]),
])
def test_users_read_in_one_request(run, user_info_calls, options, requested):
    assert run(m, **options)["failed"] is False
    assert user_info_calls == requested


def test_non_superuser_asking_about_another_user_gets_permission_denied(run):
    # The module must ask Juju for that user by name, not list every user (which would show a
    # non-superuser only itself and report the other user as missing).
    assert run(m, name="bob", as_user="fred") == {
        "msg": 'Cannot read user "bob": permission denied.', "failed": True, "changed": False, "warnings": []}


@pytest.mark.parametrize("options, names", [
    (dict(), ["Zed", "admin", "bob", "fred", "gone", "ops"]),
    (dict(include_disabled=False), ["Zed", "admin", "bob", "fred", "ops"]),
    (dict(name="gone"), ["gone"]),
    (dict(name="gone", include_disabled=False), []),
])
def test_include_disabled(run, options, names):
    assert [u["name"] for u in run(m, **options)["users"]] == names


def test_without_include_access_no_grant_is_read_or_returned(run, simulator):
    simulator.reset_counters()
    result = run(m)
    # no audit fields, and no external holder of a grant (everyone@external holds read on the offer)
    assert [(u["name"], sorted(u)) for u in result["users"]] == [
        (name, USER_FIELDS) for name in ["Zed", "admin", "bob", "fred", "gone", "ops"]]
    assert sorted(result["current_user"]) == USER_FIELDS
    assert sorted(call for call in simulator.counters["calls"] if call[0] != "Admin") == [("UserManager", "UserInfo")]
