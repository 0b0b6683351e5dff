"""Casualty totals (stub)."""
from .model import CATEGORIES, Claim, Document


def casualty_totals(claims: list[Claim], doc: Document):
    return {c: None for c in CATEGORIES}, {}
