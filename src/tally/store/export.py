"""``export``: the current records as CSV, JSON, GeoJSON or Parquet, in tally's
columns or those of UCDP, ACLED or GTD (:mod:`tally.store.columns`).

Three levels: ``incidents`` (the default: one row per incident, its reports'
records combined, as UCDP and ACLED publish), ``reports`` (one row per
stored report, ``incident_id`` first) and ``timeline`` (one row per dated
figure of the incidents, :mod:`tally.store.timeline`, in tally's columns only). CSV, JSON and GeoJSON stream to a text
stream (stdout by default) or a file; Parquet needs a file. ``--format json
--schema tally`` writes the full records (the shape of ``docs/schema.md``: an
incident's combined record, or a report's with its ``incident_id``); every
other combination writes flat rows.
"""

from __future__ import annotations

import csv
import json
import sys
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..errors import TallyError
from . import schema as t
from .columns import LEVELS, SCHEMAS, TIMELINE, Columns, columns_of, timeline_row
from .db import Store
from .query import Filters, iter_records, iter_report_records, select_incidents

FORMATS = ("csv", "json", "geojson", "parquet")


class ExportError(TallyError):
    """An export that cannot be made (unknown format, Parquet without a file...)."""


def rows(records: Iterable[dict[str, Any]], schema: str, level: str = "incidents") -> Iterator[dict[str, Any]]:
    """``records`` as flat rows of ``schema``'s columns at ``level``, in column
    order (a report-level row starts with the record's ``incident_id``)."""
    _, row_fn = SCHEMAS[schema]
    columns = columns_of(schema, level)
    for record in records:
        row = row_fn(record)
        if level == "reports":
            row["incident_id"] = record.get("incident_id")
        yield {name: row.get(name) for name, _ in columns}


def export(store: Store, fmt: str = "csv", schema: str = "tally", *, out: str | Path | None = None,
           stream: TextIO | None = None, filters: Filters | None = None, sort: str = "-date",
           limit: int | None = None, level: str = "incidents", policy: str | None = None) -> int:
    """Write the incidents matching ``filters`` (``level="reports"``: their
    reports, one row each, with ``incident_id``) to ``out`` (a path) or
    ``stream`` (default stdout); returns how many rows were written. ``limit``
    counts rows; ``policy`` re-applies a reconcile policy to each record's
    figures (:func:`tally.reconcile.apply_policy`)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if schema not in SCHEMAS:
        raise ExportError(f"unknown export schema {schema!r}; choose from {', '.join(SCHEMAS)}")
    if level not in LEVELS:
        raise ExportError(f"unknown export level {level!r}; choose from {', '.join(LEVELS)}")
    if fmt == "parquet" and out is None:
        raise ExportError("Parquet is binary: give a file with --out")
    if level == "timeline":
        if schema != "tally":
            raise ExportError("--level timeline has its own columns (docs/export.md): use --schema tally")
        if policy not in (None, "tally"):
            raise ExportError("--policy does not apply to --level timeline: its figures are the stored claims "
                              "and the running figures of the stored records")
        return _export_timeline(store, fmt, out, stream, filters, sort, limit)
    read = iter_report_records if level == "reports" else iter_records
    records = read(store, filters, sort, limit, with_text=schema in ("acled", "gtd"))
    if policy not in (None, "tally"):
        records = _with_policy(records, policy)
    if fmt == "parquet":
        return write_parquet(rows(records, schema, level), columns_of(schema, level), Path(out))  # type: ignore[arg-type]
    if out is not None:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return _write_text(fh, fmt, schema, level, records)
    return _write_text(stream or sys.stdout, fmt, schema, level, records)


def _export_timeline(store: Store, fmt: str, out: str | Path | None, stream: TextIO | None,
                     filters: Filters | None, sort: str, limit: int | None) -> int:
    """``--level timeline``: the points of the selected incidents (``limit`` counts
    points); JSON keeps each point's shape (``tally timeline --format json``
    with ``incident_id`` first), the other formats write :data:`TIMELINE` rows."""
    from .timeline import iter_timeline_rows

    c = t.incidents.c
    with store.read() as conn:
        where = {row.id: (row.lat, row.lon) for row in conn.execute(
            select_incidents(store, filters, sort, None, [c.id, c.lat, c.lon]))}
    points = islice(iter_timeline_rows(store, list(where)), limit)
    placed = ({**p, "latitude": where[p["incident_id"]][0], "longitude": where[p["incident_id"]][1]}
              for p in points)
    if fmt == "parquet":
        return write_parquet((timeline_row(p) for p in placed), TIMELINE, Path(out))  # type: ignore[arg-type]
    fh_target = open(out, "w", encoding="utf-8", newline="") if out is not None else None
    try:
        fh = fh_target or stream or sys.stdout
        if fmt == "csv":
            return write_csv((timeline_row(p) for p in placed), TIMELINE, fh)
        if fmt == "geojson":
            return write_geojson((timeline_row(p) for p in placed), fh, id_key=None)
        return write_json(({k: v for k, v in p.items() if k not in ("latitude", "longitude")} for p in placed), fh)
    finally:
        if fh_target is not None:
            fh_target.close()


def _with_policy(records: Iterable[dict[str, Any]], policy: str) -> Iterator[dict[str, Any]]:
    from ..reconcile import apply_policy

    for record in records:
        yield apply_policy(record, policy)


def _write_text(fh: TextIO, fmt: str, schema: str, level: str, records: Iterable[dict[str, Any]]) -> int:
    if fmt == "csv":
        return write_csv(rows(records, schema, level), columns_of(schema, level), fh)
    if fmt == "geojson":
        # a report-level Feature is the report (its id: the schema's id column), not its incident
        return write_geojson(rows(records, schema, level), fh, id_key=SCHEMAS[schema][0][0][0])
    items = ({k: v for k, v in r.items() if k != "_text"} for r in records) if schema == "tally" \
        else rows(records, schema, level)
    return write_json(items, fh)


def write_csv(items: Iterable[dict[str, Any]], columns: Columns, fh: TextIO) -> int:
    """One header line, then one line per row (empty cells for nulls)."""
    writer = csv.DictWriter(fh, fieldnames=[name for name, _ in columns], lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow(item)
        n += 1
    return n


def write_json(items: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """A JSON array, one item at a time (never the whole export in memory)."""
    n = 0
    fh.write("[")
    for item in items:
        fh.write(("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False))
        n += 1
    fh.write("\n]\n")
    return n


def _lat_lon(row: dict[str, Any]) -> tuple[Any, Any]:
    return row.get("latitude"), row.get("longitude")


def write_geojson(items: Iterable[dict[str, Any]], fh: TextIO, id_key: str | None = None) -> int:
    """A GeoJSON (RFC 7946) FeatureCollection: one Feature per row, its geometry
    a Point ``[longitude, latitude]``, or null when the record has no coordinates;
    the row's columns are the Feature's properties and its ``id`` the row's
    ``id_key`` column (default: the first)."""
    n = 0
    fh.write('{"type": "FeatureCollection", "features": [')
    for item in items:
        lat, lon = _lat_lon(item)
        geometry = ({"type": "Point", "coordinates": [float(lon), float(lat)]}
                    if lat is not None and lon is not None else None)
        ident = item.get(id_key) if id_key else next(iter(item.values()), None)
        feature = {"type": "Feature", "id": ident, "geometry": geometry, "properties": item}
        fh.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def write_parquet(items: Iterable[dict[str, Any]], columns: Columns, path: Path,
                  batch_size: int = 5000) -> int:
    """A Parquet file with one typed column per schema column (nulls allowed)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        raise ExportError("Parquet export needs pyarrow: pip install pyarrow") from None
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    arrow_schema = pa.schema([(name, types[kind]) for name, kind in columns])
    n = 0
    with pq.ParquetWriter(path, arrow_schema) as writer:
        batch: list[dict[str, Any]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
            n += len(batch)
    return n
