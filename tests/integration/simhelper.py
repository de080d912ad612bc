"""Run real ansible-playbook against in-process simulators (used by the integration tests).

Each run gets a fresh Simulator (contract §1) and a tiny HTTP side door on 127.0.0.1 that
playbooks use to read the simulator's call counters (`juju_sim_writes`, `juju_sim_reads`,
`juju_sim_calls` inventory variables, evaluated afresh each time they are used) and to
inject faults. The playbook itself talks to the controller only through the modules.
"""
import json
import os
import re
import subprocess
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import trustme
import yaml

from jujusim import Simulator

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ROOT / "tests" / "integration" / "targets"
COLLECTIONS = ROOT / ".build"

_COUNTERS = "lookup('ansible.builtin.url', juju_sim_url ~ '/counters', split_lines=False, use_proxy=False) | from_json"


class _SideDoor(BaseHTTPRequestHandler):
    sim = None

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _reply(self, data):
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        counters = self.sim.counters
        counters["calls"] = dict(("%s.%s" % key, n) for key, n in counters["calls"].items())
        counters["total"] = sum(counters["calls"].values())
        self._reply(counters)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        data = json.loads(self.rfile.read(length) or b"{}")
        if self.path == "/inject":
            error = data.get("error")
            self.sim.inject(data["facade"], data["method"], delay=data.get("delay"), drop=data.get("drop", False),
                            error=tuple(error) if error else None, times=data.get("times", 1),
                            discard=data.get("discard", False))
        elif self.path == "/clear":
            self.sim.clear_faults()
        self._reply({"ok": True})


class SimRun(object):
    """A fresh simulator + inventory + config for ansible-playbook runs."""

    def __init__(self, tmp_path, fixture=None):
        self.tmp = Path(tmp_path)
        self.sim = Simulator(self.tmp / "juju", port=0, fixture=fixture, validate=True).start()
        handler = type("Handler", (_SideDoor,), {"sim": self.sim})
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.ca_path = self.tmp / "controller-ca.pem"
        self.ca_path.write_text(self.sim.ca_cert)
        self.inventory = self.tmp / "inventory.yml"
        self.inventory.write_text(yaml.safe_dump({"all": {"hosts": {"localhost": self.host_vars()}}}))
        self.config = self.tmp / "ansible.cfg"
        self.config.write_text("[defaults]\nroles_path = %s\nretry_files_enabled = false\n"
                               "interpreter_python = %s\nlocalhost_warning = false\n" % (TARGETS, sys.executable))

    def host_vars(self):
        passwords = self.sim.passwords
        return {
            "ansible_connection": "local",
            "ansible_python_interpreter": sys.executable,
            "juju_sim_url": "http://127.0.0.1:%d" % self.http.server_address[1],
            "juju_sim_writes": "{{ (%s).writes }}" % _COUNTERS,
            "juju_sim_reads": "{{ (%s).reads }}" % _COUNTERS,
            "juju_sim_calls": "{{ (%s).total }}" % _COUNTERS,
            "juju_sim_endpoint": "127.0.0.1:%d" % self.sim.port,
            "juju_sim_ca_path": str(self.ca_path),
            "juju_sim_ca_cert": self.sim.ca_cert,
            "juju_sim_other_ca_cert": trustme.CA().cert_pem.bytes().decode(),
            "juju_sim_data": str(self.sim.juju_data),
            "juju_sim_controller": self.sim.controller_name,
            "admin_password": passwords["admin"],
            "fred_password": passwords["fred"],
            "alice_password": passwords["alice"],
            "bob_password": passwords["bob"],
        }

    def secrets(self):
        """Every password this run knows of (fixture users)."""
        return [p for p in self.sim.passwords.values() if p]

    def env(self, **extra):
        settings = {"JUJU_DATA": str(self.sim.juju_data), "ANSIBLE_CONFIG": str(self.config)}
        settings.update(extra)
        return ansible_env(self.tmp, **settings)

    def playbook(self, playbook, *args, **env):
        """Run ansible-playbook; returns (returncode, combined output)."""
        return ansible_playbook(["-i", str(self.inventory), str(playbook)] + list(args), self.env(**env), self.tmp)

    def role_playbook(self, role):
        path = self.tmp / ("play-%s.yml" % role)
        path.write_text(yaml.safe_dump([{"name": "Integration target %s" % role, "hosts": "localhost",
                                         "gather_facts": False, "roles": [role]}]))
        return path

    def thread_dump(self):
        """Stacks of this process's threads (the simulator's loop included), for failure reports."""
        names = dict((t.ident, t.name) for t in threading.enumerate())
        return "\n".join("--- thread %s\n%s" % (names.get(ident, ident), "".join(traceback.format_stack(frame)))
                         for ident, frame in sys._current_frames().items())

    def close(self):
        self.http.shutdown()
        self.http.server_close()
        self.sim.stop()


def ansible_env(tmp, **extra):
    """This environment without JUJU_* and ANSIBLE_* settings, plus what a test's ansible-playbook needs."""
    tmp = Path(tmp)
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("JUJU_", "ANSIBLE_")))
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_HOME": str(tmp / "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": str(tmp / "ansible-tmp"),
        "ANSIBLE_REMOTE_TEMP": str(tmp / "ansible-tmp"),
        "PYTHONPATH": "",
    })
    env.update(extra)
    return env


def ansible_playbook(args, env, cwd):
    """Run ansible-playbook with args; returns (returncode, combined output)."""
    command = [str(Path(sys.executable).with_name("ansible-playbook"))] + list(args)
    proc = subprocess.run(command, env=env, cwd=str(cwd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=600, check=False)
    return proc.returncode, proc.stdout


def recap(output, host="localhost"):
    """{'ok': n, 'changed': n, 'failed': n, ...} of host from the PLAY RECAP."""
    match = re.search(r"^%s\s*:\s*(.*)$" % re.escape(host), output, re.M)
    assert match, "no PLAY RECAP line for %s in output" % host
    return dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", match.group(1)))


def snapshot(sim):
    """{user: {enabled, display_name, access, models, offers}} as the admin sees it, plus disabled users'
    controller grants (which Juju hides) straight from the simulator's state."""
    settings = resolve({"juju_data": str(sim.juju_data), "controller": sim.controller_name}, environ={})
    with ControllerClient(settings) as client:
        infos = client.user_info()
        models = dict((m["ref"], client.model_users(m["uuid"])) for m in client.list_models())
        offers = dict((o["url"], o["users"]) for o in client.list_offers())
    grants = sim.run_in_loop(lambda: dict(sim.state.controller_access))
    users = {}
    for info in infos:
        name = info["name"]
        users[name] = {
            "enabled": info["enabled"],
            "display_name": info["display_name"],
            "access": grants.get(name.lower()),
            "models": dict((ref, levels[name]) for ref, levels in models.items() if name in levels),
            "offers": dict((url, levels[name]) for url, levels in offers.items() if name in levels and name != "admin"),
        }
    return users


def registration_strings(output):
    """Every registration string in the output: juju_user's registration_string, and the values of
    juju_users' registration_strings."""
    single = re.findall(r'"registration_string": "([A-Za-z0-9_=-]+)"', output)
    many = [token for block in re.findall(r'"registration_strings": \{([^}]*)\}', output)
            for token in re.findall(r'": "([A-Za-z0-9_=-]+)"', block)]
    return sorted(set(single + many))


def target_passwords(role):
    """Values of variables named *password* in the target's vars/main.yml."""
    path = TARGETS / role / "vars" / "main.yml"
    data = yaml.safe_load(path.read_text()) if path.exists() else {}
    return [str(v) for k, v in (data or {}).items() if "password" in k]


def meet_at_first_call(sims, monkeypatch):
    """Hold each simulator's first API call until all of them have one: they only all arrive if their hosts run in
    parallel. Returns the list that gets, per simulator, whether they met."""
    barrier = threading.Barrier(len(sims), timeout=20)  # below the modules' 30 s timeout
    met = []

    def held(take):
        first = []

        def take_after_meeting(facade, method):
            if not first:
                first.append((facade, method))
                try:
                    barrier.wait()
                    met.append(True)
                except threading.BrokenBarrierError:
                    met.append(False)
            return take(facade, method)
        return take_after_meeting

    for sim in sims:
        monkeypatch.setattr(sim.server.faults, "take", held(sim.server.faults.take))
    return met
