"""Casualty claims (stub)."""
from .model import Claim, Document, Side


def extract_claims(doc: Document, sides: list[Side]) -> list[Claim]:
    return []
