"""Fault injection and call counters, shared between the test thread and the server loop."""
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass
class Fault:
    delay: Optional[float] = None
    drop: bool = False
    error: Optional[Tuple[str, str]] = None  # (message, code)
    # Answer exactly as the real call would, then throw its effect away: a controller that
    # acknowledges a write it did not make, which a client must notice on its read-back.
    discard: bool = False
    times: int = 1  # how many calls it still applies to; None = forever


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults = {}
        self._calls = Counter()
        self._kinds = Counter()

    def inject(self, facade, method, delay=None, drop=False, error=None, times=1, discard=False):
        if error is not None and isinstance(error, str):
            error = (error, "")
        with self._lock:
            self._faults[(facade, method)] = Fault(delay, drop, tuple(error) if error else None, discard, times)

    def clear(self):
        with self._lock:
            self._faults.clear()

    def take(self, facade, method):
        """The fault for this call, consuming one of its uses."""
        with self._lock:
            fault = self._faults.get((facade, method))
            if fault is None:
                return None
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self._faults[(facade, method)]
            return fault

    def count(self, facade, method, kind):
        with self._lock:
            self._calls[(facade, method)] += 1
            if kind:
                self._kinds[kind] += 1

    def snapshot(self):
        with self._lock:
            return {"reads": self._kinds["reads"], "writes": self._kinds["writes"],
                    "calls": dict(self._calls)}

    def reset(self):
        with self._lock:
            self._calls.clear()
            self._kinds.clear()
