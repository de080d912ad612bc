"""Run a module's main() in-process and return its result (imported by conftest.py and race_worker.py).

exit_json/fail_json are replaced by functions that raise with the raw result, so a test sees
exactly what the module reported (before Ansible's own no_log masking, which would hide a leak).
"""
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args
from unittest import mock


class ModuleExit(Exception):
    def __init__(self, result):
        super(ModuleExit, self).__init__(result)
        self.result = result


def _exit_json(self, **result):
    result.setdefault("changed", False)
    result["failed"] = False
    raise ModuleExit(result)


def _fail_json(self, msg, **result):
    result.update(msg=msg, failed=True)
    result.setdefault("changed", False)
    raise ModuleExit(result)


def connection_args(sim, user=None, password=None):
    """Module options that connect to `sim` through its client store, as `user` when given."""
    args = {"juju_data": str(sim.juju_data), "timeout": 10.0}
    if user is not None:
        args.update(login_user=user, login_password=password or sim.passwords[user])
    return args


def run_main(module, args, check_mode=False, diff=False):
    """The result dict of module.main() with `args` (plus "warnings"); never raises SystemExit."""
    warnings = []
    args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    with patch_module_args(args), \
            mock.patch.object(basic.AnsibleModule, "exit_json", _exit_json), \
            mock.patch.object(basic.AnsibleModule, "fail_json", _fail_json), \
            mock.patch.object(basic.AnsibleModule, "warn", lambda self, text: warnings.append(text)):
        try:
            module.main()
        except ModuleExit as done:
            return dict(done.result, warnings=warnings)
    raise AssertionError("%s.main() returned without exit_json or fail_json" % module.__name__)
