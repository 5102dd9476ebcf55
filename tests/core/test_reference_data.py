"""Reference entities keep to the sources: aliases are the sources' own words."""


def test_every_english_alias_occurs_in_a_source_or_is_explained(built):
    data, _ = built
    # a text kept outside the repository is not at hand here: its claims' quotes are
    texts = "\n".join([s.text for s in data.sources.values() if s.text is not None]
                      + [c.anchor.exact for c in data.claims])
    unexplained = [(e.id, alias) for e in data.entities.values()
                   for alias in e.aliases.get("en", [])
                   if alias not in texts and not any(alias in r for r in e.references)]
    assert unexplained == []


def test_wikidata_ids_are_only_the_verified_ones(built):
    data, _ = built
    linked = {e.id: e.wikidata for e in data.entities.values() if e.wikidata}
    # verified in issue #3; add a row here only with a citation of where it was verified
    assert linked == {"org:icc": "Q47488", "org:unsc": "Q37470", "org:un": "Q1065"}


def test_facts_outside_the_seeds_cite_their_source(built):
    data, _ = built
    ghouta = data.entities["attack:ghouta-2013"]
    assert str(ghouta.values["date"]) == "2013-08-21"
    assert any("A/67/997-S/2013/553" in r for r in ghouta.references)


def test_names_no_source_gives_cite_a_public_document(built):
    """Names and identities the seeds do not state (issue 18) cite a public document by URL."""
    data, _ = built
    for entity_id in ("org:jim", "org:white-helmets", "person:bashar-al-assad", "org:soc",
                      "legal:un-charter", "legal:un-charter-ch7"):
        refs = data.entities[entity_id].references
        assert any("https://" in r for r in refs), entity_id
    assert not any("GUIDE.md" in r or "Issue #" in r
                   for e in data.entities.values() for r in e.references)
