"""`cchc plan …`: views of the plan dataset (info, targets, tasks, agencies, errata) and its calendar.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""

import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from cchc_cli import completions
from cchc_cli.commands import help_of
from cchc_cli.commands.base import (
    ColorOption,
    DECIDED_LANG,
    EXIT_INPUT,
    FormatOption,
    GlobalLang,
    Lang,
    LangOption,
    PlanFormat,
    PlanOption,
    emit,
    err,
    guarded,
    new_console,
    state,
    use_color,
)
from cchc_cli.commands.judging import files_read, print_input_findings
from cchc_cli.uilang import pick as _h
from cchc_cli.bilingual import Bilingual


plan_app = typer.Typer(
    help=help_of("plan"),
    no_args_is_help=True,
    add_completion=False,
)


@plan_app.callback()
def plan_group(lang: GlobalLang = None) -> None:
    # No docstring: the group's help is plan_app's. Later on the line than the root's, so it wins.
    if lang is not None:
        state.lang_flag = lang.value


def _plan_output(
    fmt: PlanFormat, lang: Lang, document: dict[str, Any], key: str | None, text_renderer: Callable[[Any, str, Any], str]
) -> None:
    """Write ``document`` as JSON, or its ``key`` part (the whole of it when None) as a table."""
    if fmt is PlanFormat.json:
        from cchc_cli.render import plan_json

        emit(plan_json.render(document))
    else:
        emit(text_renderer(document if key is None else document[key], lang.value, new_console()))

def _show(fmt: PlanFormat, lang: Lang, views: Any, key: str, payload: Any) -> None:
    """Write one view of the plan: the JSON document of ``key``, or its table (``plan_text.<key>``)."""
    from cchc_cli import api

    _plan_output(fmt, lang, api.document(views, key, payload), key, _text_renderer(fmt, key))


def _text_renderer(fmt: PlanFormat, key: str) -> Callable[[Any, str, Any], str]:
    if fmt is PlanFormat.json:
        return lambda *_: ""  # never called: JSON needs neither Rich nor the table module
    from cchc_cli.render import plan_text

    return getattr(plan_text, key)  # type: ignore[no-any-return]



@plan_app.command(
    "info",
    help=_h(
        "Thông tin bộ dữ liệu: phiên bản, mã băm, số lượng.",
        "Dataset metadata: version, digest, counts.",
    ),
)
@guarded
def plan_info(
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    _plan_output(fmt, lang, api.plan_views(plan).info, None, _text_renderer(fmt, "info"))


@plan_app.command(
    "targets",
    help=_h(
        "Các chỉ tiêu cụ thể (mục I.3).",
        "The quantitative targets (section I.3).",
    ),
)
@guarded
def plan_targets(
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    views = api.plan_views(plan)
    _show(fmt, lang, views, "targets", views.targets)


class DeadlineKind(str, Enum):
    date = "date"
    quarter = "quarter"
    month = "month"
    recurring = "recurring"
    guidance = "guidance"
    direction = "direction"
    event = "event"
    reporting = "reporting"


@plan_app.command(
    "tasks",
    help=_h(
        "Các nhiệm vụ của Phụ lục, có lọc.",
        "Appendix tasks, filtered.",
    ),
)
@guarded
def plan_tasks(
    agency: Annotated[
        str | None, typer.Option("--agency", "-a", help=_h("Cơ quan chủ trì (mã hoặc tên).", "Lead agency (id or name)."),
                                  metavar=_h("CƠ_QUAN", "AGENCY"), autocompletion=completions.agencies)
    ] = None,
    coordinating: Annotated[
        bool, typer.Option("--coordinating", help=_h("Gồm cả nhiệm vụ phối hợp.", "Include tasks it coordinates."))
    ] = False,
    section: Annotated[str | None, typer.Option("--section", "-s", help=_h("Mục của Kế hoạch: I … VII.", "The plan's section: I … VII."), metavar=_h("MỤC", "SECTION"),
                                                autocompletion=completions.sections)] = None,
    due_before: Annotated[
        str | None, typer.Option("--due-before", help=_h("Hạn trước ngày NGÀY (không gồm ngày đó).", "Due strictly before DATE."), metavar=_h("NGÀY", "DATE"))
    ] = None,
    kind: Annotated[DeadlineKind | None, typer.Option("--kind", "-k", help=_h("Loại thời hạn.", "Deadline kind."))] = None,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    from cchc_cli.commands.judging import parse_cli_date

    before = parse_cli_date("--due-before", due_before)
    views = api.plan_views(plan)
    from cchc_cli.compiled import compiled_plan

    tasks = api.filter_tasks(
        views,
        # Only --agency needs the registry (names, aliases, groups): the compiled plan's, cached too.
        compiled_plan(plan) if agency else None,
        agency=agency,
        coordinating=coordinating,
        section=section,
        due_before=before,
        kind=kind.value if kind else None,
    )
    _show(fmt, lang, views, "tasks", tasks)


@plan_app.command(
    "task",
    help=_h(
        "Một nhiệm vụ đầy đủ: văn bản gốc, thời hạn, đính chính.",
        "One task in full: source text, deadline, errata.",
    ),
)
@guarded
def plan_task(
    task_id: Annotated[str, typer.Argument(metavar=_h("MÃ", "ID"), help=_h("Mã nhiệm vụ, ví dụ III.4.1.", "Task id, e.g. III.4.1."),
                                         autocompletion=completions.tasks)],
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    views = api.plan_views(plan)
    _show(fmt, lang, views, "task", api.get_task(views, task_id))


class AgencyKindChoice(str, Enum):
    department = "department"
    district = "district"
    city = "city"
    central = "central"
    institute = "institute"
    school = "school"
    training_centre = "training_centre"
    press = "press"
    public_service_unit = "public_service_unit"


@plan_app.command(
    "agencies",
    help=_h(
        "Danh mục cơ quan, đơn vị.",
        "The agency registry.",
    ),
)
@guarded
def plan_agencies(
    kind: Annotated[AgencyKindChoice | None, typer.Option("--kind", "-k", help=_h("Loại cơ quan.", "Agency kind."))] = None,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    views = api.plan_views(plan)
    _show(fmt, lang, views, "agencies", [a for a in views.agencies if kind is None or a["kind"] == kind.value])


@plan_app.command(
    "errata",
    help=_h(
        "Các lỗi của văn bản gốc và cách công cụ đọc.",
        "Errors in the source text and the tool's reading of them.",
    ),
)
@guarded
def plan_errata(
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    views = api.plan_views(plan)
    _show(fmt, lang, views, "errata", views.errata)


# -- cchc plan calendar (issue 13): an agency's deadlines as an iCalendar file ---------------------


@plan_app.command(
    "calendar",
    help=_h(
        "Lịch các thời hạn của một cơ quan (iCalendar .ics).\n\n"
        "Nhiệm vụ Phụ lục chủ trì, trách nhiệm mục V, hạn báo cáo (ngày 15), chốt số liệu (ngày 10). "
        "Thời hạn không có ngày được liệt kê trên stderr, không đưa vào lịch.",
        "An agency's deadlines as an iCalendar file.\n\n"
        "Appendix tasks it leads, section V duties, report due dates (15th), data cut-offs (10th). "
        "Deadlines with no day are listed on stderr, never given an invented date.",
    ),
)
@guarded
def plan_calendar(
    agency: Annotated[
        str | None,
        typer.Option("--agency", "-a", help=_h("Cơ quan, đơn vị (mã hoặc tên).", "Agency (id or name)."),
                     metavar=_h("CƠ_QUAN", "AGENCY"), show_default=False, autocompletion=completions.agencies),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help=_h("Chỉ các hạn đến hết kỳ này: Q1, H1, 9M, FY.", "Only deadlines up to the end of this period: Q1, H1, 9M, FY."),
                     metavar=_h("KỲ", "PERIOD"), show_default=False, autocompletion=completions.periods),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar=_h("TỆP.ics", "FILE.ics"),
                     help=_h("Tệp .ics sẽ ghi; chỉ ghi đè một tệp lịch (hoặc với --force); mặc định in ra màn hình.",
                             "The .ics file to write; only a calendar file is replaced (or any, with --force); standard output by default."),
                     show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("Ghi đè tệp -o đã có dù không phải tệp lịch.", "Replace an existing -o file even if it is not a calendar."))] = False,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", metavar=_h("TỆP_TIẾN_ĐỘ.yaml", "PROGRESS.yaml"),
                     help=_h("Chỉ những gì còn mở theo tệp tiến độ, tại ngày as_of của tệp.", "Only what is still open by this progress file, at its as_of."),
                     show_default=False),
    ] = None,
    remind: Annotated[
        int, typer.Option("--remind", metavar=_h("SỐ_NGÀY", "DAYS"), min=0, max=90,
                          help=_h("Nhắc trước bao nhiêu ngày (9 giờ sáng).", "Reminder this many days before (at 9:00)."))
    ] = 7,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api, deadlines
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.errors import UsageError
    from cchc_cli.i18n import t
    from cchc_cli.render import plan_ics

    chosen = state.lang = lang.value
    if output is not None and output.suffix.lower() != ".ics":
        # A slip of the keyboard (-o so-tu-phap-FY.yaml) must not cost a progress file.
        raise UsageError(
            Bilingual(
                f"--output: tên tệp {output.name} phải có đuôi .ics",
                f"--output: {output.name} must end in .ics",
            ),
            None,
            Bilingual(
                "hãy nêu tên tệp lịch, ví dụ -o thoi-han.ics",
                "name a calendar file, such as -o deadlines.ics",
            ),
        )
    loaded = api.open_plan(plan)
    compiled = compiled_plan(plan)
    chosen_period = api._period_option(compiled, period) if period is not None else None
    report = None
    if from_file is not None:
        report = api.check(from_file, plan_path=plan)
        if report.agency is None or report.has_input_errors:
            print_input_findings(report._replace(findings=tuple(f for f in report.findings if f.is_input_error)), chosen)
            raise typer.Exit(EXIT_INPUT)
        if agency is not None and api.resolve_agency(compiled, agency).id != report.agency.id:
            raise UsageError(
                Bilingual(
                    f"--agency {agency} không phải {report.agency.name}, đơn vị của tệp tiến độ --from",
                    f"--agency {agency} is not {report.agency.name_en}, whose progress file --from names",
                ),
                None,
                Bilingual(
                    "bỏ --agency: đơn vị được lấy từ tệp",
                    "leave out --agency: it is read from the file",
                ),
            )
        agency = report.agency.id
    if agency is None:
        raise UsageError(
            Bilingual(
                "thiếu --agency: lịch của cơ quan nào?",
                "--agency is missing: whose deadlines?",
            ),
            None,
            Bilingual(
                "thêm --agency TÊN, hoặc --from TỆP_TIẾN_ĐỘ.yaml",
                "add --agency NAME, or --from PROGRESS.yaml",
            ),
        )
    found = api.resolve_agency(compiled, agency)
    calendar = deadlines.build(compiled, loaded, found, period=chosen_period, report=report)
    if calendar.left_out:
        err(f"cchc: {t('ics.left_out', chosen)}:")
        for item in calendar.left_out:
            err(f"  {item.label.get(chosen)}: {item.why.get(chosen)}")
    if not calendar.entries:
        if report is None and chosen_period is None:  # not "nothing left": nothing ever had a day
            raise deadlines.nothing_dated(found)
        err(f"cchc: {t('ics.nothing', chosen)}")
        return
    text = plan_ics.render(calendar, chosen, _calendar_stamp(), remind)
    if output is None:
        emit(text)
        return
    from cchc_cli import outputs

    # A calendar replaces the calendar it updates; anything else (what a link names, too) only with --force.
    target = outputs.Target(output, "--output", replace=force or outputs.begins_with(output, b"BEGIN:VCALENDAR"))
    outputs.check([target], files_read([from_file] if from_file else [], None, plan))
    outputs.write(target, text)
    err(f"cchc: {t('ics.wrote', chosen).format(n=len(calendar.entries))} {output}")


def _calendar_stamp() -> Any:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (a reproducible file), the time of the run otherwise."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


# -- end of cchc plan calendar -------------------------------------------------------------------
