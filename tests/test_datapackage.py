"""data/datapackage.json describes every table and the data validate against it."""

import json
import subprocess
import sys

from _paths import ROOT


def test_descriptor_is_up_to_date():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, 'tools'); import write_datapackage as w; print(w.render(), end='')",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"), (
        "run: python tools/write_datapackage.py"
    )


def test_every_data_table_is_described():
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in pkg["resources"]}
    on_disk = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*.csv") if "raw" not in p.parts}
    on_disk |= {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data" / "sources").glob("*.txt")}
    assert on_disk <= paths, on_disk - paths


def test_frictionless_validates_the_package():
    from frictionless import Package

    report = Package(str(ROOT / "data" / "datapackage.json")).validate()
    problems = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors][:10]
    assert report.valid, problems
