"""Build the student and instructor editions of every notebook into build/editions/.

One source of truth per notebook (``notebooks/NN_*.ipynb``). Cells are marked
with tags:

* ``solution``   – a worked solution (collapsed in the course notebooks);
* ``instructor`` – notes for instructors (seminar timing, likely answers);
* ``exercise``   – a self-check exercise cell.

The **student edition** drops ``solution`` and ``instructor`` cells and clears
the outputs of ``exercise`` cells. The **instructor edition** keeps every cell
and shows solutions and notes expanded, with a banner on each note. Both begin
with a short "Before you start" cell (tag ``nep-edition-note``): the notebook
opens already run, when to run it again, and to wait for the kernel before
*Run All*. Each edition folder gets links ``data`` and ``docs`` to the course's
folders, so that the file browser of ``make lab`` (which opens an edition
folder) shows them and paths such as ``docs/methods.md`` resolve from it.

The tool only ever writes below ``build/editions/``; it refuses any other
output folder, never touches ``notebooks/``, and writes byte-identical files
when run twice. It records the sha256 of every file it writes in
``build/editions/MANIFEST.json``: a file whose content no longer matches (a
student or instructor has opened and edited it) is **left alone**, with a
message, so that nobody's work is overwritten. Delete the file to get a fresh
copy.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "editions"
HIDDEN_IN_STUDENT = {"solution", "instructor"}
EDITIONS = ("student", "instructor")
#: the course folders an edition folder links to (``build/editions/student/docs`` → ``docs``)
LINKED_FOLDERS = ("data", "docs")
NOTE_TAG = "nep-edition-note"
START_NOTE = (
    "> **Before you start.** This notebook opens already run: you can read all of it, and each chart shows "
    "as a picture. The controls under the charts and the answer boxes of the exercises work only once the "
    "notebook runs in its kernel. Wait until the kernel is ready (the status bar at the bottom says "
    "*Idle*), then choose **Run → Run All Cells** and wait until every cell has a number in its "
    "`[ ]` brackets. Run all cells again whenever you reopen the notebook or restart its kernel. "
    "The tables the charts are drawn from are in the course's `data` folder (in the file browser on the left)."
)


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def start_note() -> nbformat.NotebookNode:
    """The edition's first cell: opened already run; wait for the kernel, then Run All."""
    cell = nbformat.v4.new_markdown_cell(START_NOTE, metadata={"tags": [NOTE_TAG]})
    cell["id"] = NOTE_TAG
    return cell


def _with_start_note(nb: nbformat.NotebookNode) -> None:
    nb.cells = [c for c in nb.cells if NOTE_TAG not in tags(c)]
    nb.cells.insert(0, start_note())


def student_edition(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not tags(c) & HIDDEN_IN_STUDENT]
    _with_start_note(out)
    for c in out.cells:
        if "exercise" in tags(c) and c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
            # cleared on purpose: strict nbval runs the cell but has no stored output to compare
            c.metadata["tags"] = [*c.metadata.get("tags", []), "nbval-ignore-output"]
    _renumber(out)
    out.metadata["edition"] = "student"
    return out


def instructor_edition(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = copy.deepcopy(nb)
    for c in out.cells:
        t = tags(c)
        if t & HIDDEN_IN_STUDENT:
            c.metadata.get("jupyter", {}).pop("source_hidden", None)
            c.metadata.get("jupyter", {}).pop("outputs_hidden", None)
            if c.metadata.get("jupyter") == {}:
                del c.metadata["jupyter"]
            if c.cell_type == "markdown" and "instructor" in t and not c.source.startswith("> **Instructor note**"):
                c.source = "> **Instructor note** — not in the student edition.\n\n" + c.source
    _with_start_note(out)
    out.metadata["edition"] = "instructor"
    return out


def _renumber(nb):
    """Keep execution counts consecutive after cells are removed (strict nbval re-runs them anyway)."""
    n = 0
    for c in nb.cells:
        if c.cell_type == "code":
            if c.execution_count is None and not c.outputs:
                n += 1
                continue
            n += 1
            c.execution_count = n
            for o in c.outputs:
                if "execution_count" in o:
                    o["execution_count"] = n


def build(notebooks: list[Path], out_dir: Path = DEFAULT_OUT, editions=EDITIONS) -> list[Path]:
    """Write the ``editions`` of ``notebooks`` below ``out_dir`` (never over an edited file); return the files
    now up to date."""
    unknown = [e for e in editions if e not in EDITIONS]
    if unknown:
        raise SystemExit(f"Unknown edition {unknown[0]!r}: the editions are {', '.join(EDITIONS)}.")
    out_dir = out_dir.resolve()
    inside_repo = ROOT.resolve() in (out_dir, *out_dir.parents)
    below_build = DEFAULT_OUT.resolve() in (out_dir, *out_dir.parents)
    if inside_repo and not below_build:
        raise SystemExit(
            f"Refusing to write to {out_dir}: inside the course, editions are only written below {DEFAULT_OUT}."
        )
    files = {}
    for src in notebooks:
        nb = nbformat.read(src, as_version=4)
        for edition, make in (("student", student_edition), ("instructor", instructor_edition)):
            if edition in editions:
                files[f"{edition}/{src.name}"] = nbformat.writes(make(nb)) + "\n"
    written = write_unless_edited(out_dir, files)
    for edition in editions:
        link_course_folders(out_dir / edition)
    return written


def link_course_folders(folder: Path) -> None:
    """Links ``folder/data`` and ``folder/docs`` to the course's own folders (relative, so a moved clone keeps
    them). An existing file or folder of that name is left alone: it may be someone's."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in LINKED_FOLDERS:
        link, target = folder / name, ROOT / name
        if link.is_symlink() and link.resolve() == target.resolve():
            continue
        if link.exists() or link.is_symlink() or not target.is_dir():
            continue
        try:
            link.symlink_to(os.path.relpath(target, folder), target_is_directory=True)
        except OSError as exc:  # a file system without links: say where the folder is instead
            print(f"could not link {link} to {target} ({exc}); the folder is {target}", file=sys.stderr)


def write_unless_edited(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` (path relative to ``out_dir`` → text) below ``out_dir``, never overwriting an edited file.

    The sha256 of every file written is kept in ``out_dir/MANIFEST.json``; a file whose content matches
    neither that record nor the new text was edited by someone since it was written, and is left alone
    with a message. Returns the files now up to date. Shared by the assignments tool.
    """
    manifest_path = out_dir / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    written, kept = [], []
    for key, text in files.items():
        dst = out_dir / key
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.exists():
            current = _sha(dst.read_bytes())
            if current != manifest.get(key) and current != _sha(text.encode()):
                kept.append(dst)  # edited by someone since we wrote it: never overwrite
                continue
            if current == _sha(text.encode()):
                manifest[key] = current
                written.append(dst)
                continue
        dst.write_text(text, encoding="utf-8")
        manifest[key] = _sha(text.encode())
        written.append(dst)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for k in kept:
        print(
            f"kept your copy of {k}: it was changed after it was built, so the course's version is not written "
            "over it (rename or delete your copy to get the course's version)",
            file=sys.stderr,
        )
    return written


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", type=Path)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--edition", choices=EDITIONS, action="append", help="build only this edition (repeatable)")
    p.add_argument("--quiet", action="store_true", help="one line in all, instead of one per file")
    a = p.parse_args(argv)
    nbs = a.notebooks or sorted(
        [*(ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"), *(ROOT / "notebooks").glob("assignment_*.ipynb")]
    )
    editions = tuple(a.edition or EDITIONS)
    written = build(nbs, a.out, editions)
    if a.quiet:
        where = a.out.resolve()
        shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
        print(f"{' and '.join(editions)} edition: {len(written)} notebooks up to date in {shown}")
    else:
        for path in written:
            print("wrote", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
