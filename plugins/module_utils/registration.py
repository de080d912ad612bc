# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The token `juju add-user` prints for a user without a password (juju-api.md §8), built
# byte for byte as Juju's Go client builds it, so `juju register <token>` accepts it:
# the 3.x RegistrationInfo struct (User, Addrs, SecretKey, ControllerName, ProxyConfig)
# as DER by Go's encoding/asn1 defaults, zero-padded to a multiple of 3, URL-safe base64.
# All five fields are written: Go's decoder rejects a shorter sequence ("sequence
# truncated"), which is why python-libjuju's four-field token is not copied.

import base64
import binascii

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

_SEQUENCE, _OCTETS, _PRINTABLE, _UTF8 = 0x30, 0x04, 0x13, 0x0C
# Other string tags Go's decoder accepts for a Go string (Numeric, T61, IA5, BMP).
_OTHER_STRINGS = {0x12: "ascii", 0x14: "latin-1", 0x16: "ascii", 0x1E: "utf-16-be"}
_PRINTABLE_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?")
_KEY_SIZE = 32
_FIELDS = ("user", "addresses", "secret_key", "controller_name", "proxy_config")


def _tlv(tag, body):
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    else:
        # DER long form: 0x80 | number of length bytes, then the length big-endian.
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + length + body


def _string(value, field):
    if not isinstance(value, str):
        raise InvalidInput("registration %s must be a string." % field)
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput("registration %s is not valid UTF-8." % field)
    # Go picks PrintableString when every byte allows it, else UTF8String.
    return _tlv(_PRINTABLE if all(b in _PRINTABLE_CHARS for b in data) else _UTF8, data)


def _secret_key(secret_key):
    if isinstance(secret_key, str):
        try:
            secret_key = base64.b64decode(secret_key, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput("the registration secret key is not valid base64.")
    if not isinstance(secret_key, (bytes, bytearray)) or len(secret_key) != _KEY_SIZE:
        # `juju register` refuses any other size ("secret key not valid").
        raise InvalidInput("the registration secret key must be %d bytes." % _KEY_SIZE)
    return bytes(secret_key)


def registration_string(user, addresses, secret_key, controller_name, proxy_config=""):
    """The `juju register` token; secret_key is raw bytes or standard base64 (as the API returns it)."""
    if isinstance(addresses, str) or not addresses:
        raise InvalidInput("registration addresses must be a non-empty list of host:port.")
    der = _tlv(_SEQUENCE, b"".join((
        _string(user, "user"),
        _tlv(_SEQUENCE, b"".join(_string(a, "address") for a in addresses)),
        _tlv(_OCTETS, _secret_key(secret_key)),
        _string(controller_name, "controller name"),
        _string(proxy_config or "", "proxy config"),
    )))
    # Zero padding so base64 needs no "=": the DER length tells a decoder where to stop.
    der += b"\0" * (-len(der) % 3)
    return base64.urlsafe_b64encode(der).decode("ascii")


def _read(data, pos):
    """One DER element at pos -> (tag, body, next position)."""
    if pos + 2 > len(data):
        raise ValueError("truncated")
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first & 0x80:
        count = first & 0x7F
        if not count or pos + count > len(data):
            raise ValueError("bad length")
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    else:
        length = first
    if pos + length > len(data):
        raise ValueError("truncated")
    return tag, data[pos:pos + length], pos + length


def _text(tag, body):
    if tag in (_PRINTABLE, _UTF8):
        return body.decode("utf-8")
    if tag in _OTHER_STRINGS:
        return body.decode(_OTHER_STRINGS[tag])
    raise ValueError("expected a string")


def _elements(body):
    pos, out = 0, []
    while pos < len(body):
        tag, value, pos = _read(body, pos)
        out.append((tag, value))
    return out


def decode_registration_string(token):
    """Token -> {user, addresses, secret_key (standard base64), controller_name, proxy_config}.

    Older three- and four-field tokens (from older Juju or python-libjuju) decode too;
    the missing fields come back empty.
    """
    try:
        data = base64.urlsafe_b64decode(token.strip() + "=" * (-len(token.strip()) % 4))
        tag, body, dummy = _read(data, 0)  # anything after the sequence is padding
        fields = _elements(body) if tag == _SEQUENCE else []
        if not 3 <= len(fields) <= 5 or fields[1][0] != _SEQUENCE or fields[2][0] != _OCTETS:
            raise ValueError("unexpected structure")
        values = [_text(*fields[0]), [_text(*a) for a in _elements(fields[1][1])],
                  base64.b64encode(fields[2][1]).decode("ascii")]
        values += [_text(*f) for f in fields[3:]] + [""] * (5 - len(fields))
    except (AttributeError, ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("the registration token is not valid: it is not a `juju add-user` token.")
    return dict(zip(_FIELDS, values))
