"""The documentation's links: every relative link in README.md, SECURITY.md and docs/*.md resolves.

The README was split into pages by reader (issue 15); a link to a file that moved, or to a heading
that was renamed, would send a reader nowhere, so each is checked: the file exists and an
``#anchor`` is the slug GitHub gives one of its headings.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO_ROOT

PAGES = sorted(
    [REPO_ROOT / "README.md", REPO_ROOT / "SECURITY.md", *(REPO_ROOT / "docs").glob("*.md")],
)
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
LINK = re.compile(r"\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def _prose(markdown: str) -> str:
    """The text outside fenced blocks (a '# comment' in a shell block is no heading)."""
    return FENCE.sub("", markdown)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its rendered text, lower-cased, punctuation dropped,
    spaces made hyphens (letters with diacritics kept), as github-slugger does."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link shows its text
    text = text.replace("`", "").replace("*", "")
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return text.replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """Every heading's slug, with GitHub's -1, -2 … for repeated ones."""
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(_prose(markdown)):
        slug = github_slug(heading)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def relative_links(markdown: str) -> list[str]:
    prose = CODE_SPAN.sub("", _prose(markdown))
    return [target for target in LINK.findall(prose) if not re.match(r"[a-z][a-z0-9+.-]*:", target)]


def test_the_pages_exist() -> None:
    names = {page.relative_to(REPO_ROOT).as_posix() for page in PAGES}
    assert {"README.md", "SECURITY.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(REPO_ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in relative_links(page.read_text(encoding="utf-8")):
        path_part, _, anchor = target.partition("#")
        linked = (page.parent / path_part).resolve() if path_part else page
        if not linked.exists():
            broken.append(f"{target}: no file {path_part}")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(f"{target}: {linked.relative_to(REPO_ROOT).as_posix()} has no heading #{anchor}")
    assert not broken, broken


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Configuration and waivers", "configuration-and-waivers"),
        ("Several files, formats, files of results", "several-files-formats-files-of-results"),
        ("Checking a progress file / Kiểm tra tệp tiến độ", "checking-a-progress-file--kiểm-tra-tệp-tiến-độ"),
        ("JSON output (`--format json`)", "json-output---format-json"),
        ("The Excel workbook (`--format xlsx=city.xlsx`)", "the-excel-workbook---format-xlsxcityxlsx"),
    ],
)
def test_slugs_are_githubs(heading: str, slug: str) -> None:
    assert github_slug(heading) == slug


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    """The checker itself can fail: a missing file and a missing heading are both reported."""
    text = "# Title\n\n```sh\n# not a heading\n```\n[a](#title) [b](#not-a-heading) [c](gone.md) `[d](gone2.md)`\n"
    links = relative_links(text)
    assert links == ["#title", "#not-a-heading", "gone.md"]
    assert anchors(text) == {"title"}


#: sections that cchc's own messages (and the dataset's comments) send a reader to "in cchc's
#: README"; their text is kept byte for byte, so the front page keeps a link named after each
MESSAGE_POINTERS = {
    "Configuration": "src/cchc_cli/config.py",
    "The dataset": "src/cchc_cli/dataset.py",
    "How the plan is read": "data/plan_2021.yaml",
}


@pytest.mark.parametrize("section", sorted(MESSAGE_POINTERS))
def test_sections_that_messages_name_are_reachable_from_the_readme(section: str) -> None:
    assert f"'{section}'" in (REPO_ROOT / MESSAGE_POINTERS[section]).read_text(encoding="utf-8") or (
        f'"{section}"' in (REPO_ROOT / MESSAGE_POINTERS[section]).read_text(encoding="utf-8")
    ), f"{MESSAGE_POINTERS[section]} no longer names {section!r}: drop it here"
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\[([^\]]+)\]\((docs/[^)]+)\)", readme)
    assert any(text.startswith(section) for text, _ in links), f"the README has no link named {section!r}"
