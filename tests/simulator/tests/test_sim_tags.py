"""juju/names v5 and core/crossmodel as the simulator reads them, against Go's verdicts: a table,
then generated strings checked by oracles that restate the Go rules character by character."""
import string

import pytest
from hypothesis import given, settings, strategies as st

from jujusim import tags
from jujusim.errors import ApiError

ALNUM = set(string.ascii_letters + string.digits)
UUID = "deadbeef-0bad-400d-8000-4b1d0d06f00d"


def go_user_part(text):
    return (len(text) >= 2 and text[0] in ALNUM and text[-1] in ALNUM
            and all(c in ALNUM or c in ".+-" for c in text))


def go_user(text):
    name, sep, domain = text.partition("@")
    return go_user_part(name) and (not sep or go_user_part(domain))


def go_cloud(text):
    return bool(text) and text[0] in ALNUM and all(c in ALNUM or c in "._-" for c in text)


def error_of(fn, *args):
    try:
        fn(*args)
    except ApiError as e:
        return e.message
    return None


@pytest.mark.parametrize("tag,message", [
    ("user-bob", None),
    ("user-bob@local", None),
    ("user-bob\n", r'"user-bob\n" is not a valid user tag'),
    ("user-\nbob", r'"user-\nbob" is not a valid user tag'),
    ("user-b", '"user-b" is not a valid user tag'),
    ("user-a\"b", r'"user-a\"b" is not a valid user tag'),
    ("bar", '"bar" is not a valid tag'),
    ("", '"" is not a valid tag'),
    ("-bob", '"-bob" is not a valid tag'),
    ("volume-0", '"volume-0" is not a valid tag'),
    # A tag malformed for its own kind is named by that kind (tag_test.go, user_test.go).
    ("unit-dave", '"unit-dave" is not a valid unit tag'),
    ("model-nope", '"model-nope" is not a valid model tag'),
    ("machine-0-", '"machine-0-" is not a valid machine tag'),
    # A well-formed tag of another kind is named by the kind expected.
    ("unit-dave-0", '"unit-dave-0" is not a valid user tag'),
    ("machine-0-lxd-1", '"machine-0-lxd-1" is not a valid user tag'),
    ("application-dave", '"application-dave" is not a valid user tag'),
    ("model-" + UUID, '"model-%s" is not a valid user tag' % UUID),
    ("cloud-lxd", '"cloud-lxd" is not a valid user tag'),
])
def test_user_tags_as_names_v5_parses_them(tag, message):
    assert error_of(tags.parse_user_tag, tag) == message


def test_a_model_tag_contains_a_uuid_anywhere_as_go_matches_it():
    # model.go validUUID has no anchors: the tag is valid and names no model.
    assert tags.parse_model_tag("model-x" + UUID + "\n") == "x" + UUID + "\n"
    assert error_of(tags.parse_model_tag, "model-" + UUID[:-1]) == '"model-%s" is not a valid model tag' % UUID[:-1]


@pytest.mark.parametrize("text,quoted", [
    ("a\nb", r'"a\nb"'), ("\x01", r'"\x01"'), ("é", '"é"'), ("\u200b", r'"\u200b"'), ("\\", r'"\\"'),
])
def test_go_quote(text, quoted):
    assert tags.go_quote(text) == quoted


@pytest.mark.parametrize("url,message", [
    ("fred/prod.db\n", r'application name "db\n" not valid'),
    ("fred\n/prod.db", r'user name "fred\n" not valid'),
    ("fred/prod\n.db", r'model name "prod\n" not valid'),
    # "x\n" is no endpoint word (Go's "$" is the end of the text): "fred/prod.db" is the source.
    ("fred/prod.db:x\n", "application offer URL is missing application"),
    # The newline after the endpoint stops "." and ReplaceAllString copies it into every part.
    ("ctrl:fred/prod.db:x\n", r'model name "prod\n" not valid'),
    ('a"b/prod.db', r'user name "a\"b" not valid'),
    ("a.b/c.d/e.f", 'application offer URL has invalid form, must be [<user/]<model>.<appname>: "a.b/c.d/e.f"'),
    ("fred/prod.db", None),
])
def test_offer_urls_as_go_reads_them(url, message):
    assert error_of(tags.parse_offer_url, url) == message


TEXT = st.text(alphabet="abAZ09.+-_@/:\n\r é", max_size=12)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_generated_user_tags(text):
    assert (error_of(tags.parse_user_tag, "user-" + text) is None) is go_user(text)
    assert tags.valid_user_name(text) is (go_user(text) and "@" not in text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_generated_cloud_tags(text):
    assert (error_of(tags.parse_cloud_tag, "cloud-" + text) is None) is go_cloud(text)


def test_a_tag_with_a_trailing_newline_logs_no_one_in(connect, simulator):
    e = connect(login=False).error("Admin", "Login", {"auth-tag": "user-bob\n", "credentials": simulator.passwords["bob"]})
    assert (e.message, e.code) == (r'"user-bob\n" is not a valid user tag', "")
