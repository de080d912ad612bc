"""Admin v3: Login and RedirectInfo (juju-api.md §3)."""
from .. import errors, rpc, tags
from ..errors import ApiError, UNAUTHORIZED, bad_creds, perm_denied
from ..state import now


def _authenticate(state, params):
    """stateauthenticator: every failure is unauthorized access (§3.3)."""
    tag = params.get("auth-tag") or ""
    if not tag:
        # Macaroon login. Documented choice (no source): a real controller answers with a
        # discharge-required result; the simulator has no bakery, so it refuses with ErrNoCreds
        # ("no credentials provided", a code of juju-api.md §2.3) instead.
        raise ApiError("no credentials provided", "no credentials provided")
    kind = tag.partition("-")[0]
    if kind in tags.KINDS and kind != "user":
        raise bad_creds()  # agents are not simulated
    user_id = tags.parse_user_tag(tag)  # malformed: '"bar" is not a valid tag'
    if not tags.is_local(user_id):
        raise bad_creds()  # external users log in with macaroons, not passwords
    user = state.any_user(user_id)
    if user is None:
        raise bad_creds()
    if user.deleted:
        raise ApiError('user "%s" is permanently deleted' % user.name, UNAUTHORIZED)
    if not user.password_valid(params.get("credentials") or ""):
        raise bad_creds()
    if user.disabled:
        raise ApiError('user "%s" is disabled' % user.name, UNAUTHORIZED)
    return user


def login(ctx, params):
    conn, state = ctx.conn, ctx.state
    if conn.user is not None:
        raise ApiError("already logged in")
    user = _authenticate(state, params)
    controller_access = state.controller_level(user.name)
    model_access = ""
    model = None
    if conn.kind == "controller":
        if not controller_access:
            raise bad_creds()  # "model or controller user" not found -> bad creds
    else:
        model = state.models[conn.model_uuid]
        model_access = state.model_level(user.name, model)
        if state.is_superuser(user.name):
            model_access = "admin"
        if not model_access:
            raise perm_denied()
    stamp = now()
    user.last_connection = stamp
    if model is not None and tags.key(user.name) in model.users:
        model.users[tags.key(user.name)].last_connection = stamp
    conn.user = user.name
    ctx.changed = True
    result = {
        "servers": [[ctx.server.host_port()]],
        "controller-tag": "controller-" + state.controller_uuid,
        "user-info": {
            "identity": tags.user_tag(user.name),
            "controller-access": controller_access,
            "model-access": model_access,
            "display-name": "",  # never populated by checkUserPermissions
        },
        "facades": rpc.facade_versions(model is not None),
        "server-version": rpc.SERVER_VERSION,
    }
    if model is not None:
        result["model-tag"] = "model-" + model.uuid
    return result


def redirect_info(ctx, params):
    # A plain controller is never redirected (apiserver/admin.go).
    raise errors.ApiError("not redirected")


METHODS = {"Login": login, "RedirectInfo": redirect_info}
