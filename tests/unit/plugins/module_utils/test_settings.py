# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
import trustme
import yaml

from ansible_collections.juju.controller.plugins.module_utils import settings
from ansible_collections.juju.controller.plugins.module_utils.errors import SettingsError
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

PEM = trustme.CA().cert_pem.bytes().decode()
PEM2 = trustme.CA().cert_pem.bytes().decode()


def write_store(path, current="sim", controllers=None, accounts=None):
    path.mkdir(parents=True, exist_ok=True)
    if controllers is None:
        controllers = {
            "sim": {"uuid": "u1", "api-endpoints": ["127.0.0.1:17070", "10.0.0.2:17070"], "ca-cert": PEM},
            "prod": {"uuid": "u2", "api-endpoints": ["10.1.0.1:17070"], "ca-cert": PEM2},
        }
    if accounts is None:
        accounts = {"sim": {"user": "admin", "password": "s3cret"}, "prod": {"user": "ops", "password": "pw2"}}
    doc = {"controllers": controllers}
    if current:
        doc["current-controller"] = current
    (path / "controllers.yaml").write_text(yaml.safe_dump(doc))
    if accounts is not False:
        (path / "accounts.yaml").write_text(yaml.safe_dump({"controllers": accounts}))
    return path


@pytest.fixture
def store(tmp_path):
    return write_store(tmp_path / "juju")


@pytest.fixture
def env(tmp_path):
    # A home with nothing in it: no test may read the real ~/.local/share/juju.
    return {"HOME": str(tmp_path / "home")}


def test_current_controller_from_juju_data(store, env):
    env["JUJU_DATA"] = str(store)
    s = resolve({}, env)
    assert (s.controller_name, s.endpoints, s.user, s.password, s.ca_cert) == (
        "sim", ["127.0.0.1:17070", "10.0.0.2:17070"], "admin", "s3cret", PEM)
    assert s.validate_certs is True and s.timeout == 30.0
    assert s.sources["password"] == 'password of controller "sim" in %s/accounts.yaml' % store


def test_store_location_order(tmp_path, env):
    xdg = write_store(tmp_path / "xdg" / "juju", current="prod")
    home = write_store(tmp_path / "home" / ".local" / "share" / "juju")
    assert resolve({}, env).controller_name == "sim"  # ~/.local/share/juju
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    assert resolve({}, env).controller_name == "prod"
    env["JUJU_DATA"] = str(home)
    assert resolve({}, env).controller_name == "sim"
    assert resolve({"juju_data": str(xdg)}, env).controller_name == "prod"


def test_named_controller(store, env):
    env["JUJU_DATA"] = str(store)
    env["JUJU_CONTROLLER"] = "prod"
    s = resolve({}, env)
    assert (s.controller_name, s.endpoints, s.user, s.ca_cert) == ("prod", ["10.1.0.1:17070"], "ops", PEM2)
    # The option beats the environment variable.
    assert resolve({"controller": "sim"}, env).user == "admin"


def test_explicit_beats_env_beats_store(store, env):
    env.update(JUJU_DATA=str(store), JUJU_USERNAME="envuser", JUJU_PASSWORD="envpw",
               JUJU_CONTROLLER_ADDRESSES="1.2.3.4:17070, 5.6.7.8:17070", JUJU_CA_CERT=PEM2)
    s = resolve({}, env)
    assert (s.user, s.password, s.endpoints, s.ca_cert) == (
        "envuser", "envpw", ["1.2.3.4:17070", "5.6.7.8:17070"], PEM2)
    # Nothing was missing, so the store was not read: no name is guessed for these endpoints.
    assert s.controller_name is None
    s = resolve({"login_user": "opt", "login_password": "optpw", "api_endpoints": ["[::1]:17070"],
                 "ca_cert": PEM}, env)
    assert (s.user, s.password, s.endpoints, s.ca_cert) == ("opt", "optpw", ["[::1]:17070"], PEM)
    assert s.sources["user"] == "option login_user"


def test_store_fills_only_what_is_missing(store, env):
    env["JUJU_DATA"] = str(store)
    s = resolve({"login_password": "other"}, env)
    assert (s.user, s.password, s.endpoints) == ("admin", "other", ["127.0.0.1:17070", "10.0.0.2:17070"])


def test_stored_password_is_only_the_account_users(store, env):
    """accounts.yaml holds admin's password: another login user must not be offered it."""
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as err:
        resolve({"login_user": "bob"}, env)
    assert str(err.value) == (
        "no login password to connect with: looked in the module option login_password, the environment "
        'variable JUJU_PASSWORD and the Juju client store (%s/accounts.yaml holds the login of user "admin", '
        'not of user "bob" from option login_user).' % store)
    # Juju's case rule: ADMIN is the account's user.
    assert resolve({"login_user": "ADMIN"}, env).password == "s3cret"


def test_fully_explicit_needs_no_store(env):
    s = resolve({"api_endpoints": "h1:17070,h2:17070", "login_user": "admin", "login_password": "pw",
                 "validate_certs": False, "timeout": 5}, env)
    assert (s.controller_name, s.endpoints, s.ca_cert, s.validate_certs, s.timeout) == (
        None, ["h1:17070", "h2:17070"], None, False, 5.0)


def test_env_only_needs_no_store(env):
    env.update(JUJU_CONTROLLER_ADDRESSES="h1:17070", JUJU_USERNAME="u1", JUJU_PASSWORD="p1", JUJU_CA_CERT=PEM)
    s = resolve({"juju_data": "/nonexistent/juju"}, env)
    assert (s.endpoints, s.user, s.password, s.ca_cert) == (["h1:17070"], "u1", "p1", PEM)


def test_missing_ca_is_allowed_when_no_store_has_one(env):
    # No CA anywhere: the transport falls back to the system CAs (e.g. public-hostname controllers).
    s = resolve({"api_endpoints": ["h:1"], "login_user": "u1", "login_password": "p"}, env)
    assert s.ca_cert is None and s.validate_certs is True


def test_ca_cert_path_for_option_and_env(tmp_path, env):
    ca = tmp_path / "ca.pem"
    ca.write_text(PEM2)
    base = {"api_endpoints": ["h:1"], "login_user": "u1", "login_password": "p"}
    assert resolve(dict(base, ca_cert=str(ca)), env).ca_cert == PEM2
    env["JUJU_CA_CERT"] = str(ca)
    assert resolve(base, env).ca_cert == PEM2
    with pytest.raises(SettingsError) as info:
        resolve(dict(base, ca_cert=str(tmp_path / "nope.pem")), env)
    assert str(info.value) == ('the CA certificate from option ca_cert is neither PEM text nor the path of an '
                               'existing file ("%s").' % (tmp_path / "nope.pem"))
    ca.write_text("not a cert")
    with pytest.raises(SettingsError) as info:
        resolve(base, env)
    assert str(info.value) == ("the CA certificate file %s from environment variable JUJU_CA_CERT holds no PEM "
                               "certificate." % ca)


@pytest.mark.parametrize("pem", ["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                                 "-----BEGIN CERTIFICATE-----\n\u00e9\n-----END CERTIFICATE-----\n"])
def test_ca_cert_that_ssl_refuses_names_its_source(env, pem):
    with pytest.raises(SettingsError) as info:
        resolve({"api_endpoints": ["h:1"], "login_user": "u1", "login_password": "p", "ca_cert": pem}, env)
    message = str(info.value)
    assert message.startswith("the CA certificate from option ca_cert is not a valid PEM certificate (")
    assert message.endswith(").") and "\n" not in message


def test_ca_cert_key_instead_of_certificate(env):
    key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"
    env.update(JUJU_CONTROLLER_ADDRESSES="h:1", JUJU_USERNAME="u1", JUJU_PASSWORD="p", JUJU_CA_CERT=key)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == "the CA certificate from environment variable JUJU_CA_CERT holds no PEM certificate."


def test_nothing_anywhere(env, tmp_path):
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    path = tmp_path / "home" / ".local" / "share" / "juju" / "controllers.yaml"
    assert str(info.value) == (
        "no API endpoints, login user and login password to connect with: looked in the module options "
        "api_endpoints, login_user and login_password, the environment variables JUJU_CONTROLLER_ADDRESSES, "
        "JUJU_USERNAME and JUJU_PASSWORD and the Juju client store (%s (from the default location), which "
        "does not exist)." % path)


def test_missing_password_in_store(tmp_path, env):
    store = write_store(tmp_path / "juju", accounts={"sim": {"user": "admin"}})
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == (
        "no login password to connect with: looked in the module option login_password, the environment "
        "variable JUJU_PASSWORD and the Juju client store (password of controller \"sim\" in %s/accounts.yaml)."
        % store)


def test_missing_accounts_file(tmp_path, env):
    store = write_store(tmp_path / "juju", accounts=False)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({"login_user": "admin"}, env)
    assert "accounts.yaml, which does not exist" in str(info.value)
    assert "JUJU_PASSWORD" in str(info.value) and "login_password" in str(info.value)


def test_no_current_controller(tmp_path, env):
    store = write_store(tmp_path / "juju", current=None)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert "has no current-controller (set option controller or JUJU_CONTROLLER)" in str(info.value)
    assert resolve({"controller": "prod"}, env).user == "ops"


def test_unknown_controller_lists_known_ones(store, env):
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({"controller": "prdo"}, env)
    assert str(info.value) == ('controller "prdo" (from option controller) is not in %s/controllers.yaml; '
                               'known controllers: prod, sim.' % store)
    env["JUJU_CONTROLLER"] = "x"
    with pytest.raises(SettingsError, match="from environment variable JUJU_CONTROLLER"):
        resolve({}, env)


@pytest.mark.parametrize("filename,text", [
    ("controllers.yaml", "controllers: [unclosed"),
    ("accounts.yaml", "controllers:\n  sim: {user: admin\n"),
    ("controllers.yaml", "- just\n- a list\n"),
    ("accounts.yaml", "controllers: 3\n"),
])
def test_malformed_yaml_names_the_file(store, env, filename, text):
    (store / filename).write_text(text)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(store / filename) in str(info.value)
    assert "s3cret" not in str(info.value)


def test_missing_yaml_library(store, env, monkeypatch):
    monkeypatch.setattr(settings, "yaml", None)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError, match="needs the Python library PyYAML"):
        resolve({}, env)


@pytest.mark.parametrize("endpoints", ["host", "wss://h:17070/api", ["h:1", "h:port"], 17070])
def test_bad_endpoints(env, endpoints):
    with pytest.raises(SettingsError, match="from option api_endpoints"):
        resolve({"api_endpoints": endpoints, "login_user": "u1", "login_password": "p",
                 "validate_certs": False}, env)


@pytest.mark.parametrize("timeout,message", [
    (0, "option timeout is 0 seconds, but it must be more than 0 and at most 3600."),
    (-1, "option timeout is -1 seconds, but it must be more than 0 and at most 3600."),
    (1e10, "option timeout is 1e+10 seconds, but it must be more than 0 and at most 3600."),
    (float("nan"), "option timeout is nan seconds, but it must be more than 0 and at most 3600."),
    (float("inf"), "option timeout is inf seconds, but it must be more than 0 and at most 3600."),
    ("soon", "option timeout must be a number of seconds."),
    (True, "option timeout must be a number of seconds."),
    (10 ** 400, "option timeout must be a number of seconds."),
    ([5], "option timeout must be a number of seconds."),
])
def test_bad_timeout(env, timeout, message):
    with pytest.raises(SettingsError) as info:
        resolve({"api_endpoints": "h:1", "login_user": "u1", "login_password": "p", "timeout": timeout}, env)
    assert str(info.value) == message


@pytest.mark.parametrize("timeout,expected", [(None, 30.0), (3600, 3600.0), ("0.5", 0.5), (1e-3, 1e-3)])
def test_timeout_bounds_are_inclusive_of_an_hour(env, timeout, expected):
    s = resolve({"api_endpoints": "h:1", "login_user": "u1", "login_password": "p", "timeout": timeout}, env)
    assert s.timeout == expected


def test_empty_values_count_as_unset(store, env):
    env.update(JUJU_DATA=str(store), JUJU_USERNAME="", JUJU_CONTROLLER_ADDRESSES="")
    s = resolve({"login_user": None, "api_endpoints": None, "login_password": ""}, env)
    assert (s.user, s.password, s.endpoints[0]) == ("admin", "s3cret", "127.0.0.1:17070")


def test_no_ca_lookup_when_certificates_are_not_validated(store, env):
    env["JUJU_DATA"] = str(store)
    s = resolve({"api_endpoints": "h:1", "login_user": "u1", "login_password": "p", "validate_certs": False}, env)
    assert s.ca_cert is None and s.controller_name is None


def test_password_not_in_repr(store, env):
    env["JUJU_DATA"] = str(store)
    assert "s3cret" not in repr(resolve({}, env))


# -- a wrong value is refused with a sentence naming where it came from ---------------------

@pytest.mark.parametrize("endpoints,message", [
    ([], "the API endpoints from option api_endpoints are an empty list: give at least one host:port."),
    (["h:1", ""], "the API endpoints from option api_endpoints include an empty entry: each must be host:port."),
    ("h:1,", "the API endpoints from option api_endpoints include an empty entry: each must be host:port."),
    (["h:99999"], 'the API endpoint "h:99999" from option api_endpoints has port 99999, which is out of range '
                  '(1-65535).'),
    (["h:0"], 'the API endpoint "h:0" from option api_endpoints has port 0, which is out of range (1-65535).'),
    (["h:1\nx"], 'the API endpoint "h:1\\nx" from option api_endpoints is not host:port.'),
    ([17070], "the API endpoints from option api_endpoints must be a list of host:port."),
    ({"h": 1}, "the API endpoints from option api_endpoints must be a list of host:port."),
])
def test_endpoint_option_sentences(env, endpoints, message):
    with pytest.raises(SettingsError) as info:
        resolve({"api_endpoints": endpoints, "login_user": "u1", "login_password": "p", "validate_certs": False}, env)
    assert str(info.value) == message


def test_endpoint_variable_is_named(env):
    env.update(JUJU_CONTROLLER_ADDRESSES="h:1, h:65536", JUJU_USERNAME="u1", JUJU_PASSWORD="p")
    with pytest.raises(SettingsError) as info:
        resolve({"validate_certs": False}, env)
    assert str(info.value) == ('the API endpoint "h:65536" from environment variable JUJU_CONTROLLER_ADDRESSES '
                               'has port 65536, which is out of range (1-65535).')
    env["JUJU_CONTROLLER_ADDRESSES"] = " "
    with pytest.raises(SettingsError) as info:
        resolve({"validate_certs": False}, env)
    assert str(info.value) == ("the API endpoints from environment variable JUJU_CONTROLLER_ADDRESSES include "
                               "an empty entry: each must be host:port.")


@pytest.mark.parametrize("options,message", [
    ({"controller": ["sim"]}, "option controller must be the name of a controller."),
    ({"juju_data": ["/tmp"]}, "option juju_data must be the path of a directory."),
    ({"validate_certs": "no"}, "option validate_certs must be true or false."),
    ({"login_user": ["admin"]}, "the login user from option login_user must be a string."),
    ({"login_password": ["pw"]}, "the login password from option login_password must be a string."),
    ({"ca_cert": 12345}, "the CA certificate from option ca_cert must be a string."),
])
def test_option_of_the_wrong_type(store, env, options, message):
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve(options, env)
    assert str(info.value) == message


@pytest.mark.parametrize("filename,entry,message", [
    ("controllers.yaml", {"api-endpoints": ["h:99999"]},
     'the API endpoint "h:99999" from api-endpoints of controller "sim" in {path} has port 99999, which is out of '
     'range (1-65535).'),
    ("controllers.yaml", {"api-endpoints": [""]},
     'the API endpoints from api-endpoints of controller "sim" in {path} include an empty entry: each must be '
     'host:port.'),
    ("controllers.yaml", {"api-endpoints": [{"h": 1}]},
     'the API endpoints from api-endpoints of controller "sim" in {path} must be a list of host:port.'),
    ("controllers.yaml", {"api-endpoints": ["h:1"], "ca-cert": ["pem"]},
     'the CA certificate from ca-cert of controller "sim" in {path} must be a string.'),
    ("controllers.yaml", {"api-endpoints": ["h:1"], "ca-cert": 12345},
     'the CA certificate from ca-cert of controller "sim" in {path} is neither PEM text nor the path of an '
     'existing file ("12345").'),
    ("accounts.yaml", {"user": "admin", "password": ["s3cret"]},
     'the login password from password of controller "sim" in {path} must be a string.'),
    ("accounts.yaml", {"user": {"name": "admin"}, "password": "s3cret"},
     'the login user from user of controller "sim" in {path} must be a string.'),
    ("accounts.yaml", ["admin", "s3cret"],
     'the Juju client store file {path} is malformed: controller "sim" is not a mapping.'),
    ("controllers.yaml", "127.0.0.1:17070",
     'the Juju client store file {path} is malformed: controller "sim" is not a mapping.'),
])
def test_store_value_of_the_wrong_shape(tmp_path, env, filename, entry, message):
    good = {"controllers.yaml": {"api-endpoints": ["h:1"], "ca-cert": PEM},
            "accounts.yaml": {"user": "admin", "password": "s3cret"}}
    good[filename] = entry
    store = write_store(tmp_path / "juju", controllers={"sim": good["controllers.yaml"]},
                        accounts={"sim": good["accounts.yaml"]})
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == message.format(path=store / filename)


def test_current_controller_that_is_not_a_name(tmp_path, env):
    store = write_store(tmp_path / "juju", current=["sim"])
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == ("the Juju client store file %s/controllers.yaml is malformed: its current-controller "
                               "is not a controller name." % store)


def test_store_scalars_are_read_as_text(tmp_path, env):
    # Juju's Go client reads them as written; YAML 1.1 would make 0123 the number 83 and yes True.
    store = tmp_path / "juju"
    store.mkdir()
    (store / "controllers.yaml").write_text("current-controller: 2024\ncontrollers:\n  2024:\n"
                                            "    api-endpoints: [h:1]\n")
    (store / "accounts.yaml").write_text("controllers:\n  2024: {user: yes, password: 0123}\n")
    env["JUJU_DATA"] = str(store)
    s = resolve({"validate_certs": False}, env)
    assert (s.controller_name, s.user, s.password) == ("2024", "yes", "0123")


def test_store_directory_with_a_line_break_is_refused(env):
    env["JUJU_DATA"] = "/tmp/juju\nstore"
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == "the Juju client store directory from JUJU_DATA has a control character in its name."


def test_deeply_nested_yaml_is_not_valid_yaml(store, env):
    (store / "controllers.yaml").write_text("[" * 5000)
    env["JUJU_DATA"] = str(store)
    with pytest.raises(SettingsError) as info:
        resolve({}, env)
    assert str(info.value) == "the Juju client store file %s/controllers.yaml is not valid YAML." % store
