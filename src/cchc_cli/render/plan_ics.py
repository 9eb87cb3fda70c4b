"""iCalendar (RFC 5545) for ``cchc plan calendar``: an agency's deadlines, for any calendar program.

Written with the ``icalendar`` library, which escapes TEXT values (commas, semicolons,
backslashes, newlines), folds content lines at 75 octets without splitting a UTF-8 sequence, and
ends every line with CRLF, as the RFC asks; it is imported here only, when a calendar is written.

Each :class:`cchc_cli.deadlines.Entry` is one all-day VEVENT (``DTSTART;VALUE=DATE``, ``DTEND`` the
next day, transparent: a deadline is not a meeting), a series carrying its RRULE. Its UID is made of
the plan id, the agency id and the entry's key, nothing that changes with the dataset's version, a
date or a progress file, so importing a newer calendar updates the events it imported before
instead of adding them twice. SUMMARY is in the chosen language; DESCRIPTION gives the source
section, the deadline in the plan's words, why the event is on its day and the plan's text
verbatim; CATEGORIES carries the source section, and X-CCHC-SOURCE the entry's key. A VALARM
reminds at 09:00 ``remind`` days before.

Updates (``--from``): every event carries the calendar's SEQUENCE, which grows with the progress
file's as_of, and what the file says is done is written as ``STATUS:CANCELLED`` under its old
UID, its SUMMARY marked done and no alarm. RFC 5545 (3.8.1.11, 3.8.7.4) and the calendar programs
that follow it replace an imported event by one with the same UID and a higher SEQUENCE, so a
re-import strikes finished work out of the calendar instead of keeping the old copy; leaving
the event out would keep it.

Deterministic: the same calendar and ``stamp`` (DTSTAMP, given by the caller: no clock here)
give the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from cchc_cli.compiled import Bilingual
from cchc_cli.i18n import t
from cchc_cli.text import visible

if TYPE_CHECKING:
    from cchc_cli.deadlines import Calendar, Entry

#: the hour a reminder shows on its day (the events are all-day: their start is midnight)
REMIND_HOUR = 9


def _line(text: str) -> str:
    return visible(text)


def _lines(text: str) -> str:
    """A multi-line value: its line breaks kept (the library escapes them), every other control shown."""
    return "\n".join(visible(part) for part in text.replace("\r\n", "\n").split("\n"))


def _uid(calendar: Calendar, entry: Entry) -> str:
    # Only characters a UID never needs escaped; ids are from the dataset (a --plan is input too).
    raw = f"{calendar.plan_id}.{calendar.agency.id}.{entry.key}"
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-._:") else "_" for c in raw)
    return f"{safe}@cchc"


#: the SUMMARY prefix of a finished item (also a reader that ignores STATUS sees it is done)
_DONE = Bilingual("Đã xong", "Done")
_STATUS = Bilingual("Trạng thái", "Status")


def _description(calendar: Calendar, entry: Entry, lang: str) -> str:
    parts = [f"{_STATUS.get(lang)}: {entry.done.get(lang)}"] if entry.done is not None else []
    parts += [
        f"{t('ics.source', lang)}: {entry.source.get(lang)}",
        f"{t('ics.deadline', lang)}: {entry.deadline_text}",
        f"{t('ics.date', lang)}: {entry.when.get(lang)}",
    ]
    if entry.repeat is not None:
        parts.append(f"{t('ics.occurrences', lang)}: {entry.repeat.times}")
    if entry.basis is not None:
        parts.append(f"{t('ics.basis', lang)}: {entry.basis.get(lang)}")
    parts.append("")
    parts.append(f"{t('ics.plan_text', lang)}:")
    parts.append(entry.text)
    parts.append("")
    parts.append(f"{t('plan', lang)}: {calendar.plan_id} {calendar.plan_version} ({t('decision', lang)} {calendar.decision})")
    return _lines("\n".join(parts))


def render(calendar: Calendar, lang: str, stamp: datetime, remind: int | None = 7) -> str:
    """The calendar as iCalendar text (CRLF line ends). ``stamp``: DTSTAMP, an aware datetime;
    ``remind``: days before each deadline for the VALARM, None for none."""
    from cchc_cli import __version__

    from icalendar import Alarm, Calendar as ICalendar, Event

    agency = calendar.agency
    name = Bilingual(f"CCHC {calendar.year} — {agency.name}", f"Reform {calendar.year} — {agency.name_en}").get(lang)
    cal = ICalendar()
    cal.add("prodid", f"-//cchc//cchc {__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", _line(name))  # RFC 7986
    cal.add("x-wr-calname", _line(name))  # the name most calendar programs read
    cal.add("x-cchc-plan", _line(f"{calendar.plan_id} {calendar.plan_version} sha256:{calendar.plan_sha256}"))
    cal.add("x-cchc-agency", _line(agency.id))
    if calendar.as_of is not None:
        cal.add("x-cchc-as-of", calendar.as_of.isoformat())
    utc_stamp = stamp.astimezone(timezone.utc)  # DTSTAMP is UTC (RFC 5545, 3.8.7.2)
    for entry in calendar.entries:
        event = Event()
        summary = _line(entry.title.get(lang))
        if entry.done is not None:
            summary = f"✓ {_DONE.get(lang)}: {summary}"
        event.add("uid", _uid(calendar, entry))
        event.add("dtstamp", utc_stamp)
        event.add("sequence", calendar.sequence)
        event.add("dtstart", entry.dates[0])
        event.add("dtend", entry.dates[0] + timedelta(days=1))
        if entry.repeat is not None and entry.repeat.times > 1:
            rule: dict[str, object] = {"freq": "monthly", "bymonthday": entry.repeat.bymonthday, "count": entry.repeat.times}
            if entry.repeat.interval != 1:
                rule["interval"] = entry.repeat.interval
            event.add("rrule", rule)
        event.add("summary", summary)
        event.add("description", _description(calendar, entry, lang))
        event.add("categories", [_line(entry.source.get(lang)), t(f"ics.kind.{entry.kind}", lang)])
        event.add("transp", "TRANSPARENT")
        event.add("x-cchc-source", _line(entry.key))
        if entry.done is not None:
            event.add("status", "CANCELLED")
        elif remind is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(hours=REMIND_HOUR) - timedelta(days=remind))
            event.add_component(alarm)
        cal.add_component(event)
    return str(cal.to_ical().decode("utf-8"))
