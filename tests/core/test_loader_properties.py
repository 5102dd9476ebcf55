"""Property-based tests: whatever a curator types, the loaders answer with a cwkg error
(a file:line message), never a crash."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwkg.errors import DataError
from cwkg.load import yamlio
from cwkg.load.claims import load_claim
from cwkg.load.model import Source
from cwkg.load.records import Record

SOURCE = Source(file="s.yaml", line=1, id="src:example", type="news-article",
                text="The attack killed over 90 people in Example Town on 4 April 2017.",
                text_path="s.txt", sha256="0" * 64, date=dt.date(2020, 4, 4), language="en",
                author="org:example")

yaml_text = st.text(alphabet=st.sampled_from(list("abc:- \n'\"[]{}#&*!|>%@`,?0129\t")),
                    max_size=200)


@given(yaml_text)
@settings(max_examples=400, deadline=None)
def test_yaml_loader_only_raises_data_errors(text):
    try:
        yamlio.loads(text, "fuzz.yaml")
    except DataError as exc:
        assert exc.file == "fuzz.yaml"


scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.text(max_size=30),
                    st.sampled_from(["author", "org:example", "attack:x", "killed over 90 people",
                                     "2017-02-30", "2017-04-04", "casualty-figure", "c01",
                                     "more-than", "killed", "people", "reported"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
keys = st.sampled_from(["id", "kind", "stated_by", "speech", "via", "about", "quote",
                        "occurrence", "figures", "perpetrators", "event_date", "mechanisms",
                        "weapon", "place", "counts", "group", "qualifier", "value", "bogus"])


@given(st.dictionaries(keys, values, max_size=8))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_claim_loader_only_raises_data_errors(fields):
    # build real YAML so the mapping carries line numbers, as loaded files do
    import yaml
    text = yaml.safe_dump(fields, allow_unicode=True)
    try:
        mapping = yamlio.loads(text, "claims.yaml")
        load_claim(Record(mapping, "claim", file="claims.yaml"), SOURCE)
    except DataError as exc:
        assert exc.file == "claims.yaml" and exc.message
