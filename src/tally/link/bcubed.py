"""B-cubed precision, recall and F1 of a grouping against true groups (Bagga and
Baldwin, 1998): for each item, the share of its predicted group that truly
belongs with it (precision) and the share of its true group that was put with
it (recall), averaged over items."""

from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Mapping


def bcubed(predicted: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """``predicted`` and ``truth`` map each item to its group; both must cover the same items."""
    if set(predicted) != set(truth):
        raise ValueError("the grouping and the truth cover different items")
    by_pred: dict[Hashable, set] = defaultdict(set)
    by_true: dict[Hashable, set] = defaultdict(set)
    for item, g in predicted.items():
        by_pred[g].add(item)
    for item, g in truth.items():
        by_true[g].add(item)
    p = r = 0.0
    for item in predicted:
        mine, real = by_pred[predicted[item]], by_true[truth[item]]
        both = len(mine & real)
        p += both / len(mine)
        r += both / len(real)
    n = len(predicted) or 1
    p, r = p / n, r / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
