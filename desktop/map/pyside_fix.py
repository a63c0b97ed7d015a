"""Work around a reference-counting bug of PySide6 6.12 on Python 3.11.

PySide6 6.12 returns ``None`` from every void method without taking a reference to it, as if
``None`` were immortal (it is from Python 3.12 on, PEP 683). On 3.11 each such call lowers
``None``'s count by one, and after a few thousand calls (``setPos``, ``update``...) Python
aborts with "none_dealloc: deallocating None". Giving ``None`` a huge count makes it as
immortal as on 3.12; nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40


def keep_none_alive() -> None:
    """Make ``None`` effectively immortal on CPython < 3.12 (idempotent)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _BOOST // 2:
        count.value += _BOOST
