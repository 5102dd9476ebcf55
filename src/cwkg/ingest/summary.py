"""What `cwkg add` tells the curator after adding a document (stderr lines)."""

from __future__ import annotations

from collections import Counter

from cwkg.load.sources import display_path


def summary_lines(result) -> list[str]:
    """Candidates per kind, entities recognised, unknown names and flags, one topic a line."""
    ex = result.extraction
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(ex.by_kind().items())) or "none"
    known = Counter(m.entity for m in ex.mentions if m.entity and not m.proposed)
    lines = [
        f"added {result.source_id}: {display_path(result.text_path)} ({result.characters} "
        f"characters, sha256 {result.sha256[:12]}...) and {display_path(result.meta_path)}",
        f"  draft {display_path(result.claims_path)}: {len(ex.candidates)} proposed claim(s): "
        f"{kinds}",
        "  entities recognised: " + (", ".join(f"{e} x{n}" if n > 1 else e
                                               for e, n in sorted(known.items())) or "none"),
    ]
    lines += [f"  NOTE {note}" for note in result.notes]
    new = [p.id for p in ex.proposals if not p.alias_of]
    aliases = [f"{p.id} ({'; '.join(n for ns in p.names.values() for n in ns)})"
               for p in ex.proposals if p.alias_of]
    if new:
        lines.append("  proposed new entities (not linked until accepted): " + ", ".join(new))
    if aliases:
        lines.append("  proposed new aliases: " + ", ".join(aliases))
    if ex.unknown_names:
        lines.append("  other names not in data/entities (not linked): "
                     + "; ".join(m.text for m in ex.unknown_names))
    for flag in ex.flags:
        lines.append(f"  FLAG {flag.code}: {flag.message}")
    return lines
