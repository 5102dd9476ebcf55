import socket

import pytest


def test_guard_refuses_a_connection_outside_loopback():
    with pytest.raises(RuntimeError, match="only loopback is allowed"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)  # TEST-NET-1, never routed


def test_guard_refuses_dns_lookups():
    with pytest.raises(RuntimeError, match="only loopback is allowed"):
        socket.getaddrinfo("example.org", 80)


def test_guard_allows_loopback():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        client = socket.create_connection(server.getsockname(), timeout=1)
        client.close()
    finally:
        server.close()
