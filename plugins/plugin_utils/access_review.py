# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The access review: what juju_user_info (include_access) read from each controller -> one report
# (controllers with their summary, users and levels, and the findings a reviewer acts on), the data
# that access_render writes as HTML, CSV and JSON. Pure: the time of the review is an argument.

from datetime import datetime, timezone

from ansible_collections.juju.controller.plugins.module_utils import names

# The targets of a level, in the order of the matrix's columns, and the result field that lists them.
KINDS = (("controller", None), ("model", "models"), ("offer", "offers"), ("cloud", "clouds"))

# The findings, in the order the report lists them, with their heading.
FINDINGS = (
    ("unreachable", "Controllers not read"),
    ("partial", "Controllers read by a user that is not a superuser"),
    ("disabled-with-grants", "Disabled users holding grants"),
    ("never-logged-in", "Users who never logged in"),
    ("inactive", "Users who have not logged in recently"),
    ("external", "External users holding grants"),
    ("superuser", "Superusers"),
    ("model-without-admin", "Models without an admin other than the owner"),
    ("drift", "Differences from the declaration"),
)


def parse_time(stamp):
    """An RFC 3339 time as Juju gives it ("2026-02-01T08:00:00Z") -> an aware datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(timezone.utc)


def _finding(controller, kind, text, user=None, target=None):
    return {"controller": controller, "kind": kind, "user": user, "target": target, "text": text}


def _grants(user):
    """[(kind, target, level)] of a juju_user_info user, the controller first (its level may be None)."""
    grants = []
    for kind, field in KINDS[1:]:
        grants += [(kind, target, level) for target, level in sorted((user.get(field) or {}).items())]
    return grants


def _described(grants):
    return ", ".join('%s "%s" (%s)' % grant for grant in grants)


def _user(name, info):
    levels = [{"kind": "controller", "target": name, "level": info.get("access")}]
    levels += [{"kind": kind, "target": target, "level": level} for kind, target, level in _grants(info)]
    return {
        "name": info["name"],
        "display_name": info.get("display_name") or "",
        "enabled": bool(info.get("enabled")),
        "external": names.is_external(info["name"]),
        "access": info.get("access"),
        "last_connection": info.get("last_connection"),
        "levels": levels,
    }


def _user_findings(name, user, info, now, inactive_days):
    who = user["name"]
    found = []
    if not user["enabled"] and _grants(info):
        found.append(_finding(name, "disabled-with-grants", 'User "%s" is disabled and holds %s.'
                              % (who, _described(_grants(info))), who))
    if user["external"]:
        held = _described(_grants(info)) or "no grant"
        found.append(_finding(name, "external", 'External user "%s" holds %s.' % (who, held), who))
    elif user["enabled"] and not user["last_connection"]:
        found.append(_finding(name, "never-logged-in", 'User "%s" has never logged in.' % who, who))
    elif user["enabled"]:
        days = (now - parse_time(user["last_connection"])).days
        if days >= inactive_days:
            found.append(_finding(name, "inactive", 'User "%s" last logged in %d days ago (%s).'
                                  % (who, days, user["last_connection"]), who))
    if user["access"] == "superuser":
        found.append(_finding(name, "superuser", 'User "%s" is a superuser of the controller.' % who, who))
    return found


def _model_findings(name, users):
    """Models whose only admin is their owner (models are known by their grants: the owner holds admin)."""
    admins = {}
    for user in users:
        for level in user["levels"]:
            if level["kind"] == "model":
                holders = admins.setdefault(level["target"], [])
                owner = names.user_key(level["target"].split("/", 1)[0])
                if level["level"] == "admin" and names.user_key(user["name"]) != owner:
                    holders.append(user["name"])
    return [_finding(name, "model-without-admin", 'Model "%s" has no admin other than its owner "%s".'
                     % (ref, ref.split("/", 1)[0]), target=ref)
            for ref, holders in sorted(admins.items()) if not holders]


def _targets(name, users):
    columns = [{"kind": "controller", "target": name}]
    for kind, _field in KINDS[1:]:
        seen = sorted(set(level["target"] for user in users for level in user["levels"] if level["kind"] == kind))
        columns += [{"kind": kind, "target": target} for target in seen]
    return columns


def _summary(users):
    local = [user for user in users if not user["external"]]
    return {
        "users": len(local),
        "enabled": len([user for user in local if user["enabled"]]),
        "superusers": len([user for user in users if user["access"] == "superuser"]),
        "external": len(users) - len(local),
    }


def review_controller(read, now, inactive_days):
    """(controller, findings) of one controller's read: {name, users, current_user, error, drift, drift_error}
    where drift is access_drift's list as dicts (None: no declaration), drift_error why it is missing."""
    name = read["name"]
    if read.get("error") or read.get("users") is None:
        text = 'Controller "%s" could not be read: %s' % (name, read.get("error") or "no result.")
        controller = {"name": name, "reachable": False, "error": read.get("error") or "no result.",
                      "login_user": None, "summary": None, "targets": [], "users": [], "drift": None}
        return controller, [_finding(name, "unreachable", text)]
    infos = sorted(read["users"], key=lambda info: (names.is_external(info["name"]), names.user_key(info["name"])))
    users = [_user(name, info) for info in infos]
    login = (read.get("current_user") or {}).get("name")
    partial = (read.get("current_user") or {}).get("access") != "superuser"
    findings = []
    if partial:
        findings.append(_finding(name, "partial", 'Controller "%s" was read as "%s", who is not a superuser: only '
                                 'what that user may see is shown.' % (name, login), login))
    for user, info in zip(users, infos):
        findings += _user_findings(name, user, info, now, inactive_days)
    findings += _model_findings(name, users)
    drift, drift_error = read.get("drift"), read.get("drift_error")
    if partial and drift:
        # Every other user would look missing: no comparison rather than a wrong one.
        drift, drift_error = None, 'The declaration was not compared: "%s" sees only itself.' % login
    findings += [_finding(name, "drift", item["text"], item["user"], item["target"]) for item in drift or ()]
    if drift_error:
        findings.append(_finding(name, "drift", drift_error))
    controller = {"name": name, "reachable": True, "error": None, "login_user": login, "summary": _summary(users),
                  "targets": _targets(name, users), "users": users, "drift": drift}
    return controller, findings


def build_report(reads, now, inactive_days):
    """The report of the controllers read: reads as review_controller takes them, now an RFC 3339 time,
    inactive_days the days without a login after which an enabled user is a finding."""
    moment = parse_time(now)
    controllers, findings = [], []
    for read in sorted(reads, key=lambda read: read["name"]):
        controller, found = review_controller(read, moment, inactive_days)
        controllers.append(controller)
        findings += found
    order = dict((kind, index) for index, (kind, _heading) in enumerate(FINDINGS))
    findings.sort(key=lambda item: (order[item["kind"]], item["controller"]))
    return {"generated_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "inactive_days": inactive_days,
            "controllers": controllers, "findings": findings}
