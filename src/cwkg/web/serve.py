"""``cwkg web``: the read views of the last build on 127.0.0.1 until Ctrl-C, and the
curator's pages (``/curate``, which write to data/) for whoever has the token it prints.

The server is uvicorn (ASGI) running :func:`cwkg.web.app.create_app`. It binds to
127.0.0.1 unless ``--host`` says otherwise, and then warns: the pages show everything in
the build to whoever can reach the port. The Host header is checked against the names the
server is reached by (loopback names, the ``--host`` address and any ``--allow-host``),
so a page on another site cannot read this one by DNS rebinding. On any address but
loopback the server is read-only unless ``--curate`` says otherwise (the token would
travel over the network in clear).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import time
from pathlib import Path

from cwkg.errors import UsageError

from .app import LOCAL_HOSTS, create_app
from .graph import open_graph
from .pages import Pages

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The Host header values accepted (ports are not compared).

    >>> allowed_hosts("127.0.0.1")
    ['127.0.0.1', 'localhost', '[::1]', '::1']
    >>> allowed_hosts("192.0.2.7", ("kg.example.org",))[-2:]
    ['192.0.2.7', 'kg.example.org']
    """
    names = list(LOCAL_HOSTS)
    if host not in ("0.0.0.0", "::") and host not in names:
        names.append(f"[{host}]" if ":" in host else host)
    return names + [h for h in extra if h not in names]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def curation(data_dir: Path, out_dir: Path, texts=None, echo=print, asked: bool = False):
    """(Curator, Access) for the curator's pages; when the curate extra is missing, an
    error if they were ``asked`` for (``--curate``), else (None, None), said once."""
    import importlib.util
    missing = [m for m in ("ruamel.yaml", "multipart") if importlib.util.find_spec(m) is None]
    if missing:
        if asked:
            raise UsageError("--curate needs the curate extra (ruamel.yaml, python-multipart):"
                             " pip install 'cwkg[curate]'")
        echo("cwkg web: the curator's pages need the curate extra (pip install "
             "'cwkg[curate]'); serving the read views only")
        return None, None
    from .access import Access
    from .curator import Curator
    return Curator(data_dir, out_dir, texts), Access()


def curating(host: str, curate: bool | None) -> bool:
    """Whether to serve the curator's pages: as asked, else only on loopback.

    >>> curating("127.0.0.1", None), curating("0.0.0.0", None), curating("0.0.0.0", True)
    (True, False, True)
    >>> curating("::1", False)
    False
    """
    return is_loopback(host) if curate is None else curate


def run(out_dir: Path, data_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
        allow_hosts: tuple[str, ...] = (), echo=print, curate: bool | None = None,
        texts=None) -> None:
    """Load the build, print the URL, serve until interrupted. With ``curate`` (default:
    on loopback only), the curator's pages (``/curate``) write to ``data_dir``, for
    whoever has the token printed here."""
    import uvicorn
    if not is_loopback(host):
        echo(f"warning: serving on {host}, not only this machine: anyone who can reach port "
             f"{port} can read every page of the build")
        if host in ("0.0.0.0", "::") and not allow_hosts:
            echo("warning: give the name or address people will use with --allow-host "
                 "(the Host header is checked); until then only loopback names are accepted")
    _check_port(host, port)
    started = time.monotonic()
    pages = Pages(open_graph(out_dir), data_dir, echo=echo)
    _ = pages.dir.index  # read names, sources and quotes now, not on the first request
    pages.warm(echo)     # the stored questions that need no value, in the background
    if curating(host, curate):
        if not is_loopback(host):
            echo(f"warning: --curate on {host}: whoever has the token can write to "
                 f"{data_dir}, and it travels over the network in clear (no TLS)")
        curator, access = curation(data_dir, out_dir, texts, echo, asked=bool(curate))
    else:
        curator = access = None
        if not is_loopback(host) and curate is None:
            echo("cwkg web: read-only on an address other than loopback (--curate to "
                 "curate)")
    pages.site["curate"] = curator is not None
    app = create_app(pages, allowed_hosts(host, allow_hosts), curator, access)
    shown = f"[{host}]" if ":" in host else host

    class Server(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets)
            if self.started:  # listening: only now is the URL worth printing
                echo(f"cwkg web: serving {out_dir} at http://{shown}:{port}/ "
                     f"(ready in {time.monotonic() - started:.1f} s; Ctrl-C stops it)")
                if access is not None:  # as Jupyter: whoever has this URL may write
                    echo(f"cwkg web: curate {data_dir} at http://{shown}:{port}/curate?token="
                         f"{access.token} (this token lets a browser write to data/; "
                         "--read-only serves the read views only)")
                sys.stderr.flush()

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, lifespan="off")
    try:
        Server(config).run()
    except KeyboardInterrupt:  # uvicorn stops cleanly, then raises the signal again
        pass
    echo("cwkg web: stopped")


def _check_port(host: str, port: int) -> None:
    """Fail with one line, before the build is loaded, if the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}; choose "
                             "another --port") from None
