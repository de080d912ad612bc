# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin parses an inventory file into an InventoryData, in-process.

Its options are registered from its DOCUMENTATION (with the constructed fragment) as Ansible's plugin
loader does, without installing Ansible's collection finder in the test process.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import trustme
import yaml
from ansible import constants as C
from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import fragment_loader
from ansible.utils.plugin_docs import add_fragments

from ansible.module_utils import _internal

from ansible_collections.juju.controller.plugins.inventory import controllers

# Importing Ansible's controller code (above) marks the whole process as Ansible's controller, after which
# AnsibleModule.warn sends warnings to the controller's display instead of the module's result: the module
# tests that share this pytest process run as modules, so the mark is kept to this file's tests.
_internal.is_controller = False


@pytest.fixture(autouse=True)
def controller_process():
    _internal.is_controller = True
    yield
    _internal.is_controller = False


NAME = "juju.controller.controllers"
PEM_EU, PEM_US, PEM_LAB = (trustme.CA().cert_pem.bytes().decode() for ca in range(3))
PASSWORD = "store-password-7f3a"


def _register_options():
    doc = yaml.safe_load(controllers.DOCUMENTATION)
    # ansible.builtin.X resolves through the collection finder, which this process does not install.
    doc["extends_documentation_fragment"] = [name.replace("ansible.builtin.", "")
                                             for name in doc["extends_documentation_fragment"]]
    add_fragments(doc, controllers.__file__, fragment_loader=fragment_loader)
    C.config.initialize_plugin_configuration_definitions("inventory", NAME, doc["options"])


_register_options()


def write_store(path):
    path.mkdir(parents=True, exist_ok=True)
    (path / "controllers.yaml").write_text(yaml.safe_dump({"current-controller": "prod-eu", "controllers": {
        "prod-eu": {"uuid": "uuid-eu", "api-endpoints": ["10.0.0.1:17070", "10.0.0.2:17070"], "ca-cert": PEM_EU,
                    "cloud": "aws", "region": "eu-west-1"},
        "prod-us": {"uuid": "uuid-us", "api-endpoints": ["10.1.0.1:17070"], "ca-cert": PEM_US,
                    "cloud": "aws", "region": "us-east-1"},
        "lab": {"uuid": "uuid-lab", "api-endpoints": ["10.2.0.1:17070"], "ca-cert": PEM_LAB, "cloud": "lxd"},
    }}))
    (path / "accounts.yaml").write_text(yaml.safe_dump({"controllers": {
        "prod-eu": {"user": "admin", "password": PASSWORD, "last-known-access": "superuser"},
        "prod-us": {"user": "ops"},
    }}))
    return path


@pytest.fixture
def store(tmp_path):
    return write_store(tmp_path / "juju")


@pytest.fixture
def parse(tmp_path, monkeypatch):
    """parse(config, name="x.juju.yml") -> InventoryData of that inventory file."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no test reads the real ~/.local/share/juju
    for variable in ("JUJU_DATA", "XDG_DATA_HOME"):
        monkeypatch.delenv(variable, raising=False)

    def run(config, name="x.juju.yml"):
        path = tmp_path / name
        path.write_text(yaml.safe_dump(dict(config, plugin=NAME)))
        plugin = controllers.InventoryModule()
        plugin._load_name = NAME
        inventory = InventoryData()
        plugin.parse(inventory, DataLoader(), str(path), cache=False)
        return inventory
    return run


def host_vars(inventory, name):
    variables = inventory.get_host(name).get_vars()
    return dict((key, value) for key, value in variables.items()
                if not key.startswith("inventory_") and key != "group_names")


def groups(inventory):
    return dict((name, sorted(h.name for h in group.get_hosts()))
                for name, group in inventory.groups.items() if name not in ("all", "ungrouped"))


def test_every_controller_of_the_store_is_a_host_with_its_connection_and_no_password(parse, store):
    inventory = parse({"juju_data": str(store)})
    assert sorted(inventory.hosts) == ["lab", "prod-eu", "prod-us"]
    assert host_vars(inventory, "prod-eu") == {
        "juju_controller": "prod-eu", "juju_api_endpoints": ["10.0.0.1:17070", "10.0.0.2:17070"],
        "juju_ca_cert": PEM_EU, "juju_login_user": "admin", "juju_data": str(store),
        "juju_controller_uuid": "uuid-eu", "juju_cloud": "aws", "juju_region": "eu-west-1"}
    # no account: no login user; no region: no juju_region
    assert host_vars(inventory, "lab") == {
        "juju_controller": "lab", "juju_api_endpoints": ["10.2.0.1:17070"], "juju_ca_cert": PEM_LAB,
        "juju_data": str(store), "juju_controller_uuid": "uuid-lab", "juju_cloud": "lxd"}
    assert host_vars(inventory, "prod-us")["juju_login_user"] == "ops"
    assert groups(inventory) == {
        "juju_controllers": ["lab", "prod-eu", "prod-us"],
        "juju_cloud_aws": ["prod-eu", "prod-us"], "juju_cloud_lxd": ["lab"],
        "juju_region_aws_eu_west_1": ["prod-eu"], "juju_region_aws_us_east_1": ["prod-us"]}
    assert inventory.groups["juju_controllers"].get_vars() == {
        "ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}
    everything = repr([inventory.get_host(h).get_vars() for h in inventory.hosts])
    assert PASSWORD not in everything and "password" not in everything


def test_the_store_is_juju_data_when_the_file_names_none(parse, store, monkeypatch):
    monkeypatch.setenv("JUJU_DATA", str(store))
    inventory = parse({})
    assert sorted(inventory.hosts) == ["lab", "prod-eu", "prod-us"]
    assert host_vars(inventory, "lab")["juju_data"] == str(store)


def test_a_list_picks_store_controllers_in_order_completes_them_and_adds_others(parse, store, tmp_path):
    (tmp_path / "staging-ca.pem").write_text(PEM_LAB)
    inventory = parse({"juju_data": str(store), "controllers": [
        "prod-us",
        {"name": "prod-eu", "login_user": "ci-admin", "region": "eu-central-1"},
        {"name": "staging", "api_endpoints": ["10.20.0.5:17070"], "ca_cert": "staging-ca.pem",
         "login_user": "ci-admin", "cloud": "openstack", "region": "lab"},
    ]}, name="prod.juju.yaml")
    assert list(inventory.hosts) == ["prod-us", "prod-eu", "staging"]
    assert host_vars(inventory, "prod-eu") == {
        "juju_controller": "prod-eu", "juju_api_endpoints": ["10.0.0.1:17070", "10.0.0.2:17070"],
        "juju_ca_cert": PEM_EU, "juju_login_user": "ci-admin", "juju_data": str(store),
        "juju_controller_uuid": "uuid-eu", "juju_cloud": "aws", "juju_region": "eu-central-1"}
    # not in the store: no juju_data, so its login comes from juju_login_password alone
    assert host_vars(inventory, "staging") == {
        "juju_controller": "staging", "juju_api_endpoints": ["10.20.0.5:17070"], "juju_ca_cert": PEM_LAB,
        "juju_login_user": "ci-admin", "juju_cloud": "openstack", "juju_region": "lab"}
    assert groups(inventory) == {
        "juju_controllers": ["prod-eu", "prod-us", "staging"], "juju_cloud_aws": ["prod-eu", "prod-us"],
        "juju_cloud_openstack": ["staging"], "juju_region_aws_eu_central_1": ["prod-eu"],
        "juju_region_aws_us_east_1": ["prod-us"], "juju_region_openstack_lab": ["staging"]}


def test_a_list_needs_no_store_when_it_gives_the_endpoints(parse, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "lab-ca.pem").write_text(PEM_US)
    inventory = parse({"juju_data": str(tmp_path / "nowhere"), "controllers": [
        {"name": "staging", "api_endpoints": ["10.20.0.5:17070"]},
        {"name": "lab", "api_endpoints": ["10.30.0.5:17070"], "ca_cert": PEM_LAB},  # PEM text, not a file
        {"name": "lab2", "api_endpoints": ["10.40.0.5:17070"], "ca_cert": str(tmp_path / "elsewhere" / "lab-ca.pem")},
    ]})
    assert host_vars(inventory, "staging") == {"juju_controller": "staging", "juju_api_endpoints": ["10.20.0.5:17070"]}
    assert [host_vars(inventory, name)["juju_ca_cert"] for name in ("lab", "lab2")] == [PEM_LAB, PEM_US]
    assert groups(inventory) == {"juju_controllers": ["lab", "lab2", "staging"]}


def test_compose_groups_and_keyed_groups_see_the_variables(parse, store):
    inventory = parse({"juju_data": str(store), "strict": True,
                       "compose": {"juju_timeout": "60 if juju_cloud == 'aws' else 30"},
                       "groups": {"production": "inventory_hostname.startswith('prod-')"},
                       "keyed_groups": [{"key": "juju_login_user | default('none')", "prefix": "login"}]})
    assert [inventory.get_host(h).get_vars()["juju_timeout"] for h in ("lab", "prod-eu", "prod-us")] == [30, 60, 60]
    found = groups(inventory)
    assert (found["production"], found["login_admin"], found["login_ops"], found["login_none"]) == (
        ["prod-eu", "prod-us"], ["prod-eu"], ["prod-us"], ["lab"])


def test_the_examples_parse(parse, store, tmp_path):
    (tmp_path / "staging-ca.pem").write_text(PEM_LAB)
    found = []
    for example in yaml.safe_load_all(controllers.EXAMPLES):
        example["juju_data"] = str(store)
        inventory = parse(example)
        found.append((list(inventory.hosts), sorted(groups(inventory))))
    assert found == [
        (["lab", "prod-eu", "prod-us"], ["juju_cloud_aws", "juju_cloud_lxd", "juju_controllers",
                                         "juju_region_aws_eu_west_1", "juju_region_aws_us_east_1"]),
        (["prod-eu", "prod-us", "staging"], [
            "juju_cloud_aws", "juju_cloud_openstack", "juju_controllers", "juju_login_admin", "juju_login_ci_admin",
            "juju_login_ops", "juju_production", "juju_region_aws_eu_west_1", "juju_region_aws_us_east_1",
            "juju_region_openstack_lab"]),
    ]


@pytest.mark.parametrize("name, wanted", [
    ("x.juju.yml", True), ("juju.yaml", True), ("prod.juju.yaml", True),
    ("x.yml", False), ("juju.yml.bak", False), ("x.juju.json", False),
])
def test_only_files_named_juju_yml_or_yaml_are_its_own(tmp_path, name, wanted):
    path = tmp_path / name
    path.write_text("plugin: %s\n" % NAME)
    assert controllers.InventoryModule().verify_file(str(path)) is wanted


def test_no_store_is_one_sentence_naming_the_file_and_the_store(parse, tmp_path):
    with pytest.raises(AnsibleParserError) as failure:
        parse({"juju_data": str(tmp_path / "nowhere")})
    assert failure.value.message == (
        "%s/x.juju.yml: there is no Juju client store at %s/nowhere (from option juju_data): it has no "
        "controllers.yaml." % (tmp_path, tmp_path))


@pytest.mark.parametrize("listed, sentence", [
    (["prod-eu", {"name": "prod-eu"}], 'option controllers names controller "prod-eu" twice.'),
    ([{"name": "prod-eu", "login_password": PASSWORD}],
     'entry 1 of option controllers has the unknown key "login_password": the keys are name, api_endpoints, '
     'ca_cert, login_user, cloud and region (a password belongs in Ansible Vault, as juju_login_password).'),
    (["lab", "staging"], 'controller "staging" (entry 2 of option controllers) is not in %(store)s/controllers.yaml; '
     'known controllers: lab, prod-eu, prod-us. Give its api_endpoints to list it without the store.'),
    ([{"name": "staging", "api_endpoints": ["10.0.0.9"]}],
     'the API endpoint "10.0.0.9" from api_endpoints of entry 1 of option controllers is not host:port.'),
])
def test_a_wrong_list_is_one_sentence(parse, store, listed, sentence):
    with pytest.raises(AnsibleParserError) as failure:
        parse({"juju_data": str(store), "controllers": listed})
    message = failure.value.message
    assert message == "%s: %s" % (store.parent / "x.juju.yml", sentence % {"store": store})
    assert PASSWORD not in message


def test_a_malformed_store_is_one_sentence(parse, store):
    text = (store / "controllers.yaml").read_text().replace("- 10.2.0.1:17070", "- 10.2.0.1:99999")
    (store / "controllers.yaml").write_text(text)
    with pytest.raises(AnsibleParserError) as failure:
        parse({"juju_data": str(store)})
    assert failure.value.message == (
        '%s/x.juju.yml: the API endpoint "10.2.0.1:99999" from api-endpoints of controller "lab" in '
        '%s/controllers.yaml has port 99999, which is out of range (1-65535).' % (store.parent, store))
