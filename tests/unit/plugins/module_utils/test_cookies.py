# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading the Go CLI's cookie jar (juju-api.md §15.1, §15.2) with hand-written jars in Go's format."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import json
import time

import pytest

from ansible_collections.juju.controller.plugins.module_utils import cookies
from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError

UUID = "6d7d0374-6ef2-422c-8216-1354eacc11d4"
OTHER_UUID = "10c91043-b22b-4e62-8f44-30132106b057"
NOW = datetime.datetime(2026, 12, 2, 12, 0, 0, tzinfo=datetime.timezone.utc)
# A signature is 32 bytes (s64: 43 unpadded URL-safe base64 characters; v1: 64 hex digits).
V2 = {"c": [{"i": "time-before 2026-12-03T09:26:13.554951585Z"}], "l": "juju model x", "i64": "AwoQ",
      "s64": "jAUu" * 10 + "jAU"}
V1 = {"caveats": [{"cid": "declared username bob"}], "location": "", "identifier": "AwA", "signature": "25c7" * 16}


def value(slice_, encode=base64.b64encode, padded=True):
    text = encode(json.dumps(slice_).encode()).decode()
    return text if padded else text.rstrip("=")


def cookie(name="macaroon-aa", slice_=None, domain=UUID, expires="2026-12-03T09:26:13.554951585Z", **fields):
    """An entry exactly as persistent-cookiejar marshals it (Go field names and order)."""
    entry = {"Name": name, "Value": value(slice_ or [V2, V1]), "Domain": domain, "Path": "/", "Secure": False,
             "HttpOnly": False, "Persistent": True, "HostOnly": True, "Expires": expires,
             "Creation": "2026-12-02T09:26:18.497625359+01:00", "LastAccess": "2026-12-02T09:26:18.497625359+01:00",
             "Updated": "2026-12-02T09:26:18.497625359+01:00", "CanonicalHost": domain}
    entry.update(fields)
    return entry


def selected(entries, details=None, now=NOW):
    return cookies.login_macaroons(entries_of(entries), details or {"uuid": UUID}, now)


def entries_of(entries):
    return [cookies._entry("jar", i, e) for i, e in enumerate(entries)]


@pytest.mark.parametrize("text,expected", [
    ("2026-12-03T09:26:13.554951585Z", datetime.datetime(2026, 12, 3, 9, 26, 13, 554951)),
    ("2026-12-03T09:26:13Z", datetime.datetime(2026, 12, 3, 9, 26, 13)),
    ("2026-12-03T09:26:13.5Z", datetime.datetime(2026, 12, 3, 9, 26, 13, 500000)),
    ("2026-12-03T10:26:13.1+01:00", datetime.datetime(2026, 12, 3, 9, 26, 13, 100000)),
    ("2026-12-03T04:56:13-04:30", datetime.datetime(2026, 12, 3, 9, 26, 13)),
    ("0001-01-01T00:00:00Z", datetime.datetime(1, 1, 1)),
    ("9999-12-31T23:59:59Z", datetime.datetime(9999, 12, 31, 23, 59, 59)),
])
def test_parse_time(text, expected):
    assert cookies.parse_time(text) == expected.replace(tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize("text", ["2026-12-03 09:26:13Z", "2026-12-03T09:26:13", "2026-12-03T09:26:13.1234567890Z",
                                  "2026-13-03T09:26:13Z", "0001-01-01T00:00:00+01:00", 1764667573, None])
def test_parse_time_refuses(text):
    assert cookies.parse_time(text) is None


def test_fresh_cookie_of_the_controller_uuid():
    assert selected([cookie()]) == [[V2, V1]]


def test_stale_and_fresh_cookie_for_the_same_host():
    stale = cookie("macaroon-01", [V1], expires="2026-12-02T11:59:59.999999999Z")
    exactly_now = cookie("macaroon-02", [V1], expires="2026-12-02T12:00:00Z")  # Go: !Expires.After(now)
    fresh = cookie("macaroon-03", [V2])
    assert selected([stale, exactly_now, fresh]) == [[V2]]


def test_emptied_cookie_is_skipped():
    # Go empties the value of an expired or logged-out cookie and keeps the entry for a day.
    assert selected([cookie(Value="")]) == []


def test_only_this_controllers_cookies():
    assert selected([cookie(domain=OTHER_UUID)]) == []
    assert selected([cookie(domain=OTHER_UUID)], {"uuid": OTHER_UUID}) == [[V2, V1]]


def test_cookie_for_the_dialled_ip_only_is_ignored():
    # `juju register` leaves a short local-login macaroon for the dialled address (§15.2).
    assert selected([cookie(domain="10.0.0.1"), cookie(domain="10.0.0.1:17070")]) == []


def test_public_hostname_wins_over_the_uuid():
    details = {"uuid": UUID, "public-hostname": "Ctrl.Example.com:17070"}
    assert selected([cookie(domain=UUID)], details) == []
    assert selected([cookie(domain="ctrl.example.com")], details) == [[V2, V1]]
    # A domain cookie (HostOnly false) matches subdomains; a host-only one does not.
    assert selected([cookie(domain="example.com", HostOnly=False)], details) == [[V2, V1]]
    assert selected([cookie(domain="example.com")], details) == []
    assert selected([cookie(domain="ample.com", HostOnly=False)], details) == []


def test_names_paths_and_canonical_host():
    assert selected([cookie(name="session")]) == []
    assert selected([cookie(Path="/api")]) == []
    assert selected([cookie(CanonicalHost="")]) == []  # persistent-cookiejar drops such entries


def test_base64_variants_and_undecodable_values():
    url = base64.urlsafe_b64encode
    slice_ = [{"i": "???>?", "s64": V2["s64"]}]
    values = [value(slice_), value(slice_, padded=False), value(slice_, url), value(slice_, url, padded=False)]
    assert [v[:22] for v in values] == ["W3siaSI6ICI/Pz8+PyIsIC", "W3siaSI6ICI/Pz8+PyIsIC", "W3siaSI6ICI_Pz8-PyIsIC",
                                        "W3siaSI6ICI_Pz8-PyIsIC"]
    assert selected([cookie("macaroon-%d" % i, Value=v) for i, v in enumerate(values)]) == [slice_] * 4
    bad = ["not base64!", base64.b64encode(b"not json").decode(), value({"not": "a list"}), value([]), value([1])]
    assert selected([cookie("macaroon-%d" % i, Value=v) for i, v in enumerate(bad)]) == []


def test_order_is_gos_and_latest_update_wins():
    first = cookie("macaroon-b", [V1], Creation="2026-12-01T00:00:00Z")
    second = cookie("macaroon-a", [V2], Creation="2026-12-01T00:00:01Z")
    assert selected([second, first]) == [[V1], [V2]]
    older = cookie("macaroon-a", [V1], Updated="2026-12-01T00:00:00Z")
    newer = cookie("macaroon-a", [V2], Updated="2026-12-01T00:00:01Z")
    assert selected([newer, older]) == [[V2]] and selected([older, newer]) == [[V2]]


def test_missing_fields_take_gos_zero_values():
    assert selected([{"Name": "macaroon-a", "Value": value([V2]), "Domain": UUID, "Path": "/",
                      "CanonicalHost": UUID, "Expires": "2027-01-01T00:00:00Z", "Unknown": 1}]) == [[V2]]
    assert selected([{"Name": "macaroon-a", "Value": value([V2]), "Domain": UUID, "Path": "/",
                      "CanonicalHost": UUID}]) == []  # zero Expires: expired
    # encoding/json leaves the zero value for a null, as for a missing field.
    assert selected([cookie(Secure=None, HttpOnly=None, LastAccess=None)]) == [[V2, V1]]
    assert selected([cookie(Value=None)]) == [] and selected([cookie(Expires=None)]) == []


def write(tmp_path, text):
    path = tmp_path / "sim.json"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("text", ["null", "[]", "null\n"])
def test_empty_jars(tmp_path, text):
    assert cookies.read_jar(write(tmp_path, text)) == []


def test_missing_jar(tmp_path):
    assert cookies.read_jar(str(tmp_path / "nothing.json")) is None


NOT_JSON = ("is not valid JSON, so the `juju` command cannot load it either; remove it and run `juju login`, or "
            "supply a password.")
DISCARDED = ("is not in the format the Go client writes (%s), and `juju` ignores every cookie of such a jar, so it "
             "holds no stored login; run `juju login` or supply a password.")


@pytest.mark.parametrize("text,problem", [
    ("{", NOT_JSON),
    ("[" * 100000 + "]" * 100000, NOT_JSON),
    ("x[]", NOT_JSON),
    # persistent-cookiejar mergeFrom: valid JSON that is not []entry is discarded with a log line.
    ('{"Name": "x"}', DISCARDED % "it is not a list of cookies"),
    ('["x"]', DISCARDED % "cookie 0 is not an object"),
    (json.dumps([cookie(), cookie(HostOnly="yes")]), DISCARDED % "HostOnly of cookie 1 is not a boolean"),
    (json.dumps([cookie(Value=5)]), DISCARDED % "Value of cookie 0 is not a string"),
    (json.dumps([cookie(Expires="tomorrow")]), DISCARDED % "Expires of cookie 0 is not an RFC 3339 time"),
    (json.dumps([cookie(Expires="2026-12-03T09:26:13Z\n")]), DISCARDED % "Expires of cookie 0 is not an RFC 3339 time"),
    (json.dumps([cookie(Expires="\u0662026-12-03T09:26:13Z")]), DISCARDED % "Expires of cookie 0 is not an RFC 3339 time"),
    (json.dumps([cookie(hostonly="yes")]), DISCARDED % "HostOnly of cookie 0 is not a boolean"),
])
def test_jar_go_cannot_decode_says_what_go_does(tmp_path, text, problem):
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as info:
        cookies.read_jar(path)
    assert str(info.value) == "the Juju cookie jar %s %s" % (path, problem)


@pytest.mark.parametrize("text", ["", " \n", "[] trailing", "null {"])
def test_jar_read_as_gos_json_decoder_reads_it(tmp_path, text):
    # An empty file is io.EOF (no cookies); json.Decoder reads the first value and stops there.
    assert cookies.read_jar(write(tmp_path, text)) == []


def test_null_element_is_a_zero_entry(tmp_path):
    assert [e["CanonicalHost"] for e in cookies.read_jar(write(tmp_path, "[null]"))] == [""]


def test_unreadable_jar(tmp_path):
    path = tmp_path / "sim.json"
    path.mkdir()  # a directory: open() fails even as root
    with pytest.raises(SettingsError) as info:
        cookies.read_jar(str(path))
    assert str(info.value).startswith("cannot read the Juju cookie jar %s: " % path)
    assert str(info.value).endswith(".") and "Traceback" not in str(info.value)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "sim.json"
    path.write_bytes(b"[\xff]")
    with pytest.raises(SettingsError, match="^cannot read the Juju cookie jar "):
        cookies.read_jar(str(path))


@pytest.mark.parametrize("details,host", [
    ({"uuid": UUID}, UUID), ({"uuid": UUID, "public-hostname": "Juju.Example.COM."}, "juju.example.com"),
    ({"uuid": UUID, "public-hostname": "[::1]:17070"}, "::1"), ({"uuid": UUID, "public-hostname": ""}, UUID),
])
def test_cookie_host(details, host):
    assert cookies.cookie_host(details) == host


@pytest.mark.parametrize("details,host", [
    # A controllers.yaml entry with neither key (written by hand): no host, so no cookie of the jar is chosen.
    ({}, ""), ({"uuid": ""}, ""),
    # Bracketed IPv6 without a port: persistent-cookiejar's hasPort() is false, the brackets stay.
    ({"uuid": UUID, "public-hostname": "[::1]"}, "[::1]"), ({"uuid": UUID, "public-hostname": "[FE80::1]."}, "[fe80::1]"),
    ({"uuid": UUID, "public-hostname": "[fe80::1]:17070"}, "fe80::1"), ({"uuid": UUID, "public-hostname": "10.0.0.1:17070"}, "10.0.0.1"),
])
def test_cookie_host_without_host_or_port(details, host):
    assert cookies.cookie_host(details) == host


def test_jar_entry_of_an_empty_object_takes_gos_zero_values(tmp_path):
    # encoding/json fills every field a jar entry lacks with its zero value.
    zero = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)
    assert cookies.read_jar(write(tmp_path, "[{}]")) == [{
        "Name": "", "Value": "", "Domain": "", "Path": "", "CanonicalHost": "",
        "Secure": False, "HttpOnly": False, "Persistent": False, "HostOnly": False,
        "Expires": zero, "Creation": zero, "LastAccess": zero, "Updated": zero}]


def test_missing_host_only_and_canonical_host_fields():
    details = {"uuid": UUID, "public-hostname": "ctrl.example.com"}
    domain_cookie = cookie(domain="example.com")
    del domain_cookie["HostOnly"]  # false: a domain cookie, which matches the subdomain ctrl.example.com
    assert selected([domain_cookie], details) == [[V2, V1]]
    no_canonical_host = cookie()
    del no_canonical_host["CanonicalHost"]  # "": persistent-cookiejar drops the entry on load
    assert selected([no_canonical_host]) == []


def test_same_update_time_keeps_the_first_entry():
    # Jar.merge replaces an entry only by one updated strictly later (Updated.After).
    assert selected([cookie("macaroon-a", [V1]), cookie("macaroon-a", [V2])]) == [[V1]]
    assert selected([cookie("macaroon-a", [V2]), cookie("macaroon-a", [V1])]) == [[V2]]


def test_unpadded_value_of_length_three_modulo_four():
    # Three characters short of a quantum need one "=", not three (which the strict decoder refuses).
    text = value([{"i": "abcd", "s": "s" * 32}], padded=False)
    assert len(text) % 4 == 3
    assert cookies.decode_slice(text) == [{"i": "abcd", "s": "s" * 32}]


@pytest.mark.parametrize("junk", ["*", " ", "!", "\x00"])
def test_value_with_a_character_outside_base64_is_skipped(junk):
    # Go's base64 decoder refuses such a value, and the Go client skips the cookie; a lenient
    # decoder would drop the character and decode the rest.
    text = value([V1])
    assert cookies.decode_slice(text) == [V1]
    assert cookies.decode_slice(text[:4] + junk + text[4:]) is None
    assert cookies.decode_slice(junk + text) is None and cookies.decode_slice(text + junk) is None


@pytest.fixture
def local_zone(request, monkeypatch):
    """The machine's local time zone set to request.param (a POSIX TZ string, no tz database needed)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("local_zone", ["EST+5", "IST-5:30", "UTC0"], indirect=True)
@pytest.mark.parametrize("text,expected", [
    ("0001-01-01T00:00:00Z", datetime.datetime(1, 1, 1)),  # Go's zero time, in every jar Go writes
    ("9999-12-31T23:59:59Z", datetime.datetime(9999, 12, 31, 23, 59, 59)),
    ("2026-12-03T10:26:13.1+01:00", datetime.datetime(2026, 12, 3, 9, 26, 13, 100000)),
])
def test_parse_time_is_utc_whatever_the_local_zone(local_zone, text, expected):
    # In the local zone, the first and last representable instants would be out of range on one side of UTC.
    moment = cookies.parse_time(text)
    assert (moment, moment.utcoffset(), moment.tzname()) == (
        expected.replace(tzinfo=datetime.timezone.utc), datetime.timedelta(0), "UTC"), local_zone


@pytest.mark.parametrize("hostname,host", [
    # persistent-cookiejar toASCII: each non-ASCII label punycoded after lower-casing.
    ("Bücher.Example.COM", "xn--bcher-kva.example.com"), ("juju.bücher.de:17070", "juju.xn--bcher-kva.de"),
    ("ctrl.example.com", "ctrl.example.com"),
])
def test_non_ascii_public_hostname_is_punycoded(hostname, host):
    details = {"uuid": UUID, "public-hostname": hostname}
    assert cookies.cookie_host(details) == host
    assert selected([cookie(domain=host)], details) == [[V2, V1]]


def test_cookie_filed_under_another_canonical_host_is_not_sent():
    assert selected([cookie(CanonicalHost=OTHER_UUID)]) == []
    # A domain cookie is sent to a subdomain filed under the same key (the last two labels).
    details = {"uuid": UUID, "public-hostname": "ctrl.example.com"}
    assert selected([cookie(domain="example.com", HostOnly=False, CanonicalHost="www.example.com")], details) == [[V2, V1]]
    assert selected([cookie(domain="example.com", HostOnly=False, CanonicalHost="example.org")], details) == []


def test_cookie_value_with_spaces_is_skipped_not_trimmed():
    assert selected([cookie(Value=" " + value([V1]) + " ")]) == []
    assert selected([cookie(Value=value([V1]) + "\n")]) == []  # the "=" is no longer last: not padded
    assert selected([cookie(Value=value([V1]).rstrip("=") + "\n")]) == [[V1]]


def test_no_login_reasons():
    assert cookies.no_login_reason(entries_of([]), {"uuid": UUID}, NOW) == "holds no login cookie for https://%s/" % UUID
    assert cookies.no_login_reason(entries_of([cookie(expires="2020-01-01T00:00:00Z")]), {"uuid": UUID}, NOW) is None
    assert cookies.no_login_reason(entries_of([cookie(Value="")]), {"uuid": UUID}, NOW) is None
    assert cookies.no_login_reason(entries_of([cookie(slice_=[{"s64": "x"}])]), {"uuid": UUID}, NOW) == (
        "holds no macaroon the Go client can read for https://%s/ (cookie macaroon-aa is not one; `juju` skips "
        "such a cookie too)" % UUID)


def test_an_ip_address_is_its_own_jar_key():
    details = {"uuid": UUID, "public-hostname": "10.1.0.1:17070"}
    assert selected([cookie(domain="10.1.0.1")], details) == [[V2, V1]]
    # Same last two labels, another address: filed apart, never sent.
    assert selected([cookie(domain="10.1.0.1", CanonicalHost="10.2.0.1")], details) == []
