"""The command-line contract, run as a real subprocess (issue 2 §2)."""
import json
import re
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from jujusim.wire import RawClient

REPO = Path(__file__).resolve().parents[3]
READY = re.compile(r"^READY wss://127\.0\.0\.1:(\d+)/api$")


class Running:
    """Enough of a Simulator for RawClient: port and CA from the written client store."""

    def __init__(self, juju_data, port):
        self.port = port
        ctrl = yaml.safe_load((Path(juju_data) / "controllers.yaml").read_text())["controllers"]["sim"]
        self.ca_cert = ctrl["ca-cert"]
        acc = yaml.safe_load((Path(juju_data) / "accounts.yaml").read_text())["controllers"]["sim"]
        self.user, self.password = acc["user"], acc["password"]


def start(tmp_path, *args):
    cmd = [sys.executable, str(REPO / "tests" / "simulator" / "jujusim"), "--juju-data", str(tmp_path / "jd"),
           "--port", "0"] + list(args)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(tmp_path))
    ready, dummy, dummy = select.select([proc.stdout], [], [], 20)
    assert ready, "no READY line within 20 s"
    line = proc.stdout.readline().rstrip("\n")
    m = READY.match(line)
    assert m, "unexpected first line %r (stderr: %s)" % (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc, Running(tmp_path / "jd", int(m.group(1)))


def stop(proc, sig=signal.SIGTERM):
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=20)
    return proc.returncode, out, err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_ready_line_and_clean_exit(tmp_path, sig):
    proc, sim = start(tmp_path)
    with RawClient(sim) as c:
        assert c.login(sim.user, sim.password)["user-info"]["controller-access"] == "superuser"
    code, out, dummy = stop(proc, sig)
    assert code == 0 and out == ""  # READY was the only stdout line
    assert (tmp_path / "jd" / "cookies" / "sim.json").read_text() == "[]"


def test_state_survives_restart(tmp_path):
    state = tmp_path / "state.json"
    proc, sim = start(tmp_path, "--state", str(state))
    with RawClient(sim) as c:
        c.login(sim.user, sim.password)
        c.call("UserManager", "AddUser", {"users": [{"username": "keeper", "display-name": "K", "password": "kpw"}]})
        c.call("Controller", "ModifyControllerAccess", {"changes": [
            {"user-tag": "user-keeper", "action": "grant", "access": "superuser"}]})
    assert state.exists()  # saved on change, not only at exit
    assert stop(proc)[0] == 0
    assert oct(state.stat().st_mode & 0o777) == "0o600"
    proc, sim2 = start(tmp_path, "--state", str(state))
    try:
        assert sim2.ca_cert == sim.ca_cert and sim2.password == sim.password
        with RawClient(sim2) as c:
            assert c.login("keeper", "kpw")["user-info"]["controller-access"] == "superuser"
    finally:
        assert stop(proc)[0] == 0


def test_fixture_file(tmp_path):
    fixture = tmp_path / "fx.yaml"
    fixture.write_text(yaml.safe_dump({
        "controller": {"name": "sim"},
        "users": [{"name": "admin", "password": "adminpw", "access": "superuser"},
                  {"name": "carol", "password": "carolpw", "display-name": "Carol"}],
        "models": [{"name": "m1", "owner": "carol", "users": {"admin": "read"}}],
        "offers": [{"url": "carol/m1.db", "application": "pg",
                    "endpoints": [{"name": "db", "interface": "pgsql", "role": "provider"}]}]}))
    proc, sim = start(tmp_path, "--fixture", str(fixture))
    try:
        assert sim.password == "adminpw"
        with RawClient(sim) as c:
            c.login("carol", "carolpw")
            res = c.call("ApplicationOffers", "ApplicationOffers", {"offer-urls": ["m1.db"]})["results"][0]
            assert res["result"]["offer-url"] == "carol/m1.db"
            models = c.call("ModelManager", "ListModels", {"tag": "user-carol"})["user-models"]
            assert [m["model"]["name"] for m in models] == ["m1"]
    finally:
        assert stop(proc)[0] == 0


def test_busy_port_fails(tmp_path):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    port = s.getsockname()[1]
    try:
        cmd = [sys.executable, str(REPO / "tests" / "simulator" / "jujusim"), "--juju-data", str(tmp_path / "jd"),
               "--port", str(port)]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
        assert res.returncode != 0 and res.stdout == "" and "cannot listen" in res.stderr
    finally:
        s.close()


def _wait_for(path, predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            data = json.loads(path.read_text())
            if predicate(data):
                return data
        time.sleep(0.05)
    pytest.fail("%s never satisfied the expectation" % path)


def test_stats_on_sigusr1_and_at_exit(tmp_path):
    stats = tmp_path / "stats.json"
    proc, sim = start(tmp_path, "--stats", str(stats))
    try:
        with RawClient(sim) as c:
            c.login(sim.user, sim.password)
            c.call("UserManager", "UserInfo", {"entities": []})
            c.call("Pinger", "Ping")
        proc.send_signal(signal.SIGUSR1)
        assert _wait_for(stats, lambda d: d["logins"] == 1) == {
            "logins": 1, "reads": 1, "writes": 0,
            "calls": {"reads": {"UserManager.UserInfo": 1}, "writes": {}}}
        with RawClient(sim) as c:
            c.login(sim.user, sim.password)
            c.call("UserManager", "AddUser", {"users": [{"username": "st", "display-name": "", "password": "p"}]})
            c.call("Cloud", "ModifyCloudAccess", {"changes": [
                {"user-tag": "user-st", "action": "grant", "access": "add-model", "cloud-tag": "cloud-localhost"}]})
    finally:
        assert stop(proc)[0] == 0
    assert json.loads(stats.read_text()) == {
        "logins": 2, "reads": 1, "writes": 2,
        "calls": {"reads": {"UserManager.UserInfo": 1},
                  "writes": {"Cloud.ModifyCloudAccess": 1, "UserManager.AddUser": 1}}}
