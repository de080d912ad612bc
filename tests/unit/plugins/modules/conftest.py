"""In-process runs of the modules' main() against the `simulator` fixture (see modrun.py)."""
import copy

import pytest

from modrun import connection_args, run_main


@pytest.fixture
def run(simulator, monkeypatch):
    """run(module, check_mode=False, diff=False, as_user=None, **options) -> the module's result dict.

    Connects through the simulator's client store (as its owner unless as_user names a fixture user);
    JUJU_* variables of the test process are ignored.
    """
    for name in ("JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD",
                 "JUJU_CA_CERT", "JUJU_DATA", "JUJU_MODEL"):
        monkeypatch.delenv(name, raising=False)

    def run_module(module, check_mode=False, diff=False, as_user=None, **options):
        args = dict(connection_args(simulator, as_user), **options)
        return run_main(module, args, check_mode=check_mode, diff=diff)

    return run_module


@pytest.fixture
def restore(simulator):
    """restore(): put the simulator's state back as it was when the fixture was first used."""
    kept = copy.deepcopy(vars(simulator.state))

    def put_back():
        simulator.run_in_loop(lambda: vars(simulator.state).update(copy.deepcopy(kept)))

    return put_back
