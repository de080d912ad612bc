# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The users of a users file (juju_users' users_file, the users role's juju_users_file): a JSON or YAML
# list of entries, read on the Ansible controller by the juju_users action plugin.
#
# Why a file: ansible-core 2.19 loads a playbook's or a vars file's YAML with the origin of every
# string attached, then templates and copies the whole list at each step (the role's argument check,
# the task's options, the worker's result); 10,000 users so declared cost Ansible seconds before the
# module runs. Read here with plain json/yaml, the entries reach the module untouched by Ansible.
#
# A file may hold passwords: no message here quotes its content, only where (line, column) it is wrong.

import json

import yaml

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader


class UsersFileError(Exception):
    """A users file that cannot be used; str() is the sentence for the operator."""


def parse(data, name):
    """The list of user entries in data (the bytes of the users file called name): JSON if the name
    ends in .json, else YAML (of which JSON is a subset). Raises UsersFileError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsersFileError("users_file %s is not UTF-8 text (byte %d)." % (name, exc.start))
    entries = _json(text, name) if name.lower().endswith(".json") else _yaml(text, name)
    if not isinstance(entries, list):
        raise UsersFileError("users_file %s must hold a list of users, as users does; it holds %s."
                             % (name, _kind(entries)))
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise UsersFileError("users_file %s: entry %d must be a mapping (name: ..., ...); it is %s."
                                 % (name, index, _kind(entry)))
    return entries


def _json(text, name):
    try:
        return json.loads(text)
    except ValueError as exc:  # JSONDecodeError: msg names what was expected, never the text
        raise UsersFileError("users_file %s is not valid JSON: %s at line %d, column %d."
                             % (name, exc.msg, exc.lineno, exc.colno))


def _yaml(text, name):
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.constructor.ConstructorError as exc:
        raise UsersFileError("users_file %s has a value with a tag that plain YAML cannot read at %s (!vault "
                             "values are not read here: encrypt the whole file with ansible-vault instead)."
                             % (name, _where(exc)))
    except yaml.YAMLError as exc:
        # Not exc.problem alone: some problems quote the character found, which may be a password's.
        raise UsersFileError("users_file %s is not valid YAML at %s." % (name, _where(exc)))


def _where(exc):
    mark = getattr(exc, "problem_mark", None)
    return "line %d, column %d" % (mark.line + 1, mark.column + 1) if mark is not None else "its end"


def _kind(value):
    if value is None:
        return "nothing"
    kinds = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return kinds.get(type(value), "a value of type %s" % type(value).__name__)
