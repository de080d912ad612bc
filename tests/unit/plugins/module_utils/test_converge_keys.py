# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""converge_keys without a network: the answers of one batched write, and the read-back that judges them."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.module_utils import converge_keys as ck
from ansible_collections.juju.controller.plugins.module_utils import declared_keys as dk
from ansible_collections.juju.controller.plugins.module_utils.converge_users import APPLIED, CONVERGED, FAILED
from ansible_collections.juju.controller.plugins.module_utils.errors import AlreadyExists, JujuError, NotFound
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import parse_key

LAPTOP = parse_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop")
BOB = parse_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work")
SPEC = dk.ModelKeys("admin/default", "admin/default", "uuid", [("alice", LAPTOP), ("alice", "gh:alice")],
                    set(), {"bob"})


class Conn(object):
    def __init__(self, answers):
        self.answers, self.sent = answers, []

    def write_keys(self, method, values, contexts):
        self.sent.append((method, values, contexts))
        if isinstance(self.answers, JujuError):
            raise self.answers
        return self.answers


def changes():
    return dk.plan_model(SPEC, [BOB])  # add LAPTOP, import gh:alice, delete BOB


def test_one_call_per_kind_sends_what_juju_matches_and_classifies_each_answer():
    add, imp, delete = changes()
    conn = Conn([None, AlreadyExists("duplicate ssh key")])
    done = ck._write(conn, "add", "AddKeys", [add, add._replace(label="again")])
    assert conn.sent == [("AddKeys", [LAPTOP.text, LAPTOP.text], ["cannot " + add.label, "cannot again"])]
    assert [d.status for d in done] == [APPLIED, CONVERGED]
    conn = Conn([NotFound("key not found")])
    assert [d.status for d in ck._write(conn, "delete", "DeleteKeys", [delete])] == [CONVERGED]
    assert conn.sent[0][:2] == ("DeleteKeys", [BOB.fingerprint])
    conn = Conn([AlreadyExists("duplicate ssh key"), JujuError("exit status 1")])
    assert [d.status for d in ck._write(conn, "import", "ImportKeys", [imp, delete])] == [CONVERGED, FAILED]
    assert conn.sent[0][:2] == ("ImportKeys", ["gh:alice", BOB.fingerprint])


def test_a_call_level_error_fails_the_whole_batch():
    error = JujuError("cannot delete all keys")
    done = ck._write(Conn(error), "delete", "DeleteKeys", changes()[2:])
    assert [(d.status, d.error) for d in done] == [(FAILED, error)]


def test_the_read_back_fails_what_is_still_planned_and_confirms_races_only_when_done():
    add, imp, delete = changes()
    done = [ck.Done(add, APPLIED, None), ck.Done(imp, CONVERGED, AlreadyExists("duplicate")),
            ck.Done(delete, CONVERGED, NotFound("key not found"))]
    checked = ck._verify(done, SPEC, [add, imp])
    assert [d.status for d in checked] == [FAILED, FAILED, CONVERGED]
    assert str(checked[0].error) == (
        'Juju acknowledged "%s", but does not show it when read back after the writes (another writer may have '
        'rewritten the keys of model admin/default meanwhile)' % add.label)
    assert (str(checked[1].error), checked[2].error) == ("duplicate", None)
    assert [d.status for d in ck._verify(done, SPEC, [])] == [APPLIED, CONVERGED, CONVERGED]


def test_a_failed_read_back_confirms_nothing():
    add, imp, delete = changes()
    done = [ck.Done(add, APPLIED, None), ck.Done(delete, FAILED, JujuError("x"))]
    checked = ck._verify(done, SPEC, JujuError("connection lost."))
    assert [d.status for d in checked] == [FAILED, FAILED]
    assert str(checked[0].error) == ('Juju acknowledged "%s", but the read-back that checks it failed: connection '
                                     'lost' % add.label)
    assert str(checked[1].error) == "x"
