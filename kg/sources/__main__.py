"""`python -m kg.sources FILE...`: what kg reads off each page, and why.

For each file: the publication date (with its origin and evidence, or why there is none), the
title, the dateline, and every stretch masked as furniture with the features that made it so.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from kg.sources import read_page
from kg.sources.dates import read_head
from kg.sources.metadata import front_matter


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m kg.sources FILE...", file=sys.stderr)
        return 2
    for name in args:
        text = Path(name).read_text("utf-8")
        try:
            fields, skip = front_matter(text)
        except ValueError:
            fields, skip = {}, 0
        _, plain, verdicts = read_page(name, text, skip)  # as the build reads it
        head = read_head(plain, verdicts, skip)
        print(f"== {name}")
        if fields.get("published"):
            # the build takes the front matter's date before anything the text says
            print(f"published: {fields['published']} (metadata) from the front matter")
        elif head.published:
            found = head.published
            print(f"published: {found.date} ({found.origin}) from {'; '.join(found.evidence)}")
        else:
            print(f"published: none: {head.undated}")
        print(f"title: {head.title}")
        if head.dateline:
            line = head.dateline
            print(
                f"dateline: {text[line.start : line.end].strip()!r} (place {line.place!r}, "
                f"agency {line.agency!r})"
            )
        for verdict in verdicts:
            shown = " ".join(text[verdict.start : verdict.end].split())
            print(f"{verdict.explain()}\n    {shown[:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
