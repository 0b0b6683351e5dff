"""Facts of an incident other than casualties (stub: filled by the facts work)."""
from .model import Document, Incident


def fill_facts(doc: Document, incident: Incident) -> None:
    return None
