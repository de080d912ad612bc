# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# An access review (access_review.build_report) -> the page and the spreadsheet. The page is one
# self-contained file (no script, no external style, font or image) that prints; every value from a
# controller is escaped, since user and display names are chosen by users.

import csv
import io
from html import escape

from ansible_collections.juju.controller.plugins.plugin_utils.access_review import FINDINGS

CSV_FIELDS = ("controller", "user", "display_name", "enabled", "external", "last_connection", "kind", "target",
              "level")

# Colour class of each level: what the holder may do, whatever the target.
STRENGTH = {"superuser": "high", "admin": "high", "write": "mid", "consume": "mid", "add-model": "mid",
            "login": "low", "read": "low"}

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"):
# such a value gets a leading apostrophe in the CSV only.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #111; margin: 1.5em; }
h1 { font-size: 16pt; margin-bottom: 0.2em; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 1.5em; }
h3 { font-size: 11pt; margin-bottom: 0.3em; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
thead th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.matrix td.level { text-align: center; min-width: 4em; }
.level.high { background: #f4b6b6; }
.level.mid { background: #fbe0a0; }
.level.low { background: #cfe8cf; }
.level.none { background: #fff; color: #999; }
.kind { display: block; font-size: 8pt; font-weight: normal; color: #555; }
tr.disabled th, tr.disabled td.attr { color: #888; font-style: italic; }
.status.unreachable { color: #a00; font-weight: bold; }
p.none { color: #555; }
.legend span { display: inline-block; border: 1px solid #bbb; padding: 0 6px; margin-right: 4px; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { margin: 0; font-size: 8pt; } section.controller { break-before: page; } }
"""


def _e(value):
    return escape("" if value is None else str(value), quote=True)


def _cells(values, tag="td"):
    return "".join("<%s>%s</%s>" % (tag, _e(value), tag) for value in values)


def _summary(report):
    rows = []
    counts = {}
    for finding in report["findings"]:
        counts[finding["controller"]] = counts.get(finding["controller"], 0) + 1
    for controller in report["controllers"]:
        name = controller["name"]
        if controller["reachable"]:
            summary = controller["summary"]
            figures = [summary["users"], summary["enabled"], summary["superusers"], summary["external"]]
            status = '<td class="status read">read as %s</td>' % _e(controller["login_user"])
        else:
            figures = ["", "", "", ""]
            status = '<td class="status unreachable">not read</td>'
        rows.append('<tr data-controller="%s"><th scope="row">%s</th>%s%s<td>%d</td></tr>'
                    % (_e(name), _e(name), status, _cells(figures), counts.get(name, 0)))
    return ('<section id="summary"><h2>Summary</h2><table class="summary"><thead><tr>%s</tr></thead><tbody>%s'
            '</tbody></table></section>'
            % (_cells(("Controller", "Status", "Users", "Enabled", "Superusers", "External holders", "Findings"),
                      "th"), "".join(rows)))


def _findings(report):
    parts = ['<section id="findings"><h2>Findings</h2>']
    for kind, heading in FINDINGS:
        found = [finding for finding in report["findings"] if finding["kind"] == kind]
        parts.append('<h3>%s (%d)</h3>' % (_e(heading), len(found)))
        if not found:
            parts.append('<p class="none" data-kind="%s">None.</p>' % _e(kind))
            continue
        rows = ['<tr data-controller="%s" data-user="%s" data-target="%s"><td>%s</td><td class="text">%s</td></tr>'
                % (_e(item["controller"]), _e(item["user"]), _e(item["target"]), _e(item["controller"]),
                   _e(item["text"])) for item in found]
        parts.append('<table class="findings" data-kind="%s"><thead><tr><th>Controller</th><th>Finding</th></tr>'
                     '</thead><tbody>%s</tbody></table>' % (_e(kind), "".join(rows)))
    parts.append("</section>")
    return "".join(parts)


def _level_cell(column, level):
    strength = STRENGTH.get(level, "none")
    return ('<td class="level %s" data-kind="%s" data-target="%s">%s</td>'
            % (strength, _e(column["kind"]), _e(column["target"]), _e(level)))


def _matrix(controller):
    name = controller["name"]
    parts = ['<section class="controller" data-controller="%s"><h3>%s</h3>' % (_e(name), _e(name))]
    if not controller["reachable"]:
        parts.append('<p class="status unreachable">Not read: %s</p></section>' % _e(controller["error"]))
        return "".join(parts)
    columns = controller["targets"]
    head = _cells(("User", "Display name", "Enabled", "Last login"), "th") + "".join(
        '<th data-kind="%s" data-target="%s"><span class="kind">%s</span>%s</th>'
        % (_e(column["kind"]), _e(column["target"]), _e(column["kind"]), _e(column["target"])) for column in columns)
    rows = []
    for user in controller["users"]:
        levels = dict(((level["kind"], level["target"]), level["level"]) for level in user["levels"])
        cells = "".join(_level_cell(column, levels.get((column["kind"], column["target"]))) for column in columns)
        rows.append('<tr data-user="%s"%s><th scope="row">%s</th><td class="attr">%s</td><td class="attr">%s</td>'
                    '<td class="attr">%s</td>%s</tr>'
                    % (_e(user["name"]), "" if user["enabled"] else ' class="disabled"', _e(user["name"]),
                       _e(user["display_name"]), "yes" if user["enabled"] else "no",
                       _e(user["last_connection"] or ("" if user["external"] else "never")), cells))
    parts.append('<table class="matrix" data-controller="%s"><thead><tr>%s</tr></thead><tbody>%s</tbody></table>'
                 '</section>' % (_e(name), head, "".join(rows)))
    return "".join(parts)


def to_html(report):
    """The report as one self-contained HTML page."""
    legend = "".join('<span class="level %s">%s</span>' % (strength, _e(levels)) for strength, levels in (
        ("high", "superuser, admin"), ("mid", "write, consume, add-model"), ("low", "login, read"),
        ("none", "no access")))
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Juju access review</title>'
            '<style>%s</style></head><body><h1>Juju access review</h1>'
            '<p class="meta">Generated <time>%s</time>. Users are inactive after %d days without a login.</p>'
            '%s%s<section id="access"><h2>Access</h2><p class="legend">%s</p>%s</section></body></html>\n'
            % (STYLE, _e(report["generated_at"]), report["inactive_days"], _summary(report), _findings(report),
               legend, "".join(_matrix(controller) for controller in report["controllers"])))


def csv_rows(report):
    """One row (a dict of CSV_FIELDS) per user and target it holds a level on, the controller always."""
    rows = []
    for controller in report["controllers"]:
        for user in controller["users"]:
            for level in user["levels"]:
                rows.append({"controller": controller["name"], "user": user["name"],
                             "display_name": user["display_name"], "enabled": user["enabled"],
                             "external": user["external"], "last_connection": user["last_connection"] or "",
                             "kind": level["kind"], "target": level["target"], "level": level["level"] or ""})
    return rows


def _safe(value):
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(report):
    """The report's levels as CSV text, with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(report):
        writer.writerow(dict((field, _safe(value)) for field, value in row.items()))
    return out.getvalue()
