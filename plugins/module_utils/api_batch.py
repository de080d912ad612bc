# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Batch forms of the user and access calls, for converging many users over one connection
# (juju-api.md §17). Mixed into api.ControllerClient. Juju applies the items of a list one
# by one and answers one result per item, so every write here returns one outcome per item
# (Juju's result dict, or the classified JujuError of that item) instead of raising: the
# caller decides what a per-item failure means. Lists are sent in chunks of CHUNK items so
# each answer comes back in bounded time.

from ansible_collections.juju.controller.plugins.module_utils import errors, names
from ansible_collections.juju.controller.plugins.module_utils.api_access import _levels

CHUNK = 200
VERIFY_WORKERS = 4  # parallel logins for password checks: each costs the controller one PBKDF2
_FACADES = {"controller": ("Controller", "ModifyControllerAccess"),
            "model": ("ModelManager", "ModifyModelAccess"),
            "offer": ("ApplicationOffers", "ModifyOfferAccess"),
            "cloud": ("Cloud", "ModifyCloudAccess")}


def _chunks(items):
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _entities(users):
    return [{"tag": names.user_tag(name)} for name in users]


def _change(kind, name, action, level, ident=None):
    change = {"user-tag": names.user_tag(name), "action": action, "access": level}
    if kind == "model":
        change["model-tag"] = names.model_tag(ident)
    elif kind == "offer":
        change["offer-url"] = ident
    elif kind == "cloud":
        change["cloud-tag"] = names.cloud_tag(ident)
    return change


class BatchMixin(object):

    def _batch(self, facade, method, key, items, contexts, secrets=()):
        """One outcome per item: Juju's result dict, or the JujuError for that item.

        A call-level failure becomes the outcome of every item of its chunk; after a broken
        connection nothing more is sent and the remaining items get that error too.
        """
        outcomes, broken = [], None
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            if broken is not None:
                outcomes.extend([broken] * len(chunk))
                continue
            try:
                results = self._results(facade, method, {key: chunk}, len(chunk))
            except errors.ConnectionFailed as exc:
                broken = errors.scrubbed(exc, secrets)
                outcomes.extend([broken] * len(chunk))
                continue
            except errors.JujuError as exc:
                # Refused as a whole (e.g. permission denied): each item says which change it was.
                outcomes.extend(errors.scrubbed(errors.classify(exc.message, exc.code, context), secrets)
                                for context in contexts[start:start + len(chunk)])
                continue
            for index, item in enumerate(results):
                item = item or {}
                if item.get("error"):
                    exc = errors.from_error_object(item["error"], contexts[start + index])
                    outcomes.append(errors.scrubbed(exc, secrets))
                else:
                    outcomes.append(item)
        return outcomes

    def add_users(self, users):
        """users: [{"name", "display_name", "password" (None: a registration secret key is returned)}]."""
        entries = []
        for user in users:
            entry = {"username": names.validate_user_name(user["name"], local_only=True),
                     "display-name": user.get("display_name") or ""}
            if user.get("password"):
                entry["password"] = user["password"]
            entries.append(entry)
        return self._batch("UserManager", "AddUser", "users", entries,
                           ['cannot add user "%s"' % u["name"] for u in users],
                           [u.get("password") for u in users])

    def remove_users(self, users):
        return self._entities_call("RemoveUser", users, 'cannot remove user "%s"')

    def enable_users(self, users):
        return self._entities_call("EnableUser", users, 'cannot enable user "%s"')

    def disable_users(self, users):
        return self._entities_call("DisableUser", users, 'cannot disable user "%s"')

    def _entities_call(self, method, users, context):
        return self._batch("UserManager", method, "entities", _entities(users), [context % u for u in users])

    def set_passwords(self, changes):
        """changes: [(name, password)]."""
        params = [{"tag": names.user_tag(name), "password": password} for name, password in changes]
        return self._batch("UserManager", "SetPassword", "changes", params,
                           ['cannot set the password of user "%s"' % name for name, dummy in changes],
                           [password for dummy, password in changes])

    def modify_access(self, kind, changes):
        """changes: [(name, action, level)] for the controller, [(name, action, level, ident)] for models,
        offers and clouds, where ident is the model's UUID, the offer's URL or the cloud's name."""
        facade, method = _FACADES[kind]
        params = [_change(kind, *change) for change in changes]
        contexts = ['cannot %s %s access "%s" %s user "%s"'
                    % (c[1], kind, c[2], "to" if c[1] == "grant" else "from", c[0]) for c in changes]
        return self._batch(facade, method, "changes", params, contexts)

    # -- reads -------------------------------------------------------------------------

    def controller_owner(self):
        """The owner of the controller model (the user who bootstrapped it), or None if not listed."""
        self.list_models()
        return next((m["owner"] for m in self._models if m["_is_controller"]), None)

    def controller_grants(self, users):
        """{user: own controller level, or None} for the users given, in one GetControllerAccess call per chunk.

        For an external user this is its own grant, without everyone@external's, which UserInfo adds (juju-api.md
        §19.6); a user without a grant (Juju: `controller user "..." not found`) gets None.
        """
        found = {}
        for chunk in _chunks([names.validate_user_name(user) for user in users]):
            results = self._results("Controller", "GetControllerAccess", {"entities": _entities(chunk)}, len(chunk),
                                    "cannot read the controller access of %d users" % len(chunk))
            for user, item in zip(chunk, results):
                if item.get("error"):
                    exc = errors.from_error_object(item["error"], 'cannot read the controller access of user "%s"'
                                                   % user)
                    if not isinstance(exc, errors.NoAccess):
                        raise exc
                found[user] = (item.get("result") or {}).get("access") or None
        return found

    def models_users(self, uuids):
        """{uuid: {user: level}} for every model given, in one ModelUserInfo call per chunk."""
        found = dict((uuid, {}) for uuid in uuids)
        for chunk in _chunks(list(uuids)):
            response = self._call("UserManager", "ModelUserInfo",
                                  {"entities": [{"tag": names.model_tag(uuid)} for uuid in chunk]},
                                  "cannot read the users of %d models" % len(chunk))
            for item in response.get("results") or ():
                if item.get("error"):
                    raise errors.from_error_object(item["error"], "cannot read the users of the models")
                info = item.get("result") or {}
                uuid = info.get("model-tag", "")[len("model-"):]
                if uuid in found and info.get("user"):
                    found[uuid][info["user"]] = info.get("access")
        return found

    def offers_users(self, urls):
        """{url: {user: level}} for the offers that exist; an unknown offer is left out."""
        urls, found = list(urls), {}
        for chunk in _chunks(urls):
            results = self._results("ApplicationOffers", "ApplicationOffers", {"offer-urls": chunk}, len(chunk),
                                    "cannot read offers")
            for url, item in zip(chunk, results):
                if item.get("error"):
                    exc = errors.from_error_object(item["error"], 'cannot read offer "%s"' % url)
                    if isinstance(exc, errors.NotFound):
                        continue
                    raise exc
                users = (item.get("result") or {}).get("users") or ()
                found[url] = dict((u["user"], u.get("access")) for u in users if u.get("user"))
        return found

    def clouds_users(self, clouds, missing_ok=True):
        """{cloud: {user: level}} of the clouds given (users as Juju keys them: lower-cased ids), in one
        CloudInfo call per chunk. An unknown cloud is left out, or raises NotFound unless missing_ok.

        Juju answers "permission denied" for a cloud where no grant is visible to the login user,
        which for a superuser (who sees every grant) can only mean the cloud has none: {} then;
        anyone else gets Unauthorized (their own grant is absent, others' are hidden).
        """
        found = {}
        for chunk in _chunks(list(clouds)):
            results = self._results("Cloud", "CloudInfo", {"entities": [{"tag": names.cloud_tag(c)} for c in chunk]},
                                    len(chunk), "cannot read the users of %d clouds" % len(chunk))
            for cloud, item in zip(chunk, results):
                if not item.get("error"):
                    found[cloud] = _levels((item.get("result") or {}).get("users"), "user")
                    continue
                exc = errors.from_error_object(item["error"], 'cannot read the users of cloud "%s"' % cloud)
                if isinstance(exc, errors.Unauthorized) and self.is_superuser:
                    found[cloud] = {}
                elif not (isinstance(exc, errors.NotFound) and missing_ok):
                    raise exc
        return found

    def verify_passwords(self, checks):
        """{name: True if it logs in with its password}, for [(name, password)], over a few parallel
        connections (one login each, as verify_password makes them)."""
        if not checks:
            return {}
        from concurrent.futures import ThreadPoolExecutor  # only tasks that check passwords load it
        clients = [self.__class__(self.settings, warn=self._warn) for dummy in checks]

        def verify(pair):
            client, (name, password) = pair
            return name, client.verify_password(name, password)

        with ThreadPoolExecutor(max_workers=min(VERIFY_WORKERS, len(checks))) as pool:
            answers = dict(pool.map(verify, zip(clients, checks)))
        self._closed_round_trips += sum(client.round_trips for client in clients)
        return answers
