"""Juju names and tags (juju/names): user names, user/model tags, offer URLs.

Independent of plugins/ on purpose: the simulator is a second reading of the spec.
"""
import re

from .errors import ApiError, not_valid

# Go anchors "^...$" to the whole string; Python's "$" also matches before a final newline, so
# every pattern here is written without anchors and used with fullmatch (or search where Go's
# own pattern has no anchors).
# juju/names v5 user.go validUserNameSnippet (juju-api.md §4.2).
_NAME = r"[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]"
USER_NAME_RE = re.compile(_NAME)
USER_ID_RE = re.compile(r"(%s)(?:@(%s))?" % (_NAME, _NAME))
CLOUD_RE = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9._-]*")  # juju/names v5 cloud.go cloudSnippet
# juju/names v5 model.go validUUID has no anchors and IsValidModel uses MatchString: an id that
# merely contains a UUID is a valid model (and controller, and offer) tag, which then names no model.
UUID_RE = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")
MODEL_NAME_RE = re.compile(r"[a-z0-9]+[a-z0-9-]*")  # juju/names v5 model.go: no length limit
APPLICATION_SNIPPET = r"[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*"  # juju/names application.go
APPLICATION_RE = re.compile(APPLICATION_SNIPPET)
_NUMBER = r"(?:0|[1-9][0-9]*)"
MACHINE_RE = re.compile(r"%s(?:/[a-z]+/%s)*" % (_NUMBER, _NUMBER))  # machine.go
UNIT_RE = re.compile(r"(?:%s)/%s" % (APPLICATION_SNIPPET, _NUMBER))  # unit.go


def _machine_id(rest):
    return rest.replace("-", "/")  # machineTagSuffixToId: "0-lxd-1" -> "0/lxd/1"


def _unit_id(rest):
    app, dash, number = rest.rpartition("-")  # unitTagSuffixToId: the last "-" is the "/"
    return app + "/" + number if dash else rest


# The kinds whose ids the simulator knows how to check: (id from the tag's rest, is the id valid).
# juju/names knows more kinds (volume, storage, ...); tags of those are answered as of no kind
# ('"volume-0" is not a valid tag'), where Go would check them by their own rules.
_KINDS = {
    "user": (str, USER_ID_RE.fullmatch),
    "model": (str, UUID_RE.search),
    "controller": (str, UUID_RE.search),
    "applicationoffer": (str, UUID_RE.search),
    "cloud": (str, CLOUD_RE.fullmatch),
    "application": (str, APPLICATION_RE.fullmatch),
    "machine": (_machine_id, MACHINE_RE.fullmatch),
    "unit": (_unit_id, UNIT_RE.fullmatch),
}
KINDS = tuple(_KINDS)


def go_quote(text):
    """Go's %q (strconv.Quote): double quotes; quotes, backslashes and unprintable runes escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or code == 0x7f:
            out.append("\\x%02x" % code)
        else:
            out.append(("\\u%04x" if code < 0x10000 else "\\U%08x") % code)
    return '"' + "".join(out) + '"'


_ESCAPES = dict(zip("\a\b\f\n\r\t\v", ("\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v")))


def valid_user_name(name):
    return bool(USER_NAME_RE.fullmatch(name or ""))


def canonical_user(user_id):
    """'bob@local' -> 'bob'; external ids keep their domain."""
    m = USER_ID_RE.fullmatch(user_id or "")
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


def bad_tag(tag, kind=""):
    """names.invalidTagError."""
    if kind:
        return ApiError("%s is not a valid %s tag" % (go_quote(tag), kind))
    return ApiError("%s is not a valid tag" % go_quote(tag))


def parse_tag(tag, expect):
    """names.ParseTag then the ParseXTag check: (kind, id). A tag malformed for its own kind is
    named by that kind ('"unit-x" is not a valid unit tag'), a well-formed one of another kind by
    the kind expected; a tag of no known kind is "not a valid tag"."""
    tag = tag or ""
    kind, sep, rest = tag.partition("-")
    if not sep or not kind or kind not in _KINDS:
        raise bad_tag(tag)
    to_id, valid = _KINDS[kind]
    ident = to_id(rest)
    if not valid(ident):
        raise bad_tag(tag, kind)
    if kind != expect:
        raise bad_tag(tag, expect)
    return ident


def parse_user_tag(tag):
    """Return the canonical user id of a user tag or raise names' parse error."""
    return canonical_user(parse_tag(tag, "user"))


def parse_model_tag(tag):
    return parse_tag(tag, "model")


def parse_cloud_tag(tag):
    return parse_tag(tag, "cloud")


# core/crossmodel offerurl.go (3.x), unanchored as Go uses it: the owner is everything before the
# first "/" (so it may contain dots: "fred.smith/shop.db"), the model runs to the first ".".
_OFFER_URL_RE = re.compile(r"(/?((?P<user>[^/]+)/)?(?P<model>[^.]*)(\.(?P<application>[^:]*(:.*)?))?)?")
_ENDPOINT_RE = re.compile(r"[a-zA-Z0-9]+")


def _split_source(url):
    """maybeParseSource: "ctrl:rest"; a single ":word" is an endpoint, not a source."""
    parts = url.split(":")
    if len(parts) == 3:
        return parts[0], parts[1] + ":" + parts[2]
    if len(parts) == 2 and not _ENDPOINT_RE.fullmatch(parts[1]):
        return parts[0], parts[1]
    return "", url


def _replace_all(text, group):
    """Go's offerURLRegexp.ReplaceAllString(text, "$group"): every match replaced by the group,
    text between matches kept, and an empty match right after a match skipped (Python's re.sub
    would replace it). The first match runs to the end unless "." stops at a newline after ":"."""
    out, pos, last_end = [], 0, None
    for m in _OFFER_URL_RE.finditer(text):
        if m.start() == m.end() == last_end:
            continue
        out += [text[pos:m.start()], m.group(group) or ""]
        pos = last_end = m.end()
    return "".join(out) + text[pos:]


def parse_offer_url(url):
    """core/crossmodel ParseOfferURL: [source:][owner/]model.offer[:endpoint], with its messages.

    Returns dict(source, owner, model, offer, endpoint), absent parts None; raises ApiError.
    """
    url = url or ""
    source, rest = _split_source(url)
    owner, model, application = (_replace_all(rest, g) for g in ("user", "model", "application"))
    if url.startswith(":") or "/" in model or "/" in application:
        raise ApiError("application offer URL has invalid form, must be [<user/]<model>.<appname>: %s"
                       % go_quote(url))
    if not model:
        raise ApiError("application offer URL is missing model")
    if not application:
        raise ApiError("application offer URL is missing application")
    offer, dummy, endpoint = application.partition(":")
    if owner and canonical_user(owner) is None:
        raise not_valid("user name %s not valid" % go_quote(owner))
    if not MODEL_NAME_RE.fullmatch(model):
        raise not_valid("model name %s not valid" % go_quote(model))
    if offer and not APPLICATION_RE.fullmatch(offer):
        raise not_valid("application name %s not valid" % go_quote(offer))
    return {"source": source or None, "owner": canonical_user(owner) if owner else None,
            "model": model, "offer": offer, "endpoint": endpoint or None}
