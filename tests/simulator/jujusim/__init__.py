"""jujusim: a protocol-faithful simulated Juju 3.6 controller for tests (see README.md)."""
from .simulator import Simulator

__all__ = ["Simulator"]
