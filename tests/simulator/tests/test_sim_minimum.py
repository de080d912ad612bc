"""Smoke: TLS, Login, Pinger, UserInfo, AddUser, client store."""
import yaml


def test_login_ping_userinfo_adduser(connect, simulator):
    admin = connect()
    assert admin.login_result["server-version"].startswith("3.6.")
    assert admin.call("Pinger", "Ping") == {}
    names = [r["result"]["username"] for r in admin.call("UserManager", "UserInfo", {"entities": []})["results"]]
    assert names == ["admin", "alice", "bob", "fred"]
    res = admin.call("UserManager", "AddUser", {"users": [{"username": "zed", "display-name": "Z", "password": "pw"}]})
    assert res == {"results": [{"tag": "user-zed"}]}
    connect("zed", "pw")


def test_client_store(simulator):
    ctrl = yaml.safe_load((simulator.juju_data / "controllers.yaml").read_text())
    assert ctrl["current-controller"] == "sim"
    assert ctrl["controllers"]["sim"]["api-endpoints"] == ["127.0.0.1:%d" % simulator.port]
    assert ctrl["controllers"]["sim"]["ca-cert"] == simulator.ca_cert
    acc = yaml.safe_load((simulator.juju_data / "accounts.yaml").read_text())
    assert acc["controllers"]["sim"]["user"] == "admin"
    assert acc["controllers"]["sim"]["password"] == simulator.admin_password
    assert (simulator.juju_data / "cookies" / "sim.json").read_text() == "[]"


def test_client_store_keeps_other_controllers(make_simulator, tmp_path):
    jd = tmp_path / "shared-store"
    jd.mkdir()
    (jd / "controllers.yaml").write_text("controllers:\n  prod:\n    uuid: x\n    api-endpoints: ['10.0.0.1:17070']\n"
                                         "current-controller: prod\n")
    sim = make_simulator(juju_data=jd)
    ctrl = yaml.safe_load((jd / "controllers.yaml").read_text())
    assert set(ctrl["controllers"]) == {"prod", "sim"} and ctrl["current-controller"] == "sim"
    assert ctrl["controllers"]["prod"]["api-endpoints"] == ["10.0.0.1:17070"]
    assert yaml.safe_load((jd / "models.yaml").read_text())["controllers"]["sim"]["current-model"] == "admin/default"
    assert sim.juju_data == jd
