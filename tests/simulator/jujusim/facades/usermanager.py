"""UserManager v3 (juju-api.md §4)."""
from .. import access, tags
from ..errors import ApiError, NOT_FOUND, perm_denied
from ..state import User, new_secret_key, now
from .common import ZERO_TIME, err as _err
from .context import entities

EVERYONE = "everyone@external"  # stands for every external user, never for local ones (§10)


def _get_user(state, tag):
    """usermanager getUser: every lookup failure becomes permission denied (§4.4)."""
    try:
        user_id = tags.parse_user_tag(tag)
    except ApiError:
        raise perm_denied()
    user = state.user(user_id) if tags.is_local(user_id) else None
    if user is None:
        raise perm_denied()
    return user


def add_user(ctx, params):
    items = entities(params, "users")
    if not items:
        # usermanager.go AddUser: the empty-list early return comes before the permission check.
        return {"results": None}
    ctx.require_superuser()
    results = []
    for item in items:
        name = item.get("username") or ""
        if not tags.valid_user_name(name):
            results.append(_err(ApiError('failed to create user: invalid user name "%s"' % name)))
            continue
        if ctx.state.user(name) is not None:  # doc id is the lower-cased name
            results.append(_err(ApiError("failed to create user: username unavailable")))
            continue
        # A removed user's name is reusable: the old record is overwritten (§4.2).
        user = User(name=name, display_name=item.get("display-name") or "",
                    created_by=ctx.caller, date_created=now())
        result = {"tag": tags.user_tag(name)}
        if item.get("password"):
            user.set_password(item["password"])
        else:
            user.secret_key = new_secret_key()
            result["secret-key"] = user.secret_key
        ctx.state.drop_grants(name)
        ctx.state.users[tags.key(name)] = user
        ctx.state.controller_access[tags.key(name)] = "login"  # defaultControllerPermission
        ctx.changed = True
        results.append(result)
    return {"results": results}


def remove_user(ctx, params):
    ctx.require_superuser()
    results = []
    for ent in entities(params):
        tag = ent.get("tag") or ""
        try:
            user_id = tags.parse_user_tag(tag)
            if tags.key(user_id) == tags.key(ctx.state.owner):
                raise ApiError('cannot delete controller owner "%s"' % user_id)
            user = ctx.state.any_user(user_id)
            if user is None:
                # The annotation names the tag's Name(), without an external user's domain.
                raise ApiError('failed to delete user "%s": user "%s" not found'
                               % (user_id.partition("@")[0], user_id), NOT_FOUND)
            if user.deleted:
                raise ApiError('failed to delete user "%s": user "%s" is permanently deleted'
                               % (user_id, user_id))
        except ApiError as e:
            results.append(_err(e))
            continue
        user.deleted = True  # kept for auditing; login then says "permanently deleted"
        user.salt = user.password_hash = user.secret_key = None
        ctx.state.drop_grants(user_id)
        ctx.changed = True
        results.append({})
    return {"results": results}


def _set_disabled(ctx, params, disabled):
    ctx.require_superuser()
    items = entities(params)
    if not items:
        return {"results": None}
    results = []
    for ent in items:
        try:
            user = _get_user(ctx.state, ent.get("tag"))
            if disabled and tags.key(user.name) == tags.key(ctx.state.owner):
                raise ApiError("failed to disable user: cannot disable controller model owner")
        except ApiError as e:
            results.append(_err(e))
            continue
        if user.disabled != disabled:  # already in that state: a successful no-op
            user.disabled = disabled
            ctx.changed = True
        results.append({})
    return {"results": results}


def enable_user(ctx, params):
    return _set_disabled(ctx, params, False)


def disable_user(ctx, params):
    return _set_disabled(ctx, params, True)


def set_password(ctx, params):
    items = entities(params, "changes")
    if not items:
        return {"results": None}
    superuser = ctx.is_superuser()
    results = []
    for change in items:
        try:
            user = _get_user(ctx.state, change.get("tag"))
            if not superuser and not ctx.same_user(user.name):
                raise perm_denied()
            if not change.get("password"):
                raise ApiError("cannot use an empty password")
        except ApiError as e:
            results.append(_err(e))
            continue
        user.set_password(change["password"])  # also clears a pending secret key; disabled is fine
        ctx.changed = True
        results.append({})
    return {"results": results}


def reset_password(ctx, params):
    items = entities(params)
    if not items:
        return {"results": None}
    superuser = ctx.is_superuser()
    results = []
    for ent in items:
        try:
            user = _get_user(ctx.state, ent.get("tag"))
            if not superuser or ctx.same_user(user.name):
                raise perm_denied()
            if user.disabled:
                raise ApiError('cannot reset password for user "%s": user deactivated' % user.name)
        except ApiError as e:
            # usermanager.go ResetPassword: every entry starts as AddUserResult{Tag: arg.Tag},
            # so error entries echo the tag too (omitempty: only when non-empty).
            entry = {"tag": ent.get("tag")} if ent.get("tag") else {}
            entry.update(_err(e))
            results.append(entry)
            continue
        user.salt = user.password_hash = None
        user.secret_key = new_secret_key()
        ctx.changed = True
        results.append({"tag": ent.get("tag"), "secret-key": user.secret_key})
    return {"results": results}


def _user_info(state, user):
    info = {
        "username": user.name,
        "display-name": user.display_name,
        "access": "" if user.disabled else state.controller_level(user.name),
        "created-by": user.created_by,
        "date-created": user.date_created,
        "disabled": user.disabled,
    }
    if user.last_connection:  # omitted until the first login
        info["last-connection"] = user.last_connection
    return info


def user_info(ctx, params):
    state = ctx.state
    superuser = ctx.is_superuser()
    wanted = entities(params)
    if not wanted:
        users = sorted((u for u in state.users.values() if not u.deleted), key=lambda u: u.name)
        if not params.get("include-disabled"):
            users = [u for u in users if not u.disabled]
        if not superuser:  # silently only the caller
            users = [u for u in users if ctx.same_user(u.name)]
        return {"results": [{"result": _user_info(state, u)} for u in users]}
    results = []
    for ent in wanted:
        try:
            user_id = tags.parse_user_tag(ent.get("tag"))
            if not superuser and not ctx.same_user(user_id):
                raise perm_denied()
            if not tags.is_local(user_id):
                # External users: a synthetic record whose access is the higher of their own
                # controller grant and everyone@external's (§4.7, §15.5).
                level = access.higher("controller", state.controller_level(user_id),
                                      state.controller_level(EVERYONE))
                results.append({"result": {
                    "username": user_id, "display-name": "", "created-by": "",
                    "access": level, "date-created": ZERO_TIME, "disabled": False}})
                continue
            user = state.user(user_id)
            if user is None:
                raise perm_denied()
        except ApiError as e:
            results.append(_err(e))
            continue
        results.append({"result": _user_info(state, user)})
    return {"results": results}


def model_user_info(ctx, params):
    # Errors (bad tag, unknown model, no read access) are call-level (§4.8).
    # usermanager.go ModelUserInfo: results are appended (null for an empty request), and the
    # model is fetched (pool.GetModel: `model "<uuid>" not found`) before checkCanRead, so an
    # unknown model is not found for every caller.
    results = None
    for ent in entities(params):
        model = ctx.state.models.get(tags.parse_model_tag(ent.get("tag")))
        if model is None:
            raise ApiError('model "%s" not found' % tags.parse_model_tag(ent.get("tag")), NOT_FOUND)
        if not ctx.model_access(model):
            raise perm_denied()
        results = results or []
        for key in sorted(model.users):
            mu = model.users[key]
            user = ctx.state.any_user(key)
            results.append({"result": {
                "model-tag": "model-" + model.uuid,
                "user": user.name if user else key,
                "display-name": user.display_name if user else "",
                "last-connection": mu.last_connection,
                "access": mu.access,
            }})
    return {"results": results}


METHODS = {
    "AddUser": add_user, "RemoveUser": remove_user, "EnableUser": enable_user,
    "DisableUser": disable_user, "SetPassword": set_password, "ResetPassword": reset_password,
    "UserInfo": user_info, "ModelUserInfo": model_user_info,
}
