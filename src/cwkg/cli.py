"""The cwkg command line: build, validate, export.

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
