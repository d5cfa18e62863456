"""The documentation names only commands and options that exist, and all of them.

As sqlite-utils' ``tests/test_docs.py``: every ``sampark`` command named in
README.md or docs/*.md exists and every option written after it is one of
its options; every command has help text, and each of its options is
written down somewhere in those files.
"""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from sampark.cli import main

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
TEXT = {p.name: p.read_text(encoding="utf-8") for p in DOCS}
COMMANDS: dict[str, click.Command] = dict(main.commands)

_FENCE = re.compile(r"```[^\n]*\n(.*?)```", re.S)
_SPAN = re.compile(r"`([^`\n]+)`")
_CALL = re.compile(r"(?<![\w/.-])sampark ([a-z][a-z-]*)((?: +[^\s|;#`]+)*)")


def _code(text: str) -> list[str]:
    """The code of a Markdown file: fenced blocks line by line, then inline spans."""
    lines = [line for block in _FENCE.findall(text) for line in block.splitlines()]
    return lines + _SPAN.findall(_FENCE.sub("", text))


def _calls() -> list[tuple[str, str, list[str]]]:
    """``(file, command, options written after it)`` for each ``sampark <command>`` in code."""
    found = []
    for name, text in TEXT.items():
        for code in _code(text):
            for m in _CALL.finditer(code):
                opts = re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", m.group(2))
                found.append((name, m.group(1), opts))
    return found


def _options(command: click.Command) -> set[str]:
    return {opt for p in command.params if isinstance(p, click.Option) for opt in p.opts + p.secondary_opts}


CALLS = _calls()


def test_docs_name_commands():
    assert {"extract", "ingest", "serve"} <= {c for _, c, _ in CALLS}


@pytest.mark.parametrize("where, command, opts", CALLS)
def test_docs_commands_and_options_exist(where, command, opts):
    assert command in COMMANDS, f"{where}: `sampark {command}` is not a command"
    unknown = sorted(set(opts) - _options(COMMANDS[command]) - {"--help"})
    assert not unknown, f"{where}: `sampark {command}` has no option {unknown}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_docs_every_command_has_help_and_is_documented(command):
    assert (COMMANDS[command].help or "").strip(), f"sampark {command} has no help text"
    assert any(c == command for _, c, _ in CALLS), f"sampark {command} is not in README.md or docs/"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_docs_every_option_is_documented(command):
    everything = "\n".join(TEXT.values())
    missing = sorted(p.opts[-1] for p in COMMANDS[command].params
                     if isinstance(p, click.Option) and not any(o in everything for o in p.opts))
    assert not missing, f"sampark {command}: options not in README.md or docs/: {missing}"
