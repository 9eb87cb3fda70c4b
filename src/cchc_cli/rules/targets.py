"""Targets of section I.3, judged on the cumulative counts, exactly.

A rate is the Fraction numerator/denominator and is compared with the plan's threshold as a
Fraction: 2277 of 2300 is exactly 99% and meets "≥ 99%"; 2276 of 2300 does not, whatever a
float or a rounded percentage would say. Which indicators exist, which counts each takes, the
threshold and who it applies to are all data of the plan.
"""

from __future__ import annotations

import math
from fractions import Fraction

from cchc_cli.compiled import CompiledTarget, Bilingual
from cchc_cli.models.report import RuleMeta, Severity, TargetRow
from cchc_cli.numbers import count, goal, percent, ratio
from cchc_cli.rules.base import Context, FamilyResult, FindingDraft, draft
from cchc_cli.rules.inputs import IMPOSSIBLE_COUNT, NOT_APPLICABLE
from cchc_cli.text import lower_first, quoted

UNKNOWN_INDICATOR = RuleMeta(
    id="CCHC008", slug="unknown-indicator", family="input", severity=Severity.error,
    title=Bilingual("Chỉ số hoặc số đếm không có trong Kế hoạch", "Unknown indicator or count"),
    help=Bilingual("Các chỉ số là chỉ tiêu của mục I.3 ('cchc plan targets'), mỗi chỉ số có đúng hai số đếm.",
               "Indicators are the targets of section I.3 ('cchc plan targets'), each with exactly its two counts."),
)
TARGET_MISSED = RuleMeta(
    id="CCHC101", slug="target-missed", family="targets", severity=Severity.error,
    title=Bilingual("Chưa đạt chỉ tiêu", "Target missed"),
    help=Bilingual("Tỷ lệ tính từ số đếm lũy kế thấp hơn ngưỡng của Kế hoạch (so sánh chính xác, không làm tròn).",
               "The rate from the cumulative counts is below the plan's threshold (compared exactly, never rounded)."),
)
# A strive target ("Phấn đấu … tối thiểu 85%") is still a target a unit meets or misses:
# an error, as CCHC101, under its own id so that a repository can soften it (severity:).
ASPIRATIONAL_TARGET_MISSED = RuleMeta(
    id="CCHC102", slug="aspirational-target-missed", family="targets", severity=Severity.error,
    title=Bilingual("Chưa đạt chỉ tiêu phấn đấu", "Aspirational target missed"),
    help=Bilingual("Chỉ tiêu Kế hoạch ghi là 'phấn đấu' chưa đạt: là lỗi như mọi chỉ tiêu; thiết lập severity của kho mã có thể hạ mức (CCHC102: warning).",
               "A target the plan states as one to strive for ('Phấn đấu') is not reached: an error like any target, which a repository's severity setting may soften (CCHC102: warning)."),
)
TARGET_NOT_REPORTED = RuleMeta(
    id="CCHC103", slug="target-not-reported", family="targets", severity=Severity.error,
    title=Bilingual("Thiếu số liệu chỉ tiêu", "Target not reported"),
    help=Bilingual("Chỉ tiêu áp dụng cho đơn vị nhưng tệp không có số liệu của nó.",
               "The target applies to the unit but the file gives no counts for it."),
)
TARGET_NO_DATA = RuleMeta(
    id="CCHC104", slug="target-no-data", family="targets", severity=Severity.info,
    title=Bilingual("Chưa có dữ liệu để đánh giá", "Nothing to judge yet"),
    help=Bilingual("Mẫu số bằng 0 (ví dụ chưa có hồ sơ nào): chỉ tiêu chưa thể đánh giá.",
               "The denominator is 0 (e.g. no dossier yet): the target cannot be judged."),
)


def shortfall(numerator: int, denominator: int, target: CompiledTarget) -> int | None:
    """How many more numerator units, on the same denominator, would meet the target."""
    if target.comparator == ">=":
        need = math.ceil(target.threshold * denominator)
    elif target.comparator == ">":
        need = math.floor(target.threshold * denominator) + 1
    else:
        return None
    return need - numerator if numerator < need <= denominator else None


def evaluate(ctx: Context) -> FamilyResult:
    # Imported here, not at the top: the catalogue imports this module for its rule constants alone.
    from cchc_cli.i18n import t
    from cchc_cli.validation import MAX_PROBLEMS, did_you_mean

    findings: list[FindingDraft] = []
    rows: list[TargetRow] = []
    indicators = ctx.indicators
    by_id = {t.id: t for t in ctx.plan.targets}
    kind = ctx.agency.kind

    unknown = 0
    for key in indicators:
        if key not in by_id:
            unknown += 1  # past the problems a report lists, a suggestion would only cost time
            guess = did_you_mean(key, list(by_id)) if unknown <= MAX_PROBLEMS else None
            tip_vi = f"; có phải là {guess!r}?" if guess else f"; các chỉ số: {', '.join(by_id)}"
            tip_en = f"; did you mean {guess!r}?" if guess else f"; the indicators are {', '.join(by_id)}"
            findings.append(
                draft(UNKNOWN_INDICATOR, f"indicator:{key}", ("indicators", key),
                      f"chỉ số {quoted(key, lang='vi')} không có trong Kế hoạch{tip_vi}", f"indicator {quoted(key)} is not in the plan{tip_en}")
            )

    for target in ctx.plan.targets:
        entry = indicators.get(target.id)
        subject = f"indicator:{target.id}"
        if kind not in target.applies_to:
            if entry is not None:
                findings.append(
                    draft(NOT_APPLICABLE, subject, ("indicators", target.id),
                          f"chỉ tiêu {target.id} không áp dụng cho {t(f'agency_kind.{kind}', 'vi')}; số liệu này bị bỏ qua",
                          f"target {target.id} does not apply to a unit of kind {kind}; these counts are ignored")
                )
            continue
        row, problems = _judge(ctx, target, entry)
        findings.extend(problems)
        rows.append(row)
    return FamilyResult(findings, targets=rows)


def _row(target: CompiledTarget, verdict: str, num: int | None = None, den: int | None = None, short: int | None = None) -> TargetRow:
    # Counts that cannot be true have no rate: 46 trained of 45 staff is not "102%".
    value = Fraction(num, den) if num is not None and den and verdict != "invalid" else None
    return TargetRow(
        gap=value - target.threshold if value is not None else None,
        id=target.id,
        title=target.title,
        numerator=num,
        denominator=den,
        value=value,
        comparator=target.comparator,
        threshold=target.threshold,
        threshold_percent=target.threshold_percent,
        aspirational=target.aspirational,
        verdict=verdict,
        shortfall=short,
    )


def _judge(ctx: Context, target: CompiledTarget, entry: dict[str, int] | None) -> tuple[TargetRow, list[FindingDraft]]:
    from cchc_cli.i18n import t
    from cchc_cli.validation import did_you_mean

    subject = f"indicator:{target.id}"
    path = ("indicators", target.id)
    if entry is None:
        return _row(target, "not_reported"), [
            draft(TARGET_NOT_REPORTED, subject, ctx.parent_path("indicators"),
                  f"thiếu số liệu chỉ tiêu {target.id} ({target.title.vi}): cần {target.numerator} và {target.denominator}",
                  f"no counts for target {target.id} ({target.title.en}): give {target.numerator} and {target.denominator}",
                  Bilingual(f"thêm '{target.id}: {{{target.denominator}: …, {target.numerator}: …}}' dưới indicators",
                        f"add '{target.id}: {{{target.denominator}: …, {target.numerator}: …}}' under indicators"))
        ]
    problems: list[FindingDraft] = []
    expected = [target.numerator, target.denominator]
    for key in entry:
        if key not in expected:
            guess = did_you_mean(key, expected)
            problems.append(
                draft(UNKNOWN_INDICATOR, subject, (*path, key),
                      f"{target.id} không có số đếm {quoted(key, lang='vi')}" + (f"; có phải là {guess!r}?" if guess else f"; cần {target.numerator} và {target.denominator}"),
                      f"{target.id} has no count {quoted(key)}" + (f"; did you mean {guess!r}?" if guess else f"; it takes {target.numerator} and {target.denominator}"))
            )
    missing = [k for k in expected if k not in entry]
    if missing:
        problems.append(
            draft(UNKNOWN_INDICATOR, subject, path,
                  f"{target.id} thiếu số đếm {', '.join(missing)}", f"{target.id} is missing {', '.join(missing)}")
        )
    if problems:
        return _row(target, "invalid"), problems
    num, den = entry[target.numerator], entry[target.denominator]
    if num > den:
        return _row(target, "invalid", num, den), [
            draft(IMPOSSIBLE_COUNT, subject, (*path, target.numerator),
                  f"{target.numerator} ({count(num, 'vi')}) lớn hơn {target.denominator} ({count(den, 'vi')}): số liệu không thể đúng",
                  f"{target.numerator} ({count(num, 'en')}) is greater than {target.denominator} ({count(den, 'en')}), which cannot be",
                  Bilingual(f"{target.numerator_label.vi} không thể vượt {lower_first(target.denominator_label.vi)}",
                        f"{target.numerator_label.en} cannot exceed {target.denominator_label.en}"))
        ]
    if den == 0:
        return _row(target, "no_data", num, den), [
            draft(TARGET_NO_DATA, subject, (*path, target.denominator),
                  f"{target.denominator} bằng 0: chưa thể đánh giá chỉ tiêu {target.id}",
                  f"{target.denominator} is 0: target {target.id} cannot be judged yet")
        ]
    value = Fraction(num, den)
    if target.met_by(value):
        return _row(target, "met", num, den), []
    short = shortfall(num, den, target)
    need_vi = f"; cần thêm {count(short, 'vi')} ({lower_first(target.numerator_label.vi)})" if short else ""
    need_en = f"; {count(short, 'en')} more needed ({target.numerator_label.en})" if short else ""
    rule = ASPIRATIONAL_TARGET_MISSED if target.aspirational else TARGET_MISSED
    # A strive target says so in its message, as the plan does: "≥ 85% (phấn đấu)".
    strive_vi, strive_en = (f" ({t('aspirational', 'vi')})", f" ({t('aspirational', 'en')})") if target.aspirational else ("", "")
    return _row(target, "missed", num, den, short), [
        draft(rule, subject, path,
              f"{target.title.vi}: {percent(value, 'vi')} ({ratio(num, den, 'vi')}), chưa đạt "
              f"{goal(target.comparator, target.threshold_percent, 'vi')}{strive_vi}{need_vi}",
              f"{target.title.en}: {percent(value, 'en')} ({ratio(num, den, 'en')}) is below "
              f"{goal(target.comparator, target.threshold_percent, 'en')}{strive_en}{need_en}")
    ]
