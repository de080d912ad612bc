"""The controller's shared state: users, controller grants, models, offers, clouds.

One State per simulator; every connection works on it from the server's single
event loop, so handlers (plain functions) never interleave. Persisted as JSON.
"""
import base64
import dataclasses
import datetime
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import tags


def now():
    # Juju stores times truncated to the second, UTC, RFC 3339 with Z.
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_secret_key():
    """32 random bytes, std padded base64 as Go sends []byte (juju-api.md §4.2)."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def hash_password(password, salt=None):
    salt = salt or secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 2048).hex()
    return salt, digest


@dataclass
class User:
    name: str
    display_name: str = ""
    created_by: str = ""
    date_created: str = ""
    salt: Optional[str] = None
    password_hash: Optional[str] = None
    secret_key: Optional[str] = None
    last_connection: Optional[str] = None
    disabled: bool = False
    deleted: bool = False

    def set_password(self, password):
        self.salt, self.password_hash = hash_password(password)
        self.secret_key = None  # SetPasswordHash unsets secretkey: token becomes single-use

    def password_valid(self, password):
        if not password or not self.password_hash:
            return False  # no salt -> PasswordValid false (registered-by-key users)
        return hmac.compare_digest(hash_password(password, self.salt)[1], self.password_hash)


@dataclass
class ModelUser:
    access: str
    last_connection: Optional[str] = None


@dataclass
class Model:
    name: str
    owner: str
    uuid: str
    type: str = "iaas"
    is_controller: bool = False
    cloud: str = "localhost"
    region: str = "localhost"
    credential: str = "localhost/admin/localhost"
    life: str = "alive"
    status: str = "available"
    since: str = ""
    users: Dict[str, ModelUser] = field(default_factory=dict)
    authorized_keys: str = ""  # model config authorized-keys: newline-separated lines (§18.1)


@dataclass
class Offer:
    name: str
    model_uuid: str
    application: str
    uuid: str
    description: str = ""
    charm_url: str = ""
    endpoints: List[dict] = field(default_factory=list)
    users: Dict[str, str] = field(default_factory=dict)


@dataclass
class Cloud:
    name: str
    type: str
    auth_types: List[str] = field(default_factory=list)
    endpoint: str = ""
    regions: List[str] = field(default_factory=list)
    users: Dict[str, str] = field(default_factory=dict)  # lower-cased user id -> level


@dataclass
class State:
    controller_name: str = "sim"
    controller_uuid: str = ""
    owner: str = "admin"
    users: Dict[str, User] = field(default_factory=dict)
    controller_access: Dict[str, str] = field(default_factory=dict)
    models: Dict[str, Model] = field(default_factory=dict)
    offers: List[Offer] = field(default_factory=list)
    clouds: Dict[str, Cloud] = field(default_factory=dict)
    # The CA survives restarts (--state) so that clients holding its PEM keep working.
    ca_cert: str = ""
    ca_key: str = ""
    # Passwords the fixture issued, so that the client store / tests can log in after a restart.
    initial_passwords: Dict[str, str] = field(default_factory=dict)
    # What `ssh-import-id -o - <id>` prints for the ids the fixture declares (ImportKeys, §18.3).
    ssh_import_ids: Dict[str, str] = field(default_factory=dict)

    # ---- lookups -------------------------------------------------------
    def user(self, user_id):
        """The live (not deleted) local user, or None."""
        u = self.users.get(tags.key(user_id))
        return u if u is not None and not u.deleted else None

    def any_user(self, user_id):
        return self.users.get(tags.key(user_id))

    def display(self, user_id):
        """Name as stored for local users (their record keeps the original case)."""
        u = self.users.get(tags.key(user_id))
        return u.name if u is not None else user_id

    def controller_level(self, user_id):
        return self.controller_access.get(tags.key(user_id), "")

    def is_superuser(self, user_id):
        u = self.user(user_id)
        return u is not None and not u.disabled and self.controller_level(user_id) == "superuser"

    def model_by_name(self, owner, name):
        for m in self.models.values():
            if tags.key(m.owner) == tags.key(owner) and m.name == name:
                return m
        return None

    def model_level(self, user_id, model):
        mu = model.users.get(tags.key(user_id))
        return mu.access if mu else ""

    def offers_in(self, model):
        return [o for o in self.offers if o.model_uuid == model.uuid]

    def drop_grants(self, user_id):
        """RemoveUser deletes every grant the user held (juju-api.md §4.3)."""
        k = tags.key(user_id)
        self.controller_access.pop(k, None)
        for m in self.models.values():
            m.users.pop(k, None)
        for o in self.offers:
            o.users.pop(k, None)
        for c in self.clouds.values():  # 3.6.15+ (juju-api.md §16); earlier ones left them behind
            c.users.pop(k, None)

    # ---- persistence ---------------------------------------------------
    def to_json(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data):
        st = cls(**{k: v for k, v in data.items() if k not in ("users", "models", "offers", "clouds")})
        st.users = {k: User(**u) for k, u in data.get("users", {}).items()}
        for uuid, m in data.get("models", {}).items():
            users = {k: ModelUser(**mu) for k, mu in m.pop("users", {}).items()}
            st.models[uuid] = Model(users=users, **m)
        st.offers = [Offer(**o) for o in data.get("offers", [])]
        st.clouds = {name: Cloud(**c) for name, c in data.get("clouds", {}).items()}
        return st

    def save(self, path):
        """Atomic: write a temp file in the same directory, fsync, rename."""
        path = os.fspath(path)
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".jujusim-state-", dir=directory)
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(self.to_json(), f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o600)  # holds password hashes and the CA key
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    @classmethod
    def load(cls, path):
        """The state saved at path; StateFileError, one sentence, for a file that is not one."""
        try:
            with open(path) as f:
                return cls.from_json(json.load(f))
        except OSError as e:
            raise StateFileError("cannot read the state file %s: %s." % (path, e.strerror or e))
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            raise StateFileError("%s is not a jujusim state file (%s); remove it to start again from the fixture."
                                 % (path, e))


class StateFileError(Exception):
    """A --state file that cannot be loaded."""
