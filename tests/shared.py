"""Where the data beside the checkout lives (`../shared`: the real seeds, the cases, the
development corpora), and how a test asks for it.

A clone on its own has no `../shared`: tests that need it skip, saying why. CI must never pass
without them, so `.ci/run` sets KG_REQUIRE_SHARED=1, which turns that skip into a failure.
KG_SHARED names the folder when it lives elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED") or ROOT.parent / "shared")
REQUIRE = "KG_REQUIRE_SHARED"


def shared(*parts: str) -> Path:
    """`../shared/<parts>`; skips the calling test when it is missing (fails it under
    KG_REQUIRE_SHARED=1)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        why = f"{path} is missing (the data kept beside the checkout, see ../shared/README.md)"
        if os.environ.get(REQUIRE):
            pytest.fail(f"{why}; {REQUIRE} is set, so this cannot be skipped")
        pytest.skip(why)
    return path
