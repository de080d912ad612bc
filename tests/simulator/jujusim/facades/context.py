"""What a facade handler sees: the shared state, the connection and the server."""
from .. import tags
from ..errors import perm_denied


class Context:
    def __init__(self, server, conn, version):
        self.server = server
        self.conn = conn
        self.version = version
        self.changed = False  # set by handlers that mutate state (-> persist)

    @property
    def state(self):
        return self.server.state

    @property
    def caller(self):
        return self.conn.user

    def is_superuser(self):
        return self.state.is_superuser(self.caller)

    def require_superuser(self):
        if not self.is_superuser():
            raise perm_denied()

    def model_access(self, model):
        """Effective model access: a controller superuser counts as admin (§10)."""
        if self.is_superuser():
            return "admin"
        return self.state.model_level(self.caller, model)

    def same_user(self, user_id):
        return tags.key(user_id) == tags.key(self.caller)


def entities(params, key="entities"):
    """Bulk params: a missing list or null is Go's nil slice."""
    return params.get(key) or []
