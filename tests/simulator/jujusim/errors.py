"""Juju API errors: the exact messages and codes of juju-api.md §2.3-§2.5.

A handler raises ApiError for a call-level failure; bulk handlers put
ApiError.to_dict() into results[i].error for per-entity failures.
"""

UNAUTHORIZED = "unauthorized access"
NOT_FOUND = "not found"
USER_NOT_FOUND = "user not found"
MODEL_NOT_FOUND = "model not found"
NOT_IMPLEMENTED = "not implemented"
NOT_SUPPORTED = "not supported"
NOT_VALID = "not valid"
BAD_REQUEST = "bad request"


class ApiError(Exception):
    def __init__(self, message, code=""):
        super().__init__(message)
        self.message = message
        self.code = code

    def to_dict(self):
        # params.Error: message and code always emitted (code may be "").
        return {"message": self.message, "code": self.code}

    def prefixed(self, prefix):
        """errors.Annotate: "prefix: cause", keeping the cause's code."""
        return ApiError("%s: %s" % (prefix, self.message), self.code)


def perm_denied():
    return ApiError("permission denied", UNAUTHORIZED)


def bad_creds():
    return ApiError("invalid entity name or password", UNAUTHORIZED)


def not_found(message):
    return ApiError(message, NOT_FOUND)


def not_valid(message):
    # Open question 2 of juju-api.md §14: we map NotValid to "not valid" as 4.0 does
    # (the constant exists in 3.x's apierror.go list).
    return ApiError(message, NOT_VALID)


# Dispatch errors, 3.x wording (§2.5). The text depends on the requested version exactly as
# rpcreflect.CallNotImplementedError.Error() does (juju/juju rpc/rpcreflect/errors.go): an unknown
# facade is "unknown object type" only when the version is 0; with a version it is
# "unknown version (N) of interface" (apiserver/root.go lookupMethod and the pre-login
# adminRoot.FindMethod both pass the requested version).
def unknown_facade(name, version=0):
    if version:
        return unknown_version(name, version)
    return ApiError('unknown object type "%s"' % name, NOT_IMPLEMENTED)


def unknown_version(name, version):
    return ApiError("unknown version (%s) of interface \"%s\"" % (version, name), NOT_IMPLEMENTED)


def unknown_method(name, version, method):
    qualified = "%s(%s)" % (name, version) if version else name  # rpcreflect: no "(0)"
    return ApiError("no such request - method %s.%s is not implemented" % (qualified, method),
                    NOT_IMPLEMENTED)


def facade_not_supported(name, kind):
    return ApiError('facade "%s" not supported for %s API connection' % (name, kind), NOT_SUPPORTED)
