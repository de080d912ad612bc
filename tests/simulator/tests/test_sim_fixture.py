"""Fixture mistakes are one sentence each, naming where they are; nothing a fixture says is ignored."""
import pytest
import yaml

from jujusim.fixture import FixtureError, build_state, load_fixture


def problem(data):
    with pytest.raises(FixtureError) as info:
        build_state(data)
    return str(info.value)


@pytest.mark.parametrize("data,sentence", [
    ([{"name": "bob"}], "the fixture must be a mapping of controller, users, models, offers, clouds, "
                        "ssh-import-ids, not a list."),
    ({"user": []}, "the fixture has the unknown key user; use controller, users, models, offers, clouds, "
                   "ssh-import-ids."),
    ({"users": {"bob": {}}}, "users must be a list, not a mapping."),
    ({"users": [{"name": "b_ob"}]}, 'users[0]: "b_ob" is not a valid local user name (letters, digits, ".", "+" '
                                    'and "-", starting and ending with a letter or digit, at least 2 characters).'),
    ({"users": [{"name": "bob\n"}]}, r'users[0]: "bob\n" is not a valid local user name (letters, digits, ".", "+" '
                                     'and "-", starting and ending with a letter or digit, at least 2 characters).'),
    ({"users": [{"name": "zed"}, {"name": "Zed"}]},
     'users[1]: "zed" and "Zed" are one user: Juju compares local user names without case.'),
    ({"users": [{"name": "bob", "passwd": "x"}]},
     "users[0] has the unknown key passwd; use name, password, display-name, access, disabled, passwordless, "
     "created-by."),
    ({"users": [{"name": "bob", "password": 123}]}, "users[0]: the password must be a string (quote it in YAML)."),
    ({"users": [{"name": "bob", "access": "admin"}]},
     'users[0]: access is "admin"; use login, superuser, or "" for no controller access.'),
    ({"users": [{"display-name": "Bob"}]}, "users[0] has no name."),
    ({"models": [{"name": "prod", "users": {"ghost": "read"}}]},
     'model admin/prod grants read to "ghost", who is not in users (only external users, name@domain, need no '
     'user).'),
    ({"models": [{"name": "prod", "users": {"admin": "superuser"}}]},
     'model admin/prod: the model level of admin is "superuser"; use read, write, admin.'),
    ({"models": [{"name": "Prod"}]},
     'models[0]: "Prod" is not a valid model name (lower-case letters, digits and hyphens, not starting with a '
     'hyphen).'),
    ({"models": [{"name": "prod", "owner": "fred"}]}, 'models[0]: its owner "fred" is not in users.'),
    ({"models": [{"name": "prod"}, {"name": "prod"}]}, "models[1]: admin/prod is listed twice."),
    ({"models": [{"name": "prod", "owner": "admin", "ssh-key": "x"}]},
     "models[0] has the unknown key ssh-key; use name, owner, uuid, type, is-controller, users, ssh-keys."),
    ({"offers": [{"url": "admin/nowhere.db"}]},
     "offers[0]: the offer admin/nowhere.db is on the model admin/nowhere, which is not in models."),
    ({"offers": [{"url": "admin/prod"}]},
     'offers[0]: url "admin/prod" is not an offer URL: application offer URL is missing application.'),
    ({"models": [{"name": "prod"}], "offers": [{"url": "prod.db", "users": {"admin": "write"}}]},
     'offer prod.db: the offer level of admin is "write"; use read, consume, admin.'),
    ({"clouds": [{"name": "lxd", "users": {"ghost": "admin"}}]},
     'cloud lxd grants admin to "ghost", who is not in users (only external users, name@domain, need no user).'),
])
def test_fixture_mistakes_are_one_sentence(data, sentence):
    assert problem(data) == sentence


def test_external_users_need_no_user_entry():
    st = build_state({"models": [{"name": "prod", "users": {"dan@external": "read", "admin@local": "write"}}]})
    model = list(st.models.values())[-1]
    assert len(st.models) == 1 and {k: v.access for k, v in model.users.items()} == {"admin": "write", "dan@external": "read"}


@pytest.mark.parametrize("text,sentence", [
    ("users: [\n", "is not valid YAML (line 2, column 1): expected the node content, but found '<stream end>'."),
    ("- name: bob\n", None),
])
def test_fixture_files(tmp_path, text, sentence):
    path = tmp_path / "fx.yaml"
    path.write_text(text)
    with pytest.raises(FixtureError) as info:
        load_fixture(str(path))
    if sentence:
        assert str(info.value) == "the fixture %s %s" % (path, sentence)
    else:
        assert str(info.value).startswith("fixture %s: the fixture must be a mapping" % path)


def test_missing_fixture_file(tmp_path):
    with pytest.raises(FixtureError) as info:
        load_fixture(str(tmp_path / "none.yaml"))
    assert str(info.value) == "cannot read the fixture %s: No such file or directory." % (tmp_path / "none.yaml")


def test_the_readme_fixture_loads(tmp_path):
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = readme.split("## Fixture format")[1].split("```yaml\n")[1].split("```")[0]
    st = build_state(yaml.safe_load(block.replace("<optional>", "")))
    assert st.users["pending"].secret_key and st.initial_passwords["admin"] == "s3cret"
