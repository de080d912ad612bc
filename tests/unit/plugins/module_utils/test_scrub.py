# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""scrub.py hides no_log values exactly as Ansible's remove_values does, adversarial passwords included."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from hypothesis import given, settings, strategies as st

from ansible.module_utils.common.parameters import remove_values

from ansible_collections.juju.controller.plugins.module_utils.scrub import MASK, PLACEHOLDER, Scrubber

# Texts a juju_users result is made of: names, actions, Juju's refusals, the scrub's own words.
NAMES = ["alice", "Alice", "alice@local", "bob", "user0001", "user00010", "ünïcødé", "汉字", "admin"]
MESSAGES = ['grant model admin/prod write: cannot grant model access "write" to user "alice": permission denied',
            "add", "grant controller superuser", "disable", 'User "alice" is listed more than once.',
            PLACEHOLDER, MASK]
# Passwords chosen to collide: substrings of names, of each other, of Juju's messages, of the
# placeholder and of the mask, regex metacharacters, unicode, stars.
ADVERSARIAL = ["alice", "lic", "e", "ali", "user000", "0001", "grant", "permission denied", "write",
               "VALUE", "NO_LOG", "*", "**", "********", "a*", "*e", ".*", "[a-z]+", "(", "\\", "$1",
               "ünï", "字", "a" * 40, "User \"", "': ", "1", "0"]


def ansible(value, secrets):
    """Ansible's own scrub, the reference (with the secrets in the same order as Scrubber gets them)."""
    return remove_values(value, list(secrets))


def result_like(texts):
    """A result shaped like juju_users' (results, registration_strings, invocation) made of texts."""
    return {
        "changed": True, "failed": False, "msg": " ".join(texts), "count": 12, "ratio": 0.5, "none": None,
        "results": [{"name": text, "changed": True, "actions": [text, "add"], "not_applied": []} for text in texts],
        "registration_strings": dict((text, "MFUT" + text) for text in texts),
        "invocation": {"module_args": {"users": [{"name": text, "password": text, "models": {text: "read"}}
                                                 for text in texts], "purge": False, "protected": texts}},
        "diff": {"before": "\n".join(texts), "after": tuple(texts)},
        "warnings": set(texts),
    }


@pytest.mark.parametrize("secret", ADVERSARIAL)
def test_each_adversarial_password_is_hidden_as_ansible_hides_it(secret):
    value = result_like(NAMES + MESSAGES)
    assert Scrubber([secret]).scrub(value) == ansible(value, [secret])


def test_all_adversarial_passwords_at_once_are_hidden_as_ansible_hides_them():
    value = result_like(NAMES + MESSAGES + ADVERSARIAL)
    assert Scrubber(ADVERSARIAL).scrub(value) == ansible(value, ADVERSARIAL)


def test_the_sentences_of_hidden_values():
    scrub = Scrubber(["s3cret", "cret"])
    assert scrub.text("s3cret") == PLACEHOLDER
    assert scrub.text("cret") == PLACEHOLDER
    assert scrub.text("my s3cret and its cret") == "my ******** and its ********"
    assert scrub.text("no secret here") == "no se******** here"
    assert scrub.scrub({"port": 17070, "pin": 453, "flag": True}) == {"port": 17070, "pin": 453, "flag": True}
    assert Scrubber(["707"]).scrub({"port": 17070, "ratio": 1.707, "ok": False, "n": None}) == \
        {"port": PLACEHOLDER, "ratio": PLACEHOLDER, "ok": False, "n": None}


def test_longer_secrets_go_first_and_stars_in_a_secret_are_found_after_masking():
    assert Scrubber(["ab", "abc"]).text("abcab") == "****************"
    # "ab" (as long as "x*", and given first) makes "x********y"; only then does "x*" occur.
    assert Scrubber(["ab", "x*"]).text("xaby") == "*" * 15 + "y"
    assert Scrubber(["ab", "x*"]).text("xaby") == remove_values("xaby", ["ab", "x*"])


def test_keys_bytes_and_other_values_are_kept_as_ansible_keeps_them():
    scrub = Scrubber(["pw"])
    assert scrub.scrub({"pw": "pw"}) == {"pw": PLACEHOLDER}
    assert scrub.scrub([b"a pw"]) == [b"a ********"]
    marker = object()
    assert scrub.scrub([marker])[0] is marker


def test_no_secret_leaves_the_value_itself():
    value = result_like(NAMES)
    assert Scrubber([]).scrub(value) is value
    assert Scrubber(["", None]).text("alice") == "alice"


def test_the_same_text_is_scrubbed_once():
    scrub = Scrubber(["lic"])
    first = scrub.text("alice")
    assert first == "a********e" and scrub.text("alice") is first


# Texts of a few pieces: letters, stars, regex metacharacters, unicode, a name, a mask, part of the placeholder.
texts = st.lists(st.sampled_from(list("ab*é字 .\"'\\$()[]") + ["alice", "lic", MASK, PLACEHOLDER[:5]]),
                 max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, max_size=8), st.lists(texts.filter(bool), min_size=1, max_size=6, unique=True))
def test_any_texts_and_passwords_are_hidden_as_ansible_hides_them(values, secrets):
    value = result_like(values)
    assert Scrubber(secrets).scrub(value) == ansible(value, secrets)


@settings(max_examples=200, deadline=None)
@given(st.lists(texts.filter(bool), min_size=1, max_size=6, unique=True), st.data())
def test_passwords_made_of_each_other_are_hidden_as_ansible_hides_them(secrets, data):
    # Each text is a password with other passwords glued around or inside it.
    value = [data.draw(st.sampled_from(secrets)) + data.draw(st.sampled_from(secrets))[1:] + s for s in secrets]
    assert Scrubber(secrets).scrub(value) == ansible(value, secrets)


def test_a_text_repeated_in_dicts_and_lists_is_looked_up_not_scrubbed_again(monkeypatch):
    # 10,000 users repeat "present", "on_create", "add": each costs a lookup after its first scrub.
    scrubbed = []
    text = Scrubber.text
    monkeypatch.setattr(Scrubber, "text", lambda self, value: (scrubbed.append(value), text(self, value))[1])
    value = {"users": [{"name": "alice", "state": "present"}] * 50, "actions": ["present"] * 50}
    assert Scrubber(["lic"]).scrub(value) == {"users": [{"name": "a********e", "state": "present"}] * 50,
                                              "actions": ["present"] * 50}
    assert sorted(scrubbed) == ["alice", "present"]
