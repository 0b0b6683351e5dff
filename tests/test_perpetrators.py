"""Perpetrators named in reports (no infobox)."""

from __future__ import annotations

import pytest

from tally.who.actors import document_acronyms
from tally.facts import text_perpetrators


def perps(text: str) -> list[str]:
    return [a.name for a in text_perpetrators(text, document_acronyms(text))]


@pytest.mark.parametrize("text, name", [
    ("Suspected Boko Haram militants raided a market near Gwoza.", "Boko Haram"),
    ("Al-Shabab gunmen opened fire on a minibus.", "Al-Shabaab"),
    ("Gunmen from the Allied Democratic Forces (ADF) burned houses in Oicha.", "Allied Democratic Forces"),
    ("A bomb went off at a bus stop; Jama'at Nasr al-Islam wal-Muslimin (JNIM) claimed responsibility.",
     "Jama'at Nasr al-Islam wal Muslimin"),
    ("Taliban insurgents overran a checkpoint overnight.", "Taliban"),
    ("The raid was blamed on the Islamic State group.", "Islamic State"),
])
def test_group_named_as_agent_is_a_perpetrator(text, name):
    assert perps(text) == [name]


def test_victims_named_by_group_are_no_perpetrators():
    assert perps("Four Boko Haram fighters were killed by troops near Bama.") == []
    assert perps("Unknown gunmen shot dead a trader.") == []


def test_unknown_group_introduced_with_acronym_keeps_it_as_alias():
    text = "Fighters of the Coalition for Renewal of the Highlands (CRH) abducted nine farmers."
    found = text_perpetrators(text, document_acronyms(text))
    assert [a.name for a in found] == ["Coalition for Renewal of the Highlands"]
    assert "CRH" in found[0].aliases


def test_acronym_and_full_name_are_one_perpetrator():
    text = ("Ansar Dine Renewal Front (ADRF) gunmen stormed the village. "
            "ADRF claimed responsibility for the attack.")
    names = perps(text)
    assert len(names) == 1


def test_an_acronym_written_as_a_word_names_its_group():
    from tally.lookup.actors import actor_table  # noqa: PLC0415

    table = actor_table()
    assert table.lookup("Jnim") == table.lookup("JNIM") is not None
    assert table.lookup("Isis") == table.lookup("ISIS") is not None
    assert table.lookup("Mali") is None or table.lookup("Mali") != table.lookup("JNIM")
