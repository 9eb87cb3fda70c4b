"""Task statuses: the three ids a report speaks in, and every spelling of them a file may use.

Officers write a task's status in Vietnamese (``đã xong``, ``Hoàn thành``, ``chưa bắt đầu``), in
whatever case and Unicode form their keyboard produces; CI scripts write the ids (``done``).
:func:`coerce_task_status` turns each into its id before validation ends, so rules, reports and
the JSON output only ever see ``not_started``, ``in_progress`` or ``done``.

The table lives here, beside the progress model and not in the plan data: the status values are
part of the progress file's contract (schema_version 1), the same for every year's plan. It is a
light module (no pydantic) because the cached progress validator calls it on every run.
"""

from __future__ import annotations

from cchc_cli.bilingual import SaidError, Bilingual
from cchc_cli.text import fold, quoted

#: id -> the Vietnamese spellings accepted for it, as shown to users (NFC, with diacritics).
#: Matching is on :func:`~cchc_cli.text.fold`, so case, NFC/NFD and missing diacritics do not
#: matter; the ids themselves are accepted in any case too. A spelling is never removed (files
#: in the wild use it), only added.
TASK_STATUSES: dict[str, tuple[str, ...]] = {
    "not_started": ("chưa bắt đầu",),
    "in_progress": ("đang thực hiện",),
    "done": ("đã xong", "hoàn thành", "đã hoàn thành"),
}

_BY_KEY: dict[str, str] = {
    fold(spelling): status for status, spellings in TASK_STATUSES.items() for spelling in (status, *spellings)
}


def accepted_en() -> str:
    """The accepted statuses as an English message lists them: the ids."""
    ids = list(TASK_STATUSES)
    return f"write {', '.join(ids[:-1])} or {ids[-1]} (or their Vietnamese names)"


def accepted_vi() -> str:
    """The accepted statuses as a Vietnamese message lists them: the Vietnamese names first."""
    names = [" / ".join(spellings) for spellings in TASK_STATUSES.values()]
    return f"hãy ghi {', '.join(names[:-1])} hoặc {names[-1]} (hoặc mã {', '.join(TASK_STATUSES)})"


def json_spellings() -> list[str]:
    """Every spelling an editor should offer: the Vietnamese names, then the same without diacritics."""
    names = [spelling for spellings in TASK_STATUSES.values() for spelling in spellings]
    return names + [fold(name) for name in names]


def coerce_task_status(value: object) -> object:
    """Pydantic hook: a status as written -> its id. ValueError (listing the accepted forms) otherwise."""
    if isinstance(value, str):
        status = _BY_KEY.get(fold(value[:200]))
        if status is not None:
            return status
    raise SaidError(Bilingual(f"trạng thái {quoted(value)} không hợp lệ; {accepted_vi()}",
                          f"unknown status {quoted(value)}; {accepted_en()}"))
