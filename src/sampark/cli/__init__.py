"""The ``sampark`` command: a click group whose commands live one area a module.

Each module in ``COMMAND_MODULES`` defines click commands and a
``register(group)`` function; this module only assembles them.
"""
from __future__ import annotations

import importlib

import click

from sampark import __version__

COMMAND_MODULES = (
    "sampark.cli.extract",
    "sampark.cli.serve",
    "sampark.cli.ingest",
    "sampark.cli.query",
    "sampark.cli.export",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sampark")
def main() -> None:
    """sampark: sourced, dated facts about the relations between countries."""


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(main)
