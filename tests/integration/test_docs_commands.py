"""The commands and examples of README.md, docs/ and playbooks/demo.yml work as written."""
import re
import subprocess

import yaml

from simhelper import ROOT, SimRun, ansible_env, recap

MODULES = sorted(p.stem for p in (ROOT / "plugins" / "modules").glob("juju_*.py"))


def readme_block(after):
    """The indented command block that follows the README paragraph ending with `after`."""
    text = (ROOT / "README.md").read_text()
    rest = text[text.index(after) + len(after):]
    return [line[4:] for line in rest.lstrip("\n").split("\n\n")[0].splitlines()]


def test_readme_command_for_your_own_playbook_runs(tmp_path):
    # `-i localhost,` puts localhost in the inventory, so without an interpreter Ansible would pick the
    # system Python, which has no websockets: the command must name the venv's.
    commands = readme_block("system Python, which lacks `websockets`:\n")
    assert commands[0] == "make venv"  # run by the test suite's own setup, not here
    playbook = tmp_path / "your-playbook.yml"
    playbook.write_text(yaml.safe_dump([{"name": "Mine", "hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "Read", "juju.controller.juju_user_info": {"user": "fred"}}]}]))
    run = SimRun(tmp_path)
    try:
        env = ansible_env(tmp_path, JUJU_DATA=str(run.sim.juju_data))
        del env["ANSIBLE_COLLECTIONS_PATH"]  # the README's export sets it
        script = "\n".join(commands[1:]).replace("your-playbook.yml", str(playbook))
        proc = subprocess.run(["bash", "-euc", script], cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True, timeout=300, check=False)
    finally:
        run.close()
    assert proc.returncode == 0, proc.stdout
    assert recap(proc.stdout)["failed"] == 0 and recap(proc.stdout)["ok"] == 1


def test_docs_readme_lists_every_module():
    text = (ROOT / "docs" / "README.md").read_text()
    assert re.findall(r"ansible-doc (juju\.controller\.juju_\w+)", text) == ["juju.controller." + m for m in MODULES]


def test_demo_header_names_every_target_variable():
    text = (ROOT / "playbooks" / "demo.yml").read_text()
    header = text.split("\n- name:")[0]
    (play,) = yaml.safe_load(text)
    targets = [name for name in play["vars"] if name.startswith("demo_") and not name.endswith(("users", "grants"))]
    assert targets == ["demo_model", "demo_model_2", "demo_offer"]
    assert all("-e %s=" % name in header for name in targets), header


def test_guide_fleet_example_names_each_models_owner():
    # A bare model name is the login user's model, and the example's staging logs in as ci-admin.
    guide = (ROOT / "docs" / "guide.md").read_text()
    block = guide.split("# juju/inventory.yml: the controllers and their users\n")[1].split("```")[0]
    inventory = yaml.safe_load(block)
    refs = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "models":
                    refs.extend(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(inventory)
    assert refs and all("/" in ref for ref in refs), refs
