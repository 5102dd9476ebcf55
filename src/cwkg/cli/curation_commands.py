"""cwkg add, review, accept, anchor and reject: documents in, proposals drafted, curated."""

from __future__ import annotations

from pathlib import Path

import click

from cwkg.errors import CwkgError, UsageError

from .common import EXIT_ERROR, EXIT_VIOLATIONS, err, quiet_option


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--publisher", help="Agent id or exact name (label or alias) in data/entities.")
@click.option("--date", "date_", help="Publication date, YYYY-MM-DD (leave it out, with "
              "--note saying so, when the document states none).")
@click.option("--note", help="The curator's note on how the metadata was read from the text.")
@click.option("--lang", "language", help="Language of the text (BCP 47: en, ar).")
@click.option("--title", help="The title, if the text gives one (must occur in it).")
@click.option("--url", help="The document's URL, if known.")
@click.option("--translated-by", help="Agent id or exact name of the translator.")
@click.option("--quotes", help="doc: ids the text quotes, comma-separated.")
@click.option("--author", help="Agent id or exact name of the author.")
@click.option("--type", "type_", default="news-article", show_default=True,
              help="news-article, press-release, statement, social-media-post, report.")
@click.option("--id", "source_id", help="Source id (default <publisher>-<date>).")
@click.option("--metadata", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="For a folder: the metadata CSV (default FOLDER/metadata.csv).")
@click.option("--external-text", is_flag=True,
              help="Keep the text outside the repository: copied to the first texts folder "
                   "as <id>.txt (see --texts), never to data/.")
@quiet_option
@click.pass_obj
def add(obj, path: Path, publisher, date_, note, language, title, url, translated_by, quotes,
        author, type_, source_id, metadata, external_text) -> None:
    """Add a document (or a folder of texts with a metadata CSV) and draft its claims.

    Stores the text unchanged with its SHA-256 and metadata in data/sources (or, with
    --external-text, the text in a texts folder outside the repository), refuses a text
    already there (identical or near-identical), and writes data/claims/<id>.yaml with every
    candidate claim `status: proposed`. Review with 'cwkg review', then 'cwkg accept'.
    """
    from cwkg.ingest.deps import require_ingest

    require_ingest()
    from cwkg.ingest.add import add_document
    from cwkg.ingest.extract import Extractor
    from cwkg.ingest.metadata import build_meta, read_metadata_csv
    from cwkg.ingest.summary import summary_lines
    from cwkg.load.entities import load_entities
    from cwkg.progress import Silent, progress

    if path.is_dir():
        csv_path = metadata or path / "metadata.csv"
        if not csv_path.exists():
            raise UsageError(f"a folder needs a metadata CSV: expected {csv_path} "
                             "(or give --metadata FILE)")
        metas = read_metadata_csv(csv_path, path)
        missing = [m for m in metas if not m.file.is_file()]
        if missing:
            raise UsageError(f"{missing[0].where}: no file {missing[0].file}")
    else:
        if not language:
            raise UsageError("cwkg add FILE needs --lang (en, ar, ...) and --date YYYY-MM-DD "
                             "(or --note saying the document states no date)")
        metas = [build_meta(date=date_, language=language, publisher=publisher, title=title,
                            url=url, translated_by=translated_by, quotes=quotes or "",
                            author=author, type=type_, id=source_id, note=note)]
        metas[0].file = path
    extractor = Extractor(load_entities(obj["data"]).values())
    refused = []
    results = []
    # a bar for a folder of texts, none for one
    with progress(len(metas), "adding", unit=" texts") if len(metas) > 1 else Silent() as bar:
        for meta in metas:
            try:
                results.append(add_document(obj["data"], meta.file, meta, extractor,
                                            external_text, obj["texts"]))
            except CwkgError as exc:
                if len(metas) == 1:
                    raise
                refused.append(f"cwkg: error: {exc}")
            bar.update()
    for result in results:
        for line in summary_lines(result):
            err(line)
        click.echo(str(result.claims_path))
    for line in refused:
        err(line)
    if refused:
        err(f"{len(results)} added, {len(refused)} refused")
        raise SystemExit(EXIT_ERROR)


@click.command()
@click.argument("source", required=False)
@click.pass_obj
def review(obj, source: str | None) -> None:
    """List proposed claims and entities (of one source, or all) that wait for a curator.

    Each line ends with 'ok' (accepting it as it stands passes every check) or 'CANNOT
    ACCEPT: why' (fix the claim first, or reject it). With SOURCE, the plausibility
    warnings its acceptable proposals would raise once accepted follow, each line
    starting 'if accepted:'.
    """
    from cwkg.ingest.review import pending

    proposals = pending(obj["data"], source, obj["texts"])
    for p in proposals:
        detail = " ".join(f"{k}={v}" for k, v in p.fields.items()
                          if k not in ("stated_by",))
        mark = "ok" if p.problem is None else f"CANNOT ACCEPT: {p.problem}"
        click.echo(f"{p.file}:{p.line}\t{p.source}#{p.id}\t{p.kind}\t\"{p.quote}\"\t{detail}"
                   f"\t{mark}")
    if source and any(p.kind not in ("entity", "aliases") for p in proposals):
        from cwkg.ingest.plausibility import warnings_if_accepted
        for finding in warnings_if_accepted(obj["data"], source, obj["texts"]):
            click.echo(f"if accepted: {finding.line()}")
    blocked = sum(1 for p in proposals if p.problem is not None)
    entities = sum(1 for p in proposals if p.kind in ("entity", "aliases"))
    err(f"{len(proposals) - entities} proposed claim(s) and {entities} proposed entit"
         f"{'y' if entities == 1 else 'ies'} pending, {blocked} of them not acceptable as "
         "they stand; accept with 'cwkg accept SOURCE ID...' (or --all), reject with "
         "'cwkg reject SOURCE ID...', or edit the file")


@click.command()
@click.argument("source")
@click.argument("ids", nargs=-1)
@click.option("--all", "accept_all", is_flag=True,
              help="Accept every proposal of SOURCE that passes the checks; list the others "
                   "with the reason (exit 1 if any is left).")
@click.pass_obj
def accept(obj, source: str, ids: tuple[str, ...], accept_all: bool) -> None:
    """Accept proposed claims and entities of SOURCE (checked like any curated claim first).

    IDS are claim ids (c01) and proposed entities' ids (org:isil; for new aliases, the id
    of the entity they are for); a claim brings the proposed entities it uses. Named
    claims are accepted all together or not at all. A claim of a source kept
    outside the repository also gets its anchor stored (its text must be at hand).
    """
    from cwkg.ingest.review import accept as run_accept

    if bool(ids) == accept_all:
        raise UsageError("give claim ids (c01 c02 ...) or proposed entity ids, or --all, "
                         "not both")
    done = run_accept(obj["data"], source, None if accept_all else list(ids), obj["texts"])
    claims = [i for i in done.accepted if ":" not in i]
    entities = [i for i in done.accepted if ":" in i]
    err(f"accepted {len(claims)} claim(s) of {source}: {' '.join(claims) or '-'}")
    if entities:
        err(f"accepted {len(entities)} proposed entit{'y' if len(entities) == 1 else 'ies'} "
             f"into data/entities: {' '.join(entities)}")
    for local, reason in done.left.items():
        err(f"left {local} proposed: {reason}")
    if done.left:
        err(f"{len(done.left)} proposal(s) left: fix them and accept again, or reject them")
        raise SystemExit(EXIT_VIOLATIONS)


@click.command()
@click.argument("source")
@click.argument("ids", nargs=-1)
@click.pass_obj
def anchor(obj, source: str, ids: tuple[str, ...]) -> None:
    """Store the anchors of accepted claims of SOURCE, a source whose text is kept outside
    the repository, computed from its text (after a quote was edited by hand)."""
    from cwkg.ingest.review import anchor as run_anchor

    changed = run_anchor(obj["data"], source, list(ids) or None, obj["texts"])
    for local, how in changed:
        err(f"{how} the anchor of {local}")
    err(f"{len(changed)} anchor(s) of {source} written or changed")


@click.command()
@click.argument("source")
@click.argument("ids", nargs=-1, required=True)
@click.pass_obj
def reject(obj, source: str, ids: tuple[str, ...]) -> None:
    """Delete proposed (or any) claims, and proposed entities (by id), of SOURCE from its
    claims file."""
    from cwkg.ingest.review import reject as run_reject

    done = run_reject(obj["data"], source, list(ids), obj["texts"])
    err(f"deleted {len(done)} proposal(s) of {source}: {' '.join(done)}")
