# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cookie values as the Go client decodes them (macaroon.Base64Decode, macaroon.v2 UnmarshalJSON):
what it skips is never sent (juju-api.md §15.1)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.juju.controller.plugins.module_utils import macaroon_json as mj

SIG_TEXT = "s" * 32
SIG_HEX = "ab" * 32
SIG_B64 = base64.urlsafe_b64encode(b"\1" * 32).decode().rstrip("=")


@pytest.mark.parametrize("text,data", [
    ("YQ==", b"a"), ("YQ", b"a"), ("YWI=", b"ab"), ("YWI", b"ab"), ("YWJj", b"abc"), ("", b""),
    ("+/8=", b"\xfb\xff"), ("-_8", b"\xfb\xff"), ("Y\nQ\r==", b"a"),
    # Padded only when the very last character is "=": a final newline makes the "=" a bad character.
    ("YQ==\n", None), ("YQ=", None), ("Y", None), ("YQ===", None), ("Y=Q=", None), ("Y Q", None), (" YQ", None),
    ("YQ\t", None), ("+_8=", None), ("-/8=", None), ("YQ!", None),
])
def test_go_base64(text, data):
    assert mj.go_base64(text) == data


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40), st.booleans(), st.booleans())
def test_go_base64_reads_all_four_encodings(data, url, padded):
    text = (base64.urlsafe_b64encode if url else base64.b64encode)(data).decode()
    assert mj.go_base64(text if padded else text.rstrip("=")) == data


@pytest.mark.parametrize("macaroon,accepted", [
    ({"i": "id", "s": SIG_TEXT}, True),
    ({"i64": "AwoQ", "s64": SIG_B64, "l": "juju model x",
      "c": [{"i": "time-before x"}, {"i": "tp", "v64": "AQ", "l": "https://h/auth"}]}, True),
    ({"iH": "0a", "sH": SIG_HEX}, True),
    ({"I": "id", "S": SIG_TEXT}, True),  # encoding/json matches field names case-insensitively
    ({"identifier": "id", "signature": SIG_HEX, "location": "", "caveats": [{"cid": "x", "vid": "AQ"}]}, True),
    ({"identifier": "id", "signature": SIG_HEX, "caveats": None}, True),
    ({"s64": "x"}, False),                                  # signature of no 32 bytes
    ({"i": "id", "s": "s" * 31}, False),
    ({"identifier": "id", "signature": "ab" * 31}, False),
    ({"identifier": "id", "signature": "zz" * 32}, False),  # not hex
    ({"i": "id", "i64": "aWQ", "s": SIG_TEXT}, False),      # ambiguous field encoding
    ({"i": "id", "s": SIG_TEXT, "signature": SIG_HEX}, False),  # both forms
    ({"foo": 1}, False), ({}, False),                      # neither form
    ({"i": 5, "s": SIG_TEXT}, False),                       # a number where Go wants a string
    ({"i": "id", "s": SIG_TEXT, "c": "x"}, False),
    ({"i": "id", "s": SIG_TEXT, "c": [5]}, False),
    ({"identifier": "id", "signature": SIG_HEX, "caveats": [{"cid": "x", "vid": "!"}]}, False),
    (base64.b64encode(b"\x02rest").decode(), True),         # a binary v2 macaroon in a JSON string
    (base64.b64encode(b"0rest").decode(), True),            # binary v1 starts with a hex digit
    (base64.b64encode(b"zrest").decode(), False),
    ("", False), ("not base64!", False), (5, False), (None, False), ([], False),
])
def test_is_macaroon_as_macaroon_v2_unmarshals_it(macaroon, accepted):
    assert mj.is_macaroon(macaroon) is accepted


def encoded(document):
    return base64.b64encode(json.dumps(document).encode()).decode()


@pytest.mark.parametrize("value,decoded", [
    (encoded([{"i": "id", "s": SIG_TEXT}]), [{"i": "id", "s": SIG_TEXT}]),
    (encoded([{"i": "id", "s": SIG_TEXT}, {"i": "d", "s": SIG_TEXT}]),
     [{"i": "id", "s": SIG_TEXT}, {"i": "d", "s": SIG_TEXT}]),
    # A JSON list of things that are not macaroons: Go fails to decode the slice and skips the cookie.
    (encoded([{"s64": "x"}]), None),
    (encoded([{"i": "id", "s": SIG_TEXT}, {"foo": 1}]), None),
    (encoded([]), None), (encoded(None), None), (encoded({"i": "id"}), None), (encoded([None]), None),
    (base64.b64encode(b'[{"i": NaN, "s": "' + SIG_TEXT.encode() + b'"}]').decode(), None),
    (base64.b64encode(b"\xff\xfe").decode(), None),
])
def test_decode_slice(value, decoded):
    assert mj.decode_slice(value) == decoded


def test_newlines_inside_a_value_are_ignored_other_spaces_skip_it():
    text = encoded([{"i": "id", "s": SIG_TEXT}])
    assert mj.decode_slice(text[:8] + "\r\n" + text[8:]) == [{"i": "id", "s": SIG_TEXT}]
    assert mj.decode_slice(" " + text) is None and mj.decode_slice(text + " ") is None
    assert mj.decode_slice(text[:8] + "\t" + text[8:]) is None
