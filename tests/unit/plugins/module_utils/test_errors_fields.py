# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fields every JujuError carries (message, code, context, args), whichever way it is made.

test_errors.py checks the class classify() picks; these pin down the rest of the error: the
code is "" when Juju gave none (module results report it), a missing message becomes
"unknown error", the context is kept, and args holds the whole sentence, since repr(), pickling
and tracebacks show args rather than str().
"""
import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors


def fields(exc):
    return type(exc), exc.message, exc.code, exc.context, str(exc), exc.args


def test_constructed_error_has_no_code_and_its_sentence_in_args():
    exc = errors.InvalidInput("a user name is required.")
    assert fields(exc) == (errors.InvalidInput, "a user name is required.", "", None,
                           "a user name is required.", ("a user name is required.",))


def test_context_is_part_of_args():
    exc = errors.NotFound('user "bob" not found', "not found", 'cannot remove "bob"')
    assert exc.args == ('cannot remove "bob": user "bob" not found',)


def test_classify_without_code():
    assert fields(errors.classify("permission denied")) == (
        errors.Unauthorized, "permission denied", "", None, "permission denied", ("permission denied",))


@pytest.mark.parametrize("error", [{}, {"message": ""}, {"message": None, "code": None}])
def test_error_object_without_message_or_code(error):
    assert fields(errors.from_error_object(error, "ctx")) == (
        errors.JujuError, "unknown error", "", "ctx", "ctx: unknown error", ("ctx: unknown error",))


def test_error_object_without_code_is_classified_by_its_text():
    assert fields(errors.from_error_object({"message": 'user "x" not found'})) == (
        errors.NotFound, 'user "x" not found', "", None, 'user "x" not found', ('user "x" not found',))


def test_error_object_that_is_not_a_dict_is_classified_by_its_text():
    assert fields(errors.from_error_object("permission denied", "ctx")) == (
        errors.Unauthorized, "permission denied", "", "ctx", "ctx: permission denied",
        ("ctx: permission denied",))


def test_login_refusal_without_code():
    assert fields(errors.classify_login("invalid entity name or password")) == (
        errors.BadCredentials, "invalid entity name or password", "", None,
        "invalid entity name or password", ("invalid entity name or password",))


@pytest.mark.parametrize("message", [None, ""])
def test_login_refusal_without_message(message):
    assert fields(errors.classify_login(message, "", "login")) == (
        errors.LoginFailed, "unknown error", "", "login", "login: unknown error", ("login: unknown error",))


def test_scrubbed_error_args_hold_the_scrubbed_sentence():
    exc = errors.scrubbed(errors.classify("bad secret s3cr3t", "", "ctx"), ["s3cr3t"])
    assert (exc.message, str(exc), exc.args) == (
        "bad secret ********", "ctx: bad secret ********", ("ctx: bad secret ********",))


def test_stored_login_refusal_keeps_jujus_code():
    assert fields(errors.classify_stored_login("invalid entity name or password", "unauthorized access",
                                               "sim", "bob", "login")) == (
        errors.BadCredentials, "invalid entity name or password", "unauthorized access", "login",
        "login: invalid entity name or password", ("login: invalid entity name or password",))


@pytest.mark.parametrize("message,code,cls", [
    ('unknown model: "0000"', "model not found", errors.NotFound),
    ("boom", "not found", errors.NotFound),
    ('user "bob" already exists', "already exists", errors.AlreadyExists),
    ("no", "forbidden", errors.Unauthorized),
])
def test_error_object_is_classified_by_its_code(message, code, cls):
    # A per-entity error's code decides its class, as for a whole-call error, and is kept:
    # none of these texts alone would give the class.
    assert errors.classify(message).__class__ is errors.JujuError
    assert fields(errors.from_error_object({"message": message, "code": code}, "ctx")) == (
        cls, message, code, "ctx", "ctx: " + message, ("ctx: " + message,))
