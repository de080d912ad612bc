"""Admin v3: Login and RedirectInfo (juju-api.md §3)."""
from .. import errors, rpc, tags
from ..errors import ApiError, UNAUTHORIZED, bad_creds, perm_denied
from ..state import now


class _DischargeRequired(Exception):
    """Not an error in Juju's protocol: Login succeeds with a macaroon to discharge (§15.3)."""

    def __init__(self, fields):
        super().__init__("discharge required")
        self.fields = fields


def _authenticate(ctx, params):
    """stateauthenticator: every failure is unauthorized access (§3.3)."""
    tag = params.get("auth-tag") or ""
    if not tag:
        # §15.3: with no tag Juju tries the external-user authenticator, and a controller
        # without identity-url (this one) refuses at the call level.
        raise ApiError("failed to authenticate request: unauthorized", UNAUTHORIZED)
    kind = tag.partition("-")[0]
    if kind in tags.KINDS and kind != "user":
        raise bad_creds()  # agents are not simulated
    user_id = tags.parse_user_tag(tag)  # malformed: '"bar" is not a valid tag'
    if not tags.is_local(user_id):
        raise bad_creds()  # external users log in through an identity provider, absent here
    credentials = params.get("credentials") or ""
    if not credentials:
        # apiserver/authentication/user.go: no password selects the macaroon path.
        return _macaroon_user(ctx, user_id, params)
    return password_user(ctx.state, user_id, credentials)


def password_user(state, user_id, password):
    """The local user that password logs in, or the ApiError Juju answers (also /auth/form)."""
    user = state.any_user(user_id)
    if user is None:
        raise bad_creds()
    if user.deleted:
        raise ApiError('user "%s" is permanently deleted' % user.name, UNAUTHORIZED)
    if not user.password_valid(password):
        raise bad_creds()
    if user.disabled:
        raise ApiError('user "%s" is disabled' % user.name, UNAUTHORIZED)
    return user


def _macaroon_user(ctx, user_id, params):
    """authenticateMacaroons (§15.3, §15.4): a valid login macaroon declaring this very user."""
    logins = ctx.server.local_logins
    declared = logins.declared_user(params.get("macaroons"), ctx.conn.host)
    if declared is None:
        raise _DischargeRequired(logins.discharge_required(user_id, ctx.conn.host, params.get("bakery-version")))
    if declared != user_id:
        raise perm_denied()
    user = ctx.state.user(user_id)
    if user is None:
        raise bad_creds()  # removed users included (§15.3)
    if user.disabled:
        raise ApiError('user "%s" is disabled' % user.name, UNAUTHORIZED)
    return user


def login(ctx, params):
    conn, state = ctx.conn, ctx.state
    if conn.user is not None:
        raise ApiError("already logged in")
    try:
        user = _authenticate(ctx, params)
    except _DischargeRequired as e:
        return e.fields  # a successful call carrying only the discharge request (§3.2)
    controller_access = state.controller_level(user.name)
    model_access = ""
    model = None
    if conn.kind == "controller":
        if not controller_access:
            raise bad_creds()  # "model or controller user" not found -> bad creds
    else:
        model = state.models[conn.model_uuid]
        if not controller_access:
            raise perm_denied()  # allow-model-access is false: a model login needs controller access too (§18.1)
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
