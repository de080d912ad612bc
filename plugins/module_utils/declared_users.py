# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# A declared list of users -> the ordered batches of Juju calls that converge a controller
# to it. Pure functions over what was read (no I/O), so every rule is unit-tested without a
# network and check mode is the same plan, unapplied.
#
# Users are keyed by names.user_key (Juju's lower-cased identity: "Zed" and "zed" are one
# user) and reported by the spelling Juju returns. Levels move by access.plan, which knows
# the revoke quirks (juju-api.md §5.2, §6.4, §7.2). The order of PHASES is Juju's:
# a user must exist (add, enable) before access is given to it; a disabled user's controller
# access is hidden and locked (§4.4), so it is set after enable and before disable.

from collections import OrderedDict, namedtuple

from ansible_collections.juju.controller.plugins.module_utils import access, guards, names
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput, Refused

PHASES = ("remove", "add", "enable", "set_password", "controller", "model", "offer", "cloud", "disable")
ABSENT = "absent"  # a declared level meaning "no access to this target"
ACCESS_OPTIONS = ("controller_access", "models", "offers", "clouds")  # what state=absent cannot also give
# The options that allow a purge of an empty list, and removing a user who owns models (its models
# and offers stay, ownerless in all but name): refused unless the task says that it is meant.
EMPTY_PURGE, MODEL_OWNER_REMOVAL = "allow_empty_purge", guards.MODEL_OWNER_OPTION
# What an entry sets that only a controller superuser can apply or check (the options' names).
UNSEEN_SETTINGS = ("display_name", "password", "enabled", "controller_access", "clouds")
# How the purge off-boards the users that the declaration does not name: Juju's removal cannot be undone
# (a re-added name gets a new user, juju-api.md §19.7), a disable can.
PURGE_MODES = ("remove", "disable")
# What the purge did to a user, as the per-user results say it (the key "purged").
REMOVED, DISABLED_ACCESS_KEPT, DISABLED_ACCESS_REVOKED = "removed", "disabled_access_kept", "disabled_access_revoked"

# key: the user's user_key; label: what the change does, as reported; payload: the call's
# arguments (may hold a password: never reported).
Change = namedtuple("Change", ("phase", "key", "label", "payload"))
# changes: ordered by PHASES, then the login user's own lockout changes (allowed by
# allow_self_lockout) in PHASES order, so that every other change is made while the login user
# still may make it; users: OrderedDict key -> UserPlan; errors: sentences; own: how many of the
# last changes are the login user's own lockout; models: {owner/name: UUID} of the models the user plans
# name, so that the report gives both forms (a declaration may give either); purged: {user key: REMOVED,
# DISABLED_ACCESS_KEPT or DISABLED_ACCESS_REVOKED} for the users the purge handles.
Plan = namedtuple("Plan", ("changes", "users", "errors", "own", "models", "purged"))
UserPlan = namedtuple("UserPlan", ("name", "before", "after", "warnings"))
# users: {key: client user dict}; models: {model key: {"ref", "uuid", "owner", "users"}} where
# users is {user key: level}, or None when not read; offers: {url key: {"url", "levels"}}
# for the offers read (a URL absent from it does not exist); clouds: {name: {user key: level}} for
# the clouds read (likewise); owner: the controller owner's name (None if not visible);
# controller: the controller's name, for sentences.
Current = namedtuple("Current", ("login_user", "superuser", "controller", "owner", "users", "models", "offers",
                                 "clouds"))
# A model, offer or cloud as the plan sees it: levels is {user key: level}; owner the owner's key
# (None for a cloud); ident what the call names it by (a model's UUID, an offer's URL, a cloud's name).
Target = namedtuple("Target", ("key", "ref", "levels", "owner", "ident"))


class ControllerAccessAfterEnable(namedtuple("ControllerAccessAfterEnable", ("name", "level"))):
    """A disabled user's controller level is hidden until it is enabled: the call is decided then."""


def _sentence_for(name, error):
    text = str(error)
    return 'User "%s": %s%s' % (name, text, "" if text.endswith(".") else ".")


def model_key(owner, name):
    return "%s/%s" % (names.user_key(owner), name)


def offer_key(url):
    owner, rest = url.split("/", 1)
    return "%s/%s" % (names.user_key(owner), rest)


# ---- the declaration ---------------------------------------------------------------------

def _levels(name, kind, declared, problems):
    """{target: level or None}, each level checked (targets are checked against the reads later)."""
    out = OrderedDict()
    valid = access.LEVELS[kind]
    for target, level in (declared or {}).items():
        if level not in valid + (ABSENT,):
            shown = "null" if level is None else '"%s"' % (level,)
            problems.append('User "%s": the level for %s "%s" is %s, but must be one of %s, or absent for no '
                            'access.' % (name, kind, target, shown, ", ".join(valid)))
            continue
        try:
            if kind == "model":
                names.parse_model_ref(target)
            elif kind == "cloud":
                names.cloud_tag(target)
            elif ":" in str(target):
                raise InvalidInput("offer \"%s\" must be a URL of this controller, [owner/]model.offer, without a "
                                   "controller name or endpoint" % target)
            else:
                names.parse_offer_url(target, "owner")  # syntax only: the owner defaults to the login user
        except InvalidInput as exc:
            problems.append(_sentence_for(name, exc))
            continue
        out[target] = None if level == ABSENT else level
    return out


def _entry(index, raw, problems):
    try:
        name = names.validate_user_name(raw.get("name"), local_only=True)
    except InvalidInput as exc:
        problems.append("In users[%d], %s" % (index, exc))  # no valid name to call the entry by
        return None
    entry = dict(raw, name=name, key=names.user_key(name), state=raw.get("state") or "present",
                 update_password=raw.get("update_password") or "on_create", index=index)
    if entry.get("password") is not None and not entry["password"]:
        problems.append('User "%s": the password must not be empty (leave it out to get a registration string).'
                        % name)
    if entry["update_password"] == "always" and entry.get("password") is None:
        problems.append('User "%s" (users[%d]): update_password is always, but no password is given.' % (name, index))
    given = [option for option in ACCESS_OPTIONS if raw.get(option) not in (None, {})]
    if entry["state"] == "absent" and given:
        problems.append('User "%s" (users[%d]): state absent removes the user with all its access, so the entry '
                        'cannot also give %s; leave %s out.' % (name, index, ", ".join(given),
                                                                "it" if len(given) == 1 else "them"))
    entry["models"] = _levels(name, "model", raw.get("models"), problems)
    entry["offers"] = _levels(name, "offer", raw.get("offers"), problems)
    entry["clouds"] = _levels(name, "cloud", raw.get("clouds"), problems)
    return entry


def normalise(users, protected=()):
    """(entries, protected keys) from the options; InvalidInput names every problem found.

    Checks everything that needs no controller: names, duplicates (Juju's case rule),
    empty passwords, levels and the syntax of model, offer and cloud names.
    """
    problems, entries, seen = [], [], set()
    for index, raw in enumerate(users or ()):
        entry = _entry(index, raw, problems)
        if entry is None:
            continue
        if entry["key"] in seen:
            problems.append('User "%s" is listed more than once in users.' % entry["name"])
        seen.add(entry["key"])
        entries.append(entry)
    keys = set()
    for name in protected or ():
        try:
            keys.add(names.user_key(name))
        except InvalidInput as exc:
            problems.append("protected: %s" % exc)
    if problems:
        raise InvalidInput(" ".join(problems))
    return entries, keys


def check_purge_mode(purge, purge_mode):
    """InvalidInput for purge_mode=disable without purge, which would silently off-board nobody."""
    if purge_mode == "disable" and not purge:
        raise InvalidInput("purge_mode=disable says how purge off-boards the users that users does not name, but purge "
                           "is false; set purge=true, or leave purge_mode out.")


def targets_to_read(entries, login_user):
    """(model keys and UUIDs, offer URLs, cloud names) that the declaration names: what must be read before
    planning (a model given by UUID is in the set as its UUID)."""
    models, offers, clouds = set(), set(), set()
    for entry in entries:
        if entry["state"] != "present":
            continue
        for ref in entry["models"]:
            models.add(ref if names.is_model_uuid(ref) else model_key(*names.parse_model_ref(ref, login_user)))
        for url in entry["offers"]:
            offers.add(names.parse_offer_url(url, login_user))
        clouds.update(entry["clouds"])
    return models, offers, clouds


# ---- the current state ---------------------------------------------------------------------

def current_state(login, owner, users, models, model_users, offers, clouds):
    """Current from the reads: login (login user, whether it is a superuser, controller name), the
    controller owner (the controller model's owner, None if not visible: guards.is_controller_owner),
    users (user_info), models (list_models), model_users ({uuid: {user: level}} for the models read)
    offers ({url: {user: level}}) and clouds ({name: {user: level}}), each for those read."""
    login_user, superuser, controller = login
    by_model = {}
    for model in models:
        levels = model_users.get(model["uuid"])
        by_model[model_key(model["owner"], model["name"])] = {
            "ref": model["ref"], "uuid": model["uuid"], "owner": names.user_key(model["owner"]),
            "users": None if levels is None else _keyed(levels)}
    by_offer = dict((offer_key(url), {"url": url, "levels": _keyed(levels)}) for url, levels in offers.items())
    return Current(names.validate_user_name(login_user), superuser, controller, owner,
                   dict((names.user_key(u["name"]), u) for u in users), by_model, by_offer,
                   dict((cloud, _keyed(levels)) for cloud, levels in clouds.items()))


def _keyed(levels):
    return dict((names.user_key(user), level) for user, level in levels.items())


def password_checks(current, entries):
    """Keys of the users whose update_password=always is verified by logging in as them: those
    that exist, are enabled and may log in (a login is the only way to compare a password)."""
    wanted = []
    for entry in entries:
        user = current.users.get(entry["key"])
        if (entry["state"] == "present" and entry.get("password") and entry["update_password"] == "always"
                and user is not None and user["enabled"] and user.get("access")):
            wanted.append(entry["key"])
    return wanted


# ---- the plan --------------------------------------------------------------------------------

class _Planner(object):
    """One plan; its methods each add one kind of change for one user."""

    def __init__(self, current, entries, purge, purge_access, protected, verified, allow_self_lockout,
                 allow=frozenset(), purge_mode="remove"):
        self.current = current
        self.entries = entries
        self.purge, self.purge_access = purge, purge_access
        self.disabling_purge = purge and purge_mode == "disable"
        self.purged = {}
        self.allow = allow
        self.verified = verified or {}
        self.allow_self_lockout = allow_self_lockout
        self.login = names.user_key(current.login_user)
        self.listed = set(protected or ())
        # Never purged, nor their grants: the login user, the controller owner and the protected.
        self.protected = self.listed | set([self.login]) | (
            set([names.user_key(current.owner)]) if current.owner else set())
        self.changes = dict((phase, []) for phase in PHASES)
        self.own = dict((phase, []) for phase in PHASES)  # the login user's own lockout, made last
        self.users = OrderedDict()
        self.models = {}
        self.errors = []
        self.targets = {}  # (kind, as declared): its Target, once found (thousands of users name the same few)

    def add(self, phase, key, label, payload, own=False):
        (self.own if own else self.changes)[phase].append(Change(phase, key, label, payload))

    def error(self, text):
        if text not in self.errors:  # e.g. one refusal for each of a user's clouds: said once
            self.errors.append(text)

    def refused(self, check, *args):
        """True (and the refusal as an error) when a guards check refuses the change."""
        try:
            check(*args)
        except Refused as refusal:
            text = str(refusal)
            self.error(text[0].upper() + text[1:])
            return True
        return False

    def refused_user_actions(self, user, name, actions):
        return self.refused(guards.check_user_actions, user, name, actions, self.current.login_user,
                            self.current.superuser, self.allow_self_lockout, self.current.owner)

    def refused_access_change(self, target, name, have, level):
        return self.refused(guards.check_access_change, target, name, have, level, self.current.login_user,
                            self.current.superuser, None, self.allow_self_lockout)

    def plan(self):
        if not self.current.superuser:
            self.refused(guards.check_unseen_user, None, (), self.current.login_user, self.purge)
        for entry in self.entries:
            if entry["state"] == "absent":
                self.absent(entry)
            elif self.unseen(entry["key"]):
                self.present_unseen(entry)
            else:
                self.present(entry)
        if self.purge:
            declared = set(e["key"] for e in self.entries)
            purged = [(key, user) for key, user in sorted(self.current.users.items())
                      if key not in declared and key not in self.protected]
            if purged and not self.entries and EMPTY_PURGE not in self.allow:
                # A misspelled or unset list must not empty the controller.
                self.error("Purge is true but users is empty, which would %s every user of the controller but "
                           "the login user, the controller owner and the protected users (%d user%s); set %s to true "
                           "if that is meant." % ("disable" if self.disabling_purge else "remove", len(purged),
                                                  "" if len(purged) == 1 else "s", EMPTY_PURGE))
                purged = []
            for key, user in purged:
                if self.disabling_purge:
                    self.disable_undeclared(key, user)
                    continue
                self.remove(key, user)
                if key in self.users:  # not refused
                    self.purged[key] = REMOVED
        ordered = [change for changes in (self.changes, self.own) for phase in PHASES for change in changes[phase]]
        return Plan(ordered, self.users, self.errors, sum(len(changes) for changes in self.own.values()),
                    self.models, self.purged)

    # -- users -------------------------------------------------------------------------------

    def unseen(self, key):
        """Whether the user's record is hidden from the login user (only a superuser sees other users, §19.5)."""
        return not self.current.superuser and key != self.login

    def absent(self, entry):
        key, user = entry["key"], self.current.users.get(entry["key"])
        name = user["name"] if user else entry["name"]
        if key in self.listed:
            self.error('User "%s" cannot be removed: it is listed in protected.' % name)
        elif self.unseen(key):
            self.refused_user_actions(None, name, ["remove"])
        elif user is not None:
            if not self.refused_user_actions(user, name, ["remove"]):
                self.remove(key, user)
        else:
            self.users[key] = UserPlan(entry["name"], {"name": entry["name"], "state": "absent"},
                                       {"name": entry["name"], "state": "absent"}, [])

    def remove(self, key, user):
        if self.refused(guards.check_model_owner_removal, user["name"], ["remove"], self.current.models.values(),
                        MODEL_OWNER_REMOVAL in self.allow):
            return
        self.add("remove", key, "remove", user["name"], own=key == self.login)
        self.users[key] = UserPlan(user["name"], _view(user), {"name": user["name"], "state": "absent"}, [])

    def disable_undeclared(self, key, user):
        """purge_mode=disable: the user is disabled (unless it is already), keeping its controller access
        and its access to its own models and their offers, and, with purge_access, losing every other grant.
        The revokes come first: Juju refuses to change most grants of a disabled user (juju-api.md §19.3).
        Never the login user, the controller owner or the protected (plan() leaves them out)."""
        name = user["name"]
        before = _view(user)
        after = dict(before, enabled=False)
        warnings = []
        self.users[key] = UserPlan(name, before, after, warnings)
        self.purged[key] = DISABLED_ACCESS_REVOKED if self.purge_access else DISABLED_ACCESS_KEPT
        if self.purge_access:
            nothing = {"key": key, "index": None, "models": {}, "offers": {}, "clouds": {}}
            for kind in ("model", "offer", "cloud") if user["enabled"] else ("model", "cloud"):
                self.grants(kind, nothing, user, name, not user["enabled"], before, after)
            if not user["enabled"]:
                self.offers_kept_while_disabled(key, name, warnings)
        if user["enabled"]:
            self.add("disable", key, "disable", name)

    def offers_kept_while_disabled(self, key, name, warnings):
        """Juju revokes no offer access of a disabled user ("user is disabled", juju-api.md §19.3), and
        enabling the user for the revoke would let it log in meanwhile: its offer grants are kept, and said."""
        kept = [target.ref for target in self.readable("offer") if target.levels.get(key) and target.owner != key]
        if kept:
            warnings.append('User "%s" was already disabled, and Juju revokes no offer access of a disabled user, so it '
                            'keeps its access to the offer%s %s; to revoke it, enable the user (list it), revoke, and '
                            'off-board it again, or remove it.' % (name, "" if len(kept) == 1 else "s",
                                                                   ", ".join(kept)))

    def enabled_wanted(self, entry):
        """The entry's enabled, where purge_mode=disable makes "declared" mean "enabled" unless it says false:
        a user off-boarded by disabling comes back by being declared again."""
        if entry.get("enabled") is None and self.disabling_purge:
            return True
        return entry.get("enabled")

    def present(self, entry):
        key, user = entry["key"], self.current.users.get(entry["key"])
        name = user["name"] if user else entry["name"]
        before = _view(user) if user else {"name": name, "state": "absent"}
        after = dict(_view(user)) if user else {"name": name, "state": "present",
                                                "display_name": entry.get("display_name") or "",
                                                "enabled": True, "controller_access": "login"}
        warnings = []
        self.users[key] = UserPlan(name, before, after, warnings)
        enabled = self.enabled_wanted(entry)
        enabling = bool(user) and enabled is True and not user["enabled"]
        disabling = enabled is False and (user is None or user["enabled"])
        stays_disabled = bool(user) and not user["enabled"] and not enabling
        if disabling:
            disabling = not self.refused_user_actions(user, name, ["disable"])
        if user is None:
            self.add("add", key, "add", {"name": name, "display_name": entry.get("display_name") or "",
                                         "password": entry.get("password")})
        elif entry.get("display_name") is not None and entry["display_name"] != (user["display_name"] or ""):
            kept = '"%s"' % user["display_name"] if user["display_name"] else "no display name"
            warnings.append('Juju cannot change the display name of an existing user, so user "%s" keeps %s '
                            '(only removing and re-creating the user changes it).' % (name, kept))
        if enabling:
            self.add("enable", key, "enable", name)
            after["enabled"] = True
        self.password(entry, user, name, enabling, stays_disabled, before, after, warnings)
        self.controller(entry, user, name, enabling, stays_disabled, before, after)
        for kind in ("model", "offer", "cloud"):
            self.grants(kind, entry, user, name, stays_disabled, before, after)
        if disabling:
            self.add("disable", key, "disable", name, own=key == self.login)
            after["enabled"] = False

    def present_unseen(self, entry):
        """An entry for a user the login user cannot see: its model and offer access, planned from the grants the
        login user can read, and a warning saying what it cannot know."""
        name = entry["name"]
        settings = [option for option in UNSEEN_SETTINGS if entry.get(option) not in (None, {})]
        if self.refused(guards.check_unseen_user, name, settings, self.current.login_user, False):
            return
        before, after = {"name": name}, {"name": name}
        self.users[entry["key"]] = UserPlan(name, before, after, [])
        count = len(self.changes["model"]) + len(self.changes["offer"])
        for kind in ("model", "offer"):
            self.grants(kind, entry, None, name, False, before, after)
        if len(self.changes["model"]) + len(self.changes["offer"]) > count:
            self.users[entry["key"]].warnings.append(guards.unseen_user(self.current.login_user, name))

    def password(self, entry, user, name, enabling, stays_disabled, before, after, warnings):
        if user is None:
            if entry.get("password"):
                after["password"] = "changed"
            return
        if not entry.get("password") or entry["update_password"] != "always":
            return
        if stays_disabled:
            # A disabled user cannot log in, so its password cannot be compared: it is set once enabled.
            warnings.append('user "%s" is disabled and stays disabled, so it cannot log in and its password cannot be '
                            'verified; the password is set once the user is enabled.' % name)
            return
        ok = self.verified.get(entry["key"])
        before["password"] = "unchanged"
        after["password"] = "unchanged" if ok else "changed"
        if ok:
            return
        self.add("set_password", entry["key"], "set password", (name, entry["password"]))
        if entry["key"] == self.login:
            warnings.append(guards.own_password_changed(name))
        if ok is None and not enabling and not entry.get("controller_access"):
            # With controller access given in this run, the next run can log in and compare.
            warnings.append('user "%s" cannot log in (it has no access to the controller), so its password '
                            'cannot be verified and is set on every run.' % name)

    def controller(self, entry, user, name, enabling, stays_disabled, before, after):
        wanted = entry.get("controller_access")
        if wanted is not None and stays_disabled:
            self.users[entry["key"]].warnings.append(
                'user "%s" is disabled and stays disabled, and Juju neither shows nor changes the controller access '
                'of a disabled user, so controller_access %s is applied only once the user is enabled.'
                % (name, wanted))
        if wanted is None or stays_disabled:
            return
        current = None if enabling else user.get("access") if user else "login"  # a new user has login (§4.2)
        changes = access.plan("controller", current, wanted)
        if changes and self.refused_access_change({"kind": "controller", "name": self.current.controller}, name,
                                                  current, wanted):
            return
        after["controller_access"] = wanted
        if enabling:
            before["controller_access"] = None  # hidden while disabled
            self.add("controller", entry["key"], "set controller access %s once enabled" % wanted,
                     ControllerAccessAfterEnable(name, wanted))
            return
        for change in changes:
            self.add("controller", entry["key"], "%s controller %s" % change, (name,) + tuple(change),
                     own=entry["key"] == self.login)

    def grants(self, kind, entry, user, name, stays_disabled, before, after):
        key, declared, spelled = entry["key"], OrderedDict(), {}
        for given, level in entry[kind + "s"].items():
            target = self.target(kind, given, name)
            if target is None:
                continue
            if target.key in spelled:  # the same target twice (an alias, or the owner's case): which one is meant?
                self.error('User "%s" (users[%d]): %s "%s" is given twice in %ss, as "%s" and "%s"; give it once.'
                           % (name, entry["index"], kind, target.ref, kind, spelled[target.key], given))
                continue
            spelled[target.key] = given
            declared[target.key] = (target, level)
        known = user is not None or self.unseen(key)  # else a user being created, who holds nothing yet
        if self.purge_access and key not in self.protected and known:
            for target in self.readable(kind):
                # Not a superuser: only what it administers, the grants it may revoke (§19.5).
                mine = self.current.superuser or target.levels.get(self.login) == "admin"
                if target.key not in declared and target.levels.get(key) and target.owner != key and mine:
                    declared[target.key] = (target, None)
        for target, level in declared.values():
            if kind == "model":
                self.models[target.ref] = target.ident
            have = target.levels.get(key) if known else None
            before.setdefault(kind + "s", {})[target.ref] = have
            if kind == "offer" and key == self.login and self.current.superuser and have != level:
                # An offer shows a superuser login user its effective admin only, which no revoke lowers (§19.2).
                after.setdefault(kind + "s", {})[target.ref] = have
                self.users[key].warnings.append(guards.implicit_offer_admin(name, target.ref))
                continue
            after.setdefault(kind + "s", {})[target.ref] = level
            changes = access.plan(kind, have, level)
            if changes and stays_disabled and self.refused(guards.check_disabled_user_change,
                                                           {"kind": kind, "name": target.ref}, user, have, level):
                continue
            if changes and self.refused(guards.check_access_change, {"kind": kind, "name": target.ref}, name, have,
                                        level, self.current.login_user, self.current.superuser,
                                        target.levels.get(self.login), self.allow_self_lockout):
                continue
            for change in changes:
                self.add(kind, key, "%s %s %s %s" % (change.action, kind, target.ref, change.level),
                         (name, change.action, change.level, target.ident))

    def target(self, kind, given, name):
        """The Target of a declared model, offer or cloud, or None (with an error) when the reads do not know it."""
        target = self.targets.get((kind, given))
        if target is None:
            target = self.targets[(kind, given)] = self.find_target(kind, given, name)
        return target

    def find_target(self, kind, given, name):
        if kind == "model":
            tkey, ref = self.model_by_ref(given)
            found = self.current.models.get(tkey)
            if found is not None and found["users"] is not None:
                return _model_target(tkey, found)
        elif kind == "cloud":
            if given in self.current.clouds:
                return _cloud_target(given, self.current.clouds[given])
            ref = given
        else:
            ref = names.parse_offer_url(given, self.current.login_user)
            if offer_key(ref) in self.current.offers:
                return _offer_target(offer_key(ref), self.current.offers[offer_key(ref)])
        self.error('User "%s": %s "%s" was not found on the controller (or the login user "%s" cannot see it).'
                   % (name, kind, ref, self.current.login_user))
        return None

    def model_by_ref(self, given):
        """(model key or None, the model as sentences name it) of a declared model: a UUID (taken as a UUID
        first, juju-api.md §19.1), "owner/name" or "name" (of the login user)."""
        if names.is_model_uuid(given):
            found = [tkey for tkey, model in self.current.models.items() if model["uuid"] == given]
            return (found[0] if found else None), given
        owner, model = names.parse_model_ref(given, self.current.login_user)
        return model_key(owner, model), "%s/%s" % (owner, model)

    def readable(self, kind):
        """Every read target of a kind, as target() returns them (for purge_access)."""
        if kind == "model":
            for tkey, model in sorted(self.current.models.items()):
                if model["users"] is not None:
                    yield _model_target(tkey, model)
        elif kind == "cloud":
            for cloud, levels in sorted(self.current.clouds.items()):
                yield _cloud_target(cloud, levels)
        else:
            for tkey, levels in sorted(self.current.offers.items()):
                yield _offer_target(tkey, levels)


def _model_target(key, model):
    return Target(key, model["ref"], model["users"], model["owner"], model["uuid"])


def _offer_target(key, offer):
    return Target(key, offer["url"], offer["levels"], key.split("/")[0], offer["url"])


def _cloud_target(cloud, levels):
    return Target(cloud, cloud, levels, None, cloud)


def _view(user):
    return {"name": user["name"], "state": "present", "display_name": user.get("display_name") or "",
            "enabled": bool(user["enabled"]), "controller_access": user.get("access")}


def plan(current, entries, purge=False, purge_access=False, protected=(), verified=None, allow_self_lockout=False,
         allow=frozenset(), purge_mode="remove"):
    """Plan(changes in PHASES order, per-user plans, errors) that converges current to entries.

    verified: {user key: True/False}, the result of each login made for password_checks().
    allow_self_lockout: as the option (guards): the login user may lower or remove its own access.
    allow: the names of the options that allow what is otherwise refused (EMPTY_PURGE, MODEL_OWNER_REMOVAL).
    purge_mode: one of PURGE_MODES, how the purge off-boards the users the entries do not name.
    Any error means the declaration cannot be applied as it stands: nothing may be written.
    """
    return _Planner(current, entries, purge, purge_access, protected, verified, allow_self_lockout, allow,
                    purge_mode).plan()


def resolve_after_enable(change, level_now):
    """The controller changes of a ControllerAccessAfterEnable, once the user's level is readable."""
    return [Change("controller", change.key, "%s controller %s" % c, (change.payload.name,) + tuple(c))
            for c in access.plan("controller", level_now, change.payload.level)]
