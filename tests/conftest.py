"""Shared pytest fixtures: a fresh simulated Juju controller per test (tests/simulator/README.md)."""
import atexit
import shutil
import tempfile

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from jujusim import Simulator

# Hypothesis keeps caches and failure notes in ./.hypothesis; tests write nothing into the checkout.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, True)
from jujusim.wire import RawClient


def _check_violations(sim):
    if sim.violations:
        pytest.fail("schema violations in frames exchanged with the simulator:\n  "
                    + "\n  ".join(sim.violations), pytrace=False)


@pytest.fixture
def make_simulator(tmp_path):
    """Factory: make_simulator(fixture=None, state=None, validate=True, juju_data=None) -> started Simulator.

    Every simulator it made is stopped at teardown, and any schema violation fails the test.
    """
    made = []

    def make(juju_data=None, **kwargs):
        kwargs.setdefault("validate", True)
        juju_data = juju_data or tmp_path / ("juju" if not made else "juju%d" % len(made))
        sim = Simulator(juju_data, **kwargs).start()
        made.append(sim)
        return sim

    yield make
    for sim in made:
        sim.stop()
    for sim in made:
        _check_violations(sim)


@pytest.fixture
def simulator(make_simulator):
    """A fresh simulator with the default fixture, schema validation on (JUJU_DATA = simulator.juju_data)."""
    return make_simulator()


@pytest.fixture
def connect(simulator):
    """connect(user="admin", password=None, model=None) -> logged-in RawClient (password from the fixture)."""
    clients = []

    def open_client(user="admin", password=None, model=None, login=True):
        path = "/model/%s/api" % simulator.model_uuid(model) if model else "/api"
        client = RawClient(simulator, path)
        clients.append(client)
        if login:
            client.login(user, password if password is not None else simulator.passwords[user])
        return client

    yield open_client
    for client in clients:
        client.close()
