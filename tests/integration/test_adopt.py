"""playbooks/adopt.yml: a controller's users exported for the users role, then applied back by the role
with juju_users_purge and juju_users_purge_access: nothing changes, nothing is written."""
import yaml

from simhelper import ROOT, SimRun, recap

FIXTURE = {
    "controller": {"name": "sim", "owner": "admin"},
    "users": [
        {"name": "admin", "display-name": "admin", "access": "superuser"},
        {"name": "ops", "display-name": "Ops robot", "access": "superuser"},
        {"name": "Zed", "display-name": "Zed"},
        {"name": "legacy", "disabled": True},
        # SimRun's inventory names their passwords
        {"name": "fred"}, {"name": "alice"}, {"name": "bob"},
    ],
    "models": [
        {"name": "controller", "owner": "admin", "is-controller": True},
        {"name": "prod", "owner": "admin", "users": {"Zed": "write", "legacy": "read"}},
    ],
    "offers": [{"url": "admin/prod.db", "users": {"zed": "consume"}}],
    "clouds": [{"name": "microk8s", "type": "kubernetes", "users": {"zed": "add-model"}}],
}


def test_an_exported_declaration_applied_by_the_role_changes_nothing(tmp_path):
    fixture = tmp_path / "fixture.yaml"
    fixture.write_text(yaml.safe_dump(FIXTURE))
    run = SimRun(tmp_path, fixture=fixture)
    try:
        exported = tmp_path / "juju_users.yml"
        code, output = run.playbook(ROOT / "playbooks" / "adopt.yml", "-e", "adopt_file=%s" % exported)
        assert code == 0, output[-4000:]
        declared = yaml.safe_load(exported.read_text())["juju_users"]
        assert [entry["name"] for entry in declared] == ["admin", "alice", "bob", "fred", "legacy", "ops", "Zed"]
        assert declared[6] == {"name": "Zed", "display_name": "Zed", "enabled": True, "controller_access": "login",
                               "models": {"admin/prod": "write"}, "offers": {"admin/prod.db": "consume"},
                               "clouds": {"microk8s": "add-model"}}
        assert '#   {"name": "everyone@external", "offers": {"admin/prod.db": "read"}}' in exported.read_text()

        play = tmp_path / "apply.yml"
        play.write_text(yaml.safe_dump([{
            "name": "Apply the exported users", "hosts": "localhost", "gather_facts": False,
            "vars_files": [str(exported)], "vars": {"juju_users_purge": True, "juju_users_purge_access": True},
            "roles": ["juju.controller.users"]}]))
        writes_before = run.sim.counters["writes"]
        code, output = run.playbook(play)
        assert code == 0, output[-4000:]
        assert recap(output)["changed"] == 0, output[-4000:]
        assert run.sim.counters["writes"] == writes_before
    finally:
        run.close()
