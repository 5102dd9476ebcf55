"""What validation reports: a list of :class:`Finding`, each mapped back to the data file and
line that defined its focus node, so a curator knows where to edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, order=True)
class Finding:
    where: str          # data file:line, or the node's IRI when unknown
    severity: str       # Violation | Warning | Info
    shape: str          # e.g. shape:FigureMinShape
    focus: str          # compact IRI of the focus node
    path: str | None
    value: str | None
    message: str

    def line(self) -> str:
        detail = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value is not None else ""
        return (f"{self.where}: {self.severity}: {self.focus}{detail}: {self.message}{value} "
                f"[{self.shape}]")


@dataclass
class Report:
    findings: list[Finding]
    # why the compiled engine stepped aside for pySHACL (shape and feature), if it did
    fallbacks: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


def report_of(findings) -> Report:
    """A report of ``findings`` in the order cwkg prints them: severity, then file:line; then
    path and value, so that several findings of one shape on one node (a claim with two
    identified links) come out in the same order from either engine."""
    return Report(sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9),
                                                  *_file_and_line(f.where), f.focus, f.shape,
                                                  f.path or "", f.value or "", f.message)))


def _file_and_line(where: str) -> tuple[str, int]:
    """'data/claims/x.yaml:15' as ('data/claims/x.yaml', 15), so line 15 comes before 137."""
    file, sep, line = where.rpartition(":")
    return (file, int(line)) if sep and line.isdigit() else (where, 0)


def _shorten(text: str) -> str:
    """A value as a finding shows it, the same for both engines: at most 80 characters."""
    return text if len(text) <= 80 else text[:77] + "..."
