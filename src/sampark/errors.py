"""Coded messages, in one place (as spaCy's errors.py).

Every error or warning sampark prints to a user starts with its code, so a
message can be looked up in the docs and matched in tests.
"""
from __future__ import annotations


class SamparkError(Exception):
    """An error with a code and an exit status for the command line."""

    exit_status = 1

    def __init__(self, code: str, message: str | None = None, **context: object) -> None:
        """``SamparkError("E007", stage="dates", doc="d1", detail="...")`` formats its own
        message from :class:`Errors`; an explicit ``message`` is still accepted."""
        self.code = code
        self.context = context
        template = message if message is not None else getattr(Errors, code)
        super().__init__(f"[{code}] {template.format(**context)}")


class InputError(SamparkError):
    """Input that sampark cannot read (exit status 2)."""

    exit_status = 2


class Errors:
    E001 = "{path}: not valid UTF-8 at byte {offset}: {detail} (use --errors replace to read it anyway)"
    E002 = "{path}: looks like a binary file (NUL byte at byte {offset}); refused"
    E003 = "{path}: no such file or directory"
    E004 = "{path}: unknown file type {suffix!r}"
    E005 = "{path}: cannot be read: {detail}"
    E006 = "unknown language {lang!r}; sampark reads: {known}"
    E007 = "stage {stage!r} failed on document {doc!r}: {detail}"
    E008 = "{path}: not UTF-8 at byte {offset}: looks like {encoding} text; convert it or use --errors replace"


class Warnings:
    W001 = "{doc}: the text looks like neither Bengali nor English; facts may be missed"
    W002 = "{doc}: empty document"


# Readers and the store (issue 3). Appended as a block so that the numbers
# do not collide with codes others add above.
Errors.E301 = "{path}: holds many documents ({kind}); use `sampark ingest` to read it"
Errors.E302 = "{path}: not well-formed XML at line {line}, column {column}: {detail}"
Errors.E303 = "{path}: the dump ends early at line {line} (byte {offset} of the decompressed text): {detail}; kept {pages} whole pages, skipped {skipped}"
Errors.E304 = "{path}: CSV has no text column (looked for {wanted}; found {found})"
Errors.E305 = "{path}: line {line}: not a JSON record: {detail}"
Errors.E306 = "{path}: compressed data is corrupt or truncated after {offset} decompressed bytes: {detail}"
Errors.E307 = "{path}: {kind} has no text field (looked for {wanted})"
Errors.E308 = "{path}: empty file"
Errors.E309 = "{path}: not JSON: {detail}"
Errors.E310 = "database {url}: {detail}"
Errors.E311 = "database {url} has schema version {found}, newer than this sampark knows ({known}); upgrade sampark"
Errors.E312 = "{doc}: extraction failed: {detail}"
Errors.E313 = "unknown state {name!r}"
Errors.E314 = "{path}: HTML page has no main text"
Errors.E315 = "{doc}: could not be stored: {detail}"
Errors.E316 = "cannot reach the Dask scheduler at {address}: {detail}"

# Reliability (issue 16): one meaning per code. E005 means only "the
# operating system could not read the file"; what it used to cover as well
# (bad CSV, short CSV rows, not a dump) has its own code below. Numbered
# from E330 so that codes others append after E316 do not collide.
Errors.E330 = "{path}: directory cannot be read: {detail}; skipped"
Errors.E331 = "{path}: not a regular file ({kind}); skipped"
Errors.E332 = "{path}: a link to {target}, outside {root}; skipped (use --follow-links to read it)"
Errors.E333 = "{path}: {what} at line {line} is larger than {limit} bytes (--max-bytes); skipped, the rest kept"
Errors.E334 = "{path}: line {line}: JSON nested too deeply to read; skipped"
Errors.E335 = "{path}: line {line}: record could not be read: {detail}; skipped"
Errors.E336 = "{path}: reading stopped at line {line}: {detail}; kept {kept} documents before it"
Errors.E337 = "{path}: not a MediaWiki dump (root element <{tag}>)"
Errors.E338 = "{path}: line {line}: row {row} has {given} of the {columns} columns, none for the text column {column!r}; row skipped"
Errors.E339 = "{path}: line {line}: bad CSV: {detail}"
Errors.E340 = "{path}: line {line}: a quote opened in the row starting here is never closed; the {lines} lines after it were read as one field and skipped"
