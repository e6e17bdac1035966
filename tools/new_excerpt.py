"""Cut a quotation verbatim from a source by its first and last words, and add it to an excerpt table.

    python tools/new_excerpt.py su_ind "The XV Congress" "collectivization of agriculture"
    python tools/new_excerpt.py su_ind "The XV Congress" "collectivization of agriculture" \\
        --id 04-xv-congress --table 04_end_of_nep --title "The chapter on the XV Congress"
    python tools/new_excerpt.py doc_stalin_1930_dizzy_with_success \\
        "It is a fact that by February 20 of" "collectivised." --id 05-dizzy-half --table local

The source is one of the three source texts (``su_rec``, ``su_ind``, ``ua_nep``) or a contemporary
document (``doc_…``, listed in ``data/sources/documents.csv``). A document is quoted only from its
stored passages (``data/sources/document_passages.csv``): the first and last words must lie in one of
them. The passage runs from the first occurrence of the first words to the nearest following end of the
last words, character for character as the source has it (line breaks included), so the verbatim
test cannot fail on a retyped word. If the first words occur more than once, each place is shown
with its context: add words until they are unique. Without ``--id`` the passage is only printed.
With ``--id`` and ``--table`` a row is appended to ``data/excerpts/<table>.csv`` (``local`` for a
table of your own, ``data/excerpts/local.csv``, which the course reads like the others). Existing
rows are never changed; an id already in use is refused.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers import sources  # noqa: E402
from helpers.data.sources import EXCERPT_COLUMNS  # noqa: E402

MAX_CHARS = 600  # about two sentences: the course quotes briefly


def _text_of(source_id: str, first: str) -> str:
    """The text to cut from: the source text, or the stored passage of a document that holds ``first``."""
    if not sources.is_document(source_id):
        if source_id not in set(sources.list_sources()["id"]):
            documents = ", ".join(sources.document_ids())
            raise SystemExit(
                f"{source_id!r} is neither a source text (su_rec, su_ind, ua_nep) nor a document ({documents})."
            )
        return sources.source_text(source_id)
    stored = sources.list_passages(source_id)
    holding = [row for row in stored.to_dict("records") if first in row["text"]]
    if not holding:
        listing = "\n".join(f"  {r['id']}: {r['text'][:90]!r}…" for r in stored.to_dict("records"))
        raise SystemExit(
            f"{source_id}: the first words {first!r} are in none of its stored passages "
            f"(data/sources/document_passages.csv); only those can be quoted:\n{listing}"
        )
    if len(holding) > 1:
        ids = ", ".join(r["id"] for r in holding)
        raise SystemExit(
            f"{source_id}: {first!r} occurs in several stored passages ({ids}); add words until it is unique."
        )
    return holding[0]["text"]


def cut(source_id: str, first: str, last: str) -> str:
    """The verbatim passage of ``source_id`` (a source text or a document's stored passage) from ``first`` to
    the nearest following ``last``."""
    text = _text_of(source_id, first)
    starts = [i for i in range(len(text)) if text.startswith(first, i)]
    if not starts:
        raise SystemExit(f"{source_id}: the first words {first!r} are not in the source as typed (check accents).")
    if len(starts) > 1:
        places = "\n".join(f"  …{text[max(0, i - 60) : i + 80]!r}…" for i in starts[:5])
        raise SystemExit(f"{source_id}: {first!r} occurs {len(starts)} times; add words until it is unique:\n{places}")
    end = text.find(last, starts[0] + max(0, len(first) - len(last)))
    if end < 0:
        raise SystemExit(f"{source_id}: no {last!r} after {first!r}.")
    passage = text[starts[0] : end + len(last)]
    if len(passage) > MAX_CHARS:
        raise SystemExit(
            f"{source_id}: the passage is {len(passage)} characters; the course quotes a sentence or two "
            f"(at most {MAX_CHARS}). Choose nearer last words."
        )
    return passage


def add_row(table: str, row: dict[str, str]) -> Path:
    path = ROOT / "data" / "excerpts" / f"{Path(table).stem}.csv"
    taken = set(sources.list_excerpts()["id"])
    if row["id"] in taken:
        raise SystemExit(f"The excerpt id {row['id']!r} is already used; choose another.")
    new = not path.exists()
    if new and table != "local":
        tables = ", ".join(p.stem for p in sorted(path.parent.glob("*.csv")))
        raise SystemExit(f"No excerpt table {path.name}: name one of {tables}, or 'local' for your own table.")
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=EXCERPT_COLUMNS)
        if new:
            writer.writeheader()
        writer.writerow(row)
    return path


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "source",
        help="source id, e.g. su_ind (data/sources/sources.csv), or a document id, e.g. "
        "doc_stalin_1930_dizzy_with_success (data/sources/documents.csv)",
    )
    p.add_argument("first", help="the passage's first words, as the source has them")
    p.add_argument("last", help="the passage's last words")
    p.add_argument("--id", help="a new excerpt id, e.g. 04-xv-congress (the notebook shows it with quote('…'))")
    p.add_argument("--table", help="the excerpt table: a notebook's name (04_end_of_nep) or 'local'")
    p.add_argument("--title", default="", help="a short title students see above the quotation")
    p.add_argument(
        "--translation", default="", help="the course's translation (ua_nep only; documents are stored in English)"
    )
    p.add_argument("--period", default="", help="the period the passage speaks of, as the source writes it")
    p.add_argument("--note", default="", help="a note on the passage")
    a = p.parse_args(argv)
    if a.translation and sources.is_document(a.source):
        raise SystemExit(f"{a.source}: a document's stored passages are English; leave --translation out.")
    passage = cut(a.source, a.first, a.last)
    print(passage)
    if a.id is None:
        return 0
    if not a.table:
        raise SystemExit("Say which table the excerpt goes in: --table 04_end_of_nep (or --table local).")
    row = dict.fromkeys(EXCERPT_COLUMNS, "") | {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "text": passage,
        "translation": a.translation,
        "period": a.period,
        "note": a.note,
    }
    path = add_row(a.table, row)
    print(f"\nAdded {a.id!r} to {path.relative_to(ROOT)}. Show it in the notebook with: quote({a.id!r})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
