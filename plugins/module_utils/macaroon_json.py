# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Which cookie values the Go client turns into macaroons (juju-api.md §15.1). httpbakery's
# MacaroonsForURL decodes each macaroon-* cookie with macaroon.Base64Decode and json.Unmarshal
# into a macaroon.Slice (gopkg.in/macaroon.v2 marshal.go, marshal-v1.go, marshal-v2.go) and
# skips, with a log line only, every cookie that fails: such a cookie is never sent. This module
# restates those decoders' acceptance rules; it builds no macaroon and checks no signature.

import base64
import binascii
import json
import re

_HASH_LEN = 32  # a macaroon signature is a SHA-256 HMAC
_V1_FIELDS = ("caveats", "location", "identifier", "signature")
_V2_FIELDS = ("c", "l", "i", "ih", "i64", "s", "sh", "s64")  # compared case-folded, as encoding/json does
_STD = re.compile(r"[A-Za-z0-9+/]*")
_URL = re.compile(r"[A-Za-z0-9_-]*")


def go_base64(text):
    """macaroon.Base64Decode: padded if the text ends in "=", standard alphabet if it holds "+" or
    "/", URL-safe otherwise; encoding/base64 drops "\\r" and "\\n" anywhere and refuses any other
    space. The bytes, or None."""
    padded = text.endswith("=")
    alphabet = _STD if "+" in text or "/" in text else _URL
    text = text.replace("\r", "").replace("\n", "")
    body = text.rstrip("=") if padded else text
    pad = len(text) - len(body)
    if not alphabet.fullmatch(body) or len(body) % 4 == 1:
        return None
    if padded and (len(text) % 4 or pad != (4 - len(body) % 4) % 4):
        return None
    try:
        return base64.b64decode(body.replace("-", "+").replace("_", "/") + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        return None


def _fields(obj, known):
    """The object's members under the Go field they fill (exact name, else case-insensitive)."""
    out = {}
    for key, value in obj.items():
        folded = key.lower()
        if folded in known:
            out[folded] = value
    return out


def _string(value):
    # A JSON null leaves a Go string empty; any other non-string is an UnmarshalTypeError.
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _binary(plain, hexed, b64):
    """marshal-v2.go jsonBinaryField."""
    plain, hexed, b64 = _string(plain), _string(hexed), _string(b64)
    if plain:
        if hexed or b64:
            raise ValueError("ambiguous field encoding")
        return plain.encode("utf-8")
    if hexed:
        return binascii.unhexlify(hexed)
    if b64:
        data = go_base64(b64)
        if data is None:
            raise ValueError("bad base64")
        return data
    return b""


def _caveats(value):
    if value is None:
        return []
    if not isinstance(value, list) or not all(c is None or isinstance(c, dict) for c in value):
        raise ValueError("caveats are not a list of objects")
    return [c or {} for c in value]


def _v1(fields):
    for key in ("location", "identifier"):
        _string(fields.get(key))
    if len(binascii.unhexlify(_string(fields.get("signature")))) != _HASH_LEN:
        raise ValueError("signature has unexpected length")
    for cav in _caveats(fields.get("caveats")):
        cav = _fields(cav, ("cid", "vid", "cl"))
        _string(cav.get("cid"))
        _string(cav.get("cl"))
        if _string(cav.get("vid")) and go_base64(cav["vid"]) is None:
            raise ValueError("cannot decode verification id")


def _v2(fields):
    _string(fields.get("l"))
    _binary(fields.get("i"), fields.get("ih"), fields.get("i64"))
    if len(_binary(fields.get("s"), fields.get("sh"), fields.get("s64"))) != _HASH_LEN:
        raise ValueError("signature has unexpected length")
    for cav in _caveats(fields.get("c")):
        cav = _fields(cav, ("i", "ih", "i64", "v", "vh", "v64", "l"))
        _binary(cav.get("i"), cav.get("ih"), cav.get("i64"))
        _binary(cav.get("v"), cav.get("vh"), cav.get("v64"))
        _string(cav.get("l"))


def _binary_form(text):
    """A JSON string holds a base64 binary macaroon; only its first byte is checked here: 2 for the
    v2 format, an ASCII hex digit for v1 (marshal.go parseBinary)."""
    data = go_base64(text)
    return bool(data) and (data[0] == 2 or chr(data[0]) in "0123456789abcdefABCDEF")


def is_macaroon(value):
    """True when macaroon.v2's UnmarshalJSON accepts this JSON value (an object with fields of
    exactly one of the v1 and v2 forms and a 32-byte signature, or a base64 string)."""
    if isinstance(value, str):
        return _binary_form(value)
    if not isinstance(value, dict):
        return False
    v1, v2 = _fields(value, _V1_FIELDS), _fields(value, _V2_FIELDS)
    if bool(v1) == bool(v2):
        return False  # both: "cannot determine macaroon encoding version"; neither: "invalid JSON macaroon encoding"
    try:
        (_v1 if v1 else _v2)(v1 or v2)
    except (ValueError, TypeError, binascii.Error):
        return False
    return True


def _not_json(name):
    raise ValueError("%s is not JSON" % name)  # Python reads NaN and Infinity, Go does not


def decode_slice(value):
    """httpbakery decodeMacaroonSlice: the macaroons of a cookie value, or None when Go skips it."""
    data = go_base64(value)
    if data is None:
        return None
    try:
        ms = json.loads(data.decode("utf-8"), parse_constant=_not_json)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    # A JSON null decodes to an empty slice, which Go would send; it can log no one in, so it is
    # skipped here as well as a list holding a null (a nil macaroon Go cannot marshal back).
    if not isinstance(ms, list) or not ms or not all(is_macaroon(m) for m in ms):
        return None
    return ms
