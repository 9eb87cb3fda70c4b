"""The template ``--export x.svg`` gives Rich's ``Console.export_svg``: Rich's own, offline.

Rich's default template (``rich._export_format.CONSOLE_SVG_FORMAT``) declares Fira Code as an
``@font-face`` whose sources are ``https://cdnjs.cloudflare.com/...``: a viewer on the network
fetches it (and tells a CDN the report was opened), one offline falls back to whatever it has,
and an e-mail client may refuse the file. Here the ``@font-face`` rules and Rich's comment go, and
the terminal text asks for monospaced fonts installed with the systems officers use, which cover
Vietnamese. DejaVu Sans Mono's width/height ratio (0.60) is Fira Code's (0.61) to a percent, so
Rich's layout (``font_aspect_ratio``) still holds. The template is derived from Rich's rather than
copied, so a Rich upgrade's fixes come along; the tests fail if a ``url(`` ever survives.
"""

from __future__ import annotations

import re

#: monospaced, installed rather than fetched, with Vietnamese: Linux, Windows, macOS, then generic
MONO_FONTS = '"DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", Consolas, Menlo, "Courier New", monospace'

_FONT_FACE = re.compile(r"[ \t]*@font-face\s*\{\{.*?\}\}\s*\n", re.DOTALL)
_COMMENT = re.compile(r"[ \t]*<!--.*?-->\s*\n", re.DOTALL)


def offline_format() -> str:
    """Rich's SVG template with nothing to fetch (a ``str.format`` template, as Rich expects)."""
    import inspect

    from rich.console import Console

    # The default of export_svg's code_format is the template Rich documents (console.CONSOLE_SVG_FORMAT,
    # defined in a private module): read where Rich itself passes it, so a move inside Rich does not break us.
    rich_format = str(inspect.signature(Console.export_svg).parameters["code_format"].default)
    template = _COMMENT.sub("", _FONT_FACE.sub("", rich_format))
    return template.replace("font-family: Fira Code, monospace;", f"font-family: {MONO_FONTS};")
