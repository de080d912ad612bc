# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The exact sentences of settings.resolve for inputs the other settings tests do not reach."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import yaml

from ansible_collections.juju.controller.plugins.module_utils import settings
from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

BASE = {"api_endpoints": ["h:1"], "login_user": "u1", "login_password": "p"}


@pytest.fixture
def env(tmp_path):
    # A home with nothing in it: no test may read the real ~/.local/share/juju.
    return {"HOME": str(tmp_path / "home")}


def test_ca_cert_file_that_is_not_text(tmp_path, env):
    # The file exists, so it is the path form; reading it as text fails, and the sentence says why.
    path = tmp_path / "ca.pem"
    path.write_bytes(b"-----BEGIN CERT\xff\xfe")
    with pytest.raises(UnicodeDecodeError) as decoding:  # in the locale's encoding, as the module reads it
        with open(str(path)) as handle:
            handle.read()
    reason = str(decoding.value)
    with pytest.raises(SettingsError) as info:
        resolve(dict(BASE, ca_cert=str(path)), env)
    assert str(info.value) == "cannot read the CA certificate file %s from option ca_cert: %s." % (path, reason)


def test_names_outside_ascii_are_shown_as_written(tmp_path, env):
    # Sentences quote names with JSON escaping for quotes and control characters only: "é" stays "é",
    # not "\\u00e9", so the name reads as it was typed.
    store = tmp_path / "juju"
    store.mkdir()
    (store / "controllers.yaml").write_text(yaml.safe_dump({"controllers": {"prod-\u00e9": {}, "sim": {}}}))
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({"controller": "caf\u00e9\t\"x\""}, env)
    assert str(info.value) == ('controller "caf\u00e9\\t\\"x\\"" (from option controller) is not in %s; '
                               'known controllers: prod-\u00e9, sim.' % (store / "controllers.yaml"))


def write_store(store, controller, account):
    store.mkdir()
    (store / "controllers.yaml").write_text(yaml.safe_dump({"current-controller": "sim", "controllers": {"sim": controller}}))
    (store / "accounts.yaml").write_text(yaml.safe_dump({"controllers": {"sim": account}}))
    return store


def test_two_missing_pieces_from_two_store_files(tmp_path, env):
    # Two pieces: plural "options" and "variables"; one note per store file, joined by "; ".
    store = write_store(tmp_path / "juju", {"uuid": "u1"}, {"user": "admin"})
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == (
        "no API endpoints and login password to connect with: looked in the module options api_endpoints and "
        "login_password, the environment variables JUJU_CONTROLLER_ADDRESSES and JUJU_PASSWORD and the Juju client "
        'store (api-endpoints of controller "sim" in %s/controllers.yaml; password of controller "sim" in '
        "%s/accounts.yaml)." % (store, store))


@pytest.mark.parametrize("login_user,stored_user", [("bob_1", "admin"), ("admin", "ad_min")])
def test_stored_password_is_not_offered_when_a_user_name_is_not_valid(tmp_path, env, login_user, stored_user):
    # Whether the two names are one user cannot be told when either is not a Juju user name, so the
    # stored password stays the stored user's; the name itself is refused when logging in.
    store = write_store(tmp_path / "juju", {"uuid": "u1", "api-endpoints": ["h:1"]}, {"user": stored_user, "password": "s3cret"})
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({"login_user": login_user, "validate_certs": False}, env)
    assert str(info.value) == (
        "no login password to connect with: looked in the module option login_password, the environment variable "
        'JUJU_PASSWORD and the Juju client store (%s/accounts.yaml holds the login of user "%s", not of user "%s" '
        "from option login_user)." % (store, stored_user, login_user))


def test_store_without_a_current_controller(tmp_path, env):
    store = tmp_path / "juju"
    store.mkdir()
    (store / "controllers.yaml").write_text(yaml.safe_dump({"controllers": {"sim": {"uuid": "u1"}}}))
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == (
        "no API endpoints, login user and login password to connect with: looked in the module options "
        "api_endpoints, login_user and login_password, the environment variables JUJU_CONTROLLER_ADDRESSES, "
        "JUJU_USERNAME and JUJU_PASSWORD and the Juju client store (%s/controllers.yaml, which has no "
        "current-controller (set option controller or JUJU_CONTROLLER))." % store)


def test_current_controller_that_is_not_in_an_empty_store(tmp_path, env):
    # Left behind by `juju unregister` of the last controller: the sentence says where the name came from.
    store = tmp_path / "juju"
    store.mkdir()
    (store / "controllers.yaml").write_text(yaml.safe_dump({"current-controller": "gone", "controllers": {}}))
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    path = store / "controllers.yaml"
    assert str(info.value) == (
        'controller "gone" (from current-controller in %s) is not in %s; known controllers: none.' % (path, path))


def test_store_without_the_yaml_library(tmp_path, env, monkeypatch):
    # Only the store needs PyYAML: the sentence says which file it was about to read.
    store = write_store(tmp_path / "juju", {"uuid": "u1"}, {"user": "admin"})
    monkeypatch.setattr(settings, "yaml", None)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == ("reading the Juju client store (%s/controllers.yaml) needs the Python library PyYAML, "
                               "which is not installed." % store)


def test_store_file_that_cannot_be_read(tmp_path, env):
    # A directory where controllers.yaml should be: it exists, and open() fails even as root.
    store = tmp_path / "juju"
    (store / "controllers.yaml").mkdir(parents=True)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    path = store / "controllers.yaml"
    assert str(info.value) == "cannot read the Juju client store file %s: [Errno 21] Is a directory: '%s'." % (path, path)


@pytest.mark.parametrize("text", ["", "# nothing yet\n"])
def test_empty_store_file_is_an_empty_mapping(tmp_path, env, text):
    # An empty accounts.yaml (YAML null) holds no account, as in Juju; it is not malformed.
    store = write_store(tmp_path / "juju", {"uuid": "u1", "api-endpoints": ["h:1"]}, {})
    (store / "accounts.yaml").write_text(text)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({"validate_certs": False}, env)
    assert str(info.value) == (
        "no login user and login password to connect with: looked in the module options login_user and "
        "login_password, the environment variables JUJU_USERNAME and JUJU_PASSWORD and the Juju client store "
        '(user and password of controller "sim" in %s/accounts.yaml).' % store)


@pytest.mark.parametrize("document", [["sim"], {"controllers": ["sim"]}, "sim"])
def test_store_file_without_a_controllers_mapping(tmp_path, env, document):
    store = tmp_path / "juju"
    store.mkdir()
    (store / "controllers.yaml").write_text(yaml.safe_dump(document))
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == ("the Juju client store file %s/controllers.yaml is malformed: it has no controllers "
                               "mapping." % store)


@pytest.mark.parametrize("explicit,environ,where,reason", [
    ({"juju_data": "~/lab"}, {}, "home/lab", "option juju_data"),
    ({}, {"JUJU_DATA": "{tmp}/data"}, "data", "JUJU_DATA"),
    ({}, {"XDG_DATA_HOME": "{tmp}/xdg"}, "xdg/juju", "XDG_DATA_HOME"),
    ({}, {"HOME": "{tmp}/home"}, "home/.local/share/juju", "the default location"),
    # No HOME in the environment given: the process's home directory (os.path.expanduser("~")).
    ({}, {}, "home/.local/share/juju", "the default location"),
])
def test_store_location_is_named_with_where_it_came_from(tmp_path, monkeypatch, explicit, environ, where, reason):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    environ = dict((key, value.format(tmp=tmp_path)) for key, value in environ.items())
    with pytest.raises(SettingsError) as info:
        resolve(explicit, environ)
    assert str(info.value) == (
        "no API endpoints, login user and login password to connect with: looked in the module options "
        "api_endpoints, login_user and login_password, the environment variables JUJU_CONTROLLER_ADDRESSES, "
        "JUJU_USERNAME and JUJU_PASSWORD and the Juju client store (%s/%s/controllers.yaml (from %s), which does "
        "not exist)." % (tmp_path, where, reason))
