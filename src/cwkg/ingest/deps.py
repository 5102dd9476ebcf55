"""The ``ingest`` extra: a clear error when its libraries are missing."""

from __future__ import annotations

import importlib.util

from cwkg.errors import UsageError

INGEST_MODULES = ("spacy", "rapidfuzz")


def require_ingest(modules: tuple[str, ...] = INGEST_MODULES) -> None:
    """Raise a one-line UsageError naming the missing libraries and the install command.

    >>> require_ingest(("json",))
    >>> require_ingest(("no_such_module_cwkg",))
    Traceback (most recent call last):
    cwkg.errors.UsageError: this command needs the 'ingest' extra (missing: no_such_module_cwkg); install it with: pip install 'cwkg[ingest]'
    """
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise UsageError(f"this command needs the 'ingest' extra (missing: {', '.join(missing)}); "
                         "install it with: pip install 'cwkg[ingest]'")
