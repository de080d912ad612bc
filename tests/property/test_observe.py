"""The state machine's own instruments (observe.py, jujumodel.py): a check that cannot see is no check."""
import base64
import re

import jujumodel
import observe

KEY = bytes(range(32))


def token(key=KEY):
    """A registration string as Juju prints it: base64url, unpadded, of DER around the 32-byte secret key."""
    der = b"\x30\x45\x13\x03bob\x30\x11\x13\x0f127.0.0.1:17070\x04\x20" + key + b"\x13\x03sim"
    return base64.urlsafe_b64encode(der).decode().rstrip("=")


def test_leaks_finds_a_registration_string_anywhere_in_a_result():
    result = {"msg": "failed", "results": [{"name": "bob", "note": "use %s to register" % token()}]}
    assert observe.leaks(result, [], {KEY}) == ["registration string %s..." % token()[:12]]


def test_leaks_ignores_a_token_of_another_key_and_finds_passwords():
    assert observe.leaks({"msg": token(bytes(32))}, [], {KEY}) == []
    assert observe.leaks(["x", {"pw": "said S3cret-1 here"}], ["S3cret-1", ""], set()) == ["password 'S3cret-1'"]


def snap(users=None, grants=None):
    return {"users": users or {}, "grants": grants or {observe.CONTROLLER: {}}}


def test_changes_and_changed_users():
    before = snap({"bob": {"disabled": False}}, {observe.CONTROLLER: {"bob": "login"}, ("model", "a/m"): {}})
    after = snap({"bob": {"disabled": False}, "dan": {"disabled": True}},
                 {observe.CONTROLLER: {"bob": "superuser"}, ("model", "a/m"): {"carol": "read"}})
    assert observe.changes(before, after) == [
        ("user", "dan", None, {"disabled": True}),
        (("controller", None), "bob", "login", "superuser"),
        (("model", "a/m"), "carol", None, "read"),
    ]
    assert observe.changed_users(before, after) == {"bob", "carol", "dan"}
    assert observe.level(after, "model", "a/m", "carol") == "read"
    assert observe.level(after, "model", "b/m", "carol") is None


def test_user_names_as_juju_compares_them():
    assert [jujumodel.user_key(n) for n in ("Bob", "BOB@local", "Dan@External")] == ["bob", "bob", "dan@external"]
    assert [jujumodel.is_external(n) for n in ("bob@local", "everyone@external")] == [False, True]


def test_targets_named_twice_through_an_alias():
    entry = {"name": "bob", "models": {"admin/default": "read", "default": "write", "fred/prod": "read"},
             "offers": {"fred/prod.db": "read", "FRED/prod.db": "consume"}, "clouds": {"lxd": "admin"}}
    assert jujumodel.aliased_targets(entry, "Admin") == [("model", "admin/default"), ("offer", "fred/prod.db")]
    assert jujumodel.aliased_targets(entry, "fred") == [("offer", "fred/prod.db")]


def test_what_a_users_entry_promises():
    entry = {"name": "Bob", "enabled": True, "controller_access": "superuser", "models": {"default": "absent"},
             "offers": {"fred/prod.db": "consume"}}
    assert jujumodel.promised_users_entry(entry, "admin") == {
        ("user", "bob"): {"enabled": True},
        ("grant", "controller", None, "bob"): "superuser",
        ("grant", "model", "admin/default", "bob"): None,
        ("grant", "offer", "fred/prod.db", "bob"): "consume",
    }
    assert ("grant", "controller", None, "bob") not in jujumodel.promised_users_entry(
        dict(entry, enabled=None), "admin", stays_disabled=True)
    assert jujumodel.promised_users_entry({"name": "bob", "state": "absent", "models": {"x": "read"}}, "admin") == {
        ("user", "bob"): None}


def test_a_model_given_by_uuid_is_its_model_whoever_logs_in():
    assert jujumodel.target_key("model", "uuid:fred/prod", "admin") == ("model", "fred/prod")
    assert jujumodel.aliased_targets({"name": "bob", "models": {"uuid:admin/default": "read", "default": "write"}},
                                     "admin") == [("model", "admin/default")]


def test_what_juju_access_promises():
    assert jujumodel.promised_holders("offer", {"Bob": "read", "dan@External": None, "carol@local": "none"}) == {
        "bob": "read", "dan@external": None, "carol": None}


def test_holders_and_keys_of_the_simulator_state(tmp_path):
    from jujusim import Simulator, sshkeys
    fixture = tmp_path / "fixture.yaml"
    fixture.write_text("users: [{name: admin, access: superuser}, {name: bob}]\n"
                       "models: [{name: default, owner: admin, users: {bob: read},\n"
                       "          ssh-keys: ['%s', 'not a key']}]\n" % sshkeys.ed25519_line("k", "bob@laptop"))
    sim = Simulator(tmp_path / "juju", fixture=fixture).start()
    try:
        snapshot, uuids = observe.snapshot(sim), observe.model_uuids(sim)
    finally:
        sim.stop()
    assert observe.holders(snapshot, "model", "admin/default") == {"admin": "admin", "bob": "read"}
    assert snapshot["keys"]["admin/default"] == [sshkeys.fingerprint(sshkeys.ed25519_line("k", "bob@laptop")),
                                                 (None, "not a key")]  # Juju's own key left out
    assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", uuids["admin/default"])
    assert uuids["admin/default"] not in (uuids.get("admin/controller"), None)
