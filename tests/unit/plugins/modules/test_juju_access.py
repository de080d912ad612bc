# -*- coding: utf-8 -*-
# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""juju_access main() against the simulator: each case in check mode, then for real, read back from the
simulator's own state (not through the client)."""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest
from jujusim.state import ModelUser

from ansible_collections.juju.controller.plugins.module_utils.api import ControllerClient
from ansible_collections.juju.controller.plugins.modules import juju_access as m


def model_grants(sim, owner="admin", name="default"):
    return dict((user, grant.access) for user, grant in sim.state.model_by_name(owner, name).users.items())


def offer_grants(sim):
    return dict(sim.state.offers[0].users)


def all_grants(sim):
    """Every grant and user state of the simulator (not the login times, which each run updates)."""
    state = sim.state
    return (dict(state.controller_access), sorted((u.name, u.disabled, u.deleted) for u in state.users.values()),
            [(model.name, model_grants(sim, model.owner, model.name)) for model in state.models.values()],
            [dict(offer.users) for offer in state.offers], [dict(cloud.users) for cloud in state.clouds.values()])


def both_modes(run, **options):
    """(check-mode result, real result), asserting that check mode predicted the real run."""
    predicted = run(m, check_mode=True, diff=True, **options)
    done = run(m, diff=True, **options)
    for key in ("failed", "changed", "msg", "changes", "holders", "kept", "limits", "warnings"):
        assert predicted.get(key) == done.get(key), key
    return done


def test_sets_the_named_users_and_leaves_the_others(run, simulator):
    result = both_modes(run, model="default", users={"zed@local": "read", "fred": "admin"})
    assert result["changed"] is True
    assert result["changes"] == [{"user": "fred", "action": "grant", "level": "admin"},
                                 {"user": "Zed", "action": "revoke", "level": "write"}]
    assert model_grants(simulator) == {"admin": "admin", "bob": "read", "zed": "read", "fred": "admin"}
    assert result["holders"] == {"admin": "admin", "bob": "read", "Zed": "read", "fred": "admin"}
    assert result["previous_holders"] == {"admin": "admin", "bob": "read", "Zed": "write"}
    assert result["target"]["name"] == "admin/default" and len(result["target"]["uuid"]) == 36
    assert result["diff"] == {"before": {"holders": result["previous_holders"]}, "after": {"holders": result["holders"]}}
    again = run(m, model="default", users={"zed@local": "read", "fred": "admin"})
    assert (again["changed"], again["changes"]) == (False, [])


def test_a_model_given_by_uuid_is_reported_in_both_forms(run, simulator):
    uuid = simulator.model_uuid("fred/prod")
    result = both_modes(run, model=uuid, users={"bob": "read"})
    assert (result["changed"], result["target"]) == (True, {"kind": "model", "name": "fred/prod", "uuid": uuid})
    assert model_grants(simulator, "fred", "prod") == {"fred": "admin", "bob": "read"}


def test_exclusive_model_list_keeps_only_the_owner_besides_the_named(run, simulator):
    result = both_modes(run, model="admin/default", users={"fred": "write"}, exclusive=True)
    assert model_grants(simulator) == {"admin": "admin", "fred": "write"}
    assert result["kept"] == [{"user": "admin", "access": "admin", "why": "owns the model"}]
    assert [c["user"] for c in result["changes"]] == ["bob", "fred", "Zed"]


def test_exclusive_offer_list_keeps_owner_default_read_and_the_login_user(run, simulator):
    result = both_modes(run, offer="fred/prod.db", users={"Zed": "consume"}, exclusive=True)
    assert offer_grants(simulator) == {"fred": "admin", "everyone@external": "read", "zed": "consume"}
    assert [k["user"] for k in result["kept"]] == ["admin", "everyone@external", "fred"]
    assert result["warnings"] == [
        'Revoking offer access "read" from user "bob" suspends the cross-model relations that "bob" made to offer '
        '"fred/prod.db" (unless it is a controller superuser or an admin of the offering model), and granting the '
        'access again does not resume them.']


def test_offer_admin_is_lowered_to_consume_with_one_revoke(run, simulator):
    run(m, offer="fred/prod.db", users={"bob": "admin"})
    result = both_modes(run, offer="fred/prod.db", users={"bob": "consume"})
    assert result["changes"] == [{"user": "bob", "action": "revoke", "level": "admin"}]
    assert result["warnings"] == []
    assert offer_grants(simulator)["bob"] == "consume"


def test_everyone_external_default_read_goes_only_when_named(run, simulator):
    result = both_modes(run, offer="fred/prod.db", users={"everyone@external": "none"})
    assert result["changes"] == [{"user": "everyone@external", "action": "revoke", "level": "read"}]
    assert "everyone@external" not in offer_grants(simulator)


@pytest.mark.parametrize("options, message", [
    (dict(offer="fred/prod.db", users={"fred": "read"}),
     'User "fred" owns offer "fred/prod.db" and keeps admin on it'),
    (dict(offer="fred/prod.db", users={"admin": "read"}),
     'User "admin" is the login user, which Juju shows as admin of offer "fred/prod.db"'),
    (dict(model="default", users={"alice": "read"}), 'User "alice" does not exist on the controller.'),
    (dict(model="default", users={"gone": "read"}),
     'User "gone" is disabled, and Juju does not change a disabled user\'s model access (grant read on model '
     '"admin/default"); enable it first.'),
    (dict(controller_access=True, users={"gone": "login"}),
     'User "gone" is disabled: Juju can neither read nor change the controller access'),
    (dict(as_user="ops", controller_access=True, users={"bob": "superuser"}, exclusive=True),
     'Lowering the access to controller "sim" from superuser to none would lock out the login user "ops" itself'),
    (dict(model="admin/nope", users={"bob": "read"}), 'Model "admin/nope" was not found on the controller'),
    (dict(model="default", cloud="localhost", users={}), "Give exactly one target: controller_access=true, model, "
     "offer or cloud (got model and cloud)."),
    (dict(users={"bob": "read"}), "Give exactly one target: controller_access=true, model, offer or cloud (none was "
     "given)."),
    (dict(cloud="microk8s", users={"bob": "read"}), '"read" is not a valid cloud access level'),
])
def test_refusals_are_the_same_in_both_modes_and_change_nothing(run, simulator, options, message):
    before = all_grants(simulator)
    result = both_modes(run, **options)
    assert result["failed"] is True and result["changed"] is False
    assert result["msg"].startswith(message)
    assert all_grants(simulator) == before


def test_a_disabled_users_model_grant_can_still_be_removed(run, simulator):
    simulator.state.model_by_name("admin", "default").users["gone"] = ModelUser("read")
    result = both_modes(run, model="default", users={"gone": None})
    assert result["changes"] == [{"user": "gone", "action": "revoke", "level": "read"}]
    assert "gone" not in model_grants(simulator)


def test_controller_list_with_external_users(run, simulator):
    result = both_modes(run, controller_access=True, users={"dan@external": "login", "bob": "superuser"})
    assert simulator.state.controller_level("dan@external") == "login"
    assert simulator.state.controller_level("bob") == "superuser"
    assert result["holders"]["dan@external"] == "login"
    exclusive = both_modes(run, controller_access=True, exclusive=True, users={
        "admin": "superuser", "ops": "superuser", "bob": "login", "fred": "login", "Zed": "login",
        "dan@external": None})
    assert exclusive["changes"] == [{"user": "bob", "action": "revoke", "level": "superuser"},
                                    {"user": "dan@external", "action": "revoke", "level": "login"}]
    assert exclusive["limits"][0].startswith("Juju has no call that lists external users whose only access is to the "
                                             "controller")
    assert 'so "gone" kept theirs.' in exclusive["limits"][1]


def test_model_admin_manages_its_model_and_a_plain_user_cannot(run, simulator):
    simulator.state.model_by_name("fred", "prod").users["bob"] = ModelUser("read")
    result = both_modes(run, as_user="fred", model="prod", users={"Zed": "write"}, exclusive=True)
    assert model_grants(simulator, "fred", "prod") == {"fred": "admin", "zed": "write"}
    assert result["changes"] == [{"user": "bob", "action": "revoke", "level": "read"},
                                 {"user": "Zed", "action": "grant", "level": "write"}]
    refused = both_modes(run, as_user="bob", model="admin/default", users={"fred": "read"}, exclusive=True)
    assert refused["msg"] == ('Exclusive=true needs a login user that sees every holder of model "admin/default", a '
                              'controller superuser or its admin; the login user "bob" is not.')
    refused = both_modes(run, as_user="bob", model="admin/default", users={"fred": "read"})
    assert refused["msg"].startswith('The login user "bob" has read access to model "admin/default", and changing')


def test_a_write_juju_acknowledges_but_does_not_make_fails(run, simulator):
    simulator.inject("ModelManager", "ModifyModelAccess", discard=True)
    result = run(m, model="default", users={"fred": "write"})
    assert result["failed"] is True and result["changed"] is False
    assert result["msg"] == ('Juju acknowledged that it granted model access "write" to user "fred" but then showed '
                             'no access for user "fred" on model "admin/default".')


def test_a_change_another_writer_made_first_is_not_reported(run, simulator, monkeypatch):
    real = ControllerClient.modify_access

    def raced(client, kind, changes):
        simulator.state.model_by_name("admin", "default").users["fred"] = ModelUser("write")
        return real(client, kind, changes)

    monkeypatch.setattr(ControllerClient, "modify_access", raced)
    result = run(m, model="default", users={"fred": "write", "bob": "admin"})
    assert result["failed"] is False
    assert result["changes"] == [{"user": "bob", "action": "grant", "level": "admin"}]
    assert model_grants(simulator)["fred"] == "write"


def test_cloud_list(run, simulator):
    result = both_modes(run, cloud="microk8s", users={"bob": "add-model"}, exclusive=True)
    assert simulator.state.clouds["microk8s"].users == {"bob": "add-model"}
    assert result["previous_holders"] == {"zed": "add-model", "fred": "admin"}


def test_exclusive_controller_list_keeps_the_controller_owner(run, simulator):
    result = both_modes(run, as_user="ops", controller_access=True, exclusive=True,
                        users={"ops": "superuser", "bob": "login", "fred": "login", "Zed": "login"})
    assert result["kept"] == [{"user": "admin", "access": "superuser", "why": "is the controller owner"}]
    assert simulator.state.controller_level("admin") == "superuser"
    assert result["changes"] == []


def test_an_offer_admin_by_grant_manages_the_offer_and_is_not_kept(run, simulator):
    simulator.state.offers[0].users["bob"] = "admin"
    result = both_modes(run, as_user="bob", offer="fred/prod.db", users={"bob": "admin", "Zed": "read"},
                        exclusive=True)
    assert [k["user"] for k in result["kept"]] == ["everyone@external", "fred"]
    assert result["changes"] == [{"user": "Zed", "action": "grant", "level": "read"}]
    lowered = both_modes(run, as_user="bob", offer="fred/prod.db", users={"bob": "consume"})
    assert lowered["msg"].startswith('Lowering the access to offer "fred/prod.db" from admin to consume would lock out')


def test_a_model_admin_grants_a_disabled_user_it_cannot_see_as_juju_writes_it(run, simulator):
    result = both_modes(run, as_user="fred", model="prod", users={"gone": "read"})
    assert (result["failed"], result["changed"]) == (False, True)
    assert model_grants(simulator, "fred", "prod")["gone"] == "read"


def test_a_model_admin_is_told_what_it_cannot_know_of_the_users_it_changes(run, simulator):
    """§19.5: a login user that may not read users cannot predict Juju's refusal; both runs say so, and Juju decides."""
    predicted = run(m, check_mode=True, as_user="fred", model="prod", users={"nosuch": "read", "fred": "admin"})
    result = run(m, as_user="fred", model="prod", users={"nosuch": "read", "fred": "admin"})
    assert (predicted["failed"], result["failed"]) == (False, True)
    assert result["msg"].startswith('Cannot grant model access "read" to user "nosuch"')
    assert predicted["warnings"] == result["warnings"] == [
        'the login user "fred" is not a controller superuser, so it cannot see whether user "nosuch" exists or is '
        "disabled; Juju refuses a grant to a user that does not exist, and most changes of a disabled user's access."]
