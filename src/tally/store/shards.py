"""Parquet shards: ``tally ingest DUMP --out DIR``, loaded later with ``tally ingest DIR``.

:class:`ShardWriter` is a sink of :func:`tally.store.parallel.run_ingest`: in
place of the database it writes every outcome, in input order, to
``DIR/part-00000.parquet``, ``part-00001.parquet``, ... (about ``shard_size``
documents each; a shard is closed at a batch boundary) and keeps
``DIR/manifest.json`` up to date: the shards in order, and per dump its size,
mtime, the checkpoint (the last page id whose outcome and every earlier one
are in a written shard) and whether it was read to its end. A shard is written
to a temporary name and renamed, then the manifest is replaced, so an
interrupted run leaves whole shards only; the re-run goes on after the
checkpoint, and a dump already complete is not written again. ``--restart``
deletes the shards and the manifest first.

:func:`load_shards` stores the shards' records in manifest order through the
same writer as a direct ingest (:class:`tally.store.parallel.StoreSink`), so
the database ends as if the dump had been ingested into it directly.

Columns (one row per document or failure, see ``docs/scaling.md``): ``kind``
(``record`` or ``error``), ``page_id``, ``identity``, ``content_hash``,
``source``, ``format``, ``title``, ``doc_id``, ``text``, ``meta`` (JSON),
``record`` (the incident record, JSON), ``error`` (the failure line).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..errors import TallyError
from ..model import Document
from .checkpoint import dump_key
from .ingest import IngestResult, Progress

MANIFEST = "manifest.json"
FORMAT = "tally-shards/1"


def _schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    return pa.schema([("kind", text), ("page_id", pa.int64()), ("identity", text), ("content_hash", text),
                      ("source", text), ("format", text), ("title", text), ("doc_id", text), ("text", text),
                      ("meta", text), ("record", text), ("error", text)])


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)  # as the store writes JSON


def is_shard_dir(path: str | Path) -> bool:
    """True for a directory written by ``tally ingest --out``."""
    return Path(path).is_dir() and (Path(path) / MANIFEST).is_file()


def _read_manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TallyError(f"cannot read {directory / MANIFEST}: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise TallyError(f"{directory / MANIFEST} is not a tally shard manifest ({FORMAT})")
    return manifest


class ShardWriter:
    """Writes the outcomes of an ingest to Parquet shards in ``out``."""

    def __init__(self, out: str | Path, shard_size: int = 1000, restart: bool = False) -> None:
        self.dir = Path(out)
        self.where = str(out)
        self.shard_size = shard_size
        if self.dir.exists() and not self.dir.is_dir():
            raise TallyError(f"--out {out}: not a directory")
        self.dir.mkdir(parents=True, exist_ok=True)
        if (self.dir / MANIFEST).is_file():
            self.manifest = _read_manifest(self.dir)
            if restart:
                for shard in self.manifest["shards"]:
                    (self.dir / shard["file"]).unlink(missing_ok=True)
                (self.dir / MANIFEST).unlink()
                self.manifest = {}
        elif any(self.dir.iterdir()):
            raise TallyError(f"--out {out}: the directory is not empty and has no {MANIFEST}")
        else:
            self.manifest = {}
        if not self.manifest:
            self.manifest = {"format": FORMAT, "shards": [], "sources": {}}
        self.rows: list[dict[str, Any]] = []
        self.checkpoints: dict[str, tuple[Path, int]] = {}

    def _source(self, path: str | Path) -> dict[str, Any] | None:
        """The manifest's entry for this dump, if it is the same file."""
        key, size, mtime = dump_key(path)
        entry = self.manifest["sources"].get(key)
        return entry if entry and (entry["size"], entry["mtime"]) == (size, mtime) else None

    def finished(self, path: str | Path) -> bool:
        entry = self._source(path)
        return bool(entry and entry.get("complete"))

    def resume_point(self, path: str | Path) -> int | None:
        entry = self._source(path)
        return entry.get("checkpoint") if entry else None

    def write(self, kind: str, value: Any) -> str:
        if kind == "error":
            self.rows.append({"kind": "error", "error": value})
            return value
        doc, identity, digest, record = value
        self.rows.append({"kind": "record", "page_id": doc.meta.get("page_id"), "identity": identity,
                          "content_hash": digest, "source": doc.source, "format": doc.format,
                          "title": doc.title, "doc_id": doc.id, "text": doc.text, "meta": _dumps(doc.meta),
                          "record": _dumps(record)})
        return "ingested"

    def checkpoint(self, path: str | Path, page_id: int | None) -> None:
        if page_id is not None:
            self.checkpoints[dump_key(path)[0]] = (Path(path), page_id)
        if len(self.rows) >= self.shard_size:
            self.flush()

    def finish(self, path: str | Path) -> None:
        self.flush(complete=path)

    def close(self) -> None:
        self.flush()

    def flush(self, complete: str | Path | None = None) -> None:
        """Write the rows held as one shard, then the manifest with the checkpoints they cover."""
        if self.rows:
            import pyarrow as pa
            import pyarrow.parquet as pq

            name = f"part-{len(self.manifest['shards']):05d}.parquet"
            tmp = self.dir / (name + ".tmp")
            pq.write_table(pa.Table.from_pylist(self.rows, schema=_schema()), tmp, compression="zstd")
            os.replace(tmp, self.dir / name)
            pages = [r["page_id"] for r in self.rows if r.get("page_id") is not None]
            self.manifest["shards"].append({
                "file": name, "rows": len(self.rows),
                "records": sum(r["kind"] == "record" for r in self.rows),
                "first_page": pages[0] if pages else None, "last_page": pages[-1] if pages else None})
            self.rows = []
        for key, (path, page_id) in self.checkpoints.items():
            _, size, mtime = dump_key(path)
            self.manifest["sources"][key] = {"size": size, "mtime": mtime, "checkpoint": page_id,
                                             "complete": False}
        self.checkpoints = {}
        if complete is not None:
            key, size, mtime = dump_key(complete)
            self.manifest["sources"][key] = {"size": size, "mtime": mtime, "checkpoint": None,
                                             "complete": True}
        tmp = self.dir / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(self.manifest, indent=1), encoding="utf-8")
        os.replace(tmp, self.dir / MANIFEST)


def iter_shard_rows(directory: str | Path) -> Iterable[dict[str, Any]]:
    """The rows of a shard directory, shard by shard in manifest order."""
    import pyarrow.parquet as pq

    directory = Path(directory)
    for shard in _read_manifest(directory)["shards"]:
        try:
            parquet = pq.ParquetFile(directory / shard["file"])
        except (OSError, ValueError) as exc:
            raise TallyError(f"cannot read shard {directory / shard['file']}: {exc}") from None
        for batch in parquet.iter_batches(batch_size=256):
            yield from batch.to_pylist()


def load_shards(store: Any, directories: Iterable[str | Path], *, force: bool = False,
                progress: Progress | None = None) -> IngestResult:
    """Store the records of shard directories, as a direct ingest of their inputs would."""
    import time

    from .parallel import StoreSink

    sink = StoreSink(store, force)
    result = IngestResult()
    started = time.perf_counter()
    for directory in directories:
        for row in iter_shard_rows(directory):
            if row["kind"] == "error":
                outcome = sink.write("error", row["error"])
            else:
                doc = Document(text=row["text"], source=row["source"], format=row["format"],
                               title=row["title"], id=row["doc_id"], meta=json.loads(row["meta"]))
                outcome = sink.write("doc", (doc, row["identity"], row["content_hash"],
                                             json.loads(row["record"])))
            result.add(outcome)
            result.seconds = time.perf_counter() - started
            if progress is not None:
                progress(result)
    return result
