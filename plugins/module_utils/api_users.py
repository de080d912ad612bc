# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# User operations of ControllerClient: UserManager v3 (juju-api.md §4). Mixed into
# api.ControllerClient, which provides _call/_results/_one, current_user, is_superuser.
# Names are validated before anything is sent (names.py), so a typo is a sentence
# (InvalidInput) rather than a round trip and a terse server error.

from ansible_collections.juju.controller.plugins.module_utils import errors
from ansible_collections.juju.controller.plugins.module_utils.names import same_user, user_tag, validate_user_name

UM = "UserManager"
# Go's zero time: what Juju reports as the creation date of an external user, who has no record (§4.7).
ZERO_TIME = "0001-01-01T00:00:00Z"


def _user(info):
    """UserManager UserInfo -> the client's plain dict (§4.7)."""
    return {
        "name": info.get("username"),
        "display_name": info.get("display-name") or "",
        # "" means no controller grant (or a disabled user): None says "no access" plainly.
        "access": info.get("access") or None,
        "created_by": info.get("created-by") or None,
        "date_created": info.get("date-created") if info.get("date-created") not in ("", ZERO_TIME) else None,
        "last_connection": info.get("last-connection") or None,  # omitted: never logged in
        "enabled": not info.get("disabled", False),
    }


class UsersMixin(object):

    def user_info(self, names=None, include_disabled=True):
        """Users as dicts; names=None for every user the login user may see (sorted by
        name, as Juju sends them; a non-superuser sees only itself).

        A named user that does not exist (or was removed) is simply absent from the list
        when the login user is a superuser, or when it names the login user itself.
        A non-superuser naming anyone else gets Unauthorized, whether or not that user
        exists: Juju answers "permission denied" both for a user it hides and for one
        that does not exist, so reading that answer as "absent" would claim a user does
        not exist when it may well exist. Callers that can do without the record (e.g.
        a model admin granting model access) catch Unauthorized and let Juju decide.
        include_disabled=False drops disabled users from named lookups too (Juju
        ignores the flag there).
        """
        if names is None:
            wanted = []
        else:
            wanted = [validate_user_name(n) for n in names]
            if not wanted:
                return []
        params = {"entities": [{"tag": user_tag(n)} for n in wanted],
                  "include-disabled": bool(include_disabled)}
        if wanted:
            results = self._results(UM, "UserInfo", params, len(wanted), "cannot read users")
        else:
            results = self._call(UM, "UserInfo", params, "cannot read users").get("results") or []
        users = []
        for index, item in enumerate(results):
            if item.get("error"):
                name = wanted[index] if wanted else "?"
                exc = errors.from_error_object(item["error"], 'cannot read user "%s"' % name)
                may_see = self.is_superuser or same_user(name, self.current_user)
                if may_see and isinstance(exc, (errors.NotFound, errors.Unauthorized)):
                    continue
                raise exc
            user = _user(item.get("result") or {})
            if include_disabled or user["enabled"]:
                users.append(user)
        return users

    def get_user(self, name):
        """One user's dict, or None if there is no such user."""
        found = self.user_info([name])
        return found[0] if found else None

    def add_user(self, name, display_name=None, password=None):
        """Create a local user; without a password Juju returns a registration secret key.

        Returns {"name", "secret_key"}: secret_key is the standard base64 of 32 bytes for
        a user without password (for registration.registration_string), else None.
        """
        name = validate_user_name(name, local_only=True)
        if password is not None and not password:
            raise errors.InvalidInput('the password for user "%s" is empty; give a password or none '
                                      'at all (the user then registers with a token).' % name)
        entry = {"username": name, "display-name": display_name or ""}
        if password is not None:
            entry["password"] = password
        context = 'cannot add user "%s"' % name
        item = self._one_scrubbed(UM, "AddUser", {"users": [entry]}, context, password)
        return {"name": name, "secret_key": item.get("secret-key") or None}

    def remove_user(self, name):
        self._entity(name, "RemoveUser", 'cannot remove user "%s"')

    def enable_user(self, name):
        self._entity(name, "EnableUser", 'cannot enable user "%s"')

    def disable_user(self, name):
        self._entity(name, "DisableUser", 'cannot disable user "%s"')

    def set_password(self, name, password):
        name = validate_user_name(name, local_only=True)
        if not password:
            raise errors.InvalidInput('the new password for user "%s" is empty; Juju does not allow '
                                      'empty passwords.' % name)
        params = {"changes": [{"tag": user_tag(name), "password": password}]}
        self._one_scrubbed(UM, "SetPassword", params, 'cannot set the password of user "%s"' % name,
                           password)

    def reset_password(self, name):
        """Clear the user's password; return the new registration secret key (std base64)."""
        item = self._entity(name, "ResetPassword", 'cannot reset the password of user "%s"')
        key = item.get("secret-key")
        if not key:
            raise errors.JujuError("%s reset the password of user \"%s\" but returned no secret key."
                                   % (self._label(), validate_user_name(name)))
        return key

    def _entity(self, name, method, context):
        name = validate_user_name(name, local_only=True)
        return self._one(UM, method, {"entities": [{"tag": user_tag(name)}]}, context % name)

    def _one_scrubbed(self, facade, method, params, context, password):
        # Juju never echoes a password, but a message carrying one would end up in logs.
        try:
            return self._one(facade, method, params, context)
        except errors.JujuError as exc:
            raise errors.scrubbed(exc, [password])
