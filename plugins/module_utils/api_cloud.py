# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Cloud operations of ControllerClient: Cloud v7 (juju-api.md §16), the clouds a user may add
# models to and who holds which level on them. Mixed into api.ControllerClient. As for the
# other kinds, which grant/revoke calls to make is decided by access.plan(kind="cloud").

from ansible_collections.juju.controller.plugins.module_utils import access, names
from ansible_collections.juju.controller.plugins.module_utils.api_access import _action, _change_context


class CloudMixin(object):

    def list_clouds(self):
        """[{"name", "type", "regions"}] sorted by name: every cloud for a superuser, else the
        clouds the login user holds add-model (or admin) on."""
        response = self._call("Cloud", "Clouds", {}, "cannot list clouds")
        clouds = []
        for tag, details in (response.get("clouds") or {}).items():
            # Juju keys the clouds by tag, "cloud-<name>" (apiserver/facades/client/cloud: Clouds).
            clouds.append({"name": tag.removeprefix("cloud-"),
                           "type": details.get("type"),
                           "regions": [r.get("name") for r in details.get("regions") or ()]})
        return sorted(clouds, key=lambda c: c["name"])

    def cloud_users(self, cloud):
        """{user: level} of the cloud's grants: clouds_users (api_batch) for one cloud, NotFound if unknown.

        Superusers and cloud admins see every grant, others only their own.
        """
        return self.clouds_users([cloud], missing_ok=False)[cloud]

    def modify_cloud_access(self, name, action, level, cloud):
        """One grant or revoke of cloud access; Juju lets only superusers do it (3.2-3.6), and
        never on the login user's own access."""
        name = names.validate_user_name(name)
        level = access.validate_level("cloud", level)
        change = {"user-tag": names.user_tag(name), "action": _action(action), "access": level,
                  "cloud-tag": names.cloud_tag(cloud)}
        self._one("Cloud", "ModifyCloudAccess", {"changes": [change]},
                  _change_context(action, level, "cloud", name, ' on cloud "%s"' % cloud))
