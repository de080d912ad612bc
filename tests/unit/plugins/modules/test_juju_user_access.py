# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_user_access: planning (pure functions and a fake client, no controller), then main() against the simulator."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from jujusim.state import ModelUser

from ansible_collections.juju.controller.plugins.module_utils.access import Change, plan
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.errors import AlreadyHasAccess, InvalidInput, JujuError, NotFound
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
    (dict(user="bob@local", state="absent", offer="ab/mo.db"), ("bob", "offer", None)),
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


@pytest.mark.parametrize("kw, target", [(dict(access="admin", offer="ab/mo.db"), "offer"),
                                        (dict(access="login"), "controller")])
def test_state_absent_with_a_level_is_a_contradiction_refused_in_one_sentence(kw, target):
    with pytest.raises(InvalidInput) as refused:
        m.desired_access(params(user="Bob@local", state="absent", **kw))
    assert str(refused.value) == (
        'options state=absent and access=%s contradict each other: state=absent removes every access of user "Bob" '
        'to the %s; leave access out.' % (kw["access"], target))


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
    target, info, name, level = m.read_state(client, "BOB", "controller", params(), True)
    assert (target, info["name"], name, level) == ({"kind": "controller", "name": "sim"}, "bob", "bob", "login")
    target, info, name, level = m.read_state(client, "bob@local", "model", params(model="test-model"), True)
    assert (target["name"], target["uuid"], name, level) == ("admin/test-model", "uuid-1", "bob", "write")
    target, info, name, level = m.read_state(client, "Everyone@External", "offer", params(offer="fred/prod.db"),
                                             True)
    assert (target["name"], info, name, level) == ("fred/prod.db", None, "everyone@external", "read")


def test_unknown_user_fails_when_access_is_to_be_given_but_not_when_removed():
    client = FakeClient()
    with pytest.raises(NotFound, match='user "nobody" does not exist'):
        m.read_state(client, "nobody", "model", params(model="test-model"), True)
    assert m.read_state(client, "nobody", "model", params(model="test-model"), False)[1:] == (None, "nobody", None)


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


# ---------------------------------------------------------------- main() against the simulator

def test_state_present_without_access_is_refused_before_connecting(run, simulator):
    # Without the rule, state=present with no access would mean "no access" and remove bob's grant.
    for target in (dict(), dict(model="default")):
        assert run(m, user="bob", **target) == {"msg": "state is present but all of the following are missing: access",
                                                "failed": True, "changed": False, "warnings": []}
    assert simulator.counters["calls"] == {}


@pytest.mark.parametrize("offer", ["fred/prod.db", "prod.db"])  # an offer URL without owner: the login user's
def test_offer_admin_that_is_no_superuser_manages_its_offer(run, simulator, offer):
    # fred owns the offer (admin on it) but is no controller superuser: its own offer level lets it.
    assert run(m, user="bob", offer=offer, access="read", as_user="fred") == {
        "changed": True, "failed": False, "user": "bob", "access": "read", "previous_access": "consume",
        "warnings": ['the login user "fred" is not a controller superuser, so it cannot see whether user "bob" exists '
                     "or is disabled; Juju refuses a grant to a user that does not exist, and most changes of a "
                     "disabled user's access."],
        "target": {"kind": "offer", "name": "fred/prod.db"}, "changes": [{"action": "revoke", "level": "consume"}]}
    assert [offer.users["bob"] for offer in simulator.state.offers] == ["read"]


@pytest.mark.parametrize("options", [dict(access="read"), dict(access="consume"), dict(state="absent")])
def test_a_superuser_login_users_own_offer_admin_is_left_as_it_is(run, simulator, options):
    """juju-api.md §19.2: an offer shows the login superuser only its effective admin, and no revoke lowers it."""
    simulator.reset_counters()
    assert run(m, user="ADMIN", offer="fred/prod.db", **options) == {
        "changed": False, "failed": False, "user": "admin", "access": "admin", "previous_access": "admin",
        "target": {"kind": "offer", "name": "fred/prod.db"}, "changes": [],
        "warnings": ['user "admin" is the login user and a controller superuser: Juju gives it admin on offer '
                     '"fred/prod.db" whatever its grant there, shows it no grant of its own and lowers that admin '
                     'by no revoke, so its access is left as it is (its grant can be managed logged in as another '
                     'superuser).']}
    assert simulator.counters["writes"] == 0


def test_a_superuser_login_user_asking_for_the_admin_it_has_on_an_offer_is_not_warned(run):
    result = run(m, user="admin", offer="fred/prod.db", access="admin")
    assert (result["changed"], result["failed"], result["warnings"], result["access"]) == (False, False, [], "admin")


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_model_given_by_uuid_is_reported_in_both_forms(run, simulator, check_mode):
    uuid = simulator.model_uuid("fred/prod")
    result = run(m, user="bob", model=uuid, access="write", check_mode=check_mode)
    assert result == {"changed": True, "failed": False, "warnings": [], "user": "bob", "access": "write",
                      "previous_access": None, "target": {"kind": "model", "name": "fred/prod", "uuid": uuid},
                      "changes": [{"action": "grant", "level": "write"}]}
    grant = simulator.state.model_by_name("fred", "prod").users.get("bob")
    assert (grant.access if grant else None) == (None if check_mode else "write")


def test_an_unknown_model_uuid_is_named_in_the_failure(run, simulator):
    assert run(m, user="bob", model="0b1e7e2c-1111-4222-8333-944445555666", access="read") == {
        "msg": 'Model "0b1e7e2c-1111-4222-8333-944445555666" was not found on the controller (or the login user '
               '"admin" cannot see it).', "failed": True, "changed": False, "warnings": []}


LOGIN = ("Admin", "Login")


@pytest.mark.parametrize("options, reads", [
    (dict(user="bob", access="login"), {LOGIN: 1, ("UserManager", "UserInfo"): 1}),
    (dict(user="bob", model="default", access="read"),
     {LOGIN: 1, ("UserManager", "UserInfo"): 1, ("ModelManager", "ListModelSummaries"): 1, ("UserManager", "ModelUserInfo"): 1}),
    (dict(user="bob", offer="fred/prod.db", access="consume"),
     {LOGIN: 1, ("UserManager", "UserInfo"): 1, ("ApplicationOffers", "ApplicationOffers"): 1}),
    (dict(user="zed", cloud="microk8s", access="add-model"),
     {LOGIN: 1, ("UserManager", "UserInfo"): 1, ("Cloud", "CloudInfo"): 1}),
])
def test_nothing_to_change_reads_the_state_once(run, simulator, options, reads):
    # The level is read back only after a write: a task that has nothing to do reads each thing once.
    simulator.reset_counters()
    result = run(m, **options)
    assert (result["failed"], result["changed"], result["changes"]) == (False, False, [])
    assert simulator.counters["calls"] == reads


def model_users_answering(monkeypatch, answers):
    """ControllerClient.model_users reads the simulator first, then gives (or raises) each of `answers` in turn."""
    real = ControllerClient.model_users
    calls = []

    def model_users(self, uuid):
        calls.append(uuid)
        if len(calls) == 1:
            return real(self, uuid)
        answer = answers[len(calls) - 2]
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(ControllerClient, "model_users", model_users)
    return calls


def test_failing_read_back_says_what_the_task_had_applied(run, simulator, monkeypatch):
    model_users_answering(monkeypatch, [JujuError("cannot read the users of model admin/default: boom")])
    assert run(m, user="bob", model="default", access="write") == {
        "msg": 'Cannot read the users of model admin/default: boom (before that, the task granted model access "write" '
               'to user "bob").', "failed": True, "changed": True, "warnings": []}
    assert simulator.state.model_by_name("admin", "default").users["bob"].access == "write"


def test_race_lost_then_level_changed_again_fails_without_claiming_a_change(run, monkeypatch):
    # The grant finds another writer's write (AlreadyHasAccess); the re-read shows the wanted level, so
    # nothing more is sent; a third writer then makes it admin before the final read.
    def modify_model_access(self, *args):
        raise AlreadyHasAccess('user already has "write" access or greater')

    monkeypatch.setattr(ControllerClient, "modify_model_access", modify_model_access)
    calls = model_users_answering(monkeypatch, [{"admin": "admin", "bob": "write"}, {"admin": "admin", "bob": "admin"}])
    assert run(m, user="bob", model="default", access="write") == {
        "msg": 'After the task found the changes made by another writer, Juju reports admin access for user "bob" on '
               'model "admin/default" instead of write.', "failed": True, "changed": True, "changes": [], "warnings": []}
    assert len(calls) == 3


@pytest.mark.parametrize("target, msg", [
    (dict(model="ctrl:fred/prod"), 'Model "ctrl:fred/prod" names a controller ("ctrl:"); give only "owner/name" or "name", '
                                   'the controller comes from the connection settings.'),
    (dict(offer="ctrl:fred/prod.db"), 'Offer URL "ctrl:fred/prod.db" names a controller ("ctrl:"); only offers on the '
                                      'connected controller can be managed, so drop that prefix.'),
    (dict(cloud="-k8s"), 'Cloud name "-k8s" is not valid: use letters, digits, ".", "_" and "-", starting with a '
                         'letter or digit.'),
])
def test_bad_target_is_refused_before_connecting(run, simulator, target, msg):
    # The documented promise: the syntax of the target is checked before anything is sent (here: not even a login).
    assert run(m, user="bob", state="absent", **target) == {"msg": msg, "failed": True, "changed": False, "warnings": []}
    assert simulator.counters["calls"] == {}


def test_a_model_admin_grants_a_disabled_user_it_cannot_see_as_juju_writes_it(run, simulator):
    """§19.3: Juju writes a first model grant of a disabled user, then answers "user is disabled". fred (no
    superuser) cannot read users, so check mode predicts the grant; the real run finds it made."""
    predicted = run(m, check_mode=True, as_user="fred", user="gone", model="fred/prod", access="read")
    done = run(m, as_user="fred", user="gone", model="fred/prod", access="read")
    for key in ("failed", "changed", "changes", "access"):
        assert predicted[key] == done[key], key
    assert (done["failed"], done["changed"], done["access"]) == (False, True, "read")
    assert simulator.state.model_by_name("fred", "prod").users["gone"].access == "read"


def test_a_disabled_users_refused_grant_that_juju_did_not_write_still_fails(run, simulator):
    simulator.state.model_by_name("fred", "prod").users["gone"] = ModelUser("read")
    result = run(m, as_user="fred", user="gone", model="fred/prod", access="write")
    assert result["failed"] is True and result["changed"] is False
    assert 'user "gone" is disabled' in result["msg"]
