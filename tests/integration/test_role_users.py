"""The juju.controller.users role, run with real ansible-playbook against an in-process simulator.

A declared set of 50 users with mixed controller, model and offer access: check mode first (no
write), then the converge (read back and compared with what was declared), then a second run and
a check-mode run that must change nothing and make no write call. Smaller runs cover changes to a
converged controller, juju_users_purge, juju_users_purge_access, the connection variables and bad
variables. Every run's output is searched for passwords and registration strings.
"""
import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from simhelper import snapshot

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.registration import decode_registration_string
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

ROOT = Path(__file__).resolve().parents[2]
ANSIBLE_PLAYBOOK = str(Path(sys.executable).with_name("ansible-playbook"))

# One run's secrets: the passwords the tests declare, so that the output can be searched for them.
SALT = secrets.token_hex(4)
OPS_PASSWORD = "ops-" + SALT + "-pw"

FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    "users": [
        {"name": "admin", "display-name": "admin", "access": "superuser"},
        {"name": "ops", "display-name": "Ops robot", "access": "superuser", "password": OPS_PASSWORD},
        {"name": "fred", "display-name": "Fred"},
        {"name": "alice", "display-name": "Alice"},
        {"name": "bob", "display-name": "Bob"},
        {"name": "legacy1", "display-name": "Old account"},
        {"name": "legacy2", "disabled": True},
    ],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "default", "owner": "admin"},
        {"name": "staging", "owner": "admin", "users": {"alice": "write", "legacy1": "read", "ops": "read"}},
        {"name": "prod", "owner": "admin", "users": {"bob": "admin"}},
        {"name": "prod", "owner": "fred"},
        {"name": "dev", "owner": "fred", "users": {"alice": "read"}},
    ],
    "offers": [
        {"url": "admin/prod.db", "users": {"alice": "consume"}},
        {"url": "admin/staging.web"},
        {"url": "fred/prod.hosted-mysql"},
        {"url": "fred/dev.cache", "users": {"bob": "read"}},
    ],
}

MODELS = ["admin/default", "admin/staging", "admin/prod", "fred/prod", "fred/dev"]
MODEL_LEVELS = ["read", "write", "admin"]
OFFERS = ["admin/prod.db", "admin/staging.web", "fred/prod.hosted-mysql", "fred/dev.cache"]
OFFER_LEVELS = ["read", "consume", "admin"]


def password(name):
    return "pw-%s-%s" % (name, SALT)


def declared_users():
    """50 entries: 3 fixture users changed, 46 new users with mixed access, 1 user removed."""
    users = [
        # write -> read on a model named without its owner, read -> admin, consume -> read, login -> superuser
        {"name": "alice", "controller_access": "superuser", "models": {"staging": "read", "fred/dev": "admin"},
         "offers": {"admin/prod.db": "read"}},
        # admin -> write (one revoke of admin), and no access to an offer any more
        {"name": "bob@local", "models": {"admin/prod": "write"}, "offers": {"fred/dev.cache": "absent"}},
        {"name": "fred", "controller_access": "login", "offers": {"admin/staging.web": "consume"}},
        {"name": "legacy1", "state": "absent"},
    ]
    for i in range(1, 47):
        name = "user%02d" % i
        entry = {"name": name, "display_name": "User %d" % i}
        if i % 2 == 0:
            entry["password"] = password(name)
            if i % 7 == 0:
                entry["update_password"] = "always"
        if i % 10 == 0:
            entry["controller_access"] = "superuser"
        elif i % 3 == 0:
            entry["controller_access"] = "login"
        models = {}
        for k in range(i % 3):
            ref = MODELS[(i + k) % len(MODELS)]
            if i % 2 and ref.startswith("admin/"):
                ref = ref[len("admin/"):]  # a model of the login user may be named without its owner
            models[ref] = MODEL_LEVELS[(i + k) % len(MODEL_LEVELS)]
        if models:
            entry["models"] = models
        if i % 4 == 0:
            entry["offers"] = {OFFERS[(i // 4) % len(OFFERS)]: OFFER_LEVELS[i % len(OFFER_LEVELS)]}
        if i % 15 == 0:
            entry["enabled"] = False  # user30 is also a superuser: set before the user is disabled
        users.append(entry)
    assert len(users) == 50
    return users


# ---- running the role ------------------------------------------------------------------------
class RoleRunner(object):
    """Writes an inventory and a playbook that applies the role, and runs ansible-playbook."""

    def __init__(self, sim, tmp_path):
        self.sim = sim
        self.tmp = Path(tmp_path)
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.inventory = self.tmp / "inventory.yml"
        self.inventory.write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {
            "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
        self.tokens = self.tmp / "tokens.json"
        self.runs = 0

    def env(self, extra=None):
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("JUJU_", "ANSIBLE_")))
        env.update({
            "JUJU_DATA": str(self.sim.juju_data),
            "ANSIBLE_COLLECTIONS_PATH": str(ROOT / ".build"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_HOME": str(self.tmp / "ansible-home"),
            "ANSIBLE_LOCAL_TEMP": str(self.tmp / "ansible-tmp"),
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
        })
        env.update(extra or {})
        return env

    def run(self, role_vars, *args, **kwargs):
        """Apply the role with role_vars; returns a Run (rc, output, recap, seconds, counters)."""
        self.runs += 1
        vars_file = self.tmp / ("vars%d.yml" % self.runs)
        vars_file.write_text(yaml.safe_dump(role_vars))
        playbook = self.tmp / ("play%d.yml" % self.runs)
        playbook.write_text(yaml.safe_dump([{
            "name": "Users as code",
            "hosts": "localhost",
            "gather_facts": False,
            "vars_files": [str(vars_file)],
            "roles": [{"role": "juju.controller.users"}],
            "post_tasks": [{
                "name": "Hand the registration strings to the test",
                "ansible.builtin.copy": {"content": "{{ juju_users_registration_strings | default({}) | to_json }}",
                                         "dest": str(self.tokens), "mode": "0600"},
                "no_log": True,
                "changed_when": False,
                "when": "not ansible_check_mode",
            }],
        }]))
        if self.tokens.exists():
            self.tokens.unlink()
        self.sim.reset_counters()
        started = time.monotonic()
        proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", str(self.inventory), str(playbook)] + list(args),
                              env=self.env(kwargs.get("env")), cwd=str(self.tmp), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True, timeout=900, check=False)
        (self.tmp / ("output%d.txt" % self.runs)).write_text(proc.stdout)  # kept for post-mortems
        return Run(proc.returncode, proc.stdout, time.monotonic() - started, self.sim.counters)

    def registration_strings(self):
        return json.loads(self.tokens.read_text()) if self.tokens.exists() else {}


class Run(object):
    def __init__(self, rc, output, seconds, counters):
        self.rc, self.output, self.seconds, self.counters = rc, output, seconds, counters
        match = re.search(r"^localhost\s*:\s*(.*)$", output, re.M)
        self.recap = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", match.group(1))) if match else {}

    @property
    def writes(self):
        return self.counters["writes"]

    def calls(self, method):
        return sum(n for (facade, name), n in self.counters["calls"].items() if name == method)

    def tail(self):
        return self.output[-8000:]

    def assert_ok(self):
        assert self.rc == 0 and self.recap.get("failed") == 0, self.tail()
        assert "Traceback" not in self.output, self.tail()


def changes_reported(run):
    """The role's "Changes per user" lines ("name: action, action"), [] when it reported none."""
    match = re.search(r"TASK \[juju.controller.users : Changes per user\][^\n]*\n(ok|skipping): \[localhost\]"
                      r"(?: => (\{.*?\n\}))?", run.output, re.S)
    assert match, run.tail()
    return json.loads(match.group(2))["msg"] if match.group(2) else []


def assert_no_secret(run, secret_values):
    for value in secret_values:
        assert value not in run.output, "a password or registration string appears in the output"


def all_passwords(users):
    return [u["password"] for u in users if u.get("password")] + [OPS_PASSWORD]


@pytest.fixture
def sim(make_simulator, tmp_path):
    fixture = tmp_path / "fixture.yml"
    fixture.write_text(yaml.safe_dump(FIXTURE))
    return make_simulator(fixture=str(fixture))


@pytest.fixture
def runner(sim, tmp_path):
    return RoleRunner(sim, tmp_path / "run")


# ---- reading the controller back ---------------------------------------------------------------
def canonical(ref, login="admin"):
    return ref if "/" in ref else "%s/%s" % (login, ref)


def expected_state(before, declared):
    """What the controller should look like after the role: `before` changed as `declared` says."""
    after = json.loads(json.dumps(before))
    for entry in declared:
        name = entry["name"].replace("@local", "")
        if entry.get("state") == "absent":
            after.pop(name, None)
            continue
        user = after.setdefault(name, {"enabled": True, "display_name": entry.get("display_name", ""),
                                       "access": "login", "models": {}, "offers": {}})
        if "controller_access" in entry:
            user["access"] = entry["controller_access"]
        if "enabled" in entry:
            user["enabled"] = entry["enabled"]
        for kind in ("models", "offers"):
            for target, level in entry.get(kind, {}).items():
                if level == "absent":
                    user[kind].pop(canonical(target), None)
                else:
                    user[kind][canonical(target)] = level
    return after


# ---- the tests -----------------------------------------------------------------------------------
def test_fifty_users_converge_then_nothing_changes(sim, runner):
    declared = declared_users()
    role_vars = {"juju_users": declared}
    before = snapshot(sim)

    check = runner.run(role_vars, "--check")
    check.assert_ok()
    assert check.writes == 0, check.counters
    assert snapshot(sim) == before, "check mode changed the controller"

    first = runner.run(role_vars, "-v")
    first.assert_ok()
    assert snapshot(sim) == expected_state(before, declared)
    # Check mode reported exactly what the real run then did, user by user (new users included).
    assert check.recap["changed"] == first.recap["changed"] == 1
    assert changes_reported(check) == changes_reported(first)
    assert len(changes_reported(first)) == 50
    assert "user01: add, grant model admin/staging write" in changes_reported(first)
    # One connection: a fixed number of reads, one call per kind of change, then the same reads but
    # the model listing again (the read-back; the connection keeps the listing).
    assert first.counters["reads"] == 4 + 3 and first.writes == 6, first.counters

    tokens = runner.registration_strings()
    without_password = sorted(u["name"] for u in declared if u["name"].startswith("user") and "password" not in u)
    assert sorted(tokens) == without_password
    for name, token in tokens.items():
        assert decode_registration_string(token)["user"] == name

    second = runner.run(role_vars)
    second.assert_ok()
    assert second.recap["changed"] == 0, second.tail()
    assert second.writes == 0, second.counters
    assert changes_reported(second) == []
    # A converged controller costs the reads, plus one login (no write) per user whose password is
    # kept in force with update_password: always.
    always = [u["name"] for u in declared if u.get("update_password") == "always"]
    assert second.counters["reads"] == 4 and second.calls("Login") == 1 + len(always), second.counters

    check_again = runner.run(role_vars, "--check")
    check_again.assert_ok()
    assert check_again.recap["changed"] == 0 and check_again.writes == 0

    for run in (check, first, second, check_again):
        assert_no_secret(run, all_passwords(declared) + list(tokens.values()))
    print("\n50 users: check mode %.1f s, converge %.1f s (%d writes), second run %.1f s, check mode again %.1f s"
          % (check.seconds, first.seconds, first.writes, second.seconds, check_again.seconds))


def test_changes_to_a_converged_controller(sim, runner):
    declared = [
        {"name": "carol", "display_name": "Carol", "password": password("carol"), "update_password": "always",
         "controller_access": "superuser", "models": {"admin/prod": "admin", "staging": "write"},
         "offers": {"admin/prod.db": "admin"}},
        {"name": "dan", "password": password("dan"), "enabled": False, "controller_access": "superuser",
         "models": {"default": "read"}},
        {"name": "erin", "password": password("erin"), "models": {"fred/dev": "write"}},
    ]
    runner.run({"juju_users": declared}).assert_ok()
    state = snapshot(sim)
    assert state["dan"]["enabled"] is False and state["dan"]["access"] == "superuser"

    changed = [
        # superuser -> login, admin -> read (revoke write after revoke admin), no model access, a new
        # password, and a display name Juju cannot change (a warning, not a change)
        {"name": "carol", "display_name": "Carol Other", "password": password("carol2"), "update_password": "always",
         "controller_access": "login", "models": {"admin/prod": "read", "staging": "absent"},
         "offers": {"admin/prod.db": "read"}},
        # enabled again: its controller access is set after it is enabled
        {"name": "dan", "enabled": True, "controller_access": "login", "models": {"default": "admin"}},
        {"name": "erin", "state": "absent"},
    ]
    run = runner.run({"juju_users": changed})
    run.assert_ok()
    assert "Juju cannot change the display name" in run.output
    state = snapshot(sim)
    assert "erin" not in state
    assert state["carol"]["display_name"] == "Carol"
    assert state["carol"]["access"] == "login"
    assert state["carol"]["models"] == {"admin/prod": "read"}
    assert state["carol"]["offers"] == {"admin/prod.db": "read"}
    assert state["dan"]["enabled"] is True and state["dan"]["access"] == "login"
    assert state["dan"]["models"] == {"admin/default": "admin"}
    settings = resolve({"juju_data": str(sim.juju_data)}, environ={})
    with ControllerClient(settings) as client:
        assert client.verify_password("carol", password("carol2"))

    again = runner.run({"juju_users": changed})
    again.assert_ok()
    assert again.recap["changed"] == 0 and again.writes == 0, again.tail()
    assert "Juju cannot change the display name" in again.output  # still reported, still no change
    for r in (run, again):
        assert_no_secret(r, [password("carol"), password("carol2"), password("dan"), password("erin")])


def test_purge_keeps_login_user_owner_and_protected(sim, runner):
    """Logged in as ops (through the role's connection variables), not as the owner admin."""
    role_vars = {
        "juju_users": [{"name": "alice"}, {"name": "bob", "controller_access": "superuser"}],
        "juju_users_purge": True,
        "juju_users_protected": ["legacy2"],
        "juju_login_user": "ops",
        "juju_login_password": OPS_PASSWORD,
    }
    refused = runner.run(role_vars, "--check")
    assert refused.rc != 0 and refused.writes == 0, refused.tail()
    assert ('User \\"fred\\" owns the models fred/dev, fred/prod: removing it leaves them, and their offers, without '
            'their owner; remove the models first, or set allow_model_owner_removal=true') in refused.output
    role_vars["juju_users_allow_model_owner_removal"] = True
    check = runner.run(role_vars, "--check")
    check.assert_ok()
    assert check.writes == 0 and check.recap["changed"] > 0
    assert sorted(snapshot(sim)) == ["admin", "alice", "bob", "fred", "legacy1", "legacy2", "ops"]

    run = runner.run(role_vars, "-vvv")
    run.assert_ok()
    state = snapshot(sim)
    # ops survives because it is the login user (it is not listed): the role logged in as ops
    assert sorted(state) == ["admin", "alice", "bob", "legacy2", "ops"]
    assert state["bob"]["access"] == "superuser"
    assert run.calls("RemoveUser") == 1  # one batch for both users

    again = runner.run(role_vars)
    again.assert_ok()
    assert again.recap["changed"] == 0 and again.writes == 0
    for r in (check, run, again):
        assert_no_secret(r, [OPS_PASSWORD, sim.admin_password])


def test_purge_access_revokes_only_unnamed_grants_of_listed_users(sim, runner):
    role_vars = {
        "juju_users": [
            # alice: staging write, fred/dev read and admin/prod.db consume are not named -> revoked
            {"name": "alice", "models": {"default": "read"}},
            # fred's access to his own models and offers is never purged
            {"name": "fred", "models": {}},
            # the login user and the owner (admin), and protected users, are never purged
            {"name": "admin"},
            {"name": "ops"},
        ],
        "juju_users_purge_access": True,
        "juju_users_protected": ["ops"],
    }
    before = snapshot(sim)
    check = runner.run(role_vars, "--check")
    check.assert_ok()
    assert check.writes == 0 and check.recap["changed"] > 0
    assert snapshot(sim) == before

    run = runner.run(role_vars)
    run.assert_ok()
    state = snapshot(sim)
    assert state["alice"]["models"] == {"admin/default": "read"}
    assert state["alice"]["offers"] == {}
    assert state["fred"] == before["fred"]
    assert state["admin"] == before["admin"]
    assert state["ops"]["models"] == {"admin/staging": "read"}
    # bob and legacy1 are not listed: purge_access leaves their grants alone (juju_users_purge is off)
    assert state["bob"] == before["bob"] and state["legacy1"] == before["legacy1"]

    again = runner.run(role_vars)
    again.assert_ok()
    assert again.recap["changed"] == 0 and again.writes == 0


@pytest.mark.parametrize("entry, message", [
    ({"name": "alice", "controler_access": "superuser"}, "Supported parameters include"),
    ({"name": "alice", "state": "gone"}, "value of state must be one of: present, absent"),
    ({"name": "alice", "enabled": "maybe"}, "enabled"),
    ({"name": "alice", "models": {"default": "superuser"}},
     'User "alice": the level for model "default" is "superuser", but must be one of read, write, admin'),
    ({"name": "alice", "offers": {"admin/prod.db": "write"}},
     'the level for offer "admin/prod.db" is "write", but must be one of read, consume, admin'),
    ({"name": "alice", "offers": {"sim:admin/prod.db": "read"}}, "must be a URL of this controller"),
    ({"name": "bob@external"}, "external user"),
    # The refusals of juju_user and juju_user_access, in their words (the output escapes quotes).
    ({"name": "admin", "state": "absent"},
     'User \\"admin\\" is the controller owner, which Juju can neither remove nor disable.'),
    ({"name": "admin", "enabled": False},
     'User \\"admin\\" is the controller owner, which Juju can neither remove nor disable.'),
    ({"name": "admin", "controller_access": "login"},
     'Lowering the access to controller \\"sim\\" from superuser to login would lock out the login user '
     '\\"admin\\" itself'),
    ({"name": "alice", "clouds": {"localhost": "superuser"}},
     'User \\"alice\\": the level for cloud \\"localhost\\" is \\"superuser\\", but must be one of add-model, '
     'admin, or absent for no access.'),
    # One target, one key: "default" is admin/default for the login user admin.
    ({"name": "alice", "models": {"admin/default": "read", "default": "write"}},
     'User \\"alice\\" (users[0]): model \\"admin/default\\" is given twice in models, as \\"admin/default\\" and '
     '\\"default\\"; give it once.'),
])
def test_bad_variables_fail_before_any_change(runner, entry, message):
    entry = dict(entry, password=password("bad"))
    run = runner.run({"juju_users": [entry, {"name": "zed"}]})
    assert run.rc != 0 and run.recap.get("failed") == 1, run.tail()
    assert message in run.output, run.tail()
    assert run.writes == 0
    assert_no_secret(run, [password("bad")])


def test_a_misspelled_variable_is_warned_about_and_a_purge_of_nothing_is_refused(runner):
    # juju_user for juju_users: the role sees an empty list, which with the purge would remove every user.
    role_vars = {"juju_user": [{"name": "alice"}], "juju_users_purge": True, "juju_user_purge_access": True}
    run = runner.run(role_vars)
    assert run.rc != 0 and run.writes == 0, run.tail()
    assert ("[WARNING] The role juju.controller.users does not know the variables juju_user, "
            "juju_user_purge_access; it uses only those of its argument spec") in run.output, run.tail()
    assert ("Purge is true but users is empty, which would remove every user of the controller but the login user, "
            "the controller owner and the protected users (6 users); set allow_empty_purge to true if that is "
            "meant.") in run.output, run.tail()


def test_the_superuser_login_users_own_offer_access_is_left_alone_with_a_warning(runner):
    """Issue 14: the role predicted a change, sent revokes that failed, and failed so on every run (§19.2)."""
    role_vars = {"juju_users": [{"name": "admin", "offers": {"admin/prod.db": "read"}}]}
    for args in (["--check"], []):
        run = runner.run(role_vars, *args)
        run.assert_ok()
        assert run.recap["changed"] == 0 and run.writes == 0 and changes_reported(run) == []
        assert ('user "admin" is the login user and a controller superuser: Juju gives it admin on offer '
                '"admin/prod.db" whatever its grant there') in " ".join(run.output.split()), run.tail()


@pytest.mark.parametrize("role_vars, message", [
    ({"juju_timeout": 0, "juju_users": [{"name": "nia"}]},
     "juju_timeout is 0 seconds, but it must be more than 0 and at most 3600."),
    ({"juju_users": [{"name": "nia"}, {"name": "a_b"}]}, 'In juju_users[1], user name "a_b" is not valid'),
])
def test_the_roles_failure_names_the_roles_variables(runner, role_vars, message):
    """Issue 14 item 8: the role's user set juju_timeout, not the module's timeout."""
    run = runner.run(role_vars)
    assert run.rc != 0 and run.writes == 0 and message in run.output, run.tail()


def test_duplicate_users_fail_before_the_controller_is_contacted(runner):
    run = runner.run({"juju_users": [{"name": "alice"}, {"name": "alice@local", "controller_access": "superuser"}]})
    assert run.rc != 0 and 'User "alice" is listed more than once' in run.output, run.tail()
    assert run.counters["reads"] == 0 and run.writes == 0


# ---- defects of the Jinja planner, fixed by juju_users ---------------------------------------------
BOSS_PASSWORD = "boss-" + SALT + "-pw"
ADMIN_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl admin@old"
CI_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp ci-bot@runner"
BOSS_FIXTURE = {
    # The owner is not called admin; "admin" is an ordinary user here.
    "controller": {"name": "sim", "owner": "boss"},
    "users": [
        {"name": "boss", "access": "superuser", "password": BOSS_PASSWORD},
        {"name": "admin"}, {"name": "Zed", "display-name": "Zed"}, {"name": "ci-bot"},
        {"name": "dora", "disabled": True, "password": password("dora")},
    ],
    "models": [{"name": "controller", "is-controller": True}, {"name": "default", "ssh-keys": [ADMIN_KEY]}],
}


@pytest.fixture
def boss_runner(make_simulator, tmp_path):
    fixture = tmp_path / "boss.yml"
    fixture.write_text(yaml.safe_dump(BOSS_FIXTURE))
    return RoleRunner(make_simulator(fixture=str(fixture)), tmp_path / "boss-run")


def test_purge_matches_names_case_insensitively_and_takes_protected_as_a_string(boss_runner):
    role_vars = {"juju_users": [{"name": "zed"}, {"name": "dora"}], "juju_users_purge": True,
                 "juju_users_protected": "ci-bot"}
    check = boss_runner.run(role_vars, "--check")
    check.assert_ok()
    run = boss_runner.run(role_vars)
    run.assert_ok()
    # Zed is the listed zed (not removed and re-created), ci-bot is protected, boss owns the controller.
    assert sorted(snapshot(boss_runner.sim)) == ["Zed", "boss", "ci-bot", "dora"]
    assert changes_reported(check) == changes_reported(run) == ["admin: remove"]
    assert run.calls("RemoveUser") == 1 and run.calls("AddUser") == 0
    assert check.recap["changed"] == run.recap["changed"] == 1


def test_an_entry_that_cannot_be_applied_fails_before_any_change_in_both_modes(boss_runner):
    role_vars = {"juju_users": [{"name": "nia", "controller_access": "superuser"},
                                {"name": "oto", "models": {"nope": "read"}}]}
    message = ('User "oto": model "boss/nope" was not found on the controller (or the login user "boss" '
               'cannot see it).')
    for args in (["--check"], []):
        run = boss_runner.run(role_vars, *args)
        assert run.rc != 0 and run.recap.get("failed") == 1 and message in run.output, run.tail()
        assert run.writes == 0
    assert "nia" not in snapshot(boss_runner.sim)


def test_a_protected_user_cannot_be_removed(boss_runner):
    run = boss_runner.run({"juju_users": [{"name": "ci-bot", "state": "absent"}], "juju_users_protected": ["ci-bot"]})
    assert run.rc != 0 and 'User "ci-bot" cannot be removed' in run.output, run.tail()
    assert run.writes == 0


def test_disabled_users_access_waits_for_the_enable_and_a_kept_password_is_no_change(boss_runner):
    stays = {"juju_users": [{"name": "dora", "password": password("dora-new"), "update_password": "always",
                             "controller_access": "superuser"}]}
    run = boss_runner.run(stays)
    run.assert_ok()
    assert run.recap["changed"] == 0 and run.writes == 0 and changes_reported(run) == []
    said = " ".join(run.output.split())  # Ansible wraps warnings
    assert ('user "dora" is disabled and stays disabled, so it cannot log in and its password cannot be verified; '
            'the password is set once the user is enabled.') in said, run.tail()
    assert ('user "dora" is disabled and stays disabled, and Juju neither shows nor changes the controller access of '
            'a disabled user, so controller_access superuser is applied only once the user is enabled.') in said

    enable = {"juju_users": [{"name": "dora", "enabled": True, "controller_access": "superuser",
                              "models": {"default": "write"}}]}
    check = boss_runner.run(enable, "--check")
    check.assert_ok()
    assert check.writes == 0
    assert changes_reported(check) == ["dora: enable, set controller access superuser once enabled, "
                                       "grant model boss/default write"]
    run = boss_runner.run(enable)
    run.assert_ok()
    assert changes_reported(run) == ["dora: enable, grant controller superuser, grant model boss/default write"]
    assert check.recap["changed"] == run.recap["changed"] == 1
    dora = snapshot(boss_runner.sim)["dora"]
    assert (dora["enabled"], dora["access"], dora["models"]) == (True, "superuser", {"boss/default": "write"})


def test_diff_is_shown_and_registration_strings_hidden_when_an_entry_lacks_a_password(boss_runner):
    """Issue 14: the real run with --diff hid the diff with the secrets whenever an entry had no password."""
    role_vars = {"juju_users": [{"name": "nia"}, {"name": "dora", "enabled": True, "models": {"default": "read"}}]}
    run = boss_runner.run(role_vars, "--diff")
    run.assert_ok()
    tokens = boss_runner.registration_strings()
    assert sorted(tokens) == ["nia"]
    assert_no_secret(run, list(tokens.values()))
    assert "--- before: user dora" in run.output and '+    "enabled": true,' in run.output, run.tail()
    assert "--- before: user nia" in run.output and '-    "state": "absent"' in run.output, run.tail()
    assert changes_reported(run) == ["nia: add", "dora: enable, grant model boss/default read"]
    assert run.writes == 3


def test_a_model_admin_login_grants_model_access_and_is_refused_what_needs_a_superuser(sim, runner):
    """Issue 14: as a login user that is no superuser, the role planned `add` for users that exist and failed
    half-way in the real run only; now both modes refuse up front, or plan from what that login user sees."""
    login = {"juju_login_user": "fred", "juju_login_password": sim.passwords["fred"]}
    refused = dict(login, juju_users=[{"name": "bob", "models": {"fred/dev": "write"}},
                                      {"name": "alice", "display_name": "Alice"}])
    message = ('The login user "fred" is not a controller superuser, so it can neither see user "alice" nor set its '
               'display_name; its entry may set only models and offers (as a model or offer admin).')
    for args in (["--check"], []):
        run = runner.run(refused, *args)
        assert run.rc != 0 and message in run.output and run.writes == 0, run.tail()
    granted = dict(login, juju_users=[{"name": "bob", "models": {"fred/dev": "write"}}])
    check = runner.run(granted, "--check")
    run = runner.run(granted)
    for result in (check, run):
        result.assert_ok()
        assert changes_reported(result) == ["bob: grant model fred/dev write"]
        assert 'cannot see whether user "bob" exists or is disabled' in " ".join(result.output.split())
    assert (check.writes, run.writes) == (0, 1)


def test_refused_changes_fail_the_role_with_what_was_applied_and_what_was_not(boss_runner):
    boss_runner.sim.inject("ModelManager", "ModifyModelAccess", error=("permission denied", "unauthorized access"))
    role_vars = {"juju_users": [{"name": "nia", "password": password("nia"), "models": {"default": "read"}},
                                {"name": "oto", "password": password("oto"), "controller_access": "superuser"}]}
    run = boss_runner.run(role_vars)
    assert run.rc != 0 and run.recap.get("failed") == 1, run.tail()
    assert ('1 of the 4 changes were not applied (the first: cannot grant model access "read" to user "nia": '
            'permission denied)') in run.output
    assert changes_reported(run) == ["nia: add", "oto: add, grant controller superuser"]
    assert 'nia: grant model boss/default read: cannot grant model access' in run.output
    again = boss_runner.run(role_vars)
    again.assert_ok()
    assert changes_reported(again) == ["nia: grant model boss/default read"]
    assert_no_secret(run, [password("nia"), password("oto")])


def registration_strings_in(output):
    """The registration strings found in the output (any long base64url word that decodes as one)."""
    found = []
    for word in re.findall(r"[A-Za-z0-9_=-]{60,}", output):
        try:
            found.append(decode_registration_string(word)["user"])
        except Exception:  # pylint: disable=broad-except  # not a registration string
            continue
    return found


def test_a_change_juju_acknowledges_but_does_not_make_fails_the_role_and_prints_no_secret(boss_runner):
    boss_runner.sim.inject("ModelManager", "ModifyModelAccess", discard=True)
    # nia has no password: she gets a registration string, which must not be printed though the task fails
    run = boss_runner.run({"juju_users": [{"name": "nia", "models": {"default": "read"}}]})
    assert run.rc != 0 and run.recap.get("failed") == 1, run.tail()
    assert ('1 of the 2 changes were not applied (the first: Juju acknowledged \\"grant model boss/default read\\" for '
            'user \\"nia\\", but does not show it when read back after the writes)') in run.output, run.tail()
    assert changes_reported(run) == ["nia: add"]
    assert registration_strings_in(run.output) == []


def test_the_login_user_lowers_its_own_access_only_with_juju_users_allow_self_lockout(boss_runner):
    role_vars = {"juju_users": [{"name": "boss", "controller_access": "login"},
                                {"name": "nia", "password": password("nia")}]}
    refused = boss_runner.run(role_vars)
    assert refused.rc != 0 and refused.writes == 0, refused.tail()
    assert ('Lowering the access to controller \\"sim\\" from superuser to login would lock out the login user '
            '\\"boss\\" itself') in refused.output, refused.tail()

    allowed = boss_runner.run(dict(role_vars, juju_users_allow_self_lockout=True))
    allowed.assert_ok()
    assert changes_reported(allowed) == ["boss: revoke controller superuser", "nia: add"]
    # Read from the simulator: boss, no longer a superuser, would see only itself.
    grants = boss_runner.sim.run_in_loop(lambda: dict(boss_runner.sim.state.controller_access))
    assert (grants["boss"], grants["nia"]) == ("login", "login")


def test_cloud_access_is_converged_and_an_unknown_cloud_changes_nothing(boss_runner):
    unknown = boss_runner.run({"juju_users": [{"name": "nia", "clouds": {"nowhere": "admin"}}]})
    assert unknown.rc != 0 and unknown.writes == 0, unknown.tail()
    assert 'User \\"nia\\": cloud \\"nowhere\\" was not found on the controller' in unknown.output, unknown.tail()

    role_vars = {"juju_users": [{"name": "nia", "clouds": {"localhost": "admin"}},
                                {"name": "zed", "clouds": {"localhost": "add-model"}}]}
    check = boss_runner.run(role_vars, "--check")
    check.assert_ok()
    run = boss_runner.run(role_vars)
    run.assert_ok()
    assert changes_reported(check) == changes_reported(run) == [
        "nia: add, grant cloud localhost admin", "Zed: grant cloud localhost add-model"]
    assert run.calls("ModifyCloudAccess") == 1 and check.writes == 0
    grants = boss_runner.sim.run_in_loop(lambda: dict(boss_runner.sim.state.clouds["localhost"].users))
    assert grants == {"boss": "admin", "nia": "admin", "zed": "add-model"}
    lowered = boss_runner.run({"juju_users": [{"name": "nia", "clouds": {"localhost": "add-model"}}]})
    assert changes_reported(lowered) == ["nia: revoke cloud localhost admin"]


def test_ssh_keys_are_added_and_a_removed_users_keys_go_with_it(boss_runner):
    role_vars = {"juju_users": [{"name": "ci-bot", "ssh_keys": {"default": [CI_KEY]}},
                                {"name": "admin", "state": "absent"}], "juju_users_purge_ssh_keys": True}
    check = boss_runner.run(role_vars, "--check")
    check.assert_ok()
    assert check.writes == 0
    run = boss_runner.run(role_vars)
    run.assert_ok()
    assert changes_reported(check) == changes_reported(run) == [
        "ci-bot: add SSH key 6c:f6:56:d9:2c:38:88:91:cb:20:cb:8e:bd:4a:4b:50 (ci-bot@runner) to model boss/default",
        "admin: remove, remove SSH key 5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d (admin@old) from model "
        "boss/default"]
    assert (run.calls("AddKeys"), run.calls("DeleteKeys")) == (1, 1)
    keys = boss_runner.sim.run_in_loop(
        lambda: boss_runner.sim.state.models[boss_runner.sim.model_uuid("boss/default")].authorized_keys)
    assert [line for line in keys.split("\n") if not line.endswith("juju-system-key")] == [CI_KEY]
