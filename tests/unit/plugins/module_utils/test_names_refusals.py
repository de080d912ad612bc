# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every refusal of names.py, as the whole sentence the user reads in fail_json's msg.

test_names.py checks which names are refused; these tests pin down the sentence each refusal
gives and the edges of the rules (the 128-character limit, non-string input, the parts of an
offer URL), so that a refusal cannot come out of the wrong branch with the wrong explanation.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.juju.controller.plugins.module_utils import names
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

OFFER_SYNTAX = 'offer URL "%s" is not valid: use "[owner/]model.offer".'


def refusal(function, *args, **kwargs):
    with pytest.raises(InvalidInput) as info:
        function(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize("name", [None, "", 5])
def test_user_name_required(name):
    assert refusal(names.validate_user_name, name) == "a user name is required."


def test_external_user_refused_where_only_local_users_are_managed():
    assert refusal(names.validate_user_name, "alice@external", local_only=True) == (
        'user "alice@external" is an external user (@external); only local users can be managed here.')


@pytest.mark.parametrize("tag, shown", [("bob", "bob"), ("model-x", "model-x"), (5, "5"), (None, "None")])
def test_not_a_user_tag(tag, shown):
    # A non-string must be refused with the sentence too, not fail on str methods.
    assert refusal(names.user_from_tag, tag) == '"%s" is not a user tag (expected "user-<name>").' % shown


def test_empty_user_tag_names_no_user():
    assert refusal(names.user_from_tag, "user-") == "a user name is required."


@pytest.mark.parametrize("uuid, shown", [("default", "default"), (None, "None")])
def test_not_a_model_uuid(uuid, shown):
    assert refusal(names.model_tag, uuid) == '"%s" is not a model UUID.' % shown


@pytest.mark.parametrize("ref", [None, ""])
def test_model_reference_required(ref):
    assert refusal(names.parse_model_ref, ref, "admin") == "a model reference is required."


def test_controller_prefix_named_up_to_the_first_colon():
    assert refusal(names.parse_model_ref, "c1:x:y/prod", "admin") == (
        'model "c1:x:y/prod" names a controller ("c1:"); give only "owner/name" or "name", '
        'the controller comes from the connection settings.')


def test_model_names_have_no_length_limit():
    # juju/names v5 IsValidModelName is the pattern alone: no cap to invent.
    assert names.parse_model_ref("fred/" + "a" * 1000) == ("fred", "a" * 1000)


@pytest.mark.parametrize("ref, sentence", [
    ("/default", 'model "/default" has nothing before "/" for its owner; use "owner/name", or "name" for a model of '
                 'the login user.'),
    (" admin/default", 'the owner " admin" of model " admin/default" is not a valid user name: use letters, digits, '
                       "'.', '+' and '-', starting and ending with a letter or digit, at least 2 characters, "
                       "optionally followed by @domain."),
])
def test_a_bad_model_owner_is_named_as_the_models_owner(ref, sentence):
    """Issue 14 item 8: these are about the model's owner, not "a user name"."""
    assert refusal(names.parse_model_ref, ref, "admin") == sentence


@pytest.mark.parametrize("url", [None, "", 5])
def test_offer_url_required(url):
    assert refusal(names.parse_offer_url, url, "admin") == "an offer URL is required."


@pytest.mark.parametrize("url", [
    "fred/prod",      # no "."
    "fred/prod.",     # no offer name after the "."
    ".mysql",         # no model before the "."
    "fred/.mysql",    # an owner and then no model
])
def test_offer_url_syntax_refused(url):
    assert refusal(names.parse_offer_url, url, "admin") == OFFER_SYNTAX % url


def test_bad_offer_name_refused_with_the_application_rule():
    assert refusal(names.parse_offer_url, "fred/prod.my.sql", "admin") == (
        'offer name "my.sql" in "fred/prod.my.sql" is not valid: use lower-case letters and digits, '
        'starting with a letter, in hyphen-separated words that each contain a letter.')


def test_offer_url_without_owner_or_default_owner():
    assert refusal(names.parse_offer_url, "prod.mysql", None) == (
        'offer URL "prod.mysql" has no owner and none was given to default to.')


def test_model_reference_with_two_slashes():
    assert refusal(names.parse_model_ref, "a/b/c", "admin") == 'model "a/b/c" is not valid: use "owner/name" or "name".'


def test_bad_model_name_in_an_offer_url_names_the_url():
    assert refusal(names.parse_offer_url, "fred/Prod.mysql", "admin") == (
        'model name "Prod" in "fred/Prod.mysql" is not valid: use lower-case letters, digits and hyphens, '
        'not starting with a hyphen.')
