"""The guard on `../shared`: a missing folder skips, or fails when CI requires it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import shared


def test_missing_folder_skips(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shared, "SHARED", tmp_path / "absent")
    monkeypatch.delenv(shared.REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="absent"):
        shared.shared("seeds")


def test_missing_folder_fails_when_required(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(shared, "SHARED", tmp_path / "absent")
    monkeypatch.setenv(shared.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="cannot be skipped"):
        shared.shared("seeds")


def test_present_folder_is_returned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    monkeypatch.setattr(shared, "SHARED", tmp_path)
    assert shared.shared("seeds") == tmp_path / "seeds"
