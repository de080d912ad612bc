"""Build a fresh State from a fixture YAML (format: tests/simulator/README.md)."""
import importlib.resources
import secrets
import uuid as uuidlib

import yaml

from . import sshkeys, tags
from .fixture_check import FixtureError, check
from .state import Cloud, Model, ModelUser, Offer, State, User, new_secret_key, now


def default_fixture_text():
    return importlib.resources.files(__package__).joinpath("default_fixture.yaml").read_text()


def load_fixture(path=None):
    """The State a fixture file (default: the built-in one) describes; FixtureError, one sentence
    naming the file, for a file that cannot be read, is not YAML, or says something wrong."""
    if path is None:
        return build_state(yaml.safe_load(default_fixture_text()))
    try:
        with open(path) as f:
            data = yaml.safe_load(f)
    except OSError as e:
        raise FixtureError("cannot read the fixture %s: %s." % (path, e.strerror or e))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = " (line %d, column %d)" % (mark.line + 1, mark.column + 1) if mark else ""
        raise FixtureError("the fixture %s is not valid YAML%s: %s." % (path, where, getattr(e, "problem", None) or e))
    try:
        return build_state(data or {})
    except FixtureError as e:
        raise FixtureError("fixture %s: %s" % (path, e))


# Used when a fixture does not describe the cloud it names as the controller's.
CONTROLLER_CLOUD = {"name": "localhost", "type": "lxd", "auth-types": ["certificate"], "regions": ["localhost"]}


def _add_clouds(st, data, controller_cloud):
    """The fixture's clouds; the controller cloud always exists, and the owner holds admin on it (§16)."""
    specs = list(data.get("clouds") or [])
    if not any(spec["name"] == controller_cloud for spec in specs):
        specs.insert(0, dict(CONTROLLER_CLOUD, name=controller_cloud))
    for spec in specs:
        cloud = Cloud(name=spec["name"], type=spec.get("type", "lxd"),
                      auth_types=list(spec.get("auth-types") or []), endpoint=spec.get("endpoint", ""),
                      regions=list(spec.get("regions") or []))
        for user, level in (spec.get("users") or {}).items():
            cloud.users[tags.key(tags.canonical_user(user) or user)] = level
        st.clouds[cloud.name] = cloud
    st.clouds[controller_cloud].users[tags.key(st.owner)] = "admin"
    return st.clouds[controller_cloud]


def _authorized_keys(st, model, spec):
    """The model's keys as the fixture lists them, after the controller's juju-system-key that
    bootstrap puts into every IAAS model (juju-api.md §18.5); CAAS models hold only their own."""
    keys = list(spec.get("ssh-keys") or [])
    if model.type == "iaas":
        keys.insert(0, sshkeys.ed25519_line(st.controller_uuid, sshkeys.SYSTEM_KEY_COMMENT))
    return "\n".join(keys)


def build_state(data):
    check(data)
    ctrl = data.get("controller") or {}
    st = State(controller_name=ctrl.get("name", "sim"),
               controller_uuid=ctrl.get("uuid") or str(uuidlib.uuid4()),
               owner=ctrl.get("owner", "admin"))
    created = now()
    users = data.get("users") or [{"name": st.owner, "access": "superuser"}]
    if not any(tags.key(u["name"]) == tags.key(st.owner) for u in users):
        users = [{"name": st.owner, "access": "superuser"}] + list(users)
    for spec in users:
        name = spec["name"]
        user = User(name=name, display_name=spec.get("display-name", ""),
                    created_by=spec.get("created-by", st.owner), date_created=created,
                    disabled=bool(spec.get("disabled", False)))
        if spec.get("passwordless"):
            user.secret_key = new_secret_key()
        else:
            password = spec.get("password") or secrets.token_urlsafe(12)
            user.set_password(password)
            st.initial_passwords[name] = password
        st.users[tags.key(name)] = user
        access = spec.get("access", "login")
        if access:  # "" / null: a user without any controller grant
            st.controller_access[tags.key(name)] = access
    st.ssh_import_ids = dict(data.get("ssh-import-ids") or {})
    controller_cloud = _add_clouds(st, data, ctrl.get("cloud", CONTROLLER_CLOUD["name"]))
    for spec in data.get("models") or []:
        owner = spec.get("owner", st.owner)
        m = Model(name=spec["name"], owner=owner, uuid=spec.get("uuid") or str(uuidlib.uuid4()),
                  type=spec.get("type", "iaas"), is_controller=bool(spec.get("is-controller")),
                  cloud=controller_cloud.name, since=created)
        m.users[tags.key(owner)] = ModelUser("admin")  # a model's owner holds admin on it
        for user, level in (spec.get("users") or {}).items():
            m.users[tags.key(tags.canonical_user(user))] = ModelUser(level)
        m.authorized_keys = _authorized_keys(st, m, spec)
        st.models[m.uuid] = m
    for spec in data.get("offers") or []:
        url = tags.parse_offer_url(spec["url"])
        model = st.model_by_name(url["owner"] or st.owner, url["model"])
        o = Offer(name=url["offer"], model_uuid=model.uuid, application=spec.get("application", url["offer"]),
                  uuid=spec.get("uuid") or str(uuidlib.uuid4()), description=spec.get("description", ""),
                  charm_url=spec.get("charm-url", ""), endpoints=list(spec.get("endpoints") or []))
        # A new offer: its creator (the model owner here) holds admin, everyone@external read (§7.3).
        o.users = {tags.key(model.owner): "admin", "everyone@external": "read"}
        for user, level in (spec.get("users") or {}).items():
            o.users[tags.key(user)] = level
        st.offers.append(o)
    return st
