"""Juju names and tags (juju/names): user names, user/model tags, offer URLs.

Independent of plugins/ on purpose: the simulator is a second reading of the spec.
"""
import re

from .errors import ApiError

# juju/names user.go validUserNameSnippet (juju-api.md §4.2).
_NAME = r"[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]"
USER_NAME_RE = re.compile("^%s$" % _NAME)
USER_ID_RE = re.compile(r"^(%s)(?:@(%s))?$" % (_NAME, _NAME))
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


def parse_model_tag(tag):
    tag = tag or ""
    kind, sep, rest = tag.partition("-")
    if not sep or kind not in KINDS:
        raise _bad_tag(tag)
    if kind != "model" or not UUID_RE.match(rest):
        raise _bad_tag(tag, "model")
    return rest


def parse_offer_url(url):
    """core/crossmodel ParseOfferURL: [controller:][owner/]model.offer[:endpoint].

    Returns dict(source, owner, model, offer, endpoint); raises ApiError when malformed.
    """
    m = re.match(r"^(?:([^:/]+):)?(?:([^/.:]+)/)?([^/.:]+)\.([^/.:]+)(?::([^/.:]+))?$", url or "")
    if not m:
        raise ApiError("application offer URL %s not valid" % ("\"%s\"" % url if url else "is empty"))
    source, owner, model, offer, endpoint = m.groups()
    if owner is not None and canonical_user(owner) is None:
        raise ApiError("user name %r not valid" % owner)
    return {"source": source, "owner": canonical_user(owner) if owner else None,
            "model": model, "offer": offer, "endpoint": endpoint}
