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
#
# The result then costs no more than one copy and one encoding: Ansible's remove_values, given no
# value to hide, would only copy the Scrubber's copy (dicts, lists, sets, strings and numbers, which
# it gives back unchanged), so it is skipped; and Ansible 2.19's encoder hands every dict and list
# to Python code, where the C encoder writes the same text by itself (it hands the encoder the values
# JSON has no type for, such as warnings), unless the result holds subclasses of str, int, float,
# dict, list or tuple (Ansible's tagged values), which the C encoder would write as plain ones.

import json
from contextlib import contextmanager

from ansible.module_utils import basic
from ansible.module_utils.basic import AnsibleModule

from ansible_collections.juju.controller.plugins.module_utils.scrub import Scrubber


class ScrubbedModule(AnsibleModule):
    """AnsibleModule whose result, echoed options, warnings and syslog lines hide no_log values."""

    _hiding = None  # the Scrubber, while Ansible's own passes are given no values to hide

    def warn(self, warning, *args, **kwargs):
        super(ScrubbedModule, self).warn(self._scrubber().text(warning), *args, **kwargs)

    def _return_formatted(self, kwargs):
        kwargs.setdefault("invocation", {"module_args": self.params})
        with self._hidden() as scrub, _copied_once():
            super(ScrubbedModule, self)._return_formatted(scrub.scrub(kwargs))

    def _record_module_result(self, o):
        # Ansible >= 2.19 only (older ones print the result themselves, with the standard encoder).
        if _natively_encoded(o):
            encoder = basic._json.get_module_encoder(basic._ANSIBLE_PROFILE, basic._json.Direction.MODULE_TO_CONTROLLER)
            # As Ansible prints it, but its encoder's encode() would wrap every dict and list first.
            print("\n%s" % json.JSONEncoder.encode(encoder(), o))  # pylint: disable=ansible-bad-function
        else:
            super(ScrubbedModule, self)._record_module_result(o)

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


@contextmanager
def _copied_once():
    """Inside the block, Ansible's remove_values given no value to hide returns the value itself (the
    Scrubber's copy) instead of a copy of it."""
    remove_values = basic.remove_values
    basic.remove_values = lambda value, no_log_strings: (
        remove_values(value, no_log_strings) if no_log_strings else value)
    try:
        yield
    finally:
        basic.remove_values = remove_values


_SCALARS = frozenset((str, int, float, bool, type(None)))
_JSON_TYPES = (str, int, float, dict, list, tuple)  # what the C encoder writes by itself, subclasses too


def _natively_encoded(value):
    """Whether the C encoder writes value as Ansible's encoder does: its dicts have str keys (others
    fail with Ansible's message), and no value in its dicts and lists is of a subclass of the JSON
    types or a tuple (which Ansible's encoder gives its tags, if any)."""
    pending = [value]
    while pending:
        value = pending.pop()
        kind = type(value)
        if kind is dict:
            if not all(isinstance(key, str) for key in value):  # a tagged key is written as a str by both
                return False
            pending.extend(value.values())
        elif kind is list:
            pending.extend(value)
        elif kind not in _SCALARS and isinstance(value, _JSON_TYPES):
            return False
    return True
