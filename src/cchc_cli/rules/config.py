"""Configuration rules (``CCHC5xx``): problems with the checked repository's own settings.

Only one so far: a waiver past its expiry date. Its finding is placed at the waiver in the
configuration file, not in the progress file, so it is made here as a placed
:class:`~cchc_cli.models.report.Finding`, for :func:`cchc_cli.engine.apply_waivers` to add.
"""

from __future__ import annotations

from datetime import date

from cchc_cli.compiled import Bilingual
from cchc_cli.models.report import Finding, RuleMeta, Severity, Waiver
from cchc_cli.text import quoted, visible

WAIVER_EXPIRED = RuleMeta(
    id="CCHC501", slug="waiver-expired", family="config", severity=Severity.error,
    title=Bilingual("Miễn trừ đã hết hạn", "Waiver expired"),
    help=Bilingual("Một miễn trừ trong cấu hình đã quá ngày hết hạn: phát hiện lại được tính; hãy gia hạn (có phê duyệt) hoặc xóa miễn trừ.",
               "A waiver in the configuration is past its expiry date: the finding counts again; renew it (approved) or remove it."),
)


def waiver_expired(waiver: Waiver, subject: str, judged_on: date, by_clock: bool) -> Finding:
    """The finding that ``waiver``, for a finding about ``subject``, expired before ``judged_on``.

    ``by_clock``: judged against a given day (``CCHC_TODAY``) rather than the report's as-of
    date; the message says which, so nobody looks for a clock.
    """
    against_vi, against_en = ("ngày", "the date") if by_clock else ("ngày chốt số liệu của báo cáo", "the report's as-of date")
    # The waiver's words come from the repository's configuration: quoted, like any input.
    rule, quoted_subject, approver = visible(waiver.rule), quoted(waiver.subject), quoted(waiver.approver)
    return Finding(
        rule=WAIVER_EXPIRED.id, slug=WAIVER_EXPIRED.slug, severity=WAIVER_EXPIRED.severity, subject=subject,
        message=Bilingual(
            f"miễn trừ {rule} cho {quoted_subject} đã hết hạn ngày {waiver.expires.strftime('%d/%m/%Y')}, "
            f"trước {against_vi} {judged_on.strftime('%d/%m/%Y')} (người duyệt: {approver})",
            f"the waiver of {rule} for {quoted_subject} expired on {waiver.expires.isoformat()}, "
            f"before {against_en} {judged_on.isoformat()} (approved by {approver})",
        ),
        location=waiver.source,
        hint=Bilingual("gia hạn miễn trừ (có phê duyệt) hoặc xóa nó", "renew the waiver (approved) or remove it"),
    )
