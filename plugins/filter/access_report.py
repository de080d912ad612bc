# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The filters of the access review (role juju.controller.access_report); each is documented in the
# YAML file of its name next to this one. The work is done in plugin_utils, testable without Ansible.

from ansible.errors import AnsibleFilterError

from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput
from ansible_collections.juju.controller.plugins.plugin_utils import access_drift, access_render, access_review


def access_drift_filter(declared, users, login_user, models=None):
    """The differences between juju_users entries and juju_user_info's users, as a list of dicts."""
    try:
        return [item._asdict() for item in access_drift.declaration_drift(declared or [], users, login_user, models)]
    except InvalidInput as exc:
        raise AnsibleFilterError("The declaration cannot be compared: %s" % exc)


def access_report_filter(reads, now, inactive_days=90):
    """The review of the controllers read (see access_review.build_report)."""
    try:
        return access_review.build_report(list(reads), now, int(inactive_days))
    except (KeyError, TypeError, ValueError) as exc:
        raise AnsibleFilterError("The access report cannot be built from what was read: %r" % (exc,))


class FilterModule(object):
    def filters(self):
        return {
            "access_drift": access_drift_filter,
            "access_report": access_report_filter,
            "access_report_html": access_render.to_html,
            "access_report_csv": access_render.to_csv,
        }
