# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""converge_users: the report of an apply (the failure sentence), pure (no controller)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.converge_users import (
    APPLIED, CONVERGED, FAILED, SKIPPED, Done, Outcome, failure_sentence)
from ansible_collections.juju.controller.plugins.module_utils.declared_users import Change

GRANT = Change("model", "nia", "grant model boss/default admin", ("nia", "grant", "admin", "uuid-1"))
OFFER = Change("offer", "nia", "grant offer fred/prod.db read", ("nia", "grant", "read", "fred/prod.db"))
ADD = Change("add", "oto", "add", {"name": "oto", "display_name": "", "password": None})
REMOVE = Change("remove", "eve", "remove", "eve")


@pytest.mark.parametrize("message, quoted", [
    # Juju's own texts have no full stop
    ('cannot grant model access "admin" to user "nia": permission denied',
     'cannot grant model access "admin" to user "nia": permission denied'),
    # the client's sentences do (a batch that timed out fails each of its items with it): the
    # quote sits inside a sentence, so its full stop goes
    ("the controller at 10.0.0.1:17070 did not answer ModelManager.ModifyModelAccess within 10 s; the connection "
     "was closed.", "the controller at 10.0.0.1:17070 did not answer ModelManager.ModifyModelAccess within 10 s; the "
     "connection was closed"),
    # only full stops go, whatever else the text ends with (here a name)
    ("permission denied for user MAX", "permission denied for user MAX"),
])
def test_failure_sentence_counts_what_was_not_applied_and_quotes_the_first_failure(message, quoted):
    failed = Done(GRANT, FAILED, errors.JujuError(message))
    outcome = Outcome([Done(ADD, APPLIED, None), failed, Done(OFFER, SKIPPED, failed.error),
                       Done(REMOVE, CONVERGED, None)], {})
    assert failure_sentence([failed], outcome) == (
        "2 of the 4 changes were not applied (the first: %s); results says for every user what was applied and "
        "what was not, and a re-run applies the rest." % quoted)
