# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.juju.controller.plugins.plugin_utils.access_review import FINDINGS, build_report, parse_time

NOW = "2026-06-30T12:00:00Z"


def user(name, enabled=True, access="login", last=None, models=None, offers=None, clouds=None, display=""):
    return {"name": name, "display_name": display, "enabled": enabled, "access": access if enabled else None,
            "last_connection": last, "models": models or {}, "offers": offers or {}, "clouds": clouds or {}}


ADMIN = user("admin", access="superuser", last="2026-06-30T11:00:00Z", display="admin",
             models={"admin/controller": "admin", "Fred/prod": "admin"}, clouds={"localhost": "admin"})
USERS = [
    ADMIN,
    user("Fred", last="2026-04-01T12:00:00Z", models={"Fred/prod": "admin"}, offers={"Fred/prod.db": "admin"}),
    user("bob", last="2026-04-01T12:00:01Z", models={"Fred/prod": "read"}),
    user("carol"),
    user("dave", enabled=False, models={"Fred/prod": "write"}, clouds={"localhost": "add-model"}),
    user("erin", enabled=False),
    user("everyone@external", offers={"Fred/prod.db": "read"}),
    user("ops@external"),
]


def controller(name="prod", users=None, current=None, **extra):
    return dict({"name": name, "users": USERS if users is None else users, "current_user": current or ADMIN},
                **extra)


def sentences(report):
    return [(item["controller"], item["kind"], item["text"]) for item in report["findings"]]


def test_the_findings_of_a_controller_in_the_reports_order():
    report = build_report([controller()], NOW, 90)
    assert sentences(report) == [
        ("prod", "disabled-with-grants",
         'User "dave" is disabled and holds model "Fred/prod" (write), cloud "localhost" (add-model).'),
        ("prod", "never-logged-in", 'User "carol" has never logged in.'),
        ("prod", "inactive", 'User "Fred" last logged in 90 days ago (2026-04-01T12:00:00Z).'),
        ("prod", "external", 'External user "everyone@external" holds offer "Fred/prod.db" (read).'),
        ("prod", "external", 'External user "ops@external" holds no grant.'),
        ("prod", "superuser", 'User "admin" is a superuser of the controller.'),
        ("prod", "model-without-admin", 'Model "admin/controller" has no admin other than its owner "admin".'),
    ]
    assert [(item["user"], item["target"]) for item in report["findings"]] == [
        ("dave", None), ("carol", None), ("Fred", None), ("everyone@external", None), ("ops@external", None),
        ("admin", None), (None, "admin/controller")]
    assert [kind for kind, _heading in FINDINGS] == [
        "unreachable", "partial", "disabled-with-grants", "never-logged-in", "inactive", "external", "superuser",
        "model-without-admin", "drift"]


def test_inactive_from_the_given_number_of_days():
    report = build_report([controller()], NOW, 89)
    assert [text for _c, kind, text in sentences(report) if kind == "inactive"] == [
        'User "bob" last logged in 89 days ago (2026-04-01T12:00:01Z).',
        'User "Fred" last logged in 90 days ago (2026-04-01T12:00:00Z).']
    assert [kind for _c, kind, _t in sentences(build_report([controller()], NOW, 91))].count("inactive") == 0


def test_the_controller_its_summary_targets_and_levels():
    report = build_report([controller()], NOW, 90)
    assert report["generated_at"] == NOW and report["inactive_days"] == 90
    [prod] = report["controllers"]
    assert (prod["name"], prod["reachable"], prod["error"], prod["login_user"], prod["drift"]) == \
        ("prod", True, None, "admin", None)
    assert prod["summary"] == {"users": 6, "enabled": 4, "superusers": 1, "external": 2}
    assert [(column["kind"], column["target"]) for column in prod["targets"]] == [
        ("controller", "prod"), ("model", "Fred/prod"), ("model", "admin/controller"), ("offer", "Fred/prod.db"),
        ("cloud", "localhost")]
    assert [user["name"] for user in prod["users"]] == [
        "admin", "bob", "carol", "dave", "erin", "Fred", "everyone@external", "ops@external"]
    dave = prod["users"][3]
    assert dave == {"name": "dave", "display_name": "", "enabled": False, "external": False, "access": None,
                    "last_connection": None, "levels": [
                        {"kind": "controller", "target": "prod", "level": None},
                        {"kind": "model", "target": "Fred/prod", "level": "write"},
                        {"kind": "cloud", "target": "localhost", "level": "add-model"}]}
    assert prod["users"][6]["external"] is True


def test_a_model_whose_only_other_admin_differs_by_case_is_a_finding():
    owner = user("admin", access="superuser", last=NOW, models={"admin/controller": "admin"})
    users = [owner, user("FRED", models={"Fred/prod": "admin"}), user("bob", models={"Fred/prod": "write"})]
    texts = [text for _c, kind, text in sentences(build_report([controller(users=users, current=owner)], NOW, 90))
             if kind == "model-without-admin"]
    assert texts == ['Model "Fred/prod" has no admin other than its owner "Fred".',
                     'Model "admin/controller" has no admin other than its owner "admin".']


def test_a_controller_not_read_a_partial_read_drift_and_the_order_across_controllers():
    plain = user("bob", last="2026-06-30T10:00:00Z")
    drift = [{"user": "zed", "item": "user", "target": None, "declared": "present", "actual": "absent",
              "text": 'User "zed" does not exist, declared present.'}]
    reads = [controller("b-dev", users=[plain], current=plain, drift=drift),
             controller("b-test", users=[plain], current=plain, drift=[]),
             {"name": "c-down", "error": "Cannot connect to controller \"c-down\".", "users": None},
             {"name": "a-lost"},
             controller("a-prod", users=[ADMIN], drift_error="The declaration cannot be compared: boom.")]
    report = build_report(reads, NOW, 90)
    assert [c["name"] for c in report["controllers"]] == ["a-lost", "a-prod", "b-dev", "b-test", "c-down"]
    assert report["controllers"][0] == {"name": "a-lost", "reachable": False, "error": "no result.",
                                        "login_user": None, "summary": None, "targets": [], "users": [],
                                        "drift": None}
    assert [c["drift"] for c in report["controllers"]] == [None, None, None, [], None]
    assert sentences(report) == [
        ("a-lost", "unreachable", 'Controller "a-lost" could not be read: no result.'),
        ("c-down", "unreachable", 'Controller "c-down" could not be read: Cannot connect to controller "c-down".'),
        ("b-dev", "partial", 'Controller "b-dev" was read as "bob", who is not a superuser: only what that user '
                             'may see is shown.'),
        ("b-test", "partial", 'Controller "b-test" was read as "bob", who is not a superuser: only what that user '
                              'may see is shown.'),
        ("a-prod", "superuser", 'User "admin" is a superuser of the controller.'),
        ("a-prod", "model-without-admin", 'Model "admin/controller" has no admin other than its owner "admin".'),
        ("a-prod", "drift", "The declaration cannot be compared: boom."),
        ("b-dev", "drift", 'The declaration was not compared: "bob" sees only itself.'),
    ]


def test_times_as_juju_writes_them():
    assert parse_time("2026-06-30T12:00:00Z").isoformat() == "2026-06-30T12:00:00+00:00"
    assert parse_time("2026-06-30T14:00:00.5+02:00").isoformat() == "2026-06-30T12:00:00.500000+00:00"
