# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
name: controllers
short_description: The controllers of a Juju client store as inventory hosts
version_added: 0.1.0
author:
  - juju.controller contributors (@juju)
description:
  - Makes each controller of a Juju client store (what C(juju controllers) lists), or of a list in the
    inventory file, a host of the group C(juju_controllers), ready for the playbook
    C(juju.controller.fleet) and the role C(juju.controller.users).
  - Each host gets the connection variables the modules and the role read, taken from the store's
    C(controllers.yaml) and C(accounts.yaml) - C(juju_controller), C(juju_api_endpoints), C(juju_ca_cert),
    C(juju_login_user), C(juju_data) - and C(juju_controller_uuid), C(juju_cloud) and C(juju_region).
  - No password and no macaroon enters the inventory. The modules read the password or the cookie jar of
    C(juju login) from the store named by C(juju_data) when they log in; for a controller without
    either, set C(juju_login_password) (from Ansible Vault) in its host or group variables.
  - A controller whose store entry names its cloud is also in the group C(juju_cloud_<cloud>), and when
    it names its region too, in C(juju_region_<cloud>_<region>) (characters other than letters, digits
    and C(_) become C(_)).
  - The group C(juju_controllers) sets C(ansible_connection=local) and
    C(ansible_python_interpreter={{ ansible_playbook_python }}), since the hosts are controllers, reached
    through their API from the control node; group or host variables of your own replace them.
  - The inventory file's name must end in C(juju.yml) or C(juju.yaml).
extends_documentation_fragment:
  - ansible.builtin.constructed
options:
  plugin:
    description: The name of this plugin; it makes the file an inventory source of this plugin.
    required: true
    type: str
    choices: [juju.controller.controllers]
  juju_data:
    description:
      - The Juju client store directory.
      - When unset, C($JUJU_DATA), else C($XDG_DATA_HOME/juju), else C(~/.local/share/juju), as for
        the modules.
    type: path
  controllers:
    description:
      - The controllers to make hosts of, in this order; by default every controller of the store.
      - An item is the name of a controller in the store, or a mapping with C(name) and any of
        C(api_endpoints), C(ca_cert) (PEM, or a file relative to the inventory file), C(login_user),
        C(cloud) and C(region), which replace the store's values. A mapping with C(api_endpoints) may
        name a controller that is not in the store; its password then comes from C(juju_login_password).
      - A password is refused here. Put it in Ansible Vault, as C(juju_login_password).
    type: list
    elements: raw
notes:
  - When the store cannot be read, Ansible only warns that it could not parse the inventory file and
    runs with no controller. For unattended runs set C(unparsed_is_failed = true) in the C([inventory])
    section of C(ansible.cfg) (or C(ANSIBLE_INVENTORY_UNPARSED_FAILED=true)) so that such a run fails.
seealso:
  - name: Many controllers
    description: The operator guide's section on converging several controllers in one run.
    link: https://github.com/juju/juju.controller/blob/main/docs/guide.md#many-controllers
"""

EXAMPLES = r"""
---
# juju.yml: every controller that `juju controllers` lists
plugin: juju.controller.controllers

---
# prod.juju.yml: two controllers of a given store, and one the store does not have
plugin: juju.controller.controllers
juju_data: /srv/juju-admin/.local/share/juju
controllers:
  - prod-eu
  - prod-us
  - name: staging
    api_endpoints: [10.20.0.5:17070, 10.20.0.6:17070]
    ca_cert: staging-ca.pem
    login_user: ci-admin
    cloud: openstack
    region: lab
# groups of your own, from the variables the plugin sets
keyed_groups:
  - key: juju_login_user
    prefix: juju_login
groups:
  juju_production: inventory_hostname.startswith('prod-')
"""

import os

from ansible.errors import AnsibleParserError
from ansible.inventory.group import to_safe_group_name
from ansible.plugins.inventory import BaseInventoryPlugin, Constructable

from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError
from ansible_collections.juju.controller.plugins.module_utils.settings import inventory_controllers

try:  # ansible-core 2.19 templates only the strings it trusts; earlier versions template them all
    from ansible.template import trust_as_template
except ImportError:
    def trust_as_template(value):
        return value

GROUP = "juju_controllers"
# Host variable -> StoreController attribute. juju_data names the store that holds the login.
HOST_VARIABLES = (
    ("juju_controller", "name"), ("juju_api_endpoints", "endpoints"), ("juju_ca_cert", "ca_cert"),
    ("juju_login_user", "user"), ("juju_data", "juju_data"), ("juju_controller_uuid", "uuid"),
    ("juju_cloud", "cloud"), ("juju_region", "region"),
)


class InventoryModule(BaseInventoryPlugin, Constructable):
    NAME = "juju.controller.controllers"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(("juju.yml", "juju.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        self._read_config_data(path)
        listed = self.get_option("controllers")
        try:
            controllers = inventory_controllers(_relative_to(listed, os.path.dirname(path)),
                                                self.get_option("juju_data"))
        except SettingsError as exc:
            raise AnsibleParserError("%s: %s" % (path, exc))
        self.inventory.add_group(GROUP)
        self.inventory.set_variable(GROUP, "ansible_connection", "local")
        self.inventory.set_variable(GROUP, "ansible_python_interpreter",
                                    trust_as_template("{{ ansible_playbook_python }}"))
        for controller in controllers:
            self._add_controller(controller)

    def _add_controller(self, controller):
        host = self.inventory.add_host(controller.name, group=GROUP)
        for variable, attribute in HOST_VARIABLES:
            value = getattr(controller, attribute)
            if value is not None:
                self.inventory.set_variable(host, variable, value)
        if controller.cloud:
            self.inventory.add_child(self.inventory.add_group(_group("juju_cloud", controller.cloud)), host)
            if controller.region:
                group = _group("juju_region", controller.cloud, controller.region)
                self.inventory.add_child(self.inventory.add_group(group), host)
        strict = self.get_option("strict")
        variables = self.inventory.get_host(host).get_vars()
        self._set_composite_vars(self.get_option("compose"), variables, host, strict=strict)
        self._add_host_to_composed_groups(self.get_option("groups"), variables, host, strict=strict)
        self._add_host_to_keyed_groups(self.get_option("keyed_groups"), variables, host, strict=strict)


def _group(*words):
    return to_safe_group_name("_".join(words), replacer="_", force=True, silent=True)


def _relative_to(listed, directory):
    """listed, with a ca_cert file named relative to the inventory file made absolute."""
    if not isinstance(listed, list):
        return listed
    result = []
    for item in listed:
        ca_cert = item.get("ca_cert") if isinstance(item, dict) else None
        if isinstance(ca_cert, str) and ca_cert and "-----BEGIN" not in ca_cert:
            item = dict(item, ca_cert=os.path.join(directory, os.path.expanduser(ca_cert)))
        result.append(item)
    return result
