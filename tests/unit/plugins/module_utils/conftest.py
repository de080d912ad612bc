"""Clients of the collection's ControllerClient logged in to the `simulator` fixture."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from simclients import settings_for


@pytest.fixture
def client_for():
    """client_for(sim, user="admin", password=None) -> a ControllerClient, not yet connected."""
    return lambda sim, user="admin", password=None: ControllerClient(settings_for(sim, user, password))


@pytest.fixture
def admin(simulator, client_for):
    with client_for(simulator) as client:
        yield client
