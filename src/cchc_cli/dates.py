"""Dates and deadlines: Vietnamese phrases in, structured deadlines and calendar dates out.

Reads the deadline phrases of the plan ("Quý II/2021", "Tháng 10/2021", "Hằng tháng",
"Theo hướng dẫn của Bộ Nội vụ", "Ngay sau khi Chỉ số PCI được công bố", "Theo thời gian báo cáo
CCHC định kỳ", or a sentence that contains one of the dated forms, such as "hoàn thành trong
Quý II/2021") and the dates users write (``2021-01-05``, ``5/1/2021``, ``ngày 05 tháng 01 năm
2021``; never month-first). Calendar arithmetic is python-dateutil's.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date


from dateutil.relativedelta import relativedelta

from cchc_cli.text import quoted

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$")


def shown(day: date, lang: str = "vi") -> str:
    """A date as each language writes it: 05/01/2021 in Vietnamese (day first), ISO in English."""
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().strip("()").strip()
    return re.sub(r"\s+", " ", text)


def parse_date(text: str) -> date:
    """A date as users write it; day first, never month first. Raises ValueError with a reason."""
    cleaned = normalise(text)
    lowered = cleaned.lower()
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_WORDS, "dmy")):
        match = pattern.match(lowered)
        if match:
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(year, month, day)
            except ValueError as e:
                # Our own reason, not datetime's: its English varies between Python versions, and
                # VI_REASONS must be able to say each one in Vietnamese.
                raise ValueError(f"{quoted(cleaned)} is not a real date ({_why_not_real(year, month)})") from e
    raise ValueError(
        f"{quoted(cleaned)} is not a date; write it as 2021-01-05, 05/01/2021 or 'ngày 05 tháng 01 năm 2021'"
    )


def _why_not_real(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 1:
        return f"there is no year {year}"
    return f"month {month}/{year} has {month_end(year, month).day} days"


#: The date messages above, in Vietnamese (pydantic carries a validator's ValueError as text, so
#: the report's language is chosen where that text is shown: ``progress.translate``). Each says the
#: whole message, so that no English joint (" or ") is left between translated parts.
VI_REASONS: tuple[tuple[str, str], ...] = (
    (r"is not a real date \(there is no month (\d+)\)", r"không phải ngày có thật (không có tháng \1)"),
    (r"is not a real date \(there is no year (\d+)\)", r"không phải ngày có thật (không có năm \1)"),
    (r"is not a real date \(month (\d+)/(\d+) has (\d+) days\)", r"không phải ngày có thật (tháng \1/\2 chỉ có \3 ngày)"),
    (r"is not a date; write it as (\S+), (\S+) or '(.+?)'$", r"không phải ngày; hãy viết dạng \2, \1 hoặc '\3'"),
    (r"a date is written as text, such as (\S+) or (\S+), not the number (.*)$",
     r"ngày phải viết dạng chữ, ví dụ \2 hoặc \1, không phải số \3"),
)


def coerce_date(value: object) -> object:
    """Pydantic hook: turn text into a date; refuse numbers, which pydantic would read as Unix time."""
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, (int, float)):  # bool is an int too
        raise ValueError(f"a date is written as text, such as 2021-12-10 or 10/12/2021, not the number {quoted(value)}")
    return value
