"""Coded messages, in one place (as spaCy's errors.py).

Every error or warning sampark prints to a user starts with its code, so a
message can be looked up in the docs and matched in tests.
"""
from __future__ import annotations


class SamparkError(Exception):
    """An error with a code and an exit status for the command line."""

    exit_status = 1

    def __init__(self, code: str, message: str, **context: object) -> None:
        self.code = code
        self.context = context
        super().__init__(f"[{code}] {message.format(**context)}")


class InputError(SamparkError):
    """Input that sampark cannot read (exit status 2)."""

    exit_status = 2


class Errors:
    E001 = "{path}: not valid UTF-8 at byte {offset}: {detail} (use --errors replace to read it anyway)"
    E002 = "{path}: looks like a binary file (NUL byte at byte {offset}); refused"
    E003 = "{path}: no such file or directory"
    E004 = "{path}: unknown file type {suffix!r}"
    E005 = "{path}: {detail}"
    E006 = "unknown language {lang!r}; sampark reads: {known}"
    E007 = "stage {stage!r} failed on document {doc!r}: {detail}"
    E008 = "{path}: looks like {encoding} text, not UTF-8; convert it or use --errors replace"


class Warnings:
    W001 = "{doc}: the text looks like neither Bengali nor English; facts may be missed"
    W002 = "{doc}: empty document"
