"""ModelManager v9/v10 (juju-api.md §6): listing models, ModelInfo, ModifyModelAccess."""
from .. import access, tags
from ..errors import ApiError, NOT_FOUND, not_valid, perm_denied
from . import grants
from .common import ZERO_TIME, err, cloud_fields, model_entry, per_entity, user_and_action
from .context import entities


def _target_user(ctx, tag):
    """A user tag the caller may ask about: themself, or anyone for superusers."""
    user_id = tags.parse_user_tag(tag)
    if not ctx.is_superuser() and not ctx.same_user(user_id):
        raise perm_denied()
    return user_id


def _models_of(ctx, user_id):
    """ModelUUIDsForUser: every model for a superuser, else those they have a grant on."""
    models = ctx.state.models.values()
    if not ctx.state.is_superuser(user_id):
        models = [m for m in models if tags.key(user_id) in m.users]
    return sorted(models, key=lambda m: (m.name, m.owner))


def list_models(ctx, params):
    user_id = _target_user(ctx, params.get("tag"))
    out = []
    for model in _models_of(ctx, user_id):
        mu = model.users.get(tags.key(user_id))
        # Always a timestamp here: the zero time when never connected (§6.1).
        last = mu.last_connection if mu and mu.last_connection else ZERO_TIME
        out.append({"model": model_entry(model), "last-connection": last})
    # modelmanager.go ListModels appends to a nil slice: no models -> null, not [].
    return {"user-models": out or None}


def list_model_summaries(ctx, params):
    user_id = _target_user(ctx, params.get("user-tag"))
    superuser = ctx.state.is_superuser(user_id)
    if params.get("all") and ctx.is_superuser():
        models = sorted(ctx.state.models.values(), key=lambda m: (m.name, m.owner))
    else:
        models = [m for m in ctx.state.models.values() if tags.key(user_id) in m.users]
        models.sort(key=lambda m: (m.name, m.owner))
    results = []
    for model in models:
        mu = model.users.get(tags.key(user_id))
        summary = {"name": model.name, "uuid": model.uuid, "type": model.type,
                   "user-access": mu.access if mu else ("admin" if superuser else ""),
                   "last-connection": mu.last_connection if mu else None,
                   "counts": []}
        summary.update(cloud_fields(ctx.state, model))
        if ctx.version == 9:
            summary["default-series"] = "jammy"
        results.append({"result": summary})
    # modelmanager.go listModelSummaries appends to a nil slice: no models -> null, not [].
    return {"results": results or None}


def _user_entry(state, key, mu):
    user = state.any_user(key)
    return {"model-tag": "", "user": user.name if user else key,
            "display-name": user.display_name if user else "",
            "last-connection": mu.last_connection, "access": mu.access}


def _model_info(ctx, model, level):
    state = ctx.state
    if level == "admin":  # model admins and superusers see everyone
        users = [_user_entry(state, k, model.users[k]) for k in sorted(model.users)]
    else:
        mine = model.users.get(tags.key(ctx.caller))
        users = [_user_entry(state, tags.key(ctx.caller), mine)] if mine else None
    can_write = access.rank("model", level) >= access.rank("model", "write")
    info = {"name": model.name, "type": model.type, "uuid": model.uuid,
            "cloud-credential-validity": True, "users": users,
            # Filled only for write or more; nil (null) otherwise. common.ModelMachineInfo appends
            # to a nil slice, and simulated models have no machines: null either way.
            "machines": None,
            "secret-backends": [] if can_write else None,
            "supported-features": [{"name": "juju", "description": "the version of Juju used by the model",
                                    "version": "3.6.1"}]}
    info.update(cloud_fields(state, model))
    if ctx.version == 9:
        info["default-series"] = "jammy"
        info["default-base"] = "ubuntu@22.04/stable"
    return info


def model_info(ctx, params):
    results = []
    for ent in entities(params):
        try:
            uuid = tags.parse_model_tag(ent.get("tag"))
            model = ctx.state.models.get(uuid)
            level = ctx.model_access(model) if model else ""
            if not level:  # unknown model or no read: existence is hidden
                raise perm_denied()
        except ApiError as e:
            results.append(err(e))
            continue
        results.append({"result": _model_info(ctx, model, level)})
    return {"results": results}


def modify_model_access(ctx, params):
    superuser = ctx.is_superuser()

    def change(item):
        level = item.get("access") or ""
        if level not in access.MODEL:
            raise not_valid('could not modify model access: "%s" model access not valid' % level)
        try:
            uuid = tags.parse_model_tag(item.get("model-tag"))
        except ApiError as e:
            raise e.prefixed("could not modify model access")
        model = ctx.state.models.get(uuid)
        if model is None:
            if superuser:  # §14 open question 1: wording unconfirmed
                raise ApiError('could not lookup model: model "%s" not found' % uuid, NOT_FOUND)
            raise perm_denied()
        if ctx.model_access(model) != "admin":
            raise perm_denied()
        user_id, action = user_and_action(item, "could not modify model access")
        (grants.grant_model if action == "grant" else grants.revoke_model)(ctx.state, model, user_id, level)
        ctx.changed = True

    return {"results": per_entity(entities(params, "changes"), change)}


METHODS = {
    "ListModels": list_models,
    "ListModelSummaries": list_model_summaries,
    "ModelInfo": model_info,
    "ModifyModelAccess": modify_model_access,
}
