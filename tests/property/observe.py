"""The independent read of the state machine: the simulator's state itself, not what plugins/ read.

A snapshot is plain data, {"users": {key: record}, "grants": {(kind, target): {key: level}}, "keys": {model:
[(fingerprint, comment)]}}, with targets spelled as jujumodel.target_key spells them. Login times are left out:
every run changes them. The keys are the model's authorized-keys lines as jujusim stores them, in order, less
Juju's own (which Juju hides, §18.5); a line that does not parse is (None, line).
"""
import base64
import binascii
import re

from jujusim import sshkeys

CONTROLLER = ("controller", None)


def _snapshot(state):
    users = dict((key, {"name": u.name, "display_name": u.display_name, "disabled": u.disabled,
                        "password": u.password_hash, "secret_key": u.secret_key})
                 for key, u in state.users.items() if not u.deleted)
    grants = {CONTROLLER: dict(state.controller_access)}
    for model in state.models.values():
        grants[("model", "%s/%s" % (model.owner.lower(), model.name))] = dict(
            (key, mu.access) for key, mu in model.users.items())
    keys = {}
    for model in state.models.values():
        keys["%s/%s" % (model.owner.lower(), model.name)] = [
            line for line in map(_key, sshkeys.split(model.authorized_keys))
            if line[1] not in sshkeys.INTERNAL_COMMENTS]
    for offer in state.offers:
        model = state.models[offer.model_uuid]
        grants[("offer", "%s/%s.%s" % (model.owner.lower(), model.name, offer.name))] = dict(offer.users)
    for cloud in state.clouds.values():
        grants[("cloud", cloud.name)] = dict(cloud.users)
    return {"users": users, "grants": grants, "keys": keys}


def _key(line):
    try:
        return sshkeys.fingerprint(line)
    except sshkeys.InvalidKey:
        return (None, line)


def model_uuids(sim):
    """{"owner/name": uuid} of the simulator's models."""
    return sim.run_in_loop(lambda state: dict(("%s/%s" % (m.owner.lower(), m.name), m.uuid)
                                              for m in state.models.values()), sim.state)


def snapshot(sim):
    """The simulator's users and grants now, read on its own loop (no half-applied call is seen)."""
    return sim.run_in_loop(_snapshot, sim.state)


def secret_keys(snap):
    """The registration secret keys (raw bytes) that users hold now (§4.2, §8)."""
    return set(base64.b64decode(u["secret_key"]) for u in snap["users"].values() if u["secret_key"])


def holders(snap, kind, target):
    """{user key: level} of one target's explicit grants."""
    return dict(snap["grants"].get((kind, target), {}))


def level(snap, kind, target, key):
    return snap["grants"].get((kind, target), {}).get(key)


def changes(before, after):
    """Every difference, as sorted (what, key, old, new) tuples; `what` is "user" or (kind, target)."""
    found = []
    for key in set(before["users"]) | set(after["users"]):
        old, new = before["users"].get(key), after["users"].get(key)
        if old != new:
            found.append(("user", key, old, new))
    for target in set(before["grants"]) | set(after["grants"]):
        old_levels, new_levels = before["grants"].get(target, {}), after["grants"].get(target, {})
        for key in set(old_levels) | set(new_levels):
            if old_levels.get(key) != new_levels.get(key):
                found.append((target, key, old_levels.get(key), new_levels.get(key)))
    return sorted(found, key=repr)


def changed_users(before, after):
    """The keys of the users whose record or any of whose grants differ."""
    return set(key for dummy, key, dummy2, dummy3 in changes(before, after))


# A registration string is base64url (§8.2) of an ASN.1 structure that holds the 32-byte secret key.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{40,}={0,2}")


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def leaks(output, passwords, keys):
    """The secrets found in `output` (any JSON-like value or text): passwords verbatim, and registration strings,
    recognised by decoding every base64url run and looking for a secret key the simulator issued."""
    found = []
    for text in _strings(output):
        found.extend("password %r" % p for p in passwords if p and p in text)
        for token in _TOKEN.findall(text):
            try:
                raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            except (binascii.Error, ValueError):
                continue
            if any(key in raw for key in keys):
                found.append("registration string %s..." % token[:12])
    return found
