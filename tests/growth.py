"""How a cost grows with the input, measured so that the machine's speed
cancels out: the same function runs on an input and on one ``k`` times
larger, in the same process, a few times each, alternately, and the test
compares the best ratio of their times with ``k`` (a linear cost gives
about ``k``, a quadratic one about ``k * k``). The times are this process's
CPU time, which other processes keeping the cores busy do not inflate, and
a slow machine slows both runs alike, so no test states how many seconds
anything takes; the seconds themselves are printed by the ``bench/``
scripts. The garbage collector is held off while a call is timed."""

from __future__ import annotations

import gc
import time
from typing import Callable


def cpu_time(fn: Callable[[], object]) -> float:
    """The CPU time this process spends in one call of ``fn()``, with the
    garbage collector held off (its passes land at random in one run or the other)."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.process_time()
        fn()
        return time.process_time() - t0
    finally:
        gc.enable()


def best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` CPU timings of ``fn()`` (the least disturbed)."""
    return min(cpu_time(fn) for _ in range(repeat))


def growth(small: Callable[[], object], large: Callable[[], object], repeat: int = 3) -> float:
    """best time of ``large`` / best time of ``small``, timed alternately
    after one warm-up call of each."""
    small()
    large()
    smalls, larges = [], []
    for _ in range(repeat):
        smalls.append(cpu_time(small))
        larges.append(cpu_time(large))
    return min(larges) / max(min(smalls), 1e-9)
