"""The cwkg command line: one group, its commands by stage (:mod:`cwkg.cli.group`), and
one place for exit codes.

A thin layer: each command parses its options, calls one function, and prints.
Data goes to stdout, diagnostics to stderr. Exit codes (as pySHACL):
0 success / conforms, 1 validation violations, 2 any error (data, usage, endpoint).
This module imports nothing at first, so that ``cwkg query``, ``cwkg validate`` and
``cwkg build`` can begin their walks of data/ before click and the commands are imported
(:mod:`cwkg.cli.early`).
"""

from __future__ import annotations

import sys

__all__ = ["QUERY_FORMATS", "cli", "entry", "main"]


def __getattr__(name: str):
    if name in ("cli", "QUERY_FORMATS"):
        from . import group
        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map every cwkg error to its exit code in this one place."""
    args = sys.argv[1:] if argv is None else argv
    from .early import begin_fresh_check, begin_signature_walk, begin_store_open
    fresh = begin_fresh_check(args)
    opening = begin_store_open(args)  # after the walk: at 10,000 sources it is the longer
    walk = begin_signature_walk(args)
    try:
        return _main(args, fresh)
    finally:
        if fresh is not None:
            fresh.cancel()
        if opening:  # a store opened for nothing is waited for, not left half-open
            from cwkg.build import store_opener
            store_opener.finish()
        if walk:
            from cwkg.build import signature_walk
            signature_walk.cancel()


def _main(args: list[str], fresh) -> int:
    import click

    from cwkg.errors import CwkgError

    from .common import EXIT_ERROR, EXIT_OK, err
    from .group import cli
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="cwkg", standalone_mode=False, obj={"fresh": fresh})
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
