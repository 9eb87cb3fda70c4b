"""Pydantic models: the plan dataset, its deadlines, and (later) progress files and reports."""
