"""Generate realistic, varied progress files for benchmarks and roll-up trials.

    python benchmarks/make_reports.py N DIR [--seed S] [--periods Q1,H1,9M,FY]
                                      [--invalid-share 0.05] [--late-share 0.1]

Writes N progress files into DIR (created if missing), the size and shape of ``examples/``:
every indicator that applies to the unit's kind, the appendix tasks the unit leads, every
measurable section V duty it owes (district-only ones for districts) and the outside events.

* Units cycle over the plan's 52 reporting units (kinds department and district, in registry
  order) within each period, and the periods in the order given: N = 208 is the city's year,
  each (unit, period) once. Beyond 52 x len(periods) the cycle starts again and the files are
  named ``<agency-id>-<period>-<n>.yaml`` (n = 2, 3, ...): duplicates of a (unit, period), by
  design, for stress runs.
* A share of the files is invalid, each in one of several ways (YAML syntax error, a count
  written "99%", an unknown key, a date that does not exist, a numerator above its
  denominator), and a disjoint share is late (``submitted_on`` after the 15th of the period's
  last month). The rest vary around the targets: most units meet them, some miss the 99%
  on-time target by a few dossiers, leave a task overdue, miss a monthly publication, etc.
* A unit's volumes (dossiers, surveys, staff) are drawn once per unit, so its Q1, H1, 9M and
  FY files grow cumulatively like a real unit's would.
* Deterministic: the same N, seed and options give byte-identical files. Dates are written
  ISO (2021-03-10), day first (10/03/2021) or both mixed in one file; agency and period are
  written as id, name or alias.

Needs cchc importable (run it with the interpreter that has cchc installed): the units, their
tasks and duties, and the periods' dates come from the bundled plan.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPORTING_KINDS = ("department", "district")
INVALID_KINDS = ("yaml_syntax", "percent_count", "unknown_key", "impossible_date", "numerator_above_denominator")
# Forms of communication the plan lists (communication.choices); read from the plan at run time.
#: Kinds of document cited as evidence, with the abbreviation of their number ("Kế hoạch số 45/KH-…").
EVIDENCE_DOCS = {"Kế hoạch": "KH", "Quyết định": "QĐ", "Báo cáo": "BC", "Thông báo": "TB"}


class Raw(str):
    """A YAML token written exactly as given (used to plant invalid values)."""


class Plan:
    """What the generator needs from the compiled plan."""

    def __init__(self) -> None:
        from cchc_cli.compiled import compiled_plan

        plan = compiled_plan()
        self.plan = plan
        self.year = plan.year
        self.units = [a for a in plan.registry.model.agencies if a.kind in REPORTING_KINDS]
        self.periods = {p.id: p for p in plan.periods}
        self.targets = plan.targets
        self.events = list(plan.events)
        self.duties = {
            a.id: [d for d in plan.duties if d.measurable and plan.duty_applies(d, a.id, a.kind)] for a in self.units
        }
        self.tasks = {a.id: plan.tasks_led_by(a.id) for a in self.units}
        comm = next((d for d in plan.duties if d.id == "communication"), None)
        self.forms = [c.id for c in comm.choices] if comm and comm.choices else ["conference", "website", "press"]
        self.min_forms = comm.min_count if comm and comm.min_count else 5

    def period_names(self, period_id: str) -> list[str]:
        p = self.periods[period_id]
        names = [p.id, p.name, *p.aliases]
        return [n for n in dict.fromkeys(names) if self._period_ok(n, p.id)]

    def _period_ok(self, name: str, period_id: str) -> bool:
        try:
            return bool(self.plan.period(name).id == period_id)
        except KeyError:
            return False

    def agency_names(self, agency: Any) -> list[str]:
        names = [agency.id, agency.name, *agency.aliases]
        out = []
        for n in dict.fromkeys(names):
            try:
                if self.plan.registry.lookup(n).id == agency.id:
                    out.append(n)
            except Exception:  # noqa: BLE001 - an ambiguous alias is simply not used
                pass
        return out or [agency.id]


# -- dates -----------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def working_day_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


# -- one file's data ---------------------------------------------------------------------------------


class Unit:
    """A reporting unit's yearly volumes, the same for all its periods (seeded per unit)."""

    def __init__(self, seed: int, agency: Any) -> None:
        rng = random.Random(f"{seed}:unit:{agency.id}")
        district = agency.kind == "district"
        self.resolved = rng.randint(8_000, 90_000) if district else rng.choice([rng.randint(400, 6_000), rng.randint(6_000, 70_000)])
        self.surveyed = max(200, int(self.resolved * rng.uniform(0.03, 0.12)))
        self.satisfaction = rng.uniform(0.84, 0.95)
        self.level_3_4 = rng.randint(60, 220) if district else rng.randint(8, 160)
        self.integrated = rng.uniform(0.28, 0.5)
        self.staff = rng.randint(18, 70) if district else rng.randint(8, 50)
        self.audits = rng.randint(0, 24)
        self.communes = agency.communes or 0
        self.officials = self.communes * rng.randint(14, 24)
        self.units_to_inspect = (self.communes + rng.randint(4, 12)) if district else rng.randint(3, 15)
        # The issuer's part of a document number: "UBND" for a district, initials for a department.
        words = [w for w in agency.name.split() if w[:1].isupper()]
        self.issuer = "UBND" if district else "".join(w[0] for w in words).upper().replace("Đ", "D")


class FileMaker:
    def __init__(self, plan: Plan, seed: int, index: int, agency: Any, period_id: str, unit: Unit, late: bool) -> None:
        self.p = plan
        self.rng = rng = random.Random(f"{seed}:file:{index}")
        self.agency = agency
        self.period = plan.periods[period_id]
        self.unit = unit
        self.late = late
        self.year = plan.year
        self.district = agency.kind == "district"
        # How well this unit did this period: most do well, some slip, a few struggle.
        self.quality = rng.choices(("exemplary", "typical", "struggling"), weights=(45, 38, 17))[0]
        self.miss = {"exemplary": 0.0, "typical": 0.12, "struggling": 0.35}[self.quality]
        self.date_style = rng.choice(("iso", "dmy", "mixed"))
        cutoff = self.period.cutoff
        # as_of: usually the cut-off, written or left to its default; now and then a few days earlier.
        r = rng.random()
        self.write_as_of = r < 0.8
        self.as_of = cutoff - timedelta(days=rng.randint(1, 4)) if r < 0.1 else cutoff

    # - helpers -
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day(self, first: date, last: date) -> date:
        return between(self.rng, first, min(last, self.as_of))

    # - sections -
    def build(self) -> dict[str, Any]:
        rng = self.rng
        data: dict[str, Any] = {
            "schema_version": 1,
            "agency": rng.choice(self.p.agency_names(self.agency)),
            "period": rng.choice(self.p.period_names(self.period.id)),
        }
        if self.write_as_of:
            data["as_of"] = self.as_of
        data["submitted_on"] = self.submitted_on()
        data["indicators"] = self.indicators()
        tasks = self.tasks()
        if tasks:
            data["tasks"] = tasks
        data["duties"] = self.duties()
        events = self.events()
        if events:
            data["events"] = events
        if self.chance(0.1):
            data["note"] = rng.choice(
                (
                    "Số liệu lũy kế từ 01/01/2021 đến ngày chốt.",
                    "Đã đối chiếu với Cổng dịch vụ công Thành phố.",
                    "Số liệu hồ sơ lấy từ Hệ thống thông tin giải quyết TTHC.",
                )
            )
        return data

    def submitted_on(self) -> date:
        due: date = self.period.due
        if self.late:
            if self.period.months == 12 and self.chance(0.3):
                return date(self.year + 1, 1, self.rng.randint(3, 12))  # the year's report in January
            return due + timedelta(days=self.rng.randint(1, 12))
        return between(self.rng, self.period.cutoff, due)

    def indicators(self) -> dict[str, dict[str, Any]]:
        u, rng, share = self.unit, self.rng, self.period.months / 12
        out: dict[str, dict[str, Any]] = {}
        for target in self.p.targets:
            if self.agency.kind not in target.applies_to:
                continue
            if self.quality == "struggling" and self.chance(0.04):
                continue  # not reported (CCHC103)
            den, num = self.counts(target.id, u, rng, share)
            out[target.id] = {target.denominator: den, target.numerator: num}
        return out

    def counts(self, target_id: str, u: Unit, rng: random.Random, share: float) -> tuple[int, int]:
        jitter = rng.uniform(0.93, 1.07)
        if target_id == "on_time_dossiers":
            den = max(30, int(u.resolved * share * jitter))
            need = math.ceil(den * 0.99)
            if self.chance(self.miss):
                return den, max(0, need - rng.randint(1, 6))  # misses 99% by a few dossiers
            return den, rng.randint(need, den)
        if target_id == "satisfaction":
            den = max(50, int(u.surveyed * share * jitter))
            rate = u.satisfaction - (rng.uniform(0.02, 0.08) if self.chance(self.miss) else 0)
            return den, min(den, int(den * rate))
        if target_id == "online_services":
            den = max(3, int(u.level_3_4 * (0.85 + 0.15 * share)))
            rate = u.integrated - (rng.uniform(0.05, 0.15) if self.chance(self.miss) else 0)
            return den, max(0, min(den, round(den * rate)))
        if target_id == "frontline_staff_training":
            den = u.staff
            return den, den - (rng.randint(1, 3) if self.chance(self.miss) else 0)
        if target_id == "audit_recommendations":
            den = int(u.audits * (0.4 + 0.6 * share))
            if den == 0:
                return 0, 0  # nothing to judge yet (CCHC104)
            need = math.ceil(den * 0.9)
            return den, (max(0, need - rng.randint(1, 2)) if self.chance(self.miss) else rng.randint(need, den))
        if target_id == "commune_officials_training":
            den = u.officials
            return den, den - (rng.randint(1, 8) if self.chance(self.miss) else 0)
        den = rng.randint(10, 100)  # a target this generator does not know: plausible counts
        return den, rng.randint(den // 2, den)

    def tasks(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        rng, as_of = self.rng, self.as_of
        start = date(self.year, 1, 4)
        for task in self.p.tasks[self.agency.id]:
            if self.quality == "struggling" and self.chance(0.05):
                continue  # left out of the file (CCHC207)
            entry: dict[str, Any]
            if task.deadline_kind == "recurring" and task.freq:
                entry = {"status": "in_progress", "occurrences": self.monthly(lambda m: self.day(date(self.year, m, 18), month_end(self.year, m)), skip=self.miss / 8)}
            elif task.deadline_kind == "event" and task.event:
                happened = self.event_day(task.event)
                if happened is None or happened > as_of:
                    entry = {"status": "not_started"}
                elif self.chance(1 - self.miss):
                    entry = {"status": "done", "completed_on": self.day(happened, happened + timedelta(days=20))}
                else:
                    entry = {"status": "in_progress"}
            elif task.due is None:  # guidance, direction, reporting schedule: no fixed date
                entry = {"status": "done", "completed_on": self.day(start, as_of)} if self.chance(0.3) else {"status": "in_progress"}
            elif task.due < as_of:
                r = rng.random()
                if r < self.miss:  # overdue
                    entry = {"status": rng.choice(("in_progress", "in_progress", "not_started"))}
                elif r < self.miss + 0.12:  # done, but after the due date
                    entry = {"status": "done", "completed_on": self.day(task.due + timedelta(days=1), task.due + timedelta(days=45))}
                else:
                    entry = {"status": "done", "completed_on": self.day(max(start, task.due - timedelta(days=80)), task.due)}
            else:
                r = rng.random()
                if r < 0.25:
                    entry = {"status": "done", "completed_on": self.day(start, as_of)}
                elif r < 0.8:
                    entry = {"status": "in_progress"}
                else:
                    entry = {"status": "not_started"}
            if entry["status"] == "done" and self.chance(0.4):
                done = entry["completed_on"]
                doc = rng.choice(list(EVIDENCE_DOCS))
                entry["evidence"] = f"{doc} số {rng.randint(12, 980)}/{EVIDENCE_DOCS[doc]}-{self.unit.issuer} ngày {done:%d/%m/%Y}"
            elif entry["status"] != "done" and self.chance(0.12):
                entry["note"] = rng.choice(("chờ hướng dẫn của Bộ Nội vụ", "đang lấy ý kiến các sở, ngành", "dự thảo đã trình UBND Thành phố"))
            out[task.id] = entry
        return out

    def event_day(self, event: str) -> date | None:
        # The same day for every unit of a run: the index is published once for the whole city.
        days = {"pci_published": date(self.year, 5, 5), "papi_sipas_parindex_published": date(self.year, 4, 21)}
        return days.get(event, date(self.year, 6, 1))

    def events(self) -> dict[str, date]:
        out = {}
        for event in self.p.events:
            day = self.event_day(event)
            leads_it = any(t.event == event for t in self.p.tasks[self.agency.id])
            if day is not None and day <= self.as_of and (leads_it or self.chance(0.25)):
                out[event] = day
        return out

    def months_ended(self) -> list[int]:
        return [m for m in range(1, 13) if month_end(self.year, m) < self.as_of]

    def monthly(self, pick: Any, skip: float = 0.0) -> list[date]:
        return [pick(m) for m in self.months_ended() if not self.chance(skip)]

    def dated(self, due: date) -> date | None:
        """The date a dated duty was done, or None (not done yet, or missed)."""
        start = date(self.year, 1, 4)
        if due < self.as_of:
            r = self.rng.random()
            if r < self.miss * 0.6:
                return None  # missed (CCHC301)
            if r < self.miss * 0.6 + 0.1:
                return self.day(due + timedelta(days=1), due + timedelta(days=40))  # late (CCHC302)
            return self.day(max(start, due - timedelta(days=75)), due)
        return self.day(start, self.as_of) if self.chance(0.3) else None

    def duties(self) -> dict[str, Any]:
        rng, y, as_of = self.rng, self.year, self.as_of
        out: dict[str, Any] = {}
        months = self.months_ended()
        for duty in self.p.duties[self.agency.id]:
            if duty.id == "inspection":
                entry: dict[str, Any] = {}
                issued = self.dated(duty.due) if duty.due else None
                if issued:
                    entry["plan_issued_on"] = issued
                units = self.unit.units_to_inspect
                share = {3: 0.15, 6: 0.45, 9: 0.75, 12: 1.0}.get(self.period.months, 0.5)
                done = round(units * share * rng.uniform(0.8, 1.0)) if share < 1 else units
                if share == 1 and self.chance(self.miss):
                    done = units - rng.randint(1, 3)
                entry["units"], entry["units_inspected"] = units, max(0, min(units, done))
                out[duty.id] = entry
            elif duty.dated_key is not None and duty.due is not None:  # the key the plan's report: names
                done_on = self.dated(duty.due)
                if done_on is not None:
                    entry = {duty.dated_key: done_on}
                    if duty.id in ("agency_plan", "one_stop_regulation") and self.chance(0.5):
                        doc = "Kế hoạch" if duty.id == "agency_plan" else "Quyết định"
                        entry["document"] = f"{doc} số {rng.randint(5, 400)}/{EVIDENCE_DOCS[doc]}-{self.unit.issuer}"
                    out[duty.id] = entry
            elif duty.id == "communication":
                n = len(self.p.forms)
                want = self.p.min_forms if self.period.months == 12 else rng.randint(2, self.p.min_forms)
                if self.period.months == 12 and self.chance(self.miss):
                    want -= rng.randint(1, 2)
                forms = sorted(rng.sample(self.p.forms, k=max(1, min(n, want + rng.randint(0, 1)))), key=self.p.forms.index)
                online = []
                for q in range(1, 5):
                    if month_end(y, 3 * q) < as_of and not self.chance(self.miss / 3):
                        online.append(self.day(date(y, 3 * q - 2, 3), month_end(y, 3 * q)))
                    elif date(y, 3 * q - 2, 1) <= as_of <= month_end(y, 3 * q) and self.chance(0.5):
                        online.append(self.day(date(y, 3 * q - 2, 1), as_of))
                out[duty.id] = {"forms": forms, "online": sorted(online)}
            elif duty.id == "dialogues":
                want = {3: rng.randint(0, 1), 6: rng.randint(1, 2), 9: rng.randint(1, 2), 12: rng.randint(2, 3)}.get(self.period.months, 1)
                if self.period.months == 12 and self.chance(self.miss):
                    want = 1
                span = (as_of - date(y, 1, 15)).days
                days = sorted({date(y, 1, 15) + timedelta(days=rng.randint(0, span)) for _ in range(want)})
                if days:
                    out[duty.id] = days
            elif duty.id in ("monthly_task_reports", "monthly_evaluations"):
                out[duty.id] = self.monthly(
                    lambda m: working_day_on_or_before(month_end(y, m)) - timedelta(days=rng.randint(0, 2)), skip=self.miss / 8
                )
            elif duty.id == "monthly_results_publication":
                dates = []
                for m in months:
                    end = month_end(y, m)
                    r = rng.random()
                    if r < self.miss / 8:
                        continue  # missed month (CCHC304)
                    dates.append(self.day(end + timedelta(days=1), end + timedelta(days=3)) if r < self.miss / 3 else end)
                out[duty.id] = dates
            elif duty.id == "tthc_publication":
                entries = []
                for _ in range(rng.randint(1, 3 + self.period.months // 3)):
                    approved = self.day(date(y, 1, 6), as_of - timedelta(days=1))
                    lag = rng.randint(6, 9) if self.chance(self.miss / 2) else rng.randint(0, 5)
                    published = approved + timedelta(days=lag)
                    item: dict[str, Any] = {"approved_on": approved}
                    if published <= as_of:
                        item["published_on"] = published
                    entries.append(item)
                out[duty.id] = sorted(entries, key=lambda e: e["approved_on"])
            elif duty.id == "quarterly_inspection_reports":
                dates = []
                for q in range(1, 5):
                    due = date(y, 3 * q, 15)
                    if due >= as_of or self.chance(self.miss / 3):
                        continue
                    late = self.chance(self.miss / 2)
                    dates.append(self.day(due + timedelta(days=1), due + timedelta(days=10)) if late else self.day(date(y, 3 * q, 5), due))
                if dates:
                    out[duty.id] = dates
            elif duty.id == "quarterly_evaluations":  # one a quarter once it has ended; no day set
                dates = [self.day(date(y, 3 * q, 1), month_end(y, 3 * q)) for q in range(1, 5)
                         if month_end(y, 3 * q) < as_of and not self.chance(self.miss / 4)]
                if dates:
                    out[duty.id] = dates
            elif duty.id == "yearly_evaluations" and month_end(y, 12) < as_of:
                out[duty.id] = [self.day(date(y, 12, 1), month_end(y, 12))]
        return out


# -- invalid files ---------------------------------------------------------------------------------


def spoil(data: dict[str, Any], kind: str, rng: random.Random) -> tuple[dict[str, Any], str | None]:
    """Plant one mistake of ``kind`` in the data; YAML syntax errors are planted in the text."""
    ind = data.get("indicators", {})
    if kind == "percent_count":
        target = rng.choice([k for k in ind if ind[k]]) if ind else None
        if target:
            key = list(ind[target])[-1]
            ind[target][key] = Raw(rng.choice(('"99%"', '"98,6%"', "99,5", "95.5", '"1.234"', "45.0")))
            return data, None
        data["duties"].setdefault("inspection", {})["units"] = Raw('"12 đơn vị"')
        return data, None
    if kind == "unknown_key":
        choice = rng.randrange(4)
        duties = data["duties"]
        if choice == 0 and "inspection" in duties:
            ins = duties["inspection"]
            duties["inspection"] = {("units_inspeced" if k == "units_inspected" else k): v for k, v in ins.items()}
            if "units_inspeced" in duties["inspection"]:
                return data, None
        if choice == 1:
            data = {("submited_on" if k == "submitted_on" else k): v for k, v in data.items()}
            return data, None
        if choice == 2 and "dialogues" in duties:
            duties["dialogue"] = duties.pop("dialogues")
            return data, None
        data["reporter"] = "Nguyễn Văn A, chuyên viên phụ trách CCHC"
        return data, None
    if kind == "impossible_date":
        bad = rng.choice(("30/02/2021", "2021-02-29", "31/04/2021", "2021-06-31", "31/09/2021", "2021-11-31"))
        dated = [k for k, v in data["duties"].items() if isinstance(v, dict) and any(isinstance(x, date) for x in v.values())]
        if dated and rng.random() < 0.6:
            entry = data["duties"][rng.choice(dated)]
            field = next(k for k, v in entry.items() if isinstance(v, date))
            entry[field] = Raw(bad)
        else:
            data["submitted_on"] = Raw(bad)
        return data, None
    if kind == "numerator_above_denominator":
        if ind:
            target = rng.choice(list(ind))
            (den_key, den), (num_key, _) = list(ind[target].items())
            ind[target][num_key] = den + rng.randint(1, 40)
            return data, None
    return data, "yaml_syntax"


def break_syntax(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    flows = [i for i, ln in enumerate(lines) if ln.rstrip().endswith("}") and ": {" in ln]
    choice = rng.randrange(3)
    if choice == 0 and flows:  # an unclosed flow mapping
        i = rng.choice(flows)
        lines[i] = lines[i].rstrip()[:-1] + "\n"
    elif choice == 1:  # a tab for indentation (before a block key: inside [...] a tab is mere space)
        nested = [i for i, ln in enumerate(lines) if re.match(r"^  [A-Za-z_][\w.]*:", ln)]
        if nested:
            i = rng.choice(nested)
            lines[i] = "\t" + lines[i].lstrip(" ")
    else:  # a key without its colon, between two keys of the same mapping
        keys = [i for i, ln in enumerate(lines) if ln.startswith("  ") and not ln.startswith("   ") and ": " in ln]
        if keys:
            i = rng.choice(keys)
            lines[i] = lines[i].replace(": ", " ", 1)
        else:
            lines.append("indicators: [\n")
    return "".join(lines)


# -- writing YAML the way people write these files ------------------------------------------------------


class Writer:
    def __init__(self, style: str, rng: random.Random) -> None:
        self.style = style
        self.rng = rng

    def date(self, d: date) -> str:
        iso = self.style == "iso" or (self.style == "mixed" and self.rng.random() < 0.5)
        return d.isoformat() if iso else d.strftime("%d/%m/%Y")

    def scalar(self, v: Any) -> str:
        if isinstance(v, Raw):
            return str(v)
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, date):
            return self.date(v)
        if isinstance(v, (int, float)):
            return str(v)
        s = str(v)
        if s and not any(c in s for c in ':#{}[],&*!|>\'"%@`') and s.strip() == s and not s[0].isdigit():
            return s
        return json.dumps(s, ensure_ascii=False)

    def flow(self, v: Any) -> str:
        if isinstance(v, dict):
            return "{" + ", ".join(f"{k}: {self.flow(x)}" for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(self.flow(x) for x in v) + "]"
        return self.scalar(v)

    def flow_list(self, key: str, items: list[Any], indent: int, width: int = 100) -> list[str]:
        """``key: [a, b, ...]`` wrapped under the first item, as in the examples."""
        head = " " * indent + f"{key}: ["
        parts = [self.flow(x) for x in items]
        lines, line = [], head
        for i, part in enumerate(parts):
            piece = part + (", " if i < len(parts) - 1 else "")
            if len(line) + len(piece) > width and line != head:
                lines.append(line.rstrip())
                line = " " * len(head) + piece
            else:
                line += piece
        lines.append(line.rstrip() + "]")
        return lines

    def document(self, data: dict[str, Any], header: list[str]) -> str:
        out = [f"# {h}" for h in header]
        for key, value in data.items():
            if key in ("indicators", "tasks", "events") and isinstance(value, dict):
                out.append(f"{key}:")
                for k, v in value.items():
                    out.append(f"  {k}: {self.flow(v)}")
            elif key == "duties" and isinstance(value, dict):
                out.append("duties:")
                for k, v in value.items():
                    if isinstance(v, list) and v and isinstance(v[0], dict):
                        out.append(f"  {k}:")
                        out += [f"    - {self.flow(x)}" for x in v]
                    elif isinstance(v, list):
                        out += self.flow_list(k, v, 2)
                    elif isinstance(v, dict) and any(isinstance(x, list) for x in v.values()):
                        out.append(f"  {k}:")
                        for kk, vv in v.items():
                            out += self.flow_list(kk, vv, 4) if isinstance(vv, list) else [f"    {kk}: {self.flow(vv)}"]
                    else:
                        out.append(f"  {k}: {self.flow(v)}")
            else:
                out.append(f"{key}: {self.scalar(value)}")
        return "\n".join(out) + "\n"


# -- the batch -----------------------------------------------------------------------------------------


def plan_batch(n: int, seed: int, invalid_share: float, late_share: float) -> tuple[dict[int, str], set[int]]:
    """Which files are invalid (and how) and which are late: exact shares, spread by the seed."""
    rng = random.Random(f"{seed}:batch")
    order = list(range(n))
    rng.shuffle(order)
    n_invalid = round(n * invalid_share)
    n_late = min(n - n_invalid, round(n * late_share))
    invalid = {i: INVALID_KINDS[k % len(INVALID_KINDS)] for k, i in enumerate(sorted(order[:n_invalid], key=lambda i: rng.random()))}
    late = set(order[n_invalid : n_invalid + n_late])
    return invalid, late


def generate(n: int, out_dir: Path, seed: int = 2021, periods: list[str] | None = None,
             invalid_share: float = 0.05, late_share: float = 0.1) -> dict[str, Any]:
    plan = Plan()
    periods = periods or list(plan.periods)
    unknown = [p for p in periods if p not in plan.periods]
    if unknown:
        raise SystemExit(f"unknown period(s) {', '.join(unknown)}; the plan's periods are {', '.join(plan.periods)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    units = plan.units
    cycle = len(units) * len(periods)
    invalid, late = plan_batch(n, seed, invalid_share, late_share)
    unit_data = {a.id: Unit(seed, a) for a in units}
    written = total_bytes = duplicates = 0
    kinds: dict[str, int] = {}
    for i in range(n):
        rnd, slot = divmod(i, cycle)
        agency = units[slot % len(units)]
        period_id = periods[slot // len(units)]
        maker = FileMaker(plan, seed, i, agency, period_id, unit_data[agency.id], late=i in late)
        data = maker.build()
        spoil_rng = random.Random(f"{seed}:spoil:{i}")
        syntax = None
        if i in invalid:
            data, syntax = spoil(data, invalid[i], spoil_rng)
            kind = syntax or invalid[i]
            kinds[kind] = kinds.get(kind, 0) + 1
        header = [
            f"Báo cáo tiến độ CCHC năm {plan.year}, kỳ {maker.period.name} ({maker.period.id}) — {agency.name}",
            f"benchmarks/make_reports.py, seed {seed}, tệp #{i}" + (f" (bản lặp thứ {rnd + 1})" if rnd else ""),
        ]
        text = Writer(maker.date_style, maker.rng).document(data, header)
        if syntax:
            text = break_syntax(text, spoil_rng)
        name = f"{agency.id}-{period_id}" + (f"-{rnd + 1}" if rnd else "") + ".yaml"
        (out_dir / name).write_text(text, encoding="utf-8")
        written += 1
        total_bytes += len(text.encode())
        duplicates += rnd > 0
    return {
        "files": written,
        "invalid": len(invalid),
        "invalid_kinds": kinds,
        "late": len(late),
        "duplicates": duplicates,
        "bytes": total_bytes,
        "units": len(units),
        "periods": periods,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, metavar="N", help="number of files to write")
    parser.add_argument("dir", type=Path, metavar="DIR", help="directory to write them into (created)")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--periods", default="Q1,H1,9M,FY", help="comma-separated period ids (default Q1,H1,9M,FY)")
    parser.add_argument("--invalid-share", type=float, default=0.05)
    parser.add_argument("--late-share", type=float, default=0.1)
    args = parser.parse_args(argv)
    if args.n < 0 or not 0 <= args.invalid_share <= 1 or not 0 <= args.late_share <= 1:
        parser.error("N must be >= 0 and the shares between 0 and 1")
    start = time.perf_counter()
    stats = generate(args.n, args.dir, args.seed, [p.strip() for p in args.periods.split(",") if p.strip()],
                     args.invalid_share, args.late_share)
    took = time.perf_counter() - start
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats["invalid_kinds"].items()))
    print(
        f"wrote {stats['files']} files ({stats['bytes'] / 1024:.0f} KiB, {stats['units']} units x "
        f"{len(stats['periods'])} periods, {stats['duplicates']} duplicates) to {args.dir}: "
        f"{stats['invalid']} invalid ({kinds or 'none'}), {stats['late']} late; seed {args.seed}, {took:.1f} s"
    )


if __name__ == "__main__":
    main()
