"""The role `users` as a state-machine step: one ansible-playbook run (about 2 s), in check mode or for real.

The play wraps the role in a block so that the role's registered juju_users result and its failure message
can be written to a file for the checks; Ansible's own output (default callback, default verbosity) is kept
as `stdout`, which is what the secret check searches.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

COLLECTIONS = Path(__file__).resolve().parents[2] / ".build"
ANSIBLE_PLAYBOOK = str(Path(sys.executable).with_name("ansible-playbook"))

PLAY = [{
    "name": "State machine step: the role users",
    "hosts": "localhost",
    "gather_facts": False,
    "tasks": [{
        "block": [{"name": "Converge", "ansible.builtin.include_role": {"name": "juju.controller.users"}}],
        "rescue": [{"name": "Keep the failure", "ansible.builtin.set_fact": {
            "state_machine_failure": "{{ ansible_failed_result.msg }}"}}],
        "always": [{"name": "Keep the result", "no_log": True, "check_mode": False, "ansible.builtin.copy": {
            "dest": "{{ state_machine_out }}", "mode": "0600",
            "content": "{{ {'result': __users_result | default({}), "
                       "'failure': state_machine_failure | default(None)} | to_json }}"}}],
    }],
}]


class RolePlay(object):
    def __init__(self, tmp, sim, login, users, timeout, from_file=False):
        """from_file: the users in a YAML file next to the playbook (juju_users_file), not in juju_users."""
        self.tmp = Path(tmp) / "role"
        self.tmp.mkdir(exist_ok=True)
        self.playbook = self.tmp / "play.yml"
        self.playbook.write_text(yaml.safe_dump(PLAY))
        self.out = self.tmp / "out.json"
        self.variables = self.tmp / "vars.json"
        declared = {"juju_users": users}
        if from_file:
            declared = {"juju_users_file": "users.yml"}
            self._private(self.tmp / "users.yml", yaml.safe_dump(users))
        self._private(self.variables, json.dumps(dict(
            declared, juju_data=str(sim.juju_data), juju_login_user=login, juju_login_password=sim.passwords[login],
            juju_timeout=timeout, state_machine_out=str(self.out))))

    @staticmethod
    def _private(path, text):
        path.write_text(text)
        os.chmod(str(path), 0o600)

    def env(self):
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("JUJU_", "ANSIBLE_")))
        env.update({"ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS), "ANSIBLE_NOCOLOR": "1",
                    "ANSIBLE_HOME": str(self.tmp / "home"), "ANSIBLE_LOCAL_TEMP": str(self.tmp / "ansible-tmp"),
                    "ANSIBLE_LOCALHOST_WARNING": "false", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
                    "ANSIBLE_PYTHON_INTERPRETER": sys.executable, "PYTHONPATH": ""})
        return env

    def run(self, check_mode):
        """The role's result as the checks read a module's: changed, failed, msg, results, plus stdout."""
        if self.out.exists():
            self.out.unlink()
        command = [ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", str(self.playbook),
                   "-e", "@%s" % self.variables] + (["--check"] if check_mode else [])
        proc = subprocess.run(command, env=self.env(), cwd=str(self.tmp), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True, timeout=600, check=False)
        assert proc.returncode == 0 and self.out.exists(), "the play itself failed:\n" + proc.stdout
        kept = json.loads(self.out.read_text())
        result = dict(kept["result"] or {})
        failed = kept["failure"] is not None
        result.update(failed=failed, msg=kept["failure"] if failed else result.get("msg"),
                      changed=bool(result.get("changed")), stdout=proc.stdout)
        return result
