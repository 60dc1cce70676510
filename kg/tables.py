"""Rows of text for terminals and scripts: `kg query` and `kg timeline` print through here."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def text_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    noun: str = "rows",
    width: int | None = 60,
    total: int | None = None,
    shrink: Sequence[int] = (),
) -> str:
    """An aligned table; cells wider than `width` (None: no limit) are cut with "…". With
    `total` (characters, e.g. the terminal's width), the columns whose indices are in `shrink`
    are narrowed, the widest first and none below `MIN_SHRUNK` characters, until a line fits
    in `total`; a table that cannot fit even so is printed at that narrowest."""
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    if width is not None:
        widths = [min(width, w) for w in widths]
    if total is not None:
        _fit(widths, [len(columns[i]) for i in range(len(columns))], total, shrink)

    def line(cells: Sequence[str]) -> str:
        fitted = [
            c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)
        ]
        return "  ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True)).rstrip() + "\n"

    out = line(columns) + line(["-" * w for w in widths])
    return out + "".join(line(r) for r in rows) + f"({len(rows)} {noun})\n"


MIN_SHRUNK = 12  # the narrowest a shrunk column gets: a name or two stay legible


def _fit(widths: list[int], headers: Sequence[int], total: int, shrink: Sequence[int]) -> None:
    """Narrow `widths[i]` for i in `shrink`, one character at a time from the widest, until the
    line (columns joined by two spaces) fits in `total` or every such column is at its floor."""
    floor = {i: max(MIN_SHRUNK, headers[i]) for i in shrink}
    excess = sum(widths) + 2 * (len(widths) - 1) - total
    while excess > 0:
        room = [i for i in shrink if widths[i] > floor[i]]
        if not room:
            return
        widest = max(room, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
        excess -= 1


def tsv_text(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated values, one row a line: a tab, newline, carriage return or backslash inside
    a cell is written `\\t`, `\\n`, `\\r`, `\\\\`, so every line splits on tabs."""

    def cell(text: str) -> str:
        return text.translate(_TSV_ESCAPES)

    return "".join("\t".join(cell(c) for c in row) + "\n" for row in [columns, *rows])


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
