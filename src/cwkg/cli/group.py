"""The ``cwkg`` group: the global options and every command, by stage (:mod:`cwkg.cli`
runs it and maps errors to exit codes). Heavy libraries are imported inside commands so
``cwkg --help`` stays fast."""

from __future__ import annotations

from pathlib import Path

import click

from cwkg import __version__

from .build_commands import build, export, validate
from .common import QUIET_HELP, show_bars
from .curation_commands import accept, add, anchor, reject, review
from .query_commands import QUERY_FORMATS, query, show
from .server_commands import push, serve, site, web

__all__ = ["QUERY_FORMATS", "cli"]


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
    # "fresh": the check of data/ that main began for 'cwkg query' (cwkg.cli.early)
    ctx.obj = {"data": data_dir, "out": out_dir, "debug": debug, "texts": texts or None,
               "fresh": (ctx.obj or {}).get("fresh")}


for _command in (build, validate, export, query, show, add, review, accept, anchor, reject,
                 serve, push, web, site):
    cli.add_command(_command)
