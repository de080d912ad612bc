# Copyright (c) 2026, juju.controller contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a juju_user_info task that reads users loads (issue 17): every task compiles what it imports from
AnsiballZ's zip again, so code that only other options need is imported where it is used. Checked in a
fresh Python, since this test process has loaded everything already."""
import os
import subprocess
import sys

PACKAGE = "ansible_collections.juju.controller.plugins.module_utils."
# Code of the paths a read of users does not take, and of a store read (PyYAML).
RARE = ["concurrent.futures", "yaml"] + [PACKAGE + name for name in (
    "api_keys", "api_model", "cookies", "declaration", "guards", "macaroon_json", "ssh_keys")]

SCRIPT = """
import sys
from ansible_collections.juju.controller.plugins.modules import juju_user_info
from ansible_collections.juju.controller.plugins.module_utils.settings import resolve

def loaded():
    return " ".join(name for name in %(rare)r if name in sys.modules) or "nothing"

resolve({"api_endpoints": ["10.0.0.1:17070"], "login_user": "admin", "login_password": "pw",
         "validate_certs": False}, {})
print("explicit settings:", loaded())
resolve({"validate_certs": False}, {"JUJU_DATA": %(store)r})
print("from the store:", loaded())
"""


def test_a_read_loads_neither_other_options_code_nor_pyyaml_without_a_store(tmp_path):
    (tmp_path / "controllers.yaml").write_text(
        "current-controller: sim\ncontrollers:\n  sim:\n    api-endpoints: ['10.0.0.1:17070']\n")
    (tmp_path / "accounts.yaml").write_text("controllers:\n  sim:\n    user: admin\n    password: pw\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
    proc = subprocess.run([sys.executable, "-c", SCRIPT % {"rare": RARE, "store": str(tmp_path)}], env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["explicit settings: nothing", "from the store: yaml"]
