"""The template ``--export x.svg`` gives Rich's ``Console.export_svg``: Rich's own, offline.

Rich's default template (``rich._export_format.CONSOLE_SVG_FORMAT``) declares Fira Code as an
``@font-face`` whose sources are ``https://cdnjs.cloudflare.com/...``: a viewer on the network
fetches it (and tells a CDN the report was opened), one offline falls back to whatever it has,
and an e-mail client may refuse the file. Here the ``@font-face`` rules and Rich's comment go, and
the terminal text asks for monospaced fonts installed with the systems officers use, which cover
Vietnamese. DejaVu Sans Mono's width/height ratio (0.60) is Fira Code's (0.61) to a percent, so
Rich's layout (``font_aspect_ratio``) still holds. The template is derived from Rich's rather than
copied, so a Rich upgrade's fixes come along; the tests fail if a ``url(`` ever survives.

Vietnamese letters with two marks (ế, ố, ấ, ể, ắ, ẫ …, most of U+1EA0–U+1EF9) are not in DejaVu
Sans Mono, nor in Menlo (derived from it) or older Liberation Mono. A browser does not fall back to
another font for them: the font has ê and a combining acute, so the shaper decomposes ế into those
two, and with no anchor for a tone above a circumflex the acute lands beside the letter ("Kê´
hoạch"). Rich's ``textLength`` is not the cause (the SVG without it looks the same). So the text's
first family is :data:`VIETNAMESE_FAMILY`, a local-only ``@font-face`` limited to that block by
``unicode-range``: those letters come from the first installed font that has them precomposed
(monospaced ones first, then DejaVu Sans, the same design as DejaVu Sans Mono and on every Linux
desktop, then Arial); every other character still comes from the monospaced stack. ``local()``
reads an installed font and fetches nothing.
"""

from __future__ import annotations

import re

#: monospaced, installed rather than fetched, with Vietnamese: Linux, Windows, macOS, then generic
MONO_FONTS = '"DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", Consolas, Menlo, "Courier New", monospace'

#: the family that gives the Vietnamese block U+1EA0-U+1EF9 a font with the letters precomposed
VIETNAMESE_FAMILY = "cchc-vietnamese"

#: installed fonts (full and PostScript names, as ``local()`` matches either) that have every
#: letter of the block precomposed, regular and bold; monospaced first
_VIETNAMESE_LOCAL = {
    "normal": ("Noto Sans Mono", "NotoSansMono-Regular", "Consolas", "Courier New", "CourierNewPSMT",
               "DejaVu Sans", "DejaVuSans", "Arial", "ArialMT"),
    "bold": ("Noto Sans Mono Bold", "NotoSansMono-Bold", "Consolas Bold", "Courier New Bold", "CourierNewPS-BoldMT",
             "DejaVu Sans Bold", "DejaVuSans-Bold", "Arial Bold", "Arial-BoldMT"),
}


def _vietnamese_faces() -> str:
    """The ``@font-face`` rules, braces doubled for Rich's ``str.format`` template."""
    rules = []
    for weight, names in _VIETNAMESE_LOCAL.items():
        sources = ", ".join(f'local("{name}")' for name in names)
        rules.append(f'    @font-face {{{{ font-family: "{VIETNAMESE_FAMILY}"; font-weight: {weight}; '
                     f"src: {sources}; unicode-range: U+1EA0-1EF9; }}}}\n")
    return "".join(rules)


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
    template = template.replace("font-family: Fira Code, monospace;", f'font-family: "{VIETNAMESE_FAMILY}", {MONO_FONTS};')
    return template.replace("<style>\n", "<style>\n" + _vietnamese_faces(), 1)
