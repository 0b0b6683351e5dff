"""``tally check PATH...``: a consistency checker an encyclopedia editor can
run before saving. For each article it prints the disagreements between its
casualty claims (``Incident.conflicts``) and the missing evidence: infobox
figures the body never supports. Exit status 0 when there is nothing to
report, 1 when any article has a disagreement or missing evidence, 2 when an
input cannot be read (the other inputs are still checked)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import InputFormat, print_error, app, iter_records


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="Articles or reports to check (any format "
                                       "`tally extract` reads)."),
    input_format: Optional[InputFormat] = typer.Option(None, "--input-format", "-i",
                                                       help="Read every input as this format."),
    text_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column holding the text."),
    id_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column identifying each row."),
) -> None:
    """Print each article's casualty disagreements and missing evidence.

    A disagreement is two claims about the same category and side whose figures
    cannot both be true, or an infobox figure the body contradicts; missing
    evidence is an infobox figure no sentence of the body supports. Exit status
    1 when there is any, 2 when an input cannot be read.
    """
    from ..reconcile import missing_evidence

    options = {k: v for k, v in (("text_column", text_column), ("id_column", id_column)) if v}
    failures: list[str] = []
    found = 0
    for rec in iter_records(paths, input_format.value if input_format else None, options, failures):
        missing = missing_evidence(rec)
        name = rec.title or rec.source.get("path") or rec.id
        if not rec.conflicts and not missing:
            typer.echo(f"{name}: ok")
            continue
        found += 1
        typer.echo(f"{name}: {len(rec.conflicts)} disagreement(s), {len(missing)} missing evidence")
        for c in rec.conflicts:
            typer.echo(f"  disagreement [{c['category']}] claims {c['claims'][0]} and {c['claims'][1]}: {c['text']}")
        for m in missing:
            typer.echo(f"  missing evidence [{m['category']}] claim {m['claim']}: {m['text']}")
    for f in failures:
        print_error(f)
    if failures:
        raise typer.Exit(2)
    if found:
        raise typer.Exit(1)
