"""Renderers: each turns views or a report into a string. They never compute and never write."""
