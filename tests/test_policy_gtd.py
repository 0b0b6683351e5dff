"""GTD's convention for coordinated attacks (issue 23 §4): a combined toll of a
series of related attacks is divided evenly among them under ``--policy gtd``;
the attackers killed count in ``nkill`` and ``nkillter``. Summaries written for
these tests; each test names the rule it checks."""

from __future__ import annotations

from tally.extract import extract
from tally.model import Document, to_dict
from tally.store.columns import gtd_row


def record(text: str, policy: str = "gtd"):
    return extract(Document.from_text(text, format="csv"), policy=policy)


def bounds(e):
    return None if e is None else (e.low, e.best, e.high)


SERIES = ("Gunmen opened fire on a police post in Tarvin, Ostania. This was one of three related attacks "
          "in the province on this date. In total, 12 people were killed across the three related attacks.")


def test_a_combined_toll_of_three_related_attacks_gives_this_incident_the_even_share():
    inc = record(SERIES)
    assert bounds(inc.casualties["killed"]) == (4, 4, 4)
    assert inc.casualties["killed"].rule.endswith("+gtd-even-share")
    assert any(c.low == 12 for c in inc.claims)  # the stated figure stays the evidence


def test_the_default_policy_keeps_the_combined_toll():
    assert bounds(record(SERIES, "tally").casualties["killed"]) == (12, 12, 12)


def test_a_remainder_leaves_the_floor_as_best_and_one_more_as_high():
    text = SERIES.replace("12 people were killed", "13 people were killed and 20 were wounded")
    inc = record(text)
    assert bounds(inc.casualties["killed"]) == (4, 4, 5)
    assert bounds(inc.casualties["injured"]) == (6, 6, 7)


def test_a_remainder_goes_to_the_first_attacks_of_the_series():
    first = SERIES.replace("one of three", "the first of three").replace("12 people", "14 people")
    third = SERIES.replace("one of three", "the third of three").replace("12 people", "14 people")
    assert bounds(record(first).casualties["killed"]) == (5, 5, 5)  # 14 = 5 + 5 + 4
    assert bounds(record(third).casualties["killed"]) == (4, 4, 4)


def test_the_series_size_is_read_from_both_attacks():
    text = ("A roadside bomb struck a minibus near Kelden. A second device exploded at a checkpoint "
            "nearby. Both attacks killed eight people.")
    assert record(text).casualties["killed"].best == 4


def test_the_series_size_is_read_from_a_series_of_five():
    text = ("Militants raided the village of Ombo. The raid was part of a series of five attacks in the "
            "district; at least 20 people were killed in the attacks.")
    assert bounds(record(text).casualties["killed"]) == (4, 4, None)


def test_a_combined_toll_of_the_series_named_by_its_noun_is_shared_too():
    text = ("Bombs struck four checkpoints in Tarvin, Ostania. This was one of four related attacks. "
            "In total, 20 people were killed and 12 wounded in the series.")
    rec = record(text)
    assert bounds(rec.casualties["killed"]) == (5, 5, 5)
    assert rec.casualties["injured"].best == 3


def test_a_figure_for_this_attack_alone_wins_over_the_share_of_the_combined_toll():
    text = ("A bomb exploded outside a bank in Lorsk. The blast killed two guards. This was one of two "
            "related attacks; in total, 9 people were killed in both attacks.")
    e = record(text).casualties["killed"]
    assert e.best == 2 and "gtd-even-share" not in e.rule


def test_two_blasts_of_one_attack_are_not_a_series():
    text = "Two explosive devices detonated at a cattle market in Dowa. The two explosions killed 8 people."
    assert record(text).casualties["killed"].best == 8


def test_attackers_killed_count_in_nkill_and_nkillter_and_are_shared_too():
    text = ("Two suicide bombers struck a mosque in Hadar. This was one of two related attacks. In total, "
            "10 people, including two suicide bombers, were killed across the two attacks.")
    row = gtd_row(to_dict(record(text)))
    assert (row["nkill"], row["nkillter"]) == (5, 1)
    alone = ("A suicide bomber detonated his vest at a mosque in Hadar. The bomber and six worshippers "
             "were killed. This was one of two related attacks.")
    row = gtd_row(to_dict(record(alone)))
    assert (row["nkill"], row["nkillter"]) == (7, 1)  # a figure of this attack alone: not divided
