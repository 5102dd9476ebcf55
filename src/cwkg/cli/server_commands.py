"""cwkg serve, push, web and site: the last build on a SPARQL server or in a browser."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import connection, endpoint_options, err, quiet_option


@click.command()
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1.")
@quiet_option
@click.pass_obj
def serve(obj, port: int) -> None:
    """Serve the last build with an Oxigraph SPARQL server on 127.0.0.1 until Ctrl-C."""
    from cwkg.build.read import check_fresh
    from cwkg.server.serve import serve as run_serve

    check_fresh(obj["data"], obj["out"], obj["texts"])
    run_serve(Path(obj["out"]), port=port,
              announce=lambda line: click.echo(line) or sys.stdout.flush())
    err("server stopped; its temporary store was removed")


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL query endpoint (also used for updates unless --update-endpoint).")
@click.option("--update-endpoint", metavar="URL",
              help="SPARQL Update endpoint, where the server separates it (Oxigraph: /update).")
@click.option("--graph-store", metavar="URL",
              help="SPARQL 1.1 Graph Store endpoint (Oxigraph: /store): a push into an empty "
                   "Oxigraph server is then one POST of N-Quads. Leave it out for Virtuoso "
                   "(its Graph Store rejects literals over 64 KB).")
@click.option("--source", "sources", multiple=True, metavar="src:ID",
              help="Push only this graph (repeatable); the others are not touched.")
@click.option("--replace-all", is_flag=True,
              help="Replace the whole graph set, and remove the server's cwkg graphs that "
                   "the build no longer has.")
@quiet_option
@endpoint_options
@click.pass_obj
def push(obj, endpoint, update_endpoint, graph_store, sources, replace_all, user, timeout,
         retries) -> None:
    """Upload the last build to a SPARQL server, one named graph per source.

    Into an empty graph set it is a bulk load; otherwise each request replaces whole
    graphs in one transaction. If anything fails, no graph is left half-written, and a
    failed bulk load takes back what it wrote.
    """
    from cwkg.build.layout import DATASET_FILE
    from cwkg.build.read import check_fresh
    from cwkg.server.payload import Dataset
    from cwkg.server.push import Target
    from cwkg.server.push import push as run_push

    query = connection(endpoint, user, timeout, retries)
    target = Target(query, query.sibling(update_endpoint) if update_endpoint else query,
                    query.sibling(graph_store) if graph_store else None)
    check_fresh(obj["data"], obj["out"], obj["texts"])
    # one source: read only its lines; a whole push (or --replace-all) reads every graph
    dataset = Dataset.from_file(Path(obj["out"]) / DATASET_FILE, list(sources) or None)
    done = run_push(dataset, target, list(sources), replace_all=replace_all)
    removed = f"; removed {done.removed} graph(s) the build no longer has" if done.removed \
        else ""
    err(f"pushed {done.graphs} graph(s), {done.triples} triples to {target.update.url} in "
        f"{done.seconds:.2f} s ({done.how}){removed}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback prints a warning.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another name the Host header may give (with --host).")
@click.option("--curate/--read-only", "curate", default=None,
              help="Serve the curator's pages (/curate: write to data/ with the token it "
              "prints) or the read views only. Default: curate on 127.0.0.1/::1, read-only "
              "on any other --host.")
@click.pass_obj
def web(obj, host: str, port: int, allow_hosts: tuple[str, ...], curate: bool | None) -> None:
    """Browse the last build (dossiers, sources, claims, entities, search, questions) and
    curate data/ at /curate, with the token it prints."""
    from cwkg.web.serve import run as run_web

    run_web(obj["out"], obj["data"], host, port, allow_hosts, echo=err,
            curate=curate, texts=obj["texts"])


@click.command()
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the site to (made anew; must be empty or a site).")
@quiet_option
@click.pass_obj
def site(obj, output: Path) -> None:
    """Write the read views of the last build as static HTML (any static host, file://)."""
    from cwkg.web.static_site import write_site

    result = write_site(obj["out"], obj["data"], output)
    err(f"wrote {result.pages} pages and {result.files} other files to {output} in "
         f"{result.seconds:.1f} s; open {output / 'index.html'}")
