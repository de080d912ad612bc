# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# juju_users runs as every module of the collection does (plugin_utils/module_action.py), except
# that its users_file is read here, on the Ansible controller (where the playbook and its vault
# password are), and handed to the module as users, and that its users do not travel back to the
# controller's main process with the result.

from ansible.errors import AnsibleError

from ansible_collections.juju.controller.plugins.plugin_utils.module_action import ModuleAction
from ansible_collections.juju.controller.plugins.plugin_utils.users_file import UsersFileError, parse

_USERS = "_juju_controller_users"  # the attribute of the task that keeps its users (see run)


class ActionModule(ModuleAction):

    def module_result(self, task_vars):
        # Ansible sends the task's arguments back to the controller's main process with the result,
        # pickling every value of users with its origin tags: at 10,000 users declared in a play's vars,
        # seconds for nothing that reads them. They are taken out of the arguments and kept on the task,
        # where a retry (until), which runs a new action on the same task, finds them.
        if "users" in self._task.args:
            setattr(self._task, _USERS, self._task.args.pop("users"))
        args = dict(self._task.args)
        if getattr(self._task, _USERS, None) is not None:
            args["users"] = getattr(self._task, _USERS)
        if args.get("users_file") is not None:
            try:
                args["users"] = self._declared_users(args)
            except UsersFileError as exc:
                return {"failed": True, "msg": str(exc)}
        return self.execute(args, task_vars)

    def _declared_users(self, args):
        name = args["users_file"]
        if args.get("users") is not None:
            raise UsersFileError("users and users_file are mutually exclusive: give the users in one of them.")
        try:
            path = self._find_needle("files", name)
        except AnsibleError:
            raise UsersFileError("users_file %s was not found on the Ansible controller (a relative path is looked "
                                 "for as copy looks for src: in files/ of the role and of the playbook, then next "
                                 "to the playbook)." % name)
        try:
            real = self._loader.get_real_file(path, decrypt=True)
        except AnsibleError:
            raise UsersFileError("users_file %s could not be read: if it is encrypted with ansible-vault, give its "
                                 "vault password (--ask-vault-pass, --vault-password-file or --vault-id)." % name)
        try:
            with open(real, "rb") as handle:
                data = handle.read()
        except (IOError, OSError) as exc:
            raise UsersFileError("users_file %s could not be read: %s." % (name, exc.strerror))
        finally:
            self._loader.cleanup_tmp_file(real)
        return parse(data, name)
