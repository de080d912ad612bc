"""Access levels and their order (juju-api.md §10, core/permission/access.go)."""

CONTROLLER = ("login", "superuser")
MODEL = ("read", "write", "admin")
OFFER = ("read", "consume", "admin")
CLOUD = ("add-model", "admin")
KINDS = {"controller": CONTROLLER, "model": MODEL, "offer": OFFER, "cloud": CLOUD}


def rank(kind, level):
    """0 = no access; levels outside the family compare as -1, like Juju."""
    if not level:
        return 0
    levels = KINDS[kind]
    return levels.index(level) + 1 if level in levels else -1


def at_least(kind, have, want):
    want_rank = rank(kind, want)
    return want_rank > 0 and rank(kind, have) >= want_rank


def higher(kind, a, b):
    return a if rank(kind, a) >= rank(kind, b) else b
