"""Text that no output can hold.

A lone surrogate (U+D800..U+DFFF) is no Unicode character: UTF-8, RDF literals and XML cannot
hold one. Files are read as strict UTF-8 and never contain one; text given through the library
API (`Article.from_text`) and YAML's "\\ud800" escapes can.
"""

from __future__ import annotations

import re

__all__ = ["LONE_SURROGATE", "SURROGATES", "replace_surrogates"]

SURROGATES = "\ud800-\udfff"  # the range, for a regular expression's character class
LONE_SURROGATE = re.compile(f"[{SURROGATES}]")


def replace_surrogates(text: str) -> str:
    """`text` with U+FFFD for each lone surrogate: same length, so every offset still holds."""
    return LONE_SURROGATE.sub("\ufffd", text)
