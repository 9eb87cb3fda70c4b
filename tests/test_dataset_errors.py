"""Broken copies of the dataset: each fails to load with a DatasetError at the file and line broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.dataset import LoadedPlan, load_plan
from cchc_cli.errors import DatasetError

TASKS = "appendix_tasks.yaml"
PLAN = "plan_2021.yaml"
AGENCIES = "agencies.yaml"


def replace_line(path: Path, old: str, new: str, occurrence: int = 1) -> int:
    """Replace the ``occurrence``-th line equal to ``old`` with ``new``; return the changed line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if line == old]
    assert len(hits) >= occurrence, f"{old!r} is not in {path.name} {occurrence} time(s)"
    index = hits[occurrence - 1]
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return find_line(path, new)


def insert_after(path: Path, anchor: str, new: str) -> int:
    """Insert ``new`` after the first line equal to ``anchor``; return the new line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(anchor)
    lines.insert(index + 1, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 2


def find_line(path: Path, text: str, occurrence: int = 1) -> int:
    """The 1-based number of the ``occurrence``-th line of the file equal to ``text``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i + 1 for i, line in enumerate(lines) if line == text]
    assert len(hits) >= occurrence, f"{text!r} is not in {path.name}"
    return hits[occurrence - 1]


def load_error(plan_path: Path) -> DatasetError:
    with pytest.raises(DatasetError) as info:
        load_plan(plan_path)
    return info.value


def assert_at(error: DatasetError, name: str, line: int) -> None:
    assert error.location is not None, error
    assert error.location.path.endswith(name), error
    assert error.location.line == line, error
    assert error.bundled is False


def assert_names_missing_include(error: DatasetError, missing: str, include_line: int) -> None:
    """The error names the missing file, and the plan line that includes it (as its location or in its hint)."""
    assert error.location is not None
    assert missing in str(error), error
    at_include = error.location.path.endswith(PLAN) and error.location.line == include_line
    in_hint = f"{PLAN}:{include_line}:" in (error.hint.en if error.hint else "")
    assert at_include or in_hint, f"{error} (hint: {error.hint!r}) does not point at {PLAN}:{include_line}"


# ---------------------------------------------------------------------------------------------


def test_the_unbroken_copy_loads(data_copy: Path) -> None:
    # the baseline for every test below: the same files, untouched, load
    assert load_plan(data_copy).plan.plan.id == "hanoi-cchc-2021"


def test_lead_not_in_registry_suggests_the_close_one(data_copy: Path) -> None:
    tasks = data_copy.parent / TASKS
    line = replace_line(tasks, "    lead: so-tu-phap", "    lead: so-tu-phapp")
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "so-tu-phapp" in error.message.en
    # the suggestion: the close id, named besides the misspelt one
    assert "so-tu-phap" in error.message.en.replace("so-tu-phapp", "")


def test_lead_not_in_registry_without_close_match(data_copy: Path, plan: LoadedPlan) -> None:
    tasks = data_copy.parent / TASKS
    line = replace_line(tasks, "    lead: so-y-te", "    lead: bo-ngoai-giao-qqq")
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "bo-ngoai-giao-qqq" in error.message.en
    # nothing is close, so no agency is suggested
    assert [a for a in plan.registry.by_id if a in error.message.en] == []


def test_coordinator_not_in_registry(data_copy: Path) -> None:
    tasks = data_copy.parent / TASKS
    # the second "[so-noi-vu]" cell of the appendix is IV.4's
    line = replace_line(tasks, "    coordinators: [so-noi-vu]", "    coordinators: [so-noi-vuu]", occurrence=2)
    error = load_error(data_copy)
    assert error.location is not None
    assert error.location.path.endswith(TASKS)
    assert error.location.line == line
    assert "so-noi-vuu" in error.message.en


def test_duplicate_task_id(data_copy: Path) -> None:
    tasks = data_copy.parent / TASKS
    # I.3 is referred to by no erratum, so renaming it to I.2 breaks nothing else
    replace_line(tasks, "  - id: I.3", "  - id: I.2")
    line = find_line(tasks, "  - id: I.2", occurrence=2)
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "duplicate" in error.message.en and "I.2" in error.message.en


@pytest.mark.parametrize("phrase", ["Quý V/2021", "Sớm nhất có thể"])
def test_deadline_that_does_not_parse(data_copy: Path, phrase: str) -> None:
    tasks = data_copy.parent / TASKS
    # I.2 is the first row due "Quý II/2021"
    line = replace_line(tasks, '    deadline: "Quý II/2021"', f'    deadline: "{phrase}"')
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert phrase in error.message.en


def test_unknown_key_in_a_task(data_copy: Path) -> None:
    tasks = data_copy.parent / TASKS
    line = insert_after(tasks, '    lead_text: "Sở Nội vụ"', "    priority: high")
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "priority" in error.message.en
    assert "unknown key" in error.message.en


def test_unknown_key_in_the_plan(data_copy: Path) -> None:
    line = insert_after(data_copy, "  year: 2021", "  yaer: 2021")
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "yaer" in error.message.en


def test_deadline_names_an_erratum_that_does_not_exist(data_copy: Path) -> None:
    tasks = data_copy.parent / TASKS
    line = replace_line(tasks, "      erratum: E01", "      erratum: E99")
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "E99" in error.message.en


def test_deadline_names_an_event_that_does_not_exist(data_copy: Path) -> None:
    tasks = data_copy.parent / TASKS
    line = replace_line(tasks, "      event: pci_published", "      event: pci_announced")
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "pci_announced" in error.message.en


def test_a_reading_cited_for_a_task_without_an_event_deadline(data_copy: Path) -> None:
    line = replace_line(
        data_copy,
        '      - {where: "task:I.11", line: 409, text: "Ngay sau khi Chỉ số PCI được công bố"}',
        '      - {where: "task:I.12", line: 409, text: "Ngay sau khi Chỉ số PCI được công bố"}',
    )
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "task:I.12" in error.message.en


def test_a_reading_that_misquotes_the_deadline(data_copy: Path) -> None:
    line = replace_line(
        data_copy,
        '      - {where: "task:I.11", line: 409, text: "Ngay sau khi Chỉ số PCI được công bố"}',
        '      - {where: "task:I.11", line: 409, text: "Ngay sau khi Chỉ số PAPI được công bố"}',
    )
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "is not the deadline of task:I.11" in error.message.en


def test_an_event_standing_for_an_undeclared_one(data_copy: Path) -> None:
    line = replace_line(
        data_copy,
        "    all_of: [papi_published, sipas_published, parindex_published]",
        "    all_of: [papi_published, sipas_published, par_index_published]",
    )
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "par_index_published" in error.message.en


def test_missing_included_file(data_copy: Path) -> None:
    (data_copy.parent / AGENCIES).unlink()
    include_line = find_line(data_copy, f"  agencies: {AGENCIES}")
    error = load_error(data_copy)
    assert "not found" in error.message.en
    assert_names_missing_include(error, AGENCIES, include_line)


def test_include_pointing_at_a_missing_name(data_copy: Path) -> None:
    include_line = replace_line(data_copy, f"  tasks: {TASKS}", "  tasks: appendix_tasks_2021.yaml")
    error = load_error(data_copy)
    assert_names_missing_include(error, "appendix_tasks_2021.yaml", include_line)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (TASKS, "    lead: so-noi-vu", "    lead: so-noi-vu: extra"),
        (PLAN, "  year: 2021", "  year: 2021: 2022"),
        (AGENCIES, "    name: Sở Tư pháp", "    name: Sở Tư pháp: Justice"),
    ],
)
def test_invalid_yaml_syntax(data_copy: Path, name: str, old: str, new: str) -> None:
    line = replace_line(data_copy.parent / name, old, new)
    error = load_error(data_copy)
    assert_at(error, name, line)
    assert "syntax" in error.message.en.lower()


@pytest.mark.parametrize(
    ("name", "anchor", "duplicate"),
    [
        (TASKS, '    lead_text: "Sở Nội vụ"', "    lead: so-tu-phap"),
        (PLAN, "  year: 2021", "  year: 2022"),
    ],
)
def test_duplicate_key(data_copy: Path, name: str, anchor: str, duplicate: str) -> None:
    line = insert_after(data_copy.parent / name, anchor, duplicate)
    error = load_error(data_copy)
    assert_at(error, name, line)
    assert "duplicate" in error.message.en.lower()


def test_duplicate_agency_name_in_registry(data_copy: Path) -> None:
    agencies = data_copy.parent / AGENCIES
    # give Sở Tư pháp an alias that is already Sở Nội vụ's
    line = find_line(agencies, "  - id: so-tu-phap")
    replace_line(agencies, "    aliases: [Sở TP, Sử Tư pháp]", "    aliases: [Sở TP, Sử Tư pháp, SNV]")
    error = load_error(data_copy)
    assert_at(error, AGENCIES, line)


def test_deadline_of_the_wrong_type_says_what_a_deadline_is(data_copy: Path) -> None:
    line = replace_line(data_copy.parent / TASKS, '    deadline: "Quý I/2021"', "    deadline: 2021")
    error = load_error(data_copy)
    assert_at(error, TASKS, line)
    assert "such as 'Quý II/2021', not int" in error.message.en


def test_parent_that_is_not_a_task_is_named(data_copy: Path) -> None:
    line = replace_line(data_copy.parent / TASKS, "    parent: III.6", "    parent: III.66")
    error = load_error(data_copy)
    assert error.location is not None and error.location.path.endswith(TASKS)
    assert error.location.line is not None and error.location.line < line
    assert "parent 'III.66' is not a task" in error.message.en


def test_include_that_is_not_a_file_name(data_copy: Path) -> None:
    line = replace_line(data_copy, "  tasks: appendix_tasks.yaml", "  tasks: 5")
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "includes.tasks must name the file" in error.message.en and "int 5" in error.message.en


def test_a_device_is_refused_without_reading_it_whole() -> None:
    device = Path("/dev/zero")
    if not device.exists():
        pytest.skip("no /dev/zero here")
    error = load_error(device)
    # Refused on what the file is, before a single byte is read (it used to read 2 MiB first).
    assert "not a regular file" in error.message.en


@pytest.mark.parametrize("name", ["/etc/passwd", "../secret.yaml", "sub/../../secret.yaml", "", "link.yaml"])
def test_an_include_stays_in_the_plan_directory(data_copy: Path, name: str) -> None:
    home = data_copy.parent
    outside = home.parent / "secret.yaml"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    (home / "link.yaml").symlink_to(outside)
    line = replace_line(data_copy, "  tasks: appendix_tasks.yaml", f"  tasks: '{name}'")
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "is not a file in the plan's own directory" in error.message.en
    assert "hunter2" not in str(error.message) + str(error.hint)  # both languages


def test_an_include_in_a_folder_below_the_plan_is_read(data_copy: Path) -> None:
    home = data_copy.parent
    (home / "more").mkdir()
    (home / TASKS).rename(home / "more" / TASKS)
    replace_line(data_copy, "  tasks: appendix_tasks.yaml", f"  tasks: more/{TASKS}")
    assert load_plan(data_copy).files["tasks"] == (home / "more" / TASKS).resolve()


def test_a_file_that_is_not_a_plan_is_not_quoted(tmp_path: Path) -> None:
    other = tmp_path / "secrets.yaml"
    other.write_text("api_token: s3cr3t-value\nplan_b: nope\n", encoding="utf-8")
    error = load_error(other)
    assert "this is not a cchc plan file" in error.message.en
    said = f"{error.message} {error.hint} {error.details}"  # both languages
    assert "api_token" not in said and "s3cr3t" not in said and "plan_b" not in said


# -- the vocabulary of communication forms (dataset 2.1.0) --------------------------------------

WEBSITE_NAMES = '        names: ["trang thông tin điện tử", "website", "cổng thông tin điện tử", "trang web"]'


@pytest.mark.parametrize(
    "shared",
    ["hội nghị", "Hoi Nghi", "HỘI NGHỊ", "conference", "tổ chức hội nghị tập huấn"],
    ids=["same-name", "without-diacritics", "upper-case", "another-choice-id", "another-choice-phrase"],
)
def test_a_form_name_two_choices_share_is_refused(data_copy: Path, shared: str) -> None:
    # website gets a name that, as cchc compares names, is conference's (or press's): a file
    # writing it would count one form as another
    line = replace_line(data_copy, WEBSITE_NAMES, WEBSITE_NAMES[:-1] + f', "{shared}"]')
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "names choice" in error.message.en and repr(shared) in error.message.en


def test_a_shared_form_name_is_reported_where_it_is_given_the_second_time(data_copy: Path) -> None:
    # "báo" is press's; given to website (earlier in the list) too, it is press's entry that is
    # the second owner: the error is there, and names the first
    replace_line(data_copy, WEBSITE_NAMES, WEBSITE_NAMES[:-1] + ', "Báo"]')
    error = load_error(data_copy)
    press = '        names: ["báo chí", "báo", "đài phát thanh", "báo - đài phát thanh", "báo, đài"]'
    assert_at(error, PLAN, find_line(data_copy, press))
    assert "'báo' names choice 'website' too" in error.message.en


def test_a_form_name_without_letters_is_refused(data_copy: Path) -> None:
    line = replace_line(data_copy, WEBSITE_NAMES, WEBSITE_NAMES[:-1] + ', "…"]')
    error = load_error(data_copy)
    assert_at(error, PLAN, line)
    assert "no letter or digit" in error.message.en


def test_an_empty_form_name_is_refused(data_copy: Path) -> None:
    line = replace_line(data_copy, WEBSITE_NAMES, WEBSITE_NAMES[:-1] + ', ""]')
    error = load_error(data_copy)
    assert_at(error, PLAN, line)


def test_both_tone_placements_in_one_choice_are_fine(data_copy: Path) -> None:
    # toạ đàm / tọa đàm are one word; listing both under seminar is what the data does
    assert find_line(data_copy, '        names: ["toạ đàm", "tọa đàm"]') > 0
    seminar = next(c for d in load_plan(data_copy).plan.duties for c in d.choices if c.id == "seminar")
    assert seminar.names == ("toạ đàm", "tọa đàm")
