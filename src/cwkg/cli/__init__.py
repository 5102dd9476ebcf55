"""The cwkg command line: one group, its commands by stage, and one place for exit codes.

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
from cwkg.errors import CwkgError

from .build_commands import build, export, validate
from .common import EXIT_ERROR, EXIT_OK, QUIET_HELP, err, show_bars
from .curation_commands import accept, add, anchor, reject, review
from .query_commands import QUERY_FORMATS, query, show
from .server_commands import push, serve, site, web

__all__ = ["QUERY_FORMATS", "cli", "entry", "main"]


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
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.version_option(__version__, "--version", prog_name="cwkg",
                      message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path, out_dir: Path, texts: tuple[Path, ...],
        debug: bool, quiet: bool) -> None:
    """cwkg: sourced, quote-anchored claims about chemical-weapons attacks in Syria.

    Exit codes: 0 success, 1 validation violations (or an ASK query answered no), 2 error.
    """
    show_bars(not quiet)
    ctx.obj = {"data": data_dir, "out": out_dir, "debug": debug, "texts": texts or None}


for _command in (build, validate, export, query, show, add, review, accept, anchor, reject,
                 serve, push, web, site):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map every cwkg error to its exit code in this one place."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="cwkg", standalone_mode=False)
    except CwkgError as exc:
        if debug:
            raise
        err(f"cwkg: error: {exc}")
        return exc.exit_code
    except click.exceptions.Abort:
        err("cwkg: aborted")
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        err("cwkg: interrupted; files are written atomically, so nothing was left half-written")
        return 130
    except Exception as exc:  # a bug in cwkg, not a data mistake: one line, details on request
        if debug:
            raise
        err(f"cwkg: internal error: {type(exc).__name__}: {exc}. This is a bug in cwkg; "
             "rerun with --debug for the traceback and report it.")
        return EXIT_ERROR
    return EXIT_OK


def entry() -> None:
    sys.exit(main())
