"""The local-user discharger on the API port (juju-api.md §15.4; apiserver/stateauthenticator/locallogin.go).

POST /auth/discharge without a token answers "interaction required" naming the juju_userpass
method; POST /auth/form exchanges a user's password for a single-use token; the discharge
asked again with that token returns the discharge macaroon declaring the user. Errors take
go-macaroon-bakery's httpbakery shape ({"Code", "Message", "Info"}, empty fields omitted) and
status (ErrorToResponse): 400 for bad requests, 401 (407 for bakery version 0) when
interaction is required, 500 otherwise. The legacy VisitURL/WaitURL interaction is not served.
"""
import base64

from aiohttp import web
from macaroonbakery import bakery, checkers, httpbakery

from . import tags
from .errors import ApiError
from .facades.admin import password_user
from .macaroons import TOKEN_KIND, DischargeRefused, InteractionRequired

PREFIX = "/auth"


def _error(status, message, code="", info=None, headers=None):
    body = {"Message": message}
    if code:
        body["Code"] = code
    if info:
        body["Info"] = info
    return web.json_response(body, status=status, headers=headers)


def _bakery_version(request):
    try:
        return int(request.headers.get(httpbakery.BAKERY_PROTOCOL_HEADER, "0"))
    except ValueError:
        return 0


class _TokenChecker(bakery.ThirdPartyCaveatChecker):
    """The discharger's caveat check, with the token of this request (if any)."""

    def __init__(self, logins, kind, token):
        self._logins, self._kind, self._token = logins, kind, token

    def check_third_party_caveat(self, ctx, info):
        return self._logins.check_caveat(info.condition, self._kind, self._token)


async def _discharge(server, request):
    form = dict(request.query)
    form.update(await request.post())  # Go reads r.Form: the query and the form body
    token = form.get("token")
    if token is None and form.get("token64"):
        token = bakery.b64decode(form["token64"]).decode("utf-8", "replace")
    if not form.get("id") and not form.get("id64"):
        return _error(400, "no caveat id found in request", "bad request")
    logins = server.local_logins
    try:
        m = httpbakery.discharge(checkers.AuthContext(), form, logins.discharger_key, bakery.ThirdPartyStore(),
                                 _TokenChecker(logins, form.get("token-kind"), token))
    except InteractionRequired:
        version = _bakery_version(request)
        info = {"InteractionMethods": {TOKEN_KIND: {"url": PREFIX + "/form"}}}
        if version == 0:
            return _error(407, "cannot discharge: interaction required", httpbakery.ERR_INTERACTION_REQUIRED, info)
        return _error(401, "cannot discharge: interaction required", httpbakery.ERR_INTERACTION_REQUIRED, info,
                      headers={"WWW-Authenticate": "Macaroon"})
    except (DischargeRefused, bakery.VerificationError, ValueError) as e:
        return _error(500, "cannot discharge: %s" % e)
    return web.json_response({"Macaroon": m.to_dict()})


async def _form(server, request):
    try:
        fields = (await request.json())["form"]
        user_name, password = fields.get("user"), fields.get("password")
        if not isinstance(user_name, str) or not isinstance(password, str):
            raise TypeError("the form needs a user and a password, as strings")
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        # Documented choice: Go's decoder wording is not reproduced (a missing field even panics there).
        return _error(400, "can't unmarshal login request: %s" % e, "bad request")
    user_id = tags.canonical_user(user_name)
    if user_id is None or not tags.is_local(user_id):
        return _error(500, 'non-local username "%s" not valid' % user_name)
    try:
        password_user(server.state, user_id, password)
    except ApiError as e:
        return _error(500, e.message)
    token = server.local_logins.issue_token(user_name)
    return web.json_response({"token": {"kind": TOKEN_KIND, "value": base64.b64encode(token.encode()).decode()}})


async def _public_key(server, request):
    key = server.local_logins.discharger_key.public_key
    return web.json_response({"PublicKey": key.serialize().decode()})


def add_routes(app, server):
    def bound(handler):
        async def serve(request):
            return await handler(server, request)
        return serve

    app.router.add_post(PREFIX + "/discharge", bound(_discharge))
    app.router.add_post(PREFIX + "/form", bound(_form))
    app.router.add_get(PREFIX + "/publickey", bound(_public_key))
