"""Start-up problems of the command line are one line on stderr, with the right cause, before READY;
faults and passwords are reachable without Python. In-process: jujusim.cli.main returns before serving."""
import json
import os

import pytest

from jujusim import cli
from jujusim.wire import RawClient


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert out == ""  # never a READY line
    return code, err


def test_bad_fixture(tmp_path, capsys):
    fixture = tmp_path / "fx.yaml"
    fixture.write_text("users: [{name: zed}, {name: Zed}]\n")
    assert run(capsys, "--juju-data", str(tmp_path / "jd"), "--port", "0", "--fixture", str(fixture)) == (
        2, 'jujusim: fixture %s: users[1]: "zed" and "Zed" are one user: Juju compares local user names without '
           'case.\n' % fixture)


def test_corrupt_state(tmp_path, capsys):
    state = tmp_path / "state.json"
    state.write_text("{not json")
    code, err = run(capsys, "--juju-data", str(tmp_path / "jd"), "--port", "0", "--state", str(state))
    assert code == 2 and err.startswith("jujusim: %s is not a jujusim state file (Expecting property name" % state)
    assert err.endswith("); remove it to start again from the fixture.\n")


@pytest.mark.parametrize("make,cause", [
    (lambda p: p.write_text("x"), "cannot create the directory: File exists"),
    (lambda p: (p.mkdir(), (p / "controllers.yaml").write_text("a: [")),
     "the existing controllers.yaml cannot be read and merged into: while parsing a flow node"),
])
def test_bad_juju_data(tmp_path, capsys, make, cause):
    juju_data = tmp_path / "jd"
    make(juju_data)
    assert run(capsys, "--juju-data", str(juju_data), "--port", "0") == (
        2, "jujusim: --juju-data %s: %s.\n" % (juju_data, cause))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_juju_data(tmp_path, capsys):
    juju_data = tmp_path / "jd"
    juju_data.mkdir(mode=0o500)
    assert run(capsys, "--juju-data", str(juju_data), "--port", "0") == (
        2, "jujusim: --juju-data %s: the directory is not writable.\n" % juju_data)


def test_unwritable_stats(tmp_path, capsys):
    stats = tmp_path / "no-such-dir" / "stats.json"
    assert run(capsys, "--juju-data", str(tmp_path / "jd"), "--port", "0", "--stats", str(stats)) == (
        2, "jujusim: --stats %s: cannot write it: No such file or directory.\n" % stats)


@pytest.mark.parametrize("fault,problem", [
    ("UserManager.AddUser", "use FACADE.METHOD=KIND[:ARG][@TIMES] with KIND one of discard, drop, error, delay"),
    ("AddUser=discard", "use FACADE.METHOD=KIND[:ARG][@TIMES] with KIND one of discard, drop, error, delay"),
    ("UserManager.AddUser=explode", "use FACADE.METHOD=KIND[:ARG][@TIMES] with KIND one of discard, drop, error, "
                                    "delay"),
    ("UserManager.AddUser=discard@0", "TIMES must be a positive whole number or *"),
    ("UserManager.AddUser=error", "error needs a message: error:MESSAGE or error:MESSAGE|CODE"),
    ("UserManager.AddUser=delay:soon", "delay needs a number of seconds: delay:SECONDS"),
    ("UserManager.AddUser=drop:1", "drop takes no argument"),
])
def test_bad_fault(tmp_path, capsys, fault, problem):
    assert run(capsys, "--juju-data", str(tmp_path / "jd"), "--port", "0", "--fault", fault) == (
        2, "jujusim: --fault %s: %s.\n" % (fault, problem))


@pytest.mark.parametrize("text,parsed", [
    ("UserManager.AddUser=discard", ("UserManager", "AddUser", {"discard": True, "times": 1})),
    ("Admin.Login=delay:0.5@*", ("Admin", "Login", {"delay": 0.5, "times": None})),
    ("Controller.ModifyControllerAccess=error:boom|not found@3",
     ("Controller", "ModifyControllerAccess", {"error": ("boom", "not found"), "times": 3})),
    ("UserManager.RemoveUser=drop@2", ("UserManager", "RemoveUser", {"drop": True, "times": 2})),
])
def test_parse_fault(text, parsed):
    assert cli.parse_fault(text) == parsed


def test_faults_and_passwords_from_the_command_line(tmp_path):
    passwords = tmp_path / "passwords.json"
    args = cli.parse_args(["--juju-data", str(tmp_path / "jd"), "--port", "0", "--passwords", str(passwords),
                           "--fault", "UserManager.AddUser=error:boom|not found@*"])
    sim = cli.start(args)
    try:
        learned = json.loads(passwords.read_text())
        assert oct(passwords.stat().st_mode & 0o777) == "0o600"
        assert sorted(learned) == ["admin", "alice", "bob", "fred"] and learned == sim.passwords
        with RawClient(sim) as client:
            client.login("fred", learned["fred"])
        with RawClient(sim) as client:
            client.login("admin", learned["admin"])
            for dummy in range(2):
                e = client.error("UserManager", "AddUser", {"users": [{"username": "x1", "password": "p"}]})
                assert (e.message, e.code) == ("boom", "not found")
    finally:
        sim.stop()


def test_version(capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(["--version"])
    assert capsys.readouterr().out == "jujusim (models Juju 3.6.28)\n"
