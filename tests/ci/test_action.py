"""The reusable GitHub Action (action.yml) and the project's own workflow: the YAML is what
GitHub expects, and the action's own scripts (build, validate, verdict) run here, on a copy
of data/, as the runner would run them. The install step (pip from a package index) and
the steps that call other actions (setup-python, upload-sarif, upload-artifact) need
GitHub: the test checks their inputs, not their effect."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BIN = Path(sys.executable).parent
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
REFERENCE = re.compile(r"\b(inputs|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?")


@pytest.fixture(scope="module")
def action(repo):
    return yaml.safe_load((repo / "action.yml").read_text("utf-8"))


def test_action_is_a_composite_action_with_consistent_references(action, repo):
    assert action["runs"]["using"] == "composite"
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    steps = action["runs"]["steps"]
    ids = {s["id"] for s in steps if "id" in s}
    text = (repo / "action.yml").read_text("utf-8")
    for kind, name, output in REFERENCE.findall(" ".join(EXPRESSION.findall(text))):
        if kind == "inputs":
            assert name in action["inputs"], name
        else:
            assert name in ids, name
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach scripts through env:, never pasted into the script
            assert "${{" not in step["run"], step.get("id")
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses == ["actions/setup-python@v5", "github/codeql-action/upload-sarif@v3",
                    "actions/upload-artifact@v4"]


def _env(step: dict, inputs: dict, outputs: dict) -> dict:
    def value(expression: str) -> str:
        kind, name, output = REFERENCE.fullmatch(expression).groups()
        return inputs[name] if kind == "inputs" else outputs.get(name, {}).get(output, "")
    return {k: EXPRESSION.sub(lambda m: value(m.group(1)), str(v))
            for k, v in step.get("env", {}).items()}


def _run_action(action: dict, workspace: Path, tmp_path: Path):
    """Run the action's scripts in order, as a runner would (GITHUB_OUTPUT per step)."""
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    outputs: dict[str, dict[str, str]] = {}
    logs = {}
    for step in action["runs"]["steps"]:
        if "run" not in step or step["id"] == "install":
            continue
        output_file = tmp_path / f"output-{step['id']}"
        output_file.write_text("")
        env = {**os.environ, **_env(step, inputs, outputs),
               "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               "GITHUB_OUTPUT": str(output_file), "GITHUB_ACTION_PATH": str(tmp_path)}
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, env=env,
                              capture_output=True, text=True, timeout=300)
        logs[step["id"]] = done
        outputs[step["id"]] = dict(line.split("=", 1)
                                   for line in output_file.read_text().splitlines())
        if done.returncode:
            break
    return logs, outputs, inputs


def _workspace(tmp_path: Path, repo: Path) -> Path:
    workspace = tmp_path / "workspace"
    shutil.copytree(repo / "data", workspace / "data")
    return workspace


def test_action_scripts_build_validate_and_pass_on_good_data(action, repo, tmp_path,
                                                             news_lines):
    workspace = _workspace(tmp_path, repo)
    logs, outputs, inputs = _run_action(action, workspace, tmp_path)
    assert [logs[s].returncode for s in ("build", "validate", "verdict")] == [0, 0, 0], \
        {k: v.stderr for k, v in logs.items()}
    assert outputs["validate"] == {"exit-code": "0", "sarif": "build/cwkg.sarif"}
    warning = f"::warning file=data/sources/news-2021-04-04.yaml,line={news_lines['source']},"
    assert warning in logs["validate"].stdout
    # what the upload steps are given exists
    artefacts = next(s for s in action["runs"]["steps"]
                     if s.get("uses", "").startswith("actions/upload-artifact"))
    patterns = [p.replace("${{ inputs.out }}", inputs["out"])
                for p in artefacts["with"]["path"].splitlines() if p.strip()]
    found = {Path(p).name for pattern in patterns for p in glob.glob(str(workspace / pattern))}
    assert {"cwkg.ttl", "cwkg.jsonld", "cwkg.trig", "cwkg.nq", "cwkg.sarif",
            "cwkg-junit.xml"} <= found


def test_action_fails_after_writing_the_reports_on_a_violation(action, repo, tmp_path,
                                                               news_lines):
    workspace = _workspace(tmp_path, repo)
    claims = workspace / "data" / "claims" / "news-2021-04-04.yaml"
    claims.write_text(claims.read_text("utf-8").replace(
        "  - id: c01\n", "  - id: c01\n    via: doc:ned-price-tweet-2021-04-04\n", 1), "utf-8")
    logs, outputs, _ = _run_action(action, workspace, tmp_path)
    assert outputs["validate"]["exit-code"] == "1"
    error = f"::error file=data/claims/news-2021-04-04.yaml,line={news_lines['c01']},"
    assert error in logs["validate"].stdout
    assert logs["verdict"].returncode == 1
    assert "::error::cwkg validate found violations" in logs["verdict"].stdout
    assert (workspace / "build" / "cwkg.sarif").is_file()
    assert (workspace / "build" / "cwkg-junit.xml").is_file()


def test_action_reports_an_error_as_exit_code_2(action, repo, tmp_path):
    workspace = _workspace(tmp_path, repo)
    logs, outputs, _ = _run_action(action, workspace, tmp_path)  # a good build first
    claims = workspace / "data" / "claims" / "news-2021-04-04.yaml"
    claims.write_text(claims.read_text("utf-8").replace("  - id: c02\n", "  - id: c01\n", 1),
                      "utf-8")
    validate = next(s for s in action["runs"]["steps"] if s.get("id") == "validate")
    verdict = next(s for s in action["runs"]["steps"] if s.get("id") == "verdict")
    logs, outputs, _ = _run_action({**action, "runs": {"steps": [validate, verdict]}},
                                   workspace, tmp_path)
    assert outputs["validate"]["exit-code"] == "2"
    assert "duplicate claim id" in logs["validate"].stderr
    assert logs["verdict"].returncode == 2


def test_project_workflow_runs_the_ci_script_and_the_action(repo):
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    steps = workflow["jobs"]["tests"]["steps"]
    assert {"run": "bash .ci/run"} in steps
    assert any(s.get("uses") == "./" for s in workflow["jobs"]["validate"]["steps"])
    assert workflow["jobs"]["validate"]["permissions"]["security-events"] == "write"


def _gitlab_job(repo: Path) -> dict:
    text = (repo / "docs" / "ci.md").read_text("utf-8")
    block = re.search(r"```yaml\n(# \.gitlab-ci\.yml\n.*?)```", text, re.S).group(1)
    return yaml.safe_load(block)["cwkg-validate"]


def test_gitlab_example_script_runs(repo, tmp_path):
    job = _gitlab_job(repo)
    assert job["before_script"] == ['pip install -q "$CWKG_PACKAGE"']  # needs an index
    assert job["artifacts"]["reports"]["junit"] == "build/cwkg-junit.xml"
    for bad in (False, True):
        workspace = _workspace(tmp_path / str(bad), repo)
        if bad:
            claims = workspace / "data" / "claims" / "news-2021-04-04.yaml"
            claims.write_text(claims.read_text("utf-8").replace(
                "  - id: c01\n", "  - id: c01\n    via: doc:ned-price-tweet-2021-04-04\n", 1))
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        done = subprocess.run(["bash", "-e", "-c", "\n".join(job["script"])], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == (1 if bad else 0), done.stderr
        report = (workspace / job["artifacts"]["reports"]["junit"]).read_text("utf-8")
        assert ('failures="1"' in report) == bad
        assert glob.glob(str(workspace / job["artifacts"]["paths"][0]))
