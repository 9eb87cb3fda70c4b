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

from cchc_cli.bilingual import SaidError, Bilingual
from cchc_cli.text import quoted

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$")


def day_text(day: date, lang: str = "vi") -> str:
    """A date as each language writes it: 05/01/2021 in Vietnamese (day first), ISO in English."""
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().strip("()").strip()
    return re.sub(r"\s+", " ", text)


class DateRefused(SaidError):
    """Why a text is not a date, in both languages: the value quoted, then the reason.

    ``reason`` is the reason alone, for a message that quotes the value its own way (the command
    line quotes it as typed, its length in the message's language).
    """

    def __init__(self, value: str, reason: Bilingual) -> None:
        # the quote is worded in each message's language: a long value's length is "(300 ký tự)"
        super().__init__(Bilingual(f"{quoted(value, lang='vi')} {reason.vi}", f"{quoted(value)} {reason.en}"))
        self.reason = reason


def parse_date(text: str) -> date:
    """A date as users write it; day first, never month first. Raises DateRefused with a reason."""
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
                # has no Vietnamese.
                raise DateRefused(cleaned, _why_not_real(year, month)) from e
    raise DateRefused(cleaned, Bilingual(
        "không phải ngày; hãy viết dạng 05/01/2021, 2021-01-05 hoặc 'ngày 05 tháng 01 năm 2021'",
        "is not a date; write it as 2021-01-05, 05/01/2021 or 'ngày 05 tháng 01 năm 2021'",
    ))


def _why_not_real(year: int, month: int) -> Bilingual:
    if not 1 <= month <= 12:
        return Bilingual(f"không phải ngày có thật (không có tháng {month})", f"is not a real date (there is no month {month})")
    if year < 1:
        return Bilingual(f"không phải ngày có thật (không có năm {year})", f"is not a real date (there is no year {year})")
    days = month_end(year, month).day
    return Bilingual(f"không phải ngày có thật (tháng {month}/{year} chỉ có {days} ngày)",
                 f"is not a real date (month {month}/{year} has {days} days)")


def coerce_date(value: object) -> object:
    """Pydantic hook: turn text into a date; refuse numbers, which pydantic would read as Unix time."""
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, (int, float)):  # bool is an int too
        raise SaidError(Bilingual(f"ngày phải viết dạng chữ, ví dụ 10/12/2021 hoặc 2021-12-10, không phải số {quoted(value, lang='vi')}",
                              f"a date is written as text, such as 2021-12-10 or 10/12/2021, not the number {quoted(value)}"))
    return value
