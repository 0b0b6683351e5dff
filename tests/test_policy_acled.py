"""ACLED notes state their own coding in set phrases (issue 14 §3): tally reads
them as claims under every policy, and "casualties unknown" as 0 under
``--policy acled`` only. Notes written for these tests; each test names the
structure it checks."""

from __future__ import annotations

from tally.extract import extract
from tally.model import Document


def killed(text: str, policy: str = "acled"):
    e = extract(Document.from_text(text, format="csv"), policy=policy).casualties["killed"]
    return None if e is None else (e.low, e.best, e.high)


def test_an_unspecified_number_coded_as_n_is_n():
    text = ("On 3 May, militants ambushed an army patrol near Sarma. An unspecified number of "
            "soldiers were killed, coded as 10.")
    assert killed(text) == killed(text, "tally") == (10, 10, 10)


def test_fatalities_split_across_events_take_the_figure_coded_for_this_event():
    text = ("On 4 May, 24 fatalities split across 4 events and coded as 6 for this event, "
            "after gunmen raided hamlets around Lanfiera.")
    assert killed(text) == killed(text, "tally") == (6, 6, 6)  # the 24 is several events' total


def test_a_killing_coded_separately_belongs_to_another_event():
    text = ("On 5 May, gunmen killed 5 villagers in Toroli (coded separately), and in Bessa they "
            "killed 3 traders.")
    assert killed(text) == killed(text, "tally") == (3, 3, 3)


def test_no_casualties_is_zero_for_acled():
    text = "On 6 May, unidentified gunmen shot at a checkpoint near Fada. No casualties were reported."
    assert killed(text) == (0, 0, 0)


def test_a_note_without_set_phrases_keeps_the_acled_rules():
    text = "On 7 May, gunmen killed 4 farmers near Piela, residents said."
    assert killed(text) == killed(text, "tally") == (4, 4, 4)


def test_casualties_unknown_is_zero_for_acled_only():
    text = "On 8 May, armed men raided a cattle market near Djibasso. Fatalities unknown."
    assert killed(text) == (0, 0, 0)
    assert killed(text, "tally") != (0, 0, 0)
