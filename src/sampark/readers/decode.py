"""Bytes to text: UTF-8 by default, UTF-16 by its byte-order mark, nothing guessed.

A file that is not UTF-8 is refused rather than decoded by guesswork,
because a wrong guess silently corrupts every name and date in it; the
message says what it looks like so that the user can convert it.
"""
from __future__ import annotations

import codecs

from sampark.readers.model import ReadProblem, problem

_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_bytes(data: bytes, path: str, errors: str = "strict") -> str | ReadProblem:
    """Decode a whole file.

    Args:
        data: the file's bytes.
        path: its name, for messages.
        errors: ``"strict"`` refuses invalid UTF-8; ``"replace"`` puts U+FFFD
            in place of bad bytes.

    Returns:
        The text, or a ReadProblem (E001 invalid UTF-8, E002 binary, E008 an
        8-bit or other non-UTF-8 encoding).
    """
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec, errors)
            except UnicodeDecodeError as exc:
                return problem("E001", path, offset=exc.start + len(bom), detail=f"bad {codec}: {exc.reason}")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0:
        # UTF-16 without a BOM has a NUL in every other byte of ASCII text.
        if _looks_like_bomless_utf16(data):
            return problem("E008", path, offset=nul, encoding="UTF-16 without a byte-order mark")
        return problem("E002", path, offset=nul)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if errors == "replace":
            return data.decode("utf-8", "replace")
        if _looks_like_8bit(data):
            return problem("E008", path, offset=exc.start, encoding="an 8-bit encoding (Latin-1 or Windows-1252)")
        return problem("E001", path, offset=exc.start, detail=exc.reason)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    head = data[:4096]
    if len(head) < 4:
        return False
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    return max(even_nuls, odd_nuls) > 0.4 * half and min(even_nuls, odd_nuls) < 0.05 * half


def _looks_like_8bit(data: bytes) -> bool:
    """True when high bytes never form a valid UTF-8 sequence.

    A UTF-8 file with one damaged byte still has many valid multi-byte
    sequences; a Latin-1 file has none.
    """
    valid = 0
    invalid = 0
    i = 0
    n = len(data)
    while i < n and valid + invalid < 200:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        width = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if width and i + width <= n and all(0x80 <= c <= 0xBF for c in data[i + 1:i + width]):
            valid += 1
            i += width
        else:
            invalid += 1
            i += 1
    return invalid > 0 and valid == 0
