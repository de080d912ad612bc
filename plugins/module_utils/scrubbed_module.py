# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# An AnsibleModule that hides its no_log values with scrub.py instead of Ansible's remove_values.
# Ansible tries every no_log value on every string of the result and of the echoed options, and on
# the text of every option logged to syslog: for juju_users, 10,000 users x 8,000 passwords. Here
# each output passes through one Scrubber (the same strings as Ansible's, in linear time) and
# Ansible's own passes then find nothing left to hide. Warnings are hidden too, which Ansible 2.19
# no longer does.

from contextlib import contextmanager

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.juju.controller.plugins.module_utils.scrub import Scrubber


class ScrubbedModule(AnsibleModule):
    """AnsibleModule whose result, echoed options, warnings and syslog lines hide no_log values."""

    _hiding = None  # the Scrubber, while Ansible's own passes are given no values to hide

    def warn(self, warning, *args, **kwargs):
        super(ScrubbedModule, self).warn(self._scrubber().text(warning), *args, **kwargs)

    def _return_formatted(self, kwargs):
        kwargs.setdefault("invocation", {"module_args": self.params})
        with self._hidden() as scrub:
            super(ScrubbedModule, self)._return_formatted(scrub.scrub(kwargs))

    def _log_invocation(self):
        with self._hidden():
            super(ScrubbedModule, self)._log_invocation()  # its message goes through log()

    def log(self, msg, log_args=None):
        with self._hidden() as scrub:
            super(ScrubbedModule, self).log(scrub.text(msg), dict(
                (name, scrub.text(str(value))) for name, value in (log_args or {}).items()))

    @contextmanager
    def _hidden(self):
        """The Scrubber; inside the block, Ansible's own passes have no no_log value to try."""
        scrub = self._scrubber()
        secrets, self.no_log_values, self._hiding = self.no_log_values, set(), scrub
        try:
            yield scrub
        finally:
            self.no_log_values, self._hiding = secrets, None

    def _scrubber(self):
        # Built again only if the no_log values changed (they are complete once the options are validated).
        if self._hiding is not None:
            return self._hiding
        if getattr(self, "_scrub_for", None) != self.no_log_values:
            self._scrub_for, self._scrub = set(self.no_log_values), Scrubber(self.no_log_values)
        return self._scrub
