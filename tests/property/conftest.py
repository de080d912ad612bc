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
    machine = sys.modules.get("test_juju_state_machine")
    if machine is None or not machine.STATS:
        return
    terminalreporter.write_line("state machine: %s" % ", ".join("%s %d" % (what.replace("_", " "), n)
                                                                for what, n in sorted(machine.STATS.items())))
    for gap, detail in sorted(machine.FINDINGS.items()):
        terminalreporter.write_line("known gap met (%s): %s" % (gap, detail))
