"""Hypothesis strategies for values of every YAML type and shape (imported by the fuzz tests)."""
from hypothesis import strategies as st

SECRET = "SECRET-pw"  # every generated password starts so: it must never reach a message

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | text | st.binary(max_size=4)
           | st.dates() | st.sampled_from(["", " ", "~", "null", "yes", "0123", "1e10", "-----BEGIN x"]))
keys = st.none() | st.booleans() | st.integers() | text
any_value = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(keys, inner, max_size=3), max_leaves=6)
password = text.map(lambda tail: SECRET + tail)
# A password of any shape, the secret inside it.
any_password = password | st.lists(password, max_size=2) | st.dictionaries(text, password, max_size=1)
# What a task can pass to a module: the JSON subset (module arguments travel as JSON).
json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | text,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                          max_leaves=6)
