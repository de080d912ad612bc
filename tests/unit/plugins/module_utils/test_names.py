# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import uuid as uuidlib

import pytest

from ansible_collections.juju.controller.plugins.module_utils import names
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

UUID = "deadbeef-0bad-400d-8000-4b1d0d06f00d"


@pytest.mark.parametrize("name,canonical", [
    ("bob", "bob"), ("ab", "ab"), ("Bob.Smith+ops-1", "Bob.Smith+ops-1"), ("0-a-f", "0-a-f"),
    ("bob@local", "bob"), ("everyone@external", "everyone@external"), ("0-a-f@123", "0-a-f@123"),
])
def test_valid_user_names(name, canonical):
    assert names.validate_user_name(name) == canonical


@pytest.mark.parametrize("name", ["b", "", "-bob", "bob-", "bob_smith", "bob smith", "bob@", "@local",
                                  "bob@x", "bob@a@b", "bób", None, 5])
def test_invalid_user_names(name):
    with pytest.raises(InvalidInput) as info:
        names.validate_user_name(name)
    assert str(info.value).endswith(".")


def test_invalid_user_name_sentence_states_the_rule():
    with pytest.raises(InvalidInput) as info:
        names.validate_user_name("bob_smith")
    assert str(info.value) == ('user name "bob_smith" is not valid: use letters, digits, \'.\', \'+\' and \'-\', '
                               'starting and ending with a letter or digit, at least 2 characters, '
                               'optionally followed by @domain.')


def test_local_only():
    assert names.validate_user_name("bob@local", local_only=True) == "bob"
    with pytest.raises(InvalidInput, match="external user"):
        names.validate_user_name("alice@external", local_only=True)
    assert names.is_external("everyone@external") and not names.is_external("bob@local")


def test_tags():
    assert names.user_tag("bob@local") == "user-bob"
    assert names.user_tag("everyone@external") == "user-everyone@external"
    assert names.user_from_tag("user-bob") == "bob"
    assert names.user_from_tag("user-bob@local") == "bob"
    assert names.model_tag(UUID) == "model-" + UUID
    for bad in ("bob", "model-x", "user-"):
        with pytest.raises(InvalidInput):
            names.user_from_tag(bad)
    with pytest.raises(InvalidInput, match="not a model UUID"):
        names.model_tag("default")


def test_a_model_uuid_is_a_whole_lower_case_uuid_string():
    """What model options take as a UUID before a name (juju-api.md §19.1): the form `juju show-model` prints."""
    assert names.is_model_uuid(UUID) is True
    for other in (UUID.upper(), UUID + "\n", " " + UUID, UUID[:-1], "admin/" + UUID, "default", "", None,
                  uuidlib.UUID(UUID)):  # an option's value is a string: anything else is no model reference
        assert names.is_model_uuid(other) is False, other


@pytest.mark.parametrize("ref,owner,name", [
    ("default", "admin", "default"), ("fred/prod", "fred", "prod"), ("bob@local/m-1", "bob", "m-1"),
    ("alice@external/x", "alice@external", "x"),
])
def test_model_refs(ref, owner, name):
    assert names.parse_model_ref(ref, "admin") == (owner, name)


def test_model_ref_without_default_owner():
    assert names.parse_model_ref("prod") == (None, "prod")


@pytest.mark.parametrize("ref,message", [
    ("Prod", 'model name "Prod" in "Prod" is not valid'),
    ("-prod", "is not valid"),
    ("prod\n", r'model name "prod\\n" in "prod\\n" is not valid'),
    ("fred/", 'model name "" in "fred/" is not valid'),
    ("fr_ed/prod", 'the owner "fr_ed" of model "fr_ed/prod" is not a valid user name'),
    ("a/b/c", 'model "a/b/c" is not valid: use "owner/name" or "name".'),
    ("ctrl:fred/prod", 'model "ctrl:fred/prod" names a controller ("ctrl:")'),
    ("", "a model reference is required"),
])
def test_bad_model_refs(ref, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        names.parse_model_ref(ref, "admin")


@pytest.mark.parametrize("url,canonical", [
    ("fred/prod.hosted-mysql", "fred/prod.hosted-mysql"),
    ("prod.mysql", "admin/prod.mysql"),
    ("fred@local/prod.mysql", "fred/prod.mysql"),
    # ParseOfferURL (§7.1): the owner runs to the first "/", dots and domains included
    ("fred.smith/shop.db", "fred.smith/shop.db"),
    ("kim@canonical/shop.db", "kim@canonical/shop.db"),
])
def test_offer_urls(url, canonical):
    assert names.parse_offer_url(url, "admin") == canonical


@pytest.mark.parametrize("url,message", [
    ("ctrl:fred/prod.mysql", 'offer URL "ctrl:fred/prod.mysql" names a controller ("ctrl:"); only offers on '
                             'the connected controller can be managed, so drop that prefix.'),
    ("ctrl:prod.mysql:db", 'names a controller ("ctrl:")'),
    ("fred/prod.mysql:db", 'offer URL "fred/prod.mysql:db" includes an endpoint (":db"); access is granted on '
                           'the whole offer, so drop it.'),
    ("fred/prod", 'offer URL "fred/prod" is not valid: use "[owner/]model.offer".'),
    ("fred/prod.", "is not valid"),
    (".mysql", "is not valid"),
    ("fred/prod.my.sql", 'offer name "my.sql"'),
    ("fred/prod.mysql-1", 'offer name "mysql-1"'),
    ("fred/Prod.mysql", 'model name "Prod"'),
])
def test_bad_offer_urls(url, message):
    with pytest.raises(InvalidInput) as info:
        names.parse_offer_url(url, "admin")
    assert message in str(info.value)


@pytest.mark.parametrize("url,parts", [
    ("fred.smith/shop.db", ("", "fred.smith", "shop", "db", "")),
    ("ctrl:fred.smith/shop.db:pg", ("ctrl", "fred.smith", "shop", "db", "pg")),
    ("shop.db:pg", ("", "", "shop", "db", "pg")),
    ("ctrl:shop.db", ("ctrl", "", "shop", "db", "")),
])
def test_split_offer_url(url, parts):
    assert names.split_offer_url(url) == parts


@pytest.mark.parametrize("url", ["a.b/c.d/e.f", "fred/prod/x.db", ":prod.db", "fred/.db"])
def test_split_offer_url_refuses_what_juju_refuses(url):
    with pytest.raises(InvalidInput, match='is not valid: use "\\[owner/\\]model.offer"'):
        names.split_offer_url(url)


def test_cloud_tag():
    assert names.cloud_tag("microk8s") == "cloud-microk8s"
    assert names.cloud_tag("aws.eu_1-x") == "cloud-aws.eu_1-x"
    with pytest.raises(InvalidInput) as info:
        names.cloud_tag("-lxd")
    assert str(info.value) == ('cloud name "-lxd" is not valid: use letters, digits, ".", "_" and "-", '
                               'starting with a letter or digit.')


def test_offer_url_needs_an_owner():
    with pytest.raises(InvalidInput, match="has no owner"):
        names.parse_offer_url("prod.mysql", None)


@pytest.mark.parametrize("a, b, same", [
    ("Zed", "zed", True), ("zed@local", "ZED", True), ("Bob@External", "bob@external", True),
    ("bob", "bob@external", False), ("bob", "bobby", False),
])
def test_same_user_follows_jujus_lower_cased_key(a, b, same):
    assert names.same_user(a, b) is same
    assert (names.user_key(a) == names.user_key(b)) is same


def test_user_key_is_lower_case_canonical():
    assert names.user_key("Zed@local") == "zed"
    with pytest.raises(InvalidInput):
        names.user_key("a_b")
