"""The one family of errors cwkg raises, and the exit code of each.

The CLI maps these to exit codes in one place (``cli.main``), following pySHACL:
0 conforms, 1 violations, 2 error. A data mistake never reaches the user as a
traceback.

>>> str(DataError("bad date '2017-02-30'", file="data/claims/x.yaml", line=12))
"data/claims/x.yaml:12: bad date '2017-02-30'"
>>> DataError("x").exit_code, ValidationFailed("y").exit_code
(2, 1)
"""

from __future__ import annotations

from pathlib import Path


class CwkgError(Exception):
    """Base of every error cwkg reports to a user."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | Path | None = None,
                 line: int | None = None, column: int | None = None):
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __reduce__(self):
        # keep file/line/column when a worker process hands the error to the build
        return _rebuild, (type(self), self.message, self.file, self.line, self.column)

    def location(self) -> str:
        if self.file is None:
            return ""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


def _rebuild(cls, message, file, line, column):
    return cls(message, file=file, line=line, column=column)


class DataError(CwkgError):
    """Something in data/ (or a file a user brings) is malformed or inconsistent."""


class UsageError(CwkgError):
    """The command was called wrongly: unknown option value, missing build, bad parameter."""


class EndpointError(CwkgError):
    """A SPARQL endpoint refused, timed out, failed or answered something unusable."""


class QueryError(CwkgError):
    """A query is malformed, unsafe without an explicit flag, or ran too long."""


class ValidationFailed(CwkgError):
    """The data is well-formed but breaks a shape or a violation check."""

    exit_code = 1
