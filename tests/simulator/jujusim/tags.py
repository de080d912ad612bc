"""Juju names and tags (juju/names): user names, user/model tags, offer URLs.

Independent of plugins/ on purpose: the simulator is a second reading of the spec.
"""
import re

from .errors import ApiError, not_valid

# juju/names user.go validUserNameSnippet (juju-api.md §4.2).
_NAME = r"[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]"
USER_NAME_RE = re.compile("^%s$" % _NAME)
USER_ID_RE = re.compile(r"^(%s)(?:@(%s))?$" % (_NAME, _NAME))
CLOUD_RE = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9._-]*$")  # juju/names cloud.go cloudSnippet
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
KINDS = ("user", "model", "controller", "machine", "unit", "application", "cloud",
         "cloudcred", "applicationoffer")


def valid_user_name(name):
    return bool(USER_NAME_RE.match(name or ""))


def canonical_user(user_id):
    """'bob@local' -> 'bob'; external ids keep their domain."""
    m = USER_ID_RE.match(user_id or "")
    if not m:
        return None
    name, domain = m.group(1), m.group(2)
    if domain is None or domain == "local":
        return name
    return "%s@%s" % (name, domain)


def is_local(user_id):
    return "@" not in user_id


def key(user_id):
    """Juju's user document id is the lower-cased name: names compare case-insensitively."""
    return user_id.lower()


def user_tag(user_id):
    return "user-" + user_id


def _bad_tag(tag, kind=None):
    if kind:
        return ApiError('"%s" is not a valid %s tag' % (tag, kind))
    return ApiError('"%s" is not a valid tag' % tag)


def parse_user_tag(tag):
    """Return the canonical user id of a user tag or raise names' parse error."""
    tag = tag or ""
    kind, sep, rest = tag.partition("-")
    if not sep or kind not in KINDS:
        raise _bad_tag(tag)
    if kind != "user":
        raise _bad_tag(tag, "user")
    user = canonical_user(rest)
    if user is None:
        raise _bad_tag(tag, "user")
    return user


def _parse_id(tag, kind, id_re):
    """The id of a `kind` tag, or names' parse error (unknown kind vs. wrong kind or bad id)."""
    tag = tag or ""
    prefix, sep, rest = tag.partition("-")
    if not sep or prefix not in KINDS:
        raise _bad_tag(tag)
    if prefix != kind or not id_re.match(rest):
        raise _bad_tag(tag, kind)
    return rest


def parse_model_tag(tag):
    return _parse_id(tag, "model", UUID_RE)


def parse_cloud_tag(tag):
    return _parse_id(tag, "cloud", CLOUD_RE)


# core/crossmodel offerurl.go (3.x), unanchored as Go uses it: the owner is everything before the
# first "/" (so it may contain dots: "fred.smith/shop.db"), the model runs to the first ".".
_OFFER_URL_RE = re.compile(r"(/?((?P<user>[^/]+)/)?(?P<model>[^.]*)(\.(?P<application>[^:]*(:.*)?))?)?")
_ENDPOINT_RE = re.compile(r"^[a-zA-Z0-9]+$")
MODEL_NAME_RE = re.compile(r"^[a-z0-9]+[a-z0-9-]*$")  # juju/names model.go
APPLICATION_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$")  # juju/names application.go


def _split_source(url):
    """maybeParseSource: "ctrl:rest"; a single ":word" is an endpoint, not a source."""
    parts = url.split(":")
    if len(parts) == 3:
        return parts[0], parts[1] + ":" + parts[2]
    if len(parts) == 2 and not _ENDPOINT_RE.match(parts[1]):
        return parts[0], parts[1]
    return "", url


def parse_offer_url(url):
    """core/crossmodel ParseOfferURL: [source:][owner/]model.offer[:endpoint], with its messages.

    Returns dict(source, owner, model, offer, endpoint), absent parts None; raises ApiError.
    """
    url = url or ""
    source, rest = _split_source(url)
    # The pattern matches every string from its start, and that match always runs to the end.
    m = _OFFER_URL_RE.match(rest)
    owner, model = m.group("user") or "", m.group("model") or ""
    application = m.group("application") or ""
    if url.startswith(":") or "/" in model or "/" in application:
        raise ApiError('application offer URL has invalid form, must be [<user/]<model>.<appname>: "%s"' % url)
    if not model:
        raise ApiError("application offer URL is missing model")
    if not application:
        raise ApiError("application offer URL is missing application")
    offer, dummy, endpoint = application.partition(":")
    if owner and canonical_user(owner) is None:
        raise not_valid('user name "%s" not valid' % owner)
    if not MODEL_NAME_RE.match(model):
        raise not_valid('model name "%s" not valid' % model)
    if offer and not APPLICATION_RE.match(offer):
        raise not_valid('application name "%s" not valid' % offer)
    return {"source": source or None, "owner": canonical_user(owner) if owner else None,
            "model": model, "offer": offer, "endpoint": endpoint or None}
