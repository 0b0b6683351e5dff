"""Document -> Incident: the extraction stage, one function over the model.

``extract`` runs the extractors in order: facts (title, dates, places, sides;
:mod:`tally.facts`), casualty claims (:mod:`tally.claims`) and the casualty
totals with their disagreements (:mod:`tally.reconcile`), then what happened in
ACLED's, GTD's and UCDP's terms (:mod:`tally.typology`).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from .claims import extract_claims
from .claims.lexicon import use as use_lexicon
from .facts import fill_facts
from .limits import Budget
from .model import Document, Incident
from .reconcile import reconcile
from .text.language import detect_language
from .typology import fill_typology


def extract(doc: Document, policy: str = "tally") -> Incident:
    """The incident record of ``doc``; ``policy`` (tally, ucdp, acled, gtd)
    chooses how the claims are reconciled (docs/reconcile.md). The record's
    ``language`` is ``doc.language`` when given, else detected from the text;
    the claims are read with that language's lexicon (:mod:`tally.claims.lexicon`). Raises
    :class:`tally.limits.DocumentTimeLimit` when the extraction runs over the
    per-document time budget (``TALLY_MAX_DOC_SECONDS``)."""
    language = doc.language or detect_language(doc.text)
    with Budget(doc.source) as budget, use_lexicon(language):  # the time budget (tally.limits), checked between stages
        incident = Incident(id=record_id(doc), title=doc.title, source=source_info(doc), language=language)
        fill_facts(doc, incident)
        budget.check("after the facts")
        incident.claims = extract_claims(doc, incident.sides)
        budget.check("after the claims")
        reconcile(incident, doc, policy)
        fill_typology(doc, incident)
    return incident


def record_id(doc: Document) -> str:
    """``doc.id`` when the input gives one (an id column), ``page-N`` for a
    wiki page with page id N, else a
    slug of the title (or source) with a short hash of the source (of a feed
    item's link, whichever feed file or position it comes from), stable
    across runs."""
    if doc.id:
        return str(doc.id)
    page_id = doc.meta.get("page_id")
    if page_id is not None:  # a wiki page keeps its id whichever dump it comes from
        return f"page-{page_id}"
    base = doc.title or doc.source.rsplit("/", 1)[-1]
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:60] or "document"
    digest = hashlib.sha1(str(doc.meta.get("link") or doc.source).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def source_info(doc: Document) -> dict[str, Any]:
    info: dict[str, Any] = {"path": doc.source, "format": doc.format}
    info.update({k: v for k, v in doc.meta.items() if v is not None})
    return info
