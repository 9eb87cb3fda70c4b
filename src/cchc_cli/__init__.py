"""cchc: a compliance checker for Hanoi's 2021 public administration reform plan."""

__version__ = "0.1.0"
