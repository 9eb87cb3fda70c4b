"""A repository's severity per rule: what may be changed, how a request is read, and applying it.

The catalogue (:mod:`cchc_cli.rules`) gives every rule a default severity; a repository may set
another one, or ``off``, in ``severity:`` of its settings or with ``--severity RULE=LEVEL``
(:mod:`cchc_cli.config` reads both; flags beat the file, rule by rule). It is applied here, once,
to each file's report (:func:`apply`), before waivers; every format, the exit code and the
roll-up then read the same findings, so no renderer ever looks at the settings.

Input errors (rules of the input family whose default is ``error``, CCHC001…) are never lowered:
a file that cannot be judged as written has to be fixed, whatever a repository prefers, just as
such findings are never waived.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from cchc_cli.models.report import Report, Severity
from cchc_cli.bilingual import Bilingual

#: the values a severity setting takes; ``off`` removes the rule's findings
LEVELS = ("error", "warning", "info", "off")

#: rule id -> the severity it has in this run, or None when the repository turned it off
Overrides = Mapping[str, Severity | None]


class Refusal(NamedTuple):
    """Why a severity setting cannot be taken, in both languages (message, hint)."""

    message: Bilingual
    hint: Bilingual | None = None


def level_of(value: str) -> Severity | None:
    """``"warning"`` -> Severity.warning; ``"off"`` -> None. The value is one of :data:`LEVELS`."""
    return None if value == "off" else Severity.parse(value)


def refusal(rule_id: str, value: str) -> Refusal | None:
    """Why ``rule_id`` cannot be set to ``value`` (unknown rule, unknown level, a lowered input
    error), or None when it can. ``rule_id`` and ``value`` are already upper- and lower-cased."""
    from cchc_cli.rules import RULES
    from cchc_cli.text import quoted

    rule = RULES.get(rule_id)
    if rule is None:
        from cchc_cli.validation import did_you_mean

        import re

        # 'CCHC02' or 'cchc2' is rule 2 with its zeros left out, nearer than any look-alike string.
        short = re.fullmatch(r"(?i)cchc0*(\d{1,3})", rule_id.strip())
        padded = f"CCHC{int(short.group(1)):03d}" if short else None
        guess = padded if padded in RULES else did_you_mean(rule_id, list(RULES))
        return Refusal(
            Bilingual(
                f"không có quy tắc {quoted(rule_id, lang='vi')}" + (f"; có phải là {guess!r}?" if guess else ""),
                f"there is no rule {quoted(rule_id)}" + (f"; did you mean {guess!r}?" if guess else ""),
            ),
            Bilingual("xem danh mục bằng lệnh 'cchc rules'", "list the rules with 'cchc rules'"),
        )
    if value not in LEVELS:
        return Refusal(
            Bilingual(
                f"{rule.id}: {quoted(value, lang='vi')} không phải mức độ; hãy viết {', '.join(LEVELS)}",
                f"{rule.id}: {quoted(value)} is not a severity; write {', '.join(LEVELS)}",
            ),
        )
    if rule.family == "input" and rule.severity is Severity.error and value != "error":
        return Refusal(
            Bilingual(
                f"{rule.id} ({rule.slug}) là lỗi dữ liệu đầu vào: không thể hạ mức độ, phải sửa tệp",
                f"{rule.id} ({rule.slug}) is an input error: it cannot be lowered, the file has to be fixed",
            ),
            Bilingual(
                "lỗi dữ liệu đầu vào (lỗi CCHC0xx) luôn làm lệnh thất bại với mã thoát 2",
                "input errors (CCHC0xx errors) always fail the run with exit code 2",
            ),
        )
    return None


def parse_flag(spec: str) -> tuple[str, str]:
    """``"CCHC102=warning"`` -> ``("CCHC102", "warning")``, or a UsageError saying what is wrong."""
    from cchc_cli.errors import UsageError
    from cchc_cli.text import quoted

    rule_id, sep, value = spec.partition("=")
    rule_id, value = rule_id.strip().upper(), value.strip().lower()
    if not sep or not rule_id or not value:
        raise UsageError(
            Bilingual(
                f"--severity: {quoted(spec, lang='vi')} không có dạng QUY_TẮC=MỨC",
                f"--severity: {quoted(spec)} is not RULE=LEVEL",
            ),
            None,
            Bilingual(
                f"ví dụ --severity CCHC102=warning; các mức: {', '.join(LEVELS)}",
                f"for example --severity CCHC102=warning; the levels are {', '.join(LEVELS)}",
            ),
        )
    problem = refusal(rule_id, value)
    if problem is not None:
        raise UsageError(
            Bilingual(
                f"--severity: {problem.message.vi}",
                f"--severity: {problem.message.en}",
            ),
            None,
            problem.hint,
        )
    return rule_id, value


def apply(report: Report, overrides: Overrides) -> Report:
    """``report`` with each finding at its rule's severity for this run; a rule that is off has
    no findings. Counts and order follow (the report's summary is made again)."""
    if not overrides or not any(f.rule in overrides for f in report.findings):
        return report
    from cchc_cli.engine import summarise

    findings = []
    for finding in report.findings:
        if finding.rule not in overrides:
            findings.append(finding)
            continue
        level = overrides[finding.rule]
        if level is not None:
            findings.append(finding._replace(severity=level))
    result = tuple(sorted(findings, key=lambda f: f.sort_key()))
    return report._replace(
        findings=result, summary=summarise(result, report.targets, report.tasks, report.duties)
    )
