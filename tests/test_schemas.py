"""The JSON Schemas of the declarations (data/schemas/): valid, met by the course's files, enforced on reading."""

from __future__ import annotations

import json

import jsonschema
import pytest
from _paths import ROOT

from helpers.data.paths import read_declarations, read_yaml
from helpers.errors import DataFileError

FOLDERS = ("charts", "exercises", "timelines")


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_schema_is_valid_and_every_course_file_meets_it(folder):
    schema = json.loads((ROOT / "data" / "schemas" / f"{folder}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "data" / folder).glob("*.yml")):
        assert not list(validator.iter_errors(read_yaml(path))), path.name


@pytest.mark.parametrize(
    "folder, text, said",
    [
        ("charts", "zz-c:\n  panel: pie\n  series: {A: coal_output}\n", r"zz-c, panel: 'pie' is not one of"),
        ("charts", "zz-c:\n  panel: plan\n  title: t\n", r"zz-c: 'items' is a required property"),
        ("exercises", "zz-ex:\n  kind: numeric\n  prompt: p\n  hints: [h]\n  answer: {value: 1}\n", "tolerance"),
        ("exercises", "zz-ex:\n  kind: essay\n  prompt: p\n  hints: [h]\n  answer: {points: [x]}\n", "essay"),
        ("timelines", "zz-t:\n  stages: []\n", r"zz-t, stages: \[\] should be non-empty"),
    ],
)
def test_a_file_that_breaks_its_schema_is_refused_naming_the_entry(data_copy, folder, text, said):
    (data_copy / folder / "zz_bad.yml").write_text(text, encoding="utf-8")
    read_declarations.cache_clear()
    try:
        with pytest.raises(DataFileError, match=rf"zz_bad.yml: .*{said}"):
            read_declarations(folder)
    finally:
        read_declarations.cache_clear()
