# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ssh_key_plan: the KeyManager writes for present / absent / exclusive, by key or import id; pure."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils.ssh_key_plan import (
    Step, imported_from, plan, predict)
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import Key

A = Key("aa", "alice@laptop", "ssh-ed25519 AAAA alice@laptop")
A2 = Key("aa", "other comment", "ssh-ed25519 AAAA other comment")  # the same key under another comment
B = Key("bb", "bob@work", "ssh-ed25519 BBBB bob@work")
G = Key("cc", "alice@github/7 # ssh-import-id gh:alice", "ssh-rsa CCCC alice@github/7 # ssh-import-id gh:alice")
G2 = Key("dd", "alice@github/8 # ssh-import-id gh:alice", "ssh-rsa DDDD alice@github/8 # ssh-import-id gh:alice")
ODD = Key(None, None, "not a key")


@pytest.mark.parametrize("current, wanted, state, exclusive, steps", [
    ([], A, "present", False, [Step("add", A)]),
    ([B], A, "present", False, [Step("add", A)]),
    ([A2, B], A, "present", False, []),  # Juju knows a key by fingerprint
    ([A, B], A, "absent", False, [Step("delete", A)]),
    ([A, B, A2], A, "absent", False, [Step("delete", A), Step("delete", A2)]),
    ([B], A, "absent", False, []),
    ([ODD], A, "absent", False, []),
    ([B, ODD], A, "present", True, [Step("add", A), Step("delete", B), Step("delete", ODD)]),  # add first
    ([B, A, ODD], A, "present", True, [Step("delete", B), Step("delete", ODD)]),
    ([A], A, "present", True, []),
    ([], "gh:alice", "present", False, [Step("import", "gh:alice")]),
    ([B, G], "gh:alice", "present", False, []),
    ([B, G, G2], "gh:alice", "absent", False, [Step("delete", G), Step("delete", G2)]),
    ([B, G], "gh:alice", "present", True, [Step("delete", B)]),
    ([B], "gh:alice", "present", True, [Step("import", "gh:alice"), Step("delete", B)]),
    ([B, G], "lp:alice", "present", False, [Step("import", "lp:alice")]),
])
def test_plan(current, wanted, state, exclusive, steps):
    assert plan(current, wanted, state, exclusive) == steps


def test_imported_from_needs_the_marker_at_the_end():
    assert imported_from(G, "gh:alice") and not imported_from(G, "gh:ali")
    assert not imported_from(Key("ee", "# ssh-import-id gh:alice later", "x"), "gh:alice")
    assert not imported_from(ODD, "gh:alice") and not imported_from(B, "gh:alice")


def test_predict():
    assert predict([B, ODD], [Step("add", A), Step("delete", B), Step("delete", ODD)]) == [A]
    assert predict([B], [Step("import", "gh:alice")]) == [B]  # unknown until the controller fetched them
    assert predict([A, B], []) == [A, B]
