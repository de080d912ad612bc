"""The state machine's runs: modrun.py (tests/unit/plugins/modules) runs the modules in-process; no JUJU_*
variable of the test process reaches them; the known gaps a run met are listed at its end."""
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "plugins" / "modules"))


@pytest.fixture(autouse=True)
def no_juju_environment(monkeypatch):
    for name in [name for name in os.environ if name.startswith("JUJU_") and not name.startswith("JUJU_STATE_")]:
        monkeypatch.delenv(name)


def pytest_terminal_summary(terminalreporter):
    findings = getattr(sys.modules.get("test_juju_state_machine"), "FINDINGS", None)
    for gap, detail in sorted((findings or {}).items()):
        terminalreporter.write_line("known gap met (%s): %s" % (gap, detail.splitlines()[0]))
