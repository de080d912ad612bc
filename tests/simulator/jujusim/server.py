"""HTTP side: TLS websocket endpoints /api and /model/<uuid>/api, POST /register, /auth/*.

Frames follow juju-api.md §2.1: responses echo request-id; error frames carry
error, error-code (omitted when empty) and always "response": {}. Each request is
served in its own task, so a slow call does not hold up the connection.
"""
import asyncio
import copy
import json
import logging

from aiohttp import WSMsgType, web

from . import discharger, errors, rpc
from .errors import ApiError
from .facades.context import Context
from .macaroons import LocalLogins

log = logging.getLogger("jujusim")
MAX_FRAME = 0x4000000  # python-libjuju's 64 MiB; Juju itself sets no cap


def error_frame(rid, err):
    frame = {"request-id": rid, "error": err.message, "response": {}}
    if err.code:
        frame["error-code"] = err.code
    return frame


class Server:
    def __init__(self, state, ssl_context, faults, validator=None, on_change=None, host="127.0.0.1"):
        self.state = state
        self.ssl_context = ssl_context
        self.faults = faults
        self.validator = validator
        self.on_change = on_change or (lambda: None)
        self.host = host
        self.port = None
        self.local_logins = LocalLogins(state)  # tests may replace its clock
        self.violations = []  # schema violations seen (tests fail on any)
        self._runner = None
        self._sockets = set()

    def host_port(self):
        return {"value": self.host, "type": "ipv4", "scope": "local-machine", "port": self.port}

    def endpoint(self):
        return "%s:%d" % (self.host, self.port)

    def app(self):
        app = web.Application()
        app.router.add_get("/api", self._controller_ws)
        app.router.add_get("/model/{uuid}/api", self._model_ws)
        app.router.add_post("/register", self._register)
        discharger.add_routes(app, self)
        return app

    async def start(self, port):
        self._runner = web.AppRunner(self.app(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, port, ssl_context=self.ssl_context,
                           reuse_address=True)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self):
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _register(self, request):
        from .register import register_handler
        return await register_handler(self, request)

    # ---- websocket ------------------------------------------------------
    async def _controller_ws(self, request):
        return await self._serve_ws(request, rpc.Connection())

    async def _model_ws(self, request):
        uuid = request.match_info["uuid"]
        root_error = None
        if uuid not in self.state.models:
            root_error = ApiError('unknown model: "%s"' % uuid, errors.MODEL_NOT_FOUND)
        return await self._serve_ws(request, rpc.Connection(uuid, root_error))

    async def _serve_ws(self, request, conn):
        conn.host = request.host  # Juju addresses the login caveat to https://<Host>/auth (§15.4)
        ws = web.WebSocketResponse(max_msg_size=MAX_FRAME)
        await ws.prepare(request)
        self._sockets.add(ws)
        send_lock = asyncio.Lock()
        tasks = set()
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    break
                task = asyncio.ensure_future(self._serve_request(ws, request, conn, send_lock, msg.data))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        finally:
            for task in tasks:
                task.cancel()
            self._sockets.discard(ws)
        return ws

    async def _serve_request(self, ws, request, conn, send_lock, data):
        try:
            req = json.loads(data)
        except ValueError:
            log.warning("dropping a frame that is not JSON")
            return
        frame = await self.call(conn, req, request)
        if frame is None or ws.closed:
            return
        async with send_lock:
            try:
                await ws.send_str(json.dumps(frame))
            except ConnectionError:
                pass

    async def call(self, conn, req, request=None):
        """Serve one request frame; None means the connection was dropped (fault)."""
        rid = req.get("request-id") or 0
        facade, method = req.get("type") or "", req.get("request") or ""
        version = req.get("version")
        params = req.get("params")
        if params is None:
            params = {}  # omitted params are an empty object
        try:
            handler = rpc.resolve(conn, facade, version, method, req.get("id") or "")
        except ApiError as e:
            return error_frame(rid, e)
        self.faults.count(facade, method, rpc.classify(facade, method))
        fault = self.faults.take(facade, method)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop:
                if request is not None and request.transport is not None:
                    request.transport.abort()
                return None
            if fault.error:
                return error_frame(rid, ApiError(*fault.error))
        problems = self._validate("check_params", facade, version, method, params)
        if problems:
            return error_frame(rid, ApiError("schema violation: " + problems[0], errors.BAD_REQUEST))
        ctx = Context(self, conn, version)
        # Handlers run to completion on this loop, so putting the state back afterwards is atomic.
        kept = copy.deepcopy(vars(self.state)) if fault is not None and fault.discard else None
        try:
            result = handler(ctx, params)
        except ApiError as e:
            result = None
            frame = error_frame(rid, e)
        else:
            frame = {"request-id": rid, "response": result}
        if kept is not None:
            vars(self.state).update(kept)
            ctx.changed = False
        if ctx.changed:
            self.on_change()
        if result is not None:
            problems = self._validate("check_result", facade, version, method, result)
            if problems:
                return error_frame(rid, ApiError("schema violation: " + problems[0], errors.BAD_REQUEST))
        return frame

    def _validate(self, check, facade, version, method, body):
        if self.validator is None:
            return []
        problems = getattr(self.validator, check)(facade, version, method, body)
        for p in problems:
            log.error("schema violation: %s", p)
        self.violations.extend(problems)
        return problems
