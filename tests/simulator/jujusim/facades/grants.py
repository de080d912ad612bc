"""Grant and revoke on controller, model, offer and cloud access: Juju 3.x's own tables.

juju-api.md §5.2, §6.4, §7.2, §16. The revoke quirks are deliberate: revoking a level
sets the level just below it, whatever the user held before.
"""
from .. import access, tags
from ..errors import ApiError, not_found
from ..state import ModelUser


def _require_local_user(state, user_id, what):
    if tags.is_local(user_id) and state.user(user_id) is None:
        raise not_found('could not grant %s access: user "%s" does not exist locally: user "%s" not found'
                        % (what, user_id, user_id))


def already_has(level):
    return ApiError('user already has "%s" access or greater' % level)  # code "" (§5.2)


def _user_may_have_access(state, user_id, what):
    """state.UserAccess runs userMayHaveAccess first (juju/juju state/useraccess.go): a local user
    must exist (st.User: `user "bob" not found`) and not be disabled (`user "bob" is disabled`);
    external users pass. Callers annotate it with "could not look up <what> access for user"."""
    if not tags.is_local(user_id):
        return
    u = state.any_user(user_id)
    prefix = "could not look up %s access for user: " % what
    if u is None:
        raise not_found(prefix + 'user "%s" not found' % user_id)
    if u.deleted:
        raise ApiError(prefix + 'user "%s" is permanently deleted' % u.name)
    if u.disabled:
        raise ApiError(prefix + 'user "%s" is disabled' % u.name)


def _disabled(state, user_id):
    """The record of a disabled local user, else None."""
    u = state.any_user(user_id) if tags.is_local(user_id) else None
    return u if u is not None and u.disabled else None


# ---- controller ---------------------------------------------------------
def _disabled_check(state, user_id):
    _user_may_have_access(state, user_id, "controller")


def grant_controller(state, user_id, level):
    _require_local_user(state, user_id, "controller")
    k = tags.key(user_id)
    current = state.controller_access.get(k)
    if current is not None:
        try:
            _disabled_check(state, user_id)
        except ApiError as e:
            raise e.prefixed("could not grant controller access")
        if access.rank("controller", level) <= access.rank("controller", current):
            raise already_has(level).prefixed("could not grant controller access")
    state.controller_access[k] = level


def revoke_controller(state, user_id, level):
    k = tags.key(user_id)
    if level == "login":  # removes the grant entirely
        if k not in state.controller_access:
            raise not_found('could not revoke controller access: controller user "%s" does not exist' % user_id)
        del state.controller_access[k]
        return
    # superuser: set login, whatever the current level. UserAccess checks the user (unknown,
    # disabled) before looking for the grant record.
    _disabled_check(state, user_id)
    if k not in state.controller_access:
        raise not_found('could not look up controller access for user: controller user "%s" not found' % user_id)
    state.controller_access[k] = "login"


# ---- model ----------------------------------------------------------------
def grant_model(state, model, user_id, level):
    _require_local_user(state, user_id, "model")
    mu = model.users.get(tags.key(user_id))
    if mu is None:
        model.users[tags.key(user_id)] = ModelUser(level)
        # useraccess.go re-reads the new grant through st.UserAccess, which refuses a disabled user:
        # the grant stays written, the call fails (juju-api.md §19.3).
        disabled = _disabled(state, user_id)
        if disabled:
            raise ApiError('could not grant model access: user "%s" is disabled' % disabled.name)
        return
    # AddUser said AlreadyExists: changeModelAccess then calls st.UserAccess (modelmanager.go).
    _user_may_have_access(state, user_id, "model")
    if access.rank("model", level) <= access.rank("model", mu.access):
        raise already_has(level)  # no prefix
    mu.access = level


MODEL_REVOKE = {"write": "read", "admin": "write"}  # "Revoking admin access sets read-write"


def revoke_model(state, model, user_id, level):
    k = tags.key(user_id)
    if level == "read":
        if k not in model.users:
            raise not_found('could not revoke model access: model user "%s" does not exist' % user_id)
        del model.users[k]
        return
    _user_may_have_access(state, user_id, "model")  # st.UserAccess before the record lookup
    if k not in model.users:
        raise not_found('could not look up model access for user: model user "%s" not found' % user_id)
    model.users[k].access = MODEL_REVOKE[level]  # even raising a read-only user to write


# ---- offer ----------------------------------------------------------------
def grant_offer(state, offer, user_id, level):
    """A first grant is written even for a disabled user; an upgrade reads the user first (§19.3)."""
    _require_local_user(state, user_id, "offer")
    k = tags.key(user_id)
    current = offer.users.get(k)
    if current is not None and access.rank("offer", level) <= access.rank("offer", current):
        raise already_has(level)
    disabled = _disabled(state, user_id) if current is not None else None
    if disabled:
        raise ApiError('could not set offer access for user: user "%s" is disabled' % disabled.name)
    offer.users[k] = level


OFFER_REVOKE = {"consume": "read", "admin": "consume"}
# What each revoke does, as state/applicationofferuser.go annotates its failures (juju-api.md §19.2).
OFFER_REVOKE_CONTEXT = {"read": "could not revoke offer access",
                        "consume": "could not set offer access to read-only",
                        "admin": "could not set offer access to read-consume"}


def revoke_offer(state, offer, user_id, level):
    """No special case for a superuser target: without an explicit grant every revoke is not found
    (§19.2); a disabled user's grant cannot be revoked at all (§19.3)."""
    k = tags.key(user_id)
    context = OFFER_REVOKE_CONTEXT[level]
    disabled = _disabled(state, user_id)
    if disabled:
        raise ApiError('%s: user "%s" is disabled' % (context, disabled.name))
    if k not in offer.users:
        raise not_found('%s: user permission for "us#%s" on "ao#%s" not found' % (context, k, offer.uuid))
    if level == "read":
        del offer.users[k]
    else:
        offer.users[k] = OFFER_REVOKE[level]


# ---- cloud ------------------------------------------------------------------
def _no_cloud_permission(cloud, user_id):
    # state.userPermission: NotFoundf("user permission for %q on %q", userGlobalKey, cloudGlobalKey).
    return 'user permission for "us#%s" on "cloud#%s" not found' % (tags.key(user_id), cloud.name)


def grant_cloud(state, cloud, user_id, level):
    _require_local_user(state, user_id, "cloud")
    k = tags.key(user_id)
    current = cloud.users.get(k)
    if current is not None and access.rank("cloud", level) <= access.rank("cloud", current):
        raise already_has(level).prefixed("could not grant cloud access")
    cloud.users[k] = level


def revoke_cloud(state, cloud, user_id, level):
    """cloud.go revokeCloudAccess: add-model removes every level, admin sets add-model."""
    k = tags.key(user_id)
    if k not in cloud.users:
        prefix = "could not revoke cloud access" if level == "add-model" else "could not set cloud access to add-model"
        raise not_found("%s: %s" % (prefix, _no_cloud_permission(cloud, user_id)))
    if level == "add-model":
        del cloud.users[k]
    else:
        cloud.users[k] = "add-model"
