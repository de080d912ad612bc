# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# ControllerClient: one controller connection, logged in with Admin v3, speaking the
# user and access parts of Juju's API (juju-api.md §3-§7). This file holds the
# connection, the login and the facade-version choice; the operations live in
# api_users.py (UserManager), api_access.py (controller/model/offer access) and api_cloud.py
# (clouds and cloud access), mixed in
# here so that callers see one class with the methods of the contract. model() opens the
# connections to models that model-only facades (KeyManager) need (api_model.py).

from ansible_collections.juju.controller.plugins.module_utils import errors, names, transport
from ansible_collections.juju.controller.plugins.module_utils.api_access import AccessMixin
from ansible_collections.juju.controller.plugins.module_utils.api_batch import BatchMixin
from ansible_collections.juju.controller.plugins.module_utils.api_cloud import CloudMixin
from ansible_collections.juju.controller.plugins.module_utils.api_users import UsersMixin

ADMIN_VERSION = 3
BAKERY_VERSION = 3  # the macaroon format of a macaroon login (§15.3), as the Go CLI sends
CLIENT_VERSION = "3.6.1"  # a 3.x client: Juju gates calls on the client's major version (§3.1)
# Versions this client speaks, preferred first (juju-api.md §13). Each is chosen from the
# Login result, and checked when first used, so a controller lacking, say, offers support
# still serves the user operations.
FACADE_VERSIONS = {
    "Controller": (12, 11),
    "ModelManager": (10, 9),
    "ApplicationOffers": (5, 4),
    "UserManager": (3,),
    "Cloud": (7,),
}

# The methods this client calls that change the controller, by their first word (UserManager's AddUser,
# RemoveUser, EnableUser, DisableUser, SetPassword, ResetPassword; every Modify*Access).
WRITES = ("Add", "Remove", "Enable", "Disable", "Set", "Reset", "Modify")


class ControllerClient(UsersMixin, AccessMixin, BatchMixin, CloudMixin):
    """A logged-in connection to one Juju controller (use as a context manager).

    settings: a settings.ConnectionSettings. warn: optional callable receiving warning
    sentences (they are also kept in .warnings); nothing is printed or logged.
    Not thread-safe: one request at a time.
    """

    def __init__(self, settings, warn=None):
        self.settings = settings
        self.current_user = None
        self.facades = {}
        self.warnings = []
        self.is_superuser = False
        self.server_version = None
        self._warn_cb = warn
        self._conn = None
        self._offered = {}
        self._closed_round_trips = 0
        self._models = None  # cache of list_models(): models are not created or removed here
        self._model_clients = {}  # uuid -> ModelClient, one connection per model touched

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def controller_name(self):
        return self.settings.controller_name

    @property
    def registration_endpoints(self):
        """The endpoints this client was configured with, in order: what `juju add-user` puts
        in a registration token (the issuing client's controllers.yaml api-endpoints, §8.1)."""
        return list(self.settings.endpoints)

    @property
    def round_trips(self):
        """API requests answered so far (Login included), over every connection this client opened."""
        live = self._conn.round_trips if self._conn is not None else 0
        return self._closed_round_trips + live + sum(m.round_trips for m in self._model_clients.values())

    def __enter__(self):
        self.connect()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def connect(self):
        if self._conn is None:
            conn, result = self._open(self.settings.user, self.settings.password, macaroons=self.settings.macaroons)
            self._conn = conn
            self._adopt(result)
        return self

    def model(self, model):
        """The ModelClient of a model (a dict of list_models()), made once per model and dialled at
        its first call with this client's settings; closed by close()."""
        # Imported here: only SSH key tasks talk to models, so the others do not load that code.
        from ansible_collections.juju.controller.plugins.module_utils.api_model import ModelClient
        if model["uuid"] not in self._model_clients:
            self._model_clients[model["uuid"]] = ModelClient(self, model["uuid"], model["ref"])
        return self._model_clients[model["uuid"]]

    def close(self):
        for model in self._model_clients.values():
            self._closed_round_trips += model.close()
        conn, self._conn = self._conn, None
        if conn is not None:
            self._closed_round_trips += conn.round_trips
            conn.close()

    def _warn(self, message):
        if message in self.warnings:
            return  # e.g. verify_password's second connection: once is enough
        self.warnings.append(message)
        if self._warn_cb is not None:
            self._warn_cb(message)

    def _label(self):
        if self.controller_name:
            return 'controller "%s"' % self.controller_name
        return "the controller at %s" % ", ".join(self.settings.endpoints)

    def _open(self, user, password, endpoints=None, macaroons=None, path="/api"):
        """Dial and log in as user with the password, or else the macaroon slices, to the controller
        (path /api) or a model (/model/<uuid>/api); return (Connection, LoginResult). Closes on any failure."""
        user = names.validate_user_name(user)
        if "@" in user:
            # External users log in with identity-provider macaroons, not passwords (§3.3).
            raise errors.LoginFailed("%s is an external user, who cannot log in with a password"
                                     % user, "", 'login to %s as "%s" failed' % (self._label(), user))
        conn = transport.dial(endpoints or self.settings.endpoints, path=path,
                              ca_cert=self.settings.ca_cert,
                              validate_certs=self.settings.validate_certs,
                              timeout=self.settings.timeout,
                              controller_name=self.controller_name,
                              warn=self._warn)
        try:
            return conn, self._login(conn, user, password, macaroons)
        except BaseException:
            self._closed_round_trips += conn.round_trips
            conn.close()
            raise

    def _login(self, conn, user, password, macaroons=None):
        context = 'login to %s as "%s" failed' % (self._label(), user)
        params = {"auth-tag": names.user_tag(user), "credentials": password or "", "nonce": "",
                  "macaroons": [], "user-data": "", "client-version": CLIENT_VERSION}
        stored = bool(macaroons) and not password
        if stored:
            # §15.3: the tag names the local user and "" credentials select the macaroon path.
            params["macaroons"], params["bakery-version"] = macaroons, BAKERY_VERSION
        try:
            result = conn.call("Admin", ADMIN_VERSION, "Login", params)
        except errors.ConnectionFailed:
            raise
        except errors.JujuError as exc:
            if stored:
                raise errors.classify_stored_login(exc.message, exc.code, self.controller_name, user, context)
            raise errors.scrubbed(errors.classify_login(exc.message, exc.code, context), [password])
        discharge = result.get("discharge-required") or result.get("bakery-discharge-required")
        if discharge and stored:
            # The store sends only cookies the jar holds as live (cookies.login_macaroons), so the
            # controller's refusal is not an expiry; only an interactive `juju login` renews it.
            raise errors.stored_login_refused(self.controller_name, user)
        if discharge:
            # No password (nor stored login) was sent, or the user is an external identity.
            raise errors.LoginFailed("the controller asks for a macaroon discharge, which only an "
                                     "interactive `juju login` can obtain; supply a password", "", context)
        return result

    def _adopt(self, result):
        """Record who we are and pick each facade's version from the Login result."""
        info = result.get("user-info") or {}
        identity = info.get("identity")
        self.current_user = (names.user_from_tag(identity) if identity
                             else names.validate_user_name(self.settings.user))
        self.is_superuser = info.get("controller-access") == "superuser"
        self.server_version = result.get("server-version")
        self._offered = {}
        for facade in result.get("facades") or ():
            self._offered[facade.get("name")] = list(facade.get("versions") or ())
        self.facades = {}
        for name, ours in FACADE_VERSIONS.items():
            common = [v for v in ours if v in self._offered.get(name, ())]
            if common:
                self.facades[name] = common[0]

    # -- calls -------------------------------------------------------------------------

    def _version(self, facade):
        version = self.facades.get(facade)
        if version is not None:
            return version
        speaks = " or ".join(str(v) for v in FACADE_VERSIONS[facade])
        offered = self._offered.get(facade)
        if offered:
            detail = "offers %s version %s only" % (facade, ", ".join(str(v) for v in offered))
        else:
            detail = "does not offer the %s facade" % facade
        raise errors.NotSupported("%s (Juju %s) %s, and this client speaks %s %s; use a Juju 3.x "
                                  "controller." % (self._label(), self.server_version or "unknown",
                                                   detail, facade, speaks), "not supported")

    def _call(self, facade, method, params, context=None):
        if self._conn is None:
            raise errors.ConnectionFailed("the client is not connected to %s; use it as a context "
                                          "manager or call connect() first." % self._label())
        version = self._version(facade)
        return self._conn.call(facade, version, method, params, context=context, write=method.startswith(WRITES))

    def _results(self, facade, method, params, count, context=None):
        """Call a bulk method and return its "results", checking there is one per entity."""
        results = self._call(facade, method, params, context).get("results") or []
        if len(results) != count:
            raise errors.JujuError("%s answered %d results to %s.%s for %d entities."
                                   % (self._label(), len(results), facade, method, count), "", context)
        return results

    def _one(self, facade, method, params, context):
        """Call a bulk method for one entity; return its "result" (or {}), raise its error."""
        item = self._results(facade, method, params, 1, context)[0] or {}
        if item.get("error"):
            raise errors.from_error_object(item["error"], context)
        result = item.get("result")
        return result if isinstance(result, dict) else item

    # -- password check ----------------------------------------------------------------

    def verify_password(self, name, password):
        """True if `name` can log in with `password`, False if Juju answers "invalid entity
        name or password"; the login happens over a second connection, closed at once.

        False also covers the cases Juju does not tell apart from a wrong password: an
        unknown user, a user without controller access, a user who never set a password.
        A disabled user (Juju 3.x: `user "bob" is disabled`) or a removed user cannot log
        in at all, so their password cannot be checked: LoginFailed is raised rather than
        guessing, and the caller decides (e.g. enable first, or set the password blindly).
        Connection failures raise as usual.
        """
        name = names.validate_user_name(name, local_only=True)
        if not password:
            return False  # Juju has no empty passwords; nothing to ask the controller
        endpoints = list(self.settings.endpoints)
        if self._conn is not None:
            # Dial the endpoint that answered first: it is known to be alive.
            first = self._conn.endpoint
            endpoints.sort(key=lambda e: transport.format_endpoint(*transport.parse_endpoint(e)) != first)
        try:
            conn = self._open(name, password, endpoints)[0]
        except errors.BadCredentials:
            return False
        self._closed_round_trips += conn.round_trips
        conn.close()
        return True
