# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# SSH public keys as Juju 3 names them (juju-api.md §18.5): a key is known by the MD5 of its
# blob, written as lowercase hex pairs joined by ":" without the "MD5:" prefix that
# `ssh-keygen -l -E md5` adds; its comment is the text after the blob. Juju keys carry a
# comment, never an owner. Checked here, before anything is sent, so that a pasted private
# key or a truncated line fails with a sentence instead of Juju's "invalid ssh key: <text>".

import base64
import binascii
import hashlib
import re
import struct
from collections import namedtuple

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

# Keys Juju adds itself and hides from ListKeys (§18.5): a task never touches them.
INTERNAL_COMMENTS = ("juju-client-key", "juju-system-key")
# How ListKeys shows a stored line it cannot parse, in both modes (§18.3).
INVALID_PREFIX = "Invalid key: "
# ImportKeys ids: ssh-import-id's Launchpad and GitHub prefixes, the only ones `juju import-ssh-key` allows.
_IMPORT_ID_RE = re.compile(r"(lp|gh):[A-Za-z0-9][A-Za-z0-9._-]*")
_TYPE_RE = re.compile(r"^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9-]+@openssh\.com)$")

Key = namedtuple("Key", ("fingerprint", "comment", "text"))


def fingerprint_of_blob(blob):
    digest = hashlib.md5(blob).hexdigest()  # nosec B324: Juju 3's key name, not a security measure
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _blob_type(blob):
    """The key type a blob declares in its first field, or None if the blob is not one."""
    if len(blob) < 4:
        return None
    (size,) = struct.unpack(">I", blob[:4])
    if size > len(blob) - 4:
        return None
    return blob[4:4 + size].decode("latin-1")


def parse_key(text):
    """Key(fingerprint, comment, text) of one public key line; InvalidInput naming the problem."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("an SSH public key is required.")
    text = text.strip()
    if "PRIVATE KEY" in text:
        raise InvalidInput("the key given is a private key; give the public key (the .pub file).")
    if "\n" in text or "\r" in text:
        raise InvalidInput("the key given has several lines; give one public key, on one line.")
    words = text.split(None, 2)
    if len(words) < 2 or not _TYPE_RE.match(words[0]):
        raise InvalidInput('the key given is not an SSH public key line ("<type> <base64> [comment]", as in a '
                           '.pub file; options before the type are not accepted): "%s".' % _short(text))
    try:
        blob = base64.b64decode(words[1], validate=True)
    except (binascii.Error, ValueError):
        blob = b""
    if _blob_type(blob) != words[0]:
        raise InvalidInput('the key given is not a valid %s key (its base64 part does not hold one): "%s".'
                           % (words[0], _short(text)))
    return Key(fingerprint_of_blob(blob), words[2].strip() if len(words) > 2 else "", text)


def _short(text):
    return text if len(text) <= 60 else text[:40] + "..." + text[-12:]


def stored_key(line):
    """A line of ListKeys' full mode as a Key; an unparseable stored line has fingerprint None and is
    known by its text, which DeleteKeys matches verbatim (§18.3)."""
    if line.startswith(INVALID_PREFIX):
        return Key(None, None, line[len(INVALID_PREFIX):])
    try:
        return parse_key(line)
    except InvalidInput:
        return Key(None, None, line)


def validate_import_id(key_id):
    if not isinstance(key_id, str) or not _IMPORT_ID_RE.fullmatch(key_id):
        raise InvalidInput('"%s" is not an import id; use "gh:<GitHub user>" or "lp:<Launchpad user>".' % (key_id,))
    return key_id


def label(key):
    """How results and messages name a key: its fingerprint and comment, or an unparseable line's text."""
    if key.fingerprint is None:
        return "unparseable line %s" % _short(key.text)
    return "%s (%s)" % (key.fingerprint, key.comment) if key.comment else key.fingerprint


def key_result(key):
    """A key as modules return it: {fingerprint, comment}; an unparseable line has no fingerprint and its text
    as comment."""
    if key.fingerprint is None:
        return {"fingerprint": None, "comment": key.text}
    return {"fingerprint": key.fingerprint, "comment": key.comment}


def key_id(key):
    """What DeleteKeys is sent for the key: its fingerprint (an id Juju matches first and
    exactly), or the verbatim text of an unparseable line."""
    return key.fingerprint if key.fingerprint is not None else key.text
