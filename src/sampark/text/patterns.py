"""Building blocks for the regular expressions the stages compile from their data."""
from __future__ import annotations

from typing import Any

import regex

from sampark.text.normalize import normalize

# Where a word may start or end: Bengali vowel signs and virama are marks,
# so letters, marks and digits all count as inside a word (LIBRARIES.md).
WORD_START = r"(?<![\p{L}\p{M}\p{N}])"
WORD_END = r"(?![\p{L}\p{M}\p{N}])"


def alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` built as a trie (never empty).

    A trie-shaped alternation fails at the first character that no word
    continues with, instead of trying every word at every position. Words
    are normalised as the text is (``sampark.text.normalize``).
    """
    trie: dict[str, Any] = {}
    for word in {normalize(w) for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [regex.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")" if trie else r"(?!x)x"
