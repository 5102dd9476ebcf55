"""cwkg build, validate and export: the dataset from data/, checked, written out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cwkg.errors import UsageError

from .common import EXIT_VIOLATIONS, err, quiet_option

SUMMARY_ROWS = 50  # cwkg build lists each graph up to this many


@click.command()
@click.option("--no-validate", is_flag=True,
              help="Do not validate the sources made again (cwkg validate then does it).")
@quiet_option
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
        err(f"{'graph':<28} {'claims':>6} {'quads':>6}")
        for graph, claims, quads in rows:
            err(f"{graph:<28} {claims:>6} {quads:>6}")
    err(f"built {result.quads} quads in {len(result.graphs)} graphs from "
         f"{result.sources} sources, {result.entities} entities, {result.claims} claims "
         f"({result.reused} of {result.sources} source graphs unchanged, from the cache)")
    if result.external:
        unverified = result.unverified
        err(f"{len(result.external)} source(s) keep their text outside the repository "
             f"(texts folders: {result.texts}): {len(result.external) - len(unverified)} "
             f"verified against their text, {len(unverified)} could not be verified (text "
             "not found; their hash and anchors are as recorded)")
        for graph in unverified[:SUMMARY_ROWS]:
            err(f"  not verified: {compact(graph)}")
    if result.warning:
        err(f"warning: {result.warning}")
    if result.pending:
        err(f"{len(result.pending)} proposed claim(s) pending review, not in the graph "
             "(see 'cwkg review')")
    for path in result.outputs:
        click.echo(str(path))
    if not no_validate:
        from cwkg.validate.batches import validate_data
        report, _ = validate_data(obj["data"], obj["out"], texts=obj["texts"],
                                  plan=result.plan)
        if report.findings:
            err(f"validation: {len(report.violations)} violation(s), "
                 f"{len(report.findings) - len(report.violations)} other finding(s); "
                 "'cwkg validate' lists them")


@click.command()
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
@quiet_option
@click.pass_obj
def validate(obj, files: tuple[Path, ...], engine: str, shapes: tuple[Path, ...],
             no_default_shapes: bool, fmt: str, output: Path | None,
             base_iri: str | None) -> None:
    """Validate data/ (or the given RDF files) against the SHACL shapes.

    Prints one line per finding (file:line, severity, node, message, shape), or the
    report in --format. Exits 0 if there are no violations (warnings and infos allowed),
    1 if there are, 2 on an error.
    """
    from cwkg.validate.formats import render
    from cwkg.validate.report import report_of
    from cwkg.validate.rules import all_rules
    from cwkg.validate.shacl import shape_files

    shape_set = shape_files(shapes, defaults=not no_default_shapes)
    if not files and engine == "sparql":
        # data/ by batches of sources, in parallel (cwkg.validate.batches): same findings
        from cwkg.validate.batches import validate_data
        report, quads = validate_data(obj["data"], obj["out"], shapes=shape_set,
                                      texts=obj["texts"])
    else:  # the given files, or pySHACL: one store of everything
        from cwkg.build.memory import dataset_store
        from cwkg.prefixes import compact
        from cwkg.rdf.parse import parse_file
        from cwkg.rdf.store import Store
        from cwkg.validate.checks import run_violation_checks
        from cwkg.validate.shacl import as_written_paths, run_shacl
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
    # one order for every path and format: violations first, then warnings, then infos,
    # each by file:line (the catalogue's checks were appended after the shapes' findings)
    report.findings[:] = report_of(report.findings).findings
    for reason in report.fallbacks:
        err(f"note: {reason}")
    _write(render(fmt, report, quads, lambda: all_rules(list(shape_set))), output)
    infos = sum(f.severity == "Info" for f in report.findings)
    warnings = len(report.findings) - len(report.violations) - infos
    err(f"{len(report.violations)} violation(s), {warnings} warning(s)"
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
    err(f"wrote {output} ({len(data)} bytes)")


@click.command()
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
            err(f"wrote {output} ({output.stat().st_size} bytes)")
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
