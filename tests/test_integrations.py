"""The shipped CI integrations, checked by the programs that consume them.

- ``action.yml`` (composite GitHub Action) and ``ci-templates/gitlab-cchc.yml`` are validated by
  check-jsonschema against the published schemas it vendors (SchemaStore's), and a broken copy of
  each is refused, so these tests can fail.
- The action's shell steps are run with bash exactly as the runner runs them (``bash --noprofile
  --norc -eo pipefail``), with a stand-in ``cchc`` that records its arguments, and then with the
  real one.
- The GitLab job's ``script`` is run with sh, likewise.
- ``.pre-commit-hooks.yaml`` is validated by ``pre-commit validate-manifest`` and the hook is run
  for real with ``pre-commit try-repo`` in a temporary git repository. That installs cchc and its
  dependencies into pre-commit's own environment, so it needs the package index: without it the
  test skips, except under CI (``CI`` set), where it fails.
- The documentation's CI examples (``CI_PAGE``) are validated the same way: workflows against the GitHub workflow schema, the include against GitLab's,
  the pre-commit configuration by ``pre-commit validate-config``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cchc_cli.walk import CONVENTIONAL_NAME
from conftest import doc_text

from conftest import known_env, skip_or_fail

REPO = Path(__file__).resolve().parents[1]
ACTION = REPO / "action.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
GITLAB = REPO / "ci-templates" / "gitlab-cchc.yml"
EXAMPLES = REPO / "examples"
COMPLIANT = "so-tu-phap-FY.yaml"  # exit 0
FAILING = "quan-hoan-kiem-H1.yaml"  # exit 1: CCHC101 on on_time_dossiers, CCHC301


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def dump_yaml(data: Any, path: Path) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return path


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a CI job: none of the user's cchc settings, git state or CI markers."""
    return known_env(**extra)


def installed_cchc() -> Path:
    script = Path(sys.executable).with_name("cchc")
    if script.exists():
        return script
    found = shutil.which("cchc")
    if found:
        return Path(found)
    skip_or_fail("the cchc console script is not installed (run the README's test command)")


def stub_cchc(directory: Path) -> tuple[Path, Path]:
    """A stand-in `cchc` that records its arguments (JSON) and exits with $STUB_RC."""
    directory.mkdir(parents=True, exist_ok=True)
    record = directory / "argv.json"
    script = directory / "cchc"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(record)!r}, 'w') as f:\n"
        "    json.dump(sys.argv[1:], f)\n"
        "sys.exit(int(os.environ.get('STUB_RC', '0')))\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, record


def require(module: str) -> None:
    """The consumers come with the `test` extra; outside CI a bare environment skips instead."""
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed: pip install -e '.[test]'"
        skip_or_fail(message)


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    require("check_jsonschema")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True, text=True, timeout=120,
    )


def pre_commit(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    require("pre_commit")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
    )


def outputs(path: Path) -> dict[str, str]:
    """Read a $GITHUB_OUTPUT file of name=value lines."""
    if not path.exists():
        return {}
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


# ---------------------------------------------------------------------------------------------
# GitHub Action


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    return load_yaml(ACTION)


def steps_by_id(action: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in action["runs"]["steps"] if "id" in s}


def test_action_valid_against_published_schema() -> None:
    result = check_jsonschema("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "breakage",
    ["no description", "unknown runner", "misspelt step key"],
)
def test_action_schema_check_refuses_a_broken_copy(action: dict[str, Any], breakage: str, tmp_path: Path) -> None:
    broken = json.loads(json.dumps(action))
    if breakage == "no description":
        del broken["description"]
    elif breakage == "unknown runner":
        broken["runs"]["using"] = "composit"
    else:
        step = steps_by_id(broken)["check"]
        step["shel"] = step.pop("shell")
    result = check_jsonschema("vendor.github-actions", dump_yaml(broken, tmp_path / "action.yml"))
    assert result.returncode != 0, f"{breakage}: accepted\n{result.stdout}"


def test_action_is_composite_and_installs_from_its_own_checkout(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    setup = steps[0]
    assert setup["uses"] == "actions/setup-python@v5"
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    install = steps_by_id(action)["install"]
    # The package comes from the action's own checkout at the workflow's ref, not from an index.
    assert re.search(r'pip install [^\n]*"\$GITHUB_ACTION_PATH"', install["run"]), install["run"]
    assert "pip install cchc" not in install["run"]


def test_action_inputs_reach_scripts_only_through_environment_variables(action: dict[str, Any]) -> None:
    inputs = set(action["inputs"])
    assert inputs == {"files", "fail-on", "lang", "sarif", "python-version", "args"}
    used: set[str] = set()
    for step in action["runs"]["steps"]:
        if "run" in step:
            # No expression inside a script: ${{ inputs.files }} there would be pasted into the
            # script before bash reads it, so a crafted path could run commands.
            assert "${{" not in step["run"], f"expression inside the script of step {step.get('id')}"
            assert step["shell"] == "bash"
            for name, value in step.get("env", {}).items():
                match = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", str(value))
                if match:
                    used.add(match.group(1))
                    assert f"${name}" in step["run"] or f"${{{name}}}" in step["run"], f"{name} unused"
        for value in step.get("with", {}).values():
            used.update(re.findall(r"\$\{\{ inputs\.([a-z-]+) \}\}", str(value)))
    assert used == inputs, f"inputs never used: {inputs - used}"


def test_action_sarif_upload_is_off_by_default_and_conditional(action: dict[str, Any]) -> None:
    assert action["inputs"]["sarif"]["default"] == "false"
    assert action["inputs"]["files"]["required"] is True
    uploads = [s for s in action["runs"]["steps"] if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    assert len(uploads) == 1
    upload = uploads[0]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    condition = upload["if"]
    assert condition.startswith("always() && inputs.sarif == 'true'"), condition
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    # The check step decides the job: nothing lets it fail quietly.
    check = steps_by_id(action)["check"]
    assert "continue-on-error" not in check
    assert 'exit "$rc"' in check["run"]


def test_action_outputs_are_written_by_the_check_step(action: dict[str, Any]) -> None:
    script = steps_by_id(action)["check"]["run"]
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.check.outputs.{name} }}}}"
        assert f'echo "{name}=' in script


class ActionRun:
    """Run one of the action's bash steps as the runner does, in a fake workspace."""

    def __init__(self, action: dict[str, Any], workspace: Path, cchc: Path) -> None:
        self.script = steps_by_id(action)["check"]["run"]
        self.workspace = workspace
        self.cchc = cchc
        self.temp = workspace.parent / "runner-temp"
        self.temp.mkdir(exist_ok=True)
        self.output = self.temp / "github_output"
        self.summary = self.temp / "step_summary.md"

    def __call__(self, **inputs: str) -> subprocess.CompletedProcess[str]:
        self.output.write_text("", encoding="utf-8")
        self.summary.write_text("", encoding="utf-8")
        script = self.temp / "check.sh"
        script.write_text(self.script, encoding="utf-8")
        defaults = {"files": "", "fail-on": "", "lang": "", "sarif": "false", "args": ""}
        values = {**defaults, **inputs}
        env = clean_env(
            CCHC_BIN=str(self.cchc),
            INPUT_FILES=values["files"],
            INPUT_FAIL_ON=values["fail-on"],
            INPUT_LANG=values["lang"],
            INPUT_SARIF=values["sarif"],
            INPUT_ARGS=values["args"],
            GITHUB_ACTIONS="true",
            GITHUB_OUTPUT=str(self.output),
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_WORKSPACE=str(self.workspace),
            RUNNER_TEMP=str(self.temp),
            STUB_RC=values.get("stub_rc", "0"),
        )
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=120,
        )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository with two progress files under progress/."""
    root = tmp_path / "workspace"
    (root / "progress").mkdir(parents=True)
    for name in (COMPLIANT, FAILING):
        shutil.copyfile(EXAMPLES / name, root / "progress" / name)
    return root


def test_action_check_step_builds_the_command_line(action: dict[str, Any], workspace: Path) -> None:
    cchc, record = stub_cchc(workspace.parent / "stub")
    run = ActionRun(action, workspace, cchc)

    result = run(files="progress/")
    assert result.returncode == 0, result.stderr
    assert json.loads(record.read_text()) == ["check", "progress/", "--format", "github"]
    assert outputs(run.output) == {"exit-code": "0"}

    result = run(
        files="progress/a.yaml\nprogress/b.yaml  other/",
        **{"fail-on": "warning", "lang": "en", "sarif": "true", "args": "--plan my-plan.yaml"},
    )
    sarif = str(run.temp / "cchc.sarif")
    assert json.loads(record.read_text()) == [
        "check", "progress/a.yaml", "progress/b.yaml", "other/",
        "--format", "github", "--format", f"sarif={sarif}",
        "--fail-on", "warning", "--lang", "en", "--plan", "my-plan.yaml",
    ]
    # The stub wrote no SARIF file: nothing to upload.
    assert outputs(run.output) == {"exit-code": "0"}


@pytest.mark.parametrize("code", [1, 2, 3])
def test_action_check_step_exits_with_cchcs_code(action: dict[str, Any], workspace: Path, code: int) -> None:
    cchc, _ = stub_cchc(workspace.parent / "stub")
    run = ActionRun(action, workspace, cchc)
    result = run(files="progress/", stub_rc=str(code))
    assert result.returncode == code
    assert outputs(run.output)["exit-code"] == str(code)


def test_action_check_step_does_not_evaluate_its_inputs(action: dict[str, Any], workspace: Path) -> None:
    cchc, record = stub_cchc(workspace.parent / "stub")
    run = ActionRun(action, workspace, cchc)
    hostile = "progress/*.yaml $(touch pwned1) `touch pwned2` ;touch${IFS}pwned3 'quoted'"
    result = run(files=hostile, args="$(touch pwned4) $HOME")
    assert result.returncode == 0, result.stderr
    argv = json.loads(record.read_text())
    assert argv[1:9] == ["progress/*.yaml", "$(touch", "pwned1)", "`touch", "pwned2`", ";touch${IFS}pwned3", "'quoted'", "--format"]
    assert argv[-3:] == ["$(touch", "pwned4)", "$HOME"]
    assert not list(workspace.glob("pwned*"))


@pytest.mark.parametrize("inputs", [{"files": ""}, {"files": " \n "}, {"files": "progress/", "sarif": "yes"}])
def test_action_check_step_refuses_bad_inputs_with_exit_2(action: dict[str, Any], workspace: Path, inputs: dict[str, str]) -> None:
    cchc, record = stub_cchc(workspace.parent / "stub")
    run = ActionRun(action, workspace, cchc)
    result = run(**inputs)
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=cchc::")
    assert outputs(run.output) == {"exit-code": "2"}
    assert not record.exists()


def test_action_check_step_with_the_real_cchc(action: dict[str, Any], workspace: Path) -> None:
    run = ActionRun(action, workspace, installed_cchc())

    passed = run(files=f"progress/{COMPLIANT}", sarif="true")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "::error" not in passed.stdout

    failed = run(files=f"progress/{COMPLIANT} progress/{FAILING}", sarif="true", lang="en")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    # Annotations on the failing file, with a repository-relative path and a line.
    assert re.search(rf"^::error file=progress/{re.escape(FAILING)},line=\d+", failed.stdout, re.M), failed.stdout
    assert "CCHC101" in failed.stdout
    assert f"file=progress/{COMPLIANT}" not in failed.stdout
    # The SARIF report exists, is announced for the upload step, and carries the finding.
    out = outputs(run.output)
    assert out["exit-code"] == "1"
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "CCHC101" for r in sarif["runs"][0]["results"])
    # The job summary gets the Markdown report.
    assert "CCHC101" in run.summary.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# GitLab CI template


@pytest.fixture(scope="module")
def gitlab() -> dict[str, Any]:
    return load_yaml(GITLAB)


def expanded(template: dict[str, Any]) -> dict[str, Any]:
    """The template with `cchc`'s `extends: .cchc` resolved, as GitLab computes it.

    The schema lets a hidden key (`.cchc`) hold anything, since it may be a mere YAML anchor, so
    only the resolved job shows whether the job itself is valid.
    """
    job = json.loads(json.dumps(template[".cchc"]))
    own = {k: v for k, v in template["cchc"].items() if k != "extends"}
    for key, value in own.items():
        job[key] = {**job[key], **value} if isinstance(value, dict) and isinstance(job.get(key), dict) else value
    return {"cchc": job}


def test_gitlab_template_valid_against_published_schema(gitlab: dict[str, Any], tmp_path: Path) -> None:
    result = check_jsonschema("vendor.gitlab-ci", GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.gitlab-ci", dump_yaml(expanded(gitlab), tmp_path / "expanded.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("breakage", ["artifacts when", "report kind", "script type"])
def test_gitlab_schema_check_refuses_a_broken_copy(gitlab: dict[str, Any], breakage: str, tmp_path: Path) -> None:
    broken = expanded(gitlab)
    job = broken["cchc"]
    if breakage == "artifacts when":
        job["artifacts"]["when"] = "sometimes"
    elif breakage == "report kind":
        job["artifacts"]["reports"]["junitt"] = job["artifacts"]["reports"].pop("junit")
    else:
        job["script"] = {"run": job["script"]}
    result = check_jsonschema("vendor.gitlab-ci", dump_yaml(broken, tmp_path / "gitlab-ci.yml"))
    assert result.returncode != 0, f"{breakage}: accepted\n{result.stdout}"


def test_gitlab_template_shape(gitlab: dict[str, Any]) -> None:
    assert gitlab["cchc"] == {"extends": ".cchc"}
    job = gitlab[".cchc"]
    assert job["image"] == "python:3.11-slim"
    assert job["variables"]["CCHC_PIP_SPEC"] == "git+https://github.com/cchc/cchc.git"
    assert any('pip install --quiet "$CCHC_PIP_SPEC"' in line for line in job["before_script"])
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert artifacts["expire_in"]
    reports = artifacts["reports"]
    assert set(reports) == {"junit", "codequality"}
    # The reports GitLab reads are the files the script writes.
    (script,) = job["script"]
    assert f"--format junit={reports['junit']}" in script
    assert f"--format gitlab={reports['codequality']}" in script
    assert "--format text" in script
    assert set(artifacts["paths"]) == {reports["junit"], reports["codequality"]}


def run_gitlab_script(gitlab: dict[str, Any], workspace: Path, bindir: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run the job's script lines with sh, as the runner does, with the job's variables exported."""
    job = gitlab[".cchc"]
    env = clean_env(**{**{k: str(v) for k, v in job["variables"].items()}, **variables})
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    script = "set -e\n" + "\n".join(job["script"]) + "\n"
    return subprocess.run(["sh", "-c", script], cwd=workspace, env=env, capture_output=True, text=True, timeout=120)


def test_gitlab_script_builds_the_command_line(gitlab: dict[str, Any], workspace: Path) -> None:
    cchc, record = stub_cchc(workspace.parent / "stub")
    result = run_gitlab_script(gitlab, workspace, cchc.parent)
    assert result.returncode == 0, result.stderr
    assert json.loads(record.read_text()) == [
        "check", "progress/",
        "--format", "text", "--format", "junit=cchc-junit.xml", "--format", "gitlab=gl-code-quality-report.json",
    ]
    result = run_gitlab_script(gitlab, workspace, cchc.parent, CCHC_FILES="a.yaml b/", CCHC_ARGS="--fail-on warning", STUB_RC="1")
    assert result.returncode == 1
    assert json.loads(record.read_text())[:5] == ["check", "a.yaml", "b/", "--fail-on", "warning"]


def test_gitlab_script_with_the_real_cchc(gitlab: dict[str, Any], workspace: Path) -> None:
    cchc = installed_cchc()
    result = run_gitlab_script(gitlab, workspace, cchc.parent, CCHC_ARGS="--lang en")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CCHC101" in result.stdout  # the text report, in the job log
    # JUnit: one testcase per (rule, subject), the missed target a failure.
    tree = ET.parse(workspace / "cchc-junit.xml")
    cases = tree.getroot().iter("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert failures and any("CCHC101" in (c.get("name", "") + c.get("classname", "")) for c in failures)
    # Code Quality: a JSON array of issues with the fields GitLab requires.
    issues = json.loads((workspace / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"].startswith("progress/")
        assert issue["location"]["lines"]["begin"] >= 1
    assert any("CCHC101" in i["check_name"] for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# ---------------------------------------------------------------------------------------------
# pre-commit hook


def test_pre_commit_manifest_valid(tmp_path: Path) -> None:
    result = pre_commit("validate-manifest", str(HOOKS), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = load_yaml(HOOKS)
    assert hook["id"] == "cchc-check"
    assert hook["entry"] == "cchc check"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert hook["pass_filenames"] is True
    # progress files by their name (what cchc init writes), so a workflow is never handed to cchc
    assert hook["files"] == CONVENTIONAL_NAME
    assert hook["args"] == ["--format", "plain"]

    broken = dict(hook, language="pythonn")
    result = pre_commit("validate-manifest", str(dump_yaml([broken], tmp_path / "hooks.yaml")), cwd=tmp_path)
    assert result.returncode != 0


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=cchc tests", "-c", "user.email=tests@cchc.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, env=clean_env(), check=True, capture_output=True, timeout=60,
    )


def _hook_repository(dest: Path) -> Path:
    """This repository's working tree as it would be committed, as a git repository of one commit.

    `pre-commit try-repo PATH` uses the commit at HEAD plus tracked changes, not new files, so a
    snapshot of the tree (tracked and untracked, minus what .gitignore excludes) is what lets the
    test try the hook as it is on disk, committed or not.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, env=clean_env(), capture_output=True, timeout=60,
    )
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode().split("\0") if n]
    else:  # not a git checkout (an unpacked sdist): take the files the package is built from
        names = [str(p.relative_to(REPO)) for p in REPO.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for name in names:
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


def _package_index_reachable(tmp_path: Path) -> None:
    """pre-commit installs the hook with pip: make sure pip can reach its index, else skip (fail in CI)."""
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(tmp_path / "probe"), "hatchling"],
        env=clean_env(), capture_output=True, text=True, timeout=180,
    )
    if probe.returncode != 0:
        message = f"the package index is unreachable, so pre-commit cannot install the hook:\n{probe.stderr[-2000:]}"
        skip_or_fail(message)


@pytest.fixture(scope="module")
def hook_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    if shutil.which("git") is None:
        skip_or_fail("git is needed to run the pre-commit hook")
    base = tmp_path_factory.mktemp("pre-commit")
    _package_index_reachable(base)
    hook_repo = _hook_repository(base / "cchc")
    work = base / "agency"
    (work / "progress").mkdir(parents=True)
    for name in (COMPLIANT, FAILING):
        shutil.copyfile(EXAMPLES / name, work / "progress" / name)
    # YAML files every repository has that are not progress files
    (work / ".github" / "workflows").mkdir(parents=True)
    (work / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (work / "mkdocs.yml").write_text("site_name: CCHC\n", encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "progress files", cwd=work)
    env = clean_env(PRE_COMMIT_HOME=str(base / "pre-commit-home"))
    return hook_repo, work, env


def _try_hook(hook_setup: tuple[Path, Path, dict[str, str]], *files: str) -> subprocess.CompletedProcess[str]:
    hook_repo, work, env = hook_setup
    started = time.monotonic()
    which = ["--all-files"] if files == ("--all-files",) else ["--files", *files]
    result = pre_commit(
        "try-repo", str(hook_repo), "cchc-check", "--color", "never", *which,
        cwd=work, env=env, timeout=900,
    )
    print(f"pre-commit try-repo {' '.join(files)}: exit {result.returncode} in {time.monotonic() - started:.1f} s")
    print(result.stdout, result.stderr, sep="\n")
    return result


def test_pre_commit_hook_passes_a_compliant_file(hook_setup: tuple[Path, Path, dict[str, str]]) -> None:
    result = _try_hook(hook_setup, f"progress/{COMPLIANT}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^cchc check \(CCHC progress files\)\.+Passed$", result.stdout, re.M), result.stdout


def test_pre_commit_hook_fails_on_a_finding(hook_setup: tuple[Path, Path, dict[str, str]]) -> None:
    result = _try_hook(hook_setup, f"progress/{FAILING}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^cchc check \(CCHC progress files\)\.+Failed$", result.stdout, re.M), result.stdout
    assert "- exit code: 1" in result.stdout
    assert "CCHC101" in result.stdout
    assert f"progress/{FAILING}" in result.stdout


def test_pre_commit_hook_checks_several_files_in_one_run(hook_setup: tuple[Path, Path, dict[str, str]]) -> None:
    result = _try_hook(hook_setup, f"progress/{COMPLIANT}", f"progress/{FAILING}")
    assert "- exit code: 1" in result.stdout, result.stdout + result.stderr
    assert "CCHC101" in result.stdout
    assert f"progress/{FAILING}" in result.stdout


def test_pre_commit_hook_checks_only_progress_files(hook_setup: tuple[Path, Path, dict[str, str]]) -> None:
    """Found: in a repository with .github/workflows/ci.yml the hook handed the workflow to cchc,
    which is no progress file (exit 2), so every commit touching it was refused."""
    result = _try_hook(hook_setup, ".github/workflows/ci.yml", "mkdocs.yml", f"progress/{COMPLIANT}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^cchc check \(CCHC progress files\)\.+Passed$", result.stdout, re.M), result.stdout
    workflows = _try_hook(hook_setup, ".github/workflows/ci.yml", "mkdocs.yml")
    assert workflows.returncode == 0 and re.search(r"\.+\(no files to check\)Skipped$", workflows.stdout, re.M), workflows.stdout
    every = _try_hook(hook_setup, "--all-files")
    assert "- exit code: 1" in every.stdout, every.stdout + every.stderr
    # plain output: the failing file's findings, one line each, then the count of files checked
    assert re.search(rf"^progress/{re.escape(FAILING)}:\d+:\d+: error CCHC101 ", every.stdout, re.M), every.stdout
    assert re.search(r"^cchc: (số tệp đã kiểm tra|files checked): 2 · ", every.stdout, re.M), every.stdout
    assert "ci.yml" not in every.stdout and "mkdocs" not in every.stdout


# ---------------------------------------------------------------------------------------------
# The README's examples

#: the page that holds the CI examples
CI_PAGE = "docs/ci.md"
CI_EXAMPLE = re.compile(r"<!-- ci-example: ([a-z-]+) -->\s*```ya?ml\n(.*?)```", re.S)


def validate_ci_examples(examples: list[tuple[str, str]], tmp_path: Path) -> None:
    kinds = sorted({kind for kind, _ in examples})
    assert kinds == ["github-workflow", "gitlab-ci", "pre-commit-config"], kinds
    action_inputs = set(load_yaml(ACTION)["inputs"])
    for number, (kind, text) in enumerate(examples):
        path = tmp_path / f"{number}-{kind}.yml"
        path.write_text(text, encoding="utf-8")
        if kind == "pre-commit-config":
            result = pre_commit("validate-config", str(path), cwd=tmp_path)
        else:
            result = check_jsonschema("vendor.github-workflows" if kind == "github-workflow" else "vendor.gitlab-ci", path)
        assert result.returncode == 0, f"README example {number} ({kind}):\n{text}\n{result.stdout}{result.stderr}"
        document = load_yaml(path)
        if kind == "pre-commit-config":
            (repo,) = document["repos"]
            assert [h["id"] for h in repo["hooks"]] == [load_yaml(HOOKS)[0]["id"]]
        elif kind == "github-workflow":
            steps = [s for job in document["jobs"].values() for s in job["steps"]]
            (step,) = [s for s in steps if str(s.get("uses", "")).startswith("cchc/cchc@")]
            assert set(step["with"]) <= action_inputs and "files" in step["with"]
            if step["with"].get("sarif") == "true":
                assert document["permissions"]["security-events"] == "write"
        else:
            assert any("ci-templates/gitlab-cchc.yml" in str(i) for i in document["include"])
            assert set(document["cchc"]["variables"]) <= set(load_yaml(GITLAB)[".cchc"]["variables"])


def test_readme_ci_examples_are_valid(tmp_path: Path) -> None:
    examples = CI_EXAMPLE.findall(doc_text(CI_PAGE))
    # a lost example is a lost contract: fail, never skip (validate_ci_examples wants all three kinds)
    assert examples, f"{CI_PAGE} has no CI examples (<!-- ci-example: … --> blocks)"
    validate_ci_examples(examples, tmp_path)
