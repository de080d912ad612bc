"""POST /register (juju-api.md §8.3): complete a registration with the NaCl secretbox."""
from aiohttp import web


async def register_handler(server, request):
    return web.json_response({"error": {"message": "not implemented", "code": "not implemented"}}, status=501)
