"""Answers the simulator never gives, for the client tests (imported by tests, like simclients)."""


def rewrite_answers(client, facade, method, rewrite):
    """Pass every facade.method response of the connected `client` through rewrite(response) -> response.

    The simulator answers as Juju 3.6 does for its fixture; a few answers Juju can give (a per-entity
    error where the simulator fails the whole call, a result without an optional field) it never
    sends, so a test takes the simulator's real answer and changes only that part of it.
    """
    real = client._call

    def call(called_facade, called_method, params, context=None):
        response = real(called_facade, called_method, params, context)
        return rewrite(response) if (called_facade, called_method) == (facade, method) else response

    client._call = call
