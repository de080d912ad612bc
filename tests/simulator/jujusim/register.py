"""POST /register (juju-api.md §8.3): finish `juju register` with the NaCl secretbox.

The client proves it holds the user's 32-byte secret key by sealing its new
password with it; we answer with the CA and controller UUID sealed with the same
key, which proves to the client that we know the key too.
"""
import base64
import binascii
import json
import secrets

import nacl.exceptions
import nacl.secret
from aiohttp import web

from . import tags
from .errors import ApiError, NOT_FOUND, NOT_VALID, UNAUTHORIZED, BAD_REQUEST

STATUS = {NOT_FOUND: 404, UNAUTHORIZED: 401, NOT_VALID: 400, BAD_REQUEST: 400}


def _b64(value):
    try:
        return base64.b64decode(value or "", validate=True)
    except (binascii.Error, ValueError):
        raise ApiError("invalid base64", BAD_REQUEST)


def _json_kind(value):
    """The JSON type name Go's encoding/json uses in UnmarshalTypeError."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    return "number"


def complete_registration(state, body):
    """Validate a SecretKeyLoginRequest, set the password, return the sealed reply."""
    user_id = tags.parse_user_tag(body.get("user"))
    nonce = _b64(body.get("nonce"))
    if len(nonce) != nacl.secret.SecretBox.NONCE_SIZE:
        raise ApiError("nonce not valid", NOT_VALID)
    user = state.user(user_id) if tags.is_local(user_id) else None
    key = base64.b64decode(user.secret_key) if user is not None and user.secret_key else b""
    if len(key) != nacl.secret.SecretBox.KEY_SIZE:
        raise ApiError('secret key for user "%s" not found' % user_id, NOT_FOUND)
    box = nacl.secret.SecretBox(key)
    try:
        plaintext = box.decrypt(_b64(body.get("ciphertext")), nonce)
    except nacl.exceptions.CryptoError:
        raise ApiError("secret key not valid", NOT_VALID)
    # A payload that opens but is not a JSON object is a plain (code "", HTTP 500) error
    # (juju/juju apiserver/registration_test.go TestRegisterInvalidRequestPayload, payload "[]").
    try:
        payload = json.loads(plaintext)
    except ValueError as e:
        # Documented choice: Go's decoder wording for malformed JSON is not reproduced.
        raise ApiError("cannot unmarshal payload: %s" % e)
    if not isinstance(payload, dict):
        raise ApiError("cannot unmarshal payload: json: cannot unmarshal %s into Go value of type "
                       "params.SecretKeyLoginRequestPayload" % _json_kind(payload))
    password = payload.get("password")
    if not isinstance(password, str) or not password:
        # Documented choice (no source read): refuse an empty password like SetPassword does;
        # `juju register` never sends one (it prompts until non-empty).
        raise ApiError("cannot use an empty password")
    user.set_password(password)  # clears the secret key: the token is single-use
    reply_nonce = secrets.token_bytes(nacl.secret.SecretBox.NONCE_SIZE)
    reply = json.dumps({"ca-cert": state.ca_cert, "controller-uuid": state.controller_uuid}).encode()
    sealed = box.encrypt(reply, reply_nonce).ciphertext
    return {"nonce": base64.b64encode(reply_nonce).decode(), "ciphertext": base64.b64encode(sealed).decode()}


async def register_handler(server, request):
    try:
        try:
            body = await request.json()
        except ValueError:
            raise ApiError("cannot unmarshal request body", BAD_REQUEST)
        if not isinstance(body, dict):
            raise ApiError("cannot unmarshal request body", BAD_REQUEST)
        reply = complete_registration(server.state, body)
    except ApiError as e:
        return web.json_response({"error": e.to_dict()}, status=STATUS.get(e.code, 500))
    server.on_change()
    return web.json_response(reply)
