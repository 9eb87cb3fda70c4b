"""Entry point for ``python -m cchc_cli`` and the ``cchc`` console script."""

from __future__ import annotations


def main() -> None:
    from cchc_cli.cli import run

    run()


if __name__ == "__main__":
    main()
