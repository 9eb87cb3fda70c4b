"""Entry point for ``python -m cchc_cli`` and the ``cchc`` console script.

The language is decided before :mod:`cchc_cli.cli` is imported: its help texts are chosen when
the app is built, and Typer's own words (usage errors, "Usage:", panel titles) must already speak
it while the command line is parsed (:mod:`cchc_cli.uilang`, :mod:`cchc_cli.clichrome`).
"""

from __future__ import annotations


def main() -> None:
    import sys

    from cchc_cli import uilang

    lang = uilang.decide(sys.argv[1:])
    uilang.set_lang(lang)
    from cchc_cli import clichrome

    # Before the CLI module is imported, so that gettext-bound words are Vietnamese from the start.
    clichrome.install(lang)
    from cchc_cli.cli import run

    run()


if __name__ == "__main__":
    main()
