"""Fault injection and counters (contract §1)."""
import time

import pytest
from websockets.exceptions import ConnectionClosed

from jujusim.wire import CallError


def test_counters(connect, simulator):
    admin = connect()
    admin.call("UserManager", "UserInfo", {"entities": []})
    admin.call("UserManager", "AddUser", {"users": [{"username": "cnt", "display-name": "", "password": "p"}]})
    admin.call("Pinger", "Ping")
    c = simulator.counters
    assert (c["reads"], c["writes"]) == (1, 1)
    assert c["calls"][("UserManager", "AddUser")] == 1 and c["calls"][("Admin", "Login")] == 1
    assert c["calls"][("Pinger", "Ping")] == 1
    simulator.reset_counters()
    assert simulator.counters == {"reads": 0, "writes": 0, "calls": {}}


def test_inject_error_once(connect, simulator):
    admin = connect()
    simulator.inject("UserManager", "UserInfo", error=("boom", "try again"))
    e = admin.error("UserManager", "UserInfo", {"entities": []})
    assert (e.message, e.code) == ("boom", "try again")
    admin.call("UserManager", "UserInfo", {"entities": []})  # one-shot


def test_inject_times_and_clear(connect, simulator):
    admin = connect()
    simulator.inject("Pinger", "Ping", error=("nope", ""), times=2)
    for dummy in range(2):
        with pytest.raises(CallError):
            admin.call("Pinger", "Ping")
    assert admin.call("Pinger", "Ping") == {}
    simulator.inject("Pinger", "Ping", error=("nope", ""), times=None)
    simulator.clear_faults()
    assert admin.call("Pinger", "Ping") == {}


def test_inject_delay(connect, simulator):
    admin = connect()
    simulator.inject("Pinger", "Ping", delay=0.3)
    start = time.monotonic()
    admin.call("Pinger", "Ping")
    assert time.monotonic() - start >= 0.3


def test_inject_drop(connect, simulator):
    admin = connect()
    simulator.inject("UserManager", "AddUser", drop=True)
    with pytest.raises(ConnectionClosed):
        admin.call("UserManager", "AddUser", {"users": [{"username": "dropped", "display-name": ""}]})
    # the server is fine, and nothing was written
    names = [r["result"]["username"] for r in connect().call("UserManager", "UserInfo", {"entities": []})["results"]]
    assert "dropped" not in names


def test_inject_discard_answers_like_the_real_call_but_changes_nothing(connect, simulator):
    admin = connect()
    simulator.inject("UserManager", "AddUser", discard=True)
    answer = admin.call("UserManager", "AddUser", {"users": [{"username": "ghost", "display-name": ""}]})
    assert answer["results"][0]["tag"] == "user-ghost" and answer["results"][0]["secret-key"]
    assert simulator.state.user("ghost") is None
    grant = {"changes": [{"user-tag": "user-bob", "action": "grant", "access": "superuser"}]}
    simulator.inject("Controller", "ModifyControllerAccess", discard=True)
    assert admin.call("Controller", "ModifyControllerAccess", grant) == {"results": [{}]}
    assert simulator.state.controller_level("bob") == "login"
    admin.call("Controller", "ModifyControllerAccess", grant)  # one-shot: applied this time
    assert simulator.state.controller_level("bob") == "superuser"
