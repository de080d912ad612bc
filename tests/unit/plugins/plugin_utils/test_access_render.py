# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import csv
import io
import re

from ansible_collections.juju.controller.plugins.plugin_utils.access_render import CSV_FIELDS, to_csv, to_html
from ansible_collections.juju.controller.plugins.plugin_utils.access_review import build_report

EVIL = '<img src=x onerror="alert(1)"> & \'co\''


def user(name, enabled=True, access="login", models=None, offers=None, display="", last=None):
    return {"name": name, "display_name": display, "enabled": enabled, "access": access if enabled else None,
            "last_connection": last, "models": models or {}, "offers": offers or {}, "clouds": {}}


ADMIN = user("admin", access="superuser", models={"admin/default": "admin"}, last="2026-06-30T11:00:00Z")
READS = [
    {"name": "prod<1>", "current_user": ADMIN, "users": [
        ADMIN,
        user("bob", models={"admin/default": "write"}, display=EVIL, last="2026-06-29T11:00:00Z"),
        user("carol", enabled=False, offers={"admin/default.db": "consume"}, display="=HYPERLINK(\"http://x\")"),
        user("everyone@external", access=None, offers={"admin/default.db": "read"})]},
    {"name": "down&out", "error": 'Cannot connect to "<down>".'},
]
REPORT = build_report(READS, "2026-06-30T12:00:00Z", 90)


def test_the_page_escapes_every_value_from_a_controller():
    page = to_html(REPORT)
    assert "<img" not in page and "onerror=\"" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#x27;co&#x27;" in page
    assert 'data-controller="prod&lt;1&gt;"' in page and "<h3>down&amp;out</h3>" in page
    assert "Not read: Cannot connect to &quot;&lt;down&gt;&quot;.</p>" in page


def test_the_page_is_self_contained():
    page = to_html(build_report([dict(READS[0], users=[ADMIN]), READS[1]], "2026-06-30T12:00:00Z", 90))
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
    assert not re.search(r"<script|<link|<img|src=|href=|@import|url\(", page)


def test_each_level_is_coloured_by_what_it_allows():
    page = to_html(REPORT)
    cells = re.findall(r'<td class="level (\w+)" data-kind="(\w+)" data-target="([^"]*)">([^<]*)</td>', page)
    assert cells == [
        ("high", "controller", "prod&lt;1&gt;", "superuser"), ("high", "model", "admin/default", "admin"),
        ("none", "offer", "admin/default.db", ""),
        ("low", "controller", "prod&lt;1&gt;", "login"), ("mid", "model", "admin/default", "write"),
        ("none", "offer", "admin/default.db", ""),
        ("none", "controller", "prod&lt;1&gt;", ""), ("none", "model", "admin/default", ""),
        ("mid", "offer", "admin/default.db", "consume"),
        ("none", "controller", "prod&lt;1&gt;", ""), ("none", "model", "admin/default", ""),
        ("low", "offer", "admin/default.db", "read"),
    ]
    assert '<tr data-user="carol" class="disabled">' in page
    assert '<td class="attr">no</td><td class="attr">never</td>' in page  # carol
    assert '<td class="attr">yes</td><td class="attr"></td>' in page  # everyone@external: no login record


def test_the_summary_and_the_findings_per_kind():
    page = to_html(REPORT)
    assert ('<tr data-controller="down&amp;out"><th scope="row">down&amp;out</th><td class="status unreachable">'
            'not read</td><td></td><td></td><td></td><td></td><td>1</td></tr>') in page
    assert ('<tr data-controller="prod&lt;1&gt;"><th scope="row">prod&lt;1&gt;</th><td class="status read">read as '
            'admin</td><td>3</td><td>2</td><td>1</td><td>1</td><td>4</td></tr>') in page
    assert '<h3>Users who never logged in (0)</h3><p class="none" data-kind="never-logged-in">None.</p>' in page
    assert ('<h3>Disabled users holding grants (1)</h3><table class="findings" data-kind="disabled-with-grants">'
            '<thead><tr><th>Controller</th><th>Finding</th></tr></thead><tbody><tr data-controller="prod&lt;1&gt;" '
            'data-user="carol" data-target=""><td>prod&lt;1&gt;</td><td class="text">User &quot;carol&quot; is '
            'disabled and holds offer &quot;admin/default.db&quot; (consume).</td></tr></tbody></table>') in page
    assert "Generated <time>2026-06-30T12:00:00Z</time>. Users are inactive after 90 days without a login." in page


def test_the_csv_has_one_row_per_user_and_target_and_runs_no_formula():
    text = to_csv(REPORT)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_FIELDS)
    assert rows[1:] == [
        ["prod<1>", "admin", "", "true", "false", "2026-06-30T11:00:00Z", "controller", "prod<1>", "superuser"],
        ["prod<1>", "admin", "", "true", "false", "2026-06-30T11:00:00Z", "model", "admin/default", "admin"],
        ["prod<1>", "bob", EVIL, "true", "false", "2026-06-29T11:00:00Z", "controller", "prod<1>", "login"],
        ["prod<1>", "bob", EVIL, "true", "false", "2026-06-29T11:00:00Z", "model", "admin/default", "write"],
        ["prod<1>", "carol", "'=HYPERLINK(\"http://x\")", "false", "false", "", "controller", "prod<1>", ""],
        ["prod<1>", "carol", "'=HYPERLINK(\"http://x\")", "false", "false", "", "offer", "admin/default.db", "consume"],
        ["prod<1>", "everyone@external", "", "true", "true", "", "controller", "prod<1>", ""],
        ["prod<1>", "everyone@external", "", "true", "true", "", "offer", "admin/default.db", "read"],
    ]
    assert text.endswith("read\n") and "\r" not in text
