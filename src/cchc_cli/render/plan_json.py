"""JSON for ``cchc plan … --format json``: the views as they are, sorted keys, UTF-8 kept readable."""

from __future__ import annotations

from typing import Any

from cchc_cli.render.common import dump_json


def render(document: Any) -> str:
    # A plan given with --plan is input like any other: the same guards as the reports.
    return dump_json(document)
