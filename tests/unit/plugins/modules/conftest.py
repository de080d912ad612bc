"""In-process runs of the modules' main() against a simulator (see modrun.py)."""
import pytest
import yaml

from modrun import connection_args, run_main

# The default fixture plus what the modules' rules need: a second superuser (who can lock itself
# out, unlike the owner), a user created with a capital, a disabled user, a model admin (fred) and a
# plain model reader (bob), an offer with a grant, and clouds: the controller cloud (the owner holds admin on it)
# and a second one with a grant to Zed and a cloud admin that is no controller superuser (fred).
FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    "users": [
        {"name": "admin", "display-name": "admin", "access": "superuser"},
        {"name": "ops", "display-name": "Ops", "access": "superuser"},
        {"name": "fred", "display-name": "Fred"},
        {"name": "bob", "display-name": "Bob"},
        {"name": "Zed", "display-name": "Zed"},
        {"name": "gone", "disabled": True},
    ],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "default", "owner": "admin", "users": {"bob": "read", "Zed": "write"}},
        {"name": "prod", "owner": "fred"},
    ],
    "offers": [{"url": "fred/prod.db", "application": "mysql", "users": {"bob": "consume"}}],
    "clouds": [{"name": "localhost", "type": "lxd"},
               {"name": "microk8s", "type": "kubernetes", "users": {"Zed": "add-model", "fred": "admin"}}],
}


@pytest.fixture
def simulator(make_simulator, tmp_path):
    """A fresh simulator with FIXTURE (overrides the default-fixture one of tests/conftest.py)."""
    path = tmp_path / "fixture.yaml"
    path.write_text(yaml.safe_dump(FIXTURE))
    return make_simulator(fixture=path)


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
def run_module():
    """run_module(module, sim, check_mode=False, diff=False, **options) -> the result dict (failed or not).

    For tests with a simulator of their own: connects as its owner unless login_user/login_password say otherwise.
    """
    def run(module, sim, check_mode=False, diff=False, **options):
        args = {"api_endpoints": ["127.0.0.1:%d" % sim.port], "ca_cert": sim.ca_cert, "controller": "sim",
                "login_user": sim.state.owner, "login_password": sim.admin_password, "timeout": 10}
        args.update(options)
        return run_main(module, args, check_mode=check_mode, diff=diff)
    return run
