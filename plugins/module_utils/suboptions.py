# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Ansible validates each element of a list of dicts (juju_users' users) with the whole of its
# machinery, a tenth of a millisecond per element, half the time of the options at 10,000 users.
# When every element is plainly valid (no unknown key, every value None where that means "not
# given", or already of its type and among its choices), that machinery finds no error, converts
# nothing, and only adds the missing suboptions (those with a default first, then the others as None,
# each in the order of the spec) and lists the no_log values: checked() does that itself, and Ansible
# then validates the list without its suboptions. Any other element, or any spec with more than
# these simple rules (aliases, fallbacks, nested options, ...), is left to Ansible entirely, which
# says what is wrong in its own words. Ansible's results are the reference in the tests.

_TYPES = {"str": str, "bool": bool, "dict": dict}
_OPTION_KEYS = frozenset(("type", "required", "default", "choices", "no_log"))
_LIST_KEYS = frozenset(("type", "elements", "options", "required"))
_MISSING = object()


def checked(argument_spec, params):
    """(argument_spec without the suboptions checked here, their no_log values), the elements of params
    completed as Ansible completes them; or None, params untouched, when Ansible must check them all."""
    lists = [name for name, spec in argument_spec.items()
             if spec.get("type") == "list" and spec.get("elements") == "dict" and spec.get("options")]
    if not lists or not all(_simple_list(argument_spec[name]) for name in lists):
        return None
    for name in lists:
        elements, options = params.get(name), argument_spec[name]["options"]
        if elements is not None and (not _exactly(elements, list) or not all(_plain(e, options) for e in elements)):
            return None
    secrets = set()
    for name in lists:
        options = argument_spec[name]["options"]
        defaulted = [(option, spec["default"]) for option, spec in options.items() if spec.get("default") is not None]
        hidden = [option for option, spec in options.items() if spec.get("no_log")]
        for element in params.get(name) or ():
            for option, default in defaulted:
                element.setdefault(option, default)
            for option in options:
                element.setdefault(option, None)
            secrets.update(element[option] for option in hidden if element[option])
        if params.get(name) is not None:
            params[name] = _Checked(params[name])
    spec = dict(argument_spec)
    for name in lists:
        spec[name] = dict((key, value) for key, value in spec[name].items() if key != "options")
    return spec, secrets


def _exactly(value, kind):
    """Whether value is of kind itself: a subclass (an Ansible tagged value, a bool for an int) is Ansible's to check."""
    return type(value) is kind  # pylint: disable=unidiomatic-typecheck


class _Checked(list):
    """Elements checked and completed here. Ansible copies the options it is given before it validates
    them, to leave them as given, then replaces them by what it validated, a plain list of the same
    elements: a copy of these would only be more of the same."""

    def __deepcopy__(self, memo):
        return self


def _simple_list(spec):
    return set(spec) <= _LIST_KEYS and all(_simple_option(option) for option in spec["options"].values())


def _simple_option(spec):
    kind = _TYPES.get(spec.get("type"))
    default, choices = spec.get("default"), spec.get("choices")
    return (set(spec) <= _OPTION_KEYS and kind is not None
            and (default is None or (_exactly(default, kind) and not spec.get("required") and not spec.get("no_log")))
            and (choices is None or (_exactly(choices, list) and all(_exactly(c, str) for c in choices)))
            and (not spec.get("no_log") or kind is str))


def _plain(element, options):
    """Whether Ansible would find nothing wrong in element, and change nothing but add what is missing."""
    if not _exactly(element, dict) or not all(_exactly(key, str) and key in options for key in element):
        return False
    for option, spec in options.items():
        value = element.get(option, _MISSING)
        if value is _MISSING:
            if spec.get("required"):
                return False
        elif value is None:
            if spec.get("required") or spec.get("default") is not None or spec.get("choices") is not None:
                return False
        elif not _exactly(value, _TYPES[spec["type"]]):
            return False
        elif spec.get("choices") is not None and value not in spec["choices"]:
            return False
    return True
