"""The access review of three controllers, as a reviewer's browser shows it.

Two simulators in known states (tests/integration/access_report/hosts.yml) and a controller that does
not answer are reviewed by one run of the collection's playbook juju.controller.access_report. The page
is read from the DOM headless Chromium builds from it; the CSV and the JSON must say the same.
"""
import csv
import json
import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from browser import CHROMIUM, dom
from simhelper import ROOT, ansible_env, ansible_playbook, meet_at_first_call, recap

HOSTS = Path(__file__).parent / "access_report" / "hosts.yml"
PLAYBOOK = ROOT / "playbooks" / "access_report.yml"
MALLORY = 'Fred <script>alert("x")</script> & co'

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no headless browser: /usr/bin/chromium is not "
                                "installed (Debian package chromium; .ci/run installs it)")


def fixture(name, users, models, offers=()):
    return {"controller": {"name": name, "owner": "admin"},
            "users": [{"name": "admin", "display-name": "admin", "access": "superuser"}] + users,
            "models": [{"name": "controller", "owner": "admin", "is-controller": True}] + models,
            "offers": list(offers)}


PROD_EU = fixture("prod-eu", [{"name": "alice", "display-name": "Alice", "access": "superuser"},
                              {"name": "bob", "display-name": "Bob"},
                              {"name": "fred", "display-name": MALLORY, "disabled": True}],
                  [{"name": "default", "owner": "admin", "users": {"bob": "read", "fred": "write"}}],
                  [{"url": "admin/default.db", "application": "postgresql", "users": {"bob": "consume"},
                    "endpoints": [{"name": "db", "interface": "pgsql", "role": "provider"}]}])
PROD_US = fixture("prod-us", [{"name": "carol", "display-name": "Carol"}],
                  [{"name": "default", "owner": "admin", "users": {"carol": "admin"}}])

BOB_LAST_SEEN = (datetime.now(timezone.utc) - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def review(make_simulator, tmp_path, monkeypatch):
    """Run the playbook over prod-eu, prod-us and down; (returncode, output, report dir, simulators, whether
    prod-eu and prod-us were read in parallel)."""
    sims = {}
    for name, state in (("prod-eu", PROD_EU), ("prod-us", PROD_US)):
        path = tmp_path / ("%s.yml" % name)
        path.write_text(yaml.safe_dump(state))
        sims[name] = make_simulator(fixture=str(path), juju_data=tmp_path / "store")
    bob = sims["prod-eu"].state.users["bob"]
    sims["prod-eu"].run_in_loop(lambda: setattr(bob, "last_connection", BOB_LAST_SEEN))
    (tmp_path / "ca.pem").write_text(sims["prod-eu"].ca_cert)
    down = tmp_path / "down.yml"
    down.write_text(yaml.safe_dump({"juju_controllers": {"hosts": {"down": {
        "juju_api_endpoints": ["127.0.0.1:%d" % closed_port()], "juju_ca_cert": str(tmp_path / "ca.pem"),
        "juju_login_user": "admin", "juju_login_password": "{{ vault_down_password }}", "juju_timeout": 5}}}}))
    vault = tmp_path / "vault.yml"
    vault.write_text(yaml.safe_dump({"vault_bob_password": "bob-secret-1", "vault_down_password": "down-secret-2"}))
    reports = tmp_path / "reports"
    env = ansible_env(tmp_path, JUJU_DATA=str(tmp_path / "store"))
    met = meet_at_first_call(sims.values(), monkeypatch)
    rc, output = ansible_playbook(["-i", str(HOSTS), "-i", str(down), str(PLAYBOOK), "-e", "@%s" % vault,
                                   "-e", "access_report_dir=%s" % reports], env, tmp_path)
    (tmp_path / "output.txt").write_text(output)  # kept for post-mortems
    return rc, output, reports, sims, met


def matrix(page):
    """{(controller, user, kind, target): level} of every coloured cell of the page's matrices."""
    cells = {}
    for table in page.iter("table", class_="matrix"):
        for row in table.iter("tr"):
            for cell in row.iter("td", class_="level"):
                if cell.text:
                    cells[(table.attrs["data-controller"], row.attrs["data-user"], cell.attrs["data-kind"],
                           cell.attrs["data-target"])] = cell.text
    return cells


def findings(page):
    """{kind: [(controller, sentence)]} of the page's findings tables."""
    return dict((table.attrs["data-kind"], [(row.attrs["data-controller"], row.find("td", class_="text").text)
                                            for row in table.find("tbody").iter("tr")])
                for table in page.iter("table", class_="findings"))


def test_the_review_of_three_controllers_as_a_browser_shows_it(review):
    rc, output, reports, sims, met = review
    assert rc == 0, output[-6000:]
    assert met == [True, True], "the controllers were not read in parallel"
    assert [recap(output, host)["failed"] for host in ("prod-eu", "prod-us", "down")] == [0, 0, 0]
    # down could not be read, prod-us's declaration could not be compared: both are findings
    assert [recap(output, host)["rescued"] for host in ("prod-eu", "prod-us", "down")] == [0, 1, 1]
    assert [sim.counters["writes"] for sim in sims.values()] == [0, 0]
    assert [sim.counters["calls"][("Admin", "Login")] for sim in sims.values()] == [1, 1]  # read once

    page = dom(reports / "access-report.html")
    summary = dict((row.attrs["data-controller"], [cell.text for cell in row.iter("td")])
                   for row in page.find("table", class_="summary").find("tbody").iter("tr"))
    assert summary == {"down": ["not read", "", "", "", "", "1"],
                       "prod-eu": ["read as admin", "4", "3", "2", "1", "10"],
                       "prod-us": ["read as admin", "2", "2", "1", "0", "4"]}

    found = findings(page)
    unreachable = found.pop("unreachable")
    assert [controller for controller, _text in unreachable] == ["down"]
    assert unreachable[0][1].startswith('Controller "down" could not be read: ')
    assert found == {
        "disabled-with-grants": [("prod-eu", 'User "fred" is disabled and holds model "admin/default" (write).')],
        "never-logged-in": [("prod-eu", 'User "alice" has never logged in.'),
                            ("prod-us", 'User "carol" has never logged in.')],
        "inactive": [("prod-eu", 'User "bob" last logged in 200 days ago (%s).' % BOB_LAST_SEEN)],
        "external": [("prod-eu", 'External user "everyone@external" holds offer "admin/default.db" (read).')],
        "superuser": [("prod-eu", 'User "admin" is a superuser of the controller.'),
                      ("prod-eu", 'User "alice" is a superuser of the controller.'),
                      ("prod-us", 'User "admin" is a superuser of the controller.')],
        "model-without-admin": [("prod-eu", 'Model "admin/controller" has no admin other than its owner "admin".'),
                                ("prod-eu", 'Model "admin/default" has no admin other than its owner "admin".'),
                                ("prod-us", 'Model "admin/controller" has no admin other than its owner "admin".')],
        "drift": [("prod-eu", 'User "bob" has read access to model "admin/default", declared write.'),
                  ("prod-eu", 'User "zed" does not exist, declared present.'),
                  ("prod-us", 'The declaration cannot be compared: User "carol": the level for model "default" is '
                              '"owner", but must be one of read, write, admin, or absent for no access.')],
    }
    assert [p.attrs["data-kind"] for p in page.iter("p", class_="none")] == ["partial"]

    fred = page.find("table", class_="matrix", data_controller="prod-eu").find("tr", data_user="fred")
    assert fred.attrs.get("class") == "disabled"
    assert [cell.text for cell in fred.iter("td", class_="attr")] == [MALLORY, "no", "never"]
    assert not list(page.iter("script")), "a display name became markup"

    cells = matrix(page)
    assert dict((key, level) for key, level in cells.items() if key[0] == "prod-us") == {
        ("prod-us", "admin", "controller", "prod-us"): "superuser",
        ("prod-us", "admin", "model", "admin/controller"): "admin",
        ("prod-us", "admin", "model", "admin/default"): "admin",
        ("prod-us", "admin", "cloud", "localhost"): "admin",
        ("prod-us", "carol", "controller", "prod-us"): "login",
        ("prod-us", "carol", "model", "admin/default"): "admin",
    }
    assert cells[("prod-eu", "everyone@external", "offer", "admin/default.db")] == "read"
    assert cells[("prod-eu", "fred", "model", "admin/default")] == "write"
    assert ("prod-eu", "fred", "controller", "prod-eu") not in cells  # Juju hides a disabled user's access

    with open(reports / "access-report.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert dict(((row["controller"], row["user"], row["kind"], row["target"]), row["level"])
                for row in rows if row["level"]) == cells
    assert [row["display_name"] for row in rows if row["user"] == "fred"] == [MALLORY, MALLORY]

    data = json.loads((reports / "access-report.json").read_text())
    assert dict(((controller["name"], user["name"], level["kind"], level["target"]), level["level"])
                for controller in data["controllers"] for user in controller["users"]
                for level in user["levels"] if level["level"]) == cells
    assert [(item["controller"], item["text"]) for item in data["findings"] if item["kind"] != "unreachable"] == \
        [pair for kind in found for pair in found[kind]]

    files = ("access-report.html", "access-report.csv", "access-report.json")
    texts = [output] + [(reports / name).read_text() for name in files]
    secrets = ["bob-secret-1", "down-secret-2"] + [p for sim in sims.values() for p in sim.passwords.values() if p]
    for text in texts:
        for secret in secrets:
            assert secret not in text, "a password appears in the output or the report"
