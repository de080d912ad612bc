# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""settings.resolve under hypothesis: whatever the client store files, the options and the
environment hold, the outcome is usable ConnectionSettings or the collection's SettingsError
with one sentence that names the culprit and shows no password. Never a Python exception.

Each client store file is one entry of STORE_FILES (its path in the store -> a strategy of
its text, None for absent), so a further file (e.g. the cookie jar) is one more entry.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
import os
import shutil
import tempfile

import trustme
import yaml
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from ansible_collections.juju.controller.plugins.module_utils import dialer
from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError, StoredLoginExpired
from ansible_collections.juju.controller.plugins.module_utils.juju_module import CONNECTION_OPTIONS
from ansible_collections.juju.controller.plugins.module_utils.settings import ConnectionSettings, MAX_TIMEOUT, resolve
from yamlvalues import SECRET, any_password, any_value, json_value, keys, password, text

PEM = trustme.CA().cert_pem.bytes().decode()
UUID = "5f1c2d3e-0a1b-4c2d-8e3f-a0b1c2d3e4f5"
# What `juju login` leaves in cookies/sim.json: one live macaroon cookie for the controller's UUID (§15.2).
# "s" holds the 32-byte signature as text (macaroon v2 JSON), so the cookie decodes as Go decodes it.
MACAROON = base64.b64encode(json.dumps([{"i": "login", "s": (SECRET + "-macaroon").ljust(32, "-")[:32]}]).encode()).decode()
COOKIE = {"Name": "macaroon-login", "Value": MACAROON, "Domain": UUID, "Path": "/", "CanonicalHost": UUID,
          "Secure": True, "HttpOnly": False, "Persistent": True, "HostOnly": True,
          "Expires": "2999-01-01T00:00:00Z", "Creation": "2025-01-01T00:00:00Z",
          "LastAccess": "2025-01-01T00:00:00Z", "Updated": "2025-01-01T00:00:00Z"}
# The failures settings may end in: its own, and a stored login that cannot be used (cookies.py).
FAILURES = (SettingsError, StoredLoginExpired)
EXPIRED = ('the stored login for controller "sim" (user admin) has expired; run `juju login` or supply a '
           'password')
ENV_VARS = ("JUJU_DATA", "JUJU_CONTROLLER", "JUJU_CONTROLLER_ADDRESSES", "JUJU_USERNAME", "JUJU_PASSWORD",
            "JUJU_CA_CERT")
FUZZ = hypothesis_settings(max_examples=120, deadline=None, database=None,
                           suppress_health_check=[HealthCheck.too_slow])

# -- values close to valid ones, besides those of every YAML type and shape ---------------------

endpoint_like = st.sampled_from(["127.0.0.1:17070", "h:1", "[::1]:17070", "h:99999", "h:0", "h", "", " ",
                                 "wss://h:1", "h:1,h:2", "h:1,"])
names = st.sampled_from(["sim", "prod", "", "x y"]) | text
plausible = {
    "controller": names, "current-controller": names, "juju_data": text,
    "api_endpoints": endpoint_like | st.lists(endpoint_like, max_size=3), "api-endpoints": endpoint_like
    | st.lists(endpoint_like, max_size=3), "ca_cert": st.just(PEM), "ca-cert": st.just(PEM),
    "login_user": names, "user": names,
    "validate_certs": st.booleans(), "timeout": st.sampled_from([0.001, 1, 30, MAX_TIMEOUT, "5", 10 ** 400]),
}


def value_for(key):
    """A value for `key`: a plausible one, any YAML value or, for passwords, a marked secret inside any shape."""
    if key in ("password", "login_password"):
        return any_password
    return plausible.get(key, st.nothing()) | any_value


def mapping(wanted):
    """A mapping with any subset of the wanted keys, each with value_for(key)."""
    return st.fixed_dictionaries({}, optional=dict((key, value_for(key)) for key in wanted))


def controllers_of(entry):
    return st.dictionaries(names | keys, entry | any_value, max_size=3)


def store_document(entry_keys, top_keys=()):
    """A store file's document: mostly the expected shape with fuzzed values, sometimes anything at all."""
    expected = st.fixed_dictionaries({}, optional=dict(
        [("controllers", controllers_of(mapping(entry_keys)) | any_value)]
        + [(key, value_for(key)) for key in top_keys]))
    return expected | any_value


def as_text(name, document):
    """A store file's text: cookie jars are JSON, the rest YAML."""
    return json.dumps(document) if name.endswith(".json") else yaml.safe_dump(document)


def raw_or(name, document):
    """The file absent (None), its document as text, or raw text (often not YAML or JSON at all)."""
    return st.none() | document.map(lambda doc: as_text(name, doc)) | text


cookie = st.fixed_dictionaries({}, optional=dict((key, st.just(value) | json_value) for key, value in COOKIE.items()))
STORE_FILES = {
    "controllers.yaml": store_document(("api-endpoints", "ca-cert", "uuid"), ("current-controller",)),
    "accounts.yaml": store_document(("user", "password", "last-known-access")),
    "cookies/sim.json": st.lists(cookie | json_value, max_size=3) | json_value,
}
options = st.fixed_dictionaries({}, optional=dict((name, value_for(name)) for name in CONNECTION_OPTIONS))
environments = st.fixed_dictionaries({}, optional=dict(
    (name, password if name == "JUJU_PASSWORD" else (endpoint_like | names | text)) for name in ENV_VARS
    if name != "JUJU_DATA"))


class Store(object):
    """A temporary client store directory with the given files (None = absent)."""

    def __init__(self, files):
        self.path = tempfile.mkdtemp(prefix="juju-fuzz-")
        for name, content in files.items():
            if content is not None:
                path = os.path.join(self.path, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)  # e.g. cookies/<controller>.json
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(content)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        shutil.rmtree(self.path)


def outcome(explicit, environ):
    """resolve()'s settings (checked usable) or its failure's sentence (checked well-formed)."""
    try:
        result = resolve(explicit, environ)
    except FAILURES as error:
        message = str(error)
        assert "\n" not in message and "Traceback" not in message, message
        assert message.endswith(".") or isinstance(error, StoredLoginExpired), message
        assert SECRET not in message, message
        return message
    assert isinstance(result, ConnectionSettings)
    for endpoint in result.endpoints:
        dialer.parse_endpoint(endpoint)  # whatever settings accepts, the dialer accepts
    assert result.endpoints and isinstance(result.user, str) and isinstance(result.password, str)
    assert 0 < result.timeout <= MAX_TIMEOUT and isinstance(result.validate_certs, bool)
    if result.ca_cert is not None:
        assert dialer.ca_cert_problem(result.ca_cert) == ""
    assert SECRET not in repr(result)
    return result


@FUZZ
@given(files=st.fixed_dictionaries(dict((name, raw_or(name, document)) for name, document in STORE_FILES.items())),
       explicit=options, environ=environments)
def test_anything_at_all_is_settings_or_one_sentence(files, explicit, environ):
    with Store(files) as store:
        environ = dict(environ, JUJU_DATA=store.path, HOME=store.path)
        outcome(explicit, environ)


# -- one wrong place in a good setup: the sentence names that place ----------------------------

def good_files():
    """A store that logs admin in with a password, and its cookie jar that could (§15)."""
    return {
        "controllers.yaml": {"current-controller": "sim", "controllers": {
            "sim": {"uuid": UUID, "api-endpoints": ["127.0.0.1:17070"], "ca-cert": PEM}}},
        "accounts.yaml": {"controllers": {"sim": {"user": "admin", "password": SECRET}}},
        "cookies/sim.json": [dict(COOKIE)],
    }


def written(files):
    return dict((name, as_text(name, document)) for name, document in files.items())


# (file, path of keys) -> a place in good_files() to spoil
STORE_PLACES = [
    ("controllers.yaml", ()), ("controllers.yaml", ("current-controller",)), ("controllers.yaml", ("controllers",)),
    ("controllers.yaml", ("controllers", "sim")), ("controllers.yaml", ("controllers", "sim", "api-endpoints")),
    ("controllers.yaml", ("controllers", "sim", "ca-cert")),
    ("accounts.yaml", ()), ("accounts.yaml", ("controllers",)), ("accounts.yaml", ("controllers", "sim")),
    ("accounts.yaml", ("controllers", "sim", "user")), ("accounts.yaml", ("controllers", "sim", "password")),
    ("cookies/sim.json", ()), ("cookies/sim.json", (0,)),
] + [("cookies/sim.json", (0, key)) for key in sorted(COOKIE)]


def spoil(document, keys, value):
    if not keys:
        return value
    parent = document
    for key in keys[:-1]:
        parent = parent[key]
    parent[keys[-1]] = value
    return document


@FUZZ
@given(place=st.sampled_from(STORE_PLACES), value=st.data())
def test_a_wrong_store_value_is_named_by_its_file(place, value):
    filename, keys = place
    files = good_files()
    if filename.endswith(".json"):  # the jar is read only when the store has no password
        del files["accounts.yaml"]["controllers"]["sim"]["password"]
        spoilt = value.draw(json_value)
    else:
        spoilt = value.draw(value_for(keys[-1] if keys else ""))
    files[filename] = spoil(files[filename], keys, spoilt)
    with Store(written(files)) as store:
        result = outcome({}, {"JUJU_DATA": store.path, "HOME": store.path})
        if isinstance(result, str) and result != EXPIRED:
            assert os.path.join(store.path, filename) in result, result


@FUZZ
@given(text_instead=st.sampled_from(sorted(good_files())), content=text)
def test_a_store_file_that_is_not_yaml_is_named(text_instead, content):
    files = written(good_files())
    files[text_instead] = content
    with Store(files) as store:
        result = outcome({}, {"JUJU_DATA": store.path, "HOME": store.path})
        if isinstance(result, str):
            assert os.path.join(store.path, text_instead) in result, result


@FUZZ
@given(name=st.sampled_from(CONNECTION_OPTIONS), value=st.data())
def test_a_wrong_option_is_named(name, value):
    option_value = value.draw(value_for(name))
    with Store(written(good_files())) as store:
        result = outcome({name: option_value}, {"JUJU_DATA": store.path, "HOME": store.path})
        if isinstance(result, str):
            assert "option " + name in result, result


@FUZZ
@given(name=st.sampled_from(ENV_VARS), value=endpoint_like | names | text)
def test_a_wrong_environment_variable_is_named(name, value):
    with Store(written(good_files())) as store:
        environ = {"JUJU_DATA": store.path, "HOME": store.path}
        environ[name] = value if name != "JUJU_DATA" or value else store.path
        result = outcome({}, environ)
        if isinstance(result, str):
            assert name in result, result


def test_the_good_setup_resolves():
    # The base every "one wrong place" test spoils: without a spoiled place, it connects, with
    # the password or, without one, with the jar's macaroon.
    files = good_files()
    with Store(written(files)) as store:
        result = outcome({}, {"JUJU_DATA": store.path, "HOME": store.path})
    assert (result.controller_name, result.endpoints, result.user, result.password, result.ca_cert) == (
        "sim", ["127.0.0.1:17070"], "admin", SECRET, PEM)
    del files["accounts.yaml"]["controllers"]["sim"]["password"]
    with Store(written(files)) as store:
        result = outcome({}, {"JUJU_DATA": store.path, "HOME": store.path})
    assert (result.user, result.password, result.macaroons) == (
        "admin", "", [[{"i": "login", "s": (SECRET + "-macaroon").ljust(32, "-")[:32]}]])


def test_secrets_of_every_shape_stay_out_of_messages():
    # A password that is a list is refused without being shown, even partly.
    files = good_files()
    files["accounts.yaml"]["controllers"]["sim"]["password"] = [SECRET + "1", SECRET + "2"]
    with Store(written(files)) as store:
        result = outcome({}, {"JUJU_DATA": store.path, "HOME": store.path})
    assert result == ('the login password from password of controller "sim" in %s must be a string.'
                      % os.path.join(store.path, "accounts.yaml"))
