"""The per-document time budget is checked inside the facts stage too
(between the date, the places, the NER fallback and the sides), not only
after it (docs/reliability.md, "The time budget").

The budget reads a clock that these tests own: it stands still while the
real code runs and moves only when a step the test makes slow is called, so
where the budget stops is the same on a fast machine, a slow one or a busy
one."""

from __future__ import annotations

import pytest

from tally import facts, limits
from tally.extract import extract
from tally.limits import ENV_SECONDS, DocumentTimeLimit
from tally.model import Document

TEXT = "Gunmen killed 12 people in a village near Mopti, Mali, on 3 March 2019, officials said."


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(limits, "clock", c)
    return c


def _slow(clock, seconds, real, calls, name):
    """``real``, recorded in ``calls``, taking ``seconds`` of the test's clock."""
    def wrapper(*args, **kwargs):
        calls.append(name)
        clock.now += seconds
        return real(*args, **kwargs)
    return wrapper


@pytest.mark.parametrize("slow, stage, never", [
    ("_date", "facts: after the date", ["_places", "ner_places", "text_perpetrators"]),
    ("_places", "facts: after the places", ["text_perpetrators", "find_reactions"]),
])
def test_budget_stops_inside_the_facts_stage(monkeypatch, clock, slow, stage, never):
    calls: list[str] = []
    for name in ("_date", "_places", "ner_places", "text_perpetrators", "find_reactions"):
        real = getattr(facts, name)
        monkeypatch.setattr(facts, name, _slow(clock, 0.3 if name == slow else 0, real, calls, name))
    monkeypatch.setenv(ENV_SECONDS, "0.1")
    with pytest.raises(DocumentTimeLimit) as exc:
        extract(Document.from_text(TEXT, source="slow.txt"))
    assert exc.value.stage == stage, exc.value.stage
    assert slow in calls and not set(never) & set(calls), calls
    assert "over the per-document time budget of 0.1 s" in str(exc.value)


def test_budget_checked_before_the_ner_fallback(monkeypatch, clock):
    """Rules that find no place finer than a country send the text to NER;
    a budget already spent stops before that (slow) call."""
    calls: list[str] = []
    monkeypatch.setattr(facts, "find_places", _slow(clock, 0.3, facts.find_places, calls, "find_places"))
    monkeypatch.setattr(facts, "ner_places", _slow(clock, 0, facts.ner_places, calls, "ner_places"))
    monkeypatch.setenv(ENV_SECONDS, "0.1")
    text = "Gunmen killed 12 people in Mali on 3 March 2019, officials said."
    with pytest.raises(DocumentTimeLimit) as exc:
        extract(Document.from_text(text, source="country-only.txt"))
    assert exc.value.stage == "facts: before the NER fallback"
    assert calls == ["find_places"]


def test_no_budget_no_stop(monkeypatch):
    monkeypatch.setenv(ENV_SECONDS, "0")
    record = extract(Document.from_text(TEXT, source="ok.txt"))
    assert record.date.start == "2019-03-03"
