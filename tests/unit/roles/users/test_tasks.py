"""roles/users/tasks/main.yml: the check-mode preview that --diff shows and the converge are one juju_users call
(the preview predicts the converge only if both get every option), and every option of the role's argument spec
that juju_users takes reaches it."""
from pathlib import Path

import yaml

from ansible_collections.juju.controller.plugins.modules import juju_users

ROLE = Path(__file__).resolve().parents[4] / "roles" / "users"


def juju_users_tasks():
    tasks = yaml.safe_load((ROLE / "tasks" / "main.yml").read_text())
    found = []
    for task in tasks:
        for inner in task.get("block", []):
            if "juju.controller.juju_users" in inner:
                found.append(inner)
    return found


def test_the_preview_and_the_converge_pass_the_same_options():
    preview, converge = juju_users_tasks()
    assert preview.get("check_mode") is True
    assert preview["juju.controller.juju_users"] == converge["juju.controller.juju_users"]


def test_every_option_of_juju_users_the_role_documents_reaches_the_module():
    spec = yaml.safe_load((ROLE / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]["options"]
    passed = set(juju_users_tasks()[1]["juju.controller.juju_users"])
    role_options = set(name[len("juju_users_"):] for name in spec if name.startswith("juju_users_"))
    assert role_options & set(juju_users.ARGUMENT_SPEC) <= passed
    assert "users" in passed
