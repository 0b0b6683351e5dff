"""Measure tally's killed and injured figures against coded data (``tally eval``).

``evaluate(path, text_column, id_column, killed_column, injured_column, policy)``
reads a CSV/TSV or JSONL file of coded reports, builds one Document per row
(exactly as the CSV reader does), runs :func:`tally.extract.extract` and
compares ``casualties.killed.best`` / ``casualties.injured.best`` with the
coded figures.

Metrics
    ``rows``: rows read; ``deaths_rows`` / ``injured_rows``: rows with a
    numeric coded figure (words such as "several" and empty cells are not
    scored); ``deaths_exact``: share of those where ``killed.best`` equals the
    coded deaths (no killed figure counts as 0); ``injured_exact`` likewise
    (a record that mentions no injuries counts as 0); ``deaths_interval_coverage``:
    share where the coded deaths lie in ``[killed.low, killed.high]`` (high None
    = open; no estimate = [0, 0]); ``median_high_low_ratio``: the median of
    high/low over rows with both bounds > 0 (open highs left out);
    ``open_high_share``: share of scored rows whose killed high is open;
    ``seconds`` and ``docs_per_s`` of the extraction alone.

Tuning and validation
    Every row belongs to one part, fixed by a hash of its id (the id column, or
    the row number without one; :func:`split_of`): about 70% ``tuning``, 30%
    ``validation``. ``report["parts"]`` holds the metrics of each part. Read and
    debug the tuning rows only; the validation rows are scored, never read, so
    the gap between the two figures shows how well a change carries over to
    text it was not tuned on. ``mismatches`` lists tuning rows only.
"""

from __future__ import annotations

import csv
import hashlib
import json
import statistics
import time
from pathlib import Path
from typing import Any, Iterator

from .errors import TallyError
from .model import Document


#: share of rows in the tuning part (the rest is the validation part)
TUNING_SHARE = 70
PARTS = ("tuning", "validation")


def split_of(key: object) -> str:
    """``"tuning"`` or ``"validation"``: the part of a row, fixed by a hash of
    its id, so that adding or reordering rows moves no row between parts."""
    h = int(hashlib.sha256(str(key).strip().encode("utf-8")).hexdigest()[:8], 16)
    return "tuning" if h % 100 < TUNING_SHARE else "validation"


def _rows(path: Path, text_column: str) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(row number from 1, line number, row) of a CSV/TSV or JSONL file."""
    suffix = "".join(path.suffixes).lower()
    if suffix.endswith((".jsonl", ".ndjson", ".json")):
        with open(path, encoding="utf-8") as fh:
            n = 0
            for line_no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise TallyError(f"{path}: line {line_no}: not JSON: {exc.msg}") from None
                if not isinstance(row, dict):
                    raise TallyError(f"{path}: line {line_no}: not a JSON object")
                n += 1
                yield n, line_no, row
        return
    with open(path, encoding="utf-8-sig", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delim = "\t" if suffix.endswith((".tsv", ".tab")) or sample.count("\t") > sample.count(",") else ","
        reader = csv.DictReader(fh, delimiter=delim)
        if reader.fieldnames is None:
            raise TallyError(f"{path}: empty file")
        n = 0
        for row in reader:
            n += 1
            # the line where this row starts (rows may span several lines)
            yield n, reader.line_num - _extra_lines(row), row


def _extra_lines(row: dict[str, Any]) -> int:
    return sum(str(v).count("\n") for v in row.values() if v)


def _number(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    s = str(value).strip().replace(",", "")
    if s.isdigit():
        return int(s)
    try:
        f = float(s)
    except ValueError:
        return None
    return int(f) if f == int(f) else None


def evaluate(path: str | Path, text_column: str = "description", id_column: str | None = None,
             killed_column: str = "deaths", injured_column: str | None = "injured",
             policy: str = "tally") -> dict[str, Any]:
    """Metrics and mismatches of tally's killed/injured figures on a coded file,
    the records reconciled under ``policy`` (``wad``: the atrocities dataset's
    own coding, civilians killed)."""
    from .extract import extract

    path = Path(path)
    if not path.exists():
        raise TallyError(f"{path}: no such file")
    scores = {part: _Score() for part in ("all", *PARTS)}
    mismatches: list[dict[str, Any]] = []
    elapsed = 0.0
    checked = False
    for n, line_no, row in _rows(path, text_column):
        if not checked:
            for col in (text_column, killed_column, id_column, injured_column):
                if col and col not in row:
                    raise TallyError(f"{path}: no column {col!r} (columns: {', '.join(map(str, row))})")
            checked = True
        text = str(row.get(text_column) or "").replace("\r\n", "\n").replace("\r", "\n")  # as the CSV reader
        rid = row.get(id_column) if id_column else None
        doc = Document.from_text(text, source=f"{path}#row={n}", format="csv",
                                 id=None if rid in (None, "") else str(rid),
                                 meta={"row": n, "line": line_no, "date": None})
        part = split_of(doc.id if doc.id is not None else n)
        t0 = time.perf_counter()
        rec = extract(doc, policy=policy)
        elapsed += time.perf_counter() - t0
        killed = rec.casualties.get("killed")
        injured = rec.casualties.get("injured")
        gold_d = _number(row.get(killed_column))
        gold_i = _number(row.get(injured_column)) if injured_column else None
        bad = False
        for key in ("all", part):
            bad = scores[key].add(killed, injured, gold_d, gold_i)
        if bad and part == "tuning":
            mismatches.append({
                "id": doc.id if doc.id is not None else str(n),
                "part": part,
                "text": text,
                "gold": {"deaths": row.get(killed_column),
                         "injured": row.get(injured_column) if injured_column else None},
                "predicted": {
                    "killed": None if killed is None else {"low": killed.low, "best": killed.best,
                                                           "high": killed.high, "rule": killed.rule},
                    "injured": None if injured is None else {"low": injured.low, "best": injured.best,
                                                             "high": injured.high, "rule": injured.rule},
                },
            })
    if scores["all"].rows == 0:
        raise TallyError(f"{path}: no rows")
    metrics = scores["all"].metrics()
    metrics["seconds"] = round(elapsed, 3)
    metrics["docs_per_s"] = metrics["rows"] / elapsed if elapsed > 0 else 0.0
    parts = {part: scores[part].metrics() for part in PARTS}
    return {"metrics": metrics, "parts": parts, "mismatches": mismatches}


class _Score:
    """The counts behind the metrics of one part."""

    def __init__(self) -> None:
        self.rows = self.d_rows = self.d_exact = self.d_cov = self.i_rows = self.i_exact = self.open_high = 0
        self.ratios: list[float] = []

    def add(self, killed, injured, gold_d: int | None, gold_i: int | None) -> bool:
        """Count one row; True when its deaths or injured figure is wrong."""
        self.rows += 1
        k_best = killed.best if killed and killed.best is not None else 0
        k_low = killed.low if killed and killed.low is not None else 0
        k_high = (killed.high if killed else 0)
        i_best = injured.best if injured and injured.best is not None else 0
        bad = False
        if gold_d is not None:
            self.d_rows += 1
            if k_best == gold_d:
                self.d_exact += 1
            else:
                bad = True
            if k_low <= gold_d and (k_high is None or gold_d <= k_high):
                self.d_cov += 1
            if k_high is None and killed is not None:
                self.open_high += 1
            elif k_low > 0 and k_high and k_high > 0:
                self.ratios.append(k_high / k_low)
        if gold_i is not None:
            self.i_rows += 1
            if i_best == gold_i:
                self.i_exact += 1
            else:
                bad = True
        return bad

    def metrics(self) -> dict[str, Any]:
        d, i = self.d_rows, self.i_rows
        return {
            "rows": self.rows,
            "deaths_rows": d,
            "deaths_exact": self.d_exact / d if d else 0.0,
            "injured_rows": i,
            "injured_exact": self.i_exact / i if i else 0.0,
            "deaths_interval_coverage": self.d_cov / d if d else 0.0,
            "median_high_low_ratio": statistics.median(self.ratios) if self.ratios else 1.0,
            "open_high_share": self.open_high / d if d else 0.0,
        }
