"""Validate request params and responses against Juju's facade schema (schema/facades-3.x.json).

The schema describes Go types; the wire differs (juju-schema/README.md), so the
schema is rewritten once before use:
* embedded structs (a property named after its own type) are flattened;
* version.Number is a string; []byte (AddUserResult.secret-key) is a base64 string;
* Macaroon (macaroon.v2 and bakery macaroons marshal themselves, so the schema lists no
  fields) is any object (juju-api.md §15.1, §15.3);
* requests: any key may be missing and any value null ("required" is dropped);
* responses: nil slices/maps/pointers arrive as null for array, object and time fields.
additionalProperties stays strict both ways: a misspelt key is a client bug that Go
would silently ignore, which is exactly what these tests must catch.
"""
import copy
import functools
import json
import os
from pathlib import Path

import jsonschema
import jsonschema.exceptions

BYTES_FIELDS = {("AddUserResult", "secret-key")}


SHIPPED = Path(__file__).resolve().parent / "schema" / "facades-3.x.json"


class SchemaMissing(Exception):
    pass


def find_schema():
    """$JUJUSIM_SCHEMA (folder or file) if set, else the copy shipped beside this file (schema/README.md).

    A schema that cannot be found is an error, never a silent "validation off": a test run that
    validated nothing would look exactly like one that validated everything.
    """
    env = os.environ.get("JUJUSIM_SCHEMA")
    candidate = Path(env) if env else SHIPPED
    f = candidate / "facades-3.x.json" if candidate.is_dir() else candidate
    if not f.is_file():
        raise SchemaMissing("schema file %s not found (set JUJUSIM_SCHEMA or pass --no-validate)" % f)
    return f


def _nullable(prop):
    return {"anyOf": [prop, {"type": "null"}]}


def _rewrite(defs, request):
    out = {}
    for name, d in defs.items():
        d = copy.deepcopy(d)
        if name == "Macaroon":
            d = {"type": "object"}
        props = d.get("properties", {})
        # Flatten embedded structs (possibly nested) into the parent.
        while True:
            embedded = [k for k, v in props.items() if k[:1].isupper() and v.get("$ref", "").endswith("/" + k)]
            if not embedded:
                break
            for k in embedded:
                del props[k]
                if "required" in d:
                    d["required"] = [r for r in d["required"] if r != k]
                inner = defs[k]
                for ik, iv in inner.get("properties", {}).items():
                    props.setdefault(ik, copy.deepcopy(iv))
                if not request:
                    d.setdefault("required", []).extend(r for r in inner.get("required", []) if r not in d["required"])
        for k, v in list(props.items()):
            if v.get("$ref", "").endswith("/Number"):
                v = {"type": "string"}
            if (name, k) in BYTES_FIELDS:
                v = {"type": "string"}
            if request or v.get("type") in ("array", "object") or "$ref" in v or v.get("format") == "date-time":
                v = _nullable(v)
            props[k] = v
        if request:
            d.pop("required", None)
        out[name] = d
    return out


def _describe(error):
    """The real reason inside our nullable anyOf wrappers, with its path."""
    while error.context:
        inner = [e for e in error.context if e.validator_value != "null"]
        error = jsonschema.exceptions.best_match(inner or error.context)
    return "%s at %s" % (error.message, "/".join(map(str, error.absolute_path)) or "top")


class Validator:
    def __init__(self, path):
        with open(path) as f:
            entries = json.load(f)
        self._facades = {(e["Name"], e["Version"]): e["Schema"] for e in entries}
        self._cache = {}

    def _validator(self, facade, version, method, part):
        key = (facade, version, method, part)
        if key not in self._cache:
            schema = self._facades.get((facade, version))
            if schema is None or method not in schema.get("properties", {}):
                self._cache[key] = None
            else:
                ref = schema["properties"][method].get("properties", {}).get(part, {}).get("$ref")
                if ref is None:  # no Params/Result: the body is an empty object
                    root = {"type": "object", "maxProperties": 0}
                else:
                    defs = _rewrite(schema.get("definitions", {}), part == "Params")
                    root = {"$ref": ref, "definitions": defs}
                self._cache[key] = jsonschema.Draft7Validator(root)
        return self._cache[key]

    def _check(self, facade, version, method, part, body):
        v = self._validator(facade, version, method, part)
        if v is None:
            return ["%s v%s has no method %s in the schema" % (facade, version, method)]
        return ["%s(%s).%s %s: %s" % (facade, version, method, part.lower(), _describe(e))
                for e in v.iter_errors(body)]

    def check_params(self, facade, version, method, params):
        return self._check(facade, version, method, "Params", params)

    def check_result(self, facade, version, method, result):
        return self._check(facade, version, method, "Result", result)


@functools.lru_cache(maxsize=None)
def load_validator(path):
    """One Validator per schema file per process: parsing and compiling is the slow part."""
    return Validator(path)
