"""Every access.plan, for every kind and every (current, desired) pair, proved against the simulator.

For each pair a fresh user is brought to `current` through the client, the plan is applied
through the client, and the level read back must be `desired` (juju-api.md §5.2, §6.4, §7.2, §16:
the revoke quirks are what make the order and choice of calls matter).
"""
import itertools

import pytest

from ansible_collections.juju.controller.plugins.module_utils import access

OFFER = "fred/prod.hosted-mysql"
CLOUD = "localhost"


class Target(object):
    """Read and change one kind of access for a user, through the client only."""

    def __init__(self, client, kind):
        self.client, self.kind = client, kind
        self.uuid = client.resolve_model("admin/test-model")["uuid"] if kind == "model" else None

    def read(self, user):
        if self.kind == "controller":
            return self.client.controller_access(user)
        if self.kind == "model":
            return self.client.model_users(self.uuid).get(user)
        if self.kind == "cloud":
            return self.client.cloud_users(CLOUD).get(user)
        return self.client.offer_users(OFFER).get(user)

    def apply(self, user, change):
        if self.kind == "controller":
            self.client.modify_controller_access(user, change.action, change.level)
        elif self.kind == "model":
            self.client.modify_model_access(user, change.action, change.level, self.uuid)
        elif self.kind == "cloud":
            self.client.modify_cloud_access(user, change.action, change.level, CLOUD)
        else:
            self.client.modify_offer_access(user, change.action, change.level, OFFER)

    def set(self, user, level):
        # A new local user holds controller "login" and nothing on models, offers or clouds (§4.2, §16).
        start = "login" if self.kind == "controller" else None
        for change in _direct(self.kind, start, level):
            self.apply(user, change)
        assert self.read(user) == level


def _direct(kind, start, level):
    """The obvious way to set up a state, independent of access.plan."""
    if level == start:
        return []
    if level is None:
        return [access.Change("revoke", access.LEVELS[kind][0])]
    return [access.Change("grant", level)]


@pytest.mark.parametrize("kind", sorted(access.LEVELS))
def test_every_plan_reaches_the_desired_level(admin, kind):
    levels = (None,) + access.LEVELS[kind]
    target = Target(admin, kind)
    for number, (current, desired) in enumerate(itertools.product(levels, levels)):
        user = "plan-%s-%d" % (kind, number)
        admin.add_user(user, password="pw-%d-x" % number)
        target.set(user, current)
        steps = access.plan(kind, current, desired)
        for change in steps:
            target.apply(user, change)
        assert target.read(user) == desired, (kind, current, desired, steps)
        assert len(steps) == (0 if current == desired else 1), (kind, current, desired, steps)


def test_the_quirks_the_plans_avoid(admin):
    """Why the plans look the way they do: Juju's revoke sets the level below the one revoked,
    whatever the user held, so a naive "revoke admin" raises a read-only user (§6.4, §7.2), and
    revoking a cloud's lowest level takes every level away (§16)."""
    for kind, held, revoked, result in (("model", "read", "admin", "write"),
                                        ("model", "admin", "write", "read"),
                                        ("offer", "read", "admin", "consume"),
                                        ("offer", "admin", "consume", "read"),
                                        ("controller", "login", "superuser", "login"),
                                        ("cloud", "admin", "add-model", None),
                                        ("cloud", "add-model", "admin", "add-model")):
        target = Target(admin, kind)
        user = "quirk-%s-%s" % (kind, held)
        admin.add_user(user, password="pw-quirk")
        target.set(user, held)
        target.apply(user, access.Change("revoke", revoked))
        assert target.read(user) == result, (kind, held, revoked)
