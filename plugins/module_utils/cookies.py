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

import base64
import binascii
import datetime
import json
import os
import re

from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError

_UTC = datetime.timezone.utc
# Go's time.Time JSON: RFC 3339 with 0 to 9 fractional digits.
_RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d\d):(\d\d))$")
_STRINGS = ("Name", "Value", "Domain", "Path", "CanonicalHost")
_BOOLS = ("Secure", "HttpOnly", "Persistent", "HostOnly")
_TIMES = ("Expires", "Creation", "LastAccess", "Updated")
_ZERO_TIME = datetime.datetime(1, 1, 1, tzinfo=_UTC)  # Go's zero time.Time


def jar_path(juju_data, controller_name):
    return os.path.join(juju_data, "cookies", "%s.json" % controller_name)


def cookie_host(controller_details):
    """The host of the controller's cookie URL (§15.2): public-hostname, else the UUID;
    lower-cased, without port or trailing dot (persistent-cookiejar canonicalHost)."""
    host = str(controller_details.get("public-hostname") or controller_details.get("uuid") or "").lower()
    if host.count(":") == 1 or (host.startswith("[") and "]:" in host):
        host = host.rsplit(":", 1)[0].strip("[]")
    return host[:-1] if host.endswith(".") else host


def parse_time(text):
    """A Go RFC 3339 time as an aware datetime (nanoseconds truncated to microseconds), or None."""
    match = _RFC3339.match(text) if isinstance(text, str) else None
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
    """The entries of a Go cookie jar (a JSON array, or null), each checked for Go's field types;
    None when the file does not exist. A jar Go would not load is a SettingsError naming the file."""
    if not os.path.exists(path):
        return None
    try:
        with open(path) as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError("cannot read the Juju cookie jar %s: %s." % (path, exc))
    except (ValueError, RecursionError):
        raise SettingsError("the Juju cookie jar %s is not valid JSON." % path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise SettingsError("the Juju cookie jar %s is malformed: it is not a list of cookies." % path)
    return [_entry(path, index, item) for index, item in enumerate(data)]


def _entry(path, index, item):
    if not isinstance(item, dict):
        raise SettingsError("the Juju cookie jar %s is malformed: cookie %d is not an object." % (path, index))
    # encoding/json: a missing field or a null keeps the zero value.
    entry = dict((key, "" if item.get(key) is None else item[key]) for key in _STRINGS)
    entry.update((key, False if item.get(key) is None else item[key]) for key in _BOOLS)
    for key in _STRINGS + _BOOLS:
        if not isinstance(entry[key], str if key in _STRINGS else bool):
            raise SettingsError("the Juju cookie jar %s is malformed: %s of cookie %d is not a %s."
                                % (path, key, index, "string" if key in _STRINGS else "boolean"))
    for key in _TIMES:
        entry[key] = _ZERO_TIME if item.get(key) is None else parse_time(item[key])
        if entry[key] is None:
            raise SettingsError("the Juju cookie jar %s is malformed: %s of cookie %d is not an RFC 3339 time."
                                % (path, key, index))
    return entry


def _matches(entry, host):
    # persistent-cookiejar: entries without CanonicalHost are dropped on load; domainMatch and
    # pathMatch for https://<host>/.
    if not entry["CanonicalHost"] or entry["Path"] != "/":
        return False
    domain = entry["Domain"]
    return domain == host or (not entry["HostOnly"] and host.endswith("." + domain))


def decode_slice(value):
    """The macaroon slice of a cookie value (std or URL base64, padded or not, of a JSON array
    of macaroons, v1 or v2 JSON), or None when it is not one: the Go client skips such cookies."""
    text = value.strip().replace("-", "+").replace("_", "/")
    try:
        data = json.loads(base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("utf-8"))
    except (binascii.Error, ValueError, RecursionError):
        return None
    if not isinstance(data, list) or not data or not all(isinstance(m, dict) for m in data):
        return None
    return data


def login_macaroons(entries, controller_details, now=None):
    """The macaroon slices the Go client would send to this controller, in its order: live
    macaroon-* cookies of its cookie host, longest path first, then oldest."""
    now = now or datetime.datetime.now(_UTC)
    host = cookie_host(controller_details)
    latest = {}  # Jar.merge: one entry per domain;path;name, the last updated
    for entry in entries:
        key = (entry["Domain"], entry["Path"], entry["Name"])
        if key not in latest or entry["Updated"] > latest[key]["Updated"]:
            latest[key] = entry
    chosen = [e for e in latest.values()
              if e["Expires"] > now and e["Value"] and e["Name"].startswith("macaroon-") and _matches(e, host)]
    chosen.sort(key=lambda e: (-len(e["Path"]), e["Creation"], e["Name"], e["Value"]))
    slices = [decode_slice(e["Value"]) for e in chosen]
    return [ms for ms in slices if ms is not None]
