"""The in-process API (contract §1): a simulator on its own thread and event loop."""
import asyncio
import threading
from pathlib import Path

from . import certs, schema
from .faults import Faults
from .fixture import load_fixture
from .server import Server
from .state import State
from .store import write_client_store


class Simulator:
    def __init__(self, juju_data, port=0, fixture=None, state=None, validate=True, host="127.0.0.1"):
        self.juju_data = Path(juju_data)
        self._requested_port = port
        self._fixture = fixture
        self._state_path = Path(state) if state else None
        self._validate = validate
        self._host = host
        self._faults = Faults()
        self._loop = None
        self._thread = None
        self.server = None
        self.state = None

    # ---- lifecycle ------------------------------------------------------
    def _load_state(self):
        if self._state_path is not None and self._state_path.exists():
            return State.load(self._state_path)
        return load_fixture(self._fixture)

    def start(self):
        """Return once the server accepts connections and the client store is written."""
        self.state = self._load_state()
        ca = certs.load_or_create_ca(self.state)
        validator = schema.load_validator(schema.find_schema()) if self._validate else None
        self.server = Server(self.state, certs.server_context(ca), self._faults, validator,
                             on_change=self.save, host=self._host)
        self._loop = asyncio.new_event_loop()
        started = threading.Event()
        failure = []

        def run():
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self.server.start(self._requested_port))
            except BaseException as e:  # reported to the caller of start()
                failure.append(e)
                started.set()
                return
            started.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="jujusim", daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            self._thread.join()
            self._loop.close()
            raise failure[0]
        self.save()
        write_client_store(self.juju_data, self.state, self.server.endpoint(), self.admin_password)
        return self

    def stop(self):
        if self._thread is None:
            return
        fut = asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop)
        try:
            fut.result(timeout=10)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()
            self._thread = None
            self.save()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def save(self):
        if self._state_path is not None and self.state is not None:
            self.state.save(self._state_path)

    def run_in_loop(self, fn, *args):
        """Run fn(*args) on the server loop (safe access to the shared state from tests)."""
        async def call():
            return fn(*args)
        return asyncio.run_coroutine_threadsafe(call(), self._loop).result(timeout=10)

    # ---- properties -----------------------------------------------------
    @property
    def port(self):
        return self.server.port

    @property
    def url(self):
        return "wss://%s:%d/api" % (self._host, self.port)

    @property
    def ca_cert(self):
        return self.state.ca_cert

    @property
    def controller_name(self):
        return self.state.controller_name

    @property
    def controller_uuid(self):
        return self.state.controller_uuid

    @property
    def admin_password(self):
        return self.state.initial_passwords.get(self.state.owner)

    @property
    def passwords(self):
        return dict(self.state.initial_passwords)

    @property
    def violations(self):
        return list(self.server.violations) if self.server else []

    def model_uuid(self, ref):
        """'owner/name' -> uuid (test convenience)."""
        owner, dummy, name = ref.rpartition("/")
        model = self.state.model_by_name(owner or self.state.owner, name)
        return model.uuid if model else None

    # ---- faults and counters ---------------------------------------------
    @property
    def counters(self):
        return self._faults.snapshot()

    def reset_counters(self):
        self._faults.reset()

    def inject(self, facade, method, delay=None, drop=False, error=None, times=1, discard=False):
        """Fault for the next `times` calls of facade.method (times=None: until cleared).

        discard=True answers as the real call would but leaves the state as it was.
        """
        self._faults.inject(facade, method, delay=delay, drop=drop, error=error, times=times, discard=discard)

    def clear_faults(self):
        self._faults.clear()
