"""ControllerClient cloud operations: Cloud v7 (juju-api.md §16) against the simulator."""
import pytest

from ansible_collections.juju.controller.plugins.module_utils import errors


@pytest.fixture
def fred(simulator, client_for):
    with client_for(simulator, "fred") as client:
        yield client


def test_list_clouds(admin, fred):
    assert admin.list_clouds() == [{"name": "localhost", "type": "lxd", "regions": ["localhost"]},
                                   {"name": "microk8s", "type": "kubernetes", "regions": ["localhost"]}]
    assert fred.list_clouds() == []  # new local users get no cloud access
    admin.modify_cloud_access("fred", "grant", "add-model", "microk8s")
    assert [c["name"] for c in fred.list_clouds()] == ["microk8s"]


def test_cloud_users(admin, fred):
    assert admin.cloud_users("localhost") == {"admin": "admin"}  # the bootstrap grant
    assert admin.cloud_users("microk8s") == {}  # Juju's "permission denied" for a cloud nobody holds
    with pytest.raises(errors.Unauthorized) as info:
        fred.cloud_users("localhost")
    assert str(info.value) == 'cannot read the users of cloud "localhost": permission denied'
    with pytest.raises(errors.NotFound) as info:
        admin.cloud_users("nowhere")
    assert str(info.value) == 'cannot read the users of cloud "nowhere": cloud "nowhere" not found'


def test_modify_cloud_access(admin, fred):
    admin.modify_cloud_access("Fred", "grant", "admin", "localhost")
    admin.modify_cloud_access("everyone@external", "grant", "add-model", "localhost")
    assert admin.cloud_users("localhost") == {"admin": "admin", "fred": "admin", "everyone@external": "add-model"}
    assert fred.cloud_users("localhost") == admin.cloud_users("localhost")  # a cloud admin sees everyone
    with pytest.raises(errors.AlreadyHasAccess) as info:
        admin.modify_cloud_access("fred", "grant", "add-model", "localhost")
    assert str(info.value) == ('cannot grant cloud access "add-model" to user "fred" on cloud "localhost": '
                               'could not grant cloud access: user already has "add-model" access or greater')
    admin.modify_cloud_access("fred", "revoke", "add-model", "localhost")
    with pytest.raises(errors.NoAccess):
        admin.modify_cloud_access("fred", "revoke", "admin", "localhost")


def test_modify_cloud_access_refusals(admin, fred, simulator):
    with pytest.raises(errors.Unauthorized):
        fred.modify_cloud_access("bob", "grant", "add-model", "localhost")  # only superusers (3.2-3.6)
    with pytest.raises(errors.JujuError) as info:
        admin.modify_cloud_access("admin", "revoke", "admin", "localhost")
    assert info.value.message == "cannot change your own cloud access"
    with pytest.raises(errors.NotFound):
        admin.modify_cloud_access("ghost", "grant", "add-model", "localhost")
    simulator.reset_counters()
    for args in (("bob", "grant", "login", "localhost"), ("bob", "grant", "admin", "no cloud"),
                 ("bob", "share", "admin", "localhost"), ("b_b", "grant", "admin", "localhost")):
        with pytest.raises(errors.InvalidInput):
            admin.modify_cloud_access(*args)
    assert simulator.counters["calls"] == {}  # refused before anything was sent


def test_one_round_trip_each(admin, simulator):
    before = admin.round_trips
    admin.list_clouds()
    admin.cloud_users("localhost")
    admin.modify_cloud_access("bob", "grant", "add-model", "localhost")
    assert admin.round_trips - before == 3


@pytest.mark.parametrize("code,cls", [("", errors.JujuError), ("unauthorized access", errors.Unauthorized)])
def test_list_clouds_failure_says_what_was_being_done(admin, simulator, code, cls):
    # The sentence a task reports when Cloud.Clouds fails: what the client was doing, then Juju's text.
    simulator.inject("Cloud", "Clouds", error=("boom", code))
    with pytest.raises(errors.JujuError) as info:
        admin.list_clouds()
    assert (info.value.__class__, str(info.value), info.value.code) == (cls, "cannot list clouds: boom", code)
