"""The CI formats of `cchc check`: sarif, junit, github, gitlab, markdown, plain.

Reports come from the real engine on the repository's examples (run from the repository root, so
paths are relative as in CI) and from a broken file; waived findings and hostile strings are made
by hand with ``_replace``. Each format is checked by what consumes it: SARIF against the OASIS
schema, JUnit by junitparser reading a file, the others by their exact bytes.

Golden files for every format on examples/quan-hoan-kiem-H1.yaml (Vietnamese) live in
tests/golden/formats/; regenerate them with ``CCHC_UPDATE_GOLDEN=1 python -m pytest
tests/test_formats.py`` and read the diff. The tool version and the plan digest are replaced by
placeholders, as in the JSON golden files.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cchc_cli import __version__, api, sourceroot
from cchc_cli.compiled import Bilingual
from cchc_cli.location import SourceLocation
from cchc_cli.models.report import AgencyRef, Finding, PlanRef, Report, Severity, Waiver
from cchc_cli.formats import CheckFormat
from cchc_cli.render import FORMATS, RenderOptions, check_renderer, render
from cchc_cli.render import github, gitlab, junit, markdown, plain, sarif
from cchc_cli.rules import RULES

from conftest import UPDATE_GOLDEN, known_env, skip_or_fail

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.stem for p in (REPO / "examples").glob("*.yaml"))
GOLDEN = Path(__file__).resolve().parent / "golden" / "formats"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

VI = RenderOptions("vi", Severity.error)
EN = RenderOptions("en", Severity.error)
HOSTILE = '<script>&"\x07 ]]> \udc80\ufffe'


# ------------------------------------------------------------------------------------------------
# reports
# ------------------------------------------------------------------------------------------------


@pytest.fixture
def at_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


def example(stem: str) -> Report:
    report: Report = api.check(Path(f"examples/{stem}.yaml"))
    assert report.path == f"examples/{stem}.yaml"
    return report


@pytest.fixture
def hoan_kiem(at_repo: Path) -> Report:
    return example("quan-hoan-kiem-H1")


@pytest.fixture
def broken(tmp_path: Path) -> Report:
    """A file that cannot be parsed: its report is one input error (an absolute path, as given)."""
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nagency: [unclosed\n", encoding="utf-8")
    report: Report = api.check(path)
    assert [f.rule for f in report.findings] == ["CCHC001"] and report.agency is None
    return report


@pytest.fixture
def missing(at_repo: Path) -> Report:
    """A file that does not exist: an input error without a line."""
    report: Report = api.check(Path("examples/no-such-file.yaml"))
    assert report.findings[0].location is not None and report.findings[0].location.line is None
    return report


def waived(report: Report, rule: str) -> Report:
    """``report`` with its first finding of ``rule`` accepted by a waiver."""
    findings = list(report.findings)
    i = next(i for i, f in enumerate(findings) if f.rule == rule)
    waiver = Waiver(
        rule, findings[i].subject, reason="chờ số liệu quý III", approver="Nguyễn Văn A",
        expires=date(2021, 12, 31), source=SourceLocation(".cchc.yaml", 4, 5),
    )
    findings[i] = findings[i]._replace(waiver=waiver)
    summary = report.summary._replace(errors=report.summary.errors - 1, waived=report.summary.waived + 1)
    return report._replace(findings=tuple(findings), summary=summary)


def made(path: str, *findings: Finding, agency: AgencyRef | None = None) -> Report:
    """A hand-made report around ``findings`` (the plan of the bundled data, no rows)."""
    return Report(path=path, agency=agency, period="H1" if agency else None, period_name=Bilingual("6 tháng", "H1") if agency else None,
                  as_of=date(2021, 6, 10) if agency else None, report_due=None, submitted_on=None,
                  plan=PlanRef("hanoi-cchc-2021", "2.0.0", "0" * 64), findings=findings)


def finding(rule: str, subject: str, message: str, location: SourceLocation | None, severity: Severity | None = None) -> Finding:
    meta = RULES[rule]
    return Finding(rule, meta.slug, severity or meta.severity, subject, Bilingual(message, message), location)


# ------------------------------------------------------------------------------------------------
# every format
# ------------------------------------------------------------------------------------------------


def test_every_registered_format_has_a_renderer() -> None:
    for name in FORMATS:
        assert callable(check_renderer(CheckFormat(name)).render_reports), name


@pytest.mark.parametrize("name", ["sarif", "junit", "github", "gitlab", "markdown", "plain"])
def test_same_reports_same_bytes(name: str, hoan_kiem: Report, broken: Report) -> None:
    reports = [hoan_kiem, waived(hoan_kiem, "CCHC101"), broken]
    assert render(name, reports, VI) == render(name, list(reports), VI)
    # the language changes the words, never the shape
    assert render(name, reports, EN).count("\n") == render(name, reports, VI).count("\n")


@pytest.mark.parametrize("name", ["sarif", "junit", "github", "gitlab", "markdown", "plain"])
def test_no_reports_still_gives_a_valid_document(name: str) -> None:
    text = render(name, [], VI)
    if name in ("sarif", "gitlab"):
        json.loads(text)
    if name == "junit":
        from junitparser import JUnitXml

        assert JUnitXml.fromstring(text.encode("utf-8")).tests == 0


# ------------------------------------------------------------------------------------------------
# sarif
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        skip_or_fail(f"SARIF schema not available at {SARIF_SCHEMA}")
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)  # draft-04, as the schema declares
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid_sarif(validator: Any, text: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(text)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return document


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("stem", EXAMPLES)
def test_sarif_of_each_example_is_valid(stem: str, lang: str, at_repo: Path, sarif_validator: Any) -> None:
    report = example(stem)
    document = valid_sarif(sarif_validator, sarif.render_reports([report], RenderOptions(lang, Severity.error)))
    (run,) = document["runs"]
    assert run["language"] == lang
    assert len(run["results"]) == len(report.findings)
    for result, f in zip(run["results"], report.findings):
        assert result["ruleId"] == f.rule
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == f.rule
        assert result["message"]["text"] == f.message.get(lang)
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": f"examples/{stem}.yaml", "uriBaseId": "%SRCROOT%"}
        assert f.location is not None
        assert physical["region"] == {"startLine": f.location.line, "startColumn": f.location.column}


def test_sarif_of_several_files_with_waivers_and_input_errors_is_valid(
    at_repo: Path, broken: Report, missing: Report, sarif_validator: Any
) -> None:
    reports = [example(stem) for stem in EXAMPLES] + [waived(example("quan-hoan-kiem-H1"), "CCHC301"), broken, missing]
    document = valid_sarif(sarif_validator, sarif.render_reports(reports, VI))
    (run,) = document["runs"]
    assert len(run["results"]) == sum(len(r.findings) for r in reports)
    assert run["properties"]["plan"] == reports[0].plan._asdict()
    # every file checked is an artifact, a clean one too; the same file given twice is listed once
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert uris == [f"examples/{s}.yaml" for s in EXAMPLES] + [Path(broken.path).as_uri(), "examples/no-such-file.yaml"]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in run["results"]}
    # an absolute path stays a file:// URI
    assert Path(broken.path).as_uri() in by_uri
    assert "uriBaseId" not in by_uri[Path(broken.path).as_uri()]["locations"][0]["physicalLocation"]["artifactLocation"]
    # a line that is not known is line 1, and no column is invented
    assert by_uri["examples/no-such-file.yaml"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    for part in ("chờ số liệu quý III", "Nguyễn Văn A", "2021-12-31"):
        assert part in suppression["justification"]
    assert suppression["location"]["physicalLocation"]["artifactLocation"]["uri"] == ".cchc.yaml"


def test_sarif_rules_are_the_whole_catalogue(sarif_validator: Any, at_repo: Path) -> None:
    document = valid_sarif(sarif_validator, sarif.render_reports([example("so-tu-phap-FY")], EN))
    driver = document["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cchc", __version__)
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    level = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}
    for described, rule in zip(driver["rules"], RULES.values()):
        assert described["name"] == rule.slug
        assert described["shortDescription"]["text"] == rule.title.en
        assert described["fullDescription"]["text"] == described["help"]["text"] == rule.help.en
        assert described["defaultConfiguration"]["level"] == level[rule.severity]
    assert document["runs"][0]["results"] == []


@pytest.mark.parametrize(
    "path, uri",
    [
        ("examples/a.yaml", "examples/a.yaml"),
        ("./examples/a.yaml", "examples/a.yaml"),
        ("reports\\2021\\a.yaml", "reports/2021/a.yaml"),
        ("báo cáo/Hoàn Kiếm #1 (v2) 100%.yaml", "b%C3%A1o%20c%C3%A1o/Ho%C3%A0n%20Ki%E1%BA%BFm%20%231%20%28v2%29%20100%25.yaml"),
        ("/srv/ci/a b.yaml", "file:///srv/ci/a%20b.yaml"),
        ("C:\\data\\a.yaml", "file:///C:/data/a.yaml"),
    ],
)
def test_sarif_uris(path: str, uri: str, sarif_validator: Any) -> None:
    report = made(path, finding("CCHC101", "indicator:x", "m", SourceLocation(path, 3, None)))
    document = valid_sarif(sarif_validator, sarif.render_reports([report], VI))
    physical = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == uri
    assert ("uriBaseId" in physical["artifactLocation"]) is (not uri.startswith("file:"))
    assert physical["region"] == {"startLine": 3}


def test_sarif_message_text_says_exactly_the_message(sarif_validator: Any) -> None:
    """One line, every character shown, and nothing a viewer would read as an embedded link
    (§3.11.6) or a placeholder (§3.11.5)."""
    message = f"{HOSTILE}\nnext [click](https://evil.example) {{0}} a\\b"
    report = made("a.yaml", finding("CCHC002", f"input:{HOSTILE}", message, SourceLocation("a.yaml", 1, 1)))
    text = sarif.render_reports([report], VI)
    document = valid_sarif(sarif_validator, text)
    assert document["runs"][0]["results"][0]["message"]["text"] == (
        '<script>&"\\\\x07 \\]\\]> \\\\x80\ufffe\\\\nnext \\[click\\](https://evil.example) {{0}} a\\\\b'
    )
    assert sarif.message_text("a[0]{x}") == "a\\[0\\]{{x}}"


def _moved(text: str, blank_lines: int) -> str:
    return text.replace("schema_version:", "\n" * blank_lines + "schema_version:", 1)


def test_fingerprints_survive_a_finding_moving_to_another_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = (REPO / "examples" / "quan-hoan-kiem-H1.yaml").read_text(encoding="utf-8")
    outputs = {}
    for name, text in (("before", source), ("after", _moved(source, 7))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "agency.yaml").write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path / name)  # the same relative path, as in two commits of one repository
        report: Report = api.check(Path("agency.yaml"))
        outputs[name] = (
            report,
            json.loads(sarif.render_reports([report], VI))["runs"][0]["results"],
            json.loads(gitlab.render_reports([report], VI)),
        )
    (before, sarif_before, gitlab_before), (after, sarif_after, gitlab_after) = outputs["before"], outputs["after"]
    assert [(f.rule, f.subject) for f in before.findings] == [(f.rule, f.subject) for f in after.findings]
    assert before.findings and all(
        a.location and b.location and a.location.line == b.location.line + 7 for a, b in zip(after.findings, before.findings)
    )
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif_before] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif_after
    ]
    assert [r["partialFingerprints"] for r in sarif_before] == [r["partialFingerprints"] for r in sarif_after]
    assert [i["fingerprint"] for i in gitlab_before] == [i["fingerprint"] for i in gitlab_after]
    assert [i["location"]["lines"]["begin"] for i in gitlab_before] != [i["location"]["lines"]["begin"] for i in gitlab_after]


def test_fingerprints_differ_by_rule_subject_and_path_only(hoan_kiem: Report) -> None:
    same = sarif.fingerprints(hoan_kiem)
    assert len(set(same)) == len(same)
    assert sarif.fingerprints(hoan_kiem._replace(path="./" + hoan_kiem.path)) == same
    assert sarif.fingerprints(hoan_kiem._replace(path=hoan_kiem.path.replace("/", "\\"))) == same
    assert set(sarif.fingerprints(hoan_kiem._replace(path="other/" + hoan_kiem.path))).isdisjoint(same)
    # two problems with the same rule and subject in one file still get two fingerprints
    twice = made("a.yaml", *(finding("CCHC002", "input:file", m, SourceLocation("a.yaml", n, 1)) for n, m in ((1, "x"), (5, "y"))))
    assert len(set(sarif.fingerprints(twice))) == 2


def test_a_finding_located_in_another_file_points_there(hoan_kiem: Report, sarif_validator: Any) -> None:
    """An expired waiver is a finding at the waiver's line, in the configuration file."""
    from cchc_cli.engine import apply_waivers

    target = hoan_kiem.findings[0]
    expired = Waiver(target.rule, target.subject, "r", "a", date(2021, 1, 31), source=SourceLocation(".cchc.yaml", 7, 5))
    report = apply_waivers(hoan_kiem, (expired,))  # judged against the report's as_of, 2021-06-10
    (late,) = [f for f in report.findings if f.rule == "CCHC501"]
    assert late.location == SourceLocation(".cchc.yaml", 7, 5)
    results = valid_sarif(sarif_validator, sarif.render_reports([report], VI))["runs"][0]["results"]
    (result,) = [r for r in results if r["ruleId"] == "CCHC501"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".cchc.yaml"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 5}
    (issue,) = [i for i in json.loads(gitlab.render_reports([report], VI)) if i["check_name"] == "CCHC501"]
    assert issue["location"] == {"path": ".cchc.yaml", "lines": {"begin": 7}}
    assert "::error file=.cchc.yaml,line=7,col=5,title=CCHC501 waiver-expired::" in github.render_reports([report], VI)
    assert ".cchc.yaml:7:5: error CCHC501 " in plain.render_reports([report], VI)
    assert "| .cchc.yaml:7:5 |" in markdown.render_reports([report], VI)


# ------------------------------------------------------------------------------------------------
# the source root: sarif, github and gitlab point at the file wherever cchc runs from
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, shown",
    [
        ("a.yaml", "docs/a.yaml"),  # given from docs/
        ("./a.yaml", "docs/a.yaml"),
        ("../progress/a.yaml", "progress/a.yaml"),
        ("..\\progress\\a.yaml", "progress/a.yaml"),
        ("/repo/progress/../progress/a.yaml", "progress/a.yaml"),
        ("../../elsewhere/a.yaml", "/elsewhere/a.yaml"),  # outside the root: absolute, never "../"
        ("/repository/a.yaml", "/repository/a.yaml"),  # a sibling whose name starts like the root's
    ],
)
def test_source_root_names_files_relative_to_the_repository(path: str, shown: str) -> None:
    root = sourceroot.SourceRoot("/repo", "/repo/docs")
    assert root.relative(path) == shown


def test_source_root_uri_is_a_directory_uri() -> None:
    assert sourceroot.SourceRoot("/srv/my repo", "/srv/my repo").uri == "file:///srv/my%20repo/"
    assert sourceroot.SourceRoot("C:\\srv\\repo", "C:\\srv\\repo").uri == "file:///C:/srv/repo/"


def test_source_root_is_the_repository_then_the_configuration_then_the_working_directory(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    repo, config_home = tmp_path / "repo", tmp_path / "settings"
    for directory in (outside, repo / "docs" / "deep", repo / "progress", config_home / "sub"):
        directory.mkdir(parents=True)
    (repo / ".git").mkdir()
    files = [Path("../../progress/a.yaml")]
    assert sourceroot.find(files, None, repo / "docs" / "deep") == (str(repo), str(repo / "docs" / "deep"))
    (repo / ".git").rmdir()
    (repo / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n", encoding="utf-8")  # a worktree
    assert sourceroot.find(files, None, repo / "docs" / "deep").path == str(repo)
    # run from outside any repository, on a file inside one
    assert sourceroot.find([repo / "progress" / "a.yaml"], None, outside).path == str(repo)
    # no repository anywhere: the settings file's directory, else the working directory
    no_git = [Path("a.yaml")]
    assert sourceroot.find(no_git, config_home / ".cchc.yaml", config_home / "sub").path == str(config_home)
    assert sourceroot.find(no_git, None, config_home / "sub").path == str(config_home / "sub")


def _ci_outputs(cwd: Path, *args: str) -> dict[str, Any]:
    import subprocess
    import sys

    env = known_env()
    out = {}
    for fmt in ("sarif", "github", "gitlab"):
        done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", *args, "--format", fmt], cwd=cwd, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
        assert done.returncode == 1, done.stderr
        out[fmt] = done.stdout if fmt == "github" else json.loads(done.stdout)
    return out


def test_ci_formats_point_at_the_file_from_any_directory(tmp_path: Path, sarif_validator: Any) -> None:
    """A job that runs cchc from a subdirectory annotates the same lines of the same files."""
    repo = tmp_path / "repo"
    (repo / "progress").mkdir(parents=True)
    (repo / "tools" / "ci").mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / "progress" / "quan-hoan-kiem-H1.yaml").write_bytes((REPO / "examples" / "quan-hoan-kiem-H1.yaml").read_bytes())
    # an expired waiver: a finding located in the settings file, which is in the root too
    (repo / ".cchc.yaml").write_text(
        "waivers:\n  - {rule: CCHC301, subject: 'duty:par_index_self_assessment', reason: r, approver: a, expires: 2021-01-31}\n",
        encoding="utf-8",
    )
    from_root = _ci_outputs(repo, "progress")
    from_sub = _ci_outputs(repo / "tools" / "ci", "../../progress")
    absolute = _ci_outputs(repo / "tools", str(repo / "progress"))
    assert from_sub == from_root == absolute
    document = valid_sarif(sarif_validator, json.dumps(from_sub["sarif"]))
    run = document["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"progress/quan-hoan-kiem-H1.yaml", ".cchc.yaml"}
    assert "::error file=progress/quan-hoan-kiem-H1.yaml,line=12,col=3," in from_sub["github"]
    assert "::error file=.cchc.yaml,line=2," in from_sub["github"]
    assert {i["location"]["path"] for i in from_sub["gitlab"]} == {"progress/quan-hoan-kiem-H1.yaml", ".cchc.yaml"}


# ------------------------------------------------------------------------------------------------
# junit
# ------------------------------------------------------------------------------------------------


def parse_junit(text: str, tmp_path: Path) -> Any:
    from junitparser import JUnitXml

    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def cases(xml: Any) -> list[tuple[str, Any]]:
    return [(suite.name, case) for suite in xml for case in suite]


def test_junit_counts_failures_passes_and_a_clean_file(at_repo: Path, tmp_path: Path) -> None:
    reports = [example("quan-hoan-kiem-H1"), example("so-tu-phap-FY")]
    xml = parse_junit(junit.render_reports(reports, VI), tmp_path)
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (5, 2, 0, 0)
    suites = list(xml)
    assert [s.name for s in suites] == ["examples/quan-hoan-kiem-H1.yaml", "examples/so-tu-phap-FY.yaml"]
    assert [(s.tests, s.failures, s.skipped) for s in suites] == [(4, 2, 0), (1, 0, 0)]
    hk = list(suites[0])
    assert [(c.classname, c.name) for c in hk] == [
        ("CCHC101.target-missed", "indicator:on_time_dossiers (examples/quan-hoan-kiem-H1.yaml)"),
        ("CCHC301.duty-overdue", "duty:par_index_self_assessment (examples/quan-hoan-kiem-H1.yaml)"),
        ("CCHC303.duty-due-soon", "duty:iso_9001 (examples/quan-hoan-kiem-H1.yaml)"),
        ("CCHC303.duty-due-soon", "duty:staff_training (examples/quan-hoan-kiem-H1.yaml)"),
    ]
    failure = hk[0].result[0]
    assert failure.type == "error"
    assert failure.message == reports[0].findings[0].message.vi
    assert "examples/quan-hoan-kiem-H1.yaml:12:3" in failure.text
    # below the threshold: passed, the finding in the test's output
    assert hk[2].is_passed and "CCHC303" in hk[2].system_out and "duty:iso_9001" in hk[2].system_out
    (clean,) = list(suites[1])
    assert (clean.classname, clean.name, clean.is_passed) == ("cchc.check", "examples/so-tu-phap-FY.yaml", True)


def test_junit_threshold_follows_fail_on(hoan_kiem: Report, tmp_path: Path) -> None:
    xml = parse_junit(junit.render_reports([hoan_kiem], RenderOptions("vi", Severity.info)), tmp_path)
    assert (xml.tests, xml.failures) == (4, 4)
    assert sorted({c.result[0].type for _, c in cases(xml)}) == ["error", "info"]


def test_junit_waived_finding_is_skipped_with_its_reason(hoan_kiem: Report, tmp_path: Path) -> None:
    xml = parse_junit(junit.render_reports([waived(hoan_kiem, "CCHC101")], VI), tmp_path)
    assert (xml.tests, xml.failures, xml.skipped) == (4, 1, 1)
    case = next(c for _, c in cases(xml) if c.classname.startswith("CCHC101"))
    assert case.is_skipped
    (skipped,) = case.result
    for part in ("chờ số liệu quý III", "Nguyễn Văn A", "2021-12-31"):
        assert part in skipped.message


def test_junit_a_file_that_cannot_be_read_is_an_error_not_a_failure(broken: Report, tmp_path: Path) -> None:
    xml = parse_junit(junit.render_reports([broken], VI), tmp_path)
    assert (xml.tests, xml.failures, xml.errors) == (1, 0, 1)
    (suite,) = list(xml)
    assert (suite.tests, suite.failures, suite.errors) == (1, 0, 1)
    (_, case), = cases(xml)
    assert case.classname == "CCHC001.unreadable-file"
    (error,) = case.result
    assert type(error).__name__ == "Error" and error.type == "input-error"
    assert error.message == broken.findings[0].message.vi and "CCHC001" in error.text


def test_junit_input_errors_are_errors_and_findings_failures_in_one_file(hoan_kiem: Report, tmp_path: Path) -> None:
    """A file judged but holding a problem of its own (an unknown task): the problem is an error,
    whatever --fail-on says; the findings about the work stay failures."""
    bad = finding("CCHC005", "task:II.99", "no task II.99", SourceLocation(hoan_kiem.path, 30, 3))
    report = hoan_kiem._replace(findings=(bad, *hoan_kiem.findings))
    for options in (VI, RenderOptions("vi", Severity.info)):
        xml = parse_junit(junit.render_reports([report], options), tmp_path)
        kinds = {c.classname: type(c.result[0]).__name__ for _, c in cases(xml) if c.result}
        assert kinds["CCHC005.unknown-task"] == "Error" and kinds["CCHC101.target-missed"] == "Failure"
        assert xml.errors == 1 and xml.failures == (2 if options is VI else 4)


def test_junit_same_finding_in_two_files_is_two_tests(hoan_kiem: Report, tmp_path: Path) -> None:
    other = hoan_kiem._replace(path="copy/quan-hoan-kiem-H1.yaml")
    xml = parse_junit(junit.render_reports([hoan_kiem, other], VI), tmp_path)
    keys = [(c.classname, c.name) for _, c in cases(xml)]
    assert len(keys) == len(set(keys)) == 8


def test_junit_hostile_strings_give_well_formed_xml(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path = f"a&b<{HOSTILE}.yaml"
    report = made(
        path,
        finding("CCHC002", f"input:{HOSTILE}", f"line one\n{HOSTILE}", SourceLocation(path, 2, 1)),
        finding("CCHC303", "duty:x", HOSTILE, None),
    )
    text = junit.render_reports([report], VI)
    ET.fromstring(text.encode("utf-8"))  # well-formed, or this raises
    assert "\x07" not in text and "\udc80" not in text and "\ufffe" not in text
    assert "<script>" not in text
    xml = parse_junit(text, tmp_path)
    failing, passing = (c for _, c in cases(xml))
    # what XML cannot carry is shown, not dropped: the bell, the undecodable byte, U+FFFE
    shown = '<script>&"\\x07 ]]> \\x80<U+FFFE>'
    assert failing.result[0].message == f"line one\\n{shown}"  # one line, the break shown
    assert shown in failing.name and "\n" not in failing.name and failing.is_passed is False
    # the finding's output line is the plain format's line
    assert passing.is_passed and passing.system_out.strip() == junit.xml_text(plain.line(report, report.findings[1], "vi"))
    assert shown in passing.system_out


# ------------------------------------------------------------------------------------------------
# github
# ------------------------------------------------------------------------------------------------


def test_github_escaping_is_exact() -> None:
    assert github.escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert github.escape_property("dir,x/a:b%\n.yaml") == "dir%2Cx/a%3Ab%25%0A.yaml"
    # what comes from input is made one line before GitHub's escaping: a line break is shown
    path = "dir,x/a:b%.yaml"
    report = made(path, finding("CCHC101", "indicator:x", "50% done\r\nnext: a, b", SourceLocation(path, 7, 3)))
    assert github.render_reports([report], VI) == (
        "::error file=dir%2Cx/a%3Ab%25.yaml,line=7,col=3,title=CCHC101 target-missed::50%25 done\\r\\nnext: a, b\n"
        + plain.totals_line([report], "vi") + "\n"
    )


def test_github_levels_order_and_unknown_positions(hoan_kiem: Report, missing: Report) -> None:
    text = github.render_reports([waived(hoan_kiem, "CCHC301"), missing], VI)
    lines = text.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::error", "::notice", "::notice", "cchc:"]
    assert lines[0].startswith("::error file=examples/quan-hoan-kiem-H1.yaml,line=12,col=3,title=CCHC101 target-missed::")
    # a missing file: the whole file is annotated, no line invented
    assert lines[1].startswith("::error file=examples/no-such-file.yaml,title=CCHC001 unreadable-file::")
    assert "CCHC301" not in text  # waived: not annotated


def test_github_over_the_cap_says_so_where_github_still_shows_it() -> None:
    errors = [finding("CCHC201", f"task:I.{n}", f"late {n}", SourceLocation("a.yaml", n, 1)) for n in range(1, 13)]
    notes = [finding("CCHC203", f"task:II.{n}", f"soon {n}", SourceLocation("a.yaml", 20 + n, 1)) for n in range(1, 13)]
    lines = github.render_reports([made("a.yaml", *notes, *errors)], EN).splitlines()
    assert len(lines) == 12 + 12 + 1 + 1
    assert all(line.startswith("::error ") for line in lines[:12])
    assert lines[12].startswith("::notice title=cchc::") and "errors: 12" in lines[12] and "notices: 12" in lines[12]
    assert all(line.startswith("::notice file=a.yaml") for line in lines[13:-1])
    assert lines[-1].startswith("cchc: files checked: 1 · ")  # the count, a log line, no annotation
    # within the cap: no extra notice
    assert len(github.render_reports([made("a.yaml", *errors[:10])], EN).splitlines()) == 10 + 1


def test_github_step_summary_is_the_markdown_report(hoan_kiem: Report) -> None:
    assert github.markdown_summary([hoan_kiem], VI) == markdown.render_reports([hoan_kiem], VI)


# ------------------------------------------------------------------------------------------------
# gitlab
# ------------------------------------------------------------------------------------------------


def test_gitlab_code_quality(at_repo: Path, broken: Report, missing: Report) -> None:
    reports = [example(stem) for stem in EXAMPLES] + [waived(example("quan-hoan-kiem-H1"), "CCHC101"), broken, missing]
    issues = json.loads(gitlab.render_reports(reports, VI))
    assert isinstance(issues, list)
    unwaived = [(r, f) for r in reports for f in r.findings if f.waiver is None]
    assert len(issues) == len(unwaived)
    severity = {Severity.error: "major", Severity.warning: "minor", Severity.info: "info"}
    for issue, (report, f) in zip(issues, unwaived):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == f.rule and issue["severity"] == severity[f.severity]
        assert issue["description"] == f.message.vi
        assert set(issue["location"]) == {"path", "lines"} and issue["location"]["lines"]["begin"] >= 1
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert issues[-1]["location"] == {"path": "examples/no-such-file.yaml", "lines": {"begin": 1}}
    # unique per (rule, subject, path), and the same as SARIF's
    keys = {(i["check_name"], f.subject, i["location"]["path"]) for i, (_, f) in zip(issues, unwaived)}
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(keys) == len(issues) - 3  # the waived copy of Hoàn Kiếm repeats 3 findings
    sarif_prints = {fp for r in reports for fp in sarif.fingerprints(r)}
    assert set(fingerprints) <= sarif_prints


# ------------------------------------------------------------------------------------------------
# markdown
# ------------------------------------------------------------------------------------------------


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def test_markdown_user_strings_cannot_break_the_tables(hoan_kiem: Report) -> None:
    evil = "A | B <b>bold</b> `code` *em* _u_ [link](http://x) ~~s~~ \\| &lt;\nnew line\r\n| --- |"
    agency = AgencyRef("x", evil, evil, "district")
    report = hoan_kiem._replace(
        agency=agency,
        findings=hoan_kiem.findings
        + (finding("CCHC002", f"input:{evil}", evil, SourceLocation(hoan_kiem.path, 30, 1))._replace(hint=Bilingual(evil, evil)),),
    )
    text = markdown.render_reports([waived(report, "CCHC101")], VI)
    assert "<b>" not in text and "</b>" not in text and "`" not in text.replace("\\`", "")
    assert "&lt;b&gt;" in text and "&amp;lt;" in text
    lines = text.splitlines()
    tables = [i for i, line in enumerate(lines) if line.startswith("|---")]
    assert len(tables) == 2
    for start in tables:
        columns = _unescaped_pipes(lines[start - 1])
        end = start + 1
        while end < len(lines) and lines[end]:
            assert lines[end].startswith("| ") and _unescaped_pipes(lines[end]) == columns, lines[end]
            end += 1
        assert end - start - 1 == (len(report.targets) if start == tables[0] else len(report.findings))
    heading = next(line for line in lines if line.startswith("## "))
    assert "<" not in heading and "\n" not in heading


def test_markdown_report_content(hoan_kiem: Report, broken: Report) -> None:
    text = markdown.render_reports([hoan_kiem, broken], EN)
    assert text.startswith("# Administrative reform progress check\n")
    assert "\n## Hoan Kiem District · first half (H1)\n" in text
    assert "- **Period:** first half (H1) · data as of 2021-06-10 · report due 2021-06-15 · sent on 2021-06-14\n" in text
    assert f"hanoi-cchc-2021 {hoan_kiem.plan.version} · sha256 {hoan_kiem.plan.sha256[:12]}" in text
    assert "| 2,276/2,300 | 98.95% | ≥ 99% | -0.05 (1 more needed) | **missed** |" in text  # truncated, never 99%
    assert "This file could not be judged" in text
    assert text.rstrip().endswith("**Total:** files: 2 · errors: 3 · warnings: 0 · info: 2 · waived: 0 · not judged: 1")


# ------------------------------------------------------------------------------------------------
# plain
# ------------------------------------------------------------------------------------------------


def test_plain_one_parsable_line_per_finding(at_repo: Path, broken: Report, missing: Report) -> None:
    reports = [example(stem) for stem in EXAMPLES] + [waived(example("quan-hoan-kiem-H1"), "CCHC101"), broken, missing]
    multi = made("a.yaml", finding("CCHC005", "task:X Y", "two\nlines\u2028here", SourceLocation("a.yaml", 4, None)))
    text = plain.render_reports([*reports, multi], VI)
    *lines, total = text.splitlines()
    findings = [(r, f) for r in [*reports, multi] for f in r.findings]
    assert len(lines) == len(findings) and text.endswith("\n")
    # the last line is the run's count, which the finding pattern does not match
    assert not plain.LINE.match(total)
    assert total.startswith(f"cchc: số tệp đã kiểm tra: {len(reports) + 1} · lỗi: ")
    assert total.endswith(" · không đánh giá được: 3")
    for line, (report, f) in zip(lines, findings):
        m = plain.LINE.match(line)
        assert m, line
        assert m["rule"] == f.rule
        assert m["severity"] == ("waived" if f.waiver else f.severity.name)
        assert int(m["line"]) >= 1 and int(m["col"]) >= 1
    assert lines[-2] == "examples/no-such-file.yaml:1:1: error CCHC001 input:file không tìm thấy tệp"
    assert lines[-1] == "a.yaml:4:1: error CCHC005 task:X%20Y two\\nlines<U+2028>here"
    assert sum(1 for line in lines if " waived CCHC101 " in line) == 1


# ------------------------------------------------------------------------------------------------
# golden files
# ------------------------------------------------------------------------------------------------

GOLDEN_NAMES = {
    "sarif": "sarif.json",
    "junit": "junit.xml",
    "github": "github.txt",
    "gitlab": "gitlab.json",
    "markdown": "md",
    "plain": "plain.txt",
}


def _normalised(name: str, text: str, report: Report) -> str:
    sha = report.plan.sha256
    text = text.replace(sha, "<sha256>").replace(f"sha256 {sha[:12]}", "sha256 <sha256:12>")
    if name == "sarif":
        document = json.loads(text)
        assert document["runs"][0]["tool"]["driver"]["version"] == __version__
        document["runs"][0]["tool"]["driver"]["version"] = "<version>"
        base = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
        assert base["uri"] == Path(REPO).as_uri() + "/"
        base["uri"] = "file:///<repository>/"  # where this checkout happens to be
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return text


GOLDEN_EXAMPLES = ("quan-hoan-kiem-H1", "so-noi-vu-Q1-late", "so-tu-phap-FY")


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
@pytest.mark.parametrize("name", sorted(GOLDEN_NAMES))
def test_golden(name: str, stem: str, at_repo: Path) -> None:
    report = example(stem)
    # as the CLI renders them, from the repository's root (the formats that need one use it)
    options = VI._replace(root=sourceroot.find([Path(report.path)], None))
    text = _normalised(name, render(name, [report], options), report)
    golden = GOLDEN / f"{stem}.{GOLDEN_NAMES[name]}"
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"{golden.name} is missing: run the tests once with CCHC_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
    # Backed by what the golden file cannot vouch for: the findings the rules produced, as the report
    # object holds them, are the ones the output shows (a golden file regenerated carelessly keeps
    # whatever the renderer printed).
    assert _shown_findings(name, text) == _findings_of(name, report), name


def _findings_of(name: str, report: Report) -> Any:
    if name == "junit":
        return (sorted((f.rule, f.subject) for f in report.findings),
                sum(f.severity is Severity.error for f in report.findings))
    if name == "markdown":
        return {f.rule for f in report.findings}
    return sorted((f.rule, f.location.line if f.location else None) for f in report.findings)


def _shown_findings(name: str, text: str) -> Any:
    """(rule, line) of each finding the output shows, read back from the text by the format's own rules."""
    if name == "sarif":
        return sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                      for r in json.loads(text)["runs"][0]["results"])
    if name == "gitlab":
        return sorted((i["check_name"], i["location"]["lines"]["begin"]) for i in json.loads(text))
    if name == "github":
        return sorted((m[2], int(m[1])) for m in re.finditer(r"^::(?:error|warning|notice) [^:]*?line=(\d+),[^:]*?title=(CCHC\d{3}) ",
                                                            text, re.M))
    if name == "plain":
        return sorted((m[2], int(m[1])) for m in re.finditer(r"^\S+:(\d+):\d+: (?:error|warning|info) (CCHC\d{3}) ", text, re.M))
    if name == "junit":
        return (sorted(re.findall(r'<testcase classname="(CCHC\d{3})\.[^"]*" name="([^" ]*) ', text)),
                text.count("<failure "))
    assert name == "markdown"
    return set(re.findall(r"\bCCHC\d{3}\b", text))
