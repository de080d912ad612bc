# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Hides the no_log values (passwords) of a module's options in its result, exactly as Ansible's
# remove_values does, in time linear in the result rather than in result strings x secrets.
#
# Ansible's rule, per string: a string equal to a secret becomes PLACEHOLDER; otherwise each secret,
# longest first, is replaced by MASK in turn. A number whose text contains a secret becomes
# PLACEHOLDER. Mapping keys are kept, as Ansible keeps them. remove_values tries every secret on
# every string: 10,000 users echo about 100,000 strings and declare 8,000 passwords, 800 million
# str.replace calls. Here a string is only given the secrets it contains, found by looking up its
# substrings of each secret length in a set; a secret without "*" can only be found after an
# earlier replacement if it was in the string before (a replacement adds only "*"), so those with
# a "*" are always tried. The result is the same string Ansible makes.

PLACEHOLDER = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
MASK = "*" * 8


class Scrubber(object):
    """scrub(value): value with every secret hidden as Ansible hides no_log values."""

    def __init__(self, secrets):
        # Ansible's order: longest first, ties in the order the secrets are given.
        self._ordered = sorted((_text(secret) for secret in secrets if secret), key=len, reverse=True)
        self._exact = frozenset(self._ordered)
        self._rank = dict((secret, rank) for rank, secret in reversed(list(enumerate(self._ordered))))
        self._starred = [secret for secret in self._ordered if "*" in secret]
        by_length = {}
        for secret in self._ordered:
            if "*" not in secret:
                by_length.setdefault(len(secret), set()).add(secret)
        self._by_length = sorted(by_length.items())
        self._done = {}

    def scrub(self, value):
        """A copy of value (dicts, lists, tuples, sets of strings and numbers) without secrets."""
        if not self._ordered:
            return value
        return self._value(value)

    def text(self, text):
        """text without secrets (Ansible's rule for one string)."""
        if not self._ordered:
            return text
        done = self._done.get(text)
        if done is None:
            done = self._done[text] = self._hide(text)
        return done

    def _value(self, value):
        kind = type(value)  # the common types first, each string once (a result repeats most of them)
        if kind is dict:
            done = self._done
            return {key: done[item] if isinstance(item, str) and item in done else self._value(item)
                    for key, item in value.items()}
        if kind is list:
            done = self._done
            return [done[item] if isinstance(item, str) and item in done else self._value(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, bytes):
            return self.text(value.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return PLACEHOLDER if self._found(str(value)) else value
        if isinstance(value, dict):
            return dict((key, self._value(item)) for key, item in value.items())
        if isinstance(value, (list, tuple)):
            return [self._value(item) for item in value]
        if isinstance(value, (set, frozenset)):
            return set(self._value(item) for item in value)
        return value  # dates, Ansible's own event objects: Ansible shows them as they are too

    def _hide(self, text):
        if text in self._exact:
            return PLACEHOLDER
        found = self._found(text)
        if not found and not self._starred:
            return text
        for secret in sorted(set(found).union(self._starred), key=self._rank.get):
            text = text.replace(secret, MASK)
        return text

    def _found(self, text):
        """The secrets without "*" that occur in text."""
        found = []
        size = len(text)
        for length, secrets in self._by_length:
            if length > size:
                break
            found.extend(secrets.intersection(text[start:start + length] for start in range(size - length + 1)))
        return found


def _text(value):
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else str(value)
