"""KeyManager v1 (juju-api.md §18): the model's authorized-keys, on model connections only.

Keys belong to the model connected to, not to a user: `user` and the ListKeys tags are read
only to refuse juju-system-key (§18.4). Every write re-reads and rewrites the whole list with no
version check (§18.6), exactly as here: a handler runs to completion, so two writers interleave
only between calls, and the later one wins.
"""
from .. import sshkeys
from ..errors import ApiError, perm_denied
from .common import err


def _model(ctx):
    return ctx.state.models[ctx.conn.model_uuid]


def _may_write(ctx, user):
    """checkCanWrite: superuser or model admin (common.HasModelAdmin); never for juju-system-key."""
    return user != sshkeys.SYSTEM_KEY_COMMENT and ctx.model_access(_model(ctx)) == "admin"


def _may_read(ctx, user):
    """checkCanRead: a writer, or an explicit model grant of read or more."""
    if _may_write(ctx, user):
        return True
    return user != sshkeys.SYSTEM_KEY_COMMENT and bool(ctx.state.model_level(ctx.caller, _model(ctx)))


def _require_writer(ctx, params):
    if not _may_write(ctx, params.get("user") or ""):
        raise perm_denied()


def _keys(ctx):
    return sshkeys.split(_model(ctx).authorized_keys)


def _write(ctx, keys):
    _model(ctx).authorized_keys = "\n".join(keys)
    ctx.changed = True


def _shown(keys, full):
    """parseKeys: internal keys hidden, unparseable lines flagged."""
    out = []
    for key in keys:
        try:
            fp, comment = sshkeys.fingerprint(key)
        except sshkeys.InvalidKey:
            out.append("Invalid key: " + key)
            continue
        if comment in sshkeys.INTERNAL_COMMENTS:
            continue
        out.append(key if full else fp + (" (%s)" % comment if comment else ""))
    return out


def list_keys(ctx, params):
    entities = ((params.get("entities") or {}).get("entities")) or []
    if not entities:
        return {"results": None}
    shown = _shown(_keys(ctx), bool(params.get("mode")))
    results = []
    for entity in entities:
        if not _may_read(ctx, entity.get("tag") or ""):
            results.append(err(perm_denied()))
        else:
            results.append({"result": shown} if shown else {})
    return {"results": results}


def _fingerprints(keys):
    out = set()
    for key in keys:
        try:
            out.add(sshkeys.fingerprint(key)[0])
        except sshkeys.InvalidKey:
            pass  # kept as it is, matched by nothing
    return out


def add_keys(ctx, params):
    _require_writer(ctx, params)
    wanted = params.get("ssh-keys") or []
    if not wanted:
        return {"results": None}
    keys = _keys(ctx)
    seen = _fingerprints(keys)
    results = []
    for key in wanted:
        try:
            fp, comment = sshkeys.fingerprint(key)
        except sshkeys.InvalidKey:
            results.append(err(ApiError("invalid ssh key: " + key)))
            continue
        if comment in sshkeys.INTERNAL_COMMENTS:
            results.append(err(ApiError("may not add key with comment %s: %s" % (comment, key))))
        elif fp in seen:
            results.append(err(ApiError("duplicate ssh key: " + key)))
        else:
            seen.add(fp)
            keys.append(key)
            results.append({})
    _write(ctx, keys)  # rewritten even when every key failed
    return {"results": results}


def _imported(ctx, key_id):
    """ssh-import-id -o - <id>: the lines fetched, or the (message) of its failure (§18.3).

    Ids are served from the fixture's ssh-import-ids; any other id fails as the tool does when
    Launchpad or GitHub has no such account: exit status 1, its output dropped."""
    output = ctx.state.ssh_import_ids.get(key_id)
    if output is None:
        return None, "exit status 1"
    return output.split("\n"), None


def _import_one(ctx, key_id, keys, seen):
    lines, failure = _imported(ctx, key_id)
    if failure:
        return [failure]
    problems, found = [], False
    for line in lines:
        if not line.startswith("ssh-"):
            continue
        found = True
        try:
            fp, comment = sshkeys.fingerprint(line)
        except sshkeys.InvalidKey:
            problems.append('invalid ssh key for %s: generating key fingerprint: invalid authorized_key "%s"'
                            % (key_id, line))
            continue
        if comment in sshkeys.INTERNAL_COMMENTS:
            problems.append("may not add key with comment %s: %s" % (comment, line))
        elif fp in seen:
            problems.append("duplicate ssh key: " + line)
        else:
            keys.append(line)  # not added to seen: a key reached twice in one call is stored twice
    if not found:
        problems.append("invalid ssh key id: " + key_id)
    return problems


def import_keys(ctx, params):
    _require_writer(ctx, params)
    ids = params.get("ssh-keys") or []
    if not ids:
        return {"results": None}
    keys = _keys(ctx)
    seen = _fingerprints(keys)
    results = []
    for key_id in ids:
        problems = _import_one(ctx, key_id, keys, seen)
        results.append(err(ApiError("\n".join(problems))) if problems else {})
    _write(ctx, keys)
    return {"results": results}


def _indexes(keys):
    by_fp, by_comment, by_text = {}, {}, {}
    for key in keys:
        try:
            fp, comment = sshkeys.fingerprint(key)
        except sshkeys.InvalidKey:
            by_text[key] = key
            continue
        by_fp[fp] = key
        if comment:
            by_comment[comment] = key  # several keys sharing a comment: the last one wins
    return by_fp, by_comment, by_text


def delete_keys(ctx, params):
    _require_writer(ctx, params)
    ids = params.get("ssh-keys") or []
    if not ids:
        return {"results": None}
    keys = _keys(ctx)
    by_fp, by_comment, by_text = _indexes(keys)
    doomed, results = set(), []
    for key_id in ids:
        if key_id in by_fp:
            doomed.add(by_fp[key_id])  # by fingerprint even an internal key goes (juju/juju#6107)
        elif key_id in by_comment:
            if key_id in sshkeys.INTERNAL_COMMENTS:
                results.append(err(ApiError("may not delete internal key: " + key_id)))
                continue
            doomed.add(by_comment[key_id])
        elif key_id in by_text:
            doomed.add(key_id)
        else:
            results.append(err(ApiError("key not found: " + key_id)))
            continue
        results.append({})
    kept = [k for k in keys if k not in doomed]
    if not kept:
        raise ApiError("cannot delete all keys")
    _write(ctx, kept)
    return {"results": results}


METHODS = {"ListKeys": list_keys, "AddKeys": add_keys, "ImportKeys": import_keys, "DeleteKeys": delete_keys}
