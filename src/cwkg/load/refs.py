"""Every id a source, entity or claim names must be defined: the check, one item at a time."""

from __future__ import annotations

from cwkg.errors import DataError

from .model import Claim, Entity, Source


def references(item: Source | Entity | Claim):
    """(field, id) for every id ``item`` refers to."""
    if isinstance(item, Source):
        fields, lists = ("author", "publisher", "translated_by"), ("quotes", "relays")
    elif isinstance(item, Entity):
        fields, lists = (), ()
        for ref in item.sources:
            yield "sources", ref
        for field, value in item.links.items():
            for ref in value if isinstance(value, list) else [value]:
                yield field, ref
    else:
        fields = ("stated_by", "via", "based_on", "weapon", "place")
        lists = ("about", "perpetrators", "mechanisms", "addressees", "accused", "instruments")
    for field in fields:
        if getattr(item, field) is not None:
            yield field, getattr(item, field)
    for field in lists:
        for ref in getattr(item, field):
            yield field, ref


def check_refs(item: Source | Entity | Claim, entities, sources) -> None:
    """Raise a DataError at ``item``'s line for its first id that is not defined
    (``entities`` and ``sources``: anything supporting ``in``)."""
    for field, ref in references(item):
        is_source = ref.startswith("src:")
        if ref not in (sources if is_source else entities):
            kind = "source" if is_source else "entity"
            raise DataError(f"field '{field}': unknown {kind} id '{ref}'; define it in "
                            f"data/{'sources' if is_source else 'entities'}/ first",
                            file=item.file, line=item.line)
