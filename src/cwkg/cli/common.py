"""What every cwkg command shares: exit codes, the stderr channel, server options."""

from __future__ import annotations

import click

from cwkg.errors import UsageError
from cwkg.progress import show_bars

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2


def err(message: str) -> None:
    """A diagnostic line on stderr (stdout carries data only)."""
    click.echo(message, err=True)


def refuse_password(ctx, param, value) -> None:
    if value is not None:
        raise UsageError("--password is refused: a password on the command line stays in ps "
                         "and the shell history; set $CWKG_ENDPOINT_PASSWORD, or run in a "
                         "terminal to be asked for it")


def no_bars(ctx, param, value: bool) -> None:
    if value:
        show_bars(False)


QUIET_HELP = "No progress bar (there is none when stderr is not a terminal)."
# the long commands take --quiet after their name too (cwkg build --quiet)
quiet_option = click.option("-q", "--quiet", is_flag=True, expose_value=False,
                            callback=no_bars, help=QUIET_HELP)


def endpoint_options(command):
    """The options of every command that talks to a server: one way to log in, one
    timeout, one retry policy (cwkg.server.http)."""
    options = [
        click.option("--user", envvar="CWKG_ENDPOINT_USER",
                     help="User on the server [env CWKG_ENDPOINT_USER]; the password comes "
                          "from $CWKG_ENDPOINT_PASSWORD or, in a terminal, a prompt."),
        click.option("--password", hidden=True, expose_value=False, callback=refuse_password),
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


def connection(url: str, user: str | None, timeout: float, retries: int):
    """The connection to ``url``, with the user's credentials (asked for in a terminal)."""
    from cwkg.server.auth import credentials_for, terminal_prompt
    from cwkg.server.http import Connection, check_url
    check_url(url)  # before asking anyone for a password
    return Connection(url, credentials_for(user, ask=terminal_prompt()), timeout, retries)
