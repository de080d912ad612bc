"""Write a Juju client store (JUJU_DATA) as the Juju CLI lays it out (juju-api.md §9)."""
import json
import os
from pathlib import Path

import yaml

from . import tags

AGENT_VERSION = "3.6.1"


class _Dumper(yaml.SafeDumper):
    """Lay YAML out like the Juju CLI (go-yaml): PEM as a literal block, endpoints as a flow list."""


class _Flow(list):
    pass


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _yaml(data):
    return yaml.dump(data, Dumper=_Dumper, default_flow_style=False, sort_keys=True)


def _write(path, text, mode=0o600):
    tmp = path.with_name("." + path.name + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def _merge(path, name, entry, **top):
    """Replace our controller's entry, keeping any other controllers already in the file."""
    data = yaml.safe_load(path.read_text()) if path.exists() else None
    data = data if isinstance(data, dict) else {}
    controllers = data.get("controllers") if isinstance(data.get("controllers"), dict) else {}
    controllers[name] = entry
    for details in controllers.values():
        if isinstance(details, dict) and isinstance(details.get("api-endpoints"), list):
            details["api-endpoints"] = _Flow(details["api-endpoints"])
    data["controllers"] = controllers
    data.update(top)
    _write(path, _yaml(data))


def write_client_store(juju_data, state, endpoint, password):
    """controllers.yaml, accounts.yaml, models.yaml and the cookie jar cookies/<name>.json."""
    root = Path(juju_data)
    (root / "cookies").mkdir(parents=True, exist_ok=True)
    name = state.controller_name
    _merge(root / "controllers.yaml", name, {
        "uuid": state.controller_uuid,
        "api-endpoints": _Flow([endpoint]),
        "ca-cert": state.ca_cert,
        "cloud": "localhost",
        "region": "localhost",
        "type": "lxd",
        "agent-version": AGENT_VERSION,
        "controller-machine-count": 1,
        "active-controller-machine-count": 1,
        "machine-count": 1,
    }, **{"current-controller": name})
    account = {"user": state.owner, "last-known-access": "superuser"}
    if password:
        account["password"] = password
    _merge(root / "accounts.yaml", name, account)
    owner_models = {
        "%s/%s" % (m.owner, m.name): {"uuid": m.uuid, "type": m.type, "branch": "master"}
        for m in state.models.values() if tags.key(state.owner) in m.users
    }
    entry = {"models": owner_models}
    if "%s/default" % state.owner in owner_models:
        entry["current-model"] = "%s/default" % state.owner
    _merge(root / "models.yaml", name, entry)
    jar = root / "cookies" / ("%s.json" % name)
    if not jar.exists():  # python-libjuju needs the jar to exist; an empty one is []
        _write(jar, json.dumps([]))
    return root
