# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Access operations of ControllerClient: controller access (Controller, §5), models and
# model access (ModelManager/UserManager, §4.8, §6), offers and offer access
# (ApplicationOffers, §7). Mixed into api.ControllerClient. The grant/revoke calls here
# are single Juju calls; which ones to make is decided by access.plan(), never here.

from ansible_collections.juju.controller.plugins.module_utils import access, errors, names

ACTIONS = ("grant", "revoke")


def _action(action):
    if action not in ACTIONS:
        raise errors.InvalidInput('"%s" is not an access action; use "grant" or "revoke".' % (action,))
    return action


def _change_context(action, level, kind, name, target):
    if action == "grant":
        return 'cannot grant %s access "%s" to user "%s"%s' % (kind, level, name, target)
    return 'cannot revoke %s access "%s" from user "%s"%s' % (kind, level, name, target)


def _levels(users, key):
    return dict((u.get(key), u.get("access")) for u in users or () if u.get(key))


class AccessMixin(object):

    # -- controller --------------------------------------------------------------------

    def controller_access(self, name):
        """The user's controller access ("login", "superuser") or None when they have none.

        Raises NotFound for an unknown user, Unauthorized when a non-superuser asks about
        someone else, and Juju's error for a disabled user (whose level Juju hides).
        """
        name = names.validate_user_name(name)
        context = 'cannot read the controller access of user "%s"' % name
        try:
            result = self._one("Controller", "GetControllerAccess",
                               {"entities": [{"tag": names.user_tag(name)}]}, context)
        except errors.NoAccess:
            return None
        return result.get("access") or None

    def modify_controller_access(self, name, action, level):
        name = names.validate_user_name(name)
        level = access.validate_level("controller", level)
        change = {"user-tag": names.user_tag(name), "action": _action(action), "access": level}
        self._one("Controller", "ModifyControllerAccess", {"changes": [change]},
                  _change_context(action, level, "controller", name, ""))

    # -- models ------------------------------------------------------------------------

    def list_models(self):
        """Models visible to the login user (every model for a superuser), sorted by ref.

        Each is {"name", "owner", "uuid", "ref": "owner/name"}; read once per client.
        """
        if self._models is None:
            params = {"user-tag": names.user_tag(self.current_user), "all": self.is_superuser}
            response = self._call("ModelManager", "ListModelSummaries", params, "cannot list models")
            models = []
            for item in response.get("results") or ():
                if item.get("error"):
                    raise errors.from_error_object(item["error"], "cannot list models")
                summary = item.get("result") or {}
                owner = names.user_from_tag(summary.get("owner-tag"))
                models.append({"name": summary.get("name"), "owner": owner, "uuid": summary.get("uuid"),
                               "ref": "%s/%s" % (owner, summary.get("name")),
                               # kept private: list_offers needs to know which models we administer
                               "_access": summary.get("user-access") or None,
                               # and controller_owner which model is the controller's
                               "_is_controller": bool(summary.get("is-controller"))})
            self._models = sorted(models, key=lambda m: m["ref"])
        return [dict((k, v) for k, v in m.items() if not k.startswith("_")) for m in self._models]

    def resolve_model(self, ref):
        """A model UUID (as `juju show-model` prints it), "owner/name", or "name" (owned by the login user)
        -> the model's dict; NotFound if the login user sees no such model.

        A UUID is taken as a UUID first: model names allow the same characters (juju-api.md §19.1), and a
        model named like a UUID is still found as "owner/name".
        """
        if names.is_model_uuid(ref):
            for model in self.list_models():
                if model["uuid"] == ref:
                    return model
            raise errors.NotFound('model "%s" was not found on the controller (or the login user "%s" cannot see '
                                  'it).' % (ref, self.current_user), "not found")
        owner, name = names.parse_model_ref(ref, self.current_user)
        wanted = "%s/%s" % (owner, name)
        for model in self.list_models():
            if model["name"] == name and names.same_user(model["owner"], owner):
                return model
        raise errors.NotFound('model "%s" was not found on %s (or user "%s" cannot see it).'
                              % (wanted, self._label(), self.current_user), "not found")

    def _model_label(self, uuid):
        for model in self._models or ():
            if model["uuid"] == uuid:
                return 'model "%s"' % model["ref"]
        return 'model "%s"' % uuid

    def model_users(self, uuid):
        """{user: level} of everyone with access to the model (needs read access to it).

        UserManager.ModelUserInfo lists all the model's users to anyone who may read the
        model (ModelInfo would show non-admins only themselves).
        """
        tag = names.model_tag(uuid)
        context = "cannot read the users of %s" % self._model_label(uuid)
        response = self._call("UserManager", "ModelUserInfo", {"entities": [{"tag": tag}]}, context)
        users = []
        for item in response.get("results") or ():
            if item.get("error"):
                raise errors.from_error_object(item["error"], context)
            users.append(item.get("result") or {})
        return _levels(users, "user")

    def modify_model_access(self, name, action, level, model_uuid):
        name = names.validate_user_name(name)
        level = access.validate_level("model", level)
        change = {"user-tag": names.user_tag(name), "action": _action(action), "access": level,
                  "model-tag": names.model_tag(model_uuid)}
        self._one("ModelManager", "ModifyModelAccess", {"changes": [change]},
                  _change_context(action, level, "model", name, " on " + self._model_label(model_uuid)))

    # -- offers ------------------------------------------------------------------------

    def offer_users(self, offer_url):
        """{user: level} for the offer "[owner/]model.offer"; NotFound if there is no such offer.

        Juju lists the login user first with their effective level ("admin" for superusers
        and model admins, even without an offer grant); other users appear only to offer
        admins. everyone@external (read by default on new offers) is a real grant.
        """
        url = names.parse_offer_url(offer_url, self.current_user)
        result = self._one("ApplicationOffers", "ApplicationOffers", {"offer-urls": [url]},
                           'cannot read offer "%s"' % url)
        return _levels(result.get("users"), "user")

    def modify_offer_access(self, name, action, level, offer_url):
        name = names.validate_user_name(name)
        level = access.validate_level("offer", level)
        url = names.parse_offer_url(offer_url, self.current_user)
        change = {"user-tag": names.user_tag(name), "action": _action(action), "access": level,
                  "offer-url": url}
        self._one("ApplicationOffers", "ModifyOfferAccess", {"changes": [change]},
                  _change_context(action, level, "offer", name, ' on offer "%s"' % url))

    def list_offers(self):
        """[{"url", "users"}] for every offer in the models the login user administers
        (all models for a superuser), in one ListApplicationOffers call, sorted by url.

        Offers the login user administers only through an offer grant (not as model admin)
        are not listed: Juju's ListApplicationOffers requires model admin.
        """
        self.list_models()
        models = [m for m in self._models if self.is_superuser or m["_access"] == "admin"]
        if not models:
            return []
        filters = [{"owner-name": m["owner"], "model-name": m["name"], "offer-name": "",
                    "application-name": "", "application-description": "", "application-user": "",
                    "endpoints": [], "connected-users": [], "allowed-users": []} for m in models]
        response = self._call("ApplicationOffers", "ListApplicationOffers", {"Filters": filters},
                              "cannot list offers")
        offers = []
        for details in response.get("results") or ():
            url = names.parse_offer_url(details.get("offer-url"), self.current_user)
            offers.append({"url": url, "users": _levels(details.get("users"), "user")})
        return sorted(offers, key=lambda o: o["url"])
