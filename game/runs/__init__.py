"""Runs against a challenge: timing, splits, replays anyone can verify, records and routes.

Headless on purpose (no Textual, no Rich): ``verify``, ``route`` and ``records`` use it from the
command line, the UI drives the very same ``Run``.
"""
