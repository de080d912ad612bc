# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""settings.inventory_controllers: the controllers of a client store, or of a list, for the inventory plugin."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import trustme
import yaml

from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError
from ansible_collections.juju.controller.plugins.module_utils.settings import StoreController, inventory_controllers

PEM = trustme.CA().cert_pem.bytes().decode()


def write_store(path, controllers, accounts=None):
    path.mkdir(parents=True, exist_ok=True)
    (path / "controllers.yaml").write_text(yaml.safe_dump({"controllers": controllers}, sort_keys=False))  # b before a
    if accounts is not None:
        (path / "accounts.yaml").write_text(yaml.safe_dump({"controllers": accounts}))
    return path


@pytest.fixture
def store(tmp_path):
    return write_store(tmp_path / "juju", {
        "b": {"uuid": "ub", "api-endpoints": ["10.0.0.2:17070"], "ca-cert": PEM, "cloud": "aws", "region": "r1"},
        "a": {"api-endpoints": ["10.0.0.1:17070", "[fd00::1]:17070"]},
    }, {"b": {"user": "Bob", "password": "pw-b"}})


@pytest.fixture
def env(tmp_path):
    return {"HOME": str(tmp_path / "home")}


def test_every_controller_by_name_without_its_password(store, env):
    env["JUJU_DATA"] = str(store)
    assert inventory_controllers(environ=env) == [
        StoreController(name="a", endpoints=["10.0.0.1:17070", "[fd00::1]:17070"], juju_data=str(store)),
        StoreController(name="b", endpoints=["10.0.0.2:17070"], ca_cert=PEM, user="Bob", uuid="ub", cloud="aws",
                        region="r1", juju_data=str(store)),
    ]
    assert "pw-b" not in repr(inventory_controllers(environ=env))


def test_an_empty_store_has_no_controllers_and_no_accounts_file_no_users(tmp_path, env):
    assert inventory_controllers(juju_data=str(write_store(tmp_path / "empty", {})), environ=env) == []
    lone = write_store(tmp_path / "lone", {"x": {"api-endpoints": ["h:1"]}})
    assert [c.user for c in inventory_controllers(juju_data=str(lone), environ=env)] == [None]


def test_listed_blank_values_keep_the_stores(store, env):
    listed = [{"name": "b", "login_user": "", "cloud": None, "ca_cert": "", "api_endpoints": None}]
    [controller] = inventory_controllers(listed, str(store), env)
    assert (controller.user, controller.cloud, controller.ca_cert, controller.endpoints) == (
        "Bob", "aws", PEM, ["10.0.0.2:17070"])


@pytest.mark.parametrize("listed, sentence", [
    ("a", "option controllers must be a list of controller names or mappings."),
    ([["a"]], "entry 1 of option controllers must be a controller name or a mapping."),
    (["a", {"cloud": "aws"}], "entry 2 of option controllers has no controller name."),
    ([{"name": ""}], "entry 1 of option controllers has no controller name."),
    ([{"name": 7}], "entry 1 of option controllers has no controller name."),
    ([{"name": "a", "api_endpoints": []}], "the API endpoints from api_endpoints of entry 1 of option controllers "
                                           "are an empty list: give at least one host:port."),
    ([{"name": "a", "login_user": ["x"]}], "the login_user of entry 1 of option controllers must be a string."),
    ([{"name": "a", "region": 3}], "the region of entry 1 of option controllers must be a string."),
    ([{"name": "n", "api_endpoints": ["h:1"], "ca_cert": "-----BEGIN nothing"}],
     "the CA certificate from ca_cert of entry 1 of option controllers holds no PEM certificate."),
    (["a", "a"], 'option controllers names controller "a" twice.'),
])
def test_a_wrong_list_is_one_sentence(store, env, listed, sentence):
    with pytest.raises(SettingsError) as failure:
        inventory_controllers(listed, str(store), env)
    assert str(failure.value) == sentence


@pytest.mark.parametrize("controllers, accounts, sentence", [
    ({"x": {"api-endpoints": "h1:1,h2:x"}}, None,
     'the API endpoint "h2:x" from api-endpoints of controller "x" in %(store)s/controllers.yaml is not host:port.'),
    ({"x": {}}, None, 'the API endpoints from api-endpoints of controller "x" in %(store)s/controllers.yaml must be '
                      'a list of host:port.'),
    ({"x": {"api-endpoints": ["h:1"], "ca-cert": "-----BEGIN x"}}, None,
     'the CA certificate from ca-cert of controller "x" in %(store)s/controllers.yaml holds no PEM certificate.'),
    ({"x": {"api-endpoints": ["h:1"], "cloud": ["aws"]}}, None,
     'the cloud of controller "x" in %(store)s/controllers.yaml must be a string.'),
    ({"x": {"api-endpoints": ["h:1"], "uuid": {"a": 1}}}, None,
     'the uuid of controller "x" in %(store)s/controllers.yaml must be a string.'),
    ({"x": {"api-endpoints": ["h:1"]}}, {"x": {"user": ["bob"]}},
     'the user of controller "x" in %(store)s/accounts.yaml must be a string.'),
    ({"x": {"api-endpoints": ["h:1"]}}, {"x": "bob"},
     'the Juju client store file %(store)s/accounts.yaml is malformed: controller "x" is not a mapping.'),
    ({"x": ["h:1"]}, None,
     'the Juju client store file %(store)s/controllers.yaml is malformed: controller "x" is not a mapping.'),
])
def test_a_malformed_store_is_one_sentence(tmp_path, env, controllers, accounts, sentence):
    store = write_store(tmp_path / "juju", controllers, accounts)
    with pytest.raises(SettingsError) as failure:
        inventory_controllers(juju_data=str(store), environ=env)
    assert str(failure.value) == sentence % {"store": store}


def test_without_a_store_only_controllers_given_with_endpoints_can_be_listed(tmp_path, env):
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    no_store = "there is no Juju client store at %s/xdg/juju (from XDG_DATA_HOME): it has no controllers.yaml." % tmp_path
    for listed in (None, ["a"], [{"name": "a", "login_user": "bob"}]):
        with pytest.raises(SettingsError) as failure:
            inventory_controllers(listed, environ=env)
        assert str(failure.value) == no_store
    assert inventory_controllers([{"name": "a", "api_endpoints": "h:1,h:2"}], environ=env) == [
        StoreController(name="a", endpoints=["h:1", "h:2"])]


def test_a_name_the_store_lacks_names_the_known_ones(store, tmp_path, env):
    with pytest.raises(SettingsError) as failure:
        inventory_controllers([{"name": "c", "cloud": "aws"}], str(store), env)
    assert str(failure.value) == (
        'controller "c" (entry 1 of option controllers) is not in %s/controllers.yaml; known controllers: a, b. '
        'Give its api_endpoints to list it without the store.' % store)
    empty = write_store(tmp_path / "empty", {})
    with pytest.raises(SettingsError) as failure:
        inventory_controllers(["c"], str(empty), env)
    assert "known controllers: none." in str(failure.value)
