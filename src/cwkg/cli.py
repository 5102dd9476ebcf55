"""The cwkg command line: build, validate, export, query.

A thin layer: each command parses its options, calls one function, and prints.
Data goes to stdout, diagnostics to stderr. Exit codes (as pySHACL):
0 success / conforms, 1 validation violations, 2 any error (data, usage, endpoint).
Heavy libraries are imported inside commands so ``cwkg --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cwkg import __version__
from cwkg.errors import CwkgError, UsageError

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
# every --format of cwkg query (cwkg.query.present says which goes with which answer;
# listed here so 'cwkg --help' imports no query code)
QUERY_FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld", "text")
SUMMARY_ROWS = 50  # cwkg build lists each graph up to this many


def _err(message: str) -> None:
    click.echo(message, err=True)


def _refuse_password(ctx, param, value) -> None:
    if value is not None:
        raise UsageError("--password is refused: a password on the command line stays in ps "
                         "and the shell history; set $CWKG_ENDPOINT_PASSWORD, or run in a "
                         "terminal to be asked for it")


def endpoint_options(command):
    """The options of every command that talks to a server: one way to log in, one
    timeout, one retry policy (cwkg.server.http)."""
    options = [
        click.option("--user", envvar="CWKG_ENDPOINT_USER",
                     help="User on the server [env CWKG_ENDPOINT_USER]; the password comes "
                          "from $CWKG_ENDPOINT_PASSWORD or, in a terminal, a prompt."),
        click.option("--password", hidden=True, expose_value=False, callback=_refuse_password),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
                     show_default=True, help="Seconds to wait for the server's connection and "
                     "each answer (and for an embedded query)."),
        click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
                     help="Extra attempts when the server cannot be reached, and, for "
                          "requests safe to repeat, when it drops the connection or is busy."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _connection(url: str, user: str | None, timeout: float, retries: int):
    """The connection to ``url``, with the user's credentials (asked for in a terminal)."""
    from cwkg.server.auth import credentials_for, terminal_prompt
    from cwkg.server.http import Connection, check_url
    check_url(url)  # before asking anyone for a password
    return Connection(url, credentials_for(user, ask=terminal_prompt()), timeout, retries)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_dir", default="data", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The curated data folder.")
@click.option("--out", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where builds are written.")
@click.option("--texts", "texts", multiple=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="A folder with the texts of sources kept outside the repository "
                   "(repeatable; default: 'texts' in cwkg.toml or [tool.cwkg], else archive/).")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(__version__, "--version", prog_name="cwkg",
                      message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path, out_dir: Path, texts: tuple[Path, ...],
        debug: bool) -> None:
    """cwkg: sourced, quote-anchored claims about chemical-weapons attacks in Syria.

    Exit codes: 0 success, 1 validation violations (or an ASK query answered no), 2 error.
    """
    ctx.obj = {"data": data_dir, "out": out_dir, "debug": debug, "texts": texts or None}


@cli.command()
@click.option("--no-validate", is_flag=True,
              help="Do not validate the sources made again (cwkg validate then does it).")
@click.pass_obj
def build(obj, no_validate: bool) -> None:
    """Build the dataset from data/ and write every export to the build folder.

    Then validate the sources it made again, and keep their findings, so that
    'cwkg validate' right after a build only checks what spans sources."""
    from cwkg.build.write import build as run_build
    from cwkg.prefixes import compact

    result = run_build(obj["data"], obj["out"], texts=obj["texts"])
    rows = result.summary()
    if len(rows) <= SUMMARY_ROWS:  # at thousands of sources a table per graph is noise
        _err(f"{'graph':<28} {'claims':>6} {'quads':>6}")
        for graph, claims, quads in rows:
            _err(f"{graph:<28} {claims:>6} {quads:>6}")
    _err(f"built {result.quads} quads in {len(result.graphs)} graphs from "
         f"{result.sources} sources, {result.entities} entities, {result.claims} claims "
         f"({result.reused} of {result.sources} source graphs unchanged, from the cache)")
    if result.external:
        unverified = result.unverified
        _err(f"{len(result.external)} source(s) keep their text outside the repository "
             f"(texts folders: {result.texts}): {len(result.external) - len(unverified)} "
             f"verified against their text, {len(unverified)} could not be verified (text "
             "not found; their hash and anchors are as recorded)")
        for graph in unverified[:SUMMARY_ROWS]:
            _err(f"  not verified: {compact(graph)}")
    if result.warning:
        _err(f"warning: {result.warning}")
    if result.pending:
        _err(f"{len(result.pending)} proposed claim(s) pending review, not in the graph "
             "(see 'cwkg review')")
    for path in result.outputs:
        click.echo(str(path))
    if not no_validate:
        from cwkg.validate.batches import validate_data
        report, _ = validate_data(obj["data"], obj["out"])
        if report.findings:
            _err(f"validation: {len(report.violations)} violation(s), "
                 f"{len(report.findings) - len(report.violations)} other finding(s); "
                 "'cwkg validate' lists them")


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql",
              show_default=True, help="sparql: the shapes compiled to SPARQL on pyoxigraph "
              "(fast; steps aside for pySHACL, saying why, on a feature it lacks); pyshacl: "
              "the reference engine (same findings, far slower).")
@click.option("--shapes", "shapes", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="A SHACL shapes file (Turtle, TriG, N-Triples, N-Quads or JSON-LD) to "
              "validate against as well as the shipped shapes; repeatable.")
@click.option("--no-default-shapes", is_flag=True,
              help="Leave out the shipped shapes (ontology/shapes.ttl): only --shapes files "
              "apply. The *-violation.rq checks still run.")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json", "junit", "sarif", "github", "turtle"]),
              help="text: a line per finding; json; junit: JUnit XML, a test case per shape "
              "or check; sarif: SARIF 2.1.0 (GitHub code scanning); github: GitHub Actions "
              "annotations; turtle: the SHACL validation report graph.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (atomically) instead of stdout.")
@click.option("--base", "base_iri", metavar="IRI",
              help="Base IRI for relative IRIs in the given RDF files (default: each file's "
              "own location, as a file: URI).")
@click.pass_obj
def validate(obj, files: tuple[Path, ...], engine: str, shapes: tuple[Path, ...],
             no_default_shapes: bool, fmt: str, output: Path | None,
             base_iri: str | None) -> None:
    """Validate data/ (or the given RDF files) against the SHACL shapes.

    Prints one line per finding (file:line, severity, node, message, shape), or the
    report in --format. Exits 0 if there are no violations (warnings and infos allowed),
    1 if there are, 2 on an error.
    """
    from cwkg.build.memory import dataset_store
    from cwkg.prefixes import compact
    from cwkg.rdf.parse import parse_file
    from cwkg.rdf.store import Store
    from cwkg.validate.checks import run_violation_checks
    from cwkg.validate.formats import render
    from cwkg.validate.rules import all_rules
    from cwkg.validate.shacl import as_written_paths, run_shacl, shape_files

    shape_set = shape_files(shapes, defaults=not no_default_shapes)
    if not files and engine == "sparql":
        # data/ by batches of sources, in parallel (cwkg.validate.batches): same findings
        from cwkg.validate.batches import validate_data
        report, quads = validate_data(obj["data"], obj["out"], shapes=shape_set,
                                      texts=obj["texts"])
    else:
        if files:
            parsed_files, locations = [], {}
            for path in files:
                parsed = parse_file(path, base_iri=base_iri or path.resolve().as_uri())
                for q in parsed:  # no line numbers per triple: name the file defining the node
                    locations.setdefault(q.subject.value,
                                         f"{path}: {compact(q.subject.value)}")
                parsed_files.extend(parsed)
            store = Store(parsed_files)
        else:  # pySHACL on the whole dataset, its literals as written
            store, locations = dataset_store(obj["data"], obj["out"],
                                             watch=as_written_paths(shape_set),
                                             keep_written=True, texts=obj["texts"])
        report = run_shacl(store, locations, shape_set, engine=engine)
        # then the catalogue's *-violation.rq checks (what shapes on the union graph miss)
        report.findings.extend(run_violation_checks(store, locations))
        quads = len(store)
    for reason in report.fallbacks:
        _err(f"note: {reason}")
    _write(render(fmt, report, quads, lambda: all_rules(list(shape_set))), output)
    infos = sum(f.severity == "Info" for f in report.findings)
    warnings = len(report.findings) - len(report.violations) - infos
    _err(f"{len(report.violations)} violation(s), {warnings} warning(s)"
         f"{f', {infos} info' if infos else ''} in {quads} quads")
    if not report.conforms:
        raise SystemExit(EXIT_VIOLATIONS)


def _write(data: bytes, output: Path | None) -> None:
    """``data`` to stdout, or to ``output`` atomically (the old file stays until the new
    one is whole)."""
    from cwkg.fsio import atomic_files
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with atomic_files([output]) as (target,):
        target.write(data)
    _err(f"wrote {output} ({len(data)} bytes)")


@cli.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "jsonld", "trig", "nquads", "ntriples", "rdfxml"]),
              help="Output format. TriG and N-Quads keep one named graph per source; the "
                   "others hold the union of the graphs.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of stdout.")
@click.pass_obj
def export(obj, fmt: str, output: Path | None) -> None:
    """Export the last build as Turtle, JSON-LD, TriG, N-Quads, N-Triples or RDF/XML."""
    import shutil
    import tempfile

    from cwkg.build.layout import DATASET_FILE, FILES
    from cwkg.build.read import check_fresh
    from cwkg.fsio import atomic_files
    from cwkg.rdf.serialize import UNION_FORMATS

    check_fresh(obj["data"], obj["out"], obj["texts"])
    # the build wrote the usual formats: copy the file rather than serialize the dataset
    # again; N-Triples and RDF/XML are written from its N-Quads
    built = Path(obj["out"]) / (DATASET_FILE if fmt in UNION_FORMATS else FILES[fmt])
    try:
        if output is not None:
            with atomic_files([output]) as (target,):
                _export_into(built, fmt, target)
            _err(f"wrote {output} ({output.stat().st_size} bytes)")
        elif fmt in UNION_FORMATS:  # written whole first: an error leaves stdout empty
            with tempfile.TemporaryFile() as spool:
                _export_into(built, fmt, spool)
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout.buffer, 1 << 20)
        else:
            _export_into(built, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except FileNotFoundError:
        raise UsageError(f"the build has no {built}; run 'cwkg build' again") from None


def _export_into(built: Path, fmt: str, target) -> None:
    import shutil

    from cwkg.rdf.serialize import UNION_FORMATS, write_union
    if fmt in UNION_FORMATS:
        write_union(built, target, fmt)
        return
    with built.open("rb") as source:
        shutil.copyfileobj(source, target, 1 << 20)


@cli.command()
@click.argument("query_id", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the stored queries and exit.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value: an IRI, a compact id (src:ID or ID for a source or "
                   "claim), a label or alias (en or ar), or a whole word of exactly one "
                   "entity's name. Repeat a name to give several values.")
@click.option("--format", "fmt", type=click.Choice(list(QUERY_FORMATS)),
              help="SELECT: table (default), csv, tsv, json. CONSTRUCT/DESCRIBE: turtle "
                   "(default), ntriples, jsonld. ASK: text (default: yes/no), json.")
@click.option("--excel", is_flag=True, help="With --format csv: start with a UTF-8 "
              "byte-order mark, so Excel reads Arabic (any non-ASCII) intact.")
@click.option("--width", type=click.IntRange(min=0), help="Fit the table to this many "
              "columns, cutting long values with '…' (default: the terminal's width when "
              "stdout is a terminal; 0: never cut).")
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Run an ad-hoc query from this file instead of a stored one.")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of "
              "the last build.")
@endpoint_options
@click.option("--allow-network", is_flag=True, help="Allow SERVICE, LOAD and FROM graphs "
              "outside cwkg (they can reach the network).")
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL update (only with "
              "--endpoint: the embedded store is rebuilt from data/).")
@click.option("--show-query", is_flag=True, help="Print the final query text (prefixes and "
              "bound parameters included) to stderr.")
@click.pass_obj
def query(obj, query_id, list_only, params, fmt, excel, width, query_file, endpoint, timeout,
          user, retries, allow_network, allow_update, show_query) -> None:
    """Run a stored SPARQL query (or --file) on the last build or on --endpoint.

    SELECT, ASK, CONSTRUCT and DESCRIBE run; a query without GRAPH reads the union of
    every source's graph, on the build as on 'cwkg serve'. Counts go to stderr. An ASK
    prints yes or no and exits 0 for yes, 1 for no.

    \b
    cwkg query --list
    cwkg query death-tolls --param attack="Khan Sheikhoun massacre"
    cwkg query demands --format csv --excel > demands.csv
    cwkg query --file my.rq --endpoint http://localhost:7878/query
    """
    from cwkg.query import catalogue as q
    from cwkg.query.embedded import EmbeddedBackend
    from cwkg.query.present import check_format, present
    from cwkg.query.resolve import Resolver, parse_assignments
    from cwkg.query.run import form_of, run
    from cwkg.query.safety import check_query

    if list_only:
        click.echo(q.catalogue_listing(q.load_catalogue()))
        return
    if bool(query_id) == bool(query_file):
        raise UsageError("give a stored query id or --file (see: cwkg query --list)")
    stored = q.adhoc_query(query_file) if query_file else q.get_query(query_id)
    # refuse an unsafe query, or a format its answer cannot take, before anything is
    # loaded or contacted
    check_query(stored.source, allow_network=allow_network, allow_update=allow_update)
    fmt = check_format(form_of(stored), fmt, excel)
    if endpoint:  # imported here: SPARQLWrapper is not needed for the build's store
        from cwkg.server.remote import RemoteBackend
        backend = RemoteBackend(_connection(endpoint, user, timeout, retries))
    else:
        from cwkg.build.read import check_fresh, open_build
        check_fresh(obj["data"], obj["out"], obj["texts"])
        backend = EmbeddedBackend(open_build(obj["out"]), timeout=timeout,
                                  exit_on_timeout=True)
    resolver = Resolver(backend, note=_err)
    result = run(stored, parse_assignments(params), backend=backend,
                 allow_network=allow_network, allow_update=allow_update,
                 show=_err if show_query else None, resolver=resolver)
    if result is None:
        _err("update sent")
        return
    if width is None and sys.stdout.isatty():
        import shutil
        width = shutil.get_terminal_size().columns
    output = present(result, fmt, labels=resolver.display_labels, width=width or None,
                     excel=excel)
    sys.stdout.buffer.write(output.data)
    sys.stdout.buffer.flush()
    for line in output.notes:
        _err(line)
    if output.exit_code:
        raise SystemExit(output.exit_code)


@cli.command()
@click.argument("ident", metavar="ID")
@click.option("--context", default=80, show_default=True, type=click.IntRange(0, 2000),
              help="Characters of the source text shown on each side of a quote.")
@click.pass_obj
def show(obj, ident: str, context: int) -> None:
    """Show a claim, source or entity of the last build, for a person.

    \b
    cwkg show claim:wh-2024-04-04-c07     (or wh-2024-04-04-c07)
    cwkg show src:soc-2020-04-04          (or soc-2020-04-04)
    cwkg show "Assad regime"              (an id, label or alias, English or Arabic)
    """
    import os

    from cwkg.api.graph import open as open_graph
    from cwkg.api.text import PLAIN, TERMINAL, render
    from cwkg.build.read import check_fresh

    check_fresh(obj["data"], obj["out"], obj["texts"])
    graph = open_graph(obj["out"])
    item = graph.describe(ident)
    if item.quote is not None:
        item = graph.claim(item.id, context)
    source = graph.source(item.quote.source) if item.quote is not None else None
    style = TERMINAL if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else PLAIN
    click.echo(render(item, style, source), nl=False)


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--publisher", help="Agent id or exact name (label or alias) in data/entities.")
@click.option("--date", "date_", help="Publication date, YYYY-MM-DD.")
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
@click.pass_obj
def add(obj, path: Path, publisher, date_, language, title, url, translated_by, quotes, author,
        type_, source_id, metadata, external_text) -> None:
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
        if not date_ or not language:
            raise UsageError("cwkg add FILE needs --date YYYY-MM-DD and --lang (en, ar, ...)")
        metas = [build_meta(date=date_, language=language, publisher=publisher, title=title,
                            url=url, translated_by=translated_by, quotes=quotes or "",
                            author=author, type=type_, id=source_id)]
        metas[0].file = path
    extractor = Extractor(load_entities(obj["data"]).values())
    refused = []
    with click.progressbar(metas, label="adding", file=sys.stderr,
                           show_pos=True) if len(metas) > 1 else _plain(metas) as items:
        results = []
        for meta in items:
            try:
                results.append(add_document(obj["data"], meta.file, meta, extractor,
                                            external_text, obj["texts"]))
            except CwkgError as exc:
                if len(metas) == 1:
                    raise
                refused.append(f"cwkg: error: {exc}")
    for result in results:
        for line in summary_lines(result):
            _err(line)
        click.echo(str(result.claims_path))
    for line in refused:
        _err(line)
    if refused:
        _err(f"{len(results)} added, {len(refused)} refused")
        raise SystemExit(EXIT_ERROR)


class _plain:
    """A context manager that yields its items: no progress bar for one document."""

    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


@cli.command()
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
    _err(f"{len(proposals) - entities} proposed claim(s) and {entities} proposed entit"
         f"{'y' if entities == 1 else 'ies'} pending, {blocked} of them not acceptable as "
         "they stand; accept with 'cwkg accept SOURCE ID...' (or --all), reject with "
         "'cwkg reject SOURCE ID...', or edit the file")


@cli.command()
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
    _err(f"accepted {len(claims)} claim(s) of {source}: {' '.join(claims) or '-'}")
    if entities:
        _err(f"accepted {len(entities)} proposed entit{'y' if len(entities) == 1 else 'ies'} "
             f"into data/entities: {' '.join(entities)}")
    for local, reason in done.left.items():
        _err(f"left {local} proposed: {reason}")
    if done.left:
        _err(f"{len(done.left)} proposal(s) left: fix them and accept again, or reject them")
        raise SystemExit(EXIT_VIOLATIONS)


@cli.command()
@click.argument("source")
@click.argument("ids", nargs=-1)
@click.pass_obj
def anchor(obj, source: str, ids: tuple[str, ...]) -> None:
    """Store the anchors of accepted claims of SOURCE, a source whose text is kept outside
    the repository, computed from its text (after a quote was edited by hand)."""
    from cwkg.ingest.review import anchor as run_anchor

    changed = run_anchor(obj["data"], source, list(ids) or None, obj["texts"])
    for local, how in changed:
        _err(f"{how} the anchor of {local}")
    _err(f"{len(changed)} anchor(s) of {source} written or changed")


@cli.command()
@click.argument("source")
@click.argument("ids", nargs=-1, required=True)
@click.pass_obj
def reject(obj, source: str, ids: tuple[str, ...]) -> None:
    """Delete proposed (or any) claims, and proposed entities (by id), of SOURCE from its
    claims file."""
    from cwkg.ingest.review import reject as run_reject

    done = run_reject(obj["data"], source, list(ids), obj["texts"])
    _err(f"deleted {len(done)} proposal(s) of {source}: {' '.join(done)}")


@cli.command()
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1.")
@click.pass_obj
def serve(obj, port: int) -> None:
    """Serve the last build with an Oxigraph SPARQL server on 127.0.0.1 until Ctrl-C."""
    from cwkg.build.read import check_fresh
    from cwkg.server.serve import serve as run_serve

    check_fresh(obj["data"], obj["out"], obj["texts"])
    run_serve(Path(obj["out"]), port=port,
              announce=lambda line: click.echo(line) or sys.stdout.flush())
    _err("server stopped; its temporary store was removed")


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL query endpoint (also used for updates unless --update-endpoint).")
@click.option("--update-endpoint", metavar="URL",
              help="SPARQL Update endpoint, where the server separates it (Oxigraph: /update).")
@click.option("--graph-store", metavar="URL",
              help="SPARQL 1.1 Graph Store endpoint for uploads (Oxigraph: /store); without "
                   "it, uploads use INSERT DATA (use that for Virtuoso, whose Graph Store "
                   "rejects literals over 64 KB).")
@click.option("--source", "sources", multiple=True, metavar="src:ID",
              help="Push only this graph (repeatable); the others are not touched.")
@endpoint_options
@click.pass_obj
def push(obj, endpoint, update_endpoint, graph_store, sources, user, timeout, retries) -> None:
    """Upload the last build to a SPARQL server, replacing one named graph per source.

    Each graph is uploaded to a staging graph, counted, then moved into place: if
    anything fails, the server keeps the previous version of that graph.
    """
    from cwkg.build.read import check_fresh, load_build
    from cwkg.server.push import Target
    from cwkg.server.push import push as run_push

    query = _connection(endpoint, user, timeout, retries)
    target = Target(query, query.sibling(update_endpoint) if update_endpoint else query,
                    query.sibling(graph_store) if graph_store else None)
    check_fresh(obj["data"], obj["out"], obj["texts"])
    store, _ = load_build(obj["out"])
    pushed = run_push(store, target, list(sources), log=_err)
    _err(f"pushed {len(pushed)} graph(s), {sum(p.triples for p in pushed)} triples to "
         f"{target.update.url} in {sum(p.seconds for p in pushed):.2f} s")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback prints a warning.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another name the Host header may give (with --host).")
@click.pass_obj
def web(obj, host: str, port: int, allow_hosts: tuple[str, ...]) -> None:
    """Browse the last build: dossiers, sources, claims, entities, search, questions."""
    from cwkg.web.serve import run as run_web

    run_web(obj["out"], obj["data"], host, port, allow_hosts, echo=_err)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the site to (made anew; must be empty or a site).")
@click.pass_obj
def site(obj, output: Path) -> None:
    """Write the read views of the last build as static HTML (any static host, file://)."""
    from cwkg.web.static_site import write_site

    result = write_site(obj["out"], obj["data"], output)
    _err(f"wrote {result.pages} pages and {result.files} other files to {output} in "
         f"{result.seconds:.1f} s; open {output / 'index.html'}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map every cwkg error to its exit code in this one place."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="cwkg", standalone_mode=False)
    except CwkgError as exc:
        if debug:
            raise
        _err(f"cwkg: error: {exc}")
        return exc.exit_code
    except click.exceptions.Abort:
        _err("cwkg: aborted")
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        _err("cwkg: interrupted; files are written atomically, so nothing was left half-written")
        return 130
    except Exception as exc:  # a bug in cwkg, not a data mistake: one line, details on request
        if debug:
            raise
        _err(f"cwkg: internal error: {type(exc).__name__}: {exc}. This is a bug in cwkg; "
             "rerun with --debug for the traceback and report it.")
        return EXIT_ERROR
    return EXIT_OK


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
