"""Infobox figures (issue 14 §4). Pages written for these tests; each test
names the structure it checks."""

from __future__ import annotations

from tally.extract import extract
from tally.readers.plaintext import parse_plaintext


def page(infobox_lines, body="The attack was widely condemned."):
    text = ("= 2033 Lorem depot attack =\n\nInfobox\n" + "".join(f"- {l}\n" for l in infobox_lines)
            + "\n" + body + "\n")
    return extract(parse_plaintext(text, "lorem.txt"))


def test_parameter_names_with_spaces_read_like_their_plain_names():
    rec = page(["Title: 2033 Lorem depot attack", "Type: Bombing", "Date: 2 June 2033",
                "Reported Deaths: 14", "Reported Injuries: 31"])
    assert [c.origin for c in rec.claims if "killed" in c.categories] == ["infobox"]
    assert (rec.casualties["killed"].low, rec.casualties["killed"].high) == (14, 14)
    assert (rec.casualties["injured"].low, rec.casualties["injured"].high) == (31, 31)


def battle(casualties1, casualties2="300 killed (per Ostan)"):
    return page(["Conflict: Battle of Lorem", "Date: 2 June 2033", "Combatant1: Veldra",
                 "Combatant2: Ostan", f"Casualties1: {casualties1}", f"Casualties2: {casualties2}"],
                "The two armies fought for a day near the river.")


def test_a_sides_losses_claimed_only_by_its_enemy_widen_the_high_only():
    rec = battle("2,000 killed (per Ostan)")
    k = rec.casualties["killed"]
    assert (k.low, k.best, k.high) == (300, 300, 2300)
    assert "enemy-claims-high-only" in k.rule


def test_a_sides_own_figure_is_summed_and_its_enemys_lower_claim_does_not_lower_it():
    rec = battle("120 killed (per Veldra), 80 killed (per Ostan)")
    k = rec.casualties["killed"]
    assert (k.low, k.best, k.high) == (420, 420, 420)


def test_independent_figures_of_each_side_are_summed():
    rec = battle("120 killed (per the Red Cross)", "40 killed (per the Red Cross)")
    k = rec.casualties["killed"]
    assert (k.low, k.best, k.high) == (160, 160, 160) and k.rule == "infobox-sides"


def wiki(fatalities: str):
    from tally.readers.wikitext import parse_wikitext

    text = ("{{Infobox civilian attack\n| title = 2033 Lorem ferry attack\n| date = 2 June 2033\n"
            f"| fatalities = {fatalities}\n| injuries = 9\n}}}}\nThe '''2033 Lorem ferry attack''' was an attack.\n")
    return extract(parse_wikitext(text, "lorem.wiki"))


def test_an_unresolved_template_falls_back_to_the_breakdown_beside_it():
    rec = wiki("{{#expr: 4 + 9}} (4 crew and 9 passengers)")
    assert (rec.casualties["killed"].low, rec.casualties["killed"].high) == (13, 13)


def test_a_bracketed_breakdown_after_a_figure_is_not_added():
    rec = wiki("13 (4 crew and 9 passengers)")
    assert (rec.casualties["killed"].low, rec.casualties["killed"].high) == (13, 13)


def test_a_total_followed_by_a_bulleted_breakdown_is_counted_once():
    rec = wiki("13\n* 4 crew\n* 9 passengers")
    assert (rec.casualties["killed"].low, rec.casualties["killed"].high) == (13, 13)


def test_bulleted_lines_that_add_up_to_more_than_the_first_are_not_a_breakdown():
    rec = wiki("13 crew\n* 20 passengers")
    assert rec.casualties["killed"].low == 33


def test_sources_estimates_in_one_row_give_an_interval_across_them():
    # "+" on the highest source's figure keeps that figure as the high (an interval across sources)
    k = page(["Fatalities: 120 (per the ministry), 250+ (per local groups)"]).casualties["killed"]
    assert (k.low, k.high) == (120, 250)
    k = page(["Fatalities: 35 - 60 confirmed, 40+ (reported)"]).casualties["killed"]
    assert (k.low, k.high) == (35, 60)


def test_a_figure_alone_with_a_plus_keeps_the_high_open():
    k = page(["Fatalities: 40+"]).casualties["killed"]
    assert (k.low, k.high) == (40, None)


def test_a_chain_of_estimates_runs_from_its_first_figure_to_its_last():
    k = page(["Fatalities: 15–21–70+"]).casualties["killed"]
    assert (k.low, k.high) == (15, 70)


# ----------------------------------------------------------------- issue 23 §5: what an infobox line means


def war(casualties1, casualties2="20 killed", extra=""):
    from tally.readers.wikitext import parse_wikitext

    text = ("{{Infobox military conflict\n| conflict = Battle of Lorem Ford\n| date = 2 June 2033\n"
            "| combatant1 = Veldra\n| combatant2 = Ostan\n"
            + (f"| casualties1 = {casualties1}\n" if casualties1 is not None else "")
            + (f"| casualties2 = {casualties2}\n" if casualties2 is not None else "") + extra
            + "}}\nThe '''Battle of Lorem Ford''' was fought near the river.\n")
    return extract(parse_wikitext(text, "lorem-ford.wiki"))


def span(e):
    return None if e is None else (e.low, e.best, e.high)


def test_only_deaths_are_killed_surrendered_escaped_defected_and_raped_are_not():
    rec = war("10 killed<br>50 surrendered<br>30 escaped<br>12 defected<br>40 missing<br>7 raped", "5 killed")
    assert span(rec.casualties["killed"]) == (15, 15, 15)
    assert rec.casualties["captured"].best == 50  # those who surrendered are prisoners
    assert rec.casualties["missing"].best == 40


def test_equipment_lost_is_no_casualty():
    rec = war("10 killed<br>3 tanks lost<br>2 helicopters destroyed")
    assert span(rec.casualties["killed"]) == (30, 30, 30)


def test_casualties_are_killed_and_wounded_together_and_only_bound_both():
    rec = war("500 casualties")
    assert span(rec.casualties["killed"]) == (20, 20, 520)
    c = next(c for c in rec.claims if c.low == 500)
    assert c.categories == ["killed", "injured"]


def test_a_bracket_qualifies_a_figure_without_moving_it_to_another_category():
    assert span(wiki("41 killed (including 7 foreign workers)").casualties["killed"]) == (41, 41, 41)


def test_a_breakdown_after_including_is_parts_of_the_stated_total():
    assert span(wiki("52, including 18 men, 20 women and 14 children").casualties["killed"]) == (52, 52, 52)
    assert span(wiki("52 (18 men, 20 women, 14 children)").casualties["killed"]) == (52, 52, 52)
    rec = war("52 killed, including 18 officers and 34 soldiers", "10 killed")
    assert span(rec.casualties["killed"]) == (62, 62, 62)


def test_plus_signs_and_over_are_at_least_and_a_bare_figure_is_exact():
    for value in ("100+", "+100", "≥100", "over 100", "more than 100"):
        assert span(wiki(value).casualties["killed"]) == (100, 100, None), value
    assert span(wiki("100").casualties["killed"]) == (100, 100, 100)


def test_a_total_line_is_the_total_not_another_side():
    rec = war("100 killed", "50 killed", "| casualties3 = Total: 150 killed\n")
    e = rec.casualties["killed"]
    assert span(e) == (150, 150, 150) and e.rule == "infobox-total-line"


def test_a_category_one_side_does_not_give_adds_nothing_to_the_closed_interval():
    rec = war("10 killed<br>20 wounded", "5 killed")
    assert span(rec.casualties["injured"]) == (20, 20, 20)


def test_an_explicit_unknown_keeps_the_high_open():
    assert span(war("10 killed<br>20 wounded", "5 killed<br>Unknown wounded").casualties["injured"]) == (20, 20, None)
    assert span(war("10 killed", "Unknown").casualties["killed"]) == (10, 10, None)


def test_a_figure_for_one_part_of_the_battle_is_not_its_total():
    rec = war("10 killed<br>5 wounded in the raid on the outpost", "30 killed")
    assert span(rec.casualties["injured"]) == (5, 5, None)
    # the battle the page is about is the whole, not a part
    rec = war("10 killed<br>5 wounded in the battle of Lorem Ford", "30 killed")
    assert span(rec.casualties["injured"]) == (5, 5, 5)


def test_figures_of_one_field_for_other_events_beside_the_pages_own_are_not_counted():
    rec = wiki("60 killed in the ferry attack, 300 killed in the Lorem campaign")
    assert span(rec.casualties["killed"]) == (60, 60, 60)


def test_a_source_figure_naming_no_group_is_an_alternative_for_the_whole_toll():
    e = wiki("90 to 200 passengers, 400 killed according to the coast guard").casualties["killed"]
    assert (e.low, e.high) == (90, 400)


def test_attackers_after_plus_in_words_are_counted_in_the_total():
    assert span(wiki("48 (plus nine attackers)").casualties["killed"]) == (57, 57, 57)
