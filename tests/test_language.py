"""Every message in one language: what the corpus, init and the error catalogue say, vi or en.

Issue 12: with ``--lang vi`` (the default) no English reaches the officer, and with ``--lang en`` no
Vietnamese but names and quotes from the source. The help and the usage errors are pinned in
``test_cli_language.py``, the parser's words in ``test_parse_messages.py``, the schema's in
``test_schema_messages.py``; this file holds the rest of the catalogue together: every hostile
file of the corpus (every kind of broken input we know), what ``cchc init`` writes, the
catalogue of labels, the rules' titles, and every error the code can raise (by reading the code:
an error raised without its Vietnamese is found before a user meets it).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import known_env

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"

#: The issue's give-away words, and those a translation most often forgets.
ENGLISH = ("expected", "but got", "Input should", "No such", "Show this message", "Missing", "Invalid", " or ",
           "should", "must", "unknown", "characters", "digits", "is not", "did you mean", "found")
#: Vietnamese that an English message may not hold outside a name or a quote from the source.
VIETNAMESE = ("lỗi", "gợi ý", "hoặc", "không", "tệp", "phải", "hãy", "dòng", "giá trị", "ký tự", "có phải là")
VIETNAMESE_LETTER = re.compile(r"[À-ÖØ-öø-ỹđĐ]")  # Latin letters with marks, not × or ÷


def _env(**extra: str) -> dict[str, str]:
    env = known_env()
    env.pop("LANG", None)  # no locale at all, as in a bare container
    env.update({"COLUMNS": "200", "CCHC_NO_CONFIG": "1", **extra})
    return env


def cchc(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cchc_cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=_env(), timeout=300, check=False)


def _unquoted(text: str) -> str:
    """``text`` without what it quotes from the input: '…' values and the corpus's file names."""
    text = re.sub(r"'[^'\n]*'", "''", text)
    return re.sub(r"(?:tests/corpus/)?[\w.-]+\.ya?ml", "FILE", text)


def _giveaways(text: str, lang: str) -> list[str]:
    text = _unquoted(text)
    return [word for word in (ENGLISH if lang == "vi" else VIETNAMESE) if word in text]


@pytest.fixture(scope="module")
def corpus_json() -> dict[str, dict[str, object]]:
    runs = {}
    for lang in ("vi", "en"):
        done = cchc("check", "tests/corpus", "--format", "json", "--lang", lang)
        assert done.returncode == 2, done.stderr
        runs[lang] = json.loads(done.stdout)
    return runs


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_corpus_finding_is_worded_in_one_language(lang: str, corpus_json: dict[str, dict[str, object]]) -> None:
    reports = corpus_json[lang]["reports"]
    assert isinstance(reports, list) and len(reports) == len(list(CORPUS.glob("*.yaml")))
    worded = 0
    for report in reports:
        for finding in report["findings"]:
            for key in ("message", "hint"):
                said = finding.get(key) or ""
                assert not _giveaways(said, lang), (report["file"], finding["rule"], key, said)
                worded += bool(said)
    assert worded > 100  # the corpus is read, not skipped: every file has a finding or two


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_terminal_report_of_the_corpus_is_in_one_language(lang: str) -> None:
    done = cchc("check", "tests/corpus", "--lang", lang, "--color", "never")
    assert done.returncode == 2
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) > 100
    leaks = [(line, _giveaways(line, lang)) for line in lines if _giveaways(line, lang)]
    assert not leaks, leaks[:5]


def test_a_vietnamese_message_and_its_english_say_the_same_thing(corpus_json: dict[str, dict[str, object]]) -> None:
    """Same rules, lines and subjects in both languages: a translation never drops a finding."""
    def keyed(lang: str) -> list[tuple[object, ...]]:
        return sorted((r["file"], f["rule"], f["subject"], (f.get("location") or {}).get("line"))
                      for r in corpus_json[lang]["reports"] for f in r["findings"])  # type: ignore[union-attr,index]
    assert keyed("vi") == keyed("en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_long_value_is_quoted_with_its_length_in_the_messages_language(lang: str) -> None:
    from cchc_cli.text import quoted

    assert quoted("x" * 5000, lang=lang).endswith("(5.000 ký tự)" if lang == "vi" else "(5,000 characters)")
    assert quoted(10**400, lang=lang) == ("<một số khoảng 400 chữ số>" if lang == "vi" else "<a number of about 400 digits>")


@pytest.mark.parametrize("agency", ["so-tu-phap", "so-noi-vu", "quan-hoan-kiem"])
def test_cchc_init_in_english_writes_english_comments_and_the_same_keys(tmp_path: Path, agency: str) -> None:
    for lang in ("vi", "en"):
        done = cchc("init", "-a", agency, "-p", "h1", "--lang", lang, "-o", str(tmp_path / f"{lang}.yaml"))
        assert done.returncode == 0, done.stderr
    vi, en = ((tmp_path / f"{lang}.yaml").read_text(encoding="utf-8") for lang in ("vi", "en"))
    # The same file for the check: only the comments differ.
    strip = lambda text: [line.split(" #")[0].rstrip() for line in text.splitlines() if not line.lstrip().startswith("#")]  # noqa: E731
    assert strip(vi) == strip(en)
    # Vietnamese in the English comments only where it is plainly not the tool's own words: inside
    # “…” (a phrase of the plan, a status name the officer may type), the agency's name, or a
    # task's content on its own header line ("# II.1 — <content>").
    from cchc_cli.compiled import compiled_plan

    plan = compiled_plan(None)
    name = plan.registry.get(agency).name
    contents = {t.content for t in plan.tasks.values()} | {t.content[:99] + "…" for t in plan.tasks.values()}
    for line in en.splitlines():
        comment = line.split("#", 1)[1] if "#" in line else ""
        comment = re.sub(r"“[^”]*”", "", comment).replace(name, "")
        head = re.match(r"\s*(?:[IVX]+\.[\w.]+) — (.*)$", comment)
        if head and head.group(1) in contents:
            continue
        assert not VIETNAMESE_LETTER.search(comment), line
    assert "# Fill in the empty values" in en and "Điền số liệu" not in en and "Điền số liệu" in vi
    # The plan's phrases are quoted in English and bare in Vietnamese, which is unchanged.
    assert "“" not in vi
    if agency == "so-tu-phap":
        assert "# Deadline: “Quý I/2021” (due 2021-03-31)" in en
        assert "# Thời gian hoàn thành: Quý I/2021 (hạn 31/03/2021)" in vi
    assert "(the plan: “tối thiểu 85%”)" in en and "(tối thiểu 85%)" in vi
    assert "Communication on administrative reform — “ít nhất 1 quý/lần”" in en
    if "status:" in en:  # a district leads no appendix task
        assert "(or in Vietnamese: “chưa bắt đầu” | “đang thực hiện” | “đã xong”)" in en


def test_the_label_catalogue_is_vietnamese_and_english() -> None:
    from cchc_cli.i18n import keys, t

    for key in keys():
        vi, en = t(key, "vi"), t(key, "en")
        assert not [w for w in ("expected", "Input should", "No such", "Missing", "Invalid", " or ") if w in vi], key
        assert not VIETNAMESE_LETTER.search(_unquoted(en)), (key, en)


def test_every_rule_has_a_title_in_each_language() -> None:
    from cchc_cli.rules import RULES

    for rule in RULES.values():
        title = rule.title
        assert title.vi and title.en and title.vi != title.en, rule.id
        assert VIETNAMESE_LETTER.search(title.vi) and not VIETNAMESE_LETTER.search(title.en), rule.id


_ERRORS = {"CchcError", "InputError", "ParseError", "SchemaError", "UsageError", "DatasetError"}


def test_every_error_the_code_raises_carries_its_vietnamese() -> None:
    """Read the source: each ``XError(...)`` gets its message as a Bilingual (both languages), never as
    text in one language, and the old ``vi=`` keyword is gone. (mypy checks the type of every other
    argument: ``message: Bilingual``.) An error in one language would reach a Vietnamese user in English."""
    missing = []
    for path in sorted((REPO / "src" / "cchc_cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in _ERRORS:
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, (ast.Constant, ast.JoinedStr, ast.BinOp)) or any(k.arg == "vi" for k in node.keywords):
                missing.append(f"{path.relative_to(REPO)}:{node.lineno} {name}")
    assert not missing, missing


def _run_in(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = _env(**env)
    base.pop("CCHC_NO_CONFIG", None)  # these runs read the settings file they are given
    return subprocess.run([sys.executable, "-m", "cchc_cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=base, timeout=120, check=False)


@pytest.mark.parametrize("args, english, vietnamese", [
    (("plan", "tasks", "--agency", "so-tu-phap"), "Tasks (4)", "Nhiệm vụ (4)"),
    (("rules",), "Check rules", "Quy tắc kiểm tra"),
    (("plan", "info"), "Dataset version", "Phiên bản dữ liệu"),
])
def test_the_settings_language_reaches_every_command(tmp_path: Path, args: tuple[str, ...], english: str,
                                                     vietnamese: str) -> None:
    """``lang: en`` in .cchc.yaml is the default of every command, not only check, report and summary;
    a command's --lang still beats it."""
    (tmp_path / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    told = _run_in(tmp_path, *args)
    assert told.returncode == 0, told.stderr
    assert english in told.stdout and vietnamese not in told.stdout
    flag = _run_in(tmp_path, *args, "--lang", "vi")
    assert vietnamese in flag.stdout and english not in flag.stdout


def test_the_settings_language_reaches_cchc_init(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    done = _run_in(tmp_path, "init", "-a", "so-tu-phap", "-p", "q1", "-o", "so-tu-phap-Q1.yaml")
    assert done.returncode == 0, done.stderr
    assert "# Fill in the empty values" in (tmp_path / "so-tu-phap-Q1.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "said", "absent"),
    [("vi", "nhiệm vụ I.1 ghi là đã xong nhưng thiếu completed_on", "ghi là done"),
     ("en", "task I.1 is marked done but has no completed_on", "đã xong")],
)
def test_a_done_task_without_its_date_is_named_in_the_users_words(tmp_path: Path, lang: str, said: str, absent: str) -> None:
    text = (REPO / "examples" / "so-noi-vu-Q1-late.yaml").read_text(encoding="utf-8")
    assert "I.1: {status: in_progress}" in text
    path = tmp_path / "so-noi-vu-Q1.yaml"
    path.write_text(text.replace("I.1: {status: in_progress}", "I.1: {status: đã xong}"), encoding="utf-8")
    report = json.loads(cchc("check", str(path), "-f", "json", "--lang", lang).stdout)
    messages = [f["message"] for f in report["findings"] if f["rule"] == "CCHC204"]
    assert messages == [said]
    assert not any(absent in m for m in messages)
    assert {t["id"]: t["status"] for t in report["tasks"]}["I.1"] == "done"  # JSON keeps the id


def test_the_rule_catalogue_names_a_status_as_officers_write_it() -> None:
    from cchc_cli.rules import RULES

    assert "đã xong (done)" in RULES["CCHC204"].help.vi
    assert " done " not in RULES["CCHC204"].help.vi.replace("(done)", "")


ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_plan_views_write_dates_as_the_language_does(lang: str) -> None:
    info = cchc("plan", "info", "--lang", lang).stdout
    tasks = cchc("plan", "tasks", "--lang", lang).stdout
    if lang == "vi":
        assert "29/12/2020" in info and "10/03/2021" in info and "15/03/2021" in info
        assert "31/03/2021" in tasks
        assert not ISO_DATE.search(info.split("qd-5743")[0] + info.split("(kèm theo")[-1]), info
        assert not ISO_DATE.search(tasks), tasks
    else:
        assert "2020-12-29" in info and "2021-03-10" in info and "2021-03-31" in tasks
    # the JSON documents keep ISO dates
    assert json.loads(cchc("plan", "info", "-f", "json", "--lang", lang).stdout)["decision"]["issued_on"] == "2020-12-29"


@pytest.mark.parametrize(
    ("task", "lang", "words"),
    [("I.9", "vi", "theo sự kiện · sự kiện: Chỉ số PAPI, SIPAS, PARINDEX"),
     ("I.9", "en", "event-triggered · event: “Chỉ số PAPI, SIPAS, PARINDEX”"),
     ("III.4.1", "vi", "định kỳ · hằng tháng"),
     ("III.4.1", "en", "recurring · monthly"),
     ("I.1", "vi", "quý I/2021"),
     ("I.1", "en", "Q1 2021"),
     ("I.6", "vi", "theo hướng dẫn · của Chính phủ, Bộ Nội vụ")],
)
def test_plan_task_words_the_deadline_structure(task: str, lang: str, words: str) -> None:
    out = cchc("plan", "task", task, "--lang", lang).stdout
    row = next(line for line in out.splitlines() if ("Cấu trúc" if lang == "vi" else "Structure") in line)
    assert words in row, row
    assert "=" not in row and "kind" not in row and "freq" not in row
    assert "papi_sipas_parindex_published" not in out.split("Chờ sự kiện" if lang == "vi" else "Waits for")[0]


@pytest.mark.parametrize(("lang", "header", "absent"), [("vi", "Tên quy tắc", "slug"), ("en", "Slug", "Tên quy tắc")])
def test_the_rules_table_header_is_in_the_language(lang: str, header: str, absent: str) -> None:
    out = cchc("rules", "--lang", lang).stdout
    head = next(line for line in out.splitlines() if line.strip().startswith(("Mã", "Id")))
    assert header in head and absent not in head.lower().replace(header.lower(), ""), head
    assert "task-overdue" in out  # the slugs themselves are ids, kept


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [(("check", "--as-of", "2021-13-01", "examples/so-tu-phap-FY.yaml"),
      "--as-of: '2021-13-01' không phải ngày có thật (không có tháng 13)",
      "--as-of: '2021-13-01' is not a real date (there is no month 13)"),
     (("plan", "tasks", "--due-before", "30/02/2021"),
      "--due-before: '30/02/2021' không phải ngày có thật (tháng 2/2021 chỉ có 28 ngày)",
      "--due-before: '30/02/2021' is not a real date (month 2/2021 has 28 days)"),
     (("check", "--as-of", "x" * 200, "examples/so-tu-phap-FY.yaml"), "(200 ký tự) không phải ngày; hãy viết dạng", "(200 characters) is not a date")],
)
def test_a_bad_command_line_date_says_why_in_either_language(args: tuple[str, ...], vi: str, en: str) -> None:
    for lang, said in (("vi", vi), ("en", en)):
        result = cchc(*args, "--lang", lang)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert said in result.stderr, result.stderr
        assert not _giveaways(result.stderr.split("gợi ý")[0] if lang == "vi" else result.stderr, lang), result.stderr


@pytest.mark.parametrize("text", ["2021-13-01", "0000-01-01", "31/04/2021", "soon", "ngày 30 tháng 02 năm 2021"])
def test_a_date_refusal_carries_its_reason_in_both_languages(text: str) -> None:
    """(Formerly a fallback for a reason the regex table did not know: a reason is now worded in
    both languages where it is raised, so there is no reason without its Vietnamese.)"""
    from cchc_cli.dates import DateRefused, parse_date

    with pytest.raises(DateRefused) as caught:
        parse_date(text)
    reason = caught.value.reason
    assert str(caught.value).endswith(reason.en) and caught.value.vi.endswith(reason.vi)
    assert _giveaways(reason.vi, "vi") == [] and _giveaways(reason.en, "en") == [], reason
    assert reason.vi.startswith("không phải ngày")


def test_the_settings_file_is_parsed_once_for_the_language_and_the_command(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The console script reads .cchc.yaml for its lang: before parsing; the command's settings
    reuse that parse, and a file changed in between is read again."""
    from cchc_cli import config, uilang

    monkeypatch.delenv("CCHC_NO_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / ".cchc.yaml"
    settings.write_text("lang: en\nfail-on: warning\n", encoding="utf-8")
    parses = []
    real = config._read_yaml
    monkeypatch.setattr(config, "_read_yaml", lambda path, shown: parses.append(path) or real(path, shown))
    assert uilang.from_settings(tmp_path) == "en"
    loaded = config.load(tmp_path)
    assert loaded.value("lang") == "en" and loaded.value("fail-on") == "warning"
    assert len(parses) == 1
    settings.write_text("lang: vi\nfail-on: info\n", encoding="utf-8")
    os.utime(settings, ns=(1, 1))  # a different change time even on a coarse clock
    assert config.load(tmp_path).value("lang") == "vi" and len(parses) == 2
