"""Schema validation of every frame (jujusim/schema, with its README's wire leniencies)."""
import json

import pytest

from jujusim import Simulator, schema


@pytest.fixture(scope="module")
def validator():
    return schema.Validator(schema.find_schema())


def test_request_leniency(validator):
    # python-libjuju sends null for unset parameters and omits "required" Login keys.
    assert validator.check_params("UserManager", 3, "AddUser",
                                  {"users": [{"username": "x", "display-name": None, "password": None}]}) == []
    assert validator.check_params("UserManager", 3, "UserInfo", {"entities": None, "include-disabled": False}) == []
    assert validator.check_params("Admin", 3, "Login", {"auth-tag": "user-x", "credentials": "pw",
                                                        "client-version": "3.6.1.3"}) == []
    assert validator.check_params("Pinger", 1, "Ping", {}) == []


def test_request_violations(validator):
    assert validator.check_params("UserManager", 3, "AddUser", {"users": [{"username": 5}]})
    assert validator.check_params("UserManager", 3, "AddUser", {"user": []})  # misspelt key
    assert validator.check_params("ApplicationOffers", 5, "ListApplicationOffers", {"filters": []})
    assert validator.check_params("Pinger", 1, "Ping", {"x": 1})


def test_response_rules(validator):
    ok = {"results": [{"tag": "user-x", "secret-key": "AAAA"}]}
    assert validator.check_result("UserManager", 3, "AddUser", ok) == []  # []byte is a base64 string
    assert validator.check_result("UserManager", 3, "AddUser", {"results": None}) == []  # nil slice
    assert validator.check_result("UserManager", 3, "AddUser", {})  # required key missing
    assert validator.check_result("UserManager", 3, "AddUser", {"results": [{"tag": "t", "extra": 1}]})
    mui = {"model-tag": "", "user": "u", "display-name": "", "last-connection": None, "access": "read"}
    assert validator.check_result("UserManager", 3, "ModelUserInfo", {"results": [{"result": mui}]}) == []
    del mui["last-connection"]
    assert validator.check_result("UserManager", 3, "ModelUserInfo", {"results": [{"result": mui}]})
    # embedded Address flattened into HostPort; version.Number as a string
    hp = {"value": "1.2.3.4", "type": "ipv4", "scope": "public", "port": 17070}
    assert validator.check_result("Admin", 3, "Login", {"servers": [[hp]]}) == []
    assert validator.check_result("Admin", 3, "Login", {"servers": [[{"port": 1}]]})


def test_violation_is_recorded_and_answered_with_error(connect, simulator):
    assert simulator.server.validator is not None
    c = connect()
    e = c.error("UserManager", "UserInfo", {"entity": []})
    assert e.code == "bad request" and e.message.startswith("schema violation: ")
    assert simulator.violations
    simulator.server.violations.clear()  # expected here; the fixture would fail the test otherwise


def test_missing_schema_is_an_error_not_silence(tmp_path, monkeypatch):
    monkeypatch.setenv("JUJUSIM_SCHEMA", str(tmp_path / "nowhere"))
    with pytest.raises(schema.SchemaMissing, match="nowhere"):
        Simulator(tmp_path / "j").start()
    sim = Simulator(tmp_path / "k", validate=False).start()
    try:
        assert sim.server.validator is None
    finally:
        sim.stop()


def test_shipped_schema_is_the_default(monkeypatch):
    monkeypatch.delenv("JUJUSIM_SCHEMA", raising=False)
    assert schema.find_schema() == schema.SHIPPED
    names = {(e["Name"], e["Version"]) for e in json.loads(schema.SHIPPED.read_text())}
    assert {("Admin", 3), ("UserManager", 3), ("Cloud", 7), ("ApplicationOffers", 5), ("KeyManager", 1)} <= names


def test_every_default_response_is_valid(connect, simulator):
    """Drive each implemented method once; the fixture fails the test on any violation."""
    admin = connect()
    uuid = simulator.model_uuid("admin/default")
    calls = [("UserManager", "UserInfo", {"entities": [], "include-disabled": True}),
             ("UserManager", "ModelUserInfo", {"entities": [{"tag": "model-" + uuid}]}),
             ("Controller", "AllModels", {}), ("Controller", "ControllerVersion", {}),
             ("ModelManager", "ModelInfo", {"entities": [{"tag": "model-" + uuid}]}),
             ("ModelManager", "ListModelSummaries", {"user-tag": "user-admin", "all": True}),
             ("ApplicationOffers", "ListApplicationOffers",
              {"Filters": [{"owner-name": "fred", "model-name": "prod"}]})]
    for facade, method, params in calls:
        admin.call(facade, method, params)
    for v in (4,):
        admin.call("ApplicationOffers", "ApplicationOffers", {"offer-urls": ["fred/prod.hosted-mysql"]}, version=v)
    for v in (9,):
        admin.call("ModelManager", "ModelInfo", {"entities": [{"tag": "model-" + uuid}]}, version=v)
        admin.call("ModelManager", "ListModelSummaries", {"user-tag": "user-admin"}, version=v)
    admin.call("Controller", "AllModels", version=11)
    assert json.dumps(simulator.violations) == "[]"
