"""The command line in one language: help, usage errors and Typer's own words, vi or en, never both.

Through the real console script (the language is decided before the CLI module is imported, so
only a fresh process shows what a user sees), from an empty directory unless a test puts settings
there. The commands are enumerated from the Click tree, so a new command is covered without a
change here; the vendored Click's messages are enumerated from its source, so an upgrade that adds
one fails :func:`test_every_click_and_typer_message_has_a_vietnamese_entry` until it is translated.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli import clichrome, uilang

from conftest import known_env

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "so-tu-phap-FY.yaml"

#: English that must not reach a Vietnamese user (case matters: "error" is a --fail-on value).
ENGLISH = ("expected", "but got", "Input should", "No such", "Show this message", "Missing", "Invalid", " or ",
           "Usage:", "Options", "Arguments", "Commands", "Error", "Try '", "Did you mean", "Value error", "<bool>",
           "<str>", "<int", "<list[", "<Path>", "[required]", "[default:", "env var", "[OPTIONS]", "COMMAND [ARGS]",
           "=PATH", "NAME", "RULE=LEVEL")
#: Vietnamese that must not reach an English user.
VIETNAMESE = ("Kiểm tra", "tệp", "không", "hoặc", "Tùy chọn", "Cách dùng", "Lỗi", "Đối số", "Lệnh", "bắt buộc", "Gõ '",
              "TỆP", "NGÀY", "KỲ", "MÃ", "biến môi trường", "thiếu", "giá trị")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("cchc")
    if script.exists():
        return [str(script)]
    # The console script's own entry point, named as the script would be (completion needs the name).
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'cchc'; from cchc_cli.__main__ import main; main()"]


def _env(**extra: str) -> dict[str, str]:
    env = known_env()
    env.pop("_CCHC_COMPLETE", None)
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p)
    env["COLUMNS"] = "250"  # no word of a give-away phrase is split over two lines
    env.update(extra)
    return env


def cchc(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_command(), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env=_env(**env), timeout=120)


def _leaks(text: str, lang: str) -> list[str]:
    words = ENGLISH if lang == "vi" else VIETNAMESE
    return [word for word in words if word in text]


def _subcommands(command: object) -> dict[str, object]:
    """A group's commands as a user meets them: the root lists stand-ins and loads each when it runs."""
    loaded = getattr(command, "loaded", None)
    if loaded is not None:  # cchc_cli.commands.LazyGroup
        return {name: loaded(name) for name in command.list_commands(None)}  # type: ignore[attr-defined]
    return dict(getattr(command, "commands", {}))


def _command_paths() -> list[tuple[str, ...]]:
    from typer.main import get_command

    from cchc_cli.cli import app

    paths: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        paths.append(path)
        for name, sub in sorted(_subcommands(command).items()):
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return paths


COMMANDS = _command_paths()


def test_the_tree_is_what_a_user_sees() -> None:
    # The enumeration itself must find the commands, or every test below would pass on nothing.
    assert ("check",) in COMMANDS and ("plan", "task") in COMMANDS and ("schema", "progress") in COMMANDS
    assert len(COMMANDS) >= 15


#: One process per language runs every help page and usage error below, one after another, as the
#: console script runs one (a process per page cost most of this module's time). The language is
#: decided before the CLI is imported, and every run of a batch has the same: what differs between
#: runs is only the command line, which the app parses afresh each time.
BATCH = """
import io, json, sys
jobs = json.loads(sys.stdin.read())
real = sys.stdout, sys.stderr
results = []
for args in jobs:
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="") for _ in range(2))
    sys.stdout, sys.stderr = out, err
    sys.argv = ["cchc", *args]
    code = 0
    try:
        from cchc_cli.__main__ import main
        main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        sys.stdout, sys.stderr = real
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8"))
    results.append([code, *texts])
print(json.dumps(results))
"""


def _batch_jobs() -> list[tuple[str, ...]]:
    return [(*path, "--help") for path in COMMANDS] + [USAGE_ERRORS[name] for name in sorted(USAGE_ERRORS)]


@pytest.fixture(scope="module")
def batched(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, tuple[str, ...]], subprocess.CompletedProcess[str]]:
    """(lang, argv) -> the run's exit code, stdout and stderr, from one process per language."""
    import json

    cwd = tmp_path_factory.mktemp("batched")
    jobs = _batch_jobs()
    found: dict[tuple[str, tuple[str, ...]], subprocess.CompletedProcess[str]] = {}
    for lang in ("vi", "en"):
        done = subprocess.run([sys.executable, "-c", BATCH], input=json.dumps(jobs), cwd=cwd, capture_output=True,
                              text=True, encoding="utf-8", env=_env(CCHC_LANG=lang), timeout=300)
        assert done.returncode == 0, done.stderr
        for args, (code, out, err) in zip(jobs, json.loads(done.stdout), strict=True):
            found[lang, args] = subprocess.CompletedProcess(list(args), code, out, err)
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("plan", "task"), ("check", "--fail-on", "zzz", str(EXAMPLE))],
                         ids=" ".join)
def test_a_batched_run_is_what_a_fresh_process_prints(
    args: tuple[str, ...], lang: str, tmp_path: Path,
    batched: dict[tuple[str, tuple[str, ...]], subprocess.CompletedProcess[str]],
) -> None:
    """The batch stands in for a process per run only while it prints the same bytes: checked on
    the first and a later help page and usage error of each batch."""
    fresh = cchc(*args, cwd=tmp_path, CCHC_LANG=lang)
    ran = batched[lang, args]
    assert (ran.returncode, ran.stdout, ran.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "cchc")
def test_every_help_is_in_one_language(
    path: tuple[str, ...], lang: str, batched: dict[tuple[str, tuple[str, ...]], subprocess.CompletedProcess[str]],
) -> None:
    result = batched[lang, (*path, "--help")]
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "no help at all"
    assert _leaks(result.stdout + result.stderr, lang) == []
    assert ("Cách dùng:" if lang == "vi" else "Usage:") in result.stdout
    # Flags take no value, so no type is shown for them; no Python type name anywhere.
    assert not re.search(r"<(bool|str|int|float|Path|list\[[^>]*\])>", result.stdout)


USAGE_ERRORS = {
    "unknown option": ("check", "--nope", str(EXAMPLE)),
    "unknown option, with suggestions": ("check", "--pe", "Q1", str(EXAMPLE)),
    "unknown short option": ("check", "-Z", str(EXAMPLE)),
    "missing option": ("init",),
    "missing argument": ("plan", "task"),
    "missing value": ("check", "--plan"),
    "bad choice": ("check", "--fail-on", "zzz", str(EXAMPLE)),
    "bad choice of a plan command": ("plan", "tasks", "--kind", "weekly"),
    "extra argument": ("plan", "task", "I.1", "I.2"),
    "unknown command": ("chek",),
    "unknown subcommand": ("plan", "nope"),
    "bad period": ("check", "--period", "ZZ", str(EXAMPLE)),
    "bad date": ("check", "--as-of", "someday", str(EXAMPLE)),
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", sorted(USAGE_ERRORS))
def test_usage_errors_exit_2_in_one_language(
    name: str, lang: str, batched: dict[tuple[str, tuple[str, ...]], subprocess.CompletedProcess[str]],
) -> None:
    result = batched[lang, USAGE_ERRORS[name]]
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr
    assert _leaks(result.stderr, lang) == [], result.stderr


def test_vietnamese_usage_errors_say_what_is_wrong(tmp_path: Path) -> None:
    said = {name: cchc(*args, cwd=tmp_path).stderr for name, args in USAGE_ERRORS.items()
            if name in ("unknown option", "missing option", "missing argument", "bad choice", "extra argument", "unknown command")}
    assert "không có tùy chọn --nope" in said["unknown option"]
    assert "thiếu tùy chọn '--agency'" in said["missing option"]
    assert "thiếu đối số 'MÃ'" in said["missing argument"]
    assert "'zzz' không phải một trong: error, warning, info" in said["bad choice"]
    assert "thừa đối số (I.2)" in said["extra argument"]
    assert "Có phải ý bạn là 'check'" in said["unknown command"]
    for text in said.values():
        assert "Cách dùng: cchc" in text and "để xem hướng dẫn" in text


def test_english_usage_errors_stay_clicks_own_words(tmp_path: Path) -> None:
    result = cchc("check", "--lang", "en", "--fail-on", "zzz", str(EXAMPLE), cwd=tmp_path)
    assert result.returncode == 2
    assert "Invalid value for '--fail-on'" in result.stderr and "Usage: cchc check" in result.stderr
    assert "Value error" not in result.stderr  # pydantic's word, not the user's


# -- where the language comes from -------------------------------------------------------------------


def test_settings_file_lang_en_decides_help_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    helped = cchc("check", "--help", cwd=tmp_path)
    assert "Check progress files" in helped.stdout and _leaks(helped.stdout, "en") == []
    wrong = cchc("init", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "Missing option '--agency'" in wrong.stderr and _leaks(wrong.stderr, "en") == []


def test_pyproject_lang_en_decides_too(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.cchc]\nlang = 'en'\n", encoding="utf-8")
    assert "Check progress files" in cchc("check", "--help", cwd=tmp_path).stdout


def test_flag_beats_environment_beats_settings(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text("lang: vi\n", encoding="utf-8")
    assert "Check progress files" in cchc("check", "--help", cwd=tmp_path, CCHC_LANG="en").stdout
    assert "Check progress files" in cchc("check", "--lang", "en", "--help", cwd=tmp_path).stdout
    assert "Check progress files" in cchc("check", "--lang=EN", "--help", cwd=tmp_path).stdout
    assert "Kiểm tra tệp" in cchc("check", "--lang", "vi", "--help", cwd=tmp_path, CCHC_LANG="en").stdout


def test_lang_flag_beats_settings_and_locale(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text("lang: vi\n", encoding="utf-8")
    result = cchc("init", "--lang", "en", cwd=tmp_path, LANG="vi_VN.UTF-8")
    assert "Missing option '--agency'" in result.stderr


def test_vietnamese_locale_gives_vietnamese_and_an_english_one_does_not_give_english(tmp_path: Path) -> None:
    assert "Kiểm tra tệp" in cchc("check", "--help", cwd=tmp_path, LANG="vi_VN.UTF-8").stdout
    # The officers' laptops often run an English locale: English is asked for, never guessed.
    assert "Kiểm tra tệp" in cchc("check", "--help", cwd=tmp_path, LANG="en_US.UTF-8").stdout
    assert "Kiểm tra tệp" in cchc("check", "--help", cwd=tmp_path, LC_ALL="en_GB.UTF-8").stdout


def test_a_broken_settings_file_falls_back_and_the_command_reports_it(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text("lang: [en\n", encoding="utf-8")
    helped = cchc("check", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "Kiểm tra tệp" in helped.stdout
    run = cchc("check", str(EXAMPLE), cwd=tmp_path)
    assert run.returncode == 2 and ".cchc.yaml" in run.stderr and "Traceback" not in run.stderr


def test_decide_in_order() -> None:
    assert uilang.decide(["check", "--lang", "en"], {}, Path("/")) == "en"
    assert uilang.decide(["check", "--", "--lang", "en"], {}, Path("/")) == "vi"  # after -- it is a file name
    assert uilang.decide(["check", "--lang", "fr"], {"CCHC_LANG": "en"}, Path("/")) == "en"  # the command refuses fr
    assert uilang.decide([], {"CCHC_LANG": "EN"}, Path("/")) == "en"
    assert uilang.decide([], {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, Path("/")) == "vi"
    assert uilang.from_locale({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN"}) is None  # LC_ALL is the effective one
    assert uilang.from_locale({"LC_MESSAGES": "vi_VN"}) == "vi"
    assert uilang.decide([], {"LANG": "en_US.UTF-8"}, Path("/")) == "vi"


def test_settings_are_not_read_when_told_not_to(tmp_path: Path) -> None:
    (tmp_path / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    assert uilang.decide([], {}, tmp_path) == "en"
    assert uilang.decide([], {"CCHC_NO_CONFIG": "1"}, tmp_path) == "vi"


# -- the catalogue against the sources -----------------------------------------------------------

#: Calls whose first argument is a message a user reads.
_RAISERS = {"UsageError", "BadParameter", "NoSuchOption", "BadOptionUsage", "BadArgumentUsage", "MissingParameter",
            "fail", "FileError"}
#: Names whose assigned string is a message, and methods whose returned f-string is one.
_MESSAGE_NAMES = {"message", "msg", "hint", "suggest"}
_MESSAGE_METHODS = {"format_message", "get_missing_message"}
#: Templates the catalogue holds in a combined form: NoSuchOption puts "(Possible options: …)" after
#: its message ("{} {}"), which is one entry, "{msg} (Possible options: {})".
_COMBINED = {"{} {}": "{} (Possible options: {})", "(Possible options: {})": "{} (Possible options: {})"}


def _template(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[misc]
    return None


def _source_messages() -> dict[str, str]:
    import typer

    root = Path(typer.__file__).parent
    files = [*sorted((root / "_click").glob("*.py")), *(root / name for name in
             ("core.py", "rich_utils.py", "_param_types.py", "_coercion.py", "completion.py", "_completion_shared.py"))]
    found: dict[str, str] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("_", "gettext", "ngettext"):
                    found.update({t: where for a in node.args if (t := _template(a))})
                elif name in _RAISERS and node.args:
                    # NoSuchOption(opt, …) and BadOptionUsage(opt, message): the message is not the first
                    args = node.args[1:] if name in ("NoSuchOption", "BadOptionUsage", "FileError") else node.args[:1]
                    found.update({t: where for a in args if (t := _template(a))})
                elif name in ("echo", "secho") and path.name in ("completion.py", "_completion_shared.py") and node.args:
                    if (t := _template(node.args[0])) and t.strip():
                        found[t] = where
                for keyword in node.keywords:
                    if keyword.arg == "help" and (t := _template(keyword.value)):
                        found[t] = where
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in _MESSAGE_NAMES for t in node.targets):
                if (t := _template(node.value)) and t.strip():
                    found[t] = where
            elif isinstance(node, ast.FunctionDef) and node.name in _MESSAGE_METHODS:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None and (t := _template(inner.value)) and t.strip():
                        found[t] = where
    return found


def test_every_click_and_typer_message_has_a_vietnamese_entry() -> None:
    messages = _source_messages()
    # The scan finds the messages users meet, or the check below would be empty.
    assert "Show this message and exit." in messages and "No such option: {}" in messages
    assert len(messages) > 30
    known = {re.sub(r"\{msg\}", "{}", key) for key in clichrome.TEMPLATES} | set(clichrome.GETTEXT)
    missing = {m: where for m, where in messages.items() if _COMBINED.get(m, m) not in known}
    assert missing == {}, "translate these in cchc_cli/clichrome.py"


def test_templates_keep_their_placeholders() -> None:
    for english, vietnamese in clichrome.TEMPLATES.items():
        assert re.findall(r"\{\}|\{msg\}", english) == re.findall(r"\{\}|\{msg\}", vietnamese), english
    for english, vietnamese in clichrome.GETTEXT.items():
        assert re.findall(r"\{\w*(?:!r)?\}", english) == re.findall(r"\{\w*(?:!r)?\}", vietnamese), english


@pytest.mark.parametrize("english", sorted(clichrome.TEMPLATES))
def test_every_template_translates_what_it_stands_for(english: str) -> None:
    filled = english.replace("{msg}", "an argument.").replace("{}", "'--x'")
    said = clichrome.translate(filled)
    if english == "'{}': {}":  # a file name and the system's own words (the "parse" part translates OS errors)
        return
    assert said != filled, english
    assert _leaks(said.replace("'--x'", ""), "vi") == [], said


def test_nested_messages_are_translated_inside_out() -> None:
    said = clichrome.translate("Invalid value for '--kind' / '-k': Value error, 'weekly' is not one of 'date', 'month'.")
    assert said == "giá trị không hợp lệ cho '--kind' / '-k': 'weekly' không phải một trong: date, month"
    assert clichrome.translate("Missing option '--agency' / '-a'.") == "thiếu tùy chọn '--agency' / '-a'."
    assert clichrome.translate("No such option: --pe (Possible options: --period, --plan)") == (
        "không có tùy chọn --pe (các tùy chọn có: --period, --plan)")
    assert clichrome.translate("something Click may say one day") == "something Click may say one day"


# -- completion ----------------------------------------------------------------------------------


def _complete(tmp_path: Path, line: str, shell: str = "bash", **env: str) -> subprocess.CompletedProcess[str]:
    words = line.split(" ")
    if shell == "bash":
        extra = {"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    elif shell == "fish":
        extra = {"_CCHC_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    else:
        extra = {"_CCHC_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    return cchc(cwd=tmp_path, **extra, **env)


def _candidates(output: str, shell: str) -> list[tuple[str, str]]:
    """(value, description) of each candidate, parsed the way the shell reads the answer.

    bash: one value a line; fish: one ``value<TAB>description`` a line, every line a candidate;
    zsh: one ``"value":"description"`` a line inside ``_arguments '*: :((…))'``. A line that does
    not parse is a fragment of a description that spilled over: the test fails on it.
    """
    lines = output.splitlines()
    if shell == "bash":
        return [(line, "") for line in lines]
    if shell == "fish":
        pairs = [tuple(line.split("\t", 1)) if "\t" in line else (line, "") for line in lines]
        return [(value, help_text) for value, help_text in pairs]
    assert lines and lines[0].startswith("_arguments '*: :((") and lines[-1].endswith("))'"), output
    lines[0] = lines[0].removeprefix("_arguments '*: :((")
    lines[-1] = lines[-1].removesuffix("))'")
    found = []
    for line in lines:
        matched = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?::"((?:[^"\\]|\\.)*)")?', line)
        assert matched, f"not a zsh candidate: {line!r}"
        found.append((matched.group(1), matched.group(2) or ""))
    return found


def test_completion_of_commands_and_options(tmp_path: Path) -> None:
    assert "plan" in _complete(tmp_path, "cchc pl").stdout.split()
    assert "--fail-on" in _complete(tmp_path, "cchc check --fa").stdout.split()


def test_completion_of_periods_agencies_and_tasks(tmp_path: Path) -> None:
    assert _complete(tmp_path, "cchc check --period ").stdout.split() == ["Q1", "H1", "9M", "FY"]
    assert _complete(tmp_path, "cchc report --period H").stdout.split() == ["H1"]
    assert _complete(tmp_path, "cchc summary --period h").stdout.split() == ["h1"]  # as typed: cchc reads it as H1
    agencies = _complete(tmp_path, "cchc init --agency so-t").stdout.split()
    assert "so-tu-phap" in agencies and all(a.startswith("so-t") for a in agencies)
    tasks = _complete(tmp_path, "cchc plan task III.4", shell="zsh").stdout
    assert '"III.4.1":' in tasks


def test_completion_never_breaks_the_prompt(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: [\n", encoding="utf-8")
    result = _complete(tmp_path, f"cchc check --plan {broken} --period ")
    assert result.returncode == 0 and result.stdout.strip() == "" and "Traceback" not in result.stderr


def test_install_and_show_completion_are_offered(tmp_path: Path) -> None:
    # The shell named, as detection depends on the process that runs the tests.
    shown = cchc("--show-completion", "bash", cwd=tmp_path, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    assert shown.returncode == 0 and "_CCHC_COMPLETE" in shown.stdout


def test_version_is_unchanged(tmp_path: Path) -> None:
    result = cchc("--version", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and len(lines) == 2
    assert re.fullmatch(r"cchc \S+", lines[0]) and re.fullmatch(r"plan hanoi-cchc-2021 \S+ \(sha256 [0-9a-f]{64}\)", lines[1])


# -- --color on every command that prints a table ------------------------------------------------------

COLOURED = {
    "plan info": ("plan", "info"),
    "plan errata": ("plan", "errata"),
    "config": ("config",),
    "rules": ("rules",),
    "report": ("report", str(EXAMPLE)),
    "summary": ("summary", str(REPO / "examples"), "--period", "FY"),
}


@pytest.mark.parametrize("name", sorted(COLOURED))
def test_color_flag_on_every_command_beats_the_environment(name: str, tmp_path: Path) -> None:
    always = cchc(*COLOURED[name], "--color", "always", cwd=tmp_path, NO_COLOR="1", TERM="dumb")
    assert always.returncode in (0, 1), always.stderr
    assert "\x1b[" in always.stdout  # a pipe, NO_COLOR and a dumb terminal: 'always' still colours
    never = cchc(*COLOURED[name], "--color", "never", cwd=tmp_path, FORCE_COLOR="1")
    assert never.returncode == always.returncode
    assert "\x1b[" not in never.stdout


# -- every value an option type refuses, in the user's language (issue 12 review) -------------------

#: What gives away an untranslated pydantic or Typer message in Vietnamese.
PYDANTIC_VI = ("Input should", "Value error", "env var", "environment variable", "valid", "unable", "parse")


def _option_kinds() -> dict[str, tuple[str, ...]]:
    """One bad command line per kind of value the app's options take, found in the Click tree.

    Kinds: an int (not a number, below its min, above its max), an enum (not one of its choices).
    The first command with each kind stands for all: the message depends on the type, not the command.
    """
    import enum
    import types
    import typing

    from typer.main import get_command

    from cchc_cli.cli import app

    found: dict[str, tuple[str, ...]] = {}

    def walk(command: object, path: tuple[str, ...]) -> None:
        for param in getattr(command, "params", []):
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None or getattr(param, "is_flag", True) or not param.opts or not param.opts[0].startswith("--"):
                continue
            kind = descriptor.annotation
            if typing.get_origin(kind) in (typing.Union, types.UnionType):
                kind = next(a for a in typing.get_args(kind) if a is not type(None))
            opt = param.opts[0]
            if kind is int:
                found.setdefault("int: not a number", (*path, opt, "abc"))
                if param.min is not None:
                    found.setdefault("int: below its min", (*path, opt, str(param.min - 1)))
                if param.max is not None:
                    found.setdefault("int: above its max", (*path, opt, str(param.max + 1)))
            elif isinstance(kind, type) and issubclass(kind, enum.Enum):
                found.setdefault(f"enum {kind.__name__}", (*path, opt, "zzz"))
        for name, sub in sorted(_subcommands(command).items()):
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return found


OPTION_KINDS = _option_kinds()


def test_the_option_kinds_are_found() -> None:
    # The enumeration must find what the app has, or the test below would check nothing.
    assert {"int: not a number", "int: below its min", "int: above its max"} <= set(OPTION_KINDS)
    assert {"enum Lang", "enum ColorChoice", "enum FailOn", "enum PlanFormat"} <= set(OPTION_KINDS)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", sorted(OPTION_KINDS))
def test_every_option_type_refuses_a_bad_value_in_one_language(name: str, lang: str, tmp_path: Path) -> None:
    args = OPTION_KINDS[name]
    # --lang given last decides the language, the bad value itself included when it is --lang's
    result = cchc(*args, cwd=tmp_path, CCHC_LANG=lang) if args[-2] == "--lang" else cchc(*args, "--lang", lang, cwd=tmp_path)
    assert result.returncode == 2, (args, result.stderr)
    assert "Traceback" not in result.stderr
    said = result.stderr
    if lang == "vi":
        assert "giá trị không hợp lệ cho" in said, said
        assert [w for w in PYDANTIC_VI if w in said] == [], said
        assert _leaks(said, "vi") == [], said
    else:
        assert "Invalid value for" in said and "Value error," not in said and "unable to" not in said, said
        assert _leaks(said, "en") == [], said


def test_bad_values_read_word_for_word(tmp_path: Path) -> None:
    def said(*args: str, **env: str) -> str:
        return " ".join(cchc(*args, cwd=tmp_path, **env).stderr.split())

    assert "'--remind': cần nhỏ hơn hoặc bằng 90" in said("plan", "calendar", "-a", "so-noi-vu", "--remind", "100")
    assert "'--remind': cần lớn hơn hoặc bằng 0" in said("plan", "calendar", "-a", "so-noi-vu", "--remind", "-1")
    assert "'--remind': cần một số nguyên" in said("plan", "calendar", "-a", "so-noi-vu", "--remind", "abc")
    assert "Invalid value for '--remind': Input should be less than or equal to 90" in said(
        "plan", "calendar", "-a", "so-noi-vu", "--remind", "100", "--lang", "en")


def test_an_environment_variable_is_named_only_when_the_value_came_from_it(tmp_path: Path) -> None:
    flag = cchc("check", "--lang", "fr", str(EXAMPLE), cwd=tmp_path).stderr
    assert "'--lang': 'fr' không phải một trong: vi, en" in flag
    assert "CCHC_LANG" not in flag and "biến môi trường" not in flag
    env = cchc("rules", cwd=tmp_path, CCHC_LANG="fr").stderr
    assert "'--lang' (biến môi trường CCHC_LANG): 'fr' không phải một trong: vi, en" in env
    # A boolean read from the environment: the flag never takes a value on the line.
    debug = cchc("rules", cwd=tmp_path, CCHC_DEBUG="maybe")
    assert debug.returncode == 2
    assert "'--debug' (biến môi trường CCHC_DEBUG): cần đúng hoặc sai" in debug.stderr
    assert [w for w in PYDANTIC_VI if w in debug.stderr] == [], debug.stderr
    english = cchc("rules", cwd=tmp_path, CCHC_DEBUG="maybe", CCHC_LANG="en").stderr
    assert "Invalid value for '--debug' (environment variable CCHC_DEBUG): Input should be a valid boolean" in english


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Input should be 'a', 'b' or 'c'", "cần là một trong: a, b, c"),
        ("Input should be 'a'", "cần là a"),
        ("Input should be greater than or equal to 5000", "cần lớn hơn hoặc bằng 5.000"),
        ("Input should be less than 0.5", "cần nhỏ hơn 0,5"),
        ("Input is not a valid path for <class 'pathlib.Path'>", "cần một đường dẫn"),
        ("Input should be a valid number, unable to parse string as a number", "cần một số"),
        ("Unable to parse input string as an integer, exceeded maximum size", "số quá lớn"),
    ],
)
def test_pydantic_messages_in_vietnamese(english: str, vietnamese: str) -> None:
    assert clichrome.translate(f"Invalid value for '--x': {english}") == f"giá trị không hợp lệ cho '--x': {vietnamese}"


# -- --lang before the command, and the last --lang on the line -------------------------------------


def test_global_lang_is_the_commands_default(tmp_path: Path) -> None:
    checked = cchc("--lang", "en", "check", str(EXAMPLE), cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert checked.stdout.startswith("Administrative reform progress check") and "Department of Justice" in checked.stdout
    tasks = cchc("plan", "--lang", "en", "tasks", "--section", "I", cwd=tmp_path)
    assert tasks.returncode == 0, tasks.stderr
    assert tasks.stdout.startswith("Tasks") and "Nhiệm vụ (" not in tasks.stdout
    helped = cchc("-h", "--lang", "en", cwd=tmp_path)
    assert helped.returncode == 0 and "Usage: cchc" in helped.stdout and _leaks(helped.stdout, "en") == []
    # A flag beats the environment, even before the command.
    assert cchc("--lang", "en", "rules", cwd=tmp_path, CCHC_LANG="vi").stdout.startswith("Check rules")


def test_the_commands_own_lang_wins_over_the_global_one(tmp_path: Path) -> None:
    assert cchc("--lang", "en", "plan", "errata", "--lang", "vi", cwd=tmp_path).stdout.startswith("Đính chính")
    assert cchc("plan", "--lang", "vi", "errata", "--lang", "en", cwd=tmp_path).stdout.startswith("Errata")
    # Help and usage errors take the last --lang too, as Click does for the values.
    wrong = cchc("check", "--lang", "en", "--lang", "vi", "--bogus", cwd=tmp_path)
    assert wrong.returncode == 2 and "không có tùy chọn --bogus" in wrong.stderr
    assert uilang.from_argv(["--lang", "en", "check", "--lang=vi"]) == "vi"
    assert uilang.from_argv(["--lang", "vi", "check", "--lang", "en", "--", "--lang", "vi"]) == "en"
    assert uilang.from_argv(["--lang", "en", "--lang", "fr"]) is None  # the last is refused by the command


def test_config_shows_the_lang_the_command_line_chose(tmp_path: Path) -> None:
    def lang_row(*args: str, **env: str) -> str:
        result = cchc("config", *args, cwd=tmp_path, **env)
        assert result.returncode == 0, result.stderr
        return " ".join(next(line for line in result.stdout.splitlines() if line.strip().startswith("lang")).split())

    assert lang_row("--lang", "en") == "lang │ en │ command line --lang"
    assert lang_row("--lang", "vi") == "lang │ vi │ dòng lệnh --lang"
    assert lang_row(CCHC_LANG="en") == "lang │ en │ environment variable CCHC_LANG"
    (tmp_path / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    assert lang_row() == "lang │ en │ file .cchc.yaml:1:1"
    assert lang_row("--lang", "vi") == "lang │ vi │ dòng lệnh --lang"
    assert lang_row("--lang", "vi", CCHC_LANG="en") == "lang │ vi │ dòng lệnh --lang"
    assert lang_row(CCHC_LANG="vi") == "lang │ vi │ biến môi trường CCHC_LANG"
    before = cchc("--lang", "vi", "config", "--format", "json", cwd=tmp_path)
    import json

    assert json.loads(before.stdout)["settings"]["lang"] == {"value": "vi", "source": "--lang"}


def test_vietnamese_hints_name_the_placeholders_in_vietnamese(tmp_path: Path) -> None:
    unknown = cchc("summary", "-p", "FY", str(REPO / "examples"), "-f", "zz", cwd=tmp_path)
    assert unknown.returncode == 2 and "viết TÊN hoặc TÊN=TỆP" in unknown.stderr
    device = cchc("summary", "-p", "FY", str(REPO / "examples"), "-f", "csv=/dev/null", cwd=tmp_path)
    assert device.returncode == 2 and "bỏ =TỆP để in ra màn hình" in device.stderr
    severity = cchc("check", "--severity", "CCHC102", str(EXAMPLE), cwd=tmp_path)
    assert severity.returncode == 2 and "không có dạng QUY_TẮC=MỨC" in severity.stderr
    for result in (unknown, device, severity):
        assert _leaks(result.stderr, "vi") == [], result.stderr
    assert "xlsx=TỆP" in cchc("summary", "-h", cwd=tmp_path).stdout
    assert "xlsx=PATH" in cchc("summary", "-h", "--lang", "en", cwd=tmp_path).stdout


# -- --color auto and a dumb terminal ----------------------------------------------------------------


def _in_a_terminal(*args: str, cwd: Path, **env: str) -> str:
    """What cchc writes to a real (pseudo-)terminal: stdout and stderr are its slave end."""
    import pty

    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([*_command(), *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=follower,
                                   stderr=follower, env=_env(**env))
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_auto_colour_leaves_a_dumb_terminal_plain(tmp_path: Path) -> None:
    # The control: the same terminal, not dumb, is coloured, so the pty really is a terminal to cchc.
    assert "\x1b[" in _in_a_terminal("check", str(EXAMPLE), cwd=tmp_path, TERM="xterm-256color")
    dumb = _in_a_terminal("check", str(EXAMPLE), cwd=tmp_path, TERM="dumb")
    assert "Sở Tư pháp" in dumb and "\x1b[" not in dumb
    assert "\x1b[" not in _in_a_terminal("check", str(EXAMPLE), "--color", "auto", cwd=tmp_path, TERM="dumb")
    assert "\x1b[" in _in_a_terminal("check", str(EXAMPLE), "--color", "always", cwd=tmp_path, TERM="dumb")
    assert "\x1b[" in _in_a_terminal("check", str(EXAMPLE), cwd=tmp_path, TERM="dumb", FORCE_COLOR="1")


# -- completion: one line a candidate, and the values of --agency, --format, --severity, --section -----


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", ["cchc check -", "cchc summary -", "cchc plan calendar -", "cchc plan tasks -", "cchc "])
def test_completion_candidates_are_whole_options_never_fragments_of_help(line: str, shell: str, lang: str,
                                                                          tmp_path: Path) -> None:
    result = _complete(tmp_path, line, shell, CCHC_LANG=lang)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    found = _candidates(result.stdout, shell)
    assert len(found) >= 3, result.stdout
    for value, help_text in found:
        # An option, or a command name: never a word or a sentence from a description.
        assert re.fullmatch(r"-{1,2}[a-z][a-z-]*|-[a-zA-Z]|[a-z][a-z-]*", value), (value, result.stdout)
        assert " " not in value and "\n" not in help_text
    if shell != "bash":
        assert any(help_text for _, help_text in found), "descriptions are shown"
        described = dict(found)
        if line == "cchc check -":
            # the long help that Typer used to wrap stays whole, on its one line
            assert described["--format"].endswith("github | gitlab | markdown | plain"), described["--format"]


def test_agency_completes_ids_from_a_vietnamese_name_prefix(tmp_path: Path) -> None:
    by_name = _complete(tmp_path, "cchc init --agency Sở").stdout.split()
    assert "so-tu-phap" in by_name and "so-noi-vu" in by_name and all(a.startswith("so-") for a in by_name)
    # without diacritics, in any case, a prefix of more than one word (quoted on the line)
    words = {"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": 'cchc plan calendar --agency "so tu', "COMP_CWORD": "4"}
    assert cchc(cwd=tmp_path, **words).stdout.split() == ["so-tu-phap"]
    assert "quan-hoan-kiem" in _complete(tmp_path, "cchc plan tasks --agency Quận").stdout.split()
    # ids themselves still complete as typed
    assert _complete(tmp_path, "cchc init --agency so-t").stdout.split() == ["so-tu-phap", "so-tai-chinh",
                                                                            "so-tai-nguyen-moi-truong",
                                                                            "so-thong-tin-truyen-thong"]
    fish = _candidates(_complete(tmp_path, "cchc init --agency Sở", "fish").stdout, "fish")
    assert ("so-tu-phap", "Sở Tư pháp") in fish


def test_format_severity_and_section_complete_their_values(tmp_path: Path) -> None:
    assert _complete(tmp_path, "cchc check --format ").stdout.split() == [
        "text", "json", "sarif", "junit", "github", "gitlab", "markdown", "plain"]
    assert _complete(tmp_path, "cchc check -f s").stdout.split() == ["sarif"]
    assert _complete(tmp_path, "cchc summary --format ").stdout.split() == ["text", "json", "csv", "markdown", "xlsx="]
    assert _complete(tmp_path, "cchc check --format json=out").stdout.split() == []
    rules = _complete(tmp_path, "cchc check --severity CCHC2").stdout.split()
    assert "CCHC201=" in rules and all(re.fullmatch(r"CCHC2\d\d=", r) for r in rules)
    assert _complete(tmp_path, "cchc rules --severity CCHC102=").stdout.split() == [
        "CCHC102=error", "CCHC102=warning", "CCHC102=info", "CCHC102=off"]
    titled = _candidates(_complete(tmp_path, "cchc check --severity CCHC10", "zsh").stdout, "zsh")
    assert ("CCHC102=", "Chưa đạt chỉ tiêu phấn đấu") in titled
    assert _complete(tmp_path, "cchc plan tasks --section ").stdout.split() == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert _complete(tmp_path, "cchc plan tasks -s v").stdout.split() == ["v", "vI", "vII"]
