"""``tally extract`` and ``tally eval``: records of documents, printed or scored."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import TallyError
from ..model import to_dict
from .app import LANG_HELP, POLICY_HELP, InputFormat, Language, OutputFormat, Policy, print_error, app, iter_records


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Files to read: articles (.txt, .wiki), "
                                       "MediaWiki XML exports (.xml, .xml.bz2), or CSV/TSV/JSONL "
                                       "files with one report per row."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f",
                                        help="json: one JSON array; jsonl: one record a line; "
                                        "table: a readable view."),
    input_format: Optional[InputFormat] = typer.Option(None, "--input-format", "-i",
                                                       help="Read every input as this format "
                                                       "instead of detecting it."),
    text_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column holding the text "
                                              "(default: text, description, body...)."),
    id_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column whose value "
                                            "becomes the record id."),
    date_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column holding the "
                                              "report's date (resolves 'yesterday', weekdays)."),
    policy: Policy = typer.Option(Policy.tally, "--policy", help=POLICY_HELP),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP),
    prefilter: bool = typer.Option(False, "--prefilter", help="MediaWiki exports: read only pages "
                                   "whose raw wikitext has a conflict/attack infobox or an incident "
                                   "category; the counts by reason go to stderr."),
) -> None:
    """Extract one incident record per document and print it.

    A MediaWiki export with page histories gives one record per revision whose
    casualty text changed, oldest first, as `tally ingest` stores them (each
    record's `source` has the revision's `timestamp` and `reverted`); the
    revisions read, kept and skipped go to stderr.

    Exit status 0 when every input was read, 2 when any input (or row, or page)
    failed; failures are reported one line each on stderr and the rest of the
    batch is still processed.
    """
    options = {k: v for k, v in (("text_column", text_column), ("id_column", id_column),
                                 ("date_column", date_column), ("language", lang and lang.value)) if v}
    stats = None
    if prefilter:
        from ..readers.prefilter import PrefilterStats

        stats = options["prefilter"] = PrefilterStats()
    from ..readers.history import HistoryStats

    history = options["history"] = HistoryStats()  # a page history: each revision whose casualty text changed
    failures: list[str] = []
    records = iter_records(paths, input_format.value if input_format else None, options, failures,
                           policy=policy.value)
    out = sys.stdout
    if format is OutputFormat.jsonl:
        for rec in records:
            out.write(json.dumps(to_dict(rec), ensure_ascii=False) + "\n")
    elif format is OutputFormat.json:
        out.write("[")
        for i, rec in enumerate(records):
            out.write(("," if i else "") + "\n" + json.dumps(to_dict(rec), ensure_ascii=False, indent=2))
        out.write("\n]\n")
    else:
        from .render import print_record

        for rec in records:
            print_record(rec)
    out.flush()
    if stats is not None:
        typer.echo(stats.summary(), err=True)
    if history.pages:
        typer.echo(history.summary(), err=True)
    for f in failures:
        print_error(f)
    if failures:
        raise typer.Exit(2)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="CSV or JSONL file of coded reports."),
    text_column: str = typer.Option("description", help="Column holding the report text."),
    id_column: Optional[str] = typer.Option(None, help="Column identifying each row."),
    killed_column: str = typer.Option("deaths", help="Column with the coded number killed."),
    injured_column: Optional[str] = typer.Option("injured", help="Column with the coded number injured."),
    errors: Optional[Path] = typer.Option(None, help="Write the tuning rows tally got wrong to this JSONL "
                                          "file (validation rows are scored, never listed)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    policy: Policy = typer.Option(Policy.tally, "--policy", help=POLICY_HELP + " Use the policy of the "
                                  "dataset the file was coded by (wad for the atrocities dataset)."),
) -> None:
    """Measure tally's killed and injured figures against your own coded data.

    Prints exact match of ``casualties.killed.best`` and ``injured.best``, how
    often the coded deaths fall between killed.low and killed.high, the median
    high/low ratio and the speed, for all rows and for the tuning and validation
    parts (a fixed 70/30 split by a hash of each row's id; docs/accuracy.md).
    """
    from ..evaluate import evaluate

    try:
        report = evaluate(gold, text_column=text_column, id_column=id_column,
                          killed_column=killed_column, injured_column=injured_column,
                          policy=policy.value)
    except TallyError as exc:
        print_error(str(exc))
        raise typer.Exit(2)
    if errors:
        with open(errors, "w", encoding="utf-8") as fh:
            for row in report["mismatches"]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    metrics, parts = report["metrics"], report["parts"]
    if as_json:
        typer.echo(json.dumps({**metrics, "parts": parts}, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"tally eval {gold}")
    table.add_column("metric")
    for col in ("all", "tuning", "validation"):
        table.add_column(col, justify="right")

    def cell(value) -> str:
        return "" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)

    for key, value in metrics.items():
        table.add_row(key, cell(value), *(cell(parts[p].get(key)) for p in ("tuning", "validation")))
    Console().print(table)
