"""The shape of ``src/helpers``: layers, no cycles, no private names across modules, no shims.

Read from the source with :mod:`ast`, so imports inside functions count too (a cycle hidden in a
function body is still a cycle). See ``docs/architecture.md`` for the layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers"

#: each layer and the layers it may import (``errors`` and ``caches`` are open to all)
LAYERS = {
    "data": {"data"},
    "charts": {"data", "charts"},
    "evidence": {"data", "evidence"},
    "teaching": {"data", "teaching"},
    "ui": {"data", "charts", "evidence", "teaching", "ui"},
}
OPEN_TO_ALL = {"helpers.errors", "helpers.caches"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(module: str) -> list[tuple[str, str, int]]:
    """``(imported module, imported name or "", line)`` for every import of ``helpers`` in the module."""
    path = MODULES[module]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names if a.name.split(".")[0] == "helpers"]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            if target.split(".")[0] != "helpers":
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                out.append((sub, "", node.lineno) if sub in MODULES else (target, a.name, node.lineno))
    return out


def _edges() -> dict[str, set[str]]:
    return {m: {t for t, _, _ in _imports(m) if t in MODULES and t != m} for m in MODULES}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_even_inside_functions():
    assert _cycles(_edges()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_another_modules_private_names():
    found = [
        f"{m}:{line} imports {name} from {target}"
        for m in MODULES
        for target, name, line in _imports(m)
        if name.startswith("_") and not name.startswith("__") and target != m
    ]
    assert found == []


def test_no_module_reads_another_modules_private_attributes():
    """``textalt._round(...)`` through an imported module is a private import by another spelling."""
    found = []
    for m, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(m, path, node)
                aliases.update({a.asname or a.name: f"{target}.{a.name}" for a in node.names})
            elif isinstance(node, ast.Import):
                aliases.update({a.asname: a.name for a in node.names if a.asname})
        aliases = {k: v for k, v in aliases.items() if v in MODULES and v != m}
        found += [
            f"{m}:{node.lineno} reads {aliases[node.value.id]}.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ]
    assert found == []


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_a_layer_imports_only_the_layers_below_it(layer):
    allowed = {f"helpers.{x}" for x in LAYERS[layer]}
    found = [
        f"{m}:{line} imports {target}"
        for m in MODULES
        if m.startswith(f"helpers.{layer}.") or m == f"helpers.{layer}"
        for target, _, line in _imports(m)
        if target not in OPEN_TO_ALL and ".".join(target.split(".")[:2]) not in allowed
    ]
    assert found == []


def test_no_module_re_exports_names_or_forwards_attributes():
    """No ``noqa: F401`` re-export and no module ``__getattr__`` outside the facade itself.

    One facade entry is a package: ``helpers.data`` presents the figures API of
    :mod:`helpers.data.statements` (``data.series``) with a star import, which is not listed here."""
    found = []
    for m, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if m == "helpers":
            continue
        if "F401" in text and "__init__" not in path.name:
            found.append(f"{m}: re-exports with noqa F401")
        tree = ast.parse(text)
        if any(isinstance(n, ast.FunctionDef) and n.name == "__getattr__" for n in tree.body):
            found.append(f"{m}: module __getattr__")
        imported = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
        imported -= {name for name in imported if f"{m}.{name}" in MODULES}  # a package names its own modules
        for n in tree.body:
            if isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in n.targets):
                listed = {e.value for e in n.value.elts if isinstance(e, ast.Constant)}
                found += [f"{m}: __all__ lists the imported {x}" for x in sorted(listed & imported)]
    assert found == []


def test_the_facade_has_no_import_machinery():
    tree = ast.parse(MODULES["helpers"].read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    assert not names & {"importlib.abc", "importlib.util", "MetaPathFinder", "Loader"}
    assert "meta_path" not in MODULES["helpers"].read_text(encoding="utf-8")
