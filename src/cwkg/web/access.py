"""Who may write: the session token ``cwkg web`` prints at start, and a CSRF check.

As Jupyter does, ``cwkg web`` makes a random token when it starts and prints a URL that
carries it (``/curate?token=...``). Opening that URL once sets a cookie (HttpOnly,
SameSite=Strict) and redirects to the same page without the token, so it does not stay
in the address bar or the history. Every page under ``/curate`` needs the cookie (or the
token in the URL); every write (POST) needs the cookie *and* a CSRF field in the form,
derived from the token (another site's page can neither read the token nor make the
browser send the cookie with its form, and its Origin is refused too).

>>> access = Access("secret")
>>> access.allows(access.token) and not access.allows("guess") and not access.allows(None)
True
>>> access.csrf_ok(access.csrf) and not access.csrf_ok("x")
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

COOKIE = "cwkg_session"


class Access:
    def __init__(self, token: str | None = None):
        self.token = token or secrets.token_urlsafe(32)
        # the form field: tied to the token, yet not the token (a form posted elsewhere by
        # mistake does not give the token away)
        self.csrf = hmac.new(self.token.encode(), b"cwkg-csrf", hashlib.sha256).hexdigest()

    def allows(self, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(str(presented).encode(),
                                                        self.token.encode())

    def csrf_ok(self, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(str(presented).encode(),
                                                        self.csrf.encode())

    def cookie(self) -> str:
        return (f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/")


def same_origin(origin: str | None, host: str | None) -> bool:
    """A browser's Origin header names this server (absent: not a cross-site request a
    browser would make without saying so).

    >>> same_origin("http://127.0.0.1:8765", "127.0.0.1:8765"), same_origin(None, "x")
    (True, True)
    >>> same_origin("http://evil.example", "127.0.0.1:8765"), same_origin("null", "x:1")
    (False, False)
    """
    if origin is None:
        return True
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc == (host or "")
