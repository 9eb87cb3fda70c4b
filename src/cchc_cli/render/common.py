"""What every format shares: the options a check format is rendered with, safe JSON, the run's totals.

Apart from :mod:`cchc_cli.render` (the package, which binds formats to their modules) so that a
format's module never imports the package that imports it: no import circle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cchc_cli.models.report import Report, RunCounts, Severity
    from cchc_cli.sourceroot import SourceRoot


#: what UTF-8 cannot carry (lone surrogates: the bytes of a file name that is not UTF-8), and the
#: legacy workflow command "##[", which a CI runner obeys anywhere in a line
_JSON_UNSAFE = re.compile("[\ud800-\udfff]|(?<=##)\\[")


def dump_json(document: Any) -> str:
    """``document`` as indented JSON that is valid UTF-8 and inert in a CI log, whatever it holds.

    Strings keep their exact characters (JSON escapes line breaks itself), with two exceptions
    made in JSON's own syntax: a lone surrogate, which no UTF-8 file can hold, is written as
    :func:`cchc_cli.text.visible` shows it (``"n\\xff.yaml"``), and the ``[`` of ``##[`` as
    ``\\u005b`` (the same string once parsed).
    """
    import json

    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not _JSON_UNSAFE.search(text):
        return text
    from cchc_cli.text import visible

    return _JSON_UNSAFE.sub(lambda m: "\\u005b" if m.group() == "[" else json.dumps(visible(m.group()))[1:-1], text)


class RenderOptions(NamedTuple):
    lang: str
    fail_on: Severity
    #: a Rich console for the terminal formats (its width and colours follow stdout)
    console: Any = None
    #: the repository root that sarif, github and gitlab name files relative to (found once, by
    #: the CLI); None: paths as given
    root: SourceRoot | None = None
    #: ``check --quiet``: one line per finding (text as plain), no tables and no totals line
    quiet: bool = False


def run_totals(reports: Sequence[Report] | RunCounts, lang: str) -> list[str]:
    """The run's counts as every line format words them: ``errors: 3``, …, ``not judged: 1``.

    One list for the text footer, the Markdown total and the plain/github last line, so that each
    format says the same of a run. A streamed run passes its :class:`RunCounts` (the reports are
    gone by then); the severity threshold plays no part in these counts.
    """
    from cchc_cli.i18n import t
    from cchc_cli.models.report import RunCounts, Severity
    from cchc_cli.numbers import count

    totals = reports if isinstance(reports, RunCounts) else RunCounts.of(reports, Severity.error)
    return [
        f"{t('severity.errors', lang)}: {count(totals.errors, lang)}",
        f"{t('severity.warnings', lang)}: {count(totals.warnings, lang)}",
        f"{t('severity.infos', lang)}: {count(totals.infos, lang)}",
        f"{t('waived', lang)}: {count(totals.waived, lang)}",
        f"{t('check.unreadable', lang)}: {count(totals.unreadable, lang)}",
    ]
