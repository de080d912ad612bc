"""RPC dispatch: which facade/version/method a request names, and Juju's dispatch errors.

Framing itself (request-id echo, error frames) lives in server.py; this module
decides *what* a request calls and who may call it on which kind of connection.
"""
from . import errors, facades

# apiserver/restrict_controller.go (juju-api.md §1.2): reachable on a controller connection.
CONTROLLER_FACADES = {
    "AllModelWatcher", "ApplicationOffers", "Cloud", "Controller", "CrossController",
    "MigrationTarget", "ModelManager", "ModelUpgrader", "ModelSummaryWatcher",
    "SecretBackends", "UserManager",
}
COMMON_FACADES = {"Admin", "Pinger", "Bundle", "HighAvailability", "NotifyWatcher", "ModelConfig"}

# Mutating methods: counted as writes (contract §1); Admin/Pinger are neither reads nor writes.
WRITES = {"AddUser", "RemoveUser", "EnableUser", "DisableUser", "SetPassword", "ResetPassword",
          "ModifyControllerAccess", "ModifyModelAccess", "ModifyOfferAccess", "ModifyCloudAccess",
          "AddKeys", "ImportKeys", "DeleteKeys"}
NEITHER = {"Admin", "Pinger"}

SERVER_VERSION = "3.6.1"


def facade_versions(model_connection):
    """The Login result's facade list, filtered for the connection kind (§1.2, §3.2)."""
    out = []
    for name in sorted(facades.REGISTRY):
        if model_connection and name in CONTROLLER_FACADES:
            continue
        if not model_connection and name not in CONTROLLER_FACADES | COMMON_FACADES:
            continue
        out.append({"name": name, "versions": sorted(facades.REGISTRY[name])})
    return out


class Connection:
    """Per-websocket state: which model path it came in on and who logged in."""

    def __init__(self, model_uuid=None, root_error=None):
        self.model_uuid = model_uuid
        self.user = None  # canonical user id once Login succeeded
        # A connection to an unknown model answers every call with this error
        # (apiserver serves such connections with an error root).
        self.root_error = root_error
        self.host = None  # the request's Host header, set by the server

    @property
    def kind(self):
        return "model" if self.model_uuid else "controller"


def resolve(conn, facade, version, method, obj_id=""):
    """Return the handler for a request, or raise the ApiError Juju would answer."""
    if conn.root_error is not None:
        raise conn.root_error
    if conn.user is None:
        if facade != "Admin":  # before Login only Admin is served
            raise errors.unknown_facade(facade, version if isinstance(version, int) else 0)
    elif conn.kind == "controller":
        if facade not in CONTROLLER_FACADES and facade not in COMMON_FACADES:
            raise errors.facade_not_supported(facade, "controller")
    elif facade in CONTROLLER_FACADES:
        raise errors.facade_not_supported(facade, "model")
    versions = facades.REGISTRY.get(facade)
    if versions is None:
        raise errors.unknown_facade(facade, version if isinstance(version, int) else 0)
    if not isinstance(version, int) or version not in versions:
        # version 0 / missing: rpcreflect says "unknown object type" (Version == 0).
        raise errors.unknown_facade(facade, version if isinstance(version, int) else 0)
    handler = versions[version].get(method)
    if handler is None:
        raise errors.unknown_method(facade, version, method)
    if obj_id:
        raise errors.ApiError("id not found", errors.NOT_FOUND)
    return handler


def classify(facade, method):
    if facade in NEITHER:
        return None
    return "writes" if method in WRITES else "reads"
