"""Accept, reject, accept all that can be: ``cwkg accept`` and ``cwkg reject``'s own code
(:mod:`cwkg.ingest.review`), behind the version check and the save lock.

The CLI's functions check what they accept as the build would and write atomically;
here they run only when the claims file still has the version the curator's page read,
and their errors come back as a :class:`.saving.Refused` with the finding on its claim.
"""

from __future__ import annotations

from pathlib import Path

from cwkg.errors import CwkgError
from cwkg.fsio import display_path
from cwkg.ingest import review

from .files import check_version, claims_path, locked, read_versioned
from .findings import CANNOT_ACCEPT, Finding
from .saving import Saved, build_findings, claim_findings, context, refused_by


def accept_claims(data_dir: Path, source: str, ids: list[str], version: str | None,
                  texts=None, out_dir=None) -> Saved:
    """Accept the named proposals, all or none (the first that cannot be accepted is
    the refusal's finding)."""
    return _decide(data_dir, source, version, texts, out_dir,
                   lambda: review.accept(data_dir, source, list(ids), texts))


def accept_all(data_dir: Path, source: str, version: str | None, texts=None,
               out_dir=None) -> Saved:
    """Accept every proposal of the source that can be; ``left`` names each other one
    with its reason (also a ``cannot-accept`` finding on the claim)."""
    return _decide(data_dir, source, version, texts, out_dir,
                   lambda: review.accept(data_dir, source, None, texts))


def reject_claims(data_dir: Path, source: str, ids: list[str], version: str | None,
                  texts=None, out_dir=None) -> Saved:
    """Delete the named claims (their whole blocks) from the claims file."""
    return _decide(data_dir, source, version, texts, out_dir,
                   lambda: review.reject(data_dir, source, list(ids), texts))


def _decide(data_dir: Path, source: str, version: str | None, texts, out_dir, run) -> Saved:
    path = claims_path(data_dir, source)
    at = context(data_dir, path.stem, texts)
    with locked(data_dir):
        check_version(path, version)
        try:
            outcome = run()
        except CwkgError as exc:
            raise refused_by(exc) from None
        data, new_version = read_versioned(path)
    if isinstance(outcome, review.Accepted):
        changed, left = list(outcome.accepted), dict(outcome.left)
    else:
        changed, left = list(outcome), {}
    text = data.decode("utf-8")
    found = [Finding(CANNOT_ACCEPT, reason, claim, where=display_path(path))
             for claim, reason in left.items()]
    found += [f for f in claim_findings(text, path, at, list(left)) if f.claim in left
              and f.severity == CANNOT_ACCEPT and f.message not in left.get(f.claim, "")]
    found += build_findings(data_dir, path, text, at, out_dir, texts)
    return Saved(at.source.id, new_version, changed, found, left)
