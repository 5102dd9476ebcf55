"""Who cwkg is on a SPARQL server: one way to give credentials, Basic and Digest answered alike.

The user comes from ``--user`` or ``$CWKG_ENDPOINT_USER``; the password only from
``$CWKG_ENDPOINT_PASSWORD`` or, when a terminal is attached, a prompt that does not
echo. A password on the command line would stay in ``ps`` and the shell history,
so no option takes one.

The server chooses the scheme: :class:`ChallengeAuth` answers its first ``401``
challenge with Basic or Digest (RFC 7616: MD5 or SHA-256, ``qop=auth``; Virtuoso's
``/sparql-auth`` asks for Digest), then sends the answer with every later request
of the connection, so a large upload is not sent twice to learn the challenge
again. A stale nonce is answered once more; a wrong password is not retried.

The digest of RFC 2617's worked example (section 3.5):

>>> challenge = {"realm": "testrealm@host.com", "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093",
...              "qop": "auth,auth-int", "opaque": "5ccc069c403ebaf9f0171e9517f40e41"}
>>> header = digest_header(challenge, Credentials("Mufasa", "Circle Of Life"), "GET",
...                        "/dir/index.html", 1, "0a4f113b")
>>> 'response="6629fae49393a05397450978507c4ef1"' in header
True
>>> Credentials("dba", "s3cret")
Credentials(user='dba', password=***)
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import sys
import threading
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cwkg.errors import UsageError

USER_ENV, PASSWORD_ENV = "CWKG_ENDPOINT_USER", "CWKG_ENDPOINT_PASSWORD"
_DIGEST_HASHES = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)

    def __repr__(self) -> str:  # never show the password, even in a debugger or a log
        return f"Credentials(user={self.user!r}, password=***)"


def credentials_for(user: str | None, *, environ: Mapping[str, str] | None = None,
                    ask: Callable[[str], str] | None = None) -> Credentials | None:
    """The credentials to use, or None for anonymous access.

    ``user`` is the ``--user`` option (else ``$CWKG_ENDPOINT_USER``); the password is
    ``$CWKG_ENDPOINT_PASSWORD``, else asked with ``ask`` (a terminal prompt), else an error.

    >>> credentials_for(None, environ={})
    >>> credentials_for("dba", environ={PASSWORD_ENV: "pw"})
    Credentials(user='dba', password=***)
    >>> credentials_for(None, environ={USER_ENV: "dba"})
    Traceback (most recent call last):
    cwkg.errors.UsageError: user dba: no password; set $CWKG_ENDPOINT_PASSWORD (cwkg asks for it when run in a terminal)
    """
    environ = os.environ if environ is None else environ
    user = user or environ.get(USER_ENV) or None
    if user is None:
        return None
    password = environ.get(PASSWORD_ENV)
    if password is None:
        if ask is None:
            raise UsageError(f"user {user}: no password; set ${PASSWORD_ENV} (cwkg asks for "
                             "it when run in a terminal)")
        password = ask(f"password for {user}: ")
    return Credentials(user, password)


def terminal_prompt() -> Callable[[str], str] | None:
    """A prompt that does not echo, when a person sits at a terminal; None in pipes and CI."""
    if not sys.stdin.isatty():
        return None
    import getpass
    return getpass.getpass


class ChallengeAuth(urllib.request.BaseHandler):
    """Answer a server's Basic or Digest challenge, then authenticate every later request."""

    handler_order = 400  # add the header before the request leaves

    def __init__(self, credentials: Credentials):
        self.credentials = credentials
        self._scheme: str | None = None
        self._challenge: dict[str, str] = {}
        self._count = 0
        self._lock = threading.Lock()

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        if self._scheme is not None:
            request.add_unredirected_header("Authorization", self._header(request))
        return request

    https_request = http_request

    def http_error_401(self, request, answer, code, message, headers):
        challenges = parse_challenges(headers.get_all("WWW-Authenticate") or [])
        scheme = next((s for s in ("digest", "basic") if s in challenges), None)
        if scheme is None:
            return None  # a scheme cwkg does not speak: the 401 reaches the caller, who names it
        stale = challenges.get("digest", {}).get("stale", "").lower() == "true"
        tries = getattr(request, "cwkg_auth_tries", 0)
        if tries >= 2 or (tries == 1 and not stale):
            return None  # the server refused these credentials: do not try them again
        if scheme == "digest" and "auth" not in _qops(challenges[scheme]) \
                and _qops(challenges[scheme]):
            return None  # only qop=auth-int offered: cwkg does not sign bodies
        with self._lock:
            self._scheme, self._challenge, self._count = scheme, challenges[scheme], 0
        request.cwkg_auth_tries = tries + 1
        answer.read()
        answer.close()
        if hasattr(request.data, "seek"):
            request.data.seek(0)
        return self.parent.open(request, timeout=request.timeout)

    def _header(self, request: urllib.request.Request) -> str:
        if self._scheme == "basic":
            pair = f"{self.credentials.user}:{self.credentials.password}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        with self._lock:
            self._count += 1
            count = self._count
        return digest_header(self._challenge, self.credentials, request.get_method(),
                             request.selector, count, secrets.token_hex(8))


def digest_header(challenge: dict[str, str], credentials: Credentials, method: str, uri: str,
                  count: int, cnonce: str) -> str:
    """The ``Authorization: Digest ...`` value for one request (RFC 7616, ``qop=auth``)."""
    algorithm = challenge.get("algorithm", "MD5")
    base = algorithm.upper().removesuffix("-SESS")
    if base not in _DIGEST_HASHES:
        raise UsageError(f"the server asks for Digest with {algorithm}, which cwkg does not "
                         f"support ({', '.join(_DIGEST_HASHES)} are)")

    def digest(text: str) -> str:
        return hashlib.new(_DIGEST_HASHES[base], text.encode("utf-8")).hexdigest()

    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    secret = digest(f"{credentials.user}:{realm}:{credentials.password}")
    if algorithm.upper().endswith("-SESS"):
        secret = digest(f"{secret}:{nonce}:{cnonce}")
    target = digest(f"{method}:{uri}")
    fields = {"username": credentials.user, "realm": realm, "nonce": nonce, "uri": uri}
    if "auth" in _qops(challenge):
        nc = f"{count:08x}"
        fields["response"] = digest(f"{secret}:{nonce}:{nc}:{cnonce}:auth:{target}")
        extra = f", qop=auth, nc={nc}, cnonce=\"{cnonce}\""
    else:  # RFC 2069, no qop
        fields["response"] = digest(f"{secret}:{nonce}:{target}")
        extra = ""
    if "opaque" in challenge:
        fields["opaque"] = challenge["opaque"]
    quoted = ", ".join(f'{key}="{_quote(value)}"' for key, value in fields.items())
    return f"Digest {quoted}, algorithm={algorithm}{extra}"


def parse_challenges(values: list[str]) -> dict[str, dict[str, str]]:
    """``WWW-Authenticate`` values -> {scheme: {parameter: value}} (schemes in lower case).

    >>> parse_challenges(['Digest realm="a, b", nonce="n1", qop="auth", Basic realm="x"'])
    {'digest': {'realm': 'a, b', 'nonce': 'n1', 'qop': 'auth'}, 'basic': {'realm': 'x'}}
    """
    challenges: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for value in values:
        for item in urllib.request.parse_http_list(value):
            item = item.strip()
            head, _, rest = item.partition(" ")
            if head and "=" not in head:  # a scheme, maybe followed by its first parameter
                current = challenges.setdefault(head.lower(), {})
                item = rest.strip()
            if current is None or "=" not in item:
                continue
            key, _, raw = item.partition("=")
            raw = raw.strip()
            if len(raw) >= 2 and raw[0] == raw[-1] == '"':
                raw = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            current[key.strip().lower()] = raw
    return challenges


def _qops(challenge: dict[str, str]) -> list[str]:
    return [q.strip().lower() for q in challenge.get("qop", "").split(",") if q.strip()]


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
