"""The flat facade: every name a notebook, guide or tool imports from ``helpers`` still works."""

from __future__ import annotations

import ast
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

import helpers

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _imports(source: str) -> set[tuple[str, str]]:
    """(module, name) pairs of every ``from helpers… import name`` in a cell (IPython magics skipped)."""
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    found = set()
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
            found |= {(node.module, a.name) for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {(a.name, "") for a in node.names if a.name.startswith("helpers")}
    return found


@pytest.mark.parametrize("name", sorted(helpers.FACADE))
def test_every_facade_name_is_the_module_it_names(name):
    module = importlib.import_module(helpers.FACADE[name])
    assert getattr(helpers, name) is module


def test_the_facade_installs_no_import_hook():
    """Flat names are attributes of ``helpers`` only; ``import helpers.widgets`` is not a second address."""
    assert not [f for f in sys.meta_path if type(f).__module__.startswith("helpers")]
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("helpers.widgets")


def test_every_module_of_the_package_imports():
    modules = [
        ".".join(p.relative_to(ROOT / "src").with_suffix("").parts)
        for p in sorted((ROOT / "src" / "helpers").glob("*/*.py"))
        if p.name != "__init__.py"
    ]
    for m in modules:
        assert importlib.import_module(m).__name__ == m
    assert set(helpers.FACADE.values()) <= {*modules, "helpers.data"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_import_still_works(path):
    pairs = set().union(*(_imports(s) for s in _code_cells(path)))
    assert pairs, f"{path.name} imports nothing from helpers"
    for module, name in sorted(pairs):
        mod = importlib.import_module(module)
        if name:
            assert hasattr(mod, name) or importlib.util.find_spec(f"{module}.{name}"), f"{module}.{name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_helpers_attribute_a_notebook_calls_exists(path):
    """``data.series``, ``widgets.timeseries_panel``, ``ex.show``… resolve on the facade modules."""
    aliases = {}
    for module, name in set().union(*(_imports(s) for s in _code_cells(path))):
        if module == "helpers" and name:
            aliases[name] = getattr(helpers, name)
    for src in _code_cells(path):
        for line in src.splitlines():
            m = re.search(r"from helpers import (.+)", line)
            if m:
                for part in m.group(1).split(","):
                    real, _, alias = part.strip().partition(" as ")
                    if alias:
                        aliases[alias.strip()] = getattr(helpers, real.strip())
    for src in _code_cells(path):
        for alias, attr in re.findall(r"\b([A-Za-z_]+)\.([A-Za-z_]\w*)\(", src):
            if alias in aliases:
                assert hasattr(aliases[alias], attr), f"{path.name}: {alias}.{attr} does not exist"


def test_the_key_tool_runs_as_a_module(tmp_path):
    import subprocess

    from helpers.teaching.exercises import encode_key

    f = tmp_path / "zz.yml"
    f.write_text(
        f"zz-ex-demo:\n  kind: choice\n  key: {encode_key('zz-ex-demo', {'correct': [1]})}\n", encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "helpers.teaching.exercises", "convert", str(f)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "answer:\n    correct:\n    - 1" in f.read_text(encoding="utf-8")
