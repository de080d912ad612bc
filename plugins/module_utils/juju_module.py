# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The Ansible glue shared by every module: the connection options (documented once, in
# doc_fragments/connection.py), settings from those options, one client per task, every
# JujuError turned into fail_json(msg=<one sentence>), and the result shapes. Nothing
# here talks the protocol and nothing in the protocol layer imports Ansible.

from contextlib import contextmanager

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.juju.controller.plugins.module_utils import api, suboptions, transport
from ansible_collections.juju.controller.plugins.module_utils.errors import JujuError
from ansible_collections.juju.controller.plugins.module_utils.scrubbed_module import ScrubbedModule
from ansible_collections.juju.controller.plugins.module_utils.settings import DEFAULT_TIMEOUT, resolve

# The options of doc_fragments/connection.py, in one place (names and defaults).
CONNECTION_OPTIONS = ("controller", "api_endpoints", "login_user", "login_password",
                      "ca_cert", "validate_certs", "juju_data", "timeout")

# The results that hold registration strings (juju_user's, juju_users'), and what a failure says instead.
REGISTRATION_KEYS = ("registration_string", "registration_strings")
WITHHELD = ("A registration string issued before the failure is not returned, as Ansible prints a failed task's "
            "result (under no_log it is); reset that user's password (juju_user reset_password=true) for a new one.")

# The fields of a user, as modules return them (juju_user's `user`, juju_user_info's `users`).
USER_FIELDS = ("name", "display_name", "access", "created_by", "date_created", "last_connection", "enabled")


def connection_argument_spec():
    """Argument spec of the connection options; environment and client store are read later, by settings."""
    return dict(
        controller=dict(type="str"),
        api_endpoints=dict(type="list", elements="str"),
        login_user=dict(type="str"),
        login_password=dict(type="str", no_log=True),
        ca_cert=dict(type="str"),
        validate_certs=dict(type="bool", default=True),
        juju_data=dict(type="path"),
        timeout=dict(type="float", default=DEFAULT_TIMEOUT),
    )


def lockout_argument_spec():
    """The option that lets a task lower or remove the login user's own access (guards.py;
    documented once, in doc_fragments/lockout.py). Imported here: modules that only read need no guards."""
    from ansible_collections.juju.controller.plugins.module_utils.guards import LOCKOUT_OPTION
    return {LOCKOUT_OPTION: dict(type="bool", default=False)}


def _blank(value):
    return isinstance(value, str) and not value.strip()


def connection_settings(params):
    """ConnectionSettings from module params (explicit > environment > client store)."""
    return resolve(dict((name, params.get(name)) for name in CONNECTION_OPTIONS))


class JujuModule(ScrubbedModule):
    """AnsibleModule with the connection options and a controller() context manager (scrubbed_module.py:
    how no_log values are hidden)."""

    def __init__(self, argument_spec, blank_means_unset=(), **kwargs):
        """blank_means_unset: the module's string options for which "" (or blanks) means the same as
        leaving the option out (documented so); every other blank string option is refused."""
        spec = connection_argument_spec()
        spec.update(argument_spec)
        super(JujuModule, self).__init__(argument_spec=spec, **kwargs)
        self.argument_spec = spec  # with the suboptions that _load_params() checked
        if transport.WEBSOCKETS_IMPORT_ERROR is not None:
            self.fail_json(msg=missing_required_lib("websockets >= 13.1"),
                           exception=str(transport.WEBSOCKETS_IMPORT_ERROR))
        self._unset_blanks(argument_spec, blank_means_unset)

    def _load_params(self):
        # Before Ansible validates the options: plainly valid elements of lists of dicts are checked
        # and completed here, in a fraction of the time (suboptions.py).
        super(JujuModule, self)._load_params()
        checked = suboptions.checked(self.argument_spec, self.params)
        if checked is not None:
            self.argument_spec, secrets = checked
            self.no_log_values.update(secrets)

    def _unset_blanks(self, argument_spec, blank_means_unset):
        # Playbooks write `model: "{{ item.model | default('') }}"`: an empty model must never quietly
        # become "no model", which targets the controller instead. Connection options keep what the
        # connection fragment documents: empty is unset, as for the JUJU_* variables.
        for name in CONNECTION_OPTIONS:
            if _blank(self.params.get(name)):
                self.params[name] = None
        for name in sorted(argument_spec):
            if not _blank(self.params.get(name)):
                continue
            if name in blank_means_unset:
                self.params[name] = None
            else:
                self.fail_json(msg='Option "%s" is empty; give it a value, or leave it out (in a template: '
                                   '`default(omit)`).' % name)

    def report(self, changed, before=None, after=None, **result):
        """exit_json with the result; in diff mode also the before/after of what the task manages."""
        if self._diff and before is not None:
            result["diff"] = {"before": before, "after": after}
        self.exit_json(changed=changed, **result)

    @contextmanager
    def failures(self):
        """Turn every JujuError raised inside the block into fail_json with its one sentence
        (e.g. input validation): an expected failure never ends in a traceback."""
        try:
            yield
        except JujuError as error:
            self.fail_json(msg=sentence(str(error)))

    @contextmanager
    def applying(self, applied, describe, result=None):
        """Like failures(), for the block that writes: the sentence also says what the task had
        already applied (`applied`, each step worded by describe(step)), changed is true then, and
        `result` (what the writes made so far, e.g. a registration string) is returned with it, as
        fail_issued() returns it."""
        try:
            yield
        except JujuError as error:
            self.fail_issued(after_applying(str(error), [describe(step) for step in applied]), bool(applied),
                             **(result or {}))

    def fail_issued(self, msg, changed, **result):
        """fail_json for a task that may have issued registration strings (REGISTRATION_KEYS of result)
        before it failed. Ansible prints a failed task's whole result, at default verbosity too, so
        they are returned only under no_log (which hides it, while `register` still receives them);
        otherwise the sentence says that they are withheld and how to get new ones."""
        issued = [key for key in REGISTRATION_KEYS if result.get(key)]
        if issued and not self.no_log:
            for key in issued:  # juju_users' dict is returned always (empty), juju_user's string when issued
                if isinstance(result[key], dict):
                    result[key] = {}
                else:
                    del result[key]
            msg = "%s %s" % (msg, WITHHELD)
        self.fail_json(msg=msg, changed=changed, **result)

    @contextmanager
    def controller(self):
        """Connected, logged-in ControllerClient; closed on exit; JujuError -> fail_json."""
        with self.failures():
            settings = connection_settings(self.params)
            # The client warns (e.g. validate_certs=false) through the task's warnings.
            with api.ControllerClient(settings, warn=self.warn) as client:
                yield client


def sentence(text):
    """Juju's messages start lower-case and have no full stop; Ansible's read as sentences."""
    text = (text or "").strip() or "unknown error"
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def after_applying(text, done):
    """One sentence: what went wrong, and what the task had applied before it (done: phrases)."""
    text = sentence(text)
    if not done:
        return text
    return "%s (before that, the task %s)." % (text[:-1], ", then ".join(done))


def user_result(info):
    """A user as modules return it (the fields of USER_FIELDS), from the client's user dict."""
    if not info:
        return {}
    return dict((name, info.get(name)) for name in USER_FIELDS)
