# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Logging in with what `juju login` leaves in the client store: a user and a macaroon cookie, no
password (juju-api.md §15), end to end against the simulator and its jujusim.login helper."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import json

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.module_utils.errors import (
    LoginFailed, SettingsError, StoredLoginExpired)
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve
from ansible_collections.juju.controller.plugins.modules import juju_user, juju_user_access, juju_user_info
from jujusim.login import juju_login

EXPIRED = 'the stored login for controller "sim" (user bob) has expired; run `juju login` or supply a password'
REFUSED = ('the controller refused the stored login for controller "sim" (user bob) although the cookie jar holds it as '
           'unexpired: the controller\'s clock is past its expiry, or it was issued by another controller, or it is '
           'forged or corrupt; run `juju login` or supply a password')


def no_cookie(store):
    uuid = yaml.safe_load((store / "controllers.yaml").read_text())["controllers"]["sim"]["uuid"]
    return ('the stored login for controller "sim" (user bob) cannot be used: the Juju cookie jar %s holds no login '
            'cookie for https://%s/; run `juju login` or supply a password' % (jar(store), uuid))


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in ("JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD",
                 "JUJU_CA_CERT", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def bob_store(simulator, monkeypatch):
    """The simulator's client store after `juju login -u bob`: accounts.yaml holds only `user: bob`."""
    juju_login(simulator.juju_data, "bob", simulator.passwords["bob"])
    monkeypatch.setenv("JUJU_DATA", str(simulator.juju_data))
    accounts = yaml.safe_load((simulator.juju_data / "accounts.yaml").read_text())
    assert accounts["controllers"]["sim"] == {"user": "bob", "last-known-access": "login"}
    return simulator.juju_data


def login(explicit=None):
    with ControllerClient(resolve(explicit or {})) as client:
        return client.current_user, client.user_info(["bob"])[0]["name"]


def jar(store):
    return store / "cookies" / "sim.json"


def rewrite_jar(store, change):
    entries = json.loads(jar(store).read_text())
    for entry in entries:
        change(entry)
    jar(store).write_text(json.dumps(entries))


def test_store_with_only_a_user_and_the_jar_logs_in(bob_store):
    settings = resolve({})
    assert (settings.user, settings.password, len(settings.macaroons)) == ("bob", "", 1)
    assert settings.sources["password"] == 'the macaroons of controller "sim" in %s' % jar(bob_store)
    assert settings.macaroons[0][0]["s64"] not in repr(settings)
    assert login() == ("bob", "bob")


def test_public_hostname_selects_the_cookie(simulator, monkeypatch):
    path = simulator.juju_data / "controllers.yaml"
    path.write_text(path.read_text().replace("uuid: ", "public-hostname: Juju.Example.com:17070\n    uuid: "))
    juju_login(simulator.juju_data, "bob", simulator.passwords["bob"])
    monkeypatch.setenv("JUJU_DATA", str(simulator.juju_data))
    assert json.loads(jar(simulator.juju_data).read_text())[0]["Domain"] == "juju.example.com"
    assert login() == ("bob", "bob")


def test_login_request_carries_tag_and_macaroons():
    sent = []

    class Conn(object):
        def call(self, facade, version, method, params):
            sent.append((facade, version, method, params))
            return {"user-info": {"identity": "user-bob"}}

    settings = resolve({"api_endpoints": ["127.0.0.1:1"], "login_user": "bob", "login_password": "x",
                        "validate_certs": False}, {})
    ControllerClient(settings)._login(Conn(), "bob", "", [[{"s64": "x"}]])
    assert sent == [("Admin", 3, "Login", {
        "auth-tag": "user-bob", "credentials": "", "nonce": "", "macaroons": [[{"s64": "x"}]],
        "bakery-version": 3, "user-data": "", "client-version": "3.6.1"})]


def test_expired_on_the_controller(bob_store, simulator):
    start = datetime.datetime.now(datetime.timezone.utc)
    simulator.server.local_logins.clock = lambda: start + datetime.timedelta(hours=24, seconds=1)
    with pytest.raises(StoredLoginExpired) as info:
        login()
    assert str(info.value) == REFUSED  # the client's clock says the cookie is live


def forge(entry):
    slice_ = json.loads(base64.b64decode(entry["Value"]))
    slice_[0]["s64"] = base64.urlsafe_b64encode(b"\1" * 32).decode().rstrip("=")
    entry["Value"] = base64.b64encode(json.dumps(slice_).encode()).decode()


def expire(entry):
    entry["Expires"] = "2020-01-01T00:00:00.123456789Z"


@pytest.mark.parametrize("change", [expire, lambda entry: entry.update(Value="")])
def test_expired_or_emptied_cookie(bob_store, change):
    rewrite_jar(bob_store, change)
    with pytest.raises(StoredLoginExpired) as info:
        login()
    assert str(info.value) == EXPIRED


def test_forged_cookie_is_refused_not_expired(bob_store):
    rewrite_jar(bob_store, forge)
    with pytest.raises(StoredLoginExpired) as info:
        login()
    assert str(info.value) == REFUSED


def not_a_macaroon(entry):
    entry["Value"] = base64.b64encode(json.dumps([{"s64": "x"}]).encode()).decode()


def test_cookie_that_is_no_macaroon_is_named_not_expired(bob_store):
    rewrite_jar(bob_store, not_a_macaroon)
    name = json.loads(jar(bob_store).read_text())[0]["Name"]
    with pytest.raises(StoredLoginExpired) as info:
        resolve({})
    assert str(info.value) == (
        'the stored login for controller "sim" (user bob) cannot be used: the Juju cookie jar %s holds no macaroon '
        'the Go client can read for https://%s/ (cookie %s is not one; `juju` skips such a cookie too); run '
        '`juju login` or supply a password' % (jar(bob_store), json.loads(jar(bob_store).read_text())[0]["Domain"],
                                               name))


def test_cookie_of_another_controller(bob_store):
    rewrite_jar(bob_store, lambda entry: entry.update(Domain="10c91043-b22b-4e62-8f44-30132106b057",
                                                      CanonicalHost="10c91043-b22b-4e62-8f44-30132106b057"))
    with pytest.raises(StoredLoginExpired) as info:
        resolve({})
    assert str(info.value) == no_cookie(bob_store)


def test_cookie_filed_under_another_canonical_host_is_never_sent(bob_store):
    # persistent-cookiejar files an entry under its CanonicalHost: a matching Domain is not enough.
    rewrite_jar(bob_store, lambda entry: entry.update(CanonicalHost="10c91043-b22b-4e62-8f44-30132106b057"))
    with pytest.raises(StoredLoginExpired) as info:
        resolve({})
    assert str(info.value) == no_cookie(bob_store)


def test_macaroon_of_another_user(bob_store, simulator):
    juju_login(simulator.juju_data, "alice", simulator.passwords["alice"])  # replaces bob's account
    path = bob_store / "accounts.yaml"
    path.write_text(path.read_text().replace("user: alice", "user: bob"))
    entries = json.loads(jar(bob_store).read_text())
    jar(bob_store).write_text(json.dumps(entries[1:]))  # only alice's cookie
    with pytest.raises(StoredLoginExpired) as info:
        login()
    assert str(info.value) == EXPIRED


def test_null_jar(bob_store):
    jar(bob_store).write_text("null\n")
    with pytest.raises(StoredLoginExpired) as info:
        resolve({})
    assert str(info.value) == no_cookie(bob_store)


def test_password_from_the_environment_wins(bob_store, simulator, monkeypatch):
    monkeypatch.setenv("JUJU_PASSWORD", "wrong")
    assert resolve({}).macaroons == []
    with pytest.raises(LoginFailed) as info:
        login()
    assert str(info.value) == 'login to controller "sim" as "bob" failed: invalid entity name or password'
    monkeypatch.setenv("JUJU_PASSWORD", simulator.passwords["bob"])
    assert login() == ("bob", "bob")


def test_jar_is_only_for_the_store_user(bob_store, monkeypatch):
    monkeypatch.setenv("JUJU_USERNAME", "BOB")  # Juju's user names ignore case
    assert len(resolve({}).macaroons) == 1
    # the macaroon declares "bob": the login tag is the account's spelling, not "expired" (issue 14 item 8)
    assert (resolve({}).user, login()) == ("bob", ("bob", "bob"))
    monkeypatch.setenv("JUJU_USERNAME", "alice")
    with pytest.raises(SettingsError) as info:
        resolve({})
    assert str(info.value).startswith("no login password to connect with: ")


def test_disabled_user(bob_store, simulator):
    with ControllerClient(resolve({"login_user": "admin", "login_password": simulator.admin_password})) as admin:
        admin.disable_user("bob")
    with pytest.raises(LoginFailed) as info:
        login()
    assert str(info.value) == 'login to controller "sim" as "bob" failed: user "bob" is disabled'


def run_module(module, capsys, args):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out)


def test_every_module_runs_as_bob_without_a_password(bob_store, simulator, capsys):
    with ControllerClient(resolve({"login_user": "admin", "login_password": simulator.admin_password})) as admin:
        admin.modify_model_access("bob", "grant", "admin", simulator.model_uuid("fred/prod"))
    simulator.reset_counters()
    info = run_module(juju_user_info, capsys, {})
    assert (info["changed"], info["current_user"]["name"], info["current_user"]["access"]) == (False, "bob", "login")
    assert [u["name"] for u in info["users"]] == ["bob"]
    user = run_module(juju_user, capsys, {"name": "bob"})
    assert (user["changed"], user["user"]["name"], user["user"]["enabled"]) == (False, "bob", True)
    access = run_module(juju_user_access, capsys, {"user": "alice", "model": "fred/prod", "access": "write",
                                                   "_ansible_check_mode": True})
    assert (access.get("failed"), access["changed"]) == (None, True)
    assert simulator.counters["writes"] == 0
    value = json.loads(jar(bob_store).read_text())[0]["Value"]
    assert not any(value[:40] in json.dumps(result) for result in (info, user, access))


def test_module_with_an_expired_login_fails_with_one_sentence(bob_store, capsys):
    rewrite_jar(bob_store, expire)
    result = run_module(juju_user_info, capsys, {})
    assert result["failed"] is True
    assert result["msg"] == EXPIRED[0].upper() + EXPIRED[1:] + "."


@pytest.mark.parametrize("user", ["bob", "alice"])
def test_jar_of_an_account_without_a_user_is_offered_to_nobody(bob_store, monkeypatch, user):
    # The jar holds the login of the account's user; when accounts.yaml names none, it is not known
    # whose macaroons they are, so a user given elsewhere gets no password from the store.
    path = bob_store / "accounts.yaml"
    accounts = yaml.safe_load(path.read_text())
    del accounts["controllers"]["sim"]["user"]
    path.write_text(yaml.safe_dump(accounts))
    monkeypatch.setenv("JUJU_USERNAME", user)
    with pytest.raises(SettingsError) as info:
        resolve({})
    assert str(info.value) == (
        "no login password to connect with: looked in the module option login_password, the environment variable "
        'JUJU_PASSWORD and the Juju client store (password of controller "sim" in %s).' % path)


def test_controller_entry_that_is_not_a_mapping_is_refused_before_the_jar_is_read(bob_store):
    # The stored login takes the cookie host from this entry; it is refused while the documents are
    # read, so the stored login only ever meets a mapping.
    path = bob_store / "controllers.yaml"
    controllers = yaml.safe_load(path.read_text())
    controllers["controllers"]["sim"] = ["127.0.0.1:17070"]
    path.write_text(yaml.safe_dump(controllers))
    with pytest.raises(SettingsError) as info:
        resolve({})
    assert str(info.value) == 'the Juju client store file %s is malformed: controller "sim" is not a mapping.' % path
