"""Test-wide fixtures, and a guard that fails any test that opens a connection
anywhere but loopback: cwkg must never reach the network unless a user asks."""

from __future__ import annotations

import ipaddress
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return True  # AF_UNIX paths and the like
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost: would need DNS, so refuse


def _audit(event: str, args) -> None:
    if event == "socket.connect":
        _, address = args
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to connect to {address!r}; only loopback is allowed")
    elif event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode()
        if host not in (None, "localhost") and not _is_loopback((host,)):
            raise NetworkBlocked(f"test tried to resolve {host!r}; only loopback is allowed")


sys.addaudithook(_audit)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built():
    """The repository's data as records and as the quads the build writes: (Data, BuiltGraph),
    as a fresh clone builds it: with no texts folder (the texts of sources kept outside the
    repository are git-ignored), so every result is the same on any machine."""
    from cwkg.build.memory import in_memory
    from cwkg.load.data import load_data
    return load_data(DATA, texts=()), in_memory(DATA, texts=())
