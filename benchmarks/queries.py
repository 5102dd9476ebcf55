"""The stored queries the benchmark times: the whole catalogue in queries/, each run through
cwkg and, as the same final SPARQL text, on pyoxigraph. Optional parameters are left out (the
query then covers every attack, source...); a required one gets a synthetic entity."""

from __future__ import annotations

# a required parameter restricted to a prefix gets the first synthetic entity of that kind
SYNTHETIC = {"attack": "attack:synthetic-attack-0000", "org": "org:synthetic-org-0000",
             "person": "person:synthetic-person-0000", "place": "place:synthetic-place-0000",
             "weapon": "weapon:synthetic-weapon-0000", "legal": "legal:synthetic-instrument-0000",
             "mech": "mech:synthetic-mechanism-0000", "doc": "doc:synthetic-document-0000",
             "src": "src:synthetic-00000", "claim": "claim:synthetic-00000-c01",
             "entity": "Synth Attack 0000", "string": "synthetic children"}



def names() -> list[str]:
    from cwkg.query.catalogue import load_catalogue
    return sorted(q for q in load_catalogue())


def _query_and_backend(store, name: str):
    from cwkg.query.catalogue import get_query
    from cwkg.query.embedded import EmbeddedBackend
    return get_query(name), EmbeddedBackend(store)


def final_text(store, name: str) -> str:
    """The SPARQL text cwkg sends for ``name`` with no parameter given."""
    from cwkg.query.resolve import Resolver, bind
    from cwkg.query.run import final_text as text_of
    query, backend = _query_and_backend(store, name)
    return text_of(query, bind(query, assignments(query), Resolver(backend)))


def assignments(query) -> dict:
    out = {}
    for param in query.params:
        if not param.optional:
            prefix = param.prefixes[0] if param.prefixes else param.type
            out[param.name] = [SYNTHETIC.get(prefix, param.example)]
    return out


def run_cwkg(store, name: str) -> int:
    """Run ``name`` as ``cwkg query`` does (checks, binding, ResultSet); the row count."""
    from cwkg.query.run import run
    query, backend = _query_and_backend(store, name)
    return len(run(query, assignments(query), backend=backend))


def query_text(name: str) -> str:
    from cwkg.query.catalogue import get_query
    return get_query(name).text()
