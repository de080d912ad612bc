# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Every failure the client reports is a JujuError subclass, and the decision "which one"
# is taken here and nowhere else (classify), so callers test types, never strings.
# Juju's error codes decide first (juju-api.md §2.3, §2.4); a few errors that Juju sends
# without a code are recognised by their text second (e.g. "user already has ... access",
# §5.2/§6.4/§7.2). Messages are single sentences and must never carry a password or a
# secret key: the client only ever puts names, addresses and Juju's own text in them.

import re


class JujuError(Exception):
    """A failure reported by (or about) a Juju controller.

    message is Juju's own text (or the client's sentence), code is Juju's error code
    ("" when Juju gave none); context, when set, says what the client was doing and
    is prefixed to str(error) so the sentence names the entity concerned.
    """

    def __init__(self, message, code="", context=None):
        self.message = message
        self.code = code or ""
        self.context = context
        super(JujuError, self).__init__(self.__str__())

    def __str__(self):
        if self.context:
            return "%s: %s" % (self.context, self.message)
        return self.message


# Server-side classes (from a code, or a known text without a code).

class NotFound(JujuError):
    """The entity (user, model, offer, grant) does not exist."""


class NoAccess(NotFound):
    """The user exists but holds no grant on the target (a controller/model/offer user record is absent)."""


class Unauthorized(JujuError):
    """The login user may not do this (permission denied), or credentials were refused."""


class AlreadyExists(JujuError):
    """The entity exists already (e.g. "username unavailable" when adding a user)."""


class AlreadyHasAccess(JujuError):
    """A grant asked for a level the user already holds or exceeds (Juju sends no code for it)."""


class NotValid(JujuError):
    """Juju rejected a value (access level, name, empty password, bad request)."""


class NotSupported(JujuError):
    """The controller does not support the operation (or no facade version this client speaks)."""


class ImportFailed(JujuError):
    """The controller could not fetch the keys of an SSH import id (ssh-import-id failed, juju-api.md §18.3)."""


class NotImplemented(JujuError):  # noqa: A001  pylint: disable=redefined-builtin
    """The controller does not implement the facade, version or method called."""


# Client-side classes: nothing was sent, or the conversation itself failed.

class UserDisabled(JujuError):
    """Juju refused a change of a disabled local user's access (juju-api.md §19.3), code "". A first model or
    controller grant is written before the refusal: re-read to know whether it is there."""


class InvalidInput(JujuError):
    """The caller's input is not valid; nothing was sent to the controller."""


class Refused(InvalidInput):
    """The task asks for what the controller would refuse, as its reads already show (controller
    owner, missing rights), or for what would lock the login user out; nothing was sent."""


class SettingsError(JujuError):
    """Where or as whom to connect could not be determined."""


class ConnectionFailed(JujuError):
    """The controller could not be reached or the connection broke (network, TLS, dropped)."""


class Timeout(ConnectionFailed):
    """No connection or no answer within the timeout; the connection is closed afterwards."""


class LoginFailed(JujuError):
    """The controller refused the login (bad credentials, disabled or removed user, ...)."""


class BadCredentials(LoginFailed):
    """Login refused with "invalid entity name or password": wrong password, unknown user,
    a user without controller access or one who never set a password (juju-api.md §3.3)."""


class StoredLoginExpired(LoginFailed):
    """The client store holds no password and its macaroon login (the Go CLI's cookie jar) is
    missing, expired or not the user's (juju-api.md §15.3): only `juju login` or a password helps."""


def stored_login_expired(controller, user):
    return StoredLoginExpired('the stored login for controller "%s" (user %s) has expired; run `juju login` '
                              'or supply a password' % (controller, user))


def stored_login_unusable(controller, user, jar, reason):
    """No password and no cookie of the jar the Go client would send: say which, not "expired"."""
    return StoredLoginExpired('the stored login for controller "%s" (user %s) cannot be used: the Juju cookie jar '
                              '%s %s; run `juju login` or supply a password' % (controller, user, jar, reason))


def stored_login_refused(controller, user):
    """The controller asked for a discharge although the jar holds the macaroon as live."""
    return StoredLoginExpired('the controller refused the stored login for controller "%s" (user %s) although the '
                              'cookie jar holds it as unexpired: the controller\'s clock is past its expiry, or it was '
                              'issued by another controller, or it is forged or corrupt; run `juju login` or supply a '
                              'password' % (controller, user))


_BY_CODE = {
    "not found": NotFound,
    "user not found": NotFound,
    "model not found": NotFound,
    "unauthorized access": Unauthorized,
    "forbidden": Unauthorized,
    "already exists": AlreadyExists,
    "not valid": NotValid,
    "bad request": NotValid,
    "not supported": NotSupported,
    "not implemented": NotImplemented,
}

# Known texts, consulted only when the code does not decide. Ordered: first match wins. Kept as
# pattern texts: re compiles (and caches) one when a failure first needs it, so that a task that
# succeeds pays for none of them.
_BY_TEXT = (
    # §18.3, KeyManager's per-key errors (code ""). An import's errors are joined by newlines:
    # a fetch failure first, then any refused key before duplicates, so that only an import
    # whose every key was there already reads as AlreadyExists.
    (r"(?m)^exit status \d+$|\bexecutable file not found\b", ImportFailed),
    (r"(?m)^(?:invalid ssh key\b|may not add key with comment\b|may not delete internal key\b|"
     r"cannot delete all keys$)", NotValid),
    (r"(?m)^duplicate ssh key: ", AlreadyExists),
    # §5.2, §6.4, §7.2: code "" (a plain Errorf), so the text is the only signal.
    (r"\buser already has\b", AlreadyHasAccess),
    (r'\buser "[^"]*" is disabled$', UserDisabled),  # §19.3
    (r"\busername unavailable\b", AlreadyExists),
    (r"\bpermission denied\b", Unauthorized),
    # §4.3: removing (or reading) a user that was removed already.
    (r"\bis permanently deleted\b", NotFound),
    (r"\bnot found\b", NotFound),
    (r"\baccess not valid\b|\bis not a valid\b|\binvalid user name\b|"
     r"\bcannot use an empty password\b", NotValid),
    (r"\bnot supported\b", NotSupported),
)

# A missing grant record (§5.1, §5.2, §6.4, §7.2, §16, §19.2) is a NotFound with its own meaning:
# the user exists but has no access there. Refined after the code/text decision.
_NO_ACCESS = (r'\b(?:controller|model|offer) user "[^"]*" (?:not found|does not exist)|'
              r'\bdoes not have (?:any )?access\b|'
              r'\buser permission for "[^"]*" on "(?:cloud|ao)#[^"]*" not found')  # §16, §19.2


def classify(message, code="", context=None):
    """Return the JujuError subclass instance for Juju's (message, code)."""
    message = message or "unknown error"
    code = code or ""
    cls = _BY_CODE.get(code)
    if cls is None:
        cls = JujuError
        for pattern, candidate in _BY_TEXT:
            if re.search(pattern, message):
                cls = candidate
                break
    if cls is NotFound and re.search(_NO_ACCESS, message):
        cls = NoAccess
    return cls(message, code, context)


# juju-api.md §17: how a write answers when another writer already did the same thing.
# A revoke or removal that finds nothing left is NotFound; a grant that finds the level
# there is AlreadyHasAccess; an AddUser that finds the name taken is AlreadyExists.
_LOST_RACES = {"add": AlreadyExists, "grant": AlreadyHasAccess, "revoke": NotFound, "remove": NotFound,
               "delete": NotFound}  # delete: an SSH key (§18.3 "key not found")


def lost_race(error, action):
    """True when `error`, raised by the write `action` (add, grant, revoke, remove, delete), means that
    another writer got there first: re-read the state instead of failing."""
    cls = _LOST_RACES.get(action)
    return cls is not None and isinstance(error, cls)


def from_error_object(error, context=None):
    """Classify a per-entity params.Error ({"message", "code", "info"}) from a bulk result."""
    if isinstance(error, dict):
        return classify(error.get("message", ""), error.get("code", ""), context)
    return classify(str(error), "", context)


def scrub(text, secrets):
    """Replace every non-empty secret in text by "********" (defence in depth for messages)."""
    for secret in secrets:
        if secret and isinstance(secret, str) and secret in text:
            text = text.replace(secret, "********")
    return text


def scrubbed(error, secrets):
    """The classified error with every secret scrubbed from its message, and returned.

    Scrub only after classifying: a password such as "pass" also occurs in Juju's own
    texts ("invalid entity name or password"), which must still be recognised.
    """
    message = scrub(error.message, secrets)
    if message != error.message:
        error.message = message
        error.args = (str(error),)
    return error


_BAD_CREDENTIALS = r"\binvalid entity name or password\b"


def classify_login(message, code="", context=None):
    """The LoginFailed (BadCredentials for Juju's one bad-credentials text) for a refused Login."""
    cls = BadCredentials if re.search(_BAD_CREDENTIALS, message or "") else LoginFailed
    return cls(message or "unknown error", code, context)


_PERMISSION_DENIED = r"\bpermission denied\b"


def classify_stored_login(message, code, controller, user, context=None):
    """classify_login for a login with the store's macaroons, where "permission denied" means
    they declare another user than the account's (juju-api.md §15.3): a stale login."""
    if re.search(_PERMISSION_DENIED, message or ""):
        return stored_login_expired(controller, user)
    return classify_login(message, code, context)
