"""ApplicationOffers v4/v5 (juju-api.md §7): offer access and reading who has it."""
from .. import access, tags
from ..errors import ApiError, NOT_FOUND, not_valid, perm_denied
from . import grants
from .common import err, per_entity, user_and_action
from .context import entities


def _locate(ctx, url_text):
    """(model, offer-or-None, canonical url) for an offer URL; omitted owner = caller (§7.1)."""
    url = tags.parse_offer_url(url_text)
    owner = url["owner"] or ctx.caller
    model = ctx.state.model_by_name(owner, url["model"])
    if model is None:
        raise ApiError('model "%s/%s" not found' % (owner, url["model"]), NOT_FOUND)
    offer = next((o for o in ctx.state.offers_in(model) if o.name == url["offer"]), None)
    return model, offer, url, "%s/%s.%s" % (model.owner, model.name, url["offer"])


def _offer_level(ctx, model, offer):
    """Effective offer access: superusers and model admins count as offer admins."""
    if ctx.model_access(model) == "admin":
        return "admin"
    return offer.users.get(tags.key(ctx.caller), "")


def modify_offer_access(ctx, params):
    def change(item):
        model, offer, url, dummy = _locate(ctx, item.get("offer-url"))
        level = item.get("access") or ""
        if level not in access.OFFER:
            raise not_valid('could not modify offer access: "%s" offer access not valid' % level)
        if ctx.model_access(model) != "admin":
            # Offer admins may too; an offer a non-admin cannot look up is permission denied.
            if offer is None or offer.users.get(tags.key(ctx.caller)) != "admin":
                raise perm_denied()
        if offer is None:
            raise ApiError('application offer "%s" not found' % url["offer"], NOT_FOUND)
        user_id, action = user_and_action(item, "could not modify offer access")
        (grants.grant_offer if action == "grant" else grants.revoke_offer)(ctx.state, offer, user_id, level)
        ctx.changed = True

    return {"results": per_entity(entities(params, "changes"), change)}


def _details(ctx, model, offer, level, canonical):
    state = ctx.state

    def user(key, lvl):
        u = state.any_user(key)
        return {"user": u.name if u else key, "display-name": u.display_name if u else "", "access": lvl}

    # The caller first with their effective level; admins then see every other grant.
    users = [user(tags.key(ctx.caller), level)]
    if level == "admin":
        users += [user(k, v) for k, v in sorted(offer.users.items()) if k != tags.key(ctx.caller)]
    d = {
        "source-model-tag": "model-" + model.uuid,
        "offer-uuid": offer.uuid,
        "offer-url": canonical,
        "offer-name": offer.name,
        "application-description": offer.description,
        "endpoints": [{"name": e["name"], "role": e.get("role", "provider"),
                       "interface": e.get("interface", ""), "limit": e.get("limit", 0)}
                      for e in offer.endpoints],
        "users": users,
        "application-name": offer.application,
        "charm-url": offer.charm_url,
        "connections": [],
    }
    if ctx.version == 4:  # dropped in v5
        d["bindings"] = {e["name"]: "alpha" for e in offer.endpoints}
        d["spaces"] = []
    return d


def application_offers(ctx, params):
    results = []
    for url_text in params.get("offer-urls") or []:
        try:
            url = tags.parse_offer_url(url_text)
            if url["source"]:
                raise ApiError("query for non-local application offers not supported")
            if url["endpoint"]:
                raise ApiError('remote application "%s" shouldn\'t include endpoint' % url_text)
            model, offer, dummy, canonical = _locate(ctx, url_text)
            level = _offer_level(ctx, model, offer) if offer else ""
            if not level:  # offers the caller cannot read are not found
                raise ApiError('application offer "%s" not found' % canonical, NOT_FOUND)
        except ApiError as e:
            results.append(err(e))
            continue
        results.append({"result": _details(ctx, model, offer, level, canonical)})
    return {"results": results}


def _matches(offer, f):
    if f.get("offer-name") and f["offer-name"] != offer.name:
        return False
    if f.get("application-name") and f["application-name"] != offer.application:
        return False
    return True


def list_application_offers(ctx, params):
    filters = params.get("Filters") or []
    if not filters:
        raise ApiError("at least one offer filter is required")
    out = []
    for f in filters:
        if not f.get("model-name"):
            raise ApiError("application offer filter must specify a model name")
        owner = f.get("owner-name") or ctx.caller
        model = ctx.state.model_by_name(owner, f["model-name"])
        if model is None:
            raise ApiError('model "%s/%s" not found' % (owner, f["model-name"]), NOT_FOUND)
        if ctx.model_access(model) != "admin":
            raise perm_denied()
        for offer in ctx.state.offers_in(model):
            if _matches(offer, f):
                canonical = "%s/%s.%s" % (model.owner, model.name, offer.name)
                out.append(_details(ctx, model, offer, "admin", canonical))
    return {"results": out}


METHODS = {
    "ModifyOfferAccess": modify_offer_access,
    "ApplicationOffers": application_offers,
    "ListApplicationOffers": list_application_offers,
}
