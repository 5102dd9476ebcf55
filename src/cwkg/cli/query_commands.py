"""cwkg query and show: answers and records of the last build (or a SPARQL endpoint)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cwkg.errors import UsageError

from .common import connection, endpoint_options, err

# every --format of cwkg query (cwkg.query.present says which goes with which answer;
# listed here so 'cwkg --help' imports no query code)
QUERY_FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples", "jsonld", "text")


@click.command()
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
    if list_only:
        from cwkg.query.catalogue import catalogue_listing, load_catalogue
        click.echo(catalogue_listing(load_catalogue()))
        return
    if bool(query_id) == bool(query_file):
        raise UsageError("give a stored query id or --file (see: cwkg query --list)")
    fresh = None
    if not endpoint:  # the walk of data/ that says whether the build is stale runs while
        # the query code is imported and the store opened (at 10,000 sources it costs as
        # much as both; cwkg.cli began it before click was imported); it is waited for
        # before the store is made again, before the query is sent, and before any error
        # found after this point is told
        from cwkg.build.fresh import start_fresh_check

        from .early import adopt
        fresh = adopt(obj.get("fresh"), obj["data"], obj["out"], obj["texts"]) or \
            start_fresh_check(obj["data"], obj["out"], obj["texts"])
    try:
        from cwkg.query import catalogue as q
        from cwkg.query.present import check_format
        from cwkg.query.run import form_of
        from cwkg.query.safety import check_query
        # how grlc reads a stored query's header is for its author: 'cwkg query --list'
        # and the tests check it, a run does not (PyYAML: 20 ms of every run)
        stored = q.adhoc_query(query_file) if query_file else q.get_query(query_id, grlc=False)
        # refuse an unsafe query, or a format its answer cannot take, before anything is
        # loaded or contacted
        check_query(stored.source, allow_network=allow_network, allow_update=allow_update)
        fmt = check_format(form_of(stored), fmt, excel)
        try:
            result, resolver = _run(obj, stored, params, endpoint, timeout, user, retries,
                                    allow_network, allow_update, show_query, fresh)
        except BaseException:
            if fresh is not None:
                fresh.wait()  # a stale build is said first, as when it was checked first
            raise
    finally:
        if fresh is not None:
            fresh.cancel()
    if result is None:
        err("update sent")
        return
    if width is None and sys.stdout.isatty():
        import shutil
        width = shutil.get_terminal_size().columns
    from cwkg.query.present import present
    output = present(result, fmt, labels=resolver.display_labels, width=width or None,
                     excel=excel)
    sys.stdout.buffer.write(output.data)
    sys.stdout.buffer.flush()
    for line in output.notes:
        err(line)
    if output.exit_code:
        raise SystemExit(output.exit_code)


def _run(obj, stored, params, endpoint, timeout, user, retries, allow_network, allow_update,
         show_query, fresh):
    """The answer of ``stored`` on the build's store (once ``fresh`` has no objection) or
    on the endpoint, and the resolver that bound its parameters."""
    from cwkg.query.embedded import EmbeddedBackend
    from cwkg.query.resolve import Resolver, check_assignments, parse_assignments
    from cwkg.query.run import run

    assignments = parse_assignments(params)
    check_assignments(stored, assignments)  # before the store is opened, or made again
    if endpoint:  # imported here: SPARQLWrapper is not needed for the build's store
        from cwkg.server.remote import RemoteBackend
        backend = RemoteBackend(connection(endpoint, user, timeout, retries))
    else:
        from cwkg.build.read import open_build
        backend = EmbeddedBackend(open_build(obj["out"], before_remake=fresh.wait),
                                  timeout=timeout, exit_on_timeout=True)

    def sending(final: str) -> None:  # given the final text just before it is sent
        if fresh is not None:
            fresh.wait()
        if show_query:
            err(final)

    resolver = Resolver(backend, note=err)
    return run(stored, assignments, backend=backend,
               allow_network=allow_network, allow_update=allow_update, show=sending,
               resolver=resolver), resolver


@click.command()
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
