# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A stateful model of Juju that checks the collection's promises on random sequences of tasks (issue 14 item 11).

Hypothesis drives the six modules (in-process, as tests/unit/plugins/modules/modrun.py runs them) and the role
`users` (ansible-playbook, a few runs) against a fresh simulator: random login users (a controller superuser, a
model admin, a plain login user, a superuser logged in from a cookie jar), local users that are enabled, disabled,
missing, spelled `Bob`, `BOB` or `bob@local`, external users, every target kind, and faults on the write calls
(the simulator acknowledges and discards, answers an error, or drops the connection). Every step runs in check
mode, then for real, and checks:

  * agreement: the check run's changed, failed and sentence class are the real run's (unless a fault fired);
  * a step whose check run failed changes nothing when run for real, and a check run never writes;
  * what the task reports changed is what the independent read (jujusim's own state, observe.py) sees change;
  * no false success: a task that succeeds leaves what it declared (jujumodel.py, written from the spec);
  * no password or registration string in the output Ansible prints by default.

KNOWN_GAPS names the discrepancy classes that today's code has and other branches are fixing (issue 14 items
1-8); a check that fails on a step exposed to one of them is recorded, not failed. Empty it as the fixes land.

Profiles: "ci" (default, bounded for `make test`), "soak" (JUJU_STATE_MACHINE_PROFILE=soak, `make soak`).
"""
import collections
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

import jujumodel
import observe
from jujusim import Simulator, sshkeys
from jujusim.login import juju_login
from modrun import run_main
from roleplay import RolePlay

from ansible_collections.juju.controller.plugins.modules import (
    juju_access, juju_ssh_key, juju_user, juju_user_access, juju_user_info, juju_users)

# The discrepancy classes of today's code, each waiting for the issue 14 item that fixes it. A failed check on a
# step exposed to one of these is recorded (printed at the end), not failed; everything else must hold.
KNOWN_GAPS = {}

# What Juju does not let a task know, said by the task: a disagreement of the check and real runs on a step exposed
# to one of these is recorded, not failed, because the task's warning says that Juju decides.
LIMITS = {
    "unseen-user": "juju-api.md §19.5: a login user that is not a controller superuser may not read users; the check "
                   "run cannot know whether a local user exists or is disabled, and both runs warn so",
}

SALT = secrets.token_hex(3)
FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    "users": [
        {"name": "admin", "display-name": "admin", "access": "superuser"},
        {"name": "ops", "display-name": "Ops", "access": "superuser"},
        {"name": "fred", "display-name": "Fred"},
        {"name": "pat", "display-name": "Pat"},
        {"name": "bob", "display-name": "Bob"},
        {"name": "Carol", "display-name": "Carol"},
        {"name": "gone", "disabled": True},
    ],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "default", "owner": "admin", "users": {"bob": "read", "Carol": "write", "gone": "read"},
         "ssh-keys": [sshkeys.ed25519_line("old", "carol@old")]},
        {"name": "prod", "owner": "fred"},
    ],
    "offers": [{"url": "fred/prod.db", "application": "mysql", "users": {"bob": "consume"}},
               {"url": "admin/default.web", "application": "nginx"}],
    "clouds": [{"name": "localhost", "type": "lxd"},
               {"name": "microk8s", "type": "kubernetes", "users": {"Carol": "add-model"}}],
}

# Who logs in: the owner (superuser), a model admin (fred owns fred/prod), a plain login user, and a superuser
# whose only credential is the macaroon `juju login` left in the cookie jar.
LOGINS = ("admin", "fred", "pat", "jar:ops")
logins = st.sampled_from(LOGINS + ("admin", "jar:ops"))  # superusers more often: more steps get past the checks
# The users the steps manage (the login users stay as they are, so that every login keeps working).
LOCAL = ("bob", "carol", "gone", "dan")
EXTERNAL = ("dan@external", "everyone@external")
MODELS = ("admin/default", "default", "fred/prod", "FRED/prod", "prod", "uuid:admin/default", "uuid:fred/prod")
OFFERS = ("fred/prod.db", "Fred/prod.db", "admin/default.web", "default.web")
CLOUDS = ("localhost", "microk8s")
TARGETS = {"model": MODELS, "offer": OFFERS, "cloud": CLOUDS}
FAULTS = (("UserManager", "AddUser"), ("UserManager", "RemoveUser"), ("UserManager", "DisableUser"),
          ("UserManager", "EnableUser"), ("UserManager", "SetPassword"), ("Controller", "ModifyControllerAccess"),
          ("ModelManager", "ModifyModelAccess"), ("ApplicationOffers", "ModifyOfferAccess"),
          ("Cloud", "ModifyCloudAccess"), ("KeyManager", "AddKeys"), ("KeyManager", "DeleteKeys"))
TIMEOUT = 60.0  # generous: two cores are shared by many processes; a timeout here is load, not a finding

PROFILE = os.environ.get("JUJU_STATE_MACHINE_PROFILE", "ci")
settings.register_profile("juju-state-machine-ci", max_examples=50, stateful_step_count=20, derandomize=True,
                          deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("juju-state-machine-soak", max_examples=int(os.environ.get("JUJU_SOAK_EXAMPLES", "200")),
                          stateful_step_count=30, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# The role runs through ansible-playbook (about 2 s a run, check and real): once, in one example of ROLE_SHARE.
ROLE_SHARE = int(os.environ.get("JUJU_STATE_MACHINE_ROLE_SHARE", "3"))

# What the runs of this process met, printed at the end by conftest.py (with -n 0; `make soak` runs so).
FINDINGS = {}  # gap -> the first failed check it excused, with its step sequence
STATS = collections.Counter()  # examples, steps, role runs, faults fired, failed real runs


def spellings(name):
    """The ways a task may name one user (§4.2: case-insensitive; `@local` is no domain)."""
    if jujumodel.is_external(name):
        return st.sampled_from((name, name.upper()))
    return st.sampled_from((name, name.upper(), name.capitalize(), name + "@local"))


local_names = st.sampled_from(LOCAL).flatmap(spellings)
# The disabled user (who holds a model grant) once more: changing its grants is a class of its own (§19.3).
access_users = st.one_of(local_names, spellings("gone"), st.sampled_from(EXTERNAL).flatmap(spellings), st.just("admin"))
# A fault applies to the first call of every write method of the real run (the check run makes none).
faults = st.sampled_from((None, None, None, "discard", "error", "drop"))
passwords = st.one_of(st.none(), st.just("Pw-%s-1" % SALT), st.just("Pw-%s-2" % SALT))


@st.composite
def access_options(draw):
    kind = draw(st.sampled_from(("controller", "model", "offer", "cloud")))
    options = {"user": draw(access_users)}
    if kind != "controller":
        options[kind] = draw(st.sampled_from(TARGETS[kind]))
    options["state"] = draw(st.sampled_from(("present", "present", "absent")))
    if options["state"] == "present":
        options["access"] = draw(st.sampled_from(jujumodel.LEVELS[kind]))
    return options


@st.composite
def user_options(draw):
    options = {"name": draw(local_names), "state": draw(st.sampled_from(("present", "present", "absent")))}
    if options["state"] == "present":
        enabled = draw(st.sampled_from((None, True, False)))
        if enabled is not None:
            options["enabled"] = enabled
        password = draw(passwords)
        if password:
            options["password"] = password
            options["update_password"] = draw(st.sampled_from(("on_create", "always")))
    return options


# juju_access: the holders of one target; a null level is no access.
@st.composite
def holders_options(draw):
    kind = draw(st.sampled_from(("controller", "model", "offer", "cloud")))
    options = {"controller_access": True} if kind == "controller" else {kind: draw(st.sampled_from(TARGETS[kind]))}
    levels = st.sampled_from(jujumodel.LEVELS[kind] + (None, "none"))
    once = draw(st.integers(0, 4)) > 0  # mostly each user once; else perhaps one user twice (refused)
    pairs = st.lists(st.tuples(access_users, levels), min_size=1, max_size=3,
                     unique_by=(lambda pair: jujumodel.user_key(pair[0])) if once else (lambda pair: pair[0]))
    options["users"] = dict(draw(pairs))
    options["exclusive"] = draw(st.booleans())
    if kind == "controller" and options["exclusive"]:  # the login users keep their logins, so that steps go on
        options["users"].update(fred="login", pat="login", ops="superuser")
    return options


# juju_ssh_key: a few fixed keys; one of them is carol@old of the fixture, once more under another comment.
SSH_KEYS = (sshkeys.ed25519_line("bob", "bob@laptop"), sshkeys.ed25519_line("carol", "carol@work"),
            sshkeys.ed25519_line("old", "carol@desk"))


@st.composite
def ssh_key_options(draw):
    options = {"model": draw(st.sampled_from(MODELS)), "key": draw(st.sampled_from(SSH_KEYS)),
               "state": draw(st.sampled_from(("present", "present", "absent")))}
    if options["state"] == "present" and draw(st.integers(0, 2)) == 0:
        options["exclusive"] = True
    return options


def ssh_keys():
    return st.dictionaries(st.sampled_from(MODELS), st.lists(st.sampled_from(SSH_KEYS), max_size=2, unique=True),
                           max_size=2)


def key_owner(entries, model, fingerprint, comment, login_user):
    """The user a changed key is attributed to: the entry that declares it on that model, else the user its comment
    names before "@" (the rule juju_users documents for keys, which carry no owner, §18.4)."""
    for entry in entries:
        for ref, lines in (entry.get("ssh_keys") or {}).items():
            if (jujumodel.target_key("model", ref, login_user)[1] == model
                    and fingerprint in [sshkeys.fingerprint(line)[0] for line in lines]):
                return jujumodel.user_key(entry["name"])
    return jujumodel.user_key(comment.split("@", 1)[0]) if "@" in (comment or "") else None


def grants(kind):
    levels = jujumodel.LEVELS[kind] + ("absent",)
    return st.dictionaries(st.sampled_from(TARGETS[kind]), st.sampled_from(levels), max_size=2)


@st.composite
def users_entry(draw, name):
    entry = {"name": name}
    if draw(st.integers(0, 5)) == 0:
        entry["state"] = "absent"
        return entry
    for option, strategy in (("enabled", st.booleans()), ("controller_access", st.sampled_from(("login", "superuser"))),
                             ("password", passwords.filter(bool)), ("models", grants("model")),
                             ("offers", grants("offer")), ("clouds", grants("cloud")), ("ssh_keys", ssh_keys()),
                             ("ssh_keys_exclusive", st.booleans())):
        if draw(st.booleans()):
            entry[option] = draw(strategy)
    return entry


@st.composite
def users_options(draw):
    keys = draw(st.lists(st.sampled_from(LOCAL), min_size=1, max_size=3, unique=True))
    return {"users": [draw(users_entry(draw(spellings(key)))) for key in keys]}


# The users a purge never touches here: the login users stay (the owner admin and the login user by the module's
# own rule; fred, pat and ops named), so that every login keeps working.
PROTECTED = ("fred", "pat", "ops")


@st.composite
def users_purge_options(draw):
    """juju_users' options: the entries, and sometimes an off-boarding of every other user (or a purge_mode
    without purge, which is refused)."""
    options = draw(users_options())
    if draw(st.integers(0, 3)) == 0:
        options["purge"] = draw(st.sampled_from((True, True, False)))
        options["purge_mode"] = draw(st.sampled_from(("remove", "disable")))
        if draw(st.booleans()):
            options["purge_access"] = True
        options["protected"] = list(PROTECTED) + draw(st.lists(local_names, max_size=1))
    return options


def sentence_class(result):
    """A failure's sentence with the names it quotes left out; None for a success."""
    if not result["failed"]:
        return None
    return re.sub(r'"[^"]*"', '"…"', re.sub(r"\d+", "N", result["msg"]))


def default_output(result):
    """What Ansible prints of a result at default verbosity: all of it on failure, else warnings (and msg); for
    the role, what ansible-playbook printed."""
    if "stdout" in result:
        return result["stdout"]
    if result["failed"]:
        return result
    return {"msg": result.get("msg"), "warnings": result.get("warnings")}


def reported_tokens(result):
    """The registration strings a result carries in its own fields."""
    tokens = [result.get("registration_string")] + list((result.get("registration_strings") or {}).values())
    return [token for token in tokens if token]


class JujuStateMachine(RuleBasedStateMachine):
    """One fresh simulator per example; each rule is one task, run in check mode and then for real."""

    def __init__(self):
        super(JujuStateMachine, self).__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="juju-state-machine-"))
        fixture = self.tmp / "fixture.yaml"
        fixture.write_text(yaml.safe_dump(FIXTURE))
        self.sim = Simulator(self.tmp / "juju", fixture=fixture).start()
        self.jar = self.tmp / "jar"
        shutil.copytree(str(self.sim.juju_data), str(self.jar))
        juju_login(self.jar, "ops", self.sim.passwords["ops"])
        self.secrets = set(p for p in self.sim.passwords.values() if p)
        self.uuids = observe.model_uuids(self.sim)
        self.keys = set()
        self.role_runs = 0
        self.play_role = False
        self.steps = []
        STATS["examples"] += 1

    def teardown(self):
        self.sim.stop()
        shutil.rmtree(str(self.tmp), ignore_errors=True)
        assert not self.sim.violations, self.sim.violations

    # ---- running a step ---------------------------------------------------------------------------------
    def connection(self, login):
        if login.startswith("jar:"):
            return {"juju_data": str(self.jar), "timeout": TIMEOUT}
        return {"juju_data": str(self.sim.juju_data), "timeout": TIMEOUT, "login_user": login,
                "login_password": self.sim.passwords[login]}

    def login_user(self, login):
        return login.split(":")[-1]

    def run(self, module, options, login, check_mode):
        return run_main(module, dict(self.connection(login), **self.resolve(options)), check_mode=check_mode)

    def resolve(self, value):
        """The options with every `uuid:owner/name` replaced by that model's UUID (keys of a mapping too)."""
        if isinstance(value, dict):
            return dict((self.resolve(k), self.resolve(v)) for k, v in value.items())
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, str) and value.startswith(jujumodel.UUID_PREFIX):
            return self.uuids[value[len(jujumodel.UUID_PREFIX):]]
        return value

    def step(self, module, options, login, fault, runner=None):
        runner = runner or (lambda check_mode: self.run(module, options, login, check_mode))
        name = module if isinstance(module, str) else module.__name__.rsplit(".", 1)[-1]
        self.steps.append("%s as %s%s: %r" % (name, login, " with %s faults" % fault if fault else "", options))
        self.secrets.update(v for k, v in _walk(options) if k == "password" and v)
        before = observe.snapshot(self.sim)
        check = runner(True)
        after_check = observe.snapshot(self.sim)
        for facade, method in FAULTS if fault else ():
            self.sim.inject(facade, method, times=1, **({"error": ("injected failure", "")} if fault == "error"
                                                        else {fault: True}))
        self.sim.reset_counters()
        real = runner(False)
        writes = self.sim.counters["writes"]
        fired = bool(fault) and writes > 0
        self.sim.clear_faults()
        after = observe.snapshot(self.sim)
        self.keys |= observe.secret_keys(after)
        STATS.update(steps=1, faults_fired=int(fired), failed_real_runs=int(real["failed"]),
                     role_runs=int(name == "role users"))
        STATS["%s succeeded" % name] += int(not real["failed"])
        return Step(self, name, options, login, fault, fired, writes, before, check, after_check, real, after)


def _walk(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


class Step(object):
    """One task run twice, and what the independent read saw around each run; the checks of the docstring."""

    def __init__(self, machine, name, options, login, fault, fired, writes, before, check, after_check, real, after):
        self.machine, self.name, self.options, self.login, self.fault = machine, name, options, login, fault
        self.fired, self.writes, self.before, self.check, self.after_check, self.real, self.after = (
            fired, writes, before, check, after_check, real, after)
        self.login_user = machine.login_user(login)
        self.superuser = before["grants"][observe.CONTROLLER].get(self.login_user) == "superuser"
        self.exposures = set() if self.superuser else {"not-superuser"}
        entries = (options["users"] if isinstance(options.get("users"), list)
                   else [options] if "name" in options and name == "juju_user" else [])
        if fault == "discard" and any(entry.get("password") for entry in entries):
            self.exposures.add("password-readback")
        if any(entry.get("state", "present") == "present" and not entry.get("password")
               and jujumodel.user_key(entry["name"]) not in before["users"] for entry in entries):
            self.exposures.add("secret-on-failure")

    def unseen_missing(self, granted, changed):
        """Expose the step to the limit "unseen-user" when a login user that may not read users grants to a local user
        that does not exist, or may change a disabled user's access, and the check run warns that it cannot know;
        without that warning, to "unseen-user-state", which is no known gap: the step fails."""
        users = self.before["users"]
        if self.superuser:
            return
        if any(not jujumodel.is_external(u) and jujumodel.user_key(u) not in users for u in granted) or any(
                (users.get(jujumodel.user_key(u)) or {}).get("disabled") for u in changed):
            said = any("cannot see whether user" in warning for warning in self.check.get("warnings") or ())
            self.exposures.add("unseen-user" if said else "unseen-user-state")

    def expect(self, condition, what, *gaps):
        if condition:
            return
        known = [gap for gap in gaps if gap in self.exposures and (gap in KNOWN_GAPS or gap in LIMITS)]
        detail = ("%s\n  step: %s\n  check run: %r\n  real run: %r\n  changes seen: %r\n  steps so far:\n    %s"
                  % (what, self.machine.steps[-1], self.check, self.real,
                     observe.changes(self.before, self.after), "\n    ".join(self.machine.steps)))
        if known:
            FINDINGS.setdefault(known[0], detail)
            return
        raise AssertionError(detail)

    def common(self, *agreement_gaps):
        """The checks every module shares."""
        self.expect(self.after_check == self.before, "the check run changed the controller")
        if not self.fired:
            for field in ("changed", "failed"):
                self.expect(self.check[field] == self.real[field], "check and real runs disagree on %s" % field,
                            *agreement_gaps)
            self.expect(sentence_class(self.check) == sentence_class(self.real),
                        "check and real runs fail with different sentences", *agreement_gaps)
        if self.check["failed"]:
            self.expect(self.before == self.after or (self.check["failed"] != self.real["failed"]),
                        "a task that the reads show must fail changed the controller", *agreement_gaps)
        if self.real["failed"] and not self.writes:
            self.expect(self.before == self.after, "a task that failed before writing changed the controller")
        keys = self.machine.keys | set(observe.secret_keys(self.before))
        for run in (self.check, self.real):
            shown = default_output(run)
            found = observe.leaks(shown, self.machine.secrets, keys)
            if run["failed"] and "stdout" not in run:
                found += ["registration string %s..." % token[:12] for token in reported_tokens(run)]
            self.expect(not found, "secrets in the default output: %s" % found,
                        *(("secret-on-failure",) if run["failed"] else ()))


class JujuModelMachine(JujuStateMachine):

    @rule(options=user_options(), login=logins, fault=faults)
    def user(self, options, login, fault):
        step = self.step(juju_user, options, login, fault)
        step.common()
        key = jujumodel.user_key(options["name"])
        seen = observe.changes(step.before, step.after)
        step.expect(all(k == key or (what != "user" and key not in step.after["users"]) for what, k, o, n in seen),
                    "juju_user changed another user")
        # A user that cannot log in (disabled, or without controller access) cannot prove its password: the module
        # sets it on every run and says so, so a discarded SetPassword is a change nobody can read back (§5.2)
        unverifiable = step.fired and any("password cannot be verified" in w for w in step.real.get("warnings") or ())
        if not step.real["failed"] and not unverifiable:
            step.expect(step.real["changed"] == bool(seen), "juju_user's changed is not what changed",
                        "password-readback")
            record = step.after["users"].get(key)
            if options["state"] == "absent":
                step.expect(record is None, "juju_user state=absent succeeded, the user is still there")
            else:
                step.expect(record is not None, "juju_user state=present succeeded, the user is not there")
                if record is not None and "enabled" in options:
                    step.expect(record["disabled"] == (not options["enabled"]),
                                "juju_user succeeded, the user's enabled state is not what was declared")
                if record is not None and not step.check["failed"]:  # as Juju spells it, as Juju has it
                    step.expect((step.real["user"]["name"], step.real["user"]["enabled"])
                                == (record["name"], not record["disabled"]), "juju_user's user is not the user read")
        elif seen:  # a failure says what was applied: the sentence names the user whose record changed
            name = (step.after["users"].get(key) or step.before["users"][key])["name"]
            step.expect(step.real["changed"] or '"%s"' % name in step.real["msg"],
                        "juju_user failed after changing the controller, without saying so")

    @rule(options=access_options(), login=logins, fault=faults)
    def access(self, options, login, fault):
        kind = next((k for k in TARGETS if k in options), "controller")
        dummy, target = (jujumodel.target_key(kind, options[kind], self.login_user(login)) if kind != "controller"
                         else observe.CONTROLLER)
        key = jujumodel.user_key(options["user"])
        step = self.step(juju_user_access, options, login, fault)
        user = step.before["users"].get(key)
        step.unseen_missing([options["user"]] if options["state"] == "present" else [], [options["user"]])
        if kind == "offer" and step.before["grants"][observe.CONTROLLER].get(key) == "superuser":
            step.exposures.add("superuser-offer")
        if user is not None and user["disabled"]:
            step.exposures.add("disabled-grant")
        step.common("superuser-offer", "disabled-grant", "not-superuser", "unseen-user")
        old, new = observe.level(step.before, kind, target, key), observe.level(step.after, kind, target, key)
        seen = observe.changes(step.before, step.after)
        step.expect(all(k == key and what == (kind, target) for what, k, o, n in seen),
                    "juju_user_access changed another grant")
        if not step.real["failed"] and kind == "offer" and key in self.implicit_offer_admins(step, target):
            # Juju shows the login user admin on the offer through its superuser or model admin access, never its
            # own grant, and no revoke lowers that admin (§19.2): left as it is, with a warning
            step.expect((step.real["changed"], step.real["access"], seen) == (False, "admin", [])
                        and (options.get("access") == "admin" or bool(step.real.get("warnings"))),
                        "the login user's implicit offer admin was not left alone, or silently")
        elif not step.real["failed"]:
            step.expect(step.real["previous_access"] == old, "previous_access is not the level read before",
                        "superuser-offer")
            step.expect(step.real["access"] == new, "access is not the level read after", "superuser-offer")
            step.expect(step.real["changed"] == (old != new), "juju_user_access's changed is not what changed")
            step.expect(new == jujumodel.promised_access(options.get("access"), options["state"]),
                        "juju_user_access succeeded, the grant is not what was declared", "superuser-offer")
        elif seen:  # a failure says what was applied: in changed, or in the changes it lists
            step.expect(step.real["changed"] or step.real.get("changes"),
                        "juju_user_access failed after changing the grant, without saying so", "superuser-offer")

    @rule(options=holders_options(), login=logins, fault=faults)
    def holders(self, options, login, fault):
        kind = next((k for k in TARGETS if k in options), "controller")
        dummy, target = (jujumodel.target_key(kind, options[kind], self.login_user(login)) if kind != "controller"
                         else observe.CONTROLLER)
        step = self.step(juju_access, options, login, fault)
        step.unseen_missing([user for user, level in options["users"].items() if level not in (None, "none")],
                            list(options["users"]) + (list(observe.holders(step.before, kind, target))
                                                      if options["exclusive"] else []))
        step.common("unseen-user")
        seen = observe.changes(step.before, step.after)
        step.expect(all(what == (kind, target) for what, k, o, n in seen), "juju_access changed another target")
        if step.real["failed"]:
            step.expect(not seen or step.real["changed"] or step.real.get("changes"),
                        "juju_access failed after changing the holders, without saying so")
            return
        changed = set(k for what, k, o, n in seen)
        step.expect(set(jujumodel.user_key(c["user"]) for c in step.real["changes"]) == changed,
                    "juju_access's changes are not the holders that changed")
        step.expect(step.real["changed"] == bool(changed), "juju_access's changed is not what changed")
        after = observe.holders(step.after, kind, target)
        for key, level in jujumodel.promised_holders(kind, options["users"]).items():
            step.expect(after.get(key) == level, "juju_access succeeded, %s holds %r, not %r"
                        % (key, after.get(key), level))
        shown = dict((jujumodel.user_key(u), level) for u, level in step.real["holders"].items())
        step.expect(shown == self.visible_holders(step, kind, target, options["users"]),
                    "juju_access's holders are not the holders read after")
        if options["exclusive"]:
            kept = set(jujumodel.user_key(k["user"]) for k in step.real["kept"])
            named = set(jujumodel.user_key(u) for u in options["users"])
            step.expect(set(shown) <= named | kept, "an exclusive juju_access left holders it does not name or keep")

    @staticmethod
    def implicit_offer_admins(step, offer):
        """The login user, when it is admin of the offer through controller superuser or model admin (§19.2)."""
        model_admin = observe.level(step.before, "model", offer.split(".")[0], step.login_user) == "admin"
        return {step.login_user} if step.superuser or model_admin else set()

    def visible_holders(self, step, kind, target, users):
        """The holders Juju shows the login user (§19.2, §19.6): on the controller, the enabled local users,
        everyone@external and the external users named; on an offer, a login user that is superuser or the model's
        admin holds admin (its own grant unseen)."""
        held = observe.holders(step.after, kind, target)
        if kind == "controller":
            named = set(jujumodel.user_key(u) for u in users) | {"everyone@external"}
            return dict((k, level) for k, level in held.items() if not (
                step.after["users"].get(k, {}).get("disabled") or (jujumodel.is_external(k) and k not in named)))
        if kind == "offer":
            held.update((key, "admin") for key in self.implicit_offer_admins(step, target))
        return held

    @rule(options=ssh_key_options(), login=logins, fault=faults)
    def ssh_key(self, options, login, fault):
        model = jujumodel.target_key("model", options["model"], self.login_user(login))[1]
        step = self.step(juju_ssh_key, options, login, fault)
        step.common()
        before, after = step.before["keys"].get(model), step.after["keys"].get(model)
        step.expect(dict(step.before, keys=None) == dict(step.after, keys=None)
                    and all(step.before["keys"][m] == step.after["keys"][m] for m in step.before["keys"] if m != model),
                    "juju_ssh_key changed something else than the model's keys")
        if step.real["failed"]:
            step.expect(before == after or step.real["changed"] or step.real.get("changes"),
                        "juju_ssh_key failed after changing the keys, without saying so")
            return
        fingerprint = sshkeys.fingerprint(options["key"])[0]
        prints = [fp for fp, comment in after]
        step.expect(step.real["changed"] == (before != after), "juju_ssh_key's changed is not what changed")
        added = set(after) - set(before)
        removed = set(before) - set(after)
        reported = set((c["action"], c["fingerprint"]) for c in step.real["changes"])
        step.expect(reported == set(("add", fp) for fp, c in added) | set(("delete", fp) for fp, c in removed),
                    "juju_ssh_key's changes are not the keys that changed")
        if options["state"] == "absent":
            step.expect(fingerprint not in prints, "juju_ssh_key state=absent succeeded, the key is there")
        elif options.get("exclusive"):
            step.expect(prints == [fingerprint], "juju_ssh_key exclusive succeeded, the keys are %r" % after)
        else:
            step.expect(fingerprint in prints, "juju_ssh_key state=present succeeded, the key is not there")
        step.expect([(k["fingerprint"], k["comment"]) for k in step.real["keys"]] == after,
                    "juju_ssh_key's keys are not the keys read after")

    @rule(options=users_purge_options(), login=logins, fault=faults)
    def users(self, options, login, fault):
        step = self.batch(juju_users, options, login, fault)
        if step.real["failed"] or not options.get("purge"):
            return
        spared = set(jujumodel.user_key(n) for n in [e["name"] for e in options["users"]] + options["protected"]
                     + ["admin", step.login_user])
        for key in set(step.before["users"]) - spared:
            record = step.after["users"].get(key)
            step.expect(record is None if options["purge_mode"] == "remove" else record and record["disabled"],
                        "juju_users purge_mode=%s succeeded, user %s is %r" % (options["purge_mode"], key, record))

    def batch(self, module, options, login, fault, runner=None):
        step = self.step(module, options, login, fault, runner)
        login_user = self.login_user(login)
        if fault == "discard":
            step.exposures.add("batch-readback")
        if any(jujumodel.aliased_targets(entry, login_user) for entry in options["users"]):
            step.exposures.add("alias-keys")
        for entry in options["users"]:
            record = step.before["users"].get(jujumodel.user_key(entry["name"]))
            if (record is not None and record["disabled"] and entry.get("enabled") is not True
                    and (entry.get("models") or entry.get("offers"))):
                step.exposures.add("disabled-grant")
            if entry.get("offers") and (entry.get("controller_access") == "superuser" or step.before["grants"][
                    observe.CONTROLLER].get(jujumodel.user_key(entry["name"])) == "superuser"):
                step.exposures.add("superuser-offer")
        step.common("not-superuser", "disabled-grant", "superuser-offer")
        if step.exposures & {"alias-keys"}:
            step.expect(step.check["failed"] and step.real["failed"] and step.before == step.after,
                        "an entry naming one target twice was not refused", "alias-keys")
        changed = observe.changed_users(step.before, step.after)
        for model in step.before["keys"]:
            old, new = set(step.before["keys"][model]), set(step.after["keys"][model])
            changed |= set(key_owner(options["users"], model, fp, comment, login_user) for fp, comment in old ^ new)
        results = step.real.get("results")
        if results is not None:
            reported = dict((jujumodel.user_key(r["name"]), r["changed"]) for r in results)
            spelled = [(r["name"], (step.after["users"].get(jujumodel.user_key(r["name"]))
                                    or step.before["users"].get(jujumodel.user_key(r["name"])) or r)["name"])
                       for r in results]
            # (a login user that is not a superuser may not read users: it cannot know Juju's spelling, §19.5)
            step.expect(not step.superuser or all(given == juju for given, juju in spelled),
                        "results do not name the users as Juju spells them: %r" % spelled, "not-superuser")
            step.expect(set(k for k, c in reported.items() if c) == changed,
                        "the users reported changed are not the users that changed", "batch-readback",
                        "password-readback")
        elif changed:
            step.expect(False, "%s changed users and reported no results" % step.name)
        if not step.real["failed"]:
            for entry in options["users"]:
                record = step.before["users"].get(jujumodel.user_key(entry["name"]))
                stays_disabled = record is not None and record["disabled"] and entry.get("enabled") is not True
                for fact, wanted in jujumodel.promised_users_entry(entry, login_user, stays_disabled).items():
                    if fact[0] == "user":
                        record = step.after["users"].get(fact[1])
                        ok = (record is None) if wanted is None else (
                            record is not None and (wanted["enabled"] is None or
                                                    record["disabled"] == (not wanted["enabled"])))
                    elif fact[0] == "key":
                        ok = sshkeys.fingerprint(fact[2])[0] in [fp for fp, c in step.after["keys"].get(fact[1], [])]
                    else:
                        dummy, kind, target, key = fact
                        ok = observe.level(step.after, kind, target or None, key) == wanted
                    step.expect(ok, "%s succeeded, %r is not as declared (%r)" % (step.name, fact, wanted),
                                "batch-readback", "not-superuser")
        return step

    @rule(login=logins, name=st.one_of(st.none(), local_names, st.sampled_from(EXTERNAL)),
          include_access=st.booleans(), include_disabled=st.booleans())
    def info(self, login, name, include_access, include_disabled):
        options = {"include_access": include_access, "include_disabled": include_disabled}
        if name:
            options["name"] = name
        step = self.step(juju_user_info, options, login, None)
        step.common()
        step.expect(step.before == step.after and not step.real["changed"], "juju_user_info changed something")
        if step.real["failed"] or not step.superuser:
            return
        listed = dict((jujumodel.user_key(u["name"]), u) for u in step.real["users"])
        wanted = set(k for k, u in step.after["users"].items() if include_disabled or not u["disabled"])
        holders = set(k for levels in step.after["grants"].values() for k in levels if jujumodel.is_external(k))
        if include_access:
            wanted |= holders
            if any(all(k not in levels for t, levels in step.after["grants"].items() if t != observe.CONTROLLER)
                   for k in holders):
                step.exposures.add("external-audit")
            if any(step.after["grants"][observe.CONTROLLER].get(k) == "superuser" for k in listed):
                step.exposures.add("superuser-offer")
        if name:  # a named external user always has a record: a synthetic one (§4.7)
            wanted = {jujumodel.user_key(name)} if jujumodel.is_external(name) else wanted & {jujumodel.user_key(name)}
        step.expect(set(listed) == wanted, "the users listed are not the users there are", "external-audit")
        if include_access:
            for key, user in listed.items():
                for option, kind in (("models", "model"), ("offers", "offer"), ("clouds", "cloud")):
                    held = dict((t, levels[key]) for (k, t), levels in step.after["grants"].items()
                                if k == kind and key in levels)
                    if kind == "offer" and key == step.login_user:
                        # Juju shows a superuser login user its effective admin on every offer, never its own
                        # grant there (§19.2); the audit says so in not_listed.
                        held = dict((t, "admin") for (k, t) in step.after["grants"] if k == "offer")
                    step.expect(user.get(option) == held, "the audit of %s's %s is not their grants" % (key, option))
        if include_access:
            step.expect(any("the login user's own grants on offers" in text for text in step.real["not_listed"]),
                        "the audit does not say that it cannot show the login user's own offer grants")

    @initialize(play_role=st.integers(0, ROLE_SHARE - 1) if ROLE_SHARE else st.just(1))
    def choose_role(self, play_role):
        self.play_role = play_role == 0

    @precondition(lambda self: self.play_role and not self.role_runs)
    @rule(options=users_options(), login=st.sampled_from(("admin", "fred")), fault=faults, from_file=st.booleans())
    def role(self, options, login, fault, from_file):
        self.role_runs += 1
        STATS["role runs from juju_users_file"] += int(from_file)
        play = RolePlay(self.tmp, self.sim, login, self.resolve(options["users"]), TIMEOUT, from_file)
        self.batch("role users", options, login, fault, runner=play.run)


JujuModelMachine.TestCase.settings = settings.get_profile("juju-state-machine-" + PROFILE)
TestJujuModel = JujuModelMachine.TestCase


def test_known_gaps_are_named_by_their_issue_item():
    assert all(re.match(r"issue 14 item [1-8]: ", why) for why in KNOWN_GAPS.values())
    assert KNOWN_GAPS == {}
    assert all(re.match(r"juju-api.md §[0-9.]+: ", why) for why in LIMITS.values())
