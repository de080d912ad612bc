# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Juju names: users, models, offer URLs, clouds and their tags (juju-api.md §4.2, §7.1, §16).
# Validated here, before anything is sent, so that a typo becomes a sentence naming
# the rule instead of a terse server error (or, worse, a call on the wrong entity).

import re

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

# Every pattern is matched against the whole string with fullmatch, as Go's regexp anchors
# "^...$" do: Python's "$" also matches before a final newline, which would let "bob\n" through.
# Only the user pattern, which every task uses, is compiled on import; re compiles (and caches)
# the others when a task first needs them.
# juju/names v5 user.go: at least two characters, no "_"; a domain uses the same rule.
_USER_SNIPPET = r"[a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]"
_USER_RE = re.compile(r"(%s)(?:@(%s))?" % (_USER_SNIPPET, _USER_SNIPPET))
_USER_RULE = ("letters, digits, '.', '+' and '-', starting and ending with a letter or digit, "
              "at least 2 characters, optionally followed by @domain")
# juju/names v5 model.go: no length limit (IsValidModelName is the pattern alone).
_MODEL_RE = r"[a-z0-9]+[a-z0-9-]*"
# juju/names v5 application.go: offer names follow the application name rule.
_OFFER_RE = r"[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*"
# core/crossmodel offerurl.go (3.x), unanchored as Go uses it: the owner runs to the first "/"
# (so "fred.smith/shop.db" is fred.smith's), the model to the first ".".
_OFFER_URL_RE = r"(/?((?P<owner>[^/]+)/)?(?P<model>[^.]*)(\.(?P<application>[^:]*(:.*)?))?)?"
_ENDPOINT_RE = r"[a-zA-Z0-9]+"
_CLOUD_RE = r"[a-zA-Z0-9][a-zA-Z0-9._-]*"  # juju/names v5 cloud.go
# The UUIDs this client puts in model tags come from Juju itself: they are checked whole
# (juju/names matches its UUID pattern anywhere in the id, which would accept any padding).
_UUID_RE = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"


def quoted(text):
    """text as Go's %q writes it (strconv.Quote): in double quotes, with quotes, backslashes and
    unprintable characters escaped, so that "bob\n" shows its newline instead of breaking the line."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif char in _GO_ESCAPES:
            out.append(_GO_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7f:
            out.append("\\x%02x" % ord(char))
        elif ord(char) < 0x10000:
            out.append("\\u%04x" % ord(char))
        else:
            out.append("\\U%08x" % ord(char))
    return '"%s"' % "".join(out)


_GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def validate_user_name(name, local_only=False):
    """Return the canonical user name ("bob@local" -> "bob"); raise InvalidInput if not valid.

    local_only rejects external users (x@domain), which Juju cannot create or
    give passwords to.
    """
    if not isinstance(name, str) or not name:
        raise InvalidInput("a user name is required.")
    match = _USER_RE.fullmatch(name)
    if not match:
        raise InvalidInput('user name %s is not valid: use %s.' % (quoted(name), _USER_RULE))
    user, domain = match.groups()
    if domain == "local":
        # Juju treats "@local" as no domain; the canonical form drops it.
        domain = None
    if domain and local_only:
        raise InvalidInput('user "%s" is an external user (@%s); only local users can be managed here.'
                           % (name, domain))
    return "%s@%s" % (user, domain) if domain else user


def user_key(name):
    """The key Juju identifies a user by: the canonical name, lower-cased.

    Juju stores users (and every grant) under the lower-cased name, so "Zed", "zed" and
    "zed@local" are one user; compare and index users by this key, and report the
    spelling Juju returns (the one the user was created with).
    """
    return validate_user_name(name).lower()


def same_user(a, b):
    return user_key(a) == user_key(b)


def find_user(levels, name):
    """(Juju's spelling, value) of the entry of {user: value} that is the user `name`, else (None, None).

    Juju lists users as they were created ("Zed"), while tasks may spell them otherwise ("zed@local").
    """
    key = user_key(name)
    for spelling, value in levels.items():
        if user_key(spelling) == key:
            return spelling, value
    return None, None


def is_external(name):
    """True for users of an identity provider (x@domain), e.g. everyone@external."""
    return "@" in validate_user_name(name)


def user_tag(name):
    return "user-" + validate_user_name(name)


def user_from_tag(tag):
    if not isinstance(tag, str) or not tag.startswith("user-"):
        raise InvalidInput('%s is not a user tag (expected "user-<name>").' % (quoted(str(tag)),))
    return validate_user_name(tag[len("user-"):])


def is_model_uuid(ref):
    """True for a model UUID ("7e4f3a0c-8a6b-4c1e-9f45-1d2e3c4b5a69"), which is also a valid model name:
    where both are accepted, a UUID is taken as a UUID (juju-api.md §19.1)."""
    return isinstance(ref, str) and bool(re.fullmatch(_UUID_RE, ref))


def model_tag(uuid):
    if not is_model_uuid(uuid):
        raise InvalidInput('%s is not a model UUID.' % (quoted(str(uuid)),))
    return "model-" + uuid


def _model_name(name, ref):
    if not re.fullmatch(_MODEL_RE, name):
        raise InvalidInput('model name %s in %s is not valid: use lower-case letters, digits and '
                           'hyphens, not starting with a hyphen.' % (quoted(name), quoted(ref)))
    return name


def _model_owner(owner, ref):
    """The owner part of "owner/name", refused in words about the model's owner (not "a user name")."""
    if not owner:
        raise InvalidInput('model "%s" has nothing before "/" for its owner; use "owner/name", or "name" for a '
                           'model of the login user.' % ref)
    try:
        return validate_user_name(owner)
    except InvalidInput:
        raise InvalidInput('the owner "%s" of model "%s" is not a valid user name: use %s.' % (owner, ref, _USER_RULE))


def parse_model_ref(ref, default_owner=None):
    """"name" or "owner/name" -> (owner, name); owner is default_owner when omitted (may be None)."""
    if not isinstance(ref, str) or not ref:
        raise InvalidInput("a model reference is required.")
    if ":" in ref:
        # "ctrl:owner/name" is a CLI form; this collection talks to one controller only.
        raise InvalidInput('model %s names a controller ("%s:"); give only "owner/name" or "name", '
                           'the controller comes from the connection settings.'
                           % (quoted(ref), quoted(ref.split(":", 1)[0])[1:-1]))
    if ref.count("/") > 1:
        raise InvalidInput('model %s is not valid: use "owner/name" or "name".' % quoted(ref))
    owner, sep, name = ref.rpartition("/")
    if sep:
        owner = _model_owner(owner, ref)
    else:
        owner = validate_user_name(default_owner) if default_owner else None
    return owner, _model_name(name, ref)


def _split_source(url):
    """maybeParseSource: a lone alphanumeric word after ":" is an endpoint, not a path."""
    parts = url.split(":")
    if len(parts) == 3:
        return parts[0], parts[1] + ":" + parts[2]
    if len(parts) == 2 and not re.fullmatch(_ENDPOINT_RE, parts[1]):
        return parts[0], parts[1]
    return "", url


def split_offer_url(url):
    """Juju's ParseOfferURL: "[source:][owner/]model.offer[:endpoint]" -> (source, owner, model,
    offer, endpoint), "" for an absent part (owner canonical); raise InvalidInput naming the part."""
    if not isinstance(url, str) or not url:
        raise InvalidInput("an offer URL is required.")
    source, rest = _split_source(url)
    # The pattern matches from the start, up to the end unless a newline follows an endpoint;
    # Go then copies that newline into every part (ReplaceAllString), so the URL is not valid.
    match = re.match(_OFFER_URL_RE, rest)
    owner, model, application = (match.group(g) or "" for g in ("owner", "model", "application"))
    if (url.startswith(":") or match.end() != len(rest) or "/" in model or "/" in application
            or not model or not application):
        raise InvalidInput('offer URL %s is not valid: use "[owner/]model.offer".' % quoted(url))
    offer, dummy, endpoint = application.partition(":")
    owner = validate_user_name(owner) if owner else ""
    _model_name(model, url)
    if not re.fullmatch(_OFFER_RE, offer):
        raise InvalidInput('offer name %s in %s is not valid: use lower-case letters and digits, starting '
                           'with a letter, in hyphen-separated words that each contain a letter.'
                           % (quoted(offer), quoted(url)))
    return source, owner, model, offer, endpoint


def parse_offer_url(url, default_owner):
    """"[owner/]model.offer" -> canonical "owner/model.offer" (owner defaults as Juju does: the caller)."""
    source, owner, model, offer, endpoint = split_offer_url(url)
    if source:
        raise InvalidInput('offer URL %s names a controller ("%s:"); only offers on the connected '
                           'controller can be managed, so drop that prefix.' % (quoted(url), quoted(source)[1:-1]))
    if endpoint:
        raise InvalidInput('offer URL %s includes an endpoint (":%s"); access is granted on the '
                           'whole offer, so drop it.' % (quoted(url), quoted(endpoint)[1:-1]))
    owner = owner or (validate_user_name(default_owner) if default_owner else None)
    if owner is None:
        raise InvalidInput('offer URL %s has no owner and none was given to default to.' % quoted(url))
    return "%s/%s.%s" % (owner, model, offer)


def cloud_tag(name):
    if not isinstance(name, str) or not re.fullmatch(_CLOUD_RE, name):
        raise InvalidInput('cloud name %s is not valid: use letters, digits, ".", "_" and "-", starting '
                           'with a letter or digit.' % (quoted(str(name)),))
    return "cloud-" + name
