"""JSON for ``cchc plan … --format json``: the views as they are, sorted keys, UTF-8 kept readable."""

from __future__ import annotations

import json
from typing import Any


def render(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
