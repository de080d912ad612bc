# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""registration.py's refusals as whole sentences, and the decoder on tokens built byte by byte.

test_registration.py checks the tokens against Go's and python-libjuju's; these check each
structural rule of decode_registration_string (three to five fields, which field has which
tag, lengths that run past the end, Go's other string types, base64 without its padding) and
the sentence of every input the encoder refuses.
"""
import base64

import pytest

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.module_utils.registration import (
    decode_registration_string, registration_string)

KEY = bytes(range(32))
KEY_B64 = base64.b64encode(KEY).decode("ascii")
NOT_A_TOKEN = "the registration token is not valid: it is not a `juju add-user` token."


def tlv(tag, body):
    assert len(body) < 0x80  # short form only: these tokens are small
    return bytes([tag, len(body)]) + body


def token(*fields, outer=0x30):
    """urlsafe base64 of a sequence of fields, without "=" padding (as python-libjuju's)."""
    return base64.urlsafe_b64encode(tlv(outer, b"".join(fields))).decode("ascii").rstrip("=")


USER = tlv(0x13, b"bob")
ADDRESSES = tlv(0x30, tlv(0x13, b"10.0.0.1:17070"))
SECRET = tlv(0x04, KEY)
CONTROLLER = tlv(0x13, b"prod")
PROXY = tlv(0x13, b"")


def refusal(function, *args):
    with pytest.raises(InvalidInput) as info:
        function(*args)
    return str(info.value)


@pytest.mark.parametrize("args, field", [
    ((5, ["a:1"], KEY, "c"), "user"),
    (("bob", ["a:1", 5], KEY, "c"), "address"),
    (("bob", ["a:1"], KEY, None), "controller name"),
    (("bob", ["a:1"], KEY, "c", 5), "proxy config"),
])
def test_field_that_is_not_a_string(args, field):
    assert refusal(registration_string, *args) == "registration %s must be a string." % field


def test_field_that_cannot_be_utf8():
    assert refusal(registration_string, "bob\ud800", ["a:1"], KEY, "c") == "registration user is not valid UTF-8."


@pytest.mark.parametrize("addresses", [[], "10.0.0.1:17070", None])
def test_addresses_must_be_a_list(addresses):
    assert refusal(registration_string, "bob", addresses, KEY, "c") == (
        "registration addresses must be a non-empty list of host:port.")


def test_secret_key_size():
    assert refusal(registration_string, "bob", ["a:1"], KEY[:16], "c") == (
        "the registration secret key must be 32 bytes.")


def test_secret_key_base64_is_validated():
    # Without validation b64decode would drop the "*" and accept the key.
    assert refusal(registration_string, "bob", ["a:1"], KEY_B64[:8] + "*" + KEY_B64[8:], "c") == (
        "the registration secret key is not valid base64.")


@pytest.mark.parametrize("fields, expected", [
    ((USER, ADDRESSES, SECRET), ("", "")),
    ((USER, ADDRESSES, SECRET, CONTROLLER), ("prod", "")),
    ((USER, ADDRESSES, SECRET, CONTROLLER, tlv(0x13, b"proxy")), ("prod", "proxy")),
])
def test_three_to_five_fields(fields, expected):
    assert decode_registration_string(token(*fields)) == {
        "user": "bob", "addresses": ["10.0.0.1:17070"], "secret_key": KEY_B64,
        "controller_name": expected[0], "proxy_config": expected[1]}


@pytest.mark.parametrize("user", [b"b", b"bo", b"bob"])
def test_tokens_without_base64_padding(user):
    # Three lengths of user: the unpadded base64 is 2, 3 or 0 characters short of a multiple of 4.
    assert decode_registration_string(token(tlv(0x13, user), ADDRESSES, SECRET, CONTROLLER, PROXY))["user"] == (
        user.decode("ascii"))


@pytest.mark.parametrize("tag, body, text", [
    (0x16, b"bob", "bob"),                   # IA5String
    (0x12, b"123", "123"),                   # NumericString
    (0x14, b"b\xf6b", "b\u00f6b"),           # T61String, read as Latin-1
    (0x1E, "bøb".encode("utf-16-be"), "bøb"),  # BMPString
])
def test_other_string_types_go_accepts(tag, body, text):
    assert decode_registration_string(token(tlv(tag, body), ADDRESSES, SECRET, CONTROLLER, PROXY))["user"] == text


@pytest.mark.parametrize("bad", [
    token(USER, ADDRESSES, SECRET, CONTROLLER, PROXY, tlv(0x13, b"extra")),  # six fields
    token(USER, ADDRESSES, SECRET, CONTROLLER, PROXY, outer=0x31),           # a SET, not a SEQUENCE
    token(USER, tlv(0x31, tlv(0x13, b"a:1")), SECRET, CONTROLLER, PROXY),    # addresses not a SEQUENCE
    token(USER, ADDRESSES, tlv(0x13, b"k" * 32), CONTROLLER, PROXY),         # key not an OCTET STRING
    token(tlv(0x02, b"\x01"), ADDRESSES, SECRET, CONTROLLER, PROXY),         # user an INTEGER
    token(USER, ADDRESSES, SECRET, CONTROLLER, b"\x13\x80"),                 # BER indefinite length
])
def test_structures_refused(bad):
    assert refusal(decode_registration_string, bad) == NOT_A_TOKEN


def test_field_running_past_the_end_refused():
    der = tlv(0x30, USER + ADDRESSES + SECRET + CONTROLLER + tlv(0x13, b"proxy"))
    # The last field and the sequence both claim two bytes more than the token holds.
    truncated = der[:1] + bytes([der[1] + 2]) + der[2:-6] + bytes([7]) + der[-5:]
    assert refusal(decode_registration_string, base64.urlsafe_b64encode(truncated).decode("ascii")) == NOT_A_TOKEN
