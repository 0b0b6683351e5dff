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
