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
