"""The furniture classifier's precision on clean, annotated news (issue 11): on all 258
EventStoryLine and all 256 TimeBank/AQUAINT documents it masks nothing that holds an annotated
event or time, and what it reads as metadata (date lines, datelines) holds no event. The figures
are bench.furniture's."""

from __future__ import annotations

import pytest

from bench.furniture import esc_documents, score, tbaq_documents
from tests.shared import shared

pytestmark = pytest.mark.slow


def test_eventstoryline_loses_no_annotated_event_or_time() -> None:
    found = score(esc_documents(shared("devdata", "esc_eventstoryline")))
    assert found.documents == 258
    assert found.errors == []
    assert (found.masked_annotated, found.metadata_events) == (0, 0)
    # It does find furniture (the web address each page was saved from) and date lines.
    assert found.masked >= 258 and found.metadata >= 150


def test_timebank_and_aquaint_lose_no_annotated_event_or_time() -> None:
    found = score(tbaq_documents(shared("devdata", "TBAQ-cleaned")))
    assert found.documents == 256
    assert found.errors == []
    assert (found.masked_annotated, found.metadata_events) == (0, 0)
    assert found.metadata >= 80  # the wire datelines ("NAIROBI, Kenya (AP) _")
