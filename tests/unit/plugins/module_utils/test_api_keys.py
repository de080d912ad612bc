# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ModelClient: model connections (juju-api.md §1.1, §18.1) and KeyManager v1 (§18.3) against the simulator;
KeyManager's per-key errors classified once (errors.py)."""
import pytest
from jujusim import rpc
from jujusim.facades import keymanager
from jujusim.login import juju_login

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import Key

LAPTOP = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFH25YzCvwj3t7i5vf+E7gxWzKwUwxFgNGMcJNaUAmQl alice@laptop"
FP = "5f:a0:bf:ea:15:05:6f:e7:d5:71:4b:3b:a1:70:98:9d"
GH_FP = "f8:a7:67:c2:bb:c9:40:28:29:fd:6e:03:bf:43:8c:cf"


@pytest.fixture
def default(admin):
    return admin.model(admin.resolve_model("admin/default"))


def test_add_list_delete(default):
    assert default.list_keys() == []  # the IAAS model's juju-system-key is hidden by Juju
    default.add_key(LAPTOP, FP)
    assert default.list_keys() == [Key(FP, "alice@laptop", LAPTOP)]
    default.delete_key(FP, FP)
    assert default.list_keys() == []


def test_one_connection_per_model_reused_and_closed(simulator, admin):
    simulator.reset_counters()
    model = admin.resolve_model("admin/default")
    assert admin.model(model) is admin.model(dict(model))
    keys = admin.model(model)
    keys.list_keys()
    keys.list_keys()
    admin.model(admin.resolve_model("admin/test-model")).list_keys()
    assert simulator.counters["calls"][("Admin", "Login")] == 2  # one per model touched
    trips = admin.round_trips
    admin.close()
    assert admin.round_trips == trips  # the model connections' requests are still counted
    assert keys.round_trips == 0


def test_per_key_errors_are_classified(default):
    default.add_key(LAPTOP, FP)
    with pytest.raises(errors.AlreadyExists) as info:
        default.add_key(LAPTOP, FP)
    assert str(info.value) == 'cannot add SSH key %s to model "admin/default": duplicate ssh key: %s' % (FP, LAPTOP)
    with pytest.raises(errors.NotValid) as info:
        default.add_key("junk", "junk")
    assert str(info.value) == 'cannot add SSH key junk to model "admin/default": invalid ssh key: junk'
    with pytest.raises(errors.NotFound) as info:
        default.delete_key("00:11", "00:11")
    assert str(info.value) == 'cannot delete SSH key 00:11 from model "admin/default": key not found: 00:11'
    assert errors.lost_race(info.value, "delete")
    with pytest.raises(errors.ImportFailed) as info:
        default.import_keys("gh:nobody")
    assert str(info.value) == 'cannot import the SSH keys of "gh:nobody" into model "admin/default": exit status 1'
    default.import_keys("gh:alice")
    assert [k.fingerprint for k in default.list_keys()] == [FP, GH_FP]


def test_a_plain_user_is_refused_by_juju(simulator, client_for):
    with client_for(simulator, "admin") as admin:
        uuid = admin.resolve_model("admin/default")["uuid"]
        admin.modify_model_access("bob", "grant", "write", uuid)
    with client_for(simulator, "bob") as bob:
        keys = bob.model(bob.resolve_model("admin/default"))
        assert keys.list_keys() == []
        with pytest.raises(errors.Unauthorized) as info:
            keys.add_key(LAPTOP, FP)
    assert str(info.value) == 'cannot add SSH key %s to model "admin/default": permission denied' % FP


def test_a_model_without_keymanager_is_not_supported(simulator, admin, monkeypatch):
    real = rpc.facade_versions
    monkeypatch.setattr(rpc, "facade_versions",
                        lambda model: [f for f in real(model) if f["name"] != "KeyManager"])
    with pytest.raises(errors.NotSupported) as info:
        admin.model(admin.resolve_model("admin/default")).list_keys()
    assert str(info.value) == ('model "admin/default" on controller "sim" does not offer KeyManager version 1, which '
                               'this client speaks; use a Juju 3.x controller.')


@pytest.mark.parametrize("message, cls", [
    ("invalid ssh key: junk", errors.NotValid),
    ("may not add key with comment juju-client-key: ssh-rsa AAAA juju-client-key", errors.NotValid),
    ("may not delete internal key: juju-system-key", errors.NotValid),
    ("cannot delete all keys", errors.NotValid),
    ("invalid ssh key id: gh:alice", errors.NotValid),
    ('invalid ssh key for gh:bad: generating key fingerprint: invalid authorized_key "x"', errors.NotValid),
    ("duplicate ssh key: ssh-rsa AAAA a", errors.AlreadyExists),
    ("duplicate ssh key: ssh-rsa AAAA a\nduplicate ssh key: ssh-rsa BBBB b", errors.AlreadyExists),
    ("duplicate ssh key: ssh-rsa AAAA a\ninvalid ssh key for gh:x: generating key fingerprint: y", errors.NotValid),
    ("exit status 1", errors.ImportFailed),
    ('exec: "ssh-import-id": executable file not found in $PATH', errors.ImportFailed),
    ("key not found: 00:11", errors.NotFound),
    ("duplicate ssh key: ssh-rsa AAAA comment says permission denied", errors.AlreadyExists),
    ("invalid ssh key: ssh-rsa AAAA user already has", errors.NotValid),
])
def test_keymanager_texts(message, cls):
    assert errors.classify(message, "").__class__ is cls  # exactly: NoAccess is a NotFound too


def test_a_stored_juju_login_opens_model_connections_too(simulator, monkeypatch, tmp_path):
    """`juju login -u fred` leaves no password, only a macaroon: the model login presents it as well (§15.3)."""
    for name in ("JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD", "JUJU_CA_CERT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    juju_login(simulator.juju_data, "fred", simulator.passwords["fred"])
    monkeypatch.setenv("JUJU_DATA", str(simulator.juju_data))
    settings = resolve({})
    assert (settings.user, settings.password) == ("fred", "")
    with ControllerClient(settings) as fred:
        keys = fred.model(fred.resolve_model("prod"))
        keys.add_key(LAPTOP, FP)
        assert [k.fingerprint for k in keys.list_keys()] == [FP]


def test_a_wrong_number_of_results_is_an_error(default, monkeypatch):
    monkeypatch.setitem(keymanager.METHODS, "ListKeys", lambda ctx, params: {"results": [{}, {}]})
    with pytest.raises(errors.JujuError) as info:
        default.list_keys()
    assert str(info.value) == ('cannot list the SSH keys of model "admin/default": model "admin/default" answered 2 '
                               'results to KeyManager.ListKeys for 1 entities.')
