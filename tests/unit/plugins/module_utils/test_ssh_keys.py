# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ssh_keys: key lines, Juju 3's MD5 fingerprints, import ids (juju-api.md §18.5); pure, no network."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import (
    Key, key_id, label, parse_key, stored_key, validate_import_id)

BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl"
LAPTOP = "ssh-ed25519 %s alice@laptop" % BLOB
FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"  # juju-api.md §18.5's example
RSA = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC47wbMu2Hy/i0iPqOQEn02pHilDDJLlcZVKMZiLXCjnA9Yw4IJReA00j09K/MTgEKk+Ft+k9Rs"
       "8GyT9YBZ4EurMbQq7JjqgoUN+7MPHN+WfVWDHJj4wlPAbUD/3x26MpgPHiARwtSViwL+ieRv6ZKhCEeWJ4xPZ/4uKrK7wx2bDw== alice@github")
RSA_FP = "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf"  # ssh-keygen -l -E md5, without "MD5:"
ECDSA = ("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKii5AnG7zmxOCLQeOzqNBD+tjUOgQt86vJn3FBF"
         "J601i49U/63H9U0Z/2/aiPhRIzmlDxWylqPHKgsIejNw0ow= alice@ecdsa")
ECDSA_FP = "c7:6b:55:cf:e6:64:65:30:17:63:65:56:9c:1c:ce:7f"


@pytest.mark.parametrize("text, fingerprint, comment", [
    (LAPTOP, FP, "alice@laptop"),
    ("  %s  \n" % LAPTOP, FP, "alice@laptop"),  # a .pub file read whole
    ("ssh-ed25519 " + BLOB, FP, ""),
    ("ssh-ed25519\t%s two  words # marker" % BLOB, FP, "two  words # marker"),
    (RSA, RSA_FP, "alice@github"),
    (ECDSA, ECDSA_FP, "alice@ecdsa"),
])
def test_fingerprint_is_md5_of_the_blob(text, fingerprint, comment):
    assert parse_key(text) == Key(fingerprint, comment, text.strip())


@pytest.mark.parametrize("text, message", [
    ("", "an SSH public key is required."),
    ("   ", "an SSH public key is required."),
    (None, "an SSH public key is required."),
    ("-----BEGIN OPENSSH PRIVATE KEY-----", "the key given is a private key; give the public key (the .pub file)."),
    (LAPTOP + "\n" + RSA, "the key given has several lines; give one public key, on one line."),
    (LAPTOP + "\r" + RSA, "the key given has several lines; give one public key, on one line."),
    ("junk", 'the key given is not an SSH public key line ("<type> <base64> [comment]", as in a .pub file; options '
             'before the type are not accepted): "junk".'),
    ('no-pty ' + LAPTOP, 'the key given is not an SSH public key line ("<type> <base64> [comment]", as in a .pub file; '
                         'options before the type are not accepted): "no-pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5A...alice@laptop".'),
    ("ssh-ed25519", 'the key given is not an SSH public key line ("<type> <base64> [comment]", as in a .pub file; '
                    'options before the type are not accepted): "ssh-ed25519".'),
    ("ssh-rsa %s x" % BLOB, 'the key given is not a valid ssh-rsa key (its base64 part does not hold one): '
                            '"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzC...McJNaUAmQl x".'),  # long keys shortened
    ("ssh-ed25519 !!!! x", 'the key given is not a valid ssh-ed25519 key (its base64 part does not hold one): '
                           '"ssh-ed25519 !!!! x".'),
    ("ssh-ed25519 AAAA x", 'the key given is not a valid ssh-ed25519 key (its base64 part does not hold one): '
                           '"ssh-ed25519 AAAA x".'),
    ("ssh-ed25519 AAAAB3Nz x", 'the key given is not a valid ssh-ed25519 key (its base64 part does not hold one): '
                               '"ssh-ed25519 AAAAB3Nz x".'),
])
def test_bad_keys_are_one_sentence(text, message):
    with pytest.raises(InvalidInput) as info:
        parse_key(text)
    assert str(info.value) == message


def test_stored_lines():
    assert stored_key(LAPTOP) == Key(FP, "alice@laptop", LAPTOP)
    assert stored_key("Invalid key: not a key") == Key(None, None, "not a key")
    assert stored_key("odd line") == Key(None, None, "odd line")


def test_labels_and_delete_ids():
    key = parse_key(LAPTOP)
    assert (label(key), key_id(key)) == (FP + " (alice@laptop)", FP)
    bare = parse_key("ssh-ed25519 " + BLOB)
    assert label(bare) == FP
    odd = stored_key("Invalid key: " + "x" * 70)
    assert label(odd) == "unparseable line " + "x" * 40 + "..." + "x" * 12
    assert key_id(odd) == "x" * 70  # Juju deletes an unparseable line by its verbatim text
    assert label(stored_key("y" * 60)) == "unparseable line " + "y" * 60  # up to 60 characters shown whole


@pytest.mark.parametrize("good", ["gh:alice", "lp:bob.smith", "gh:A-b_c"])
def test_import_ids(good):
    assert validate_import_id(good) == good


@pytest.mark.parametrize("bad", ["alice", "gl:alice", "gh:", "gh:-x", "gh:a b", None, "gh:alice\n"])
def test_bad_import_ids(bad):
    with pytest.raises(InvalidInput) as info:
        validate_import_id(bad)
    assert str(info.value) == '"%s" is not an import id; use "gh:<GitHub user>" or "lp:<Launchpad user>".' % (bad,)
