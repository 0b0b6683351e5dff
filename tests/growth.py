"""How a cost grows with the input, measured so that the machine's speed
cancels out: the same function runs on an input and on one ``k`` times
larger, in the same process, a few times each, and the test compares the
best ratio of their times with ``k`` (a linear cost gives about ``k``, a
quadratic one about ``k * k``). A slow or busy machine slows both runs
alike, so no test states how many seconds anything takes; the seconds
themselves are printed by the ``bench/`` scripts."""

from __future__ import annotations

import time
from typing import Callable


def best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` timings of ``fn()`` (the least disturbed)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def growth(small: Callable[[], object], large: Callable[[], object], repeat: int = 3) -> float:
    """best_time(large) / best_time(small), after one warm-up call of each."""
    small()
    large()
    return best_time(large, repeat) / max(best_time(small, repeat), 1e-9)
