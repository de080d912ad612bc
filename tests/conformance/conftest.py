# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the conformance suite (helpers live in conformance_helpers.py)."""
from __future__ import annotations

import pytest

from conformance_helpers import LibJuju, _assert_validating


@pytest.fixture
def juju(simulator, monkeypatch, tmp_path):
    """python-libjuju against the fresh simulator.

    JUJU_DATA points at an empty directory so that explicit-endpoint
    connections cannot silently rely on a client store (the store test
    points it at ``simulator.juju_data`` itself).
    """
    empty = tmp_path / "empty-juju-data"
    empty.mkdir()
    monkeypatch.setenv("JUJU_DATA", str(empty))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    _assert_validating(simulator)
    return LibJuju(simulator)
