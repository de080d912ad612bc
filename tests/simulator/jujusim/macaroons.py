"""Local-user macaroon logins (juju-api.md §15.3, §15.4): mint, discharge and verify.

Juju's two bakeries, read from apiserver/stateauthenticator/context.go and
apiserver/authentication/user.go: the login bakery mints the primary macaroon (location
"juju model <controller-model-uuid>", a time-before 24 h ahead and a third-party caveat
"need-declared username is-authenticated-user <name>" addressed to https://<Host>/auth);
the controller itself discharges that caveat as the local-user identity provider, with a
second key pair, once the user proved their password at /auth/form (discharger.py).

The keys are derived from the CA's private key rather than drawn at random: the state file
(--state) already keeps that key, so macaroons survive a restart as Juju's (kept in its
database) do, with no new field in the state.
"""
import base64
import binascii
import datetime
import hashlib
import re
import secrets

import nacl.public
from macaroonbakery import bakery, checkers

from . import tags
from .errors import ApiError

LOGIN_EXPIRY = datetime.timedelta(hours=24)  # localLoginExpiryTime
USERNAME = "username"  # usernameKey
TOKEN_KIND = "juju_userpass"


def _derive(secret, purpose):
    return hashlib.sha256(("jujusim %s\0" % purpose).encode() + secret.encode()).digest()


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


class _Clock:
    """checkers' clock protocol (a naive UTC utcnow()) over an injectable aware clock."""

    def __init__(self, now):
        self._now = now

    def utcnow(self):
        return self._now().astimezone(datetime.timezone.utc).replace(tzinfo=None)


class _DeclaredUser(bakery.IdentityClient):
    """The declared username is the identity; "" when a discharger declared none (need-declared)."""

    def identity_from_context(self, ctx):
        return None, []

    def declared_identity(self, ctx, declared):
        return bakery.SimpleIdentity(declared.get(USERNAME, ""))


class LocalLogins:
    """The controller's macaroon authority for local users. clock: () -> aware UTC datetime,
    replaceable by tests to move time past an expiry without sleeping."""

    def __init__(self, state, clock=utcnow):
        self.state = state
        self.clock = clock
        self._root_keys = bakery.MemoryKeyStore(_derive(state.ca_key, "root key"))
        self._key = bakery.PrivateKey(nacl.public.PrivateKey(_derive(state.ca_key, "login bakery key")))
        self.discharger_key = bakery.PrivateKey(nacl.public.PrivateKey(_derive(state.ca_key, "discharger key")))
        self._tokens = {}  # single-use /auth/form token -> user name (locallogin.go userTokens)

    def _location(self):
        # A fixture may leave out the controller model Juju always has: the controller UUID stands in.
        uuid = next((m.uuid for m in self.state.models.values() if m.is_controller), self.state.controller_uuid)
        return "juju model " + uuid

    def _oven(self, host):
        locator = bakery.ThirdPartyStore()
        locator.add_info(self.identity_location(host),
                         bakery.ThirdPartyInfo(public_key=self.discharger_key.public_key, version=bakery.VERSION_3))
        return bakery.Oven(key=self._key, location=self._location(), locator=locator,
                           root_keystore_for_ops=lambda ops: self._root_keys)

    @staticmethod
    def identity_location(host):
        return "https://%s/auth" % host

    def expiry(self):
        return _Clock(self.clock).utcnow() + LOGIN_EXPIRY

    def mint(self, user_name, host, bakery_version):
        """The bakery.Macaroon a failed macaroon login asks the client to discharge."""
        # Documented choice: a client sending no bakery-version (0) gets a version-1 macaroon,
        # as py-macaroon-bakery cannot encode version-0 third-party caveats.
        version = min(max(bakery_version or 0, bakery.VERSION_1), bakery.LATEST_VERSION)
        caveat = checkers.need_declared_caveat(
            checkers.Caveat(location=self.identity_location(host), condition="is-authenticated-user " + user_name),
            [USERNAME])
        return self._oven(host).macaroon(version, self.expiry(), [caveat], [bakery.LOGIN_OP])

    def discharge_required(self, user_name, host, bakery_version):
        """The LoginResult fields of a login that must be retried with a discharged macaroon (§15.3)."""
        m = self.mint(user_name, host, bakery_version)
        return {"discharge-required": bakery.macaroon_to_dict(m.macaroon),
                "bakery-discharge-required": m.to_dict(),
                # authenticateMacaroons: the Go bakery's open login authorizer lets every failure
                # through without an error, so the cause is always this text.
                "discharge-required-error": "invalid login macaroon"}

    def declared_user(self, slices, host):
        """The username a valid login macaroon declares, or None (missing, forged, expired, foreign)."""
        for ms in slices or ():
            for m in ms or ():
                problem = go_unmarshal_error(m)
                if problem:
                    # Go decodes LoginRequest.Macaroons ([]macaroon.Slice) before anything else
                    # and fails the request; the exact RPC wording of that failure is unconfirmed.
                    raise ApiError(problem)
        mss = []
        for ms in slices or ():
            try:
                mss.append([bakery.Macaroon.from_dict(m).macaroon for m in ms])
            except Exception:  # noqa: BLE001  pymacaroons raises anything on bad input
                # What Go decodes but py-macaroon-bakery cannot read cannot be verified either.
                continue
        checker = bakery.Checker(checker=checkers.Checker(), identity_client=_DeclaredUser(),
                                 macaroon_opstore=self._oven(host))
        ctx = checkers.context_with_clock(checkers.AuthContext(), _Clock(self.clock))
        try:
            info = checker.auth(mss).allow(ctx, [bakery.LOGIN_OP])
        except (bakery.PermissionDenied, bakery.DischargeRequiredError, bakery.AuthInitError,
                bakery.VerificationError):
            return None
        return info.identity.id()

    # ---- the local-user discharger (locallogin.go) -------------------------
    def issue_token(self, user_name):
        token = secrets.token_hex(12)  # newId: 12 random bytes, hex
        self._tokens[token] = user_name
        return token

    def check_caveat(self, condition, token_kind, token):
        """checkThirdPartyCaveat: the first-party caveats of the discharge, or raise DischargeRefused."""
        op, name = (condition.split(" ", 1) + [""])[:2]
        if op != "is-authenticated-user":
            raise DischargeRefused("caveat not recognized")
        if tags.canonical_user(name) is None:
            raise DischargeRefused('username "%s" not valid' % name)
        if not tags.is_local(tags.canonical_user(name)):
            raise DischargeRefused('non-local username "%s" not valid' % name)
        if token is None:
            raise InteractionRequired()
        owner = self._tokens.pop(token, None)
        if token_kind != TOKEN_KIND or owner is None:
            raise DischargeRefused("invalid token")
        if owner != name:
            raise DischargeRefused('discharge token for user "%s" does not match declared user "%s"' % (owner, name))
        return [checkers.declared_caveat(USERNAME, name), checkers.time_before_caveat(self.expiry())]


_SIGNATURE_BYTES = 32
_V1 = {"caveats", "location", "identifier", "signature"}
_V2 = {"c", "l", "i", "ih", "i64", "s", "sh", "s64"}


def _go_base64(text):
    """gopkg.in/macaroon.v2 Base64Decode: padded when the text ends in "=", the standard alphabet
    when it holds "+" or "/"; encoding/base64 drops newlines and refuses every other space."""
    padded = text.endswith("=")
    std = "+" in text or "/" in text
    body = text.replace("\n", "").replace("\r", "")
    stripped = body.rstrip("=") if padded else body
    alphabet = r"[A-Za-z0-9+/]*" if std else r"[A-Za-z0-9_-]*"
    if (not re.fullmatch(alphabet, stripped) or (padded and (len(body) % 4 or len(body) - len(stripped) > 2))
            or len(stripped) % 4 == 1):
        raise ValueError("illegal base64 data")
    return base64.b64decode(stripped.replace("-", "+").replace("_", "/") + "=" * (-len(stripped) % 4))


def _binary_field(fields, plain, hexed, b64):
    """marshal-v2.go jsonBinaryField."""
    values = [fields.get(k) or "" for k in (plain, hexed, b64)]
    if any(not isinstance(v, str) for v in values):
        raise ValueError("json: cannot unmarshal into Go value of type string")
    given = [v for v in values if v]
    if len(given) > 1:
        raise ValueError("ambiguous field encoding")
    if values[0]:
        return values[0].encode()
    if values[1]:
        return bytes.fromhex(values[1])
    return _go_base64(values[2]) if values[2] else b""


def go_unmarshal_error(m):
    """The error gopkg.in/macaroon.v2's Macaroon.UnmarshalJSON returns for a decoded JSON value, or
    None when it reads it as a macaroon (an independent restatement of marshal*.go)."""
    if isinstance(m, str):
        try:
            data = _go_base64(m)
        except (ValueError, binascii.Error) as e:
            return str(e)
        if not data or not (data[0] == 2 or chr(data[0]) in "0123456789abcdefABCDEF"):
            return "cannot determine data format of binary-encoded macaroon"
        return None
    if m is None:
        # Go leaves a nil *Macaroon in the slice, which no check can pass: refused here (a choice).
        return "nil macaroon"
    if not isinstance(m, dict):
        kind = "bool" if isinstance(m, bool) else "number" if isinstance(m, (int, float)) else "array"
        return "json: cannot unmarshal %s into Go value of type macaroon.Macaroon" % kind
    fields = {k.lower(): v for k, v in m.items()}
    v1, v2 = _V1 & set(fields), _V2 & set(fields)
    if v1 and v2:
        return "cannot determine macaroon encoding version"
    if not (v1 or v2):
        return "invalid JSON macaroon encoding"
    steps = ([("cannot decode macaroon signature", lambda: bytes.fromhex(fields.get("signature") or ""))] if v1 else
             [("invalid identifier", lambda: _binary_field(fields, "i", "ih", "i64")),
              ("invalid signature", lambda: _binary_field(fields, "s", "sh", "s64"))])
    for cav in (fields.get("c") or ()) if v2 else ():
        cav = {k.lower(): v for k, v in cav.items()} if isinstance(cav, dict) else {"i": cav}
        steps += [("invalid cid in caveat", lambda c=cav: _binary_field(c, "i", "ih", "i64")),
                  ("invalid vid in caveat", lambda c=cav: _binary_field(c, "v", "vh", "v64"))]
    sig = b""
    for what, step in steps:
        try:
            value = step()
        except (ValueError, TypeError, binascii.Error) as e:
            return "%s: %s" % (what, e)
        sig = value if what in ("cannot decode macaroon signature", "invalid signature") else sig
    if len(sig) != _SIGNATURE_BYTES:
        return "signature has unexpected length %d" % len(sig)
    return None


class DischargeRefused(Exception):
    pass


class InteractionRequired(Exception):
    pass
