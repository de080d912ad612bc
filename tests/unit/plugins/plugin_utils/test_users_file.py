# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""users_file.parse: a users file's entries, or one sentence that never quotes the file."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest
import yaml

from ansible_collections.juju.controller.plugins.plugin_utils import users_file
from ansible_collections.juju.controller.plugins.plugin_utils.users_file import UsersFileError, parse

SECRET = "s3cr3t-Pa55"
USERS = [{"name": "alice", "password": SECRET, "models": {"admin/prod": "read"}},
         {"name": "bob", "enabled": False, "controller_access": "superuser"}]


def refusal(data, name):
    with pytest.raises(UsersFileError) as error:
        parse(data, name)
    assert SECRET not in str(error.value)
    return str(error.value)


def test_json_and_yaml_give_the_same_entries():
    assert parse(json.dumps(USERS).encode(), "users.json") == USERS
    assert parse(yaml.safe_dump(USERS).encode(), "users.yml") == USERS
    assert parse(json.dumps(USERS).encode(), "users.yaml") == USERS  # JSON is YAML too
    assert parse(b"[]", "none.json") == []


def test_the_name_decides_json_so_a_yaml_file_named_json_is_refused():
    assert refusal(yaml.safe_dump(USERS).encode(), "users.JSON") == (
        "users_file users.JSON is not valid JSON: Expecting value at line 1, column 1.")


def test_yaml_is_read_with_the_c_loader_when_pyyaml_has_libyaml():
    assert users_file.SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def test_a_syntax_error_says_where_and_never_quotes_the_line():
    text = "- name: alice\n  password: %s\n - name: bob\n" % SECRET
    assert refusal(text.encode(), "users.yml") == "users_file users.yml is not valid YAML at line 3, column 2."
    text = '[{"name": "alice", "password": "%s"} {"name": "bob"}]' % SECRET
    assert refusal(text.encode(), "u.json") == (
        "users_file u.json is not valid JSON: Expecting ',' delimiter at line 1, column 47.")


def test_a_character_yaml_cannot_start_a_token_with_is_not_quoted():
    assert refusal(("- name: alice\n  password: @%s\n" % SECRET).encode(), "u.yml") == (
        "users_file u.yml is not valid YAML at line 2, column 13.")


def test_vault_tagged_values_are_refused_with_the_way_to_encrypt_instead():
    text = "- name: alice\n  password: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n    6162\n"
    assert refusal(text.encode(), "u.yml") == (
        "users_file u.yml has a value with a tag that plain YAML cannot read at line 2, column 13 (!vault values "
        "are not read here: encrypt the whole file with ansible-vault instead).")


@pytest.mark.parametrize("text, kind", [
    ("", "nothing"), ("alice", "a string"), ("{users: []}", "a mapping"), ("3", "a number"), ("true", "a boolean"),
    ("2026-12-07", "a value of type date")])
def test_the_file_must_hold_a_list(text, kind):
    assert refusal(text.encode(), "u.yml") == (
        "users_file u.yml must hold a list of users, as users does; it holds %s." % kind)


def test_every_entry_must_be_a_mapping_named_by_its_index():
    assert refusal(b"- name: alice\n- bob\n", "u.yml") == (
        "users_file u.yml: entry 1 must be a mapping (name: ..., ...); it is a string.")
    assert refusal(b'[{"name": "alice"}, ["bob"]]', "u.json") == (
        "users_file u.json: entry 1 must be a mapping (name: ..., ...); it is a list.")


def test_text_that_is_not_utf8_is_refused_at_its_byte():
    assert refusal(b"- name: al\xffce\n", "u.yml") == "users_file u.yml is not UTF-8 text (byte 10)."


def test_unicode_names_and_passwords_are_kept():
    users = [{"name": "zoë", "password": "pässwörd"}]
    assert parse(json.dumps(users, ensure_ascii=False).encode("utf-8"), "u.json") == users
    assert parse(yaml.safe_dump(users, allow_unicode=True).encode("utf-8"), "u.yml") == users
