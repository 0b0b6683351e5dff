"""ACLED notes state their own coding in set phrases (issue 14 §3); under
``--policy acled`` tally reads them. Notes written for these tests; each test
names the structure it checks."""

from __future__ import annotations

from tally.extract import extract
from tally.model import Document


def killed(text: str, policy: str = "acled"):
    e = extract(Document.from_text(text, format="csv"), policy=policy).casualties["killed"]
    return None if e is None else (e.low, e.best, e.high)


def test_an_unspecified_number_coded_as_n_is_n():
    text = ("On 3 May, militants ambushed an army patrol near Sarma. An unspecified number of "
            "soldiers were killed, coded as 10.")
    assert killed(text) == (10, 10, 10)
    assert killed(text, "tally") != (10, 10, 10)


def test_fatalities_split_across_events_take_the_figure_coded_for_this_event():
    text = ("On 4 May, 24 fatalities split across 4 events and coded as 6 for this event, "
            "after gunmen raided hamlets around Lanfiera.")
    assert killed(text) == (6, 6, 6)
    assert killed(text, "tally")[1] == 24


def test_a_killing_coded_separately_belongs_to_another_event():
    text = ("On 5 May, gunmen killed 5 villagers in Toroli (coded separately), and in Bessa they "
            "killed 3 traders.")
    assert killed(text) == (3, 3, 3)
    assert killed(text, "tally")[1] == 8


def test_no_casualties_is_zero_for_acled():
    text = "On 6 May, unidentified gunmen shot at a checkpoint near Fada. No casualties were reported."
    assert killed(text) == (0, 0, 0)


def test_a_note_without_set_phrases_keeps_the_acled_rules():
    text = "On 7 May, gunmen killed 4 farmers near Piela, residents said."
    assert killed(text) == killed(text, "tally") == (4, 4, 4)
