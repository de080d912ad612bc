# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# SSH key operations of ModelClient: KeyManager v1 (juju-api.md §18), served on model
# connections only. The keys are the connected model's; Juju reads the `user` field and the
# ListKeys tags only to refuse "juju-system-key" (§18.4), so this client sends "admin", as the Go
# CLI always does: a login user who happened to be named juju-system-key would otherwise be refused.
# Every write rewrites the model's whole key list with no version check (§18.6): callers
# read back with list_keys() and compare fingerprints.

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.ssh_keys import stored_key

FULL_KEYS = True  # ListKeys mode: the stored lines, not "<fingerprint> (<comment>)" (§18.3)
CLI_USER = "admin"


class KeysMixin(object):

    def list_keys(self):
        """The model's visible keys, in Juju's order, as ssh_keys.Key (Juju's own keys are hidden)."""
        context = "cannot list the SSH keys of %s" % self.label
        params = {"entities": {"entities": [{"tag": CLI_USER}]}, "mode": FULL_KEYS}
        item = self._results("KeyManager", "ListKeys", params, 1, context)[0] or {}
        if item.get("error"):
            raise errors.from_error_object(item["error"], context)
        return [stored_key(line) for line in item.get("result") or ()]

    def add_key(self, text, label):
        """AddKeys of one public key line; its per-key error raised (AlreadyExists for a duplicate)."""
        self._modify("AddKeys", text, "cannot add SSH key %s to %s" % (label, self.label))

    def import_keys(self, key_id):
        """ImportKeys of one id: the controller runs ssh-import-id, so it fetches, not this host."""
        self._modify("ImportKeys", key_id, 'cannot import the SSH keys of "%s" into %s' % (key_id, self.label))

    def delete_key(self, key_id, label):
        """DeleteKeys of one id (fingerprint, comment or verbatim line); NotFound when no key matches."""
        self._modify("DeleteKeys", key_id, "cannot delete SSH key %s from %s" % (label, self.label))

    def write_keys(self, method, values, contexts):
        """One AddKeys, ImportKeys or DeleteKeys call for several values: [None or the JujuError of each],
        classified with its context; a call-level error (e.g. "cannot delete all keys") is raised."""
        params = {"user": CLI_USER, "ssh-keys": list(values)}
        context = contexts[0] if len(contexts) == 1 else "cannot change the SSH keys of %s" % self.label
        results = self._results("KeyManager", method, params, len(values), context)
        return [errors.from_error_object(item["error"], context) if (item or {}).get("error") else None
                for item, context in zip(results, contexts)]

    def _modify(self, method, value, context):
        error = self.write_keys(method, [value], [context])[0]
        if error is not None:
            raise error
