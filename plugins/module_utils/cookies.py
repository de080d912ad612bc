# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The login `juju login` and `juju register` leave: no password in accounts.yaml but a macaroon
# in the Go CLI's cookie jar, $JUJU_DATA/cookies/<controller>.json (juju-api.md §15). The jar is
# read the way the Go client reads it (juju/persistent-cookiejar, go-macaroon-bakery's
# httpbakery.MacaroonsForURL), never written, and never through Python's http.cookiejar,
# which cannot match the dotless controller-UUID host Juju files its cookies under (§15.2).
# Macaroons are passed to the controller exactly as decoded: no macaroon library is needed.

import datetime
import ipaddress
import json
import os
import re

from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError
from ansible_collections.juju.controller.plugins.module_utils.macaroon_json import decode_slice

_UTC = datetime.timezone.utc
# Go's time.Time JSON: RFC 3339 with 0 to 9 fractional digits.
# Go's time.Parse reads ASCII digits only (Python's \d is any Unicode digit).
_RFC3339 = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?"
                      r"(?:(Z)|([+-])([0-9]{2}):([0-9]{2}))")
_STRINGS = ("Name", "Value", "Domain", "Path", "CanonicalHost")
_BOOLS = ("Secure", "HttpOnly", "Persistent", "HostOnly")
_TIMES = ("Expires", "Creation", "LastAccess", "Updated")
_ZERO_TIME = datetime.datetime(1, 1, 1, tzinfo=_UTC)  # Go's zero time.Time


def jar_path(juju_data, controller_name):
    return os.path.join(juju_data, "cookies", "%s.json" % controller_name)


def cookie_host(controller_details):
    """The host of the controller's cookie URL (§15.2): public-hostname, else the UUID;
    lower-cased, without port or trailing dot, each non-ASCII label punycoded with the "xn--"
    prefix (persistent-cookiejar canonicalHost and toASCII)."""
    host = str(controller_details.get("public-hostname") or controller_details.get("uuid") or "").lower()
    if host.count(":") == 1 or (host.startswith("[") and "]:" in host):
        host = host.rsplit(":", 1)[0].strip("[]")
    host = host[:-1] if host.endswith(".") else host
    return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
                    for label in host.split("."))


def _jar_key(host):
    """persistent-cookiejar jarKey, which files entries by their CanonicalHost: an IP address or
    a dotless host is its own key, any other host its last two labels (Go consults the public
    suffix list here, which differs only under multi-label suffixes such as co.uk, where no
    cookie domain may be set anyway)."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        return ".".join(host.split(".")[-2:])


def parse_time(text):
    """A Go RFC 3339 time as an aware datetime (nanoseconds truncated to microseconds), or None."""
    match = _RFC3339.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = match.groups()
    offset = datetime.timedelta(0)
    if not zulu:
        offset = datetime.timedelta(hours=int(off_h), minutes=int(off_m)) * (1 if sign == "+" else -1)
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second),
                                   int((fraction or "0").ljust(6, "0")[:6]), tzinfo=datetime.timezone(offset))
        return moment.astimezone(_UTC)
    except (ValueError, OverflowError):
        return None


def read_jar(path):
    """The entries of a Go cookie jar, each with Go's field types; None when the file does not exist.

    As persistent-cookiejar's load: an empty file holds no cookies; only the first JSON value counts;
    a file that is not JSON stops the `juju` command, and a JSON value that is not a list of cookie
    entries makes it read no cookies at all. Both are a SettingsError saying so.
    """
    if not os.path.exists(path):
        return None
    try:
        with open(path) as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError("cannot read the Juju cookie jar %s: %s." % (path, exc))
    text = text.lstrip(" \t\r\n")  # JSON white space, which json.Decoder skips before a value
    if not text:
        return []
    try:
        data = json.JSONDecoder().raw_decode(text)[0]
    except (ValueError, RecursionError):
        raise SettingsError("the Juju cookie jar %s is not valid JSON, so the `juju` command cannot load it either; "
                            "remove it and run `juju login`, or supply a password." % path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise _discarded(path, "it is not a list of cookies")
    return [_entry(path, index, item) for index, item in enumerate(data)]


def _discarded(path, problem):
    return SettingsError("the Juju cookie jar %s is not in the format the Go client writes (%s), and `juju` ignores "
                         "every cookie of such a jar, so it holds no stored login; run `juju login` or supply a "
                         "password." % (path, problem))


def _field(item, name):
    """encoding/json fills a field from every key equal to its name but for case, the last one winning."""
    values = [v for k, v in item.items() if k.lower() == name.lower()]
    return values[-1] if values else None


def _entry(path, index, item):
    if item is None:
        item = {}  # a null element is a zero entry, which has no CanonicalHost and is dropped
    if not isinstance(item, dict):
        raise _discarded(path, "cookie %d is not an object" % index)
    # encoding/json: a missing field or a null keeps the zero value.
    entry = dict((key, "" if _field(item, key) is None else _field(item, key)) for key in _STRINGS)
    entry.update((key, False if _field(item, key) is None else _field(item, key)) for key in _BOOLS)
    for key in _STRINGS + _BOOLS:
        if not isinstance(entry[key], str if key in _STRINGS else bool):
            kind = "string" if key in _STRINGS else "boolean"
            raise _discarded(path, "%s of cookie %d is not a %s" % (key, index, kind))
    for key in _TIMES:
        entry[key] = _ZERO_TIME if _field(item, key) is None else parse_time(_field(item, key))
        if entry[key] is None:
            raise _discarded(path, "%s of cookie %d is not an RFC 3339 time" % (key, index))
    return entry


def _matches(entry, host):
    # persistent-cookiejar: entries without CanonicalHost are dropped on load, the others filed
    # under the jarKey of their CanonicalHost, and only that key's entries are looked at for
    # https://<host>/; then domainMatch and pathMatch.
    if not entry["CanonicalHost"] or _jar_key(entry["CanonicalHost"]) != _jar_key(host) or entry["Path"] != "/":
        return False
    domain = entry["Domain"]
    return domain == host or (not entry["HostOnly"] and host.endswith("." + domain))


def _login_cookies(entries, host):
    """The macaroon-* entries the jar holds for host, one per domain;path;name (Jar.merge keeps
    the last updated), live or not, longest path first, then oldest."""
    latest = {}
    for entry in entries:
        key = (entry["Domain"], entry["Path"], entry["Name"])
        if key not in latest or entry["Updated"] > latest[key]["Updated"]:
            latest[key] = entry
    chosen = [e for e in latest.values() if e["Name"].startswith("macaroon-") and _matches(e, host)]
    return sorted(chosen, key=lambda e: (-len(e["Path"]), e["Creation"], e["Name"], e["Value"]))


def _live(entry, now):
    # An expired or logged-out cookie stays in the file for a while with an empty Value (§15.1).
    return entry["Expires"] > now and entry["Value"]


def login_macaroons(entries, controller_details, now=None):
    """The macaroon slices the Go client would send to this controller, in its order: live
    macaroon-* cookies of its cookie host that decode as macaroons."""
    now = now or datetime.datetime.now(_UTC)
    live = [e for e in _login_cookies(entries, cookie_host(controller_details)) if _live(e, now)]
    slices = [decode_slice(e["Value"]) for e in live]
    return [ms for ms in slices if ms is not None]


def no_login_reason(entries, controller_details, now=None):
    """Why login_macaroons found nothing, as a clause about the jar: no cookie for the controller's
    host, or only ones that are not macaroons (which the Go client skips, as here); None when the
    jar holds login cookies for the host and every one has expired."""
    now = now or datetime.datetime.now(_UTC)
    host = cookie_host(controller_details)
    found = _login_cookies(entries, host)
    if not found:
        return "holds no login cookie for https://%s/" % host
    if not any(_live(e, now) for e in found):
        return None
    return ("holds no macaroon the Go client can read for https://%s/ (cookie %s is not one; `juju` skips such "
            "a cookie too)" % (host, next(e["Name"] for e in found if _live(e, now))))
