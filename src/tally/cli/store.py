"""``tally ingest | list | show | history | timeline | export``: thin commands over :mod:`tally.store`.

Each command parses its options, opens the :class:`~tally.store.Store` and
calls one library function; the views live in :mod:`tally.cli.views`.
Errors are one line on stderr (``tally: error: ...``) and exit status 2.
The store holds reports (one per document) grouped into incidents: ``list``
and ``export`` give incidents (``export --level reports``: reports), ``show``
an incident with its reports; ``tally link | unlink | merge | relink``
(:mod:`tally.cli.link`) correct the grouping.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, List, Optional

import typer

from .app import LANG_HELP, POLICY_HELP, InputFormat, Language, Policy, app, exit_with_error
from ..errors import TallyError

if TYPE_CHECKING:
    from ..store import Filters, Store

#: The default ``--db`` (same as :data:`tally.store.DEFAULT_URL`; the store and
#: SQLAlchemy are imported only when a store command runs, so ``tally extract``
#: starts as fast as before).
DEFAULT_URL = "sqlite:///tally.db"

DB = typer.Option(DEFAULT_URL, "--db", envvar="TALLY_DB",
                  help="Database URL: sqlite:///FILE (default sqlite:///tally.db) or "
                  "postgresql://user@host:port/dbname. Also read from TALLY_DB.")
COUNTRY = typer.Option(None, "--country", help="ISO 3166-1 alpha-3 codes, comma-separated (MLI,BFA).")
DATE_FROM = typer.Option(None, "--from", help="Incidents ending on or after this date (YYYY[-MM[-DD]]).")
DATE_TO = typer.Option(None, "--to", help="Incidents starting on or before this date (YYYY[-MM[-DD]]).")
ACTOR = typer.Option(None, "--actor", help="Part of an actor's name or alias (any side, or a perpetrator).")
MIN_KILLED = typer.Option(None, "--min-killed", min=0, help="At least this many killed (best estimate).")
SEARCH = typer.Option(None, "--search", help="Words that must all occur in the title or text.")
SORT = typer.Option("-date", "--sort", help="date, killed, title, id, country or updated; "
                    "prefix - for descending.")


class ViewFormat(str, Enum):
    table = "table"
    json = "json"


VIEW_FORMAT = typer.Option(ViewFormat.table, "--format", "-f", help="table or json.")


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    geojson = "geojson"
    parquet = "parquet"


class ExportLevel(str, Enum):
    incidents = "incidents"
    reports = "reports"
    timeline = "timeline"


class ExportSchema(str, Enum):
    tally = "tally"
    ucdp = "ucdp"
    acled = "acled"
    gtd = "gtd"


def _lookup(db: str, fetch: Callable[["Store", str], Any], incident_id: str) -> Any:
    """``fetch(store, incident_id)`` on the store at ``db``; exit 1 when it finds nothing."""
    store = open_store(db)
    try:
        found = fetch(store, incident_id)
    finally:
        store.close()
    if found is None:
        exit_with_error(f"no incident {incident_id!r} in {store.display_url}", 1)
    return found


def open_store(db: str, link: bool = True) -> "Store":
    from ..store import Store

    try:
        return Store(db, link=link)
    except TallyError as exc:
        exit_with_error(str(exc))


def _filters(country: Optional[str], date_from: Optional[str], date_to: Optional[str],
             actor: Optional[str], min_killed: Optional[int], search: Optional[str]) -> "Filters":
    from ..store import Filters

    return Filters(country=country, date_from=date_from, date_to=date_to, actor=actor,
                   min_killed=min_killed, search=search)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files to ingest (any format `tally extract` reads), "
                                       "folders of them (saved pages, feeds, text files: every level, "
                                       "in name order), or directories of Parquet shards written by --out."),
    db: str = DB,
    input_format: Optional[InputFormat] = typer.Option(None, "--input-format", "-i",
                                                       help="Read every input as this format."),
    text_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column holding the text."),
    id_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column identifying each "
                                            "report (its record id and source identity)."),
    date_column: Optional[str] = typer.Option(None, help="CSV/TSV/JSONL: the column holding the report's date."),
    force: bool = typer.Option(False, "--force", help="Extract unchanged documents again and "
                               "replace their records when the new ones differ (implies --restart)."),
    policy: Policy = typer.Option(Policy.tally, "--policy", help=POLICY_HELP + " Documents already "
                                  "stored are re-extracted with it only with --force."),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP + " Not for MediaWiki dumps, "
                                            "whose pages are detected one by one."),
    prefilter: bool = typer.Option(False, "--prefilter", help="MediaWiki exports: parse only pages "
                                   "whose raw wikitext has a conflict/attack infobox or an incident "
                                   "category; the counts by reason go to stderr."),
    workers: int = typer.Option(1, "--workers", min=1, help="Parse and extract in N local processes "
                                "(the database writes stay in this one); with --dask local, the "
                                "LocalCluster's worker processes (default 2). A multistream dump with "
                                "its -index.txt.bz2 beside it is split: each worker decompresses and "
                                "pre-filters its own streams."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS",
                                       help="Parse and extract on a dask.distributed cluster: 'local' "
                                       "starts one on 127.0.0.1, tcp://host:port joins a running "
                                       "scheduler (its workers need tally). Needs the dask extra."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR",
                                       help="Write the records to Parquet shards in DIR (with a "
                                       "manifest.json) instead of the database; `tally ingest DIR` "
                                       "loads them later."),
    shard_size: int = typer.Option(1000, "--shard-size", min=1, help="With --out: documents per shard."),
    restart: bool = typer.Option(False, "--restart", help="MediaWiki dumps: ignore the checkpoint of an "
                                 "interrupted ingest and read the dump from its first page (with --out: "
                                 "start the shard directory over)."),
    keep_all: bool = typer.Option(False, "--keep-all", help="Store every news item (saved pages, feed "
                                  "items), also those not about violence against people (floods, road "
                                  "accidents, disease, sport), which are otherwise skipped and counted."),
    no_link: bool = typer.Option(False, "--no-link", help="Store each new report as an incident of its "
                                 "own instead of linking it with the reports of the same event "
                                 "(`tally relink` links them later; link overrides still apply)."),
) -> None:
    """Extract and store one report per document, each in its own transaction.

    Each new report joins the incident of the same event (same day and place,
    actors, figures) or starts a new one; --no-link keeps each apart. A news item
    (a saved page, a feed item) that is not about violence against people is
    skipped and counted by reason unless --keep-all. Re-running an ingest adds nothing; a changed document replaces its record
    and keeps the earlier one (see `tally history`). A MediaWiki export with page
    histories (several revisions per page) stores each revision whose infobox,
    lead or casualty sections changed as a version of the page's report, dated
    by its timestamp; a revision undone within the hour is flagged reverted. An
    interrupted ingest of a MediaWiki dump goes on after the last page stored (a
    checkpoint by page id).
    Exit status 2 when any file, row or page failed (one line each on stderr);
    the rest is stored.
    """
    from ..store import ingest as run_ingest
    from ..store.parallel import is_dump
    from ..store.shards import is_shard_dir
    from .views import ingest_progress, print_ingest_summary

    fmt = input_format.value if input_format else None
    options = {k: v for k, v in (("text_column", text_column), ("id_column", id_column),
                                 ("date_column", date_column), ("language", lang and lang.value)) if v}
    if lang and any(is_dump(p, fmt) for p in paths):
        exit_with_error("--lang applies to files and tables, not to MediaWiki dumps: each page's language is detected")
    shard_dirs = [p for p in paths if is_shard_dir(p)]
    if shard_dirs and (len(shard_dirs) != len(paths) or out is not None or dask or workers > 1):
        exit_with_error("a directory of shards is loaded on its own: no other inputs, --out, --dask or --workers")
    if not shard_dirs:  # a folder of reports, saved pages or feeds: the files in it tally reads
        from ..readers import expand_paths

        folders = [p for p in paths if p.is_dir()]
        paths, other = expand_paths(paths)
        if other:
            typer.echo(f"tally: {len(other)} file(s) of other kinds in {', '.join(map(str, folders))} not read "
                       f"(first: {other[0]})", err=True)
        if folders and not paths:
            exit_with_error(f"no file tally reads in {', '.join(map(str, folders))}")
    stats = None
    if prefilter:
        from ..readers.prefilter import PrefilterStats

        stats = PrefilterStats()
    pipeline = bool(workers > 1 or dask or out is not None or any(is_dump(p, fmt) for p in paths))
    policy_name = None if policy.value == "tally" else policy.value
    store = sink = None
    where = str(out)
    try:
        if out is not None:
            from ..store.shards import ShardWriter

            sink = ShardWriter(out, shard_size=shard_size, restart=restart or force)
        else:
            store = open_store(db, link=not no_link)
            where = store.display_url
        with ingest_progress() as progress:
            if shard_dirs:
                from ..store.shards import load_shards

                result = load_shards(store, shard_dirs, force=force, progress=progress)
            elif pipeline:
                from ..store.parallel import StoreSink, local_executor, run_ingest as run_pipeline

                if dask:
                    from ..store.dask_ingest import dask_executor

                    executor = dask_executor(dask, workers if workers > 1 else 2)
                else:
                    executor = local_executor(workers)
                result = run_pipeline(sink or StoreSink(store, force), paths, fmt, executor=executor,
                                      options=options, policy=policy_name, prefilter=stats,
                                      progress=progress, resume=not (restart or force), keep_all=keep_all)
            else:
                if stats is not None:
                    options["prefilter"] = stats
                result = run_ingest(store, paths, fmt, options=options, force=force, progress=progress,
                                    extractor=_policy_extractor(policy.value), keep_all=keep_all)
    except KeyboardInterrupt:
        exit_with_error("interrupted: every document counted so far is stored; run the same ingest to go on "
              "(a dump resumes after its last stored page)", 130)
    except TallyError as exc:
        exit_with_error(str(exc))
    finally:
        if store is not None:
            store.close()
    print_ingest_summary(result, where)
    for path, (page_id, skipped) in result.resumed.items():
        if page_id is None:
            typer.echo(f"{path}: already complete in {out}; not read again (--restart to write it again)",
                       err=True)
        else:
            typer.echo(f"{path}: resumed after page {page_id} (checkpoint), {skipped} pages skipped "
                       "unread (--restart to read them)", err=True)
    if stats is not None:
        typer.echo(stats.summary(), err=True)
    for line in result.skipped_items:
        typer.echo(f"tally: skipped: {line}", err=True)
    for failure in result.failed:
        typer.echo(f"tally: error: {failure}", err=True)
    if result.failed:
        raise typer.Exit(2)


@app.command("list")
def list_cmd(
    db: str = DB, country: Optional[str] = COUNTRY, date_from: Optional[str] = DATE_FROM,
    date_to: Optional[str] = DATE_TO, actor: Optional[str] = ACTOR, min_killed: Optional[int] = MIN_KILLED,
    search: Optional[str] = SEARCH, sort: str = SORT,
    limit: int = typer.Option(50, "--limit", min=0, help="At most this many incidents."),
    format: ViewFormat = VIEW_FORMAT,
) -> None:
    """List the stored incidents that match the filters, each with its number of reports
    (--format json: each with its `reports`, a list of {id, source, title, language})."""
    from ..store import list_incidents
    from .views import print_list

    store = open_store(db)
    try:
        rows = list_incidents(store, _filters(country, date_from, date_to, actor, min_killed, search),
                              sort=sort, limit=limit)
    except TallyError as exc:
        exit_with_error(str(exc))
    finally:
        store.close()
    if format is ViewFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print_list(rows)


@app.command()
def show(
    incident_id: str = typer.Argument(..., metavar="ID", help="An incident id (see `tally list`) or "
                                      "the id of one of its reports."),
    db: str = DB,
    format: ViewFormat = VIEW_FORMAT,
    text: bool = typer.Option(False, "--text", help="Also print each report's stored text (what the "
                              "reader kept of a page or feed item; the claims' start/end offsets "
                              "point into it). --format json: under \"texts\", report id -> text."),
) -> None:
    """Show one incident: its combined record, its reports (the date, place and figures each
    gives, and why it was linked) and its claims, each with its report, source and sentence."""
    from ..store import show as get_record
    from .views import print_record, print_texts

    def printer(found: dict) -> None:
        print_record(found)
        if text:
            print_texts(found["reports"], found["texts"])

    _view(_lookup(db, _with_texts if text else get_record, incident_id), format, printer)


def _view(found: Any, format: ViewFormat, printer: Callable[[Any], None], as_json: Any = None) -> None:
    """``found`` printed as a table by ``printer``, or as JSON (``as_json`` when given)."""
    if format is ViewFormat.json:
        typer.echo(json.dumps(found if as_json is None else as_json, ensure_ascii=False, indent=2))
    else:
        printer(found)


def _with_texts(store: "Store", ident: str) -> Optional[dict]:
    """``show``'s answer plus ``texts``: report id -> its stored text."""
    from ..store import report_texts, show as get_record

    found = get_record(store, ident)
    if found is not None:
        found["texts"] = report_texts(store, [r["id"] for r in found["reports"]])
    return found


@app.command()
def history(
    incident_id: str = typer.Argument(..., metavar="ID", help="A report id (for an incident id: "
                                      "its first report)."),
    db: str = DB,
    format: ViewFormat = VIEW_FORMAT,
) -> None:
    """Show every stored version of a report's record, oldest first, the current one last,
    then the link events (link, unlink, merge, relink) that name it or its incident.
    --format json: {id, versions, links}."""
    found = _lookup(db, _history_and_links, incident_id)
    if format is ViewFormat.json:
        typer.echo(json.dumps({"id": incident_id, **found}, ensure_ascii=False, indent=2))
    else:
        from .views import print_history, print_link_events

        print_history(incident_id, found["versions"])
        print_link_events(incident_id, found["links"])


def _history_and_links(store: "Store", ident: str) -> Optional[dict]:
    """The versions of report ``ident`` (an incident's: its first report's) and
    the link events naming it, the report shown or its current incident."""
    from ..store import history as get_history, link_history, show as get_incident

    versions = get_history(store, ident)
    if versions is None:
        return None
    found = get_incident(store, ident)
    first = versions[-1]["record"].get("id")
    links = link_history(store, *(n for n in (ident, first, found and found["incident"]["id"]) if n))
    return {"versions": versions, "links": links}


@app.command()
def timeline(
    incident_id: str = typer.Argument(..., metavar="INCIDENT", help="An incident id (see `tally list`) or "
                                      "the id of one of its reports."),
    db: str = DB,
    format: ViewFormat = VIEW_FORMAT,
) -> None:
    """How the incident's toll moved: every dated figure of every version of its reports, in
    order (when, which report and revision, which source, category, victim group, low / best /
    high) with the incident's running low / best / high after it. --format json: a list of
    {at, report, revision, source, category, group, low, best, high, running: {low, best, high}}."""
    from ..store import incident_timeline
    from .views import print_timeline

    found = _lookup(db, incident_timeline, incident_id)
    _view(found, format, print_timeline, as_json=found["points"])


@app.command()
def export(
    db: str = DB,
    format: Optional[ExportFormat] = typer.Option(None, "--format", "-f",
                                                  help="csv, json, geojson or parquet (parquet needs --out); "
                                                  "default: from the --out extension, else csv."),
    schema: ExportSchema = typer.Option(ExportSchema.tally, "--schema",
                                        help="Columns: tally, or those of ucdp, acled or gtd "
                                        "(see docs/export.md)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    country: Optional[str] = COUNTRY, date_from: Optional[str] = DATE_FROM, date_to: Optional[str] = DATE_TO,
    actor: Optional[str] = ACTOR, min_killed: Optional[int] = MIN_KILLED, search: Optional[str] = SEARCH,
    sort: str = SORT,
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many rows "
                                        "(incidents, reports with --level reports, dated figures "
                                        "with --level timeline)."),
    policy: Policy = typer.Option(Policy.tally, "--policy", help=POLICY_HELP + " Applied to the "
                                  "stored records' figures; ingest --policy re-extracts for the full effect."),
    level: ExportLevel = typer.Option(ExportLevel.incidents, "--level",
                                      help="incidents (default: one row per incident, its reports "
                                      "combined), reports (one row per report, incident_id first) or "
                                      "timeline (one row per dated figure, as `tally timeline`; tally "
                                      "schema only)."),
) -> None:
    """Export the stored incidents (all, or those matching the filters), one row per incident;
    --level reports: one row per report of those incidents, with its incident_id; --level
    timeline: one row per dated figure of those incidents (`tally timeline`)."""
    from ..store import export as run_export

    fmt = format.value if format else _format_of(out)
    store = open_store(db)
    try:
        n = run_export(store, fmt, schema.value, out=out, sort=sort, limit=limit, level=level.value,
                       policy=policy.value, filters=_filters(country, date_from, date_to, actor,
                                                             min_killed, search))
    except TallyError as exc:
        exit_with_error(str(exc))
    except OSError as exc:
        exit_with_error(f"cannot write {out}: {exc.strerror or exc}")
    finally:
        store.close()
    if out is not None:
        unit = "timeline points" if level is ExportLevel.timeline else level.value
        typer.echo(f"{n} {unit} written to {out}", err=True)


def _format_of(out: Optional[Path]) -> str:
    """The export format an ``--out`` file's extension asks for (csv when unknown)."""
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"json": "json", "geojson": "geojson", "parquet": "parquet", "pq": "parquet"}.get(suffix, "csv")


def _policy_extractor(policy: str):
    """``Document -> Incident`` reconciled with ``policy`` (None: the default extractor)."""
    if policy == "tally":
        return None
    from functools import partial

    from ..extract import extract

    return partial(extract, policy=policy)
