"""`juju register <token>` against the simulator (juju-api.md §8.3), for tests.

The token is decoded here with a DER reader of its own, not the collection's decoder: a test that
registers with a token the collection made then checks the collection's encoder against an
independent reading of the format (§8.1, §8.2).
"""
import base64
import json
import ssl
import urllib.error
import urllib.request

import nacl.secret
import nacl.utils


def _der(data, offset=0):
    """(tag, body, next offset) of one DER element."""
    tag, length = data[offset], data[offset + 1]
    offset += 2
    if length & 0x80:
        size = length & 0x7F
        length = int.from_bytes(data[offset:offset + size], "big")
        offset += size
    return tag, data[offset:offset + length], offset + length


def _der_fields(body):
    fields, offset = [], 0
    while offset < len(body):
        tag, value, offset = _der(body, offset)
        fields.append((tag, value))
    return fields


def decode_token(token):
    """{"user", "addresses", "secret_key" (bytes), "controller"} of a registration string."""
    padded = token + "=" * (-len(token) % 4)  # Go writes it unpadded (§8.2)
    tag, body = _der(base64.urlsafe_b64decode(padded))[:2]
    if tag != 0x30:
        raise ValueError("a registration string is a DER SEQUENCE")
    user, addrs, key, controller, _proxy = _der_fields(body)  # five fields, as Go's decoder wants
    if key[0] != 0x04 or len(key[1]) != 32:
        raise ValueError("the secret key is a 32-byte OCTET STRING")
    return {"user": user[1].decode(), "addresses": [value.decode() for _tag, value in _der_fields(addrs[1])],
            "secret_key": key[1], "controller": controller[1].decode()}


def juju_register(token, password):
    """(HTTP status, reply): on 200 the reply is the decrypted controller details, else Juju's error body."""
    info = decode_token(token)
    box = nacl.secret.SecretBox(info["secret_key"])
    nonce = nacl.utils.random(nacl.secret.SecretBox.NONCE_SIZE)
    sealed = box.encrypt(json.dumps({"password": password}).encode(), nonce).ciphertext
    body = {"user": "user-" + info["user"], "nonce": base64.b64encode(nonce).decode(),
            "ciphertext": base64.b64encode(sealed).decode()}
    # No CA yet: like juju register, trust comes from the secretbox, not from TLS (§8.3 step 5).
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = urllib.request.Request("https://%s/register" % info["addresses"][0], data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as reply:
            answer = json.load(reply)
            status = reply.status
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")
    opened = box.decrypt(base64.b64decode(answer["ciphertext"]), base64.b64decode(answer["nonce"]))
    return status, json.loads(opened)
