"""The import rules that keep sampark's rooms apart (docs/architecture.md).

- A stage imports only the shared layers (``model``, ``contract``, ``geo``,
  ``lang``, ``text``, ``errors``) and its own package, never another stage.
- The shared layers import no stage and no shell.
- The store never imports a stage, nor the package back (``import sampark``).
- The shells (``cli``, ``web``, ``dist``) import public modules only: the
  pipeline, the registry, the store, never a stage.

Imports inside functions count as much as those at the top of a module.
"""
from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest

SRC = Path(str(resources.files("sampark")))
SHARED = ("sampark.model", "sampark.contract", "sampark.geo", "sampark.lang", "sampark.text", "sampark.errors")
SHELLS = ("sampark.cli", "sampark.web", "sampark.dist")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every ``sampark`` module ``path`` imports, as dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "sampark"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "sampark":
                continue
            found.add(node.module)
            # "from sampark.stages import clean" imports the module sampark.stages.clean
            for alias in node.names:
                sub = SRC.parent / Path(*f"{node.module}.{alias.name}".split("."))
                if sub.with_suffix(".py").is_file() or (sub / "__init__.py").is_file():
                    found.add(f"{node.module}.{alias.name}")
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(SRC.rglob("*.py"))}


def _within(name: str, prefixes: tuple[str, ...] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _stage_package(name: str) -> str:
    """``sampark.stages.events.cues`` -> ``sampark.stages.events``; ``sampark.stages.dates`` -> itself."""
    parts = name.split(".")
    return ".".join(parts[:3])


def test_layers_modules_found():
    # the rules below are only as good as the modules they see
    assert "sampark.stages.events.stage" in MODULES and "sampark.geo" in MODULES
    assert "sampark.stages.clean" in MODULES["sampark.pipeline"]


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, "sampark.stages") and n != "sampark.stages"))
def test_layers_a_stage_imports_only_shared_layers_and_its_own_package(name):
    own = _stage_package(name)
    wrong = sorted(m for m in MODULES[name] if not _within(m, SHARED) and not _within(m, own))
    assert not wrong, f"{name} imports {wrong}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, SHARED)))
def test_layers_shared_layers_import_no_stage_and_no_shell(name):
    wrong = sorted(m for m in MODULES[name]
                   if _within(m, ("sampark.stages", "sampark.pipeline", "sampark.store", *SHELLS)))
    assert not wrong, f"{name} imports {wrong}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, "sampark.store")))
def test_layers_the_store_imports_no_stage_nor_the_package(name):
    wrong = sorted(m for m in MODULES[name] if _within(m, "sampark.stages") or m == "sampark")
    assert not wrong, f"{name} imports {wrong}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, SHELLS)))
def test_layers_shells_import_public_modules_only(name):
    wrong = sorted(m for m in MODULES[name] if _within(m, "sampark.stages") or any(
        part.startswith("_") and part != "__init__" for part in m.split(".")))
    assert not wrong, f"{name} imports {wrong}"


def test_layers_rule_catches_a_stage_importing_a_stage(tmp_path):
    # the checker itself: a stage that imports another is seen
    bad = tmp_path / "bad.py"
    bad.write_text("from sampark.stages.states import find_states\nimport sampark.geo\n", encoding="utf-8")
    assert _imports(bad) == {"sampark.stages.states", "sampark.geo"}
