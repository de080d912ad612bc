# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cookie jar jujusim.login writes, read by python-libjuju's reader of the Go format.

Spec: juju-api.md §15.1 (the jar: Go field names, RFC 3339 times, std base64 of the macaroon
slice). python-libjuju is no oracle for *which* cookie a controller uses (§15.2), but its
GoCookieJar parses persistent-cookiejar files, so it checks the format independently.
"""
from __future__ import annotations

import base64
import json

from juju.client.gocookies import GoCookieJar
from jujusim.login import juju_login


def test_libjuju_reads_the_jar_of_the_login_helper(simulator):
    path = juju_login(simulator.juju_data, "bob", simulator.passwords["bob"])
    jar = GoCookieJar(str(path))
    jar.load()
    (cookie,) = list(jar)
    (entry,) = json.loads(path.read_text())
    assert (cookie.name, cookie.value, cookie.domain, cookie.path) == (
        entry["Name"], entry["Value"], simulator.controller_uuid, "/")
    assert not cookie.domain_specified  # HostOnly
    primary, discharge = json.loads(base64.b64decode(cookie.value))
    assert cookie.name == "macaroon-" + base64.urlsafe_b64decode(primary["s64"] + "==").hex()
    assert [c.get("i") for c in discharge["c"]][0] == "declared username bob"
