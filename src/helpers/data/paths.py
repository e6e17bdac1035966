"""Where the course's data live.

The data ship in the repository (``data/`` beside ``src/``), so the course
runs offline. The folder is found, in order, from the ``NEP_COURSE_DATA``
environment variable, from this file's location in a source checkout
(``pip install -e .``), or by walking up from the current directory.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.errors import DataFileError

MARKER = Path("sources") / "sources.csv"


@cache
def data_dir() -> Path:
    env = os.environ.get("NEP_COURSE_DATA")
    if env:
        p = Path(env).expanduser().resolve()
        if not (p / MARKER).is_file():
            raise DataFileError(
                f"NEP_COURSE_DATA={env!r} does not contain {MARKER}; point it at the course's data/ folder."
            )
        return p
    candidates = [Path(__file__).resolve().parents[3] / "data"]
    here = Path.cwd().resolve()
    candidates += [d / "data" for d in (here, *here.parents)]
    for c in candidates:
        if (c / MARKER).is_file():
            return c
    raise DataFileError(
        "Cannot find the course's data/ folder (looked beside the helpers package and above "
        f"{here}). Run from inside the course checkout or set NEP_COURSE_DATA."
    )


def data_file(*parts: str) -> Path:
    """Path of a file under ``data/``; a missing file raises :class:`DataFileError`."""
    p = data_dir().joinpath(*parts)
    if not p.is_file():
        raise DataFileError(
            f"Data file {p} is missing. The course ships it in data/; restore it with `git checkout -- data/`."
        )
    return p


def read_table(columns: list[str], *parts: str) -> pd.DataFrame:
    """A course CSV under ``data/`` read as text (no type guessing, blanks stay ''), with its columns checked.

    A missing file, an unreadable file or a missing column raises :class:`DataFileError`
    naming the file and what was expected.
    """
    path = data_file(*parts)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as exc:  # pandas raises many kinds of parser errors
        raise DataFileError(f"{path}: cannot be read as CSV ({exc}).") from exc
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}; expected columns: {', '.join(columns)}.")
    return df


def overlay_name(name: str) -> str:
    """The file of a course's own additions beside a course table: ``estimates.csv`` → ``estimates_local.csv``."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}_local.{ext}" if dot else f"{name}_local"


def read_tables(columns: list[str], *parts: str) -> list[tuple[Path, pd.DataFrame]]:
    """A course table and, if present, its overlay of local additions (``…_local.csv`` beside it), each
    checked like :func:`read_table`, with the path each was read from. A fork keeps its own rows in the
    overlay, so that the course's updates of the table never conflict with them."""
    *folder, name = parts
    tables = [(data_file(*parts), read_table(columns, *parts))]
    local = data_dir().joinpath(*folder, overlay_name(name))
    if local.is_file():
        tables.append((local, read_table(columns, *folder, overlay_name(name))))
    return tables


def read_yaml(path: Path):
    """A course YAML file, read safely; a key written twice in one mapping is an error, not a silent overwrite.

    A duplicate key, or text that is not valid YAML, raises :class:`DataFileError` naming the file, the key
    and the line.
    """
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            seen = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise DataFileError(
                        f"{path}: the key {key!r} is written twice in one entry (lines {seen[key] + 1} and "
                        f"{key_node.start_mark.line + 1}); YAML would keep only the second. Keep one."
                    )
                seen[key] = key_node.start_mark.line
            return super().construct_mapping(node, deep=deep)

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: not valid YAML ({exc}).") from exc


#: earlier forms of a field, refused with what to do: folder -> (field, message naming the file)
EARLIER_FORMS = {
    "exercises": (
        "key",
        "{path}: exercise {id!r} has an encoded key: (the earlier form). Answers are written plainly now: run "
        "`python -m helpers.teaching.exercises convert data/exercises/{name}`, which rewrites every key: of the "
        "file as answer:.",
    ),
}


@cache
def _schema_validator(folder: str):
    """The JSON Schema validator of ``data/schemas/<folder>.schema.json`` (None if the course has none)."""
    import json

    import jsonschema

    path = data_dir() / "schemas" / f"{folder}.schema.json"
    if not path.is_file():
        return None
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def check_declarations(folder: str, path: Path, loaded: dict) -> None:
    """A declarations file against its JSON Schema (``data/schemas/<folder>.schema.json``): the first
    problem raises :class:`DataFileError` naming the file, the entry and the field."""
    field, message = EARLIER_FORMS.get(folder, (None, ""))
    for key, entry in loaded.items():
        if field and isinstance(entry, dict) and field in entry:
            raise DataFileError(message.format(path=path, id=key, name=path.name))
    validator = _schema_validator(folder)
    if validator is None:
        return
    import jsonschema

    error = jsonschema.exceptions.best_match(validator.iter_errors(loaded))
    if error is not None:
        where = ", ".join(str(p) for p in error.absolute_path) or "the file"
        raise DataFileError(f"{path}: {where}: {error.message} (data/schemas/{folder}.schema.json).")


@cache
def read_declarations(folder: str) -> dict[str, dict]:
    """Every entry of the YAML files in ``data/<folder>/`` (one file per notebook), by id.

    Each file maps ids to mappings; an entry gets ``_file`` (the file's name). A duplicate id or key,
    an entry that is not a mapping, or a file that is not valid YAML raises
    :class:`DataFileError` naming the file and the id.
    """
    root = data_dir() / folder
    files = sorted(root.glob("*.yml"))
    if not files:
        raise DataFileError(f"No declaration files (*.yml) in {root}; the course ships them in data/{folder}/.")
    out: dict[str, dict] = {}
    for path in files:
        loaded = read_yaml(path) or {}
        if not isinstance(loaded, dict):
            raise DataFileError(f"{path}: expected a mapping of ids to entries, found {type(loaded).__name__}.")
        check_declarations(folder, path, loaded)
        for key, entry in loaded.items():
            if not isinstance(entry, dict):
                raise DataFileError(f"{path}: entry {key!r} must be a mapping of fields, found {type(entry).__name__}.")
            if key in out:
                raise DataFileError(f"{path}: id {key!r} is already declared in {out[key]['_file']}.")
            out[str(key)] = {**entry, "_file": path.name}
    return out


def declaration(folder: str, what: str, key: str | None = None) -> dict:
    """One entry of ``data/<folder>/*.yml`` by id (all of them without an id); an unknown id names the valid ones.

    ``what`` names the kind of id in the message (``"chart id"``, ``"exercise id"``).
    """
    from helpers.errors import UnknownNameError

    decl = read_declarations(folder)
    if key is None:
        return dict(decl)
    if key not in decl:
        raise UnknownNameError(what, key, sorted(decl))
    return decl[key]
