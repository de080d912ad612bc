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

import functools
import json
import os
import re
from dataclasses import dataclass, field, replace
from typing import List, Optional

from ansible_collections.juju.controller.plugins.module_utils.dialer import ca_cert_problem, valid_port
from ansible_collections.juju.controller.plugins.module_utils.errors import (
    InvalidInput, SettingsError, stored_login_expired, stored_login_unusable)
from ansible_collections.juju.controller.plugins.module_utils.names import same_user

DEFAULT_TIMEOUT = 30.0
# Above an hour a timeout is a mistake (1e10 is not "wait forever"), and the socket layer
# refuses values that large anyway.
MAX_TIMEOUT = 3600.0

# piece -> (description, module option, environment variable, store file, store key)
_PIECES = {
    "endpoints": ("API endpoints", "api_endpoints", "JUJU_CONTROLLER_ADDRESSES", "controllers.yaml", "api-endpoints"),
    "user": ("login user", "login_user", "JUJU_USERNAME", "accounts.yaml", "user"),
    "password": ("login password", "login_password", "JUJU_PASSWORD", "accounts.yaml", "password"),
    "ca_cert": ("CA certificate", "ca_cert", "JUJU_CA_CERT", "controllers.yaml", "ca-cert"),
}
_REQUIRED = ("endpoints", "user", "password")  # ca_cert may be absent: the system CAs are then used
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_ENDPOINT_RE = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]@]+):([0-9]+)$")

# PyYAML, imported when a store file is first read (a task given every setting never loads it);
# None without it, which is reported as a SettingsError only then.
_NOT_IMPORTED = object()
yaml = _NOT_IMPORTED


def _store_loader():
    """The loader class for store files, or None when PyYAML is not installed."""
    global yaml
    if yaml is _NOT_IMPORTED:
        try:
            import yaml as library
        except ImportError:
            library = None
        yaml = library
    return None if yaml is None else _loader_class(yaml)


@functools.lru_cache(maxsize=None)
def _loader_class(library):
    # libyaml's parser when PyYAML has it: a tenth of the pure-Python one's time on a store file,
    # which every module run reads.
    class StoreLoader(getattr(library, "CSafeLoader", library.SafeLoader)):
        """Scalars stay text, as Juju's Go client reads them into its string fields:
        a password 0123 is "0123", not 83, and a user named yes is "yes", not True."""

    StoreLoader.yaml_implicit_resolvers = dict(
        (first, [(tag, regexp) for tag, regexp in resolvers
                 if tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")])
        for first, resolvers in library.SafeLoader.yaml_implicit_resolvers.items())
    return StoreLoader


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


def _unset(value):
    # An option or variable given as "" is unset; an option given as [] is an explicit empty
    # list of endpoints, refused rather than silently replaced by another controller's.
    return value is None or value == ""


def _escaped(text):
    """text with quotes and control characters escaped: a message stays one line."""
    return json.dumps(str(text), ensure_ascii=False)[1:-1]


def _quoted(text):
    return '"%s"' % _escaped(text)


def _join(words):
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def store_dir(explicit, environ):
    """(path, reason) of the client store: juju_data option, $JUJU_DATA, $XDG_DATA_HOME/juju, ~/.local/share/juju."""
    directory, reason = _store_location(explicit, environ)
    # Every sentence about the store shows this path: a line break in it would split the sentence.
    if _CONTROL_RE.search(directory):
        raise SettingsError("the Juju client store directory from %s has a control character in its name."
                            % reason)
    return directory, reason


def _store_location(explicit, environ):
    if not _blank(explicit.get("juju_data")):
        if not isinstance(explicit["juju_data"], str):
            raise SettingsError("option juju_data must be the path of a directory.")
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
    loader = _store_loader()
    if loader is None:
        raise SettingsError("reading the Juju client store (%s) needs the Python library PyYAML, "
                            "which is not installed." % path)
    try:
        with open(path) as handle:
            data = yaml.load(handle, Loader=loader)  # nosec: a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError("cannot read the Juju client store file %s: %s." % (path, exc))
    except (yaml.YAMLError, RecursionError):
        raise SettingsError("the Juju client store file %s is not valid YAML." % path)
    data = {} if data is None else data
    if not isinstance(data, dict) or not isinstance(data.get("controllers") or {}, dict):
        raise SettingsError("the Juju client store file %s is malformed: it has no controllers mapping." % path)
    return data


def _endpoints(value, source):
    if isinstance(value, str):
        value = value.split(",")  # JUJU_CONTROLLER_ADDRESSES style
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise SettingsError("the API endpoints from %s must be a list of host:port." % source)
    if not value:
        raise SettingsError("the API endpoints from %s are an empty list: give at least one host:port."
                            % source)
    result = [item.strip() for item in value]
    for endpoint in result:
        if not endpoint:
            raise SettingsError("the API endpoints from %s include an empty entry: each must be host:port."
                                % source)
        match = _ENDPOINT_RE.match(endpoint)
        if not match:
            raise SettingsError("the API endpoint %s from %s is not host:port." % (_quoted(endpoint), source))
        if not valid_port(int(match.group(1))):
            raise SettingsError("the API endpoint %s from %s has port %s, which is out of range (1-65535)."
                                % (_quoted(endpoint), source, match.group(1)))
    return result


def _text(piece, value, source):
    if not isinstance(value, str):
        raise SettingsError("the %s from %s must be a string." % (_PIECES[piece][0], source))
    return value


def _ca_cert(value, source):
    # Accept PEM text itself or a path to it, as JUJU_CA_CERT does.
    if "-----BEGIN" in _text("ca_cert", value, source):
        text, where = value, "the CA certificate from %s" % source
    else:
        path = os.path.expanduser(value.strip())
        if not os.path.isfile(path):
            raise SettingsError("the CA certificate from %s is neither PEM text nor the path of an existing file "
                                "(%s)." % (source, _quoted(path)))
        try:
            with open(path) as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError("cannot read the CA certificate file %s from %s: %s." % (path, source, exc))
        where = "the CA certificate file %s from %s" % (path, source)
    if "-----BEGIN CERTIFICATE-----" not in text:
        raise SettingsError("%s holds no PEM certificate." % where)
    # Checked here rather than at dial time, so that the sentence can say where it came from.
    problem = ca_cert_problem(text)
    if problem:
        raise SettingsError("%s is not a valid PEM certificate (%s)." % (where, problem))
    return text


def _timeout(value):
    if value is None:
        return DEFAULT_TIMEOUT
    try:
        if isinstance(value, bool):  # float(True) is 1.0, but true is no number of seconds
            raise TypeError(value)
        timeout = float(value)
    except (TypeError, ValueError, OverflowError):
        raise SettingsError("option timeout must be a number of seconds.")
    if not 0 < timeout <= MAX_TIMEOUT:
        raise SettingsError("option timeout is %g seconds, but it must be more than 0 and at most %g."
                            % (timeout, MAX_TIMEOUT))
    return timeout


def _validate_certs(value):
    if value is None:
        return True
    if not isinstance(value, bool):
        raise SettingsError("option validate_certs must be true or false.")
    return value


def resolve(explicit, environ=None):
    """ConnectionSettings from module options (None = unset), environment and client store."""
    environ = os.environ if environ is None else environ
    explicit = dict(explicit or {})
    validate_certs = _validate_certs(explicit.get("validate_certs"))
    timeout = _timeout(explicit.get("timeout"))
    values, sources = {}, {}
    for piece, (_desc, option, env, _file, _key) in _PIECES.items():
        for value, source in ((explicit.get(option), "option " + option),
                              (environ.get(env), "environment variable " + env)):
            if not _unset(value):
                values[piece], sources[piece] = value, source
                break

    name, name_source = None, None
    for value, source in ((explicit.get("controller"), "option controller"),
                          (environ.get("JUJU_CONTROLLER"), "environment variable JUJU_CONTROLLER")):
        if not _unset(value):
            if not isinstance(value, str):
                raise SettingsError("option controller must be the name of a controller.")
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
        user=_text("user", values["user"], sources["user"]),
        password=_text("password", values["password"], sources["password"]),
        ca_cert=_ca_cert(values["ca_cert"], sources["ca_cert"]) if "ca_cert" in values else None,
        validate_certs=validate_certs,
        timeout=timeout,
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
        name = controllers.get("current-controller")
        if _unset(name):
            notes.append("%s, which has no current-controller (set option controller or JUJU_CONTROLLER)"
                         % controllers_path)
            return None
        if not isinstance(name, str):
            raise SettingsError("the Juju client store file %s is malformed: its current-controller is not a "
                                "controller name." % controllers_path)
        name_source = "current-controller in %s" % controllers_path
    if name not in known:
        raise SettingsError("controller %s (from %s) is not in %s; known controllers: %s."
                            % (_quoted(name), name_source, controllers_path,
                               ", ".join(sorted(_escaped(key) for key in known)) or "none"))
    accounts_path = os.path.join(directory, "accounts.yaml")
    accounts = None
    if "user" in wanted or "password" in wanted:
        accounts = _load_yaml(accounts_path)
    documents = {"controllers.yaml": _entry(known, name, controllers_path),
                 "accounts.yaml": _entry((accounts or {}).get("controllers") or {}, name, accounts_path)}
    absent = {}  # file -> keys looked for in vain, for the message
    for piece in wanted:
        _desc, _option, _env, filename, key = _PIECES[piece]
        path = os.path.join(directory, filename)
        value = documents[filename].get(key)
        if piece == "password" and not _is_account_user(documents["accounts.yaml"], values.get("user")):
            # The stored password and macaroons are the store user's: never offer them as another user's.
            notes.append("%s holds the login of user %s, not of user %s from %s"
                         % (path, _quoted(documents[filename].get("user")), _quoted(values["user"]), sources["user"]))
            continue
        if not _blank(value):
            values[piece], sources[piece] = value, "%s of controller %s in %s" % (key, _quoted(name), path)
        elif piece == "password":
            _stored_login(directory, name, documents, values, sources)
        if piece in _REQUIRED and piece not in values:
            absent.setdefault(filename, []).append(key)
    for filename, keys in absent.items():
        gone = filename == "accounts.yaml" and accounts is None
        where = os.path.join(directory, filename) + (", which does not exist" if gone else "")
        notes.append("%s of controller %s in %s" % (_join(keys), _quoted(name), where))
    return name


def _entry(controllers, name, path):
    """The mapping of controller `name` in a store file's controllers ({} when absent or empty)."""
    entry = controllers.get(name)
    if entry is None:
        return {}
    if not isinstance(entry, dict):
        raise SettingsError("the Juju client store file %s is malformed: controller %s is not a mapping."
                            % (path, _quoted(name)))
    return entry


def _is_account_user(account, user):
    """True when accounts.yaml holds the login of this user (Juju's case rule), or names no user.

    Values of the wrong type pass here: they are reported, with where they came from, later.
    """
    stored = account.get("user")
    if _blank(stored) or _blank(user) or not isinstance(user, str):
        return True
    try:
        return same_user(user, str(stored))
    except InvalidInput:
        return False  # a user name that is not valid is reported when logging in


def _stored_login(directory, name, documents, values, sources):
    """No password anywhere: log the store's own user in with the macaroons of the Go cookie jar (§15)."""
    account, details, user = documents["accounts.yaml"], documents["controllers.yaml"], values.get("user")
    # details is a mapping: _entry refused any other controllers.yaml entry before this.
    if _blank(account.get("user")) or _blank(user):
        return  # the jar holds the login of the account's user only
    # Imported here: only a login without a password reads the jar, so the others do not load its code.
    from ansible_collections.juju.controller.plugins.module_utils import cookies
    path = cookies.jar_path(directory, name)
    entries = cookies.read_jar(path)
    if entries is None:
        return
    slices = cookies.login_macaroons(entries, details)
    if not slices:
        reason = cookies.no_login_reason(entries, details)
        if reason is None:
            raise stored_login_expired(name, user)
        raise stored_login_unusable(name, user, path, reason)
    # The macaroon declares the account's spelling, which the login tag must match (§15.3); "BOB" is bob by
    # Juju's case rule (_is_account_user), so log in as the account's spelling.
    values["user"], values["password"], values["macaroons"] = str(account["user"]), "", slices
    sources["password"] = "the macaroons of controller %s in %s" % (_quoted(name), path)


def _missing_message(missing, store_notes):
    descs = [_PIECES[p][0] for p in missing]
    options = [_PIECES[p][1] for p in missing]
    envs = [_PIECES[p][2] for p in missing]
    return ("no %s to connect with: looked in the module option%s %s, the environment variable%s %s and the "
            "Juju client store (%s)." % (_join(descs), "s" if len(missing) > 1 else "", _join(options),
                                         "s" if len(missing) > 1 else "", _join(envs), "; ".join(store_notes)))


@dataclass
class StoreController:
    """A controller as an inventory host: where and as whom to connect, never a secret.

    juju_data is the store that holds its password or cookie jar (None for a controller listed
    without the store); the modules read them from there at login.
    """
    name: str
    endpoints: List[str]
    ca_cert: Optional[str] = field(default=None, repr=False)
    user: Optional[str] = None
    uuid: Optional[str] = None
    cloud: Optional[str] = None
    region: Optional[str] = None
    juju_data: Optional[str] = None


def inventory_controllers(listed=None, juju_data=None, environ=None):
    """[StoreController]: every controller of the client store, or those of `listed`.

    An item of `listed` is a controller name in the store, or a mapping with `name` and any of
    the keys of _LISTED, which complete or replace the store's entry (with api_endpoints, a controller
    the store does not have). Raises SettingsError with one sentence.
    """
    environ = os.environ if environ is None else environ
    directory, reason = store_dir({"juju_data": juju_data}, environ)
    path = os.path.join(directory, "controllers.yaml")
    store = _store_controllers(directory, path)
    if listed is None:
        if store is None:
            raise _no_store(directory, reason)
        return list(store.values())
    if not isinstance(listed, (list, tuple)):
        raise SettingsError("option controllers must be a list of controller names or mappings.")
    chosen = []
    for number, item in enumerate(listed, 1):
        controller = _listed(item, "entry %d of option controllers" % number, store, directory, reason, path)
        if any(controller.name == other.name for other in chosen):
            raise SettingsError("option controllers names controller %s twice." % _quoted(controller.name))
        chosen.append(controller)
    return chosen


def _no_store(directory, reason):
    return SettingsError("there is no Juju client store at %s (from %s): it has no controllers.yaml."
                         % (directory, reason))


def _store_text(value, source):
    if not isinstance(value, str):
        raise SettingsError("the %s must be a string." % source)
    return value


# Keys of a controller listed in an inventory file besides name -> (StoreController field, check).
# No password: it stays in the store, or goes in Ansible Vault.
_LISTED = {"api_endpoints": ("endpoints", _endpoints), "ca_cert": ("ca_cert", _ca_cert),
           "login_user": ("user", _store_text), "cloud": ("cloud", _store_text), "region": ("region", _store_text)}


def _listed(item, where, store, directory, reason, path):
    fields = {"name": item} if isinstance(item, str) else item
    if not isinstance(fields, dict):
        raise SettingsError("%s must be a controller name or a mapping." % where)
    unknown = sorted(str(key) for key in fields if key != "name" and key not in _LISTED)
    if unknown:
        raise SettingsError("%s has the unknown key %s: the keys are %s (a password belongs in Ansible Vault, "
                            "as juju_login_password)." % (where, _quoted(unknown[0]), _join(["name"] + list(_LISTED))))
    name = fields.get("name")
    if _blank(name) or not isinstance(name, str):
        raise SettingsError("%s has no controller name." % where)
    given = {}
    for key, (attribute, check) in _LISTED.items():
        # [] is an explicit empty list of endpoints (refused), as for the modules' option.
        unset = _unset(fields.get(key)) if key == "api_endpoints" else _blank(fields.get(key))
        if not unset:
            given[attribute] = check(fields[key], "%s of %s" % (key, where))
    if store is not None and name in store:
        return replace(store[name], **given)
    if "endpoints" in given:
        return StoreController(name=name, **given)
    if store is None:
        raise _no_store(directory, reason)
    raise SettingsError("controller %s (%s) is not in %s; known controllers: %s. Give its api_endpoints to "
                        "list it without the store." % (_quoted(name), where, path,
                                                        ", ".join(_escaped(key) for key in store) or "none"))


def _store_controllers(directory, path):
    """{name: StoreController} of the store's controllers.yaml and accounts.yaml, None without the file."""
    controllers = _load_yaml(path)
    if controllers is None:
        return None
    accounts_path = os.path.join(directory, "accounts.yaml")
    accounts = (_load_yaml(accounts_path) or {}).get("controllers") or {}
    found = {}
    for name in sorted(controllers.get("controllers") or {}):
        details = _entry(controllers["controllers"], name, path)
        account = _entry(accounts, name, accounts_path)
        source = "%%s of controller %s in %%s" % _quoted(name)
        found[name] = StoreController(
            name=name,
            endpoints=_endpoints(details.get("api-endpoints"), source % ("api-endpoints", path)),
            ca_cert=_optional(details, "ca-cert", source % ("ca-cert", path), _ca_cert),
            user=_optional(account, "user", source % ("user", accounts_path), _store_text),
            uuid=_optional(details, "uuid", source % ("uuid", path), _store_text),
            cloud=_optional(details, "cloud", source % ("cloud", path), _store_text),
            region=_optional(details, "region", source % ("region", path), _store_text),
            juju_data=directory)
    return found


def _optional(entry, key, source, check):
    return None if _blank(entry.get(key)) else check(entry[key], source)
