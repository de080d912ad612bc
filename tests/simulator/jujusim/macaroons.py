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
import datetime
import hashlib
import secrets

import nacl.public
from macaroonbakery import bakery, checkers

from . import tags

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
        mss = []
        for ms in slices or ():
            try:
                mss.append([bakery.Macaroon.from_dict(m).macaroon for m in ms])
            except Exception:  # noqa: BLE001  pymacaroons raises anything on bad input
                # Documented choice: Go fails to decode the whole request; we ignore the slice,
                # which ends in the same place for a client: a discharge-required answer.
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


class DischargeRefused(Exception):
    pass


class InteractionRequired(Exception):
    pass
