"""Cloud v7 (juju-api.md §16; 3.6 apiserver/facades/client/cloud/cloud.go): clouds and cloud access."""
from .. import access, tags
from ..errors import ApiError, not_found, not_valid, perm_denied
from . import grants
from .common import err, per_entity, user_and_action
from .context import entities


def _cloud(ctx, name):
    cloud = ctx.state.clouds.get(name)
    if cloud is None:
        raise not_found('cloud "%s" not found' % name)
    return cloud


def _level(ctx, cloud):
    """The caller's own grant: superusers bypass cloud checks on reads, but hold no implied level."""
    return cloud.users.get(tags.key(ctx.caller), "")


def _details(cloud):
    """params.CloudDetails: every key but type is omitempty."""
    d = {"type": cloud.type}
    if cloud.auth_types:
        d["auth-types"] = list(cloud.auth_types)
    if cloud.endpoint:
        d["endpoint"] = cloud.endpoint
    if cloud.regions:
        d["regions"] = [{"name": r} for r in cloud.regions]
    return d


def _visible(ctx, cloud):
    return ctx.is_superuser() or access.at_least("cloud", _level(ctx, cloud), "add-model")


def clouds(ctx, params):
    # Go encodes a map with its keys sorted (python-libjuju's get_cloud takes the first).
    out = {"cloud-" + c.name: _details(c) for c in sorted(ctx.state.clouds.values(), key=lambda c: c.name)
           if _visible(ctx, c)}
    return {"clouds": out} if out else {}  # an empty map is omitempty


def cloud(ctx, params):
    results = []
    for ent in entities(params):
        try:
            name = tags.parse_cloud_tag(ent.get("tag"))
            known = ctx.state.clouds.get(name)
            if known is None or not _visible(ctx, known):  # existence is hidden from others
                raise not_found('cloud "%s" not found' % name)
        except ApiError as e:
            results.append(err(e))
            continue
        results.append({"cloud": _details(known)})
    return {"results": results}


def _user_entry(state, key, level):
    user = state.any_user(key)
    # GetCloudUsers keys are lower-cased ids; external users show their id as display name.
    return {"user": key, "display-name": user.display_name if user else key, "access": level}


def _cloud_info(ctx, name):
    cloud = _cloud(ctx, name)
    sees_all = ctx.is_superuser() or _level(ctx, cloud) == "admin"
    users = [_user_entry(ctx.state, key, cloud.users[key]) for key in sorted(cloud.users)
             if sees_all or key == tags.key(ctx.caller)]
    if not users:  # the caller has no business knowing about this cloud
        raise perm_denied()
    info = _details(cloud)
    info["users"] = users
    return info


def cloud_info(ctx, params):
    results = []
    for ent in entities(params):
        try:
            info = _cloud_info(ctx, tags.parse_cloud_tag(ent.get("tag")))
        except ApiError as e:
            results.append(err(e))
            continue
        results.append({"result": info})
    return {"results": results}


def modify_cloud_access(ctx, params):
    superuser = ctx.is_superuser()

    def change(item):
        cloud = _cloud(ctx, tags.parse_cloud_tag(item.get("cloud-tag")))
        # cloud.go compares the tag strings exactly (c.apiUser.String() == arg.UserTag).
        if item.get("user-tag") == tags.user_tag(ctx.caller):
            raise ApiError("cannot change your own cloud access")
        if not superuser:  # 3.2-3.6: cloud admins are refused too (§16)
            raise perm_denied()
        level = item.get("access") or ""
        if level not in access.CLOUD:
            raise not_valid('"%s" cloud access not valid' % level)
        user_id, action = user_and_action(item, "could not modify cloud access")
        (grants.grant_cloud if action == "grant" else grants.revoke_cloud)(ctx.state, cloud, user_id, level)
        ctx.changed = True

    return {"results": per_entity(entities(params, "changes"), change)}


METHODS = {
    "Clouds": clouds,
    "Cloud": cloud,
    "CloudInfo": cloud_info,
    "ModifyCloudAccess": modify_cloud_access,
}
