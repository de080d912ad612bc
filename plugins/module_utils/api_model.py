# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# ModelClient: a connection to one model, wss://HOST:PORT/model/<uuid>/api (juju-api.md §1.1,
# §18.1), for the facades Juju serves on model connections only (KeyManager). It is opened by
# ControllerClient.model() with the controller client's endpoints, CA, credentials and stored
# macaroons, and dialled at the first call: one connection per model a task touches, reused
# for the rest of the task and closed with the controller client.

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.api_keys import KeysMixin

MODEL_FACADE_VERSIONS = {"KeyManager": (1,)}


def find_model(client, ref):
    """The model's dict of client.list_models() (name, owner, uuid, ref) by UUID (as `juju show-model`
    prints it) or by [owner/]name; NotFound naming it (ControllerClient.resolve_model)."""
    return client.resolve_model(ref)


class ModelClient(KeysMixin):

    def __init__(self, controller, uuid, ref):
        self._controller = controller
        self.uuid = uuid
        self.label = 'model "%s"' % ref
        self.facades = {}
        self._offered = {}
        self._conn = None

    @property
    def current_user(self):
        return self._controller.current_user

    @property
    def round_trips(self):
        return self._conn.round_trips if self._conn is not None else 0

    def close(self):
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
        return conn.round_trips if conn is not None else 0

    def _connect(self):
        if self._conn is None:
            settings = self._controller.settings
            self._conn, result = self._controller._open(settings.user, settings.password,
                                                        macaroons=settings.macaroons,
                                                        path="/model/%s/api" % self.uuid)
            for facade in result.get("facades") or ():
                self._offered[facade.get("name")] = list(facade.get("versions") or ())
        return self._conn

    def _version(self, facade):
        common = [v for v in MODEL_FACADE_VERSIONS[facade] if v in self._offered.get(facade, ())]
        if not common:
            raise errors.NotSupported("%s on %s does not offer %s version %s, which this client speaks; use a "
                                      "Juju 3.x controller." % (self.label, self._controller._label(), facade,
                                                                " or ".join(map(str, MODEL_FACADE_VERSIONS[facade]))),
                                      "not supported")
        return common[0]

    def _results(self, facade, method, params, count, context):
        """Call a bulk method and return its "results", checking there is one per entity."""
        conn = self._connect()
        results = conn.call(facade, self._version(facade), method, params, context=context).get("results") or []
        if len(results) != count:
            raise errors.JujuError("%s answered %d results to %s.%s for %d entities."
                                   % (self.label, len(results), facade, method, count), "", context)
        return results
