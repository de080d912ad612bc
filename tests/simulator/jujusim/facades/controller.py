"""Controller v11/v12 (juju-api.md §5): controller access, AllModels, version, API info."""
from .. import access, tags
from ..errors import ApiError, NOT_FOUND, not_valid, perm_denied
from . import grants
from .common import err, model_entry, per_entity, user_and_action
from .context import entities

GIT_COMMIT = "0000000000000000000000000000000000000000"


def get_controller_access(ctx, params):
    superuser = ctx.is_superuser()
    state = ctx.state
    results = []
    for ent in entities(params):
        try:
            user_id = tags.parse_user_tag(ent.get("tag"))
            if not superuser and not ctx.same_user(user_id):
                raise perm_denied()
            if tags.is_local(user_id):
                user = state.user(user_id)
                if user is None:
                    raise ApiError('user "%s" not found' % user_id, NOT_FOUND)
                if user.disabled:
                    raise ApiError('user "%s" is disabled' % user.name)
            level = state.controller_level(user_id)
            if not level:
                raise ApiError('controller user "%s" not found' % user_id, NOT_FOUND)
        except ApiError as e:
            results.append(err(e))
            continue
        results.append({"result": {"user-tag": tags.user_tag(user_id), "access": level}})
    return {"results": results}


def modify_controller_access(ctx, params):
    changes = entities(params, "changes")
    if not ctx.is_superuser():  # the call succeeds; every entry is refused
        return {"results": [err(perm_denied()) for dummy in changes]}

    def change(item):
        level = item.get("access") or ""
        if level not in access.CONTROLLER:
            raise not_valid('"%s" controller access not valid' % level)
        user_id, action = user_and_action(item, "could not modify controller access")
        (grants.grant_controller if action == "grant" else grants.revoke_controller)(ctx.state, user_id, level)
        ctx.changed = True

    return {"results": per_entity(changes, change)}


def all_models(ctx, params):
    ctx.require_superuser()
    out = []
    for model in sorted(ctx.state.models.values(), key=lambda m: (m.name, m.owner)):
        # The caller's last connection to that model (LastModelConnection), null if never.
        mu = model.users.get(tags.key(ctx.caller))
        out.append({"model": model_entry(model), "last-connection": mu.last_connection if mu else None})
    return {"user-models": out}


def controller_version(ctx, params):
    return {"version": "3.6.1", "git-commit": GIT_COMMIT}


def controller_api_info_for_models(ctx, params):
    results = []
    for ent in entities(params):
        try:
            uuid = tags.parse_model_tag(ent.get("tag"))
            model = ctx.state.models.get(uuid)
            if model is None or not ctx.model_access(model):
                raise perm_denied()
        except ApiError as e:
            # addresses and cacert are always emitted, even beside an error.
            results.append({"addresses": None, "cacert": "", "error": e.to_dict()})
            continue
        results.append({"addresses": [ctx.server.endpoint()], "cacert": ctx.state.ca_cert})
    return {"results": results}


def identity_provider_url(ctx, params):
    return {"result": ""}


METHODS = {
    "GetControllerAccess": get_controller_access,
    "ModifyControllerAccess": modify_controller_access,
    "AllModels": all_models,
    "ControllerVersion": controller_version,
    "ControllerAPIInfoForModels": controller_api_info_for_models,
    "IdentityProviderURL": identity_provider_url,
}
