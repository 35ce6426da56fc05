"""Test ids in printable ASCII with no backslash: pytest escapes other characters in a test id, and an escaped id
given back on the command line (as ``make mutation``'s mutmut gives each test it selects) is not found."""

from __future__ import annotations


def is_plain(text: str) -> bool:
    """Whether ``text`` can stand in a test id as it is."""
    return text.isascii() and text.isprintable() and "\\" not in text


def plain_id(text: str) -> str:
    """``text`` with every other character written as its code point (``U+0661``)."""
    return "".join(c if is_plain(c) else f"U+{ord(c):04X}" for c in text)
