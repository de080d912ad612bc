"""KeyManager v1 on model connections (juju-api.md §18)."""
import pytest
import yaml

from jujusim import sshkeys
from jujusim.fixture import default_fixture_text
from jujusim.state import State
from jujusim.wire import RawClient

UNAUTH = "unauthorized access"
PD = {"message": "permission denied", "code": UNAUTH}
LAPTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"
LAPTOP_FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"
DESKTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBqUX1ThFHyYZgvFL3f1rbiZ1m1nxnypxwngtgIGsSrX alice@desktop"
GH_ALICE_FP = "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf"
BOB_WORK = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIG2N9j80sbaY1nmljEToRcN55XktyW4TR4LTP2exYzp bob@work"
LP_BOB = BOB_WORK + " # ssh-import-id lp:bob"


def listed(client, full=False, tag="admin"):
    return client.call("KeyManager", "ListKeys", {"entities": {"entities": [{"tag": tag}]}, "mode": full})["results"]


def add(client, *keys, method="AddKeys"):
    return client.call("KeyManager", method, {"user": "admin", "ssh-keys": list(keys)})["results"]


def delete(client, *ids):
    return client.call("KeyManager", "DeleteKeys", {"user": "admin", "ssh-keys": list(ids)})["results"]


def error(message):
    return {"error": {"message": message, "code": ""}}


@pytest.fixture
def keys(connect):
    return connect(model="admin/default")


@pytest.fixture
def model_client(make_simulator, tmp_path):
    """model_client(extra) -> admin logged in to admin/default of a simulator whose fixture is the
    default one updated with extra."""
    clients = []

    def make(extra):
        data = yaml.safe_load(default_fixture_text())
        data.update(extra)
        path = tmp_path / "fixture.yaml"
        path.write_text(yaml.safe_dump(data))
        sim = make_simulator(fixture=path)
        client = RawClient(sim, "/model/%s/api" % sim.model_uuid("admin/default"))
        clients.append(client)
        client.login("admin", sim.admin_password)
        return client

    yield make
    for client in clients:
        client.close()


def test_fingerprint_is_md5_of_the_blob_without_prefix():
    assert sshkeys.fingerprint(LAPTOP) == (LAPTOP_FP, "alice@laptop")
    assert sshkeys.fingerprint("ssh-ed25519 " + LAPTOP.split()[1]) == (LAPTOP_FP, "")
    assert sshkeys.fingerprint(LAPTOP + "  two words ") == (LAPTOP_FP, "alice@laptop  two words")


@pytest.mark.parametrize("line", ["junk", "ssh-ed25519", "ssh-ed25519 !!!! x", "ssh-rsa " + LAPTOP.split()[1],
                                  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAAA== x", LAPTOP + "\n" + DESKTOP])
def test_invalid_lines(line):
    with pytest.raises(sshkeys.InvalidKey):
        sshkeys.fingerprint(line)


def test_add_list_and_hidden_system_key(keys, simulator):
    assert listed(keys) == [{}]  # the IAAS model's juju-system-key is never shown
    assert add(keys, LAPTOP, DESKTOP) == [{}, {}]
    assert listed(keys) == [{"result": [LAPTOP_FP + " (alice@laptop)", sshkeys.fingerprint(DESKTOP)[0]
                                        + " (alice@desktop)"]}]
    assert listed(keys, full=True) == [{"result": [LAPTOP, DESKTOP]}]
    stored = simulator.state.models[simulator.model_uuid("admin/default")].authorized_keys.split("\n")
    assert stored[0].endswith(" juju-system-key") and stored[1:] == [LAPTOP, DESKTOP]


def test_keys_are_per_model(connect):
    add(connect(model="admin/default"), LAPTOP)
    assert listed(connect(model="admin/test-model")) == [{}]


def test_list_shapes(keys):
    assert keys.call("KeyManager", "ListKeys", {"entities": {"entities": []}, "mode": False}) == {"results": None}
    add(keys, "ssh-ed25519 " + LAPTOP.split()[1])
    assert listed(keys) == [{"result": [LAPTOP_FP]}]  # no comment: the bare fingerprint
    two = keys.call("KeyManager", "ListKeys", {"entities": {"entities": [{"tag": "admin"}, {"tag": "model-x"}]},
                                               "mode": False})["results"]
    assert two == [{"result": [LAPTOP_FP]}] * 2  # one identical result per entity, tags not parsed
    assert listed(keys, tag="juju-system-key") == [{"error": PD}]


def test_add_errors_per_key(keys):
    client_key = sshkeys.ed25519_line("c", "juju-client-key")
    relabelled = LAPTOP.rsplit(" ", 1)[0] + " other-comment"
    assert add(keys, LAPTOP, "junk", client_key, relabelled, LAPTOP + "\n" + DESKTOP) == [
        {}, error("invalid ssh key: junk"),
        error("may not add key with comment juju-client-key: " + client_key),
        error("duplicate ssh key: " + relabelled),  # the fingerprint decides, not the comment
        error("invalid ssh key: " + LAPTOP + "\n" + DESKTOP)]
    assert add(keys, LAPTOP) == [error("duplicate ssh key: " + LAPTOP)]
    assert listed(keys, full=True) == [{"result": [LAPTOP]}]
    assert keys.call("KeyManager", "AddKeys", {"user": "admin", "ssh-keys": []}) == {"results": None}


def test_import_from_fixture_ids(keys):
    assert add(keys, "gh:alice", method="ImportKeys") == [{}]  # the ecdsa line is skipped
    assert listed(keys) == [{"result": [GH_ALICE_FP + " (alice@github/7 # ssh-import-id gh:alice)"]}]
    assert add(keys, "gh:alice", "gh:nobody", "lp:bob", method="ImportKeys") == [
        error("duplicate ssh key: " + listed(keys, full=True)[0]["result"][0]),
        error("exit status 1"), {}]
    assert listed(keys, full=True)[0]["result"][1] == LP_BOB


def test_import_errors(model_client):
    c = model_client({"ssh-import-ids": {"lp:ecdsa": "ecdsa-sha2-nistp256 AAAA x\n", "gh:bad": "ssh-rsa nope x\n",
                                         "gh:twice": LAPTOP + "\n" + LAPTOP}})
    assert add(c, "lp:ecdsa", "gh:bad", "gh:twice", method="ImportKeys") == [
        error("invalid ssh key id: lp:ecdsa"),
        error('invalid ssh key for gh:bad: generating key fingerprint: invalid authorized_key "ssh-rsa nope x"'),
        {}]
    assert listed(c, full=True) == [{"result": [LAPTOP, LAPTOP]}]  # imported keys skip the duplicate set


def test_delete_by_fingerprint_comment_and_not_found(keys):
    add(keys, LAPTOP, DESKTOP, BOB_WORK)
    assert delete(keys, LAPTOP_FP, "alice@desktop", "MD5:" + LAPTOP_FP, "ghost") == [
        {}, {}, error("key not found: MD5:" + LAPTOP_FP), error("key not found: ghost")]
    assert listed(keys, full=True) == [{"result": [BOB_WORK]}]
    assert delete(keys, "bob@work") == [{}]  # every visible key may go: the system key stays
    assert listed(keys) == [{}]
    assert delete(keys, "juju-system-key") == [error("may not delete internal key: juju-system-key")]
    assert keys.call("KeyManager", "DeleteKeys", {"user": "admin", "ssh-keys": []}) == {"results": None}


def test_shared_comment_deletes_only_the_last(keys):
    other = DESKTOP.rsplit(" ", 1)[0] + " alice@laptop"
    add(keys, LAPTOP, other)
    assert delete(keys, "alice@laptop") == [{}]
    assert listed(keys, full=True) == [{"result": [LAPTOP]}]


def test_last_key_guard_and_system_key_by_fingerprint(keys, simulator):
    system_fp = sshkeys.fingerprint(simulator.state.models[simulator.model_uuid("admin/default")]
                                    .authorized_keys.split("\n")[0])[0]
    add(keys, LAPTOP)
    e = keys.error("KeyManager", "DeleteKeys", {"user": "admin", "ssh-keys": [LAPTOP_FP, system_fp]})
    assert (e.message, e.code) == ("cannot delete all keys", "")
    assert listed(keys, full=True) == [{"result": [LAPTOP]}]  # nothing written
    assert delete(keys, system_fp) == [{}]  # by fingerprint an internal key is deleted
    assert "juju-system-key" not in simulator.state.models[simulator.model_uuid("admin/default")].authorized_keys


def test_unparseable_stored_line_is_shown_and_deleted_verbatim(keys, simulator):
    model = simulator.state.models[simulator.model_uuid("admin/default")]
    simulator.run_in_loop(setattr, model, "authorized_keys", model.authorized_keys + "\nnot a key\n# comment")
    assert listed(keys) == [{"result": ["Invalid key: not a key"]}]
    assert delete(keys, "not a key") == [{}]
    assert listed(keys) == [{}]


@pytest.mark.parametrize("method", ["AddKeys", "ImportKeys", "DeleteKeys"])
def test_writers_need_model_admin(connect, simulator, method):
    connect().call("ModelManager", "ModifyModelAccess", {"changes": [{
        "user-tag": "user-bob", "action": "grant", "access": "write",
        "model-tag": "model-" + simulator.model_uuid("admin/default")}]})
    bob = connect("bob", model="admin/default")
    e = bob.error("KeyManager", method, {"user": "bob", "ssh-keys": [LAPTOP]})
    assert (e.message, e.code) == ("permission denied", UNAUTH)
    assert listed(bob) == [{}]  # write reads
    e = connect(model="admin/default").error("KeyManager", method, {"user": "juju-system-key", "ssh-keys": [LAPTOP]})
    assert (e.message, e.code) == ("permission denied", UNAUTH)


def test_model_owner_writes_and_user_is_ignored(connect):
    fred = connect("fred", model="fred/prod")
    assert add(fred, LAPTOP) == [{}]
    assert listed(connect(model="fred/prod"), tag="somebody-else") == [{"result": [LAPTOP_FP + " (alice@laptop)"]}]


def test_caas_model_hits_the_last_key_guard(model_client):
    c = model_client({"models": [{"name": "default", "type": "caas", "ssh-keys": [LAPTOP]}], "offers": []})
    assert listed(c, full=True) == [{"result": [LAPTOP]}]  # no juju-system-key on CAAS models
    e = c.error("KeyManager", "DeleteKeys", {"user": "admin", "ssh-keys": [LAPTOP_FP]})
    assert (e.message, e.code) == ("cannot delete all keys", "")


def test_not_on_controller_connections(connect):
    e = connect().error("KeyManager", "ListKeys", {"entities": {"entities": [{"tag": "admin"}]}, "mode": False})
    assert (e.message, e.code) == ('facade "KeyManager" not supported for controller API connection',
                                   "not supported")


def test_writes_are_counted(keys, simulator):
    simulator.reset_counters()
    add(keys, LAPTOP)
    listed(keys)
    assert (simulator.counters["writes"], simulator.counters["reads"]) == (1, 1)
    assert simulator.counters["calls"] == {("KeyManager", "AddKeys"): 1, ("KeyManager", "ListKeys"): 1}


def test_keys_and_import_ids_survive_a_restart(keys, simulator):
    add(keys, LAPTOP)
    again = State.from_json(simulator.state.to_json())
    uuid = simulator.model_uuid("admin/default")
    assert again.models[uuid].authorized_keys == simulator.state.models[uuid].authorized_keys
    assert again.models[uuid].authorized_keys.endswith("\n" + LAPTOP)
    assert again.ssh_import_ids == simulator.state.ssh_import_ids and "gh:alice" in again.ssh_import_ids
