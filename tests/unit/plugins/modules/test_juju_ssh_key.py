# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_ssh_key: main() against the simulator (conftest.py FIXTURE plus keys), check mode agreeing with the real run."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible_collections.juju.controller.plugins.modules import juju_ssh_key as m

LAPTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"
LAPTOP_FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"
BOB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work"
BOB_FP = "6c:f6:56:d9:2c:38:88:91:cb:20:cb:8e:bd:4a:4b:50"
DESKTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBqUX1ThFHyYZgvFL3f1rbiZ1m1nxnypxwngtgIGsSrX alice@desktop"
DESKTOP_FP = "ab:af:d5:0a:c9:4a:8d:a2:da:cd:0d:f4:b7:1b:8c:2a"
GH_ALICE = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC47wbMu2Hy/i0iPqOQEn02pHilDDJLlcZVKMZiLXCjnA9Yw4IJReA00j09K/MTgEKk"
            "+Ft+k9Rs8GyT9YBZ4EurMbQq7JjqgoUN+7MPHN+WfVWDHJj4wlPAbUD/3x26MpgPHiARwtSViwL+ieRv6ZKhCEeWJ4xPZ/4uKrK7wx2bDw"
            "== alice@github/7 # ssh-import-id gh:alice")
GH_ALICE_COMMENT = "alice@github/7 # ssh-import-id gh:alice"
GH_ALICE_FP = "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf"

# The users and grants of conftest.py's FIXTURE that these tests use (fred owns prod; on default bob reads and
# Zed writes), with keys: admin/default holds Bob's key, fred/prod Alice's desktop key and a line Juju cannot parse,
# the Kubernetes model k8s (no hidden juju-system-key) only Bob's key. ssh-import-ids is what ssh-import-id prints
# (gh:bob: Bob's key, stored on admin/default under another comment; gh:carol: that key too, and Alice's laptop key).
KEYS_FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    "users": [{"name": "admin", "access": "superuser"}, {"name": "fred"}, {"name": "bob"}, {"name": "Zed"}],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "default", "owner": "admin", "users": {"bob": "read", "Zed": "write"}, "ssh-keys": [BOB]},
        {"name": "prod", "owner": "fred", "ssh-keys": [DESKTOP, "not a key"]},
        {"name": "k8s", "owner": "admin", "type": "caas", "ssh-keys": [BOB]},
    ],
    "ssh-import-ids": {"gh:alice": GH_ALICE + "\n\n", "gh:bob": BOB.replace("bob@work", "bob@github/9") + "\n\n",
                       "gh:carol": "%s # ssh-import-id gh:carol\n\n%s # ssh-import-id gh:carol\n\n" % (BOB, LAPTOP)},
}


@pytest.fixture
def simulator(make_simulator, tmp_path):
    path = tmp_path / "fixture.yaml"
    path.write_text(yaml.safe_dump(KEYS_FIXTURE))
    return make_simulator(fixture=path)


def stored(sim, ref):
    """The model's authorized-keys lines as the simulator holds them, Juju's hidden key included."""
    return sim.state.models[sim.model_uuid(ref)].authorized_keys.split("\n")


def visible(sim, ref):
    return [line for line in stored(sim, ref) if not line.endswith(" juju-system-key")]


def key(fingerprint, comment):
    return {"fingerprint": fingerprint, "comment": comment}


def test_add_is_idempotent_and_reports_both_model_forms(run, simulator):
    uuid = simulator.model_uuid("admin/default")
    first = run(m, model="admin/default", key=LAPTOP)
    assert first["changed"] is True, first
    assert first["model"] == {"name": "admin/default", "uuid": uuid}
    assert first["key"] == key(LAPTOP_FP, "alice@laptop")
    assert first["changes"] == [dict(key(LAPTOP_FP, "alice@laptop"), action="add")]
    assert first["keys"] == [key(BOB_FP, "bob@work"), key(LAPTOP_FP, "alice@laptop")]
    assert stored(simulator, "admin/default")[0].endswith(" juju-system-key")
    assert visible(simulator, "admin/default") == [BOB, LAPTOP]
    # the same key under another comment is the same key, for Juju and for the task; a bare name is the login user's
    again = run(m, model="default", key=LAPTOP.replace("alice@laptop", "renamed"))
    assert (again["changed"], again["changes"], again["model"]) == (False, [], first["model"])
    assert visible(simulator, "admin/default") == [BOB, LAPTOP]


def test_model_by_uuid(run, simulator):
    uuid = simulator.model_uuid("fred/prod")
    result = run(m, model=uuid, key=BOB)
    assert (result["changed"], result["model"]) == (True, {"name": "fred/prod", "uuid": uuid})
    assert visible(simulator, "fred/prod") == [DESKTOP, "not a key", BOB]


def test_absent_removes_the_key_by_fingerprint(run, simulator):
    result = run(m, model="admin/default", key=BOB.replace("bob@work", "any comment"), state="absent")
    assert (result["changed"], result["changes"], result["keys"]) == (
        True, [dict(key(BOB_FP, "bob@work"), action="delete")], [])
    assert visible(simulator, "admin/default") == []  # Juju's own key stays: it is hidden, never touched
    assert len(stored(simulator, "admin/default")) == 1
    assert run(m, model="admin/default", key=BOB, state="absent")["changed"] is False


def test_exclusive_leaves_only_the_key(run, simulator):
    result = run(m, model="fred/prod", key=LAPTOP, exclusive=True, diff=True)
    assert result["changed"] is True
    assert result["changes"] == [dict(key(LAPTOP_FP, "alice@laptop"), action="add"),
                                 dict(key(DESKTOP_FP, "alice@desktop"), action="delete"),
                                 dict(key(None, "not a key"), action="delete")]
    assert result["keys"] == [key(LAPTOP_FP, "alice@laptop")]
    assert result["diff"] == {
        "before": {"model": "fred/prod", "keys": [DESKTOP_FP + " (alice@desktop)", "unparseable line not a key"]},
        "after": {"model": "fred/prod", "keys": [LAPTOP_FP + " (alice@laptop)"]}}
    assert visible(simulator, "fred/prod") == [LAPTOP]
    assert run(m, model="fred/prod", key=LAPTOP, exclusive=True)["changed"] is False


def test_exclusive_on_a_model_without_hidden_key_adds_first(run, simulator):
    """A Kubernetes model has no juju-system-key: deleting first would meet Juju's "cannot delete all keys"."""
    result = run(m, model="admin/k8s", key=LAPTOP, exclusive=True)
    assert result["changed"] is True, result
    assert stored(simulator, "admin/k8s") == [LAPTOP]


CASES = [
    # (id, options (as_user: who logs in), changed, msg: None when the task succeeds)
    ("add", dict(model="admin/default", key=LAPTOP), True, None),
    ("add-present", dict(model="admin/default", key=BOB), False, None),
    ("absent", dict(model="admin/default", key=BOB, state="absent"), True, None),
    ("absent-missing", dict(model="admin/default", key=LAPTOP, state="absent"), False, None),
    ("exclusive", dict(model="fred/prod", key=DESKTOP, exclusive=True), True, None),
    ("model-owner", dict(model="prod", key=LAPTOP, as_user="fred"), True, None),
    ("reader-no-change", dict(model="admin/default", key=BOB, as_user="bob"), False, None),
    ("reader", dict(model="admin/default", key=LAPTOP, as_user="bob"), False,
     'User "bob" cannot change the SSH keys of model "admin/default": Juju requires admin access to the model '
     '(write is not enough) or superuser access to the controller.'),
    ("writer", dict(model="admin/default", key=BOB, state="absent", as_user="Zed"), False,
     'User "Zed" cannot change the SSH keys of model "admin/default": Juju requires admin access to the model '
     '(write is not enough) or superuser access to the controller.'),
    ("unknown-model", dict(model="admin/nope", key=LAPTOP), False,
     'Model "admin/nope" was not found on controller "sim" (or user "admin" cannot see it).'),
    ("unknown-uuid", dict(model="0b1e7e2c-1111-4222-8333-944445555666", key=LAPTOP), False,
     'Model "0b1e7e2c-1111-4222-8333-944445555666" was not found on the controller (or the login user "admin" '
     'cannot see it).'),
    ("model-invisible", dict(model="fred/prod", key=LAPTOP, as_user="bob"), False,
     'Model "fred/prod" was not found on controller "sim" (or user "bob" cannot see it).'),
    ("empty-model", dict(model="", key=LAPTOP), False,
     'Option "model" is empty; give it a value, or leave it out (in a template: `default(omit)`).'),
    ("junk", dict(model="admin/default", key="junk"), False,
     'The key given is not an SSH public key line ("<type> <base64> [comment]", as in a .pub file; options before '
     'the type are not accepted): "junk".'),
    ("private", dict(model="admin/default", key="-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blb\n"), False,
     "The key given is a private key; give the public key (the .pub file)."),
    ("two-lines", dict(model="admin/default", key=LAPTOP + "\n" + BOB), False,
     "The key given has several lines; give one public key, on one line."),
    ("exclusive-absent", dict(model="admin/default", key=LAPTOP, exclusive=True, state="absent"), False,
     "Exclusive=true makes the key the model's only one, so it needs state=present."),
    ("import", dict(model="admin/default", import_id="gh:alice"), True, None),
    ("import-absent-none", dict(model="admin/default", import_id="gh:alice", state="absent"), False, None),
    ("import-reader", dict(model="admin/default", import_id="gh:alice", as_user="bob"), False,
     'User "bob" cannot change the SSH keys of model "admin/default": Juju requires admin access to the model '
     '(write is not enough) or superuser access to the controller.'),
    ("import-bad-id", dict(model="admin/default", import_id="alice"), False,
     '"alice" is not an import id; use "gh:<GitHub user>" or "lp:<Launchpad user>".'),
    ("key-and-import", dict(model="admin/default", key=LAPTOP, import_id="gh:alice"), False,
     "parameters are mutually exclusive: key|import_id"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_check_mode_predicts_the_real_run(run, simulator, case):
    dummy, options, changed, msg = case
    options = dict(options)
    as_user = options.pop("as_user", None)
    before = {ref: stored(simulator, ref) for ref in ("admin/default", "fred/prod")}
    checked = run(m, check_mode=True, as_user=as_user, **options)
    assert {ref: stored(simulator, ref) for ref in before} == before, "check mode wrote"
    real = run(m, as_user=as_user, **options)
    for result in (checked, real):
        assert (result["changed"], result.get("msg")) == (changed, msg), result
    if msg is None:
        if "import_id" not in options:  # an import's keys are known once fetched
            assert checked["keys"] == real["keys"] and checked["changes"] == real["changes"]
    else:
        assert {ref: stored(simulator, ref) for ref in before} == before, "a refused task wrote"


def test_import_then_idempotent_then_absent(run, simulator):
    result = run(m, model="admin/default", import_id="gh:alice")
    assert (result["changed"], result["changes"]) == (True, [{"action": "import", "import_id": "gh:alice",
                                                              "keys": [key(GH_ALICE_FP, GH_ALICE_COMMENT)]}])
    assert "key" not in result
    assert visible(simulator, "admin/default") == [BOB, GH_ALICE]
    again = run(m, model="admin/default", import_id="gh:alice")
    assert (again["changed"], again["changes"], again["failed"]) == (False, [], False)
    gone = run(m, model="admin/default", import_id="gh:alice", state="absent")
    assert (gone["changed"], gone["changes"]) == (True, [dict(key(GH_ALICE_FP, GH_ALICE_COMMENT), action="delete")])
    assert visible(simulator, "admin/default") == [BOB]


def test_exclusive_import_keeps_only_the_accounts_keys(run, simulator):
    result = run(m, model="fred/prod", import_id="gh:alice", exclusive=True)
    assert [c["action"] for c in result["changes"]] == ["import", "delete", "delete"]
    assert visible(simulator, "fred/prod") == [GH_ALICE]


def test_import_in_check_mode_names_the_id_without_keys(run, simulator):
    result = run(m, check_mode=True, model="admin/default", import_id="gh:alice")
    assert (result["changed"], result["changes"]) == (True, [{"action": "import", "import_id": "gh:alice",
                                                              "keys": []}])
    assert result["keys"] == [key(BOB_FP, "bob@work")]
    assert visible(simulator, "admin/default") == [BOB]


def test_import_of_an_id_the_controller_cannot_fetch(run, simulator):
    result = run(m, model="admin/default", import_id="lp:nobody")
    assert (result["failed"], result["changed"]) == (True, False)
    assert result["msg"] == 'Cannot import the SSH keys of "lp:nobody" into model "admin/default": exit status 1.'


def test_import_of_keys_there_under_other_comments_says_so(run, simulator):
    result = run(m, model="admin/default", import_id="gh:bob")
    assert (result["failed"], result["changed"]) == (True, False)
    assert result["msg"] == ('Every key of gh:bob is on model "admin/default" already, under another comment than '
                             "ssh-import-id's, so Juju imports none; remove those keys first, or manage them with key.")
    assert visible(simulator, "admin/default") == [BOB]


def test_import_of_some_keys_there_already_adds_the_others(run, simulator):
    result = run(m, model="admin/default", import_id="gh:carol")
    assert (result["changed"], result["changes"]) == (True, [{"action": "import", "import_id": "gh:carol", "keys": [
        key(LAPTOP_FP, "alice@laptop # ssh-import-id gh:carol")]}])
    assert visible(simulator, "admin/default") == [BOB, LAPTOP + " # ssh-import-id gh:carol"]


def test_a_write_lost_to_another_writer_is_applied_again(run, simulator):
    """Juju rewrites the whole list (§18.6): the simulator answers AddKeys but puts the keys back, as when
    another writer's rewrite lands just after ours. The read-back sees it and the task adds the key again."""
    simulator.inject("KeyManager", "AddKeys", discard=True, times=1)
    result = run(m, model="admin/default", key=LAPTOP)
    assert result["changed"] is True and visible(simulator, "admin/default") == [BOB, LAPTOP]
    assert result["warnings"] == ['another writer changed the SSH keys of model "admin/default" while this task '
                                  'wrote them (Juju rewrites the whole list); the task applied its change again.']
    assert [c["action"] for c in result["changes"]] == ["add", "add"]


def test_a_writer_that_keeps_undoing_is_reported(run, simulator):
    simulator.inject("KeyManager", "DeleteKeys", discard=True, times=3)
    result = run(m, model="admin/default", key=BOB, state="absent")
    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == ('Other writers kept changing the SSH keys of model "admin/default" (3 rounds); run the '
                             'task again (before that, the task removed SSH key %s (bob@work), then removed SSH key %s '
                             '(bob@work), then removed SSH key %s (bob@work)).' % (BOB_FP, BOB_FP, BOB_FP))
    assert visible(simulator, "admin/default") == [BOB]


def test_one_model_connection_per_task(run, simulator):
    simulator.reset_counters()
    run(m, model="fred/prod", key=LAPTOP, exclusive=True)
    assert simulator.counters["calls"][("Admin", "Login")] == 2  # the controller, then the model once
    assert simulator.counters["calls"][("KeyManager", "ListKeys")] == 2  # read, read back


def test_keys_are_not_secrets_but_private_keys_never_echo(run, simulator):
    private = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LXBhcnQ=\n-----END OPENSSH PRIVATE KEY-----"
    result = run(m, model="admin/default", key=private)
    assert "c2VjcmV0" not in repr(result)


def test_a_failure_after_a_write_says_what_was_applied(run, simulator):
    simulator.inject("KeyManager", "DeleteKeys", error=("boom", ""), times=1)
    result = run(m, model="fred/prod", key=LAPTOP, exclusive=True)
    assert (result["failed"], result["changed"]) == (True, True)
    assert result["msg"] == ('Cannot delete SSH key %s (alice@desktop) from model "fred/prod": boom (before that, the '
                             'task added SSH key %s (alice@laptop)).' % (DESKTOP_FP, LAPTOP_FP))
    simulator.inject("KeyManager", "DeleteKeys", error=("boom", ""), times=1)
    result = run(m, model="fred/prod", import_id="gh:alice", exclusive=True)
    assert result["msg"].endswith("(before that, the task imported the SSH keys of gh:alice).")


def test_juju_user_info_lists_the_keys_of_given_models(run, simulator):
    from ansible_collections.juju.controller.plugins.modules import juju_user_info

    uuid = simulator.model_uuid("fred/prod")
    result = run(juju_user_info, name="admin", ssh_keys=["default", uuid])
    assert result["ssh_keys"] == [
        {"model": "admin/default", "uuid": simulator.model_uuid("admin/default"), "keys": [key(BOB_FP, "bob@work")]},
        {"model": "fred/prod", "uuid": uuid, "keys": [key(DESKTOP_FP, "alice@desktop"), key(None, "not a key")]}]
    assert "ssh_keys" not in run(juju_user_info, name="admin")
    # bob reads admin/default (a grant of read) but cannot see fred/prod
    assert run(juju_user_info, as_user="bob", name="bob", ssh_keys=["admin/default"])["ssh_keys"][0]["keys"] == [
        key(BOB_FP, "bob@work")]
    refused = run(juju_user_info, as_user="bob", name="bob", ssh_keys=["fred/prod"])
    assert refused["msg"] == 'Model "fred/prod" was not found on controller "sim" (or user "bob" cannot see it).'
