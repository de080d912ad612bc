"""--stats FILE: what reached the controller, as JSON, so a CI job can assert "zero writes"."""
import json
import os
import tempfile

from . import rpc


def summary(counters):
    """Simulator.counters -> {"logins", "reads", "writes", "calls": {"reads": {...}, "writes": {...}}}.

    Calls are keyed "Facade.Method"; Admin and Pinger calls are neither reads nor writes, and
    every Admin.Login (refused ones too) counts as a login.
    """
    calls = {"reads": {}, "writes": {}}
    for (facade, method), count in sorted(counters["calls"].items()):
        kind = rpc.classify(facade, method)
        if kind:
            calls[kind]["%s.%s" % (facade, method)] = count
    return {"logins": counters["calls"].get(("Admin", "Login"), 0),
            "reads": counters["reads"], "writes": counters["writes"], "calls": calls}


def write(path, counters):
    """Atomic, so that a reader polling the file never sees half of it."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".jujusim-stats-", dir=directory)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(summary(counters), f, indent=1, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
