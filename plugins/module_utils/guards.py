# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Refusals decided from what the task has read, before anything is written. Pure functions:
# because they run before the check-mode branch, check mode refuses exactly what the real
# run refuses, with the same sentence. Two kinds:
# - what Juju would refuse anyway (the controller owner; writes that need superuser, or
#   admin on the model or offer; a password reset of the login user itself or of a disabled
#   user; any change of one's own cloud access; most changes of a disabled user's model and
#   offer access; what a login user that is no superuser cannot see), said here in words
#   that name the reason;
# - what Juju allows but nobody can undo: the login user lowering or removing its own
#   controller access, or disabling or removing itself (juju-api.md §4.3, §4.4: Juju does
#   not prevent it), refused unless the task sets allow_self_lockout.
# Also the warnings about what Juju will not do though the task asks for it (a superuser login
# user's own offer admin, the login user's own new password), worded once for every module.

from ansible_collections.juju.controller.plugins.module_utils import access
from ansible_collections.juju.controller.plugins.module_utils.errors import Refused
from ansible_collections.juju.controller.plugins.module_utils.names import same_user

LOCKOUT_OPTION = "allow_self_lockout"
# Juju removes a user who owns models, and leaves the models and their offers behind: refused unless allowed.
MODEL_OWNER_OPTION = "allow_model_owner_removal"

# juju_user's actions that only a controller superuser may take (SetPassword: also the user itself).
_SUPERUSER_ACTIONS = {"add": "create", "remove": "remove", "enable": "enable", "disable": "disable",
                      "reset_password": "reset the password of"}
_VERBS = {"remove": "removing", "disable": "disabling"}


def is_controller_owner(name, owner):
    """True for the controller owner. `owner` is the owner of the controller model, as the client reads
    it (ControllerClient.controller_owner; None if not visible): the user Juju itself refuses to remove
    or disable ("cannot delete controller owner", "cannot disable controller model owner", juju-api.md
    §4.3, §4.4), whatever its name."""
    return bool(owner) and same_user(name, owner)


def _lockout(what, login_user, consequence):
    return Refused('%s the login user "%s" itself, after which %s; set %s=true if that is really meant.'
                   % (what, login_user, consequence, LOCKOUT_OPTION))


def check_model_owner_removal(name, actions, models, allowed):
    """Refuse removing `name` while it owns any of `models` (the client's model dicts), unless allowed."""
    owned = sorted(model["ref"] for model in models if same_user(model["owner"], name))
    if "remove" in actions and owned and not allowed:
        raise Refused('user "%s" owns the models %s: removing it leaves them, and their offers, without their owner; '
                      'remove the models first, or set %s=true if that is meant.'
                      % (name, ", ".join(owned), MODEL_OWNER_OPTION))


def check_user_actions(user, name, actions, login_user, login_is_superuser, allow_self_lockout, owner):
    """Refuse the planned actions (juju_user's, or one user's of juju_users) on `name` (current record
    `user`, None if absent); `owner` is the controller owner (see is_controller_owner)."""
    needing = [_SUPERUSER_ACTIONS[a] for a in actions if a in _SUPERUSER_ACTIONS]
    if needing and not login_is_superuser:
        raise Refused('the login user "%s" is not a controller superuser, so it cannot %s user "%s".'
                      % (login_user, needing[0], name))
    if "reset_password" in actions:
        _check_reset(user, name, login_user, "enable" in actions)
    harmful = [a for a in actions if a in _VERBS]
    if not harmful:
        return
    if is_controller_owner(name, owner):
        raise Refused('user "%s" is the controller owner, which Juju can neither remove nor disable.' % name)
    if same_user(name, login_user) and not allow_self_lockout:
        raise _lockout("%s user \"%s\" would lock out" % (_VERBS[harmful[0]].capitalize(), name), login_user,
                       "it could no longer log in")


def _check_reset(user, name, login_user, enabling):
    """ResetPassword's own refusals (juju-api.md §4.6), in Juju's words: never the caller's own
    account, never a disabled user (unless the task enables it first)."""
    if same_user(name, login_user):
        raise Refused('cannot reset the password of user "%s": permission denied (Juju never resets the login '
                      'user\'s own password; set it with password and update_password=always).' % name)
    if user and not user["enabled"] and not enabling:
        raise Refused('cannot reset the password of user "%s": user deactivated (enable it first, for example '
                      'with enabled=true in the same task).' % name)


def check_access_change(target, user, current, desired, login_user, login_is_superuser, login_level,
                        allow_self_lockout):
    """Refuse juju_user_access's change of `user` on `target` ({kind, name}) from `current` to `desired`.

    login_level is the login user's own level on a model or offer (None if none).
    """
    kind, label = target["kind"], '%s "%s"' % (target["kind"], target["name"])
    if kind == "cloud" and same_user(user, login_user):
        # Juju checks this before the caller's rights, and no option overrides it (juju-api.md §16).
        raise Refused('cannot change your own cloud access: user "%s" is the login user.' % user)
    if not login_is_superuser:
        if kind in ("controller", "cloud"):
            # Cloud: Juju 3.2-3.6 refuse even the cloud's admins (juju-api.md §16).
            raise Refused('the login user "%s" is not a controller superuser, so it cannot change %s '
                          'access.' % (login_user, kind))
        if login_level != "admin":
            raise Refused('the login user "%s" has %s access to %s, and changing access to it needs admin '
                          '(or controller superuser).' % (login_user, login_level or "no", label))
    lowering = access.rank(kind, desired) < access.rank(kind, current)
    # A superuser keeps admin on every model and offer whatever its grants say: only the
    # controller grant, or a non-superuser's own grant, is a lock on its own door.
    if lowering and same_user(user, login_user) and (kind == "controller" or not login_is_superuser) \
            and not allow_self_lockout:
        raise _lockout("Lowering the access to %s from %s to %s would lock out" % (label, current, desired or "none"),
                       login_user, "it could no longer manage what that access allowed")


# What Juju still does for a disabled local user (juju-api.md §19.3): st.UserAccess refuses a disabled user,
# and only these changes avoid it. A first model grant is written and then refused (Juju re-reads it), so it
# is refused here before it is half made.
_DISABLED_ALLOWED = {"model": ("remove it", lambda current, desired: current and not desired),
                     "offer": ("give it some where it has none", lambda current, desired: not current and desired)}


def check_disabled_user_change(target, user, current, desired):
    """Refuse a change of the model or offer access of `user`, a user record that is disabled, that Juju
    refuses for a disabled user ("user ... is disabled"), in both modes alike."""
    kind = target["kind"]
    if user is None or user["enabled"] or kind not in _DISABLED_ALLOWED:
        return
    allowed, may = _DISABLED_ALLOWED[kind]
    if not may(current, desired):
        raise Refused('user "%s" is disabled, and Juju changes the %s access of a disabled user only to %s, so its '
                      'access to %s "%s" cannot go from %s to %s; enable the user first.'
                      % (user["name"], kind, allowed, kind, target["name"], current or "none", desired or "none"))


def implicit_offer_admin(name, offer):
    """Not a refusal but its warning: what Juju does with the offer access of a superuser login user, which
    the task therefore leaves as it is (juju-api.md §19.2)."""
    return ('user "%s" is the login user and a controller superuser: Juju gives it admin on offer "%s" whatever '
            'its grant there, shows it no grant of its own and lowers that admin by no revoke, so its access is '
            'left as it is (its grant can be managed logged in as another superuser).' % (name, offer))


def check_unseen_user(name, settings, login_user, purge):
    """A login user that is no controller superuser sees no other user's record (juju-api.md §19.5): it can neither
    purge users nor apply, or check, an entry's `settings` (their option names) for another user `name` (None when
    only the purge is checked); only model and offer access can be planned from what it sees."""
    if purge:
        raise Refused('the login user "%s" is not a controller superuser, so it cannot purge users: Juju shows it no '
                      'other user, and lets only a superuser remove one.' % login_user)
    if settings:
        raise Refused('the login user "%s" is not a controller superuser, so it can neither see user "%s" nor set its '
                      '%s; its entry may set only models and offers (as a model or offer admin).'
                      % (login_user, name, ", ".join(settings)))


def unseen_user(login_user, name):
    """Not a refusal but its warning: what a login user that is no controller superuser cannot know of another local
    user (juju-api.md §19.5), so that Juju decides when the change is made, in the real run only."""
    return ('the login user "%s" is not a controller superuser, so it cannot see whether user "%s" exists or is '
            'disabled; Juju refuses a grant to a user that does not exist, and most changes of a disabled user\'s '
            'access.' % (login_user, name))


def warns_unseen(login_user, login_is_superuser, name):
    """Whether a change of `name`'s access needs unseen_user's warning: a local user other than the login user,
    changed by a login user that may not read it."""
    return not login_is_superuser and "@" not in name and not same_user(name, login_user)


def own_password_changed(name):
    """Not a refusal but its warning: the login user's own new password is not where the task got the old one."""
    return ('the password of the login user "%s" is changed, but this task logged in with the old one, which the Juju '
            'client store (accounts.yaml), JUJU_PASSWORD or wherever else it came from still holds: update it there, '
            'or later logins with it fail.' % name)
