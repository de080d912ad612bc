# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_users' ssh_keys, ssh_keys_exclusive and purge_ssh_keys against the simulator: check mode agreeing with the
real run, idempotence, one connection and one write of each kind per model, the read-back, refusals up front."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible_collections.juju.controller.plugins.modules import juju_users

LAPTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"
LAPTOP_FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"
BOB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work"
BOB_FP = "6c:f6:56:d9:2c:38:88:91:cb:20:cb:8e:bd:4a:4b:50"
DESKTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBqUX1ThFHyYZgvFL3f1rbiZ1m1nxnypxwngtgIGsSrX alice@desktop"
DESKTOP_FP = "ab:af:d5:0a:c9:4a:8d:a2:da:cd:0d:f4:b7:1b:8c:2a"
GH_ALICE = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC47wbMu2Hy/i0iPqOQEn02pHilDDJLlcZVKMZiLXCjnA9Yw4IJReA00j09K/MTgEKk"
            "+Ft+k9Rs8GyT9YBZ4EurMbQq7JjqgoUN+7MPHN+WfVWDHJj4wlPAbUD/3x26MpgPHiARwtSViwL+ieRv6ZKhCEeWJ4xPZ/4uKrK7wx2bDw"
            "== alice@github/7 # ssh-import-id gh:alice")
GH_ALICE_FP = "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf"

# admin/default holds Bob's key; fred/prod Alice's desktop key, Bob's key and a line Juju cannot parse; fred
# administers fred/prod and reads admin/default; the Kubernetes model admin/k8s (no hidden juju-system-key) holds
# only Bob's key.
FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    "users": [{"name": "admin", "access": "superuser"}, {"name": "fred"}, {"name": "bob"}, {"name": "Alice"}],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "default", "owner": "admin", "users": {"bob": "read", "fred": "read"}, "ssh-keys": [BOB]},
        {"name": "prod", "owner": "fred", "ssh-keys": [DESKTOP, BOB, "not a key"]},
        {"name": "k8s", "owner": "admin", "type": "caas", "ssh-keys": [BOB]},
    ],
    "ssh-import-ids": {"gh:alice": GH_ALICE + "\n\n"},
}


@pytest.fixture
def simulator(make_simulator, tmp_path):
    path = tmp_path / "fixture.yaml"
    path.write_text(yaml.safe_dump(FIXTURE))
    return make_simulator(fixture=path)


def visible(sim, ref):
    lines = sim.state.models[sim.model_uuid(ref)].authorized_keys.split("\n")
    return [line for line in lines if line and not line.endswith(" juju-system-key")]


def key(model, action, fingerprint, comment):
    return {"model": model, "action": action, "fingerprint": fingerprint, "comment": comment}


def calls(sim, facade, method):
    return sim.counters["calls"].get((facade, method), 0)


def test_keys_per_model_added_and_imported_check_mode_agrees_and_the_rerun_changes_nothing(run, simulator):
    users = [{"name": "alice", "ssh_keys": {"default": [LAPTOP, "gh:alice"], "fred/prod": LAPTOP}}]
    check = run(juju_users, check_mode=True, users=users)
    assert (visible(simulator, "admin/default"), simulator.counters["writes"]) == ([BOB], 0)
    simulator.reset_counters()
    real = run(juju_users, users=users)
    actions = ["add SSH key %s (alice@laptop) to model admin/default" % LAPTOP_FP,
               "import the SSH keys of gh:alice into model admin/default",
               "add SSH key %s (alice@laptop) to model fred/prod" % LAPTOP_FP]
    for result in (check, real):
        assert (result["failed"], result["changed"]) == (False, True), result
        assert result["results"][0]["actions"] == actions
        assert result["results"][0]["not_applied"] == []
    assert check["results"][0]["ssh_keys"] == [
        key("admin/default", "add", LAPTOP_FP, "alice@laptop"),
        {"model": "admin/default", "action": "import", "import_id": "gh:alice", "keys": []},
        key("fred/prod", "add", LAPTOP_FP, "alice@laptop")]
    assert real["results"][0]["ssh_keys"][1] == {
        "model": "admin/default", "action": "import", "import_id": "gh:alice",
        "keys": [{"fingerprint": GH_ALICE_FP, "comment": "alice@github/7 # ssh-import-id gh:alice"}]}
    assert real["results"][0]["ssh_keys"][0::2] == check["results"][0]["ssh_keys"][0::2]
    assert visible(simulator, "admin/default") == [BOB, LAPTOP, GH_ALICE]
    assert visible(simulator, "fred/prod") == [DESKTOP, BOB, "not a key", LAPTOP]
    # one connection per model, each read once and once more after its writes, one write of each kind per model
    assert calls(simulator, "Admin", "Login") == 3
    assert [calls(simulator, "KeyManager", m) for m in ("ListKeys", "AddKeys", "ImportKeys", "DeleteKeys")] == [
        4, 2, 1, 0]
    simulator.reset_counters()
    again = run(juju_users, users=users)
    assert (again["changed"], again["results"]) == (
        False, [{"name": "Alice", "changed": False, "actions": [], "not_applied": []}])
    assert (simulator.counters["writes"], calls(simulator, "KeyManager", "ListKeys")) == (0, 2)


def test_a_model_by_uuid_and_by_name_is_one_model(run, simulator):
    uuid = simulator.model_uuid("admin/default")
    result = run(juju_users, users=[{"name": "alice", "ssh_keys": {uuid: [LAPTOP]}}])
    assert result["results"][0]["ssh_keys"] == [key("admin/default", "add", LAPTOP_FP, "alice@laptop")]
    twice = run(juju_users, users=[{"name": "alice", "ssh_keys": {uuid: [LAPTOP], "default": []}}])
    assert twice["msg"] == ('User "alice" (users[0]): model "admin/default" is given twice in ssh_keys, as "%s" and '
                            '"default"; give it once.' % uuid)


@pytest.mark.parametrize("check_mode", [True, False])
def test_exclusive_removes_only_the_keys_that_name_the_user(run, simulator, check_mode):
    users = [{"name": "alice", "ssh_keys": {"fred/prod": [LAPTOP]}, "ssh_keys_exclusive": True},
             {"name": "bob", "ssh_keys": {"fred/prod": []}}]
    result = run(juju_users, check_mode=check_mode, users=users)
    assert result["results"] == [
        {"name": "Alice", "changed": True, "not_applied": [],
         "actions": ["add SSH key %s (alice@laptop) to model fred/prod" % LAPTOP_FP,
                     "remove SSH key %s (alice@desktop) from model fred/prod" % DESKTOP_FP],
         "ssh_keys": [key("fred/prod", "add", LAPTOP_FP, "alice@laptop"),
                      key("fred/prod", "delete", DESKTOP_FP, "alice@desktop")]},
        {"name": "bob", "changed": False, "actions": [], "not_applied": []}]
    # Bob's key names bob, but bob's entry is not exclusive; the unparseable line names nobody
    expected = [DESKTOP, BOB, "not a key"] if check_mode else [BOB, "not a key", LAPTOP]
    assert visible(simulator, "fred/prod") == expected
    if not check_mode:
        assert run(juju_users, users=users)["changed"] is False


def test_exclusive_with_no_key_removes_the_users_keys_from_the_model(run, simulator):
    result = run(juju_users, users=[{"name": "bob", "ssh_keys": {"fred/prod": [], "default": []},
                                     "ssh_keys_exclusive": True}])
    assert result["results"][0]["actions"] == ["remove SSH key %s (bob@work) from model fred/prod" % BOB_FP,
                                               "remove SSH key %s (bob@work) from model admin/default" % BOB_FP]
    assert (visible(simulator, "fred/prod"), visible(simulator, "admin/default")) == ([DESKTOP, "not a key"], [])


@pytest.mark.parametrize("check_mode", [True, False])
def test_purge_ssh_keys_removes_the_keys_of_a_user_removed_with_it(run, simulator, check_mode):
    result = run(juju_users, check_mode=check_mode, users=[{"name": "alice", "state": "absent"}],
                 purge_ssh_keys=True)
    assert result["results"] == [
        {"name": "Alice", "changed": True, "not_applied": [],
         "actions": ["remove", "remove SSH key %s (alice@desktop) from model fred/prod" % DESKTOP_FP],
         "ssh_keys": [key("fred/prod", "delete", DESKTOP_FP, "alice@desktop")]}]
    assert result["removed"] == ["Alice"]
    assert visible(simulator, "fred/prod") == ([DESKTOP, BOB, "not a key"] if check_mode else [BOB, "not a key"])


def test_without_purge_ssh_keys_the_keys_of_a_removed_user_stay(run, simulator):
    result = run(juju_users, users=[{"name": "alice", "state": "absent"}])
    assert result["results"][0]["actions"] == ["remove"]
    assert visible(simulator, "fred/prod") == [DESKTOP, BOB, "not a key"]
    # the entry stays in the declaration: a later run with purge_ssh_keys removes the keys of the user already gone
    later = run(juju_users, users=[{"name": "alice", "state": "absent"}], purge_ssh_keys=True)
    assert later["results"][0]["actions"] == ["remove SSH key %s (alice@desktop) from model fred/prod" % DESKTOP_FP]


def test_purge_ssh_keys_keeps_a_key_declared_for_another_user(run, simulator):
    result = run(juju_users, users=[{"name": "alice", "state": "absent"},
                                    {"name": "bob", "ssh_keys": {"fred/prod": [DESKTOP]}}], purge_ssh_keys=True)
    assert result["results"][0]["actions"] == ["remove"]
    assert visible(simulator, "fred/prod") == [DESKTOP, BOB, "not a key"]


def test_an_add_juju_acknowledges_but_does_not_make_fails_naming_it(run, simulator):
    simulator.inject("KeyManager", "AddKeys", discard=True)
    result = run(juju_users, users=[{"name": "alice", "ssh_keys": {"default": [LAPTOP], "fred/prod": [LAPTOP]}}])
    label = "add SSH key %s (alice@laptop) to model admin/default" % LAPTOP_FP
    error = ('Juju acknowledged "%s", but does not show it when read back after the writes (another writer may have '
             'rewritten the keys of model admin/default meanwhile)' % label)
    assert result["msg"] == ("1 of the 2 changes were not applied (the first: %s); results says for every user what "
                             "was applied and what was not, and a re-run applies the rest." % error)
    assert (result["failed"], result["changed"]) == (True, True)
    assert result["results"][0]["not_applied"] == ["%s: %s" % (label, error)]
    assert result["results"][0]["ssh_keys"] == [key("fred/prod", "add", LAPTOP_FP, "alice@laptop")]
    assert visible(simulator, "admin/default") == [BOB]


def test_a_per_key_refusal_is_reported_and_the_other_keys_are_written(run, simulator):
    simulator.inject("KeyManager", "ImportKeys", error="exit status 1")
    result = run(juju_users, users=[{"name": "alice", "ssh_keys": {"default": [LAPTOP, "gh:alice"]}}])
    assert result["failed"] is True
    assert result["results"][0]["actions"] == ["add SSH key %s (alice@laptop) to model admin/default" % LAPTOP_FP]
    assert result["results"][0]["not_applied"] == [
        "import the SSH keys of gh:alice into model admin/default: cannot import the SSH keys of gh:alice into model "
        "admin/default: exit status 1"]
    assert visible(simulator, "admin/default") == [BOB, LAPTOP]


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_model_the_login_user_cannot_admin_is_refused_before_anything_is_sent(run, simulator, check_mode):
    users = [{"name": "fred", "ssh_keys": {"admin/default": [BOB], "prod": [LAPTOP]}}]
    result = run(juju_users, check_mode=check_mode, as_user="fred", users=users)
    assert result["msg"] == ('The login user "fred" cannot change the SSH keys of model "admin/default": Juju '
                             'requires admin access to the model (write is not enough) or superuser access to the '
                             'controller.')
    assert (result["failed"], result["changed"], simulator.counters["writes"]) == (True, False, 0)
    assert calls(simulator, "KeyManager", "ListKeys") == 0
    allowed = run(juju_users, check_mode=check_mode, as_user="fred", users=[{"name": "fred",
                                                                            "ssh_keys": {"prod": [LAPTOP]}}])
    assert (allowed["failed"], allowed["changed"]) == (False, True), allowed


@pytest.mark.parametrize("check_mode", [True, False])
def test_keys_of_an_entry_the_users_plan_refuses_fail_with_its_sentence_not_a_traceback(run, simulator, check_mode):
    # Found by the state machine: a model admin's entry that sets another user's password (refused) with keys on a
    # model it administers; the keys were planned for a user the refused plan does not hold (KeyError).
    users = [{"name": "bob", "password": "Pw-1-secret", "ssh_keys": {"prod": [LAPTOP]}}]
    result = run(juju_users, check_mode=check_mode, as_user="fred", users=users)
    assert result["msg"].startswith('The login user "fred" is not a controller superuser, so it can neither see user '
                                    '"bob" nor set its password'), result
    assert (result["failed"], result["changed"], simulator.counters["writes"]) == (True, False, 0)
    assert visible(simulator, "fred/prod") == [DESKTOP, BOB, "not a key"]


@pytest.mark.parametrize("entry, msg", [
    ({"name": "alice", "ssh_keys": {"default": ["ssh-ed25519 AAAA alice@x"]}},
     'User "alice" (users[0]): ssh_keys of model "default": the key given is not a valid ssh-ed25519 key (its base64 '
     'part does not hold one): "ssh-ed25519 AAAA alice@x".'),
    ({"name": "alice", "ssh_keys": {"default": [LAPTOP, LAPTOP.replace("laptop", "other")]}},
     'User "alice" (users[0]): ssh_keys of model "default" gives %s (alice@other) twice; give it once.' % LAPTOP_FP),
    ({"name": "alice", "ssh_keys": {"default": ["gh:"]}},
     'User "alice" (users[0]): ssh_keys of model "default": "gh:" is not an import id; use "gh:<GitHub user>" or '
     '"lp:<Launchpad user>".'),
    ({"name": "alice", "state": "absent", "ssh_keys": {"default": []}},
     'User "alice" (users[0]): state absent removes the user, so the entry cannot also give ssh_keys; leave them out '
     '(purge_ssh_keys removes the keys of the users removed).'),
    ({"name": "alice", "ssh_keys_exclusive": True},
     "User \"alice\" (users[0]): ssh_keys_exclusive makes the user's keys on the models of ssh_keys exactly those "
     "listed, so it needs ssh_keys."),
    ({"name": "alice", "ssh_keys": {"default": {"key": LAPTOP}}},
     'User "alice" (users[0]): ssh_keys of model "default" must be a list of keys and import ids.'),
])
def test_bad_ssh_keys_fail_in_one_sentence_before_connecting(run, simulator, entry, msg):
    result = run(juju_users, users=[entry])
    assert (result["failed"], result["msg"]) == (True, msg)
    assert simulator.counters["calls"] == {}


def test_unknown_model_and_a_key_declared_for_two_users_are_refused_before_writing(run, simulator):
    result = run(juju_users, users=[{"name": "alice", "ssh_keys": {"nope": [LAPTOP], "fred/prod": [BOB]}},
                                    {"name": "bob", "ssh_keys": {"fred/prod": [BOB]}}])
    assert result["msg"] == (
        'User "alice": model "nope" of ssh_keys was not found on the controller (or the login user "admin" cannot see '
        'it). SSH key %s (bob@work) is declared on model "fred/prod" for users "alice" and "bob"; a key belongs to '
        'one person, declare it once.' % BOB_FP)
    assert simulator.counters["writes"] == 0


def test_juju_refusing_to_delete_a_models_last_key_is_reported(run, simulator):
    result = run(juju_users, users=[{"name": "bob", "ssh_keys": {"k8s": []}, "ssh_keys_exclusive": True}])
    label = "remove SSH key %s (bob@work) from model admin/k8s" % BOB_FP
    assert (result["failed"], result["changed"]) == (True, False)
    assert result["results"][0]["not_applied"] == ["%s: cannot %s: cannot delete all keys" % (label, label)]
    assert visible(simulator, "admin/k8s") == [BOB]


def test_the_diff_shows_the_users_keys_per_model_before_and_after(run, simulator):
    users = [{"name": "alice", "ssh_keys": {"fred/prod": [LAPTOP, "gh:alice"]}, "ssh_keys_exclusive": True}]
    check = run(juju_users, check_mode=True, diff=True, users=users)
    real = run(juju_users, diff=True, users=users)
    assert check["diff"] == real["diff"]
    assert [(d["before"]["ssh_keys"], d["after"]["ssh_keys"]) for d in real["diff"]] == [(
        {"fred/prod": ["%s (alice@desktop)" % DESKTOP_FP]},
        {"fred/prod": ["%s (alice@laptop)" % LAPTOP_FP, "the keys of gh:alice"]})]
