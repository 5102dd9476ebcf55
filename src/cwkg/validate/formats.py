"""A validation report in the formats CI systems read: ``cwkg validate --format FORMAT``.

- ``text``: one line per finding (``file:line: Severity: node path: message [rule]``);
- ``json``: the findings with file and line apart, and the counts;
- ``junit``: JUnit XML, one test case per shape or check, failing with every finding's
  file:line (GitLab, Jenkins, Azure and most CI test-report pages read it);
- ``sarif``: SARIF 2.1.0, one result per finding at its data file and line, the shapes and
  checks as the run's rules (GitHub code scanning shows them inline on the YAML);
- ``github``: GitHub Actions workflow commands (``::error file=...,line=...::message``;
  warnings as ``::warning``, infos as ``::notice``);
- ``turtle``: the SHACL validation report graph (``sh:ValidationReport``, ``sh:conforms``,
  one ``sh:result`` per finding), as pySHACL writes it.

Every format is made from the same :class:`~cwkg.validate.report.Report`, so they agree on
what was found; the exit code does not depend on the format.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cwkg import __version__
from cwkg.prefixes import PREFIXES, expand

from .report import Finding, Report
from .rules import CHECK, CHECK_IRI, SHAPE, Rule, all_rules

FORMATS = ("text", "json", "junit", "sarif", "github", "turtle")
SARIF_LEVELS = {"Violation": "error", "Warning": "warning", "Info": "note"}
GITHUB_COMMANDS = {"Violation": "error", "Warning": "warning", "Info": "notice"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SH = PREFIXES["sh"]
_FILE_LINE = re.compile(r"^(?P<file>.+?[./].*?):(?P<line>\d+)$")  # a path: it has . or /


@dataclass(frozen=True)
class Location:
    file: str | None    # the data file, as the report names it (relative when it was given so)
    line: int | None    # 1-based


def location(finding: Finding) -> Location:
    """Where a finding points: ``data/x.yaml:12`` -> (file, 12); ``my.ttl: ex:node`` (a
    user's RDF file, no line per triple) -> (file, None); a bare node id -> (None, None).

    >>> location(Finding("data/claims/a.yaml:12", "Violation", "shape:S", "claim:a", None,
    ...                  None, "m"))
    Location(file='data/claims/a.yaml', line=12)
    """
    where = finding.where
    match = _FILE_LINE.match(where)
    if match and "://" not in where:
        return Location(match["file"], int(match["line"]))
    file, sep, _node = where.partition(": ")
    if sep and "://" not in file:
        return Location(file, None)
    return Location(None, None)


def render(fmt: str, report: Report, quads: int,
           rules: list[Rule] | Callable[[], list[Rule]] | None = None) -> bytes:
    """The report as ``fmt`` (one of :data:`FORMATS`). ``rules`` (a list, or a function
    giving it, called only for the formats that need it; default: the shipped shapes and
    the catalogue's checks) are what JUnit, SARIF and Turtle list or name."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "text":
        return "".join(f.line() + "\n" for f in report.findings).encode("utf-8")
    if fmt == "json":
        return _json(report, quads)
    if fmt == "github":
        return "".join(_github(f) + "\n" for f in report.findings).encode("utf-8")
    if rules is None:
        rules = all_rules()
    elif callable(rules):
        rules = rules()
    rules = _with_rules_of_findings(rules, report)
    return {"junit": _junit, "sarif": _sarif, "turtle": _turtle}[fmt](report, quads, rules)


def _with_rules_of_findings(rules: list[Rule], report: Report) -> list[Rule]:
    """``rules``, plus one for any finding whose shape they do not list (an anonymous shape,
    a shape from a file the list was not made from), so every finding has its rule."""
    known = {r.id for r in rules}
    extra = {}
    for f in report.findings:
        if f.shape not in known and f.shape not in extra:
            kind = CHECK if f.shape.startswith("query:") else SHAPE
            iri = CHECK_IRI + f.shape[len("query:"):] if kind == CHECK else _iri(f.shape)
            extra[f.shape] = Rule(f.shape, kind, iri, f.severity, f.message, None)
    return rules + list(extra.values())


def _counts(report: Report) -> dict:
    count = {s: sum(f.severity == s for f in report.findings) for s in SARIF_LEVELS}
    return {"violations": count["Violation"], "warnings": count["Warning"],
            "infos": count["Info"]}


# ---------------------------------------------------------------- json

def _json(report: Report, quads: int) -> bytes:
    findings = []
    for f in report.findings:
        where = location(f)
        findings.append({"file": where.file, "line": where.line, "severity": f.severity,
                         "rule": f.shape, "focus": f.focus, "path": f.path, "value": f.value,
                         "message": f.message})
    doc = {"conforms": report.conforms, **_counts(report), "quads": quads,
           "findings": findings}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---------------------------------------------------------------- github

def _github(f: Finding) -> str:
    """One workflow command; GitHub's escaping: %, CR and LF in the message, and also ':'
    and ',' in a property value."""
    where = location(f)
    props = []
    if where.file:
        props.append(f"file={_gh_property(where.file)}")
        if where.line:
            props.append(f"line={where.line}")
    props.append(f"title={_gh_property(f'{f.severity}: {f.shape}')}")
    detail = f" {f.path}" if f.path else ""
    value = f" (value: {f.value})" if f.value is not None else ""
    message = f"{f.focus}{detail}: {f.message}{value}"
    return f"::{GITHUB_COMMANDS.get(f.severity, 'error')} {','.join(props)}::{_gh_data(message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------- junit

def _junit(report: Report, quads: int, rules: list[Rule]) -> bytes:
    """One <testsuite> for the shapes and one for the checks; a test case per rule, failing
    (a Violation) with every finding's file:line in the failure's text; warnings and infos
    do not fail (as the exit code), they are listed in the case's <system-out>."""
    import xml.etree.ElementTree as ET

    by_rule: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_rule.setdefault(f.shape, []).append(f)
    root = ET.Element("testsuites", name="cwkg validate")
    totals = {"tests": 0, "failures": 0}
    for kind, suite_name in ((SHAPE, "SHACL shapes"), (CHECK, "violation checks")):
        members = [r for r in rules if r.kind == kind]
        suite = ET.SubElement(root, "testsuite", name=suite_name)
        failures = 0
        for rule in members:
            case = ET.SubElement(suite, "testcase", name=rule.id,
                                 classname=f"cwkg.{'shapes' if kind == SHAPE else 'checks'}")
            if rule.file:
                case.set("file", rule.file)
            found = by_rule.get(rule.id, [])
            violations = [f for f in found if f.severity == "Violation"]
            others = [f for f in found if f.severity != "Violation"]
            if violations:
                failures += 1
                failure = ET.SubElement(case, "failure", type="Violation",
                                        message=f"{len(violations)} violation(s): {rule.message}")
                failure.text = "\n".join(f.line() for f in violations) + "\n"
            if others:
                ET.SubElement(case, "system-out").text = \
                    "\n".join(f.line() for f in others) + "\n"
        suite.set("tests", str(len(members)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        totals["tests"] += len(members)
        totals["failures"] += failures
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") \
        + b"\n"


# ---------------------------------------------------------------- sarif

def _sarif(report: Report, quads: int, rules: list[Rule]) -> bytes:
    index = {rule.id: i for i, rule in enumerate(rules)}
    sarif_rules = [{
        "id": rule.id,
        "name": rule.id.split(":", 1)[-1],
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.message},
        "defaultConfiguration": {"level": SARIF_LEVELS.get(rule.severity, "error")},
        "properties": {"kind": "SHACL shape" if rule.kind == SHAPE else "SPARQL check",
                       "iri": rule.iri, **({"definedIn": rule.file} if rule.file else {}),
                       "tags": ["cwkg", "shacl" if rule.kind == SHAPE else "sparql"]},
    } for rule in rules]
    results = []
    for f in report.findings:
        where = location(f)
        detail = f" {f.path}" if f.path else ""
        value = f" (value: {f.value})" if f.value is not None else ""
        result = {"ruleId": f.shape, "ruleIndex": index[f.shape],
                  "level": SARIF_LEVELS.get(f.severity, "error"),
                  "message": {"text": f"{f.focus}{detail}: {f.message}{value}"},
                  "locations": [_sarif_location(f, where)],
                  # stable while lines move: the same rule, node, path and value
                  "partialFingerprints": {"cwkgFinding/v1": hashlib.sha256(
                      "\x1f".join((f.shape, f.focus, f.path or "", f.value or "")).encode()
                  ).hexdigest()[:32]}}
        results.append(result)
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "cwkg", "version": __version__,
                            "semanticVersion": __version__, "rules": sarif_rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"conforms": report.conforms, "quads": quads, **_counts(report)},
    }]}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _sarif_location(f: Finding, where: Location) -> dict:
    out: dict = {"logicalLocations": [{"fullyQualifiedName": f.focus, "kind": "object"}]}
    if where.file:
        physical: dict = {"artifactLocation": _artifact(where.file)}
        if where.line:
            physical["region"] = {"startLine": where.line}
        out["physicalLocation"] = physical
    return out


def _artifact(file: str) -> dict:
    """A relative path is relative to the repository root (SARIF's %SRCROOT%, which is
    what GitHub resolves it against); an absolute one becomes a file: URI."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": path.as_posix(), "uriBaseId": "%SRCROOT%"}


# ---------------------------------------------------------------- turtle

def _turtle(report: Report, quads: int, rules: list[Rule]) -> bytes:
    """The SHACL report graph: sh:focusNode, sh:resultSeverity, sh:sourceShape,
    sh:resultMessage, and sh:resultPath and sh:value where the finding has them, as pySHACL
    gives them; sh:sourceConstraintComponent where the shape has only one component that
    can report (cwkg's compiled engine reports per shape, not per component). A value is
    shown as the text report shows it (at most 80 characters). Violation checks stand
    under their own IRI (``urn:cwkg:query:ID``) as a SPARQL constraint would."""
    import rdflib
    from rdflib.namespace import SH as SHNS

    by_id = {rule.id: rule for rule in rules}
    graph = rdflib.Graph()
    graph.bind("sh", SHNS)
    for prefix, ns in PREFIXES.items():
        if prefix != "sh":
            graph.bind(prefix, ns)
    node = rdflib.BNode("report")
    graph.add((node, rdflib.RDF.type, SHNS.ValidationReport))
    graph.add((node, SHNS.conforms, rdflib.Literal(report.conforms)))
    for i, f in enumerate(report.findings):
        rule = by_id[f.shape]
        result = rdflib.BNode(f"r{i}")
        graph.add((node, SHNS.result, result))
        graph.add((result, rdflib.RDF.type, SHNS.ValidationResult))
        graph.add((result, SHNS.focusNode, _term(f.focus)))
        graph.add((result, SHNS.resultSeverity, SHNS[f.severity]))
        graph.add((result, SHNS.sourceShape, rdflib.URIRef(rule.iri)))
        graph.add((result, SHNS.resultMessage, rdflib.Literal(f.message)))
        if f.path:
            graph.add((result, SHNS.resultPath, rdflib.URIRef(_iri(f.path))))
        if f.value is not None:
            graph.add((result, SHNS.value, _value(f.value)))
        if rule.component:
            graph.add((result, SHNS.sourceConstraintComponent, rdflib.URIRef(rule.component)))
    return graph.serialize(format="turtle").encode("utf-8")


def _iri(compact_or_iri: str) -> str:
    try:
        return expand(compact_or_iri)
    except KeyError:
        return compact_or_iri


def _term(text: str):
    import rdflib
    if text.startswith("_:"):
        return rdflib.BNode(text[2:])
    return rdflib.URIRef(_iri(text))


def _value(text: str):
    """A value as findings keep it: a compact IRI (a known prefix) is an IRI, else text."""
    import rdflib
    prefix, sep, _ = text.partition(":")
    if sep and prefix in PREFIXES and " " not in text:
        return rdflib.URIRef(expand(text))
    if text.startswith(("http://", "https://", "urn:")) and " " not in text:
        return rdflib.URIRef(text)
    return rdflib.Literal(text)
