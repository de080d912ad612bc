# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_users: main() in-process against the simulator (results, call counts, check mode, failures)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gc
import runpy
import time

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args

from ansible_collections.juju.controller.plugins.module_utils import api_batch, converge_users, declared_users
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
from ansible_collections.juju.controller.plugins.module_utils.settings import ConnectionSettings
from ansible_collections.juju.controller.plugins.modules import juju_users

# The owner is called boss, not admin: nothing may assume the name.
FIXTURE = {
    "controller": {"name": "sim", "owner": "boss"},
    "users": [
        {"name": "boss", "access": "superuser", "password": "boss-pw-123"},
        {"name": "admin", "display-name": "Not the owner", "password": "admin-pw-123"},
        {"name": "fred", "display-name": "Fred", "password": "fred-pw-123"},
        {"name": "Zed", "display-name": "Zed", "password": "zed-pw-123"},
        {"name": "ci-bot", "password": "ci-pw-123"},
        {"name": "dan", "disabled": True, "access": "superuser", "password": "dan-pw-123"},
    ],
    "models": [
        {"name": "controller", "is-controller": True},
        {"name": "default", "users": {"Zed": "write", "dan": "read"}},
        {"name": "prod", "owner": "fred", "users": {"zed": "read"}},
    ],
    "offers": [{"url": "fred/prod.db", "users": {"zed": "consume"}}],
    # besides the controller's cloud, localhost, where the owner holds admin
    "clouds": [{"name": "microk8s", "type": "kubernetes", "users": {"zed": "admin"}}],
}
READS_FOR_NAMED_TARGETS = {("UserManager", "UserInfo"): 1, ("ModelManager", "ListModelSummaries"): 1,
                           ("UserManager", "ModelUserInfo"): 1, ("ApplicationOffers", "ApplicationOffers"): 1}
# After writing, the same reads once more (the connection keeps the model listing) check what Juju acknowledged.
READS_AND_READ_BACK = {("UserManager", "UserInfo"): 2, ("ModelManager", "ListModelSummaries"): 1,
                       ("UserManager", "ModelUserInfo"): 2, ("ApplicationOffers", "ApplicationOffers"): 2}


def merged(calls, more):
    return dict(list(calls.items()) + list(more.items()))


def boss(sim):
    """A client of the owner, not yet connected."""
    return ControllerClient(ConnectionSettings("sim", ["127.0.0.1:%d" % sim.port], "boss", "boss-pw-123",
                                               ca_cert=sim.ca_cert, timeout=5.0))


@pytest.fixture
def sim(make_simulator, tmp_path):
    path = tmp_path / "fixture.yaml"
    path.write_text(yaml.safe_dump(FIXTURE))
    return make_simulator(fixture=str(path))


@pytest.fixture
def converge(sim, run_module):
    """converge(users, check_mode=False, diff=False, **options) -> (result, calls made other than Login)."""
    def run(users, check_mode=False, diff=False, **options):
        sim.reset_counters()
        result = run_module(juju_users, sim, check_mode=check_mode, diff=diff, users=users, **options)
        calls = dict((k, n) for k, n in sim.counters["calls"].items() if k != ("Admin", "Login"))
        return result, calls
    return run


def state(sim):
    def read(st):
        users = dict((k, (u.name, not u.disabled, st.controller_access.get(k)))
                     for k, u in st.users.items() if not u.deleted)
        models = dict(("%s/%s" % (m.owner, m.name), dict((k, mu.access) for k, mu in m.users.items()))
                      for m in st.models.values())
        offers = dict((o.name, dict(o.users)) for o in st.offers)
        return users, models, offers
    return sim.run_in_loop(read, sim.state)


DECLARED = [
    {"name": "nia", "display_name": "Nia", "controller_access": "superuser", "models": {"default": "admin"}},
    {"name": "oto", "password": "oto-pw-123", "enabled": False, "offers": {"fred/prod.db": "read"}},
    {"name": "ZED", "models": {"default": "read", "fred/prod": "absent"}, "offers": {"fred/prod.db": "admin"}},
    {"name": "dan", "enabled": True, "controller_access": "login"},
]
EXPECTED_RESULTS = [
    {"name": "nia", "changed": True, "not_applied": [],
     "actions": ["add", "grant controller superuser", "grant model boss/default admin"]},
    {"name": "oto", "changed": True, "not_applied": [], "actions": ["add", "grant offer fred/prod.db read", "disable"]},
    {"name": "Zed", "changed": True, "not_applied": [],
     "actions": ["revoke model boss/default write", "revoke model fred/prod read", "grant offer fred/prod.db admin"]},
    {"name": "dan", "changed": True, "not_applied": [], "actions": ["enable", "revoke controller superuser"]},
]


def test_check_mode_predicts_the_real_run_then_a_rerun_changes_nothing(sim, converge):
    before = state(sim)
    check, calls = converge(DECLARED, check_mode=True)
    assert calls == READS_FOR_NAMED_TARGETS and state(sim) == before
    # dan's hidden controller level is only known once enabled: check mode says what it will be set to
    assert check["results"][3]["actions"] == ["enable", "set controller access login once enabled"]
    assert check["results"][:3] == EXPECTED_RESULTS[:3]
    assert (check["changed"], check["created"], check["removed"]) == (True, ["nia", "oto"], [])

    real, calls = converge(DECLARED)
    assert check["registration_strings"] == {}
    assert sorted(real["registration_strings"]) == ["nia"]  # oto has a password
    token = real["registration_strings"]["nia"]
    assert real["results"] == EXPECTED_RESULTS
    assert (real["changed"], real["created"], real["removed"]) == (True, ["nia", "oto"], [])
    assert decode_registration_string(token)["user"] == "nia"
    assert decode_registration_string(token)["addresses"] == ["127.0.0.1:%d" % sim.port]
    # one call per kind of change, plus one UserInfo to read dan's controller level once enabled
    assert calls == merged(READS_AND_READ_BACK, {
        ("UserManager", "UserInfo"): 3, ("UserManager", "AddUser"): 1, ("UserManager", "EnableUser"): 1,
        ("Controller", "ModifyControllerAccess"): 1, ("ModelManager", "ModifyModelAccess"): 1,
        ("ApplicationOffers", "ModifyOfferAccess"): 1, ("UserManager", "DisableUser"): 1})
    users, models, offers = state(sim)
    assert users["nia"] == ("nia", True, "superuser") and users["oto"] == ("oto", False, "login")
    assert users["zed"] == ("Zed", True, "login") and users["dan"] == ("dan", True, "login")
    assert models["boss/default"] == {"boss": "admin", "zed": "read", "dan": "read", "nia": "admin"}
    assert models["fred/prod"] == {"fred": "admin"}
    assert offers["db"] == {"fred": "admin", "everyone@external": "read", "zed": "admin", "oto": "read"}

    again, calls = converge(DECLARED)
    assert calls == READS_FOR_NAMED_TARGETS
    assert again["changed"] is False and again["created"] == [] and again["removed"] == []
    assert [r["actions"] for r in again["results"]] == [[], [], [], []]


def test_diff_mode_shows_before_and_after_per_changed_user(converge):
    result, dummy = converge(DECLARED[2:3] + [{"name": "fred"}], check_mode=True, diff=True)
    assert result["diff"] == [{
        "before_header": "user Zed", "after_header": "user Zed",
        "before": {"name": "Zed", "state": "present", "display_name": "Zed", "enabled": True,
                   "controller_access": "login", "models": {"boss/default": "write", "fred/prod": "read"},
                   "offers": {"fred/prod.db": "consume"}},
        "after": {"name": "Zed", "state": "present", "display_name": "Zed", "enabled": True,
                  "controller_access": "login", "models": {"boss/default": "read", "fred/prod": None},
                  "offers": {"fred/prod.db": "admin"}}}]


def test_calls_do_not_grow_with_the_number_of_users_and_writes_are_chunked(converge, monkeypatch):
    users = [{"name": "u%03d" % i, "password": "pw-%03d-x" % i, "models": {"default": "read"}} for i in range(25)]
    monkeypatch.setattr(api_batch, "CHUNK", 10)
    result, calls = converge(users)
    assert result["created"] == ["u%03d" % i for i in range(25)]
    reads = dict((k, n) for k, n in READS_AND_READ_BACK.items() if k[0] != "ApplicationOffers")  # none named
    assert calls == merged(reads, {("UserManager", "AddUser"): 3, ("ModelManager", "ModifyModelAccess"): 3})


def test_purge_keeps_the_login_user_the_owner_whatever_its_name_and_protected_given_as_a_string(
        sim, converge, run_module):
    # Logged in as fred (made a superuser first), so boss is protected only as the controller owner.
    converge([{"name": "fred", "controller_access": "superuser"}])
    sim.reset_counters()
    result = run_module(juju_users, sim, users=[{"name": "zed"}], purge=True, protected="ci-bot",
                        login_user="fred", login_password="fred-pw-123")
    assert result["removed"] == ["admin", "dan"]
    assert [r["name"] for r in result["results"]] == ["Zed", "admin", "dan"]
    users = state(sim)[0]
    assert sorted(users) == ["boss", "ci-bot", "fred", "zed"]
    assert sim.counters["calls"][("UserManager", "RemoveUser")] == 1
    assert sim.counters["calls"].get(("UserManager", "AddUser"), 0) == 0


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_declaration_that_cannot_be_applied_changes_nothing(sim, converge, check_mode):
    result, calls = converge([{"name": "nia", "controller_access": "superuser"},
                              {"name": "oto", "models": {"staging": "read"}, "offers": {"fred/prod.nope": "read"}}],
                             check_mode=check_mode)
    assert result["failed"] is True
    assert result["msg"] == ('User "oto": model "boss/staging" was not found on the controller (or the login user '
                             '"boss" cannot see it). User "oto": offer "fred/prod.nope" was not found on the '
                             'controller (or the login user "boss" cannot see it).')
    assert sim.counters["writes"] == 0 and "nia" not in state(sim)[0]


@pytest.mark.parametrize("users, message", [
    ([{"name": "boss", "state": "absent"}],
     'User "boss" is the controller owner, which Juju can neither remove nor disable.'),
    ([{"name": "ci-bot", "state": "absent"}], 'User "ci-bot" cannot be removed: it is listed in protected.'),
    ([{"name": "Boss", "enabled": False}],
     'User "boss" is the controller owner, which Juju can neither remove nor disable.'),
    ([{"name": "zed"}, {"name": "Zed@local"}], 'User "Zed" is listed more than once in users.'),
])
def test_refusals_are_one_sentence_before_any_write(sim, converge, users, message):
    result, dummy = converge(users, protected=["ci-bot"])
    assert result["failed"] is True and result["msg"] == message
    assert sim.counters["writes"] == 0


@pytest.mark.parametrize("check_mode", [True, False])
def test_the_login_user_locks_itself_out_only_with_allow_self_lockout(sim, converge, run_module, check_mode):
    converge([{"name": "fred", "controller_access": "superuser"}])
    declared = [{"name": "Fred", "controller_access": "login"},
                {"name": "nia", "password": "nia-pw-123", "models": {"boss/default": "read"}}]
    as_fred = dict(users=declared, login_user="fred", login_password="fred-pw-123", check_mode=check_mode)
    sim.reset_counters()
    refused = run_module(juju_users, sim, **as_fred)
    assert refused["failed"] is True and sim.counters["writes"] == 0
    assert refused["msg"] == (
        'Lowering the access to controller "sim" from superuser to login would lock out the login user "fred" '
        'itself, after which it could no longer manage what that access allowed; set allow_self_lockout=true if '
        'that is really meant.')
    allowed = run_module(juju_users, sim, allow_self_lockout=True, **as_fred)
    # Fred's own change comes last: it still needs superuser for nia's.
    assert [(r["name"], r["actions"], r["not_applied"]) for r in allowed["results"]] == [
        ("fred", ["revoke controller superuser"], []), ("nia", ["add", "grant model boss/default read"], [])]
    users = state(sim)[0]
    assert (users["fred"], "nia" in users) == ((("fred", True, "superuser"), False) if check_mode else
                                               (("fred", True, "login"), True))


def cloud_grants(sim):
    return sim.run_in_loop(lambda st: dict((name, dict(c.users)) for name, c in st.clouds.items()), sim.state)


def test_clouds_are_read_in_one_call_and_written_in_one_batch_check_mode_predicting_it(sim, converge):
    declared = [{"name": "nia", "clouds": {"localhost": "add-model"}},
                {"name": "zed", "clouds": {"microk8s": "add-model", "localhost": "admin"}}]
    reads = {("UserManager", "UserInfo"): 1, ("ModelManager", "ListModelSummaries"): 1, ("Cloud", "CloudInfo"): 1}
    before = cloud_grants(sim)
    check, calls = converge(declared, check_mode=True, diff=True)
    assert calls == reads and cloud_grants(sim) == before
    real, calls = converge(declared, diff=True)
    assert calls == merged(reads, {("UserManager", "AddUser"): 1, ("Cloud", "ModifyCloudAccess"): 1,
                                   ("UserManager", "UserInfo"): 2, ("Cloud", "CloudInfo"): 2})  # and read back
    assert check["results"] == real["results"] == [
        {"name": "nia", "changed": True, "not_applied": [], "actions": ["add", "grant cloud localhost add-model"]},
        {"name": "Zed", "changed": True, "not_applied": [],
         "actions": ["revoke cloud microk8s admin", "grant cloud localhost admin"]}]
    assert check["diff"] == real["diff"] and real["diff"][1]["before"]["clouds"] == {
        "microk8s": "admin", "localhost": None}
    assert real["diff"][1]["after"]["clouds"] == {"microk8s": "add-model", "localhost": "admin"}
    assert cloud_grants(sim) == {"localhost": {"boss": "admin", "nia": "add-model", "zed": "admin"},
                                 "microk8s": {"zed": "add-model"}}
    again, calls = converge(declared)
    assert calls == reads and again["changed"] is False


@pytest.mark.parametrize("check_mode", [True, False])
def test_an_unknown_cloud_changes_nothing(sim, converge, check_mode):
    result, dummy = converge([{"name": "nia"}, {"name": "zed", "clouds": {"nowhere": "admin"}}], check_mode=check_mode)
    assert result["failed"] is True and sim.counters["writes"] == 0
    assert result["msg"] == ('User "Zed": cloud "nowhere" was not found on the controller (or the login user "boss" '
                             'cannot see it).')


def test_purge_access_revokes_the_cloud_grants_an_entry_does_not_name(sim, converge):
    zed = {"name": "zed", "models": {"default": "write", "fred/prod": "read"}, "offers": {"fred/prod.db": "consume"},
           "clouds": {}}
    result, calls = converge([zed], purge_access=True)
    assert [r["actions"] for r in result["results"]] == [["revoke cloud microk8s add-model"]]
    assert (calls[("Cloud", "Clouds")], calls[("Cloud", "CloudInfo")]) == (2, 2)  # read, and read back
    assert cloud_grants(sim) == {"localhost": {"boss": "admin"}, "microk8s": {}}


def test_passwords_are_verified_by_parallel_logins_and_set_only_when_wrong(sim, converge):
    users = [{"name": "fred", "password": "fred-pw-123", "update_password": "always"},
             {"name": "zed", "password": "new-zed-pw", "update_password": "always"},
             {"name": "ci-bot", "password": "ci-pw-123", "update_password": "always"},
             {"name": "dan", "password": "new-dan-pw", "update_password": "always"}]  # stays disabled
    sim.reset_counters()
    result, calls = converge(users)
    assert [(r["name"], r["actions"]) for r in result["results"]] == [
        ("fred", []), ("Zed", ["set password"]), ("ci-bot", []), ("dan", [])]
    # the task's login, one check per user that can log in, and zed's new password read back by one more
    assert sim.counters["calls"][("Admin", "Login")] == 1 + 3 + 1
    assert calls[("UserManager", "SetPassword")] == 1
    assert "new-zed-pw" not in repr(result) and "fred-pw-123" not in repr(result)
    with boss(sim) as client:
        assert client.verify_password("zed", "new-zed-pw")
    again, calls = converge(users)
    assert again["changed"] is False and ("UserManager", "SetPassword") not in calls


def test_a_call_level_failure_reports_what_was_applied_and_what_was_not(sim, converge):
    sim.inject("ModelManager", "ModifyModelAccess", error=("permission denied", "unauthorized access"))
    # pia is still disabled: a failed grant must not leave a user declared disabled able to log in
    pia = {"name": "pia", "password": "pia-pw-123", "enabled": False, "models": {"default": "read"}}
    result, dummy = converge(DECLARED[:3] + [pia])
    assert result["failed"] is True and result["changed"] is True
    assert result["results"][3]["actions"] == ["add", "disable"]
    assert state(sim)[0]["pia"] == ("pia", False, "login")
    assert result["msg"] == ('5 of the 12 changes were not applied (the first: cannot grant model access "admin" to '
                             'user "nia": permission denied); results says for every user what was applied and what '
                             'was not, and a re-run applies the rest. A registration string issued before the failure '
                             "is not returned, as Ansible prints a failed task's result (under no_log it is); reset "
                             "that user's password (juju_user reset_password=true) for a new one.")
    assert result["registration_strings"] == {} and result["created"] == ["nia", "oto", "pia"]
    assert result["results"][0]["actions"] == ["add", "grant controller superuser"]
    assert result["results"][0]["not_applied"] == [
        'grant model boss/default admin: cannot grant model access "admin" to user "nia": permission denied']
    assert result["results"][2]["actions"] == []
    assert result["results"][2]["not_applied"][2] == ("grant offer fred/prod.db admin: not attempted, an earlier "
                                                      "change of this user failed")
    assert result["results"][1]["actions"] == ["add", "grant offer fred/prod.db read", "disable"]
    again, dummy = converge(DECLARED[:3])
    assert [r["actions"] for r in again["results"]] == [
        ["grant model boss/default admin"], [],
        ["revoke model boss/default write", "revoke model fred/prod read", "grant offer fred/prod.db admin"]]


def test_under_no_log_a_failure_returns_the_registration_strings_issued(sim, converge):
    # The role's task runs under no_log whenever it may create a user without a password.
    sim.inject("ModelManager", "ModifyModelAccess", error=("permission denied", "unauthorized access"))
    result, dummy = converge([{"name": "nia", "models": {"default": "read"}}], _ansible_no_log=True)
    assert result["failed"] is True and result["msg"].endswith("and a re-run applies the rest.")
    assert decode_registration_string(result["registration_strings"]["nia"])["user"] == "nia"


def _planned(sim, users, **kwargs):
    client = boss(sim).connect()
    entries, protected = declared_users.normalise(users)
    current = converge_users.read_current(client, entries, False)
    return client, declared_users.plan(current, entries, protected=protected, **kwargs)


def test_per_item_errors_fail_only_that_users_later_changes(sim):
    client, plan = _planned(sim, [{"name": "fred", "models": {"default": "read"}, "offers": {"fred/prod.db": "read"}},
                                  {"name": "zed", "models": {"default": "admin"}}])
    with boss(sim) as other:
        other.remove_user("fred")  # between our read and our write
    outcome = converge_users.apply_plan(client, plan)
    client.close()
    result, failures = converge_users.report(plan, outcome)
    assert [(d.change.label, d.status) for d in outcome.done] == [
        ("grant model boss/default read", "failed"), ("grant model boss/default admin", "applied"),
        ("revoke offer fred/prod.db consume", "skipped")]
    assert result["results"][0]["not_applied"][0].startswith(
        'grant model boss/default read: cannot grant model access "read" to user "fred": could not grant model access')
    assert len(failures) == 1 and state(sim)[1]["boss/default"]["zed"] == "admin"


def test_races_count_as_converged(sim):
    declared = [{"name": "nia"}, {"name": "admin", "state": "absent"},
                {"name": "zed", "models": {"default": "admin"}, "offers": {"fred/prod.db": "absent"},
                 "clouds": {"microk8s": "absent"}}]
    client, plan = _planned(sim, declared)
    with boss(sim) as other:  # someone else does the same
        other.add_user("nia", password="other-pw-1")
        other.remove_user("admin")
        other.modify_model_access("zed", "grant", "admin", sim.model_uuid("boss/default"))
        other.modify_offer_access("zed", "revoke", "read", "fred/prod.db")
        other.modify_cloud_access("zed", "revoke", "add-model", "microk8s")
    outcome = converge_users.apply_plan(client, plan)
    client.close()
    assert [d.status for d in outcome.done] == ["converged"] * 5
    fresh_client, fresh = _planned(sim, declared)
    fresh_client.close()
    assert fresh.changes == [] and converge_users.verify(plan, outcome, fresh) == outcome
    result, failures = converge_users.report(plan, outcome)
    assert failures == [] and result["changed"] is False and result["created"] == []


def test_password_checks_run_in_parallel(sim):
    pairs = [("fred", "fred-pw-123"), ("zed", "wrong-pw-1"), ("ci-bot", "ci-pw-123"), ("admin", "admin-pw-123")]
    with boss(sim) as client:
        sim.inject("Admin", "Login", delay=0.5, times=4)
        started = time.monotonic()
        answers = client.verify_passwords(pairs)
        elapsed = time.monotonic() - started
    assert answers == {"fred": True, "zed": False, "ci-bot": True, "admin": True}
    assert elapsed < 1.5, "four 0.5 s logins one by one take 2 s"


def test_a_race_counts_as_converged_only_if_a_fresh_read_agrees(sim, converge):
    # Juju answers as if someone else had granted the level, but the read after it shows the user
    # still without it: that is no convergence.
    sim.inject("ModelManager", "ModifyModelAccess", error=('user already has "write" access or greater', ""))
    result, calls = converge([{"name": "zed", "models": {"fred/prod": "write"}}])
    assert result["failed"] is True
    assert result["results"][0]["not_applied"] == [
        'grant model fred/prod write: cannot grant model fred/prod write for user "Zed": someone else changed the '
        'user meanwhile, and it now differs from the declaration']
    assert calls[("UserManager", "ModelUserInfo")] == 2  # the race was checked by a second read


def test_a_display_name_juju_cannot_change_is_a_warning_with_the_kept_name(converge):
    result, dummy = converge([{"name": "fred", "display_name": "Frederick"}])
    assert (result["failed"], result["changed"]) == (False, False)
    assert result["warnings"] == [
        'Juju cannot change the display name of an existing user, so user "fred" keeps "Fred" '
        '(only removing and re-creating the user changes it).']


@pytest.fixture
def meanwhile(sim, monkeypatch):
    """meanwhile(other_write): another writer makes other_write(client) between the task's read and its writes.

    The other writer's connection is opened now, so that the calls the test counts are the task's own.
    """
    other = boss(sim).connect()
    apply_plan = converge_users.apply_plan

    def race(other_write):
        def apply_after_the_other_writer(client, plan, read_back=None):
            other_write(other)
            return apply_plan(client, plan, read_back)
        monkeypatch.setattr(converge_users, "apply_plan", apply_after_the_other_writer)

    yield race
    other.close()


def test_a_raced_grant_of_a_protected_user_converges_without_purging_its_other_grants(sim, converge, meanwhile):
    # Zed is protected, so purge_access leaves its other grants alone; another writer made the
    # declared grant first. The fresh read that confirms the race must plan with the same
    # protected users: without them it would revoke Zed's other grants, and call the race lost.
    meanwhile(lambda other: other.modify_cloud_access("zed", "grant", "add-model", "localhost"))
    result, calls = converge([{"name": "zed", "clouds": {"localhost": "add-model"}}], purge_access=True,
                             protected=["zed"])
    assert (result["failed"], result["changed"]) == (False, False)
    assert result["results"] == [{"name": "Zed", "changed": False, "actions": [], "not_applied": []}]
    # the other writer's grant and the task's; the task read the users again to confirm the race
    assert calls[("Cloud", "ModifyCloudAccess")] == 2 and calls[("UserManager", "UserInfo")] == 2
    assert cloud_grants(sim)["microk8s"] == {"zed": "admin"} and state(sim)[1]["fred/prod"] == {"fred": "admin",
                                                                                                "zed": "read"}


def test_the_read_confirming_a_race_takes_verified_passwords_as_they_were_and_logs_in_no_more(sim, converge,
                                                                                              meanwhile):
    # ci-bot's password was verified by a login before the writes, and the writes did not touch
    # it: the fresh read after the race neither logs in again nor plans a password change,
    # which would make the raced grant count as lost.
    meanwhile(lambda other: other.modify_model_access("ci-bot", "grant", "read", sim.model_uuid("boss/default")))
    result, dummy = converge([{"name": "ci-bot", "password": "ci-pw-123", "update_password": "always",
                               "models": {"default": "read"}}])
    assert (result["failed"], result["changed"]) == (False, False)
    assert result["results"] == [{"name": "ci-bot", "changed": False, "actions": [], "not_applied": []}]
    # the task's own login and the one that verified ci-bot's password; none for the fresh read
    assert sim.counters["calls"][("Admin", "Login")] == 2
    assert sim.counters["calls"][("ModelManager", "ModifyModelAccess")] == 2  # the other writer's and the task's
    assert sim.counters["calls"][("UserManager", "ModelUserInfo")] == 2


def test_users_file_without_the_action_plugin_that_reads_it_is_refused_before_any_call(sim, run_module):
    sim.reset_counters()
    result = run_module(juju_users, sim, users_file="users.yml")
    assert result["failed"] and result["msg"] == (
        "users_file is read on the Ansible controller by the action plugin of juju_users, which did not run here; "
        "give users instead.")
    assert not sim.counters["calls"]


def test_neither_users_nor_users_file_is_refused_as_ansible_refuses_it(sim, run_module):
    result = run_module(juju_users, sim)
    assert result["failed"] and result["msg"] == "one of the following is required: users, users_file"


def test_its_process_runs_without_the_cyclic_garbage_collector(monkeypatch, capsys):
    # As Ansible runs it (as __main__): 10,000 users' options, reads and plans hold no reference cycles,
    # and the collector's passes over them took a fifth of the run (tests/benchmarks/module_process.py).
    disabled = []
    monkeypatch.setattr(gc, "disable", lambda: disabled.append(True))
    with patch_module_args({}), pytest.raises(SystemExit):
        runpy.run_path(juju_users.__file__, run_name="__main__")
    assert disabled == [True] and "one of the following is required: users, users_file" in capsys.readouterr().out
