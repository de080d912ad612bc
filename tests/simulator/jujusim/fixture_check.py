"""A fixture (format: tests/simulator/README.md) checked before anything is built: every mistake is
one sentence naming where it is, never a traceback, and nothing a fixture says is ignored silently."""
from . import tags

# The keys each part of a fixture may hold (ssh-import-ids and a model's ssh-keys feed KeyManager).
KEYS = {
    "fixture": ("controller", "users", "models", "offers", "clouds", "ssh-import-ids"),
    "controller": ("name", "owner", "uuid", "cloud"),
    "user": ("name", "password", "display-name", "access", "disabled", "passwordless", "created-by"),
    "model": ("name", "owner", "uuid", "type", "is-controller", "users", "ssh-keys"),
    "offer": ("url", "application", "uuid", "description", "charm-url", "endpoints", "users"),
    "cloud": ("name", "type", "auth-types", "endpoint", "regions", "users"),
}
# juju-api.md §10: the levels a grant may have on each target.
LEVELS = {"controller": ("login", "superuser"), "model": ("read", "write", "admin"),
          "offer": ("read", "consume", "admin"), "cloud": ("add-model", "admin")}


class FixtureError(Exception):
    """One sentence saying what in the fixture is wrong."""


def _mapping(value, where, keys):
    if not isinstance(value, dict):
        raise FixtureError("%s must be a mapping of %s, not %s." % (where, ", ".join(KEYS[keys]), _kind(value)))
    unknown = sorted(str(k) for k in value if k not in KEYS[keys])
    if unknown:
        raise FixtureError("%s has the unknown key%s %s; use %s." % (
            where, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(KEYS[keys])))
    return value


def _list(data, key):
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FixtureError("%s must be a list, not %s." % (key, _kind(value)))
    return value


def _kind(value):
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", type(None): "empty"}.get(
        type(value), "a number")


def _name(spec, where):
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise FixtureError("%s has no name." % where)
    return name


def _user_name(name, where):
    if not isinstance(name, str) or not tags.valid_user_name(name):
        raise FixtureError("%s: %s is not a valid local user name (letters, digits, \".\", \"+\" and \"-\", "
                           "starting and ending with a letter or digit, at least 2 characters)."
                           % (where, tags.go_quote(str(name))))
    return name


def _grants(spec, where, target, users):
    grants = spec.get("users") or {}
    if not isinstance(grants, dict):
        raise FixtureError("%s: users must be a mapping of user name to level." % where)
    for user, level in grants.items():
        canonical = tags.canonical_user(user) if isinstance(user, str) else None
        if canonical is None:
            raise FixtureError("%s: %s is not a valid user name." % (where, tags.go_quote(str(user))))
        if tags.is_local(canonical) and tags.key(canonical) not in users:
            raise FixtureError("%s grants %s to %s, who is not in users (only external users, name@domain, "
                               "need no user)." % (where, level, tags.go_quote(user)))
        if level not in LEVELS[target]:
            raise FixtureError("%s: the %s level of %s is %s; use %s." % (
                where, target, user, tags.go_quote(str(level)), ", ".join(LEVELS[target])))


def check(data):
    """Raise FixtureError for the first mistake in a fixture's parsed YAML."""
    if data is None:
        return
    _mapping(data, "the fixture", "fixture")
    ctrl = _mapping(data.get("controller") or {}, "controller", "controller")
    users = {}
    for index, spec in enumerate(_list(data, "users")):
        where = "users[%d]" % index
        name = _user_name(_name(_mapping(spec, where, "user"), where), where)
        if tags.key(name) in users:
            raise FixtureError("users[%d]: %s and %s are one user: Juju compares local user names without case."
                               % (index, tags.go_quote(users[tags.key(name)]), tags.go_quote(name)))
        users[tags.key(name)] = name
        if not isinstance(spec.get("password", ""), str):
            raise FixtureError("%s: the password must be a string (quote it in YAML)." % where)
        access = spec.get("access", "login")
        if access not in LEVELS["controller"] + ("", None):
            raise FixtureError("%s: access is %s; use login, superuser, or \"\" for no controller access."
                               % (where, tags.go_quote(str(access))))
    owner = _user_name(ctrl.get("owner", "admin"), "controller owner")
    users.setdefault(tags.key(owner), owner)
    models = set()
    for index, spec in enumerate(_list(data, "models")):
        where = "models[%d]" % index
        name = _name(_mapping(spec, where, "model"), where)
        if not tags.MODEL_NAME_RE.fullmatch(name):
            raise FixtureError("%s: %s is not a valid model name (lower-case letters, digits and hyphens, not "
                               "starting with a hyphen)." % (where, tags.go_quote(name)))
        model_owner = _user_name(spec.get("owner", owner), where + " owner")
        if tags.key(model_owner) not in users:
            raise FixtureError("%s: its owner %s is not in users." % (where, tags.go_quote(model_owner)))
        if (tags.key(model_owner), name) in models:
            raise FixtureError("%s: %s/%s is listed twice." % (where, model_owner, name))
        models.add((tags.key(model_owner), name))
        _grants(spec, "model %s/%s" % (model_owner, name), "model", users)
    for index, spec in enumerate(_list(data, "offers")):
        where = "offers[%d]" % index
        url = _mapping(spec, where, "offer").get("url")
        try:
            parts = tags.parse_offer_url(url if isinstance(url, str) else "")
        except Exception as e:  # noqa: BLE001  tags raises ApiError with Juju's own text
            raise FixtureError("%s: url %s is not an offer URL: %s." % (where, tags.go_quote(str(url)), e))
        model_owner = parts["owner"] or owner
        if (tags.key(model_owner), parts["model"]) not in models:
            raise FixtureError("%s: the offer %s is on the model %s/%s, which is not in models."
                               % (where, url, model_owner, parts["model"]))
        _grants(spec, "offer %s" % url, "offer", users)
    for index, spec in enumerate(_list(data, "clouds")):
        where = "clouds[%d]" % index
        name = _name(_mapping(spec, where, "cloud"), where)
        _grants(spec, "cloud %s" % name, "cloud", users)
