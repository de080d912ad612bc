# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""declared_users: the declaration's checks and the plan, pure (no controller)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import declared_users as du
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

UUIDS = {"admin/controller": "00000000-0000-4000-8000-000000000000",
         "admin/default": "00000000-0000-4000-8000-000000000001",
         "admin/staging": "00000000-0000-4000-8000-000000000002",
         "fred/prod": "00000000-0000-4000-8000-000000000003"}


# Purges of an empty list and removals of model owners, allowed where a test is about something else.
ALLOW_ALL = frozenset([du.EMPTY_PURGE, du.MODEL_OWNER_REMOVAL])


def user(name, access="login", enabled=True, display_name="", created_by="boss"):
    return {"name": name, "display_name": display_name, "access": access if enabled else None,
            "enabled": enabled, "created_by": created_by}


def current(users=(), model_users=None, offers=None, login="boss", owner="boss", clouds=None):
    """A controller `sim` owned by `boss` (not admin), read by a superuser: the owner is found from the reads."""
    users = [user("boss", "superuser", created_by="boss"), user("fred")] + list(users)
    models = [{"name": ref.split("/")[1], "owner": "boss" if ref.startswith("admin/") else "fred",
               "uuid": uuid, "ref": ref.replace("admin/", "boss/")} for ref, uuid in UUIDS.items()]
    levels = dict((UUIDS[ref], dict(v)) for ref, v in (model_users or {}).items())
    for ref, uuid in UUIDS.items():
        levels.setdefault(uuid, {})
    return du.current_state((login, True, "sim"), owner, users, models, levels, offers or {}, clouds or {})


def plan(entries, cur=None, protected=(), **kw):
    entries, keys = du.normalise(entries, protected)
    return du.plan(cur or current(), entries, protected=keys, **kw)


def labels(p):
    return [(c.phase, c.key, c.label) for c in p.changes]


# ---- the declaration ------------------------------------------------------------------------------

@pytest.mark.parametrize("entries, message", [
    ([{"name": "alice"}, {"name": "ALICE@local"}], 'User "ALICE" is listed more than once in users.'),
    ([{"name": "bob@external"}], 'In users[0], user "bob@external" is an external user (@external)'),
    ([{"name": "bob"}, {"name": "a_b"}], 'In users[1], user name "a_b" is not valid'),
    ([{"name": "bob", "password": ""}], 'User "bob": the password must not be empty'),
    ([{"name": "bob", "models": {"default": "superuser"}}],
     'User "bob": the level for model "default" is "superuser", but must be one of read, write, admin, or absent '
     'for no access.'),
    ([{"name": "bob", "offers": {"admin/prod.db": "write"}}],
     'the level for offer "admin/prod.db" is "write", but must be one of read, consume, admin'),
    ([{"name": "bob", "offers": {"sim:admin/prod.db": "read"}}],
     'User "bob": offer "sim:admin/prod.db" must be a URL of this controller'),
    ([{"name": "bob", "models": {"Bad_Model": "read"}}], 'User "bob": model name "Bad_Model"'),
    ([{"name": "bob", "clouds": {"lxd": "read"}}],
     'User "bob": the level for cloud "lxd" is "read", but must be one of add-model, admin, or absent for no access.'),
    ([{"name": "bob", "clouds": {"my cloud": "admin"}}], 'User "bob": cloud name "my cloud" is not valid'),
    # An empty string is an error, never "the default" or "the login user's".
    ([{"name": ""}], "In users[0], a user name is required."),
    ([{"name": "bob", "models": {"default": None}}],
     'User "bob": the level for model "default" is null, but must be one of read, write, admin, or absent for no '
     'access.'),
    ([{"name": "bob", "models": {"": "read"}}], 'User "bob": a model reference is required.'),
    ([{"name": "bob", "offers": {"": "read"}}], 'User "bob": an offer URL is required.'),
])
def test_declaration_problems_are_sentences_naming_the_user(entries, message):
    with pytest.raises(InvalidInput) as info:
        du.normalise(entries)
    assert message in str(info.value)


def test_an_empty_protected_name_is_an_error():
    with pytest.raises(InvalidInput, match="protected: a user name is required."):
        du.normalise([], [""])


def test_every_problem_is_reported_at_once():
    with pytest.raises(InvalidInput) as info:
        du.normalise([{"name": "bob", "password": ""}, {"name": "carol", "models": {"x": "owner"}}], ["ok", "b"])
    text = str(info.value)
    assert text.count('User "') == 2 and 'protected: user name "b" is not valid' in text


def test_protected_names_are_keys_and_at_local_is_the_same_user():
    entries, keys = du.normalise([{"name": "Zed@local"}], ["CI-Bot", "ops@local"])
    assert keys == {"ci-bot", "ops"}
    assert (entries[0]["name"], entries[0]["key"], entries[0]["state"]) == ("Zed", "zed", "present")


# ---- users -------------------------------------------------------------------------------------

def test_a_new_user_is_created_then_given_access_then_disabled_in_phase_order():
    p = plan([{"name": "nia", "controller_access": "superuser", "enabled": False, "models": {"default": "write"},
               "offers": {"fred/prod.db": "consume"}}],
             current(offers={"fred/prod.db": {"fred": "admin"}}))
    assert p.errors == []
    assert labels(p) == [("add", "nia", "add"), ("controller", "nia", "grant controller superuser"),
                         ("model", "nia", "grant model boss/default write"),
                         ("offer", "nia", "grant offer fred/prod.db consume"), ("disable", "nia", "disable")]
    assert p.changes[0].payload == {"name": "nia", "display_name": "", "password": None}
    assert p.changes[2].payload == ("nia", "grant", "write", UUIDS["admin/default"])
    assert p.users["nia"].before == {"name": "nia", "state": "absent", "models": {"boss/default": None},
                                     "offers": {"fred/prod.db": None}}
    assert p.users["nia"].after == {"name": "nia", "state": "present", "display_name": "", "enabled": False,
                                    "controller_access": "superuser", "models": {"boss/default": "write"},
                                    "offers": {"fred/prod.db": "consume"}}


def test_names_compare_case_insensitively_and_results_use_jujus_spelling():
    p = plan([{"name": "zed", "controller_access": "login"}], current([user("Zed")]), purge=True, allow=ALLOW_ALL)
    assert labels(p) == [("remove", "fred", "remove")]
    assert p.users["zed"].name == "Zed"


def test_purge_keeps_login_user_owner_and_protected_users():
    # root2 created itself (as only the bootstrap user does), yet the owner is the controller model's: boss.
    cur = current([user("ops", "superuser"), user("ci-bot"), user("root2", created_by="root2")], login="ops")
    p = plan([], cur, purge=True, protected=["CI-Bot"], allow=ALLOW_ALL)
    assert labels(p) == [("remove", "fred", "remove"), ("remove", "root2", "remove")]


@pytest.mark.parametrize("name, message", [
    ("boss", 'User "boss" is the controller owner, which Juju can neither remove nor disable.'),
    ("ops", 'Removing user "ops" would lock out the login user "ops" itself, after which it could no longer log in; '
            'set allow_self_lockout=true if that is really meant.'),
    ("ci-bot", 'User "ci-bot" cannot be removed: it is listed in protected.'),
])
def test_removing_the_login_user_the_owner_or_a_protected_user_is_refused(name, message):
    p = plan([{"name": name, "state": "absent"}], current([user("ops", "superuser"), user("ci-bot")], login="ops"),
             protected=["ci-bot"])
    assert p.errors == [message] and p.changes == []


def test_the_owner_is_the_controller_models_owner_whatever_its_name():
    cur = current([user("boss2", created_by="boss")], owner="boss2")
    p = plan([{"name": "boss2", "enabled": False}, {"name": "boss", "enabled": False}], cur, allow_self_lockout=True)
    assert p.errors == ['User "boss2" is the controller owner, which Juju can neither remove nor disable.']
    assert labels(p) == [("disable", "boss", "disable")]  # boss: the login user, allowed to lock itself out


def test_lowering_the_login_users_controller_access_is_refused_unless_allowed():
    declared = [{"name": "BOSS", "controller_access": "login"}, {"name": "fred", "controller_access": "superuser"}]
    refused = plan(declared)
    assert refused.errors == [
        'Lowering the access to controller "sim" from superuser to login would lock out the login user "boss" '
        'itself, after which it could no longer manage what that access allowed; set allow_self_lockout=true if '
        'that is really meant.']
    allowed = plan(declared, allow_self_lockout=True)
    assert allowed.errors == []
    # The login user's own change comes last, after every change it still needs superuser for.
    assert labels(allowed) == [("controller", "fred", "grant controller superuser"),
                               ("controller", "boss", "revoke controller superuser")]


def test_a_login_user_removing_itself_does_so_after_every_other_change():
    p = plan([{"name": "boss", "state": "absent"}, {"name": "nia"}], current(owner="fred"), allow_self_lockout=True,
             allow=ALLOW_ALL)
    assert p.errors == [] and labels(p) == [("add", "nia", "add"), ("remove", "boss", "remove")]


def test_unknown_models_and_offers_are_errors_naming_user_and_target():
    p = plan([{"name": "nia", "models": {"nope": "read"}, "offers": {"fred/prod.nope": "read"}}])
    assert p.errors == [
        'User "nia": model "boss/nope" was not found on the controller (or the login user "boss" cannot see it).',
        'User "nia": offer "fred/prod.nope" was not found on the controller (or the login user "boss" cannot see it).']


def test_display_name_differences_warn_without_a_change():
    p = plan([{"name": "fred", "display_name": "Frederick"}])
    assert p.changes == []
    assert p.users["fred"].warnings == ['Juju cannot change the display name of an existing user, so user "fred" '
                                        'keeps no display name (only removing and re-creating the user changes it).']


# ---- disabled users ------------------------------------------------------------------------------

def test_access_of_a_user_being_enabled_waits_for_the_enable():
    p = plan([{"name": "dan", "enabled": True, "controller_access": "superuser", "models": {"default": "read"}}],
             current([user("dan", enabled=False)], {"admin/default": {"dan": "admin"}}))
    assert labels(p) == [("enable", "dan", "enable"),
                         ("controller", "dan", "set controller access superuser once enabled"),
                         ("model", "dan", "revoke model boss/default write")]
    waiting = p.changes[1].payload
    assert isinstance(waiting, du.ControllerAccessAfterEnable) and waiting == ("dan", "superuser")
    assert [c.label for c in du.resolve_after_enable(p.changes[1], "login")] == ["grant controller superuser"]
    assert du.resolve_after_enable(p.changes[1], "superuser") == []


def test_a_user_that_stays_disabled_keeps_its_password_and_hidden_controller_access_and_says_so():
    p = plan([{"name": "dan", "password": "pw-dan", "update_password": "always", "controller_access": "superuser"}],
             current([user("dan", enabled=False)]), verified={})
    assert p.changes == [] and p.users["dan"].warnings == [
        'user "dan" is disabled and stays disabled, so it cannot log in and its password cannot be verified; the '
        'password is set once the user is enabled.',
        'user "dan" is disabled and stays disabled, and Juju neither shows nor changes the controller access of a '
        'disabled user, so controller_access superuser is applied only once the user is enabled.']


def test_a_disabled_users_model_grants_can_only_be_removed_and_offer_grants_only_made():
    """juju-api.md §19.3: st.UserAccess refuses a disabled user except on these paths."""
    cur = current([user("dan", enabled=False)], {"admin/default": {"dan": "read"}, "admin/staging": {"dan": "write"}},
                  offers={"fred/prod.db": {"dan": "consume"}, "fred/prod.web": {}})
    p = plan([{"name": "dan", "models": {"boss/staging": "absent"}, "offers": {"fred/prod.web": "read"}}], cur)
    assert (labels(p), p.errors) == ([("model", "dan", "revoke model boss/staging read"),
                                      ("offer", "dan", "grant offer fred/prod.web read")], [])
    p = plan([{"name": "dan", "models": {"default": "admin", "fred/prod": "read"}, "offers": {"fred/prod.db": "read"}}],
             cur)
    assert p.errors == [
        'User "dan" is disabled, and Juju changes the model access of a disabled user only to remove it, so its access '
        'to model "boss/default" cannot go from read to admin; enable the user first.',
        'User "dan" is disabled, and Juju changes the model access of a disabled user only to remove it, so its access '
        'to model "fred/prod" cannot go from none to read; enable the user first.',
        'User "dan" is disabled, and Juju changes the offer access of a disabled user only to give it some where it '
        'has none, so its access to offer "fred/prod.db" cannot go from consume to read; enable the user first.']
    assert plan([{"name": "dan", "enabled": True, "models": {"default": "admin"}}], cur).errors == []


@pytest.mark.parametrize("level, warned", [("read", True), ("absent", True), ("admin", False)])
def test_the_superuser_login_users_own_offer_access_is_left_as_it_is(level, warned):
    """juju-api.md §19.2: the offer shows it its effective admin, which no revoke lowers."""
    cur = current(offers={"fred/prod.db": {"boss": "admin", "fred": "admin"}})
    p = plan([{"name": "boss", "offers": {"fred/prod.db": level}}], cur)
    assert (p.changes, p.errors) == ([], [])
    assert p.users["boss"].after["offers"] == {"fred/prod.db": "admin"}
    assert p.users["boss"].warnings == ([
        'user "boss" is the login user and a controller superuser: Juju gives it admin on offer "fred/prod.db" '
        'whatever its grant there, shows it no grant of its own and lowers that admin by no revoke, so its access is '
        'left as it is (its grant can be managed logged in as another superuser).'] if warned else [])
    other = plan([{"name": "fred", "offers": {"fred/prod.db": level}}], cur)
    assert bool(other.changes) == warned  # another user's grant is managed as usual


def model_admin_view():
    """What fred, admin of fred/prod and no controller superuser, reads: only its own user record (§19.5)."""
    models = [{"name": "prod", "owner": "fred", "uuid": UUIDS["fred/prod"], "ref": "fred/prod"}]
    return du.current_state(("fred", False, "sim"), None, [user("fred")], models,
                            {UUIDS["fred/prod"]: {"fred": "admin", "bob": "read"}},
                            {"fred/prod.db": {"fred": "admin", "bob": "consume"}}, {})


def test_a_model_admin_plans_grants_from_what_it_sees_and_says_what_it_cannot_know():
    p = plan([{"name": "bob", "models": {"prod": "write"}, "offers": {"fred/prod.db": "consume"}},
              {"name": "carol", "models": {"fred/prod": "absent"}}], model_admin_view())
    assert (labels(p), p.errors) == ([("model", "bob", "grant model fred/prod write")], [])
    assert p.users["bob"].warnings == [
        'the login user "fred" is not a controller superuser, so it cannot see whether user "bob" exists or is '
        'disabled; Juju refuses a grant to a user that does not exist, and most changes of a disabled user\'s access.']
    assert p.users["carol"].warnings == []
    assert (p.users["bob"].before, p.users["bob"].after) == (
        {"name": "bob", "models": {"fred/prod": "read"}, "offers": {"fred/prod.db": "consume"}},
        {"name": "bob", "models": {"fred/prod": "write"}, "offers": {"fred/prod.db": "consume"}})


@pytest.mark.parametrize("entry, purge, error", [
    ({"name": "bob", "clouds": {"lxd": "admin"}, "display_name": "Bob"}, False,
     'The login user "fred" is not a controller superuser, so it can neither see user "bob" nor set its '
     'display_name, clouds; its entry may set only models and offers (as a model or offer admin).'),
    ({"name": "bob", "enabled": False, "models": {"prod": "read"}}, False,
     'The login user "fred" is not a controller superuser, so it can neither see user "bob" nor set its enabled; '
     'its entry may set only models and offers (as a model or offer admin).'),
    ({"name": "bob", "state": "absent"}, False,
     'The login user "fred" is not a controller superuser, so it cannot remove user "bob".'),
    ({"name": "fred"}, True,
     'The login user "fred" is not a controller superuser, so it cannot purge users: Juju shows it no other user, '
     'and lets only a superuser remove one.'),
])
def test_what_needs_a_superuser_is_refused_for_a_user_the_login_user_cannot_see(entry, purge, error):
    p = plan([entry], model_admin_view(), purge=purge)
    assert (p.changes, p.errors) == ([], [error])


def test_a_model_admins_purge_access_revokes_only_where_it_is_admin():
    models = [{"name": "prod", "owner": "fred", "uuid": UUIDS["fred/prod"], "ref": "fred/prod"},
              {"name": "default", "owner": "boss", "uuid": UUIDS["admin/default"], "ref": "boss/default"}]
    view = du.current_state(("fred", False, "sim"), None, [user("fred")], models,
                            {UUIDS["fred/prod"]: {"fred": "admin", "bob": "read"},
                             UUIDS["admin/default"]: {"fred": "read", "bob": "write"}}, {}, {})
    p = plan([{"name": "bob"}], view, purge_access=True)
    assert (labels(p), p.errors) == ([("model", "bob", "revoke model fred/prod read")], [])


def test_the_login_users_own_entry_is_planned_as_usual():
    p = plan([{"name": "fred", "password": "pw-fred", "update_password": "always"}], model_admin_view(),
             verified={"fred": False})
    assert (labels(p), p.errors) == ([("set_password", "fred", "set password")], [])


# ---- passwords -----------------------------------------------------------------------------------

@pytest.mark.parametrize("verified, actions, warned", [
    ({"bob": True}, [], False), ({"bob": False}, ["set password"], False), ({}, ["set password"], True)])
def test_update_password_always(verified, actions, warned):
    cur = current([user("bob")])
    entries, dummy = du.normalise([{"name": "bob", "password": "pw-bob", "update_password": "always"}])
    assert du.password_checks(cur, entries) == ["bob"]
    p = du.plan(cur, entries, verified=verified)
    assert [c.label for c in p.changes] == actions
    assert bool(p.users["bob"].warnings) is warned
    assert p.users["bob"].after["password"] == ("unchanged" if actions == [] else "changed")
    assert "pw-bob" not in repr(p.users)


def test_no_warning_when_the_same_entry_lets_the_user_log_in_again():
    p = plan([{"name": "nol", "password": "x", "update_password": "always", "controller_access": "login"}],
             current([user("nol", access=None)]), verified={})
    assert [c.label for c in p.changes] == ["set password", "grant controller login"]
    assert p.users["nol"].warnings == []


def test_users_that_cannot_log_in_are_not_password_checked():
    cur = current([user("dan", enabled=False), user("nol", access=None)])
    entries, dummy = du.normalise([{"name": n, "password": "x", "update_password": "always"}
                                   for n in ("dan", "nol", "new")])
    assert du.password_checks(cur, entries) == []


# ---- purge_access --------------------------------------------------------------------------------

def test_purge_access_revokes_only_unnamed_grants_of_listed_unprotected_users():
    cur = current([user("ann"), user("ops", "superuser")],
                  {"admin/default": {"ann": "write", "ops": "read"}, "admin/staging": {"ann": "read"},
                   "fred/prod": {"fred": "admin", "ann": "read"}},
                  {"fred/prod.db": {"fred": "admin", "ann": "consume"}})
    p = plan([{"name": "ann", "models": {"staging": "read"}}, {"name": "fred"}, {"name": "ops"}], cur,
             purge_access=True, protected=["ops"])
    assert labels(p) == [("model", "ann", "revoke model boss/default read"),
                         ("model", "ann", "revoke model fred/prod read"),
                         ("offer", "ann", "revoke offer fred/prod.db read")]
    assert p.users["ann"].after["models"] == {"boss/staging": "read", "boss/default": None, "fred/prod": None}


def test_levels_move_by_the_fewest_calls_under_jujus_revoke_rules():
    cur = current([user("ann", "superuser")], {"admin/default": {"ann": "admin"}, "fred/prod": {"ann": "read"}},
                  {"fred/prod.db": {"ann": "admin"}})
    p = plan([{"name": "ann", "controller_access": "login", "models": {"default": "read", "fred/prod": "absent"},
               "offers": {"fred/prod.db": "consume"}}], cur)
    assert [c.label for c in p.changes] == [
        "revoke controller superuser", "revoke model boss/default write",
        "revoke model fred/prod read", "revoke offer fred/prod.db admin"]


# ---- clouds --------------------------------------------------------------------------------------

CLOUDS = {"lxd": {"boss": "admin", "ann": "admin", "bea": "add-model"}, "k8s": {"ann": "add-model", "fred": "admin"}}


@pytest.mark.parametrize("declared, payloads", [
    ({"lxd": "add-model"}, [("ann", "revoke", "admin", "lxd")]),  # Juju: revoking admin leaves add-model
    # Juju: revoking add-model removes every level, admin included
    ({"lxd": "absent", "k8s": "admin"}, [("ann", "revoke", "add-model", "lxd"), ("ann", "grant", "admin", "k8s")]),
    ({"lxd": "admin", "k8s": "add-model"}, []),
])
def test_cloud_levels_are_exact_under_jujus_revoke_rules(declared, payloads):
    p = plan([{"name": "ann", "clouds": declared}], current([user("ann")], clouds=CLOUDS))
    assert p.errors == [] and [c.payload for c in p.changes] == payloads
    assert [c.label for c in p.changes] == ["%s cloud %s %s" % (a, cloud, level) for dummy, a, level, cloud in payloads]
    assert p.users["ann"].before["clouds"] == dict((c, CLOUDS[c].get("ann")) for c in declared)


def test_cloud_changes_come_after_offers_and_before_disable_and_name_the_cloud():
    p = plan([{"name": "nia", "enabled": False, "clouds": {"k8s": "add-model"}, "offers": {"fred/prod.db": "read"}}],
             current(offers={"fred/prod.db": {"fred": "admin"}}, clouds=CLOUDS))
    assert labels(p) == [("add", "nia", "add"), ("offer", "nia", "grant offer fred/prod.db read"),
                         ("cloud", "nia", "grant cloud k8s add-model"), ("disable", "nia", "disable")]
    assert p.changes[2].payload == ("nia", "grant", "add-model", "k8s")
    assert p.users["nia"].after["clouds"] == {"k8s": "add-model"}


def test_an_unknown_cloud_is_one_sentence_and_nothing_is_planned_for_it():
    p = plan([{"name": "ann", "clouds": {"nowhere": "admin"}}], current([user("ann")], clouds=CLOUDS))
    assert p.errors == ['User "ann": cloud "nowhere" was not found on the controller (or the login user "boss" '
                        'cannot see it).']


def test_purge_access_revokes_unlisted_cloud_grants_but_never_the_login_users_or_the_owners():
    cur = current([user("ann"), user("bea"), user("ops", "superuser")],
                  clouds=dict(CLOUDS, lxd=dict(CLOUDS["lxd"], ops="admin")), login="ops")
    p = plan([{"name": "ann", "clouds": {"k8s": "add-model"}}, {"name": "bea"}, {"name": "boss"}, {"name": "ops"}],
             cur, purge_access=True)
    assert labels(p) == [("cloud", "ann", "revoke cloud lxd add-model"), ("cloud", "bea", "revoke cloud lxd add-model")]


def test_the_login_user_cannot_change_its_own_cloud_access():
    p = plan([{"name": "Boss", "clouds": {"lxd": "add-model", "k8s": "admin"}}], current(clouds=CLOUDS))
    assert p.errors == ['Cannot change your own cloud access: user "boss" is the login user.']  # once, as Juju spells it
    assert plan([{"name": "boss", "clouds": {"lxd": "admin"}}], current(clouds=CLOUDS)).errors == []  # no change


# ---- property: any current state, any declaration -> applied by the simulator, it holds ----------

from hypothesis import HealthCheck, example, given, settings, strategies as st  # noqa: E402
from jujusim.fixture import build_state  # noqa: E402

from ansible_collections.juju.controller.plugins.module_utils import converge_users  # noqa: E402
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient  # noqa: E402
from simclients import settings_for  # noqa: E402

POOL = ("ann", "Ben", "cid", "dee")
MODELS = ("admin/default", "admin/staging", "fred/prod")
OFFERS = ("admin/default.db", "fred/prod.mysql")
CLOUD_NAMES = ("localhost", "k8s")  # localhost: the controller's cloud, where admin (the login user) holds admin
LEVELS = {"model": ("read", "write", "admin"), "offer": ("read", "consume", "admin"), "cloud": ("add-model", "admin")}


def _grants(kind, targets):
    return st.dictionaries(st.sampled_from(targets), st.sampled_from(LEVELS[kind]), max_size=len(targets))


_existing = st.fixed_dictionaries({"enabled": st.booleans(), "access": st.sampled_from(["login", "superuser", ""]),
                                   "models": _grants("model", MODELS), "offers": _grants("offer", OFFERS),
                                   "clouds": _grants("cloud", CLOUD_NAMES)})
_declared = st.fixed_dictionaries({
    "state": st.sampled_from(["present", "present", "present", "absent"]),
    "spelling": st.sampled_from([str.lower, str.upper, lambda n: n + "@local"]),
    "enabled": st.sampled_from([None, True, False]),
    "controller_access": st.sampled_from([None, "login", "superuser"]),
    "models": st.dictionaries(st.sampled_from(MODELS + ("default",)), st.sampled_from(LEVELS["model"] + ("absent",)),
                              max_size=2).filter(lambda models: not {"default", "admin/default"} <= set(models)),
    "offers": st.dictionaries(st.sampled_from(OFFERS), st.sampled_from(LEVELS["offer"] + ("absent",)), max_size=2),
    "clouds": st.dictionaries(st.sampled_from(CLOUD_NAMES), st.sampled_from(LEVELS["cloud"] + ("absent",)),
                              max_size=2)}).map(
    # an absent entry gives no access (a declaration that does is refused: test_declared_users_exact)
    lambda spec: dict(spec, controller_access=None, models={}, offers={}, clouds={}) if spec["state"] == "absent"
    else spec)
_case = st.fixed_dictionaries({
    "current": st.dictionaries(st.sampled_from(POOL), _existing),
    "declared": st.dictionaries(st.sampled_from(POOL), _declared),
    "purge": st.booleans(), "purge_access": st.booleans(), "purge_mode": st.sampled_from(du.PURGE_MODES)})


def _fixture(current_users, admin_password):
    users = [{"name": "admin", "access": "superuser", "password": admin_password}, {"name": "fred"}]
    models = [{"name": "controller", "is-controller": True}, {"name": "default"}, {"name": "staging"},
              {"name": "prod", "owner": "fred"}]
    offers = [{"url": url} for url in OFFERS]
    clouds = [{"name": cloud} for cloud in CLOUD_NAMES]
    for name, spec in current_users.items():
        users.append({"name": name, "access": spec["access"], "disabled": not spec["enabled"]})
        for model in models:
            ref = "%s/%s" % (model.get("owner", "admin"), model["name"])
            if ref in spec["models"]:
                model.setdefault("users", {})[name] = spec["models"][ref]
        for offer in offers:
            if offer["url"] in spec["offers"]:
                offer.setdefault("users", {})[name] = spec["offers"][offer["url"]]
        for cloud in clouds:
            if cloud["name"] in spec["clouds"]:
                cloud.setdefault("users", {})[name] = spec["clouds"][cloud["name"]]
    return {"controller": {"name": "sim", "owner": "admin", "cloud": "localhost"}, "users": users, "models": models,
            "offers": offers, "clouds": clouds}


def _reset(sim, data):
    fresh = build_state(data)

    def swap(state):
        state.users, state.controller_access = fresh.users, fresh.controller_access
        state.models, state.offers, state.clouds = fresh.models, fresh.offers, fresh.clouds
    sim.run_in_loop(swap, sim.state)


def _observed(sim):
    """{user key: (controller level, enabled, {model: level}, {offer: level}, {cloud: level})} straight from the
    simulator, disabled users' hidden controller grants included."""
    def read(state):
        out = {}
        for key, u in state.users.items():
            if u.deleted or key in ("admin", "fred"):
                continue
            models = dict(("%s/%s" % (m.owner, m.name), mu.access) for m in state.models.values()
                          for k, mu in m.users.items() if k == key)
            offers = {}
            for o in state.offers:
                model = state.models[o.model_uuid]
                if key in o.users:
                    offers["%s/%s.%s" % (model.owner, model.name, o.name)] = o.users[key]
            clouds = dict((name, c.users[key]) for name, c in state.clouds.items() if key in c.users)
            out[key] = (state.controller_access.get(key), not u.disabled, models, offers, clouds)
        return out
    return sim.run_in_loop(read, sim.state)


def _expected(case):
    """The state the declaration describes, worked out from Juju's rules independently of the planner."""
    out = {}
    disabling = case["purge"] and case["purge_mode"] == "disable"
    for name in POOL:
        key, cur, decl = name.lower(), case["current"].get(name), case["declared"].get(name)
        if decl is None:
            if cur is not None and not case["purge"]:
                out[key] = (cur["access"] or None, cur["enabled"], dict(cur["models"]), dict(cur["offers"]),
                            dict(cur["clouds"]))
            elif cur is not None and disabling:  # disabled; with purge_access without grants (Juju keeps the
                # offer grants of a user that was disabled already: it revokes none of a disabled user)
                revoked = case["purge_access"]
                out[key] = (cur["access"] or None, False, {} if revoked else dict(cur["models"]),
                            {} if revoked and cur["enabled"] else dict(cur["offers"]),
                            {} if revoked else dict(cur["clouds"]))
            continue
        if decl["state"] == "absent":
            continue
        grants = [_levels_after(cur and cur[kind], decl[kind], case["purge_access"], ref)
                  for kind, ref in (("models", _ref), ("offers", str), ("clouds", str))]
        wanted = True if decl["enabled"] is None and disabling else decl["enabled"]  # declared: enabled again
        enabled = wanted if wanted is not None else (cur["enabled"] if cur else True)
        level = (cur["access"] or None) if cur else "login"
        stays_disabled = cur is not None and not cur["enabled"] and wanted is not True
        if decl["controller_access"] and not stays_disabled:
            level = decl["controller_access"]
        out[key] = (level, enabled) + tuple(grants)
    return out


def _levels_after(current, declared, purge_access, ref):
    """{target: level} once `declared` ({target as written: level or absent}) is applied to `current`."""
    levels = dict(current or {})
    if purge_access:
        levels = dict((target, level) for target, level in levels.items() if target in set(map(ref, declared)))
    for target, level in declared.items():
        levels.pop(ref(target), None)
        if level != "absent":
            levels[ref(target)] = level
    return levels


def _ref(ref):
    return ref if "/" in ref else "admin/" + ref


def _refused_for_disabled(case):
    """Whether the case changes the access of a user that stays disabled as Juju refuses it (§19.3): a model grant
    other than its removal, an offer grant other than a first one."""
    for name, decl in case["declared"].items():
        cur = case["current"].get(name)
        # purge_mode disable enables a listed user that its entry does not disable
        enabling = decl["enabled"] is True or (decl["enabled"] is None and case["purge"]
                                               and case["purge_mode"] == "disable")
        if decl["state"] == "absent" or cur is None or cur["enabled"] or enabling:
            continue
        for kind, ref, may in (("models", _ref, lambda have, level: have and not level),
                               ("offers", str, lambda have, level: not have and level)):
            declared = dict((ref(target), None if level == "absent" else level) for target, level in decl[kind].items())
            if case["purge_access"]:
                declared.update((target, None) for target in cur[kind] if target not in declared)
            if any(cur[kind].get(target) != level and not may(cur[kind].get(target), level)
                   for target, level in declared.items()):
                return True
    return False


def _converge(client, case):
    """(plan, outcome), the outcome None when the plan refuses the declaration."""
    entries, protected = du.normalise(
        [dict(spec, name=spec["spelling"](name)) for name, spec in case["declared"].items()], ["fred"])
    cur = converge_users.read_current(client, entries, case["purge_access"])
    verified = converge_users.verify_passwords(client, cur, entries)
    p = du.plan(cur, entries, case["purge"], case["purge_access"], protected, verified, allow=ALLOW_ALL,
                purge_mode=case["purge_mode"])
    if p.errors:
        assert _refused_for_disabled(case) and all(" is disabled, and Juju changes " in e for e in p.errors)
        return p, None
    return p, converge_users.apply_plan(client, p)


def _user_spec(enabled=True, access="login", models=None, offers=None, clouds=None):
    return {"enabled": enabled, "access": access, "models": models or {}, "offers": offers or {},
            "clouds": clouds or {}}


def _entry_spec(state="present", spelling=str.upper, enabled=None, controller_access=None, models=None, offers=None,
                clouds=None):
    return {"state": state, "spelling": spelling, "enabled": enabled, "controller_access": controller_access,
            "models": models or {}, "offers": offers or {}, "clouds": clouds or {}}


# Always tried, whatever hypothesis draws: the paths where Juju's rules bite.
@example(case={  # a disabled user's model level cannot change (§19.3): refused, nothing written
    "current": {"ann": _user_spec(False, "login", {"admin/default": "read"}), "dee": _user_spec()},
    "declared": {"ann": _entry_spec(models={"default": "admin"}), "dee": _entry_spec(enabled=False)},
    "purge": False, "purge_access": False, "purge_mode": "remove"})
@example(case={  # a disabled user's model grant is removed; a hidden controller level is set once enabled
    # and cloud levels move under Juju's revoke table (admin -> add-model, admin -> none), for a disabled user too
    "current": {"ann": _user_spec(False, "superuser", {"admin/default": "read", "admin/staging": "write"},
                                  clouds={"k8s": "admin"}),
                "Ben": _user_spec(False, "login", {"fred/prod": "admin"}, {"fred/prod.mysql": "read"},
                                  {"localhost": "admin"})},
    "declared": {"ann": _entry_spec(models={"default": "absent"}, controller_access="login",
                                    clouds={"k8s": "add-model", "localhost": "admin"}),
                 "Ben": _entry_spec(enabled=True, controller_access="superuser", models={"fred/prod": "read"},
                                    offers={"fred/prod.mysql": "absent"}, clouds={"localhost": "absent"})},
    "purge": False, "purge_access": False, "purge_mode": "remove"})
@example(case={  # purge and purge_access with names in another case; a new user disabled after its grants
    "current": {"cid": _user_spec(True, "superuser", {"admin/staging": "write"},
                                  clouds={"k8s": "add-model", "localhost": "admin"}),
                "dee": _user_spec()},
    "declared": {"cid": _entry_spec(spelling=str.upper, models={"admin/default": "read"}, clouds={"k8s": "admin"}),
                 "ann": _entry_spec(enabled=False, controller_access="superuser",
                                    offers={"admin/default.db": "admin"})},
    "purge": True, "purge_access": True, "purge_mode": "remove"})
@example(case={  # off-boarding by disabling: unlisted users disabled, their grants revoked first (an already disabled
    # user's offer grants excepted); a disabled user listed without enabled is enabled again
    "current": {"ann": _user_spec(True, "login", {"admin/staging": "write"}, {"fred/prod.mysql": "consume"},
                                  {"k8s": "add-model"}),
                "Ben": _user_spec(False, "login", {"admin/default": "admin"}, {"admin/default.db": "read"}),
                "cid": _user_spec(False, "superuser", {"fred/prod": "read"})},
    "declared": {"cid": _entry_spec(spelling=str.lower, controller_access="login")},
    "purge": True, "purge_access": True, "purge_mode": "disable"})
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_case)
def test_any_declaration_applied_to_any_state_gives_the_declared_state(simulator, case):
    _reset(simulator, _fixture(case["current"], simulator.admin_password))
    with ControllerClient(settings_for(simulator)) as client:
        dummy, outcome = _converge(client, case)
        if outcome is None:  # refused before anything was written
            assert _observed(simulator) == _expected(dict(case, declared={}, purge=False))
            return
        assert [d for d in outcome.done if d.status != converge_users.APPLIED] == []
        assert _observed(simulator) == _expected(case)
        again, dummy = _converge(client, case)
    assert again.changes == []
