"""Helpers for the client tests that talk to the `simulator` fixture (imported by conftest and tests)."""
import socket

from ansible_collections.juju.controller.plugins.module_utils.settings import ConnectionSettings


def password_of(sim, user):
    return sim.passwords.get(user) or (sim.admin_password if user == "admin" else None)


def settings_for(sim, user="admin", password=None, **kwargs):
    """Explicit settings for `user` of `sim` (no client store); password defaults to the fixture's."""
    kwargs.setdefault("endpoints", ["127.0.0.1:%d" % sim.port])
    kwargs.setdefault("ca_cert", sim.ca_cert)
    kwargs.setdefault("timeout", 5.0)
    return ConnectionSettings(controller_name="sim", user=user,
                              password=password if password is not None else password_of(sim, user),
                              **kwargs)


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
