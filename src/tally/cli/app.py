"""The ``tally`` Typer application and what its commands share: the policy and
format options, one-line errors and the record iterator. The commands live in
their own modules of :mod:`tally.cli` and register themselves on ``app``."""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import Iterator, List, NoReturn, Optional

import typer

from .. import __version__
from ..errors import ReaderError, TallyError
from ..model import Incident
from ..readers import FORMATS

app = typer.Typer(
    help="tally turns reporting about violent incidents into auditable incident records: "
    "it reads articles, news reports and dataset notes, extracts every casualty claim with "
    "its source and evidence, and reconciles them into low / best / high figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Policy(str, Enum):
    tally = "tally"
    ucdp = "ucdp"
    acled = "acled"
    gtd = "gtd"
    wad = "wad"


POLICY_HELP = ("How claims are reconciled into low/best/high: tally (most reliable, most specific), "
               "ucdp, acled (lowest credible; dozens = 12), gtd (attackers counted, a perpetrator's "
               "own claim not used) or wad (civilians killed: the civilians' figure where a report "
               "separates them); see docs/reconcile.md.")


class Language(str, Enum):
    en = "en"
    fr = "fr"


LANG_HELP = ("The language of every document read (en or fr); without it, each document's language "
             "(each row's, in a CSV or JSONL) is detected from its text.")


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


InputFormat = Enum("InputFormat", {f: f for f in FORMATS}, type=str)  # type: ignore[misc]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tally {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """tally: an auditable incident database from reporting about violent incidents."""
    show_warnings()


def show_warnings() -> None:
    """Warnings of the library (the ``tally`` logger: a row's date that is no
    date, say) as one line each on stderr: ``tally: warning: MSG``."""
    logger = logging.getLogger("tally")
    if not any(getattr(h, "tally_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("tally: warning: %(message)s"))
        handler.tally_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def print_error(msg: str) -> None:
    """One line on stderr: ``tally: error: MSG``."""
    typer.echo(f"tally: error: {msg}", err=True)


def exit_with_error(message: str, code: int = 2) -> NoReturn:
    """:func:`print_error`, then exit with ``code`` (2: bad input or a refused request)."""
    print_error(message)
    raise typer.Exit(code)


def iter_records(paths: List[Path], input_format: Optional[str], options: dict,
                 failures: list, policy: str = "tally") -> Iterator[Incident]:
    """Records of every document of every path; failures (one line each) are
    appended to ``failures`` and the batch goes on. ``policy`` chooses the
    reconcile rules (docs/reconcile.md)."""
    from ..extract import extract
    from ..readers import read

    for path in paths:
        try:
            for item in read(path, input_format, **options):
                if isinstance(item, ReaderError):
                    failures.append(str(item))
                    continue
                try:
                    yield extract(item, policy=policy)
                except TallyError as exc:
                    failures.append(f"{item.source}: {exc}")
                except Exception as exc:  # an extractor bug must not end the batch
                    failures.append(f"{item.source}: internal error while extracting: "
                                    f"{type(exc).__name__}: {exc}")
        except ReaderError as exc:
            failures.append(str(exc))
