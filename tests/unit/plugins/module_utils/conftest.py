"""Clients of the collection's ControllerClient logged in to the `simulator` fixture."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.settings import ConnectionSettings


def sim_settings(sim, user="admin", password=None):
    """Explicit settings for a fixture user of `sim` (no client store involved)."""
    password = password or sim.passwords.get(user) or sim.admin_password
    return ConnectionSettings(controller_name="sim", endpoints=["127.0.0.1:%d" % sim.port],
                              user=user, password=password, ca_cert=sim.ca_cert, timeout=5.0)


@pytest.fixture
def client_for():
    """client_for(sim, user="admin", password=None) -> a ControllerClient, not yet connected."""
    return lambda sim, user="admin", password=None: ControllerClient(sim_settings(sim, user, password))


@pytest.fixture
def admin(simulator, client_for):
    with client_for(simulator) as client:
        yield client
