"""The package layers of docs/architecture.md: every import points down, so no cycle.

Lazy imports inside functions count too: they are dependencies all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mgi_cli

PACKAGE = Path(mgi_cli.__file__).parent

#: Each top-level module or package of mgi_cli and its layer; imports go to lower layers.
LAYERS: dict[str, int] = {
    "problems": 0,
    "languages": 0,
    "resources": 0,
    "suggest": 0,
    "errors": 1,
    "choices": 1,
    "files": 2,
    "output": 3,
    "catalogue": 4,
    "matrix": 5,
    "repository": 6,
    "validate": 7,
    "diff": 8,
    "reports": 9,
    "render": 10,
    "formatting": 11,
    "spreadsheet": 12,
    "drafts": 12,
    "progress": 12,
    "site": 12,
    "commands": 13,
    "tools": 15,
    "cli": 14,
    "__main__": 15,
    "__init__": 0,
}


def _unit(path: Path) -> str:
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "mgi_cli":
                names = [f"mgi_cli.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "mgi_cli" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_unit_has_a_layer() -> None:
    units = {_unit(p) for p in PACKAGE.rglob("*.py")}
    assert units - set(LAYERS) == set()


def test_imports_point_down() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = _unit(path)
        for target in _imports(path):
            if target not in (unit, "__version__") and LAYERS[target] >= LAYERS[unit]:
                upward.append(f"{path.relative_to(PACKAGE)} imports mgi_cli.{target}")
    assert upward == []
