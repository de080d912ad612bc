"""POST /register (juju-api.md §8.3): NaCl secretbox exchange completes a registration."""
import base64
import json
import ssl
import urllib.error
import urllib.request

import nacl.secret
import nacl.utils


def post(sim, body):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # `juju register` has no CA yet: trust comes from the box
    req = urllib.request.Request("https://127.0.0.1:%d/register" % sim.port, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, context=ctx, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def seal(key, payload, nonce=None):
    nonce = nonce or nacl.utils.random(24)
    ct = nacl.secret.SecretBox(key).encrypt(json.dumps(payload).encode(), nonce).ciphertext
    return base64.b64encode(nonce).decode(), base64.b64encode(ct).decode()


def new_user(connect, name="reggie"):
    r = connect().call("UserManager", "AddUser", {"users": [{"username": name, "display-name": ""}]})
    return base64.b64decode(r["results"][0]["secret-key"])


def test_register_sets_password_and_proves_key(connect, simulator):
    key = new_user(connect)
    nonce, ct = seal(key, {"password": "s3cret"})
    status, body = post(simulator, {"user": "user-reggie", "nonce": nonce, "ciphertext": ct})
    assert status == 200
    reply_nonce = base64.b64decode(body["nonce"])
    assert len(reply_nonce) == 24
    plain = json.loads(nacl.secret.SecretBox(key).decrypt(base64.b64decode(body["ciphertext"]), reply_nonce))
    assert plain == {"ca-cert": simulator.ca_cert, "controller-uuid": simulator.controller_uuid}
    connect("reggie", "s3cret")
    # single use: the secret key is gone
    nonce, ct = seal(key, {"password": "again"})
    status, body = post(simulator, {"user": "user-reggie", "nonce": nonce, "ciphertext": ct})
    assert (status, body) == (404, {"error": {"message": 'secret key for user "reggie" not found',
                                              "code": "not found"}})


def test_register_errors(connect, simulator):
    key = new_user(connect)
    nonce, ct = seal(key, {"password": "pw"})
    assert post(simulator, {"user": "user-reggie", "nonce": base64.b64encode(b"short").decode(),
                            "ciphertext": ct}) == (400, {"error": {"message": "nonce not valid", "code": "not valid"}})
    dummy, wrong = seal(nacl.utils.random(32), {"password": "pw"})
    assert post(simulator, {"user": "user-reggie", "nonce": nonce, "ciphertext": wrong}) == (
        400, {"error": {"message": "secret key not valid", "code": "not valid"}})
    assert post(simulator, {"user": "user-fred", "nonce": nonce, "ciphertext": ct})[0] == 404  # has a password
    # juju/juju apiserver/registration_test.go TestRegisterInvalidRequestPayload: a payload that opens
    # but is not an object -> "cannot unmarshal payload: ...", code "", HTTP 500; the key survives.
    nonce, ct = seal(key, [])
    assert post(simulator, {"user": "user-reggie", "nonce": nonce, "ciphertext": ct}) == (500, {"error": {
        "message": "cannot unmarshal payload: json: cannot unmarshal array into Go value of type "
                   "params.SecretKeyLoginRequestPayload", "code": ""}})


def test_set_password_invalidates_token(connect, simulator):
    key = new_user(connect)
    connect().call("UserManager", "SetPassword", {"changes": [{"tag": "user-reggie", "password": "pw"}]})
    nonce, ct = seal(key, {"password": "other"})
    assert post(simulator, {"user": "user-reggie", "nonce": nonce, "ciphertext": ct})[0] == 404
