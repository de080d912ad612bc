"""run_module: a module's main() in-process against a simulator, its JSON result returned."""
import json

import pytest
from ansible.module_utils.testing import patch_module_args


def _connection(sim):
    return {"api_endpoints": ["127.0.0.1:%d" % sim.port], "ca_cert": sim.ca_cert, "controller": "sim",
            "login_user": sim.state.owner, "login_password": sim.admin_password, "timeout": 10}


@pytest.fixture
def run_module(capsys):
    """run_module(module, sim, check_mode=False, diff=False, **options) -> the result dict (failed or not).

    Connection options default to the simulator's owner; pass login_user/login_password to change them.
    """
    def run(module, sim, check_mode=False, diff=False, **options):
        args = dict(_connection(sim), _ansible_check_mode=check_mode, _ansible_diff=diff)
        args.update(options)
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        return json.loads(capsys.readouterr().out)
    return run
