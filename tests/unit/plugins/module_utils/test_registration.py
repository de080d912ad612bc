# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64

import pytest

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.module_utils.registration import (
    decode_registration_string, registration_string)

KEY_B64 = "paNZrqOw51ONk1kTER6rkm4hdPcg5VgC/dzXYxtUZaM="
ADDRS = ["192.168.1.1:17070", "192.168.1.2:17070", "192.168.1.3:17070"]
# Produced by Go's encoding/asn1 (issue 3).
GO_VECTOR = ("MIGAEwp0ZXN0LTAxMjM0MDkTETE5Mi4xNjguMS4xOjE3MDcwExExOTIuMTY4LjEuMjoxNzA3MBMRMTkyLjE2OC4xLjM6MTcwNzAE"
             "IKWjWa6jsOdTjZNZExEeq5JuIXT3IOVYAv3c12MbVGWjExNsb2NhbGhvc3QtbG9jYWxob3N0EwAA")
# python-libjuju's four-field token for the same inputs (juju-api.md §8.2).
LIBJUJU_VECTOR = ("MH4TCnRlc3QtMDEyMzQwORMRMTkyLjE2OC4xLjE6MTcwNzATETE5Mi4xNjguMS4yOjE3MDcwExExOTIuMTY4LjEuMzoxNzA3MAQg"
                  "paNZrqOw51ONk1kTER6rkm4hdPcg5VgC_dzXYxtUZaMTE2xvY2FsaG9zdC1sb2NhbGhvc3QA")


def der(token):
    return base64.urlsafe_b64decode(token)


def test_go_vector_from_base64_key():
    assert registration_string("test-01234", ADDRS, KEY_B64, "localhost-localhost") == GO_VECTOR


def test_go_vector_from_raw_key():
    raw = base64.b64decode(KEY_B64)
    assert registration_string("test-01234", tuple(ADDRS), raw, "localhost-localhost", "") == GO_VECTOR


def test_decode_round_trip():
    assert decode_registration_string(GO_VECTOR) == {
        "user": "test-01234", "addresses": ADDRS, "secret_key": KEY_B64,
        "controller_name": "localhost-localhost", "proxy_config": ""}


def test_decode_older_four_field_token():
    info = decode_registration_string(LIBJUJU_VECTOR)
    assert info["user"] == "test-01234" and info["secret_key"] == KEY_B64 and info["proxy_config"] == ""


def test_utf8_and_non_printable_strings_use_utf8string():
    # "é" is not ASCII and "_"/"@"/"*" are ASCII but outside PrintableString: UTF8String (0x0C).
    token = registration_string("bob", ["h:1"], KEY_B64, "ctrl_é", proxy_config="a@b")
    data = der(token)
    assert b"\x0c\x07ctrl_\xc3\xa9" in data
    assert b"\x0c\x03a@b" in data
    assert b"\x13\x03bob" in data and b"\x13\x03h:1" in data
    assert decode_registration_string(token)["controller_name"] == "ctrl_é"
    for ch in "_@*&!":
        assert b"\x0c\x02x" + ch.encode() in der(registration_string("bob", ["h:1"], KEY_B64, "x" + ch))
    for ch in " '()+,-./:=?":
        assert b"\x13\x02x" + ch.encode() in der(registration_string("bob", ["h:1"], KEY_B64, "x" + ch))


def test_long_address_list_uses_long_form_lengths():
    addrs = ["10.0.%d.%d:17070" % (i // 250, i % 250) for i in range(40)]
    data = der(registration_string("bob", addrs, KEY_B64, "ctrl"))
    addr_bytes = sum(2 + len(a) for a in addrs)
    assert addr_bytes > 255
    # Outer sequence and address sequence both need two length bytes (0x82).
    assert data[:2] == b"\x30\x82"
    outer = int.from_bytes(data[2:4], "big")
    assert data[4:9] == b"\x13\x03bob"
    assert data[9:13] == b"\x30\x82" + addr_bytes.to_bytes(2, "big")
    assert 0 <= len(data) - (4 + outer) < 3 and len(data) % 3 == 0
    assert decode_registration_string(registration_string("bob", addrs, KEY_B64, "ctrl"))["addresses"] == addrs


@pytest.mark.parametrize("user", ["ab", "abc", "abcd"])
def test_padding_to_a_multiple_of_three_never_needs_base64_padding(user):
    token = registration_string(user, ["h:1"], KEY_B64, "c")
    data = der(token)
    length = 2 + data[1]
    assert "=" not in token and len(data) % 3 == 0
    assert data[length:] == b"\0" * (len(data) - length) and len(data) - length < 3


def test_length_128_uses_long_form():
    assert der(GO_VECTOR)[:3] == b"\x30\x81\x80"


@pytest.mark.parametrize("key", ["not base64!", base64.b64encode(b"short").decode(), b"x" * 31, 42])
def test_bad_secret_key(key):
    with pytest.raises(InvalidInput, match="secret key"):
        registration_string("bob", ["h:1"], key, "c")


def test_bad_inputs():
    with pytest.raises(InvalidInput, match="addresses"):
        registration_string("bob", [], KEY_B64, "c")
    with pytest.raises(InvalidInput, match="addresses"):
        registration_string("bob", "h:1", KEY_B64, "c")
    with pytest.raises(InvalidInput, match="UTF-8"):
        registration_string("bob", ["h:1"], KEY_B64, "\udc80")


@pytest.mark.parametrize("token", ["", "!!!", "MAA", base64.urlsafe_b64encode(b"\x30\x05\x13\x01a").decode()])
def test_decode_rejects_garbage(token):
    with pytest.raises(InvalidInput, match="registration token is not valid"):
        decode_registration_string(token)
