"""Pinger v1 (juju-api.md §1.5): Ping and Stop answer {}."""


def ping(ctx, params):
    return {}


def stop(ctx, params):
    return {}


METHODS = {"Ping": ping, "Stop": stop}
