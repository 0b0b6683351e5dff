"""Issue 2 acceptance on the seed article: casualty claims, evidence and totals.

The seed is read from ../shared/seeds/ beside the repository (see conftest)."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.readers import read


@pytest.fixture(scope="module")
def seed(seed_path):
    docs = list(read(seed_path))
    assert len(docs) == 1
    doc = docs[0]
    return doc, extract(doc)


def find(claims, *, origin, cats, low, high="any", **attrs):
    out = []
    for c in claims:
        if c.origin != origin or sorted(c.categories) != sorted(cats) or c.low != low:
            continue
        if high != "any" and c.high != high:
            continue
        if all(getattr(c, k) == v if not callable(v) else v(getattr(c, k)) for k, v in attrs.items()):
            out.append(c)
    assert out, f"no {origin} claim {cats} {low} {attrs}"
    return out[0]


def has(word):
    return lambda value: value is not None and word.lower() in value.lower()


def test_evidence_offsets_for_every_claim(seed):
    doc, rec = seed
    assert len(rec.claims) >= 15
    for c in rec.claims:
        assert doc.text[c.start:c.end] == c.text
        assert doc.text[c.figure_start:c.figure_end] == c.figure


def test_infobox_claims(seed):
    _, rec = seed
    cl = rec.claims
    find(cl, origin="infobox", cats=["killed"], low=77, high=100, side="1", qualifier="range")
    find(cl, origin="infobox", cats=["killed"], low=10, high=10, side="2", source="JNIM")
    find(cl, origin="infobox", cats=["killed", "arrested"], low=20, side="2", source="Mali")
    find(cl, origin="infobox", cats=["injured"], low=1, group=has("UN personnel"))
    find(cl, origin="infobox", cats=["killed"], low=1, group=has("militant"))


def test_infobox_evidence_is_the_infobox_line(seed):
    doc, rec = seed
    lines = doc.text.splitlines()
    for c in rec.claims:
        if c.origin == "infobox":
            assert c.text in lines or any(c.text in line for line in lines)
            assert "\n" not in c.text


def test_lead_claims(seed):
    _, rec = seed
    k = find(rec.claims, origin="body", cats=["killed"], low=100, qualifier="about", section="Lead")
    assert k.source is None
    i = find(rec.claims, origin="body", cats=["injured"], low=255, high=None, section="Lead")
    assert i.qualifier == "at least" and i.source is None


def test_rfi_claims_and_carried_source(seed):
    _, rec = seed
    find(rec.claims, origin="body", cats=["killed"], low=70, high=None, source=has("RFI"))
    find(rec.claims, origin="body", cats=["killed"], low=20, source=has("RFI"))
    find(rec.claims, origin="body", cats=["injured"], low=200, source=has("RFI"))


def test_named_sources(seed):
    _, rec = seed
    cl = rec.claims
    find(cl, origin="body", cats=["killed"], low=60, high=None, source="Le Monde", group=has("gendarme"))
    find(cl, origin="body", cats=["killed"], low=77, high=77, source=has("Agence France-Presse"))
    find(cl, origin="body", cats=["injured"], low=255, high=255, source=has("Agence France-Presse"))
    find(cl, origin="body", cats=["killed"], low=100, high=None, source=has("officer"))
    find(cl, origin="body", cats=["killed", "injured"], low=200, qualifier="vague", source="JNIM")
    find(cl, origin="body", cats=["killed"], low=10, high=None, source=has("Malian military source"),
         group=has("Wagner"))


def test_arrests_and_un_injury(seed):
    _, rec = seed
    find(rec.claims, origin="body", cats=["arrested"], low=20, high=None, qualifier="at least")
    find(rec.claims, origin="body", cats=["injured"], low=1, group=has("UN security personnel"))


def test_other_event(seed):
    _, rec = seed
    c = find(rec.claims, origin="body", cats=["killed"], low=22)
    assert c.other_event is True
    assert c.section == "Background"
    assert sum(1 for x in rec.claims if x.other_event) == 1


def test_totals_from_the_infobox(seed):
    _, rec = seed
    k = rec.casualties["killed"]
    # side 1 77-100, side 2 10 (a compound "killed or arrested" 20 widens its high), other row 1
    assert (k.low, k.best, k.high) == (88, 88, 121)
    assert k.rule == "infobox-sides"
    inj = rec.casualties["injured"]
    assert inj.low == 1 and inj.high is None   # sides 1 and 2 give no injury figure
    assert rec.casualties_by_side["1"]["killed"].high == 100
