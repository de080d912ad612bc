# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python-libjuju's cloud calls (Controller.clouds/get_cloud/cloud, and its generated CloudFacade for
CloudInfo and ModifyCloudAccess: 3.6.1.3 has no grant_cloud/revoke_cloud), and ResetPassword.

Spec: juju-api.md §16 (Cloud v7), §4.6 (ResetPassword).
"""
from __future__ import annotations

import pytest

from conformance_helpers import decode_secret_key
from juju.client import client as jclient
from juju.errors import JujuError


async def _modify(ctl, user, action, level, cloud="localhost"):
    facade = jclient.CloudFacade.from_connection(ctl.connection())
    change = jclient.ModifyCloudAccess(access=level, action=action, cloud_tag="cloud-" + cloud,
                                       user_tag="user-" + user)
    return await facade.ModifyCloudAccess(changes=[change])


async def _users(ctl, cloud="localhost"):
    facade = jclient.CloudFacade.from_connection(ctl.connection())
    res = await facade.CloudInfo(entities=[jclient.Entity("cloud-" + cloud)])
    return {u.user: u.access for u in res.results[0].result.users}


def test_clouds_as_libjuju_reads_them(juju):
    async def scenario():
        async with juju.controller() as ctl:
            assert sorted((await ctl.clouds()).clouds) == ["cloud-localhost", "cloud-microk8s"]
            assert await ctl.get_cloud() == "localhost"  # the first key of Go's sorted map
            cloud = (await ctl.cloud()).cloud
            assert (cloud.type_, [r.name for r in cloud.regions]) == ("lxd", ["localhost"])
            assert (await ctl.cloud("microk8s")).cloud.endpoint == "https://10.0.0.10:16443"
            assert await _users(ctl) == {"admin": "admin"}
        async with juju.controller("fred") as ctl:
            assert (await ctl.clouds()).clouds == {}  # no grant: nothing visible
            with pytest.raises(JujuError) as ei:  # and what is not visible is not found
                await ctl.cloud("localhost")
            assert ei.value.errors == ['cloud "localhost" not found']

    juju.run(scenario())


def test_grant_and_revoke_cloud_access(juju):
    async def scenario():
        async with juju.controller() as ctl:
            assert (await _modify(ctl, "fred", "grant", "admin")).results[0].error is None
            assert await _users(ctl) == {"admin": "admin", "fred": "admin"}
            with pytest.raises(JujuError) as ei:
                await _modify(ctl, "fred", "grant", "add-model")
            assert ei.value.errors == ['could not grant cloud access: user already has "add-model" access or greater']
            await _modify(ctl, "fred", "revoke", "admin")  # admin -> add-model
            assert (await _users(ctl))["fred"] == "add-model"
            await _modify(ctl, "fred", "revoke", "add-model")  # removes every level
            assert "fred" not in await _users(ctl)
            with pytest.raises(JujuError) as ei:
                await _modify(ctl, "admin", "revoke", "admin")
            assert ei.value.errors == ["cannot change your own cloud access"]
            await _modify(ctl, "fred", "grant", "add-model", "microk8s")
        async with juju.controller("fred") as ctl:
            assert await ctl.get_cloud() == "microk8s"
            with pytest.raises(JujuError) as ei:
                await _modify(ctl, "bob", "grant", "add-model", "microk8s")
            assert ei.value.errors == ["permission denied"]

    juju.run(scenario())


def test_reset_user_password(juju):
    async def scenario():
        async with juju.controller() as ctl:
            fred = await ctl.reset_user_password("fred")
            assert fred.username == "fred" and len(decode_secret_key(fred.secret_key)) == 32
        err = await juju.login_error("fred", juju.password_of("fred"))  # the password is gone
        assert err.message == "invalid entity name or password"

    juju.run(scenario())
