# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    """How every juju.controller module finds and logs in to a controller."""

    DOCUMENTATION = r'''
options:
  controller:
    description:
      - Name of the controller in the Juju client store (C(controllers.yaml)), as shown by C(juju controllers).
      - If not set, the value of the E(JUJU_CONTROLLER) environment variable is used, then the store's
        current controller (the one C(juju switch) selected).
      - The store supplies the endpoints, the CA certificate and the account (user and password) of that
        controller; each of them can be overridden by the options below.
    type: str
  api_endpoints:
    description:
      - Addresses of the controller's API, each as C(host:port) (the port is normally V(17070)).
      - The first one that answers is used; the others are tried shortly after, in order, while it does not.
      - If not set, the value of E(JUJU_CONTROLLER_ADDRESSES) (comma-separated) is used, then the
        C(api-endpoints) of O(controller) in the client store. An empty list is an error, not "unset".
    type: list
    elements: str
  login_user:
    description:
      - The Juju user to log in as. Most tasks need a controller C(superuser), such as the bootstrap C(admin).
      - If not set, the value of E(JUJU_USERNAME) is used, then the user of the controller's account in the
        client store (C(accounts.yaml)).
    type: str
  login_password:
    description:
      - Password of O(login_user).
      - If not set, the value of E(JUJU_PASSWORD) is used, then the password stored in the controller's account
        in the client store. Only C(juju bootstrap) leaves a password there.
      - Without any password, the account's user logs in with the macaroon that C(juju login) and
        C(juju register) keep in the client store's cookie jar (C(cookies/<controller>.json)), as the
        CLI does. It expires 24 hours after C(juju login); the task then fails and asks for
        C(juju login) or a password.
    type: str
  ca_cert:
    description:
      - The CA certificate that signed the controller's certificate, as PEM text or as the path of a PEM file.
      - If not set, the value of E(JUJU_CA_CERT) (PEM text or path) is used, then the C(ca-cert) of the controller in
        the client store.
      - The controller's certificate is checked against this CA and the name C(juju-apiserver), the name
        every Juju controller certificate carries, whatever address is dialled.
    type: str
  validate_certs:
    description:
      - Whether to verify the controller's TLS certificate.
      - Set to V(false) only for a throw-away test controller. The module then warns that the connection is still
        encrypted, but the controller is not authenticated, so the login password could reach an impostor.
    type: bool
    default: true
  juju_data:
    description:
      - Directory of the Juju client store (C(controllers.yaml), C(accounts.yaml)).
      - If not set, the value of E(JUJU_DATA) is used, then C($XDG_DATA_HOME/juju), then C(~/.local/share/juju).
      - On the host that bootstrapped the controller, whose store holds the C(admin) password, no connection
        option is needed at all, nor where C(juju login) was used while its login is valid.
    type: path
  timeout:
    description:
      - Seconds to wait for the connection to be established and for each answer from the controller.
      - More than 0 and at most V(3600).
    type: float
    default: 30
requirements:
  - websockets >= 13.1 (on the host that runs the module)
  - PyYAML >= 5.4 (only to read the client store)
notes:
  - The modules talk to the controller from the host that runs them, over Juju's API (a TLS websocket,
    normally port 17070); no C(juju) CLI is needed. They are usually run on the Ansible controller
    (C(hosts=localhost) or C(delegate_to=localhost)).
  - Options that are not set are taken from environment variables, then from the Juju client store,
    one by one; an error names what is missing and every place looked in. A connection option that is
    empty (V("") or only blanks) counts as not set, as an empty environment variable does.
  - All modules are in the action group C(juju.controller.juju), so the connection options can be set once
    with C(module_defaults) (see the examples).
'''

    ATTRIBUTES = r'''
options: {}
attributes:
  check_mode:
    description: Can run in check mode and then predicts exactly what would change, without sending any change to the controller.
  diff_mode:
    description: Returns what changed (or, in check mode, what would change) as C(before) and C(after), with passwords only as V(changed) or V(unchanged).
  action_group:
    description: Use C(group/juju.controller.juju) in C(module_defaults) to set the connection options of all juju.controller modules at once.
    support: full
    membership:
      - juju.controller.juju
'''
