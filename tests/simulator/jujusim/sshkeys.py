"""authorized_keys lines as juju/utils ssh reads them (juju-api.md §18.3, §18.5).

A line is parsed as golang.org/x/crypto/ssh.ParseAuthorizedKey does for the key types a
person uploads: optional options, the key type, the base64 blob (whose first field must
name the same type) and the comment after it. The fingerprint is MD5 of the blob in
lowercase hex pairs joined by ":" with no "MD5:" prefix (utils fingerprint.go), as Juju 3 shows.
"""
import base64
import binascii
import hashlib
import struct

# Comments of the keys Juju adds itself: hidden by ListKeys, refused by AddKeys (§18.5).
INTERNAL_COMMENTS = ("juju-client-key", "juju-system-key")
SYSTEM_KEY_COMMENT = "juju-system-key"

# Public key types and the fields after the type name in their blob (RFC 4253, 5656, 8709, PROTOCOL.u2f).
KEY_FIELDS = {
    "ssh-rsa": 2, "ssh-dss": 4, "ssh-ed25519": 1,
    "ecdsa-sha2-nistp256": 2, "ecdsa-sha2-nistp384": 2, "ecdsa-sha2-nistp521": 2,
    "sk-ssh-ed25519@openssh.com": 2, "sk-ecdsa-sha2-nistp256@openssh.com": 3,
}


class InvalidKey(ValueError):
    pass


def _fields(blob):
    out, pos = [], 0
    while pos < len(blob):
        if pos + 4 > len(blob):
            raise InvalidKey("truncated")
        (size,) = struct.unpack(">I", blob[pos:pos + 4])
        pos += 4
        if pos + size > len(blob):
            raise InvalidKey("truncated")
        out.append(blob[pos:pos + size])
        pos += size
    return out


def _blob(text, key_type):
    try:
        blob = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidKey("bad base64")
    fields = _fields(blob)
    if not fields or fields[0].decode("latin-1") != key_type or len(fields) - 1 != KEY_FIELDS[key_type]:
        raise InvalidKey("blob does not hold a %s key" % key_type)
    if key_type == "ssh-ed25519" and len(fields[1]) != 32:
        raise InvalidKey("bad ed25519 key")
    return blob


def parse(line):
    """(blob, comment) of one authorized_keys line, or InvalidKey."""
    if "\n" in line:
        raise InvalidKey("several lines")
    words = line.split()
    # Options come first when the first word is not a key type (ParseAuthorizedKey).
    for i, word in enumerate(words[:2]):
        if word in KEY_FIELDS and i + 1 < len(words):
            blob = _blob(words[i + 1], word)
            rest = line.split(None, i + 2)
            return blob, (rest[i + 2].strip() if len(rest) > i + 2 else "")
    raise InvalidKey("no key")


def fingerprint(line):
    """(fingerprint, comment) as ssh.KeyFingerprint gives them, or InvalidKey."""
    blob, comment = parse(line)
    digest = hashlib.md5(blob).hexdigest()  # nosec: Juju 3's fingerprint, not a security measure
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2)), comment


def split(text):
    """ssh.SplitAuthorisedKeys: non-empty lines that are not comments, trimmed."""
    return [s.strip() for s in text.split("\n") if s.strip() and not s.strip().startswith("#")]


def ed25519_line(seed, comment):
    """A well-formed ed25519 key line derived from seed (for fixtures: Juju's own system key)."""
    raw = hashlib.sha256(seed.encode()).digest()
    blob = b"".join(struct.pack(">I", len(f)) + f for f in (b"ssh-ed25519", raw))
    return "ssh-ed25519 %s %s" % (base64.b64encode(blob).decode(), comment)
