# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Where to connect and as whom. Each piece is taken from the first place that has it:
# the module option, else the environment variable (the names terraform-provider-juju
# uses), else the Juju client store of the named or current controller (juju-api.md §9); a
# store account without a password logs in with the macaroons `juju login` left (cookies.py).
# The store is read only when something is still missing, so explicit settings work on
# a host without any Juju client. A missing piece fails with one sentence naming every
# place looked in, because "no password" alone does not tell a person what to fix.

import math
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional

try:
    import yaml
except ImportError as exc:  # reported as a SettingsError only when the store is needed
    yaml = None
    YAML_IMPORT_ERROR = exc
else:
    YAML_IMPORT_ERROR = None

from ansible_collections.juju.controller.plugins.module_utils import cookies
from ansible_collections.juju.controller.plugins.module_utils.errors import (
    InvalidInput, SettingsError, stored_login_expired)
from ansible_collections.juju.controller.plugins.module_utils.names import same_user

DEFAULT_TIMEOUT = 30.0

# piece -> (description, module option, environment variable, store file, store key)
_PIECES = {
    "endpoints": ("API endpoints", "api_endpoints", "JUJU_CONTROLLER_ADDRESSES", "controllers.yaml", "api-endpoints"),
    "user": ("login user", "login_user", "JUJU_USERNAME", "accounts.yaml", "user"),
    "password": ("login password", "login_password", "JUJU_PASSWORD", "accounts.yaml", "password"),
    "ca_cert": ("CA certificate", "ca_cert", "JUJU_CA_CERT", "controllers.yaml", "ca-cert"),
}
_REQUIRED = ("endpoints", "user", "password")  # ca_cert may be absent: the system CAs are then used
_ENDPOINT_RE = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]@]+):[0-9]{1,5}$")


@dataclass
class ConnectionSettings:
    controller_name: Optional[str]
    endpoints: List[str]
    user: str
    password: str = field(repr=False)
    ca_cert: Optional[str] = field(default=None, repr=False)
    validate_certs: bool = True
    timeout: float = DEFAULT_TIMEOUT
    # Macaroon slices from the Go cookie jar, sent instead of a password (then "").
    macaroons: list = field(default_factory=list, repr=False)
    # piece -> where it came from (e.g. "environment variable JUJU_USERNAME"), for messages.
    sources: dict = field(default_factory=dict, compare=False)


def _blank(value):
    return value is None or (isinstance(value, (str, list, tuple)) and not value)


def _join(words):
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def store_dir(explicit, environ):
    """(path, reason) of the client store: juju_data option, $JUJU_DATA, $XDG_DATA_HOME/juju, ~/.local/share/juju."""
    if not _blank(explicit.get("juju_data")):
        return os.path.expanduser(explicit["juju_data"]), "option juju_data"
    if environ.get("JUJU_DATA"):
        return environ["JUJU_DATA"], "JUJU_DATA"
    if environ.get("XDG_DATA_HOME"):
        return os.path.join(environ["XDG_DATA_HOME"], "juju"), "XDG_DATA_HOME"
    home = environ.get("HOME") or os.path.expanduser("~")
    return os.path.join(home, ".local", "share", "juju"), "the default location"


def _load_yaml(path):
    """Parsed mapping of a store file, or None when the file does not exist."""
    if not os.path.exists(path):
        return None
    if yaml is None:
        raise SettingsError("reading the Juju client store (%s) needs the Python library PyYAML, "
                            "which is not installed." % path)
    try:
        with open(path) as handle:
            data = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError("cannot read the Juju client store file %s: %s." % (path, exc))
    except yaml.YAMLError:
        raise SettingsError("the Juju client store file %s is not valid YAML." % path)
    data = {} if data is None else data
    if not isinstance(data, dict) or not isinstance(data.get("controllers") or {}, dict):
        raise SettingsError("the Juju client store file %s is malformed: it has no controllers mapping." % path)
    return data


def _endpoints(value, source):
    if isinstance(value, str):
        value = value.split(",")  # JUJU_CONTROLLER_ADDRESSES style
    if not isinstance(value, (list, tuple)):
        raise SettingsError("the API endpoints from %s must be a list of host:port." % source)
    result = [str(item).strip() for item in value if str(item).strip()]
    for endpoint in result:
        if not _ENDPOINT_RE.match(endpoint):
            raise SettingsError('the API endpoint "%s" from %s is not host:port.' % (endpoint, source))
    return result


def _ca_cert(value, source):
    # Accept PEM text itself or a path to it, as JUJU_CA_CERT does.
    if "-----BEGIN" in value:
        return value
    path = os.path.expanduser(value.strip())
    if not os.path.isfile(path):
        raise SettingsError("the CA certificate from %s is neither PEM text nor the path of an existing file "
                            "(%s)." % (source, path))
    try:
        with open(path) as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError("cannot read the CA certificate file %s from %s: %s." % (path, source, exc))
    if "-----BEGIN CERTIFICATE-----" not in text:
        raise SettingsError("the CA certificate file %s from %s holds no PEM certificate." % (path, source))
    return text


def _timeout(value):
    try:
        timeout = DEFAULT_TIMEOUT if value is None else float(value)
    except (TypeError, ValueError):
        timeout = -1.0
    if not timeout > 0 or math.isinf(timeout):
        raise SettingsError("timeout must be a positive number of seconds, not %r." % (value,))
    return timeout


def resolve(explicit, environ=None):
    """ConnectionSettings from module options (None = unset), environment and client store."""
    environ = os.environ if environ is None else environ
    explicit = dict(explicit or {})
    validate_certs = True if explicit.get("validate_certs") is None else bool(explicit["validate_certs"])
    values, sources = {}, {}
    for piece, (_desc, option, env, _file, _key) in _PIECES.items():
        for value, source in ((explicit.get(option), "option " + option),
                              (environ.get(env), "environment variable " + env)):
            if not _blank(value):
                values[piece], sources[piece] = value, source
                break

    name, name_source = None, None
    for value, source in ((explicit.get("controller"), "option controller"),
                          (environ.get("JUJU_CONTROLLER"), "environment variable JUJU_CONTROLLER")):
        if not _blank(value):
            name, name_source = value, source
            break

    wanted = [p for p in _REQUIRED if p not in values]
    if validate_certs and "ca_cert" not in values:
        wanted.append("ca_cert")
    store_notes = []
    if wanted:
        name = _from_store(explicit, environ, name, name_source, wanted, values, sources, store_notes)

    missing = [p for p in _REQUIRED if p not in values]
    if missing:
        raise SettingsError(_missing_message(missing, store_notes))
    return ConnectionSettings(
        controller_name=name,
        endpoints=_endpoints(values["endpoints"], sources["endpoints"]),
        user=str(values["user"]),
        password=str(values["password"]),
        ca_cert=_ca_cert(values["ca_cert"], sources["ca_cert"]) if "ca_cert" in values else None,
        validate_certs=validate_certs,
        timeout=_timeout(explicit.get("timeout")),
        macaroons=values.get("macaroons") or [],
        sources=sources,
    )


def _from_store(explicit, environ, name, name_source, wanted, values, sources, notes):
    """Fill the wanted pieces from the client store; describe where it looked in notes. Returns the name."""
    directory, reason = store_dir(explicit, environ)
    controllers_path = os.path.join(directory, "controllers.yaml")
    controllers = _load_yaml(controllers_path)
    if controllers is None:
        notes.append("%s (from %s), which does not exist" % (controllers_path, reason))
        return name
    known = controllers.get("controllers") or {}
    if name is None:
        name = controllers.get("current-controller") or None
        if name is None:
            notes.append("%s, which has no current-controller (set option controller or JUJU_CONTROLLER)"
                         % controllers_path)
            return None
        name_source = "current-controller in %s" % controllers_path
    if name not in known:
        raise SettingsError('controller "%s" (from %s) is not in %s; known controllers: %s.'
                            % (name, name_source, controllers_path, ", ".join(sorted(known)) or "none"))
    accounts_path = os.path.join(directory, "accounts.yaml")
    accounts = None
    if "user" in wanted or "password" in wanted:
        accounts = _load_yaml(accounts_path)
    documents = {"controllers.yaml": known[name] or {},
                 "accounts.yaml": ((accounts or {}).get("controllers") or {}).get(name) or {}}
    absent = {}  # file -> keys looked for in vain, for the message
    for piece in wanted:
        _desc, _option, _env, filename, key = _PIECES[piece]
        path = os.path.join(directory, filename)
        entry = documents[filename]
        value = entry.get(key) if isinstance(entry, dict) else None
        if not _blank(value):
            values[piece], sources[piece] = value, '%s of controller "%s" in %s' % (key, name, path)
        elif piece == "password":
            _stored_login(directory, name, documents, values, sources)
        if piece in _REQUIRED and piece not in values:
            absent.setdefault(filename, []).append(key)
    for filename, keys in absent.items():
        gone = filename == "accounts.yaml" and accounts is None
        where = os.path.join(directory, filename) + (", which does not exist" if gone else "")
        notes.append('%s of controller "%s" in %s' % (_join(keys), name, where))
    return name


def _stored_login(directory, name, documents, values, sources):
    """No password anywhere: log the store's own user in with the macaroons of the Go cookie jar (§15)."""
    account, details, user = documents["accounts.yaml"], documents["controllers.yaml"], values.get("user")
    if not isinstance(account, dict) or not isinstance(details, dict) or _blank(account.get("user")) or _blank(user):
        return
    try:
        if not same_user(str(user), str(account["user"])):
            return  # the jar holds the store user's login, not this one's
    except InvalidInput:
        return  # reported when logging in
    path = cookies.jar_path(directory, name)
    entries = cookies.read_jar(path)
    if entries is None:
        return
    slices = cookies.login_macaroons(entries, details)
    if not slices:
        raise stored_login_expired(name, user)
    values["password"], values["macaroons"] = "", slices
    sources["password"] = "the macaroons of controller \"%s\" in %s" % (name, path)


def _missing_message(missing, store_notes):
    descs = [_PIECES[p][0] for p in missing]
    options = [_PIECES[p][1] for p in missing]
    envs = [_PIECES[p][2] for p in missing]
    return ("no %s to connect with: looked in the module option%s %s, the environment variable%s %s and the "
            "Juju client store (%s)." % (_join(descs), "s" if len(missing) > 1 else "", _join(options),
                                         "s" if len(missing) > 1 else "", _join(envs), "; ".join(store_notes)))
