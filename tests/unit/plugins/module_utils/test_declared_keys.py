# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""declared_keys: the pure planner of juju_users' ssh_keys (no network): the declaration checked, the models to
read, who a key belongs to, and the KeyManager writes per model."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import declared_keys as dk
from ansible_collections.juju.controller.plugins.module_utils.declared_users import current_state, normalise
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.module_utils.names import parse_model_ref
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import Key, parse_key, stored_key

LAPTOP = parse_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop")
BOB = parse_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work")
DESKTOP = parse_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBqUX1ThFHyYZgvFL3f1rbiZ1m1nxnypxwngtgIGsSrX Alice@desktop")
IMPORTED = Key("f8:a7", "alice@github/7 # ssh-import-id gh:alice",
               "ssh-rsa AAAA alice@github/7 # ssh-import-id gh:alice")
UNPARSEABLE = stored_key("not a key")
UUID = "7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69"
MODELS = [{"name": "default", "owner": "admin", "uuid": UUID, "ref": "admin/default"},
          {"name": "prod", "owner": "Fred", "uuid": "11111111-2222-4333-8444-555555555555", "ref": "Fred/prod"}]


def current(superuser=True, login="admin"):
    return current_state((login, superuser, "sim"), "admin", [], MODELS, {}, {}, {})


def wanted(*users):
    return dk.normalise(normalise(list(users))[0])


def spec(declared=(), exclusive=(), purged=()):
    return dk.ModelKeys("admin/default", "admin/default", UUID, list(declared), set(exclusive), set(purged))


def steps(changes):
    return [(c.key, c.payload.action, c.payload.item) for c in changes]


@pytest.mark.parametrize("comment, owner", [
    ("alice@laptop", "alice"), ("Alice@desktop", "alice"), ("alice@github/7 # ssh-import-id gh:alice", "alice"),
    ("alice.smith@laptop", "alice.smith"), ("alice", None), ("laptop of alice@home", None), ("@laptop", None),
    ("", None), (None, None)])
def test_a_stored_key_belongs_to_the_user_its_comment_starts_with(comment, owner):
    assert dk.owner(Key("fp", comment, "text")) == owner


def test_normalise_parses_keys_and_import_ids_per_model_and_keeps_the_exclusive_flag():
    result = wanted({"name": "Alice", "ssh_keys": {"default": [LAPTOP.text, " gh:alice "], UUID: LAPTOP.text,
                                                   "fred/prod": None}, "ssh_keys_exclusive": True},
                    {"name": "bob"}, {"name": "carol", "state": "absent", "ssh_keys": {}})
    assert result == [dk.Wanted("alice", "Alice", 0, True,
                                {"default": [LAPTOP, "gh:alice"], UUID: [LAPTOP], "fred/prod": []})]


def model_problem(ref):
    with pytest.raises(InvalidInput) as raised:
        parse_model_ref(ref)
    return str(raised.value)


@pytest.mark.parametrize("entry, problem", [
    ({"name": "ann", "ssh_keys": ["x"]},
     'User "ann" (users[0]): ssh_keys must be a mapping of model to a list of keys and import ids.'),
    ({"name": "ann", "ssh_keys": {"a/b/c": []}}, 'User "ann" (users[0]): ssh_keys: MODEL_PROBLEM'),
    ({"name": "ann", "ssh_keys": {"m": 3}},
     'User "ann" (users[0]): ssh_keys of model "m" must be a list of keys and import ids.'),
    ({"name": "ann", "ssh_keys": {"m": ["gh:a", "gh:a"]}},
     'User "ann" (users[0]): ssh_keys of model "m" gives gh:a twice; give it once.'),
    ({"name": "ann", "ssh_keys": {"m": ["-----BEGIN OPENSSH PRIVATE KEY-----"]}},
     'User "ann" (users[0]): ssh_keys of model "m": the key given is a private key; give the public key (the .pub '
     'file).'),
])
def test_normalise_names_each_problem(entry, problem):
    with pytest.raises(InvalidInput) as raised:
        wanted(entry, {"name": "ben", "ssh_keys_exclusive": True})
    assert str(raised.value).startswith(problem.replace("MODEL_PROBLEM", model_problem("a/b/c")) + " ")
    assert str(raised.value).endswith('User "ben" (users[1]): ssh_keys_exclusive makes the user\'s keys on the models '
                                      'of ssh_keys exactly those listed, so it needs ssh_keys.')


def test_targets_resolve_names_uuids_and_owners_in_any_case_in_the_order_declared():
    declared = wanted({"name": "alice", "ssh_keys": {"fred/prod": [], UUID: [LAPTOP.text]}, "ssh_keys_exclusive": True},
                      {"name": "bob", "ssh_keys": {"default": ["gh:bob"]}})
    specs, errors = dk.targets(current(), declared, {}, False)
    assert errors == []
    assert list(specs) == ["fred/prod", "admin/default"]
    assert specs["admin/default"] == dk.ModelKeys("admin/default", "admin/default", UUID,
                                                  [("alice", LAPTOP), ("bob", "gh:bob")], {"alice"}, set())
    assert (specs["fred/prod"].declared, specs["fred/prod"].exclusive) == ([], {"alice"})


def test_targets_with_purge_cover_every_model_for_the_users_removed_and_without_it_none():
    specs, errors = dk.targets(current(), [], {"eve": "Eve"}, True)
    assert (errors, [(s.ref, s.purged) for s in specs.values()]) == (
        [], [("Fred/prod", {"eve"}), ("admin/default", {"eve"})])
    assert dk.targets(current(), [], {"eve": "Eve"}, False) == ({}, [])
    assert dk.targets(current(), [], {}, True) == ({}, [])


def test_targets_refuse_unknown_models_models_given_twice_and_a_key_declared_for_two_users():
    declared = wanted({"name": "alice", "ssh_keys": {"nope/x": [], "default": [BOB.text], UUID: []}},
                      {"name": "bob", "ssh_keys": {"admin/default": [BOB.text]}})
    errors = dk.targets(current(), declared, {}, False)[1]
    assert errors == [
        'User "alice": model "nope/x" of ssh_keys was not found on the controller (or the login user "admin" cannot '
        'see it).',
        'User "alice" (users[0]): model "admin/default" is given twice in ssh_keys, as "default" and "%s"; give it '
        'once.' % UUID,
        'SSH key %s (bob@work) is declared on model "admin/default" for users "alice" and "bob"; a key belongs to '
        'one person, declare it once.' % BOB.fingerprint]


def test_refused_unless_superuser_or_model_admin():
    specs = dk.targets(current(False, "fred"), wanted({"name": "fred", "ssh_keys": {"prod": [], "admin/default": []}}),
                       {}, False)[0]
    assert dk.refused(specs, True, "fred", {}) == []
    assert dk.refused(specs, False, "fred", {"fred/prod": "admin", "admin/default": "write"}) == [
        'The login user "fred" cannot change the SSH keys of model "admin/default": Juju requires admin access to the '
        'model (write is not enough) or superuser access to the controller.']


def test_plan_adds_what_is_missing_by_fingerprint_and_imports_unless_a_key_of_the_id_is_there():
    renamed = LAPTOP._replace(comment="renamed")
    assert steps(dk.plan_model(spec([("alice", renamed), ("alice", "gh:alice"), ("bob", BOB)]), [LAPTOP])) == [
        ("alice", "import", "gh:alice"), ("bob", "add", BOB)]
    assert dk.plan_model(spec([("alice", LAPTOP), ("alice", "gh:alice")]), [IMPORTED, LAPTOP]) == []


def test_plan_labels_say_what_where():
    changes = dk.plan_model(spec([("alice", LAPTOP), ("alice", "gh:alice")], exclusive=["bob"]), [BOB])
    assert [(c.phase, c.label) for c in changes] == [
        ("ssh_key", "add SSH key %s (alice@laptop) to model admin/default" % LAPTOP.fingerprint),
        ("ssh_key", "import the SSH keys of gh:alice into model admin/default"),
        ("ssh_key", "remove SSH key %s (bob@work) from model admin/default" % BOB.fingerprint)]


def test_exclusive_deletes_the_users_other_keys_only_after_the_additions():
    current_keys = [BOB, DESKTOP, IMPORTED, UNPARSEABLE, LAPTOP]
    assert steps(dk.plan_model(spec([("alice", "gh:alice")], exclusive=["alice"]), current_keys)) == [
        ("alice", "delete", DESKTOP), ("alice", "delete", LAPTOP)]
    assert steps(dk.plan_model(spec([("bob", LAPTOP)], exclusive=["alice"]), current_keys)) == [
        ("alice", "delete", DESKTOP), ("alice", "delete", IMPORTED)]  # the key declared for bob stays
    assert steps(dk.plan_model(spec([], exclusive=["bob"]), current_keys)) == [("bob", "delete", BOB)]


def test_purged_users_lose_their_keys_a_duplicate_line_once_and_exclusive_needs_no_declaration():
    twice = [DESKTOP, BOB, DESKTOP._replace(comment="alice@other")]
    assert steps(dk.plan_model(spec(purged=["alice"]), twice)) == [("alice", "delete", DESKTOP)]
    assert dk.plan_model(spec(purged=["carol"]), twice) == []
    assert steps(dk.plan_model(spec([("carol", "gh:carol")], purged=["alice", "bob"]), twice)) == [
        ("carol", "import", "gh:carol"), ("alice", "delete", DESKTOP), ("bob", "delete", BOB)]


def test_plan_covers_every_model_of_the_specs():
    specs = dk.targets(current(), wanted({"name": "bob", "ssh_keys": {"default": [BOB.text], "fred/prod": []},
                                          "ssh_keys_exclusive": True}), {}, False)[0]
    changes = dk.plan(specs, {"admin/default": [], "fred/prod": [BOB]})
    assert [(c.payload.model.ref, c.payload.action) for c in changes] == [("admin/default", "add"),
                                                                          ("Fred/prod", "delete")]


def test_views_give_each_users_keys_per_model_before_and_after_its_changes():
    s = spec([("alice", LAPTOP._replace(comment="renamed")), ("alice", "gh:alice"), ("bob", BOB)],
             exclusive=["alice"], purged=["carol"])
    carol = Key("cc:cc", "carol@old", "ssh-ed25519 C carol@old")
    keys = {"admin/default": [LAPTOP, DESKTOP, carol, UNPARSEABLE]}
    changes = dk.plan_model(s, keys["admin/default"])
    assert dk.views({"admin/default": s}, keys, changes) == {
        "alice": ({"admin/default": ["%s (alice@laptop)" % LAPTOP.fingerprint,
                                     "%s (Alice@desktop)" % DESKTOP.fingerprint]},
                  {"admin/default": ["%s (alice@laptop)" % LAPTOP.fingerprint, "the keys of gh:alice"]}),
        "bob": ({"admin/default": []}, {"admin/default": ["%s (bob@work)" % BOB.fingerprint]}),
        "carol": ({"admin/default": ["cc:cc (carol@old)"]}, {"admin/default": []})}
