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

from .errors import CwkgError, UsageError

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def _err(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_dir", default="data", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The curated data folder.")
@click.option("--out", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Where builds are written.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path, out_dir: Path, debug: bool) -> None:
    """cwkg: sourced, quote-anchored claims about chemical-weapons attacks in Syria.

    Exit codes: 0 success, 1 validation violations, 2 error.
    """
    ctx.obj = {"data": data_dir, "out": out_dir, "debug": debug}


@cli.command()
@click.pass_obj
def build(obj) -> None:
    """Build the dataset from data/ and write every export to the build folder."""
    from .build import build as run_build

    result = run_build(obj["data"], obj["out"])
    _err(f"{'graph':<28} {'claims':>6} {'quads':>6}")
    for graph, claims, quads in result.summary():
        _err(f"{graph:<28} {claims:>6} {quads:>6}")
    _err(f"built {len(result.graph)} quads in {len(result.graph.graphs)} graphs from "
         f"{len(result.data.sources)} sources, {len(result.data.entities)} entities, "
         f"{len(result.data.claims)} claims")
    if result.data.pending:
        _err(f"{len(result.data.pending)} proposed claim(s) pending review, not in the graph "
             "(see 'cwkg review')")
    for path in result.outputs:
        click.echo(str(path))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def validate(obj, files: tuple[Path, ...]) -> None:
    """Validate data/ (or the given RDF files) against the SHACL shapes.

    Prints one line per finding: file:line, severity, node, message, shape.
    Exits 0 if there are no violations (warnings allowed), 1 if there are.
    """
    from .build import build_in_memory
    from .namespaces import compact
    from .store import Store, parse_file
    from .validate import run_shacl

    if files:
        quads, locations = [], {}
        for path in files:
            parsed = parse_file(path)
            for q in parsed:  # no line numbers per triple: name the file that defines the node
                locations.setdefault(q.subject.value, f"{path}: {compact(q.subject.value)}")
            quads.extend(parsed)
        store = Store(quads)
    else:
        _, graph = build_in_memory(obj["data"])
        store, locations = Store(graph.quads), graph.locations
    report = run_shacl(store, locations)
    # then the catalogue's *-violation.rq checks (what shapes on the union graph cannot see)
    from .queries import run_violation_checks
    report.findings.extend(run_violation_checks(store, locations))
    for finding in report.findings:
        click.echo(finding.line())
    warnings = len(report.findings) - len(report.violations)
    _err(f"{len(report.violations)} violation(s), {warnings} warning(s) in {len(store)} quads")
    if not report.conforms:
        raise SystemExit(EXIT_VIOLATIONS)


@cli.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "jsonld", "trig", "nquads"]), help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of stdout.")
@click.pass_obj
def export(obj, fmt: str, output: Path | None) -> None:
    """Export the last build as Turtle, JSON-LD, TriG or N-Quads."""
    from .build import check_fresh, load_build
    from .export import serialize
    from .fsio import write_atomic

    check_fresh(obj["data"], obj["out"])
    store, _ = load_build(obj["out"])
    payload = serialize(store.quads, fmt)
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, payload)
        _err(f"wrote {output} ({len(payload)} bytes)")


@cli.command()
@click.argument("query_id", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the stored queries and exit.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value: an IRI, a compact id, or a label or alias (en or ar). "
                   "Repeat a name to give several values.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]), help="Output format.")
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Run an ad-hoc query from this file instead of a stored one.")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 endpoint instead of "
              "the last build.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True, help="Stop the query after this many seconds.")
@click.option("--user", help="User for the endpoint (password from $CWKG_ENDPOINT_PASSWORD).")
@click.option("--allow-network", is_flag=True, help="Allow SERVICE, LOAD and FROM graphs "
              "outside cwkg (they can reach the network).")
@click.option("--allow-update", is_flag=True, help="Allow a SPARQL update (only with "
              "--endpoint: the embedded store is rebuilt from data/).")
@click.option("--show-query", is_flag=True, help="Print the final query text (prefixes and "
              "bound parameters included) to stderr.")
@click.pass_obj
def query(obj, query_id, list_only, params, fmt, query_file, endpoint, timeout, user,
          allow_network, allow_update, show_query) -> None:
    """Run a stored SPARQL query (or --file) on the last build or on --endpoint.

    \b
    cwkg query --list
    cwkg query death-tolls --param attack="Khan Sheikhoun massacre"
    cwkg query demands --format csv
    cwkg query --file my.rq --endpoint http://localhost:7878/query
    """
    from . import queries as q

    if list_only:
        click.echo(q.catalogue_listing(q.load_catalogue()))
        return
    if bool(query_id) == bool(query_file):
        raise UsageError("give a stored query id or --file (see: cwkg query --list)")
    stored = q.adhoc_query(query_file) if query_file else q.get_query(query_id)
    # refuse an unsafe query before anything is loaded or contacted
    q.check_query(stored.source, allow_network=allow_network, allow_update=allow_update)
    if endpoint:
        backend = q.RemoteBackend(endpoint, timeout=timeout, user=user)
    else:
        from .build import check_fresh, load_build
        check_fresh(obj["data"], obj["out"])
        store, _ = load_build(obj["out"])
        backend = q.EmbeddedBackend(store, timeout=timeout)
    result = q.run_command(stored, q.parse_assignments(params), backend=backend,
                           allow_network=allow_network, allow_update=allow_update,
                           show=_err if show_query else None)
    if result is None:
        _err("update sent")
        return
    sys.stdout.buffer.write(result.format(fmt))
    sys.stdout.buffer.flush()
    if fmt != "table":
        _err(f"{len(result)} row(s)")


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
