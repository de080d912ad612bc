# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning of juju_user: pure functions, no controller."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

import pytest

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.modules import juju_user as m


def desired(**kw):
    params = dict(name="bob", state="present", display_name=None, password=None,
                  update_password="on_create", enabled=None, reset_password=False)
    params.update(kw)
    return m.desired_state(params)


def user(**kw):
    info = dict(name="bob", display_name="Bob", access="login", created_by="admin",
                date_created="2026-01-01T00:00:00Z", last_connection=None, enabled=True)
    info.update(kw)
    return info


def test_validation_rejects_bad_input_before_anything_is_sent():
    with pytest.raises(InvalidInput, match="not valid"):
        desired(name="b")
    with pytest.raises(InvalidInput, match="external"):
        desired(name="bob@external")
    assert desired(name="bob@local")["name"] == "bob"
    with pytest.raises(InvalidInput, match="mutually exclusive"):
        desired(reset_password=True, password="pw")
    with pytest.raises(InvalidInput, match="needs state=present"):
        desired(reset_password=True, state="absent")


@pytest.mark.parametrize("current, enabled, actions", [
    (dict(), None, ["reset_password"]),
    (dict(enabled=False, access=None), True, ["enable", "reset_password"]),  # enabled first: Juju needs it
    (dict(), False, ["reset_password", "disable"]),
])
def test_reset_is_planned_on_every_run(current, enabled, actions):
    plan = m.plan_user(user(**current), desired(reset_password=True, enabled=enabled))
    assert (plan.actions, plan.after["password"]) == (actions, "reset")
    assert "password" not in plan.before


def test_reset_of_a_missing_user_creates_it_without_password():
    assert m.plan_user(None, desired(reset_password=True)).actions == ["add"]


def test_create_without_password():
    plan = m.plan_user(None, desired(display_name="Bob"))
    assert plan.actions == ["add"]
    assert plan.before == {"name": "bob", "state": "absent"}
    assert plan.after == {"name": "bob", "state": "present", "display_name": "Bob", "enabled": True}


def test_create_with_password_disabled():
    plan = m.plan_user(None, desired(password="s3cret", enabled=False))
    assert plan.actions == ["add", "disable"]
    assert plan.after["password"] == "changed" and plan.after["enabled"] is False
    assert "s3cret" not in repr(plan)


def test_existing_user_is_left_alone():
    plan = m.plan_user(user(), desired(password="pw"))  # on_create: never compared
    assert plan.actions == [] and plan.warnings == [] and plan.before == plan.after


def test_display_name_cannot_change_warns_without_change():
    plan = m.plan_user(user(), desired(display_name="Robert"))
    assert plan.actions == []
    assert plan.before == plan.after
    assert len(plan.warnings) == 1 and "cannot change the display name" in plan.warnings[0]


@pytest.mark.parametrize("enabled, current, actions", [
    (True, True, []), (True, False, ["enable"]), (False, True, ["disable"]), (False, False, []),
    (None, False, []), (None, True, []),
])
def test_enabled(enabled, current, actions):
    plan = m.plan_user(user(enabled=current, access="login" if current else None), desired(enabled=enabled))
    assert plan.actions == actions
    assert plan.after["enabled"] == (current if enabled is None else enabled)


def test_password_always_verified_ok_is_no_change():
    current, wanted = user(), desired(password="pw", update_password="always")
    assert m.needs_password_check(current, wanted)
    plan = m.plan_user(current, wanted, password_ok=True)
    assert plan.actions == [] and plan.before == plan.after
    assert plan.after["password"] == "unchanged"


def test_password_always_wrong_is_set():
    plan = m.plan_user(user(), desired(password="pw", update_password="always"), password_ok=False)
    assert plan.actions == ["set_password"] and plan.warnings == []
    assert "password" not in plan.before and plan.after["password"] == "changed"


def test_password_of_disabled_user_cannot_be_verified():
    current, wanted = user(enabled=False, access=None), desired(password="pw", update_password="always")
    assert not m.needs_password_check(current, wanted)
    plan = m.plan_user(current, wanted, password_ok=None)
    assert plan.actions == ["set_password"]
    assert "cannot be verified" in plan.warnings[0]


def test_password_of_user_without_controller_access_cannot_be_verified():
    current = user(access=None)
    assert not m.needs_password_check(current, desired(password="pw", update_password="always"))


def test_enable_and_set_password_without_warning():
    plan = m.plan_user(user(enabled=False, access=None),
                       desired(password="pw", update_password="always", enabled=True))
    assert plan.actions == ["enable", "set_password"] and plan.warnings == []


def test_set_password_before_disabling():
    plan = m.plan_user(user(), desired(password="pw", update_password="always", enabled=False), password_ok=False)
    assert plan.actions == ["set_password", "disable"]


def test_absent():
    assert m.plan_user(None, desired(state="absent")).actions == []
    plan = m.plan_user(user(), desired(state="absent", password="pw", update_password="always"))
    assert plan.actions == ["remove"]
    assert plan.after == {"name": "bob", "state": "absent"}
    assert not m.needs_password_check(user(), desired(state="absent", password="pw", update_password="always"))


def test_predicted_user_in_check_mode():
    wanted = desired(display_name="Bob", enabled=False)
    plan = m.plan_user(None, wanted)
    predicted = m.predicted_user(None, wanted, plan, "admin")
    assert predicted["name"] == "bob" and predicted["created_by"] == "admin"
    assert predicted["enabled"] is False and predicted["access"] is None
    assert m.predicted_user(user(), desired(state="absent"), m.plan_user(user(), desired(state="absent")), "a") == {}


RESET_KEY = base64.b64encode(bytes(range(32))).decode()  # what ResetPassword returns: 32 bytes, base64


class FakeClient(object):
    controller_name = "sim"
    registration_endpoints = ["127.0.0.1:17070"]

    def __init__(self):
        self.calls = []

    def add_user(self, name, display_name=None, password=None):
        self.calls.append(("add_user", name, display_name, password))
        return {"name": name, "secret_key": None if password else "A" * 43 + "="}

    def reset_password(self, name):
        self.calls.append(("reset_password", name))
        return RESET_KEY

    def __getattr__(self, attr):
        return lambda *args: self.calls.append((attr,) + args)


def test_apply_makes_the_planned_calls_in_order_and_builds_the_token():
    from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
    client, wanted = FakeClient(), desired(display_name="Bob", enabled=False)
    result = {}
    for action in m.plan_user(None, wanted).actions:
        m.apply_action(client, wanted, action, result)
    assert client.calls == [("add_user", "bob", "Bob", None), ("disable_user", "bob")]
    decoded = decode_registration_string(result["registration_string"])
    assert decoded["user"] == "bob" and decoded["controller_name"] == "sim"
    assert decoded["addresses"] == ["127.0.0.1:17070"]

    client, wanted = FakeClient(), desired(password="pw", update_password="always", enabled=True)
    current = user(enabled=False, access=None)
    for action in m.plan_user(current, wanted).actions:
        m.apply_action(client, wanted, action, result)
    assert list(result) == ["registration_string"]  # only a new user without password gets one
    assert client.calls == [("enable_user", "bob"), ("set_password", "bob", "pw")]

    client, result = FakeClient(), {}
    m.apply_action(client, desired(reset_password=True), "reset_password", result)
    assert client.calls == [("reset_password", "bob")]
    assert decode_registration_string(result["registration_string"])["secret_key"] == RESET_KEY


# ---------------------------------------------------------------- exact sentences and values (mutation survivors)

@pytest.mark.parametrize("display_name, kept", [("Bob", '"Bob"'), ("", "no display name")])
def test_display_name_warning_says_what_the_user_keeps(display_name, kept):
    plan = m.plan_user(user(display_name=display_name), desired(display_name="Robert"))
    assert plan.warnings == [
        'Juju cannot change the display name of an existing user, so user "bob" keeps %s (only removing and '
        're-creating the user changes it).' % kept]


def test_unverifiable_password_warning_is_one_exact_sentence():
    plan = m.plan_user(user(enabled=False, access=None), desired(password="pw", update_password="always"))
    assert plan.warnings == ['user "bob" cannot log in (it is disabled or has no access to the controller), so its '
                             'password cannot be verified and is set on every run.']


def test_removal_plan_shows_the_user_before():
    # diff mode prints before/after; report() leaves the diff out when before is None
    plan = m.plan_user(user(display_name="", enabled=False), desired(state="absent"))
    assert plan.before == {"name": "bob", "state": "present", "display_name": "", "enabled": False}
    assert plan.after == {"name": "bob", "state": "absent"}


@pytest.mark.parametrize("info", [user(display_name=""), user(display_name=None), dict(name="bob", enabled=True)])
def test_view_of_a_user_without_display_name_shows_an_empty_one(info):
    assert m.view(info, "bob") == {"name": "bob", "state": "present", "display_name": "", "enabled": True}


def test_new_user_without_display_name_is_planned_with_an_empty_one():
    assert m.plan_user(None, desired()).after == {"name": "bob", "state": "present", "display_name": "",
                                                  "enabled": True}


@pytest.mark.parametrize("display_name, shown", [(None, ""), ("Bob Example", "Bob Example")])
def test_predicted_new_user_is_exactly_what_juju_would_return(display_name, shown):
    wanted = desired(display_name=display_name)
    assert m.predicted_user(None, wanted, m.plan_user(None, wanted), "admin") == {
        "name": "bob", "display_name": shown, "access": "login", "created_by": "admin", "date_created": None,
        "last_connection": None, "enabled": True}
