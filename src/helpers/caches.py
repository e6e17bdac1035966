"""One reset for every cache of the course helpers: :func:`clear_caches`.

The helpers read each data file once and keep what they computed from it (``functools.lru_cache``
on the loaders and the evidence methods; the chart kit's text bitmaps). After editing a file under
``data/`` in a running kernel, or pointing ``NEP_COURSE_DATA`` elsewhere, call::

    import helpers
    helpers.clear_caches()

Every cache is found where it lives — each ``lru_cache`` function of every loaded ``helpers``
module, plus the registered extra caches (:func:`register`) — so a new cached loader needs no
list to be kept up to date.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["clear_caches", "register", "cached_functions"]

_extra: list[Callable[[], None]] = []


def register(clear: Callable[[], None]) -> Callable[[], None]:
    """Add a cache that is not an ``lru_cache`` function (a dict, a pool): ``clear()`` empties it."""
    if clear not in _extra:
        _extra.append(clear)
    return clear


def cached_functions() -> list[Callable]:
    """Every ``lru_cache`` function defined in a loaded ``helpers`` module (each once)."""
    seen: dict[int, Callable] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "helpers" or name.startswith("helpers.")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "").startswith("helpers"):
                seen.setdefault(id(value), value)
    return list(seen.values())


def clear_caches() -> int:
    """Empty every cache of the helpers; returns how many were cleared."""
    functions = cached_functions()
    for fn in functions:
        fn.cache_clear()
    for clear in _extra:
        clear()
    return len(functions) + len(_extra)
