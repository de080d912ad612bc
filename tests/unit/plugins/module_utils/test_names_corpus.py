# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Every name rule against Go's verdicts. The oracles below restate juju/names v5 (user.go,
# model.go, cloud.go, application.go) character by character, without a regular expression,
# as Go's "^...$" reads them: the whole string, so a trailing newline is never part of a name.

import string

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.juju.controller.plugins.module_utils import names
from ansible_collections.juju.controller.plugins.module_utils.errors import InvalidInput

ALNUM = set(string.ascii_letters + string.digits)
LOWER_DIGITS = set(string.ascii_lowercase + string.digits)


def go_user_part(text):
    """validUserNameSnippet [a-zA-Z0-9][a-zA-Z0-9.+-]*[a-zA-Z0-9]."""
    return (len(text) >= 2 and text[0] in ALNUM and text[-1] in ALNUM
            and all(c in ALNUM or c in ".+-" for c in text))


def go_user(text):
    """IsValidUser: name, optionally @domain, each a snippet."""
    name, sep, domain = text.partition("@")
    return go_user_part(name) and (not sep or go_user_part(domain))


def go_model_name(text):
    """validModelName ^[a-z0-9]+[a-z0-9-]*$ (no length limit in v5)."""
    return bool(text) and text[0] in LOWER_DIGITS and all(c in LOWER_DIGITS or c == "-" for c in text)


def go_cloud(text):
    """cloudSnippet [a-zA-Z0-9][a-zA-Z0-9._-]*."""
    return bool(text) and text[0] in ALNUM and all(c in ALNUM or c in "._-" for c in text)


def go_application(text):
    """ApplicationSnippet: hyphen-separated lower-case words, each with a letter, the first starting with one."""
    words = text.split("-")
    return (bool(text) and text[0] in string.ascii_lowercase
            and all(w and set(w) <= LOWER_DIGITS and set(w) & set(string.ascii_lowercase) for w in words))


def accepts(fn, *args):
    try:
        fn(*args)
    except InvalidInput:
        return False
    return True


# (text, valid user, valid model name, valid cloud, valid offer name): Go's verdicts.
TABLE = [
    ("bob", True, True, True, True),
    ("bob\n", False, False, False, False),
    ("\nbob", False, False, False, False),
    ("bob\r\n", False, False, False, False),
    ("lxd\n", False, False, False, False),
    ("Bob", True, False, True, False),
    ("b", False, True, True, True),
    ("0", False, True, True, False),
    ("ab", True, True, True, True),
    ("a.b", True, False, True, False),
    ("a+b", True, False, False, False),
    ("a_b", False, False, True, False),
    ("a-b", True, True, True, True),
    ("a-1", True, True, True, False),
    ("a--b", True, True, True, False),
    ("-ab", False, False, False, False),
    ("ab-", False, True, True, False),
    ("1ab", True, True, True, False),
    ("bob@local", True, False, False, False),
    ("bob@x", False, False, False, False),
    ("bob@ex\n", False, False, False, False),
    ("a" * 1000, True, True, True, True),
    ("bób", False, False, False, False),
    ("", False, False, False, False),
]


@pytest.mark.parametrize("text,user,model,cloud,offer", TABLE)
def test_table_agrees_with_go(text, user, model, cloud, offer):
    assert (go_user(text), go_model_name(text), go_cloud(text), go_application(text)) == (user, model, cloud, offer)
    assert accepts(names.validate_user_name, text) is user
    assert accepts(names.parse_model_ref, "fred/" + text) is (model and "/" not in text)
    assert accepts(names.cloud_tag, text) is cloud
    assert accepts(names.parse_offer_url, "fred/prod." + text, "admin") is offer


NAMEISH = st.text(alphabet=string.ascii_letters[:6] + "AZ09.+-_@/ \n\r\t:é", max_size=12)


@settings(max_examples=400, deadline=None)
@given(NAMEISH)
def test_user_names_as_go_reads_them(text):
    assert accepts(names.validate_user_name, text) is go_user(text)


@settings(max_examples=400, deadline=None)
@given(NAMEISH)
def test_model_refs_as_go_reads_them(text):
    owner, sep, name = text.rpartition("/")
    valid = ":" not in text and text.count("/") <= 1 and go_model_name(name) and (not sep or go_user(owner))
    assert accepts(names.parse_model_ref, text, "admin") is valid


@settings(max_examples=400, deadline=None)
@given(NAMEISH)
def test_cloud_names_as_go_reads_them(text):
    assert accepts(names.cloud_tag, text) is go_cloud(text)


@settings(max_examples=400, deadline=None)
@given(NAMEISH)
def test_offer_names_as_go_reads_them(text):
    # An endpoint (":db") is refused too: access is granted on the whole offer.
    assert accepts(names.parse_offer_url, "fred/prod." + text, "admin") is go_application(text)


@pytest.mark.parametrize("text,shown", [
    ("bob\n", r'"bob\n"'), ('a"b', r'"a\"b"'), ("a\\b", r'"a\\b"'), ("\x00", r'"\x00"'), ("\x7f", r'"\x7f"'),
    ("é", '"é"'), ("\u2028", r'"\u2028"'), ("\U000e0001", r'"\U000e0001"'), ("\t\v\a\b\f\r", r'"\t\v\a\b\f\r"'),
])
def test_quoted_as_go_percent_q(text, shown):
    assert names.quoted(text) == shown


def test_a_trailing_newline_is_named_not_dropped():
    with pytest.raises(InvalidInput) as info:
        names.validate_user_name("bob\n")
    assert str(info.value).startswith(r'user name "bob\n" is not valid: use letters')


@pytest.mark.parametrize("url", ["fred/prod.db:x\n", "fred/prod.db:x\ny", "fred/prod.db\n"])
def test_offer_url_with_a_newline_is_not_valid(url):
    with pytest.raises(InvalidInput):
        names.split_offer_url(url)


def test_model_uuid_is_checked_whole():
    with pytest.raises(InvalidInput) as info:
        names.model_tag("deadbeef-0bad-400d-8000-4b1d0d06f00d\n")
    assert str(info.value) == r'"deadbeef-0bad-400d-8000-4b1d0d06f00d\n" is not a model UUID.'
