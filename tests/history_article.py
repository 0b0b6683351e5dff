"""A made-up article and its revision history, written for the history tests
(``test_history.py``): the "2031 Dankora market bombing", 24 revisions over five
days, its toll rising from 12 to 52, two vandalised revisions reverted within
the hour (one by a restore, one by an "Undid revision" that also rewords), edits
that touch only the background, the reactions, a reference or the categories,
and a figure changed and changed back more than an hour apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

PAGE_ID = 7301


@dataclass
class Article:
    """The article's parts; each revision changes some of them."""

    killed: str = "12"
    injured: str = "30"
    lead_killed: str = "at least 12 people"
    lead_ref: str = ""
    lead_tail: str = "Police said the device had been hidden in a cart of onions."
    background: str = "Dankora is a trading town on the road to the border. Its market opens on Thursdays."
    casualties: str = "Most of the dead were traders and their customers."
    reactions: str = "The regional governor condemned the bombing."
    categories: list[str] = field(default_factory=lambda: ["2031 murders in Niger"])

    def wikitext(self) -> str:
        cats = "\n".join(f"[[Category:{c}]]" for c in self.categories)
        return f"""{{{{Infobox civilian attack
| title = 2031 Dankora market bombing
| location = Dankora, Niger
| date = 2 April 2031
| type = Bombing
| fatalities = {self.killed}
| injuries = {self.injured}
}}}}
On 2 April 2031 a bomb exploded in the cattle market of Dankora, Niger, killing {self.lead_killed} and wounding {self.injured} others.{self.lead_ref} {self.lead_tail}

== Background ==
{self.background}

== Attack ==
The bomb went off shortly after nine in the morning, when the market was at its busiest.

== Casualties ==
{self.casualties}

== Reactions ==
{self.reactions}

== References ==
{{{{Reflist}}}}

{cats}
"""


@dataclass
class Rev:
    rev_id: int
    stamp: str
    text: str
    user: str
    comment: str = ""


def revisions() -> list[Rev]:
    """The 24 revisions, oldest first; ``EXPECTED`` says which are stored and which reverted."""
    a = Article()
    out: list[Rev] = []

    def rev(stamp: str, user: str, comment: str = "") -> None:
        out.append(Rev(1001 + len(out), stamp, a.wikitext(), user, comment))

    rev("2031-04-02T09:14:00Z", "Amadou K", "new article")                        # 1001 stored
    a.background += " It lies 40 km from the regional capital."
    rev("2031-04-02T09:40:00Z", "Amadou K", "background")                          # 1002 skipped
    a.killed, a.lead_killed = "17", "at least 17 people"
    rev("2031-04-02T10:05:00Z", "Hawa D", "toll per the governor")                 # 1003 stored
    a.reactions += " The president cut short a visit abroad."
    rev("2031-04-02T10:30:00Z", "Hawa D", "reactions")                             # 1004 skipped
    a.lead_ref = "<ref>Regional radio bulletin, 2 April 2031.</ref>"
    rev("2031-04-02T11:02:00Z", "Amadou K", "cite")                                # 1005 skipped
    a.killed, a.lead_killed = "23", "at least 23 people"
    rev("2031-04-02T12:15:00Z", "Hawa D", "update toll")                           # 1006 stored
    good = a.wikitext()
    a.killed, a.lead_killed = "4000", "4000 people"
    rev("2031-04-02T12:20:00Z", "203.0.113.9")                                     # 1007 stored, reverted
    a.killed, a.lead_killed = "23", "at least 23 people"
    assert a.wikitext() == good
    rev("2031-04-02T12:24:00Z", "Patroller",
        "Reverted edits by [[Special:Contributions/203.0.113.9|203.0.113.9]] to last version by Hawa D")  # 1008 stored
    a.background += " Herders from three countries trade there."
    rev("2031-04-02T13:00:00Z", "Amadou K", "background")                          # 1009 skipped
    a.killed, a.injured, a.lead_killed = "31", "45", "at least 31 people"
    rev("2031-04-03T08:00:00Z", "Hawa D", "toll rises")                            # 1010 stored
    a.reactions += " Neighbouring states offered help."
    rev("2031-04-03T09:00:00Z", "Amadou K")                                        # 1011 skipped
    a.casualties += " Among the dead were four police officers who guarded the market gate."
    rev("2031-04-03T15:00:00Z", "Hawa D", "casualties")                            # 1012 stored
    a.killed, a.lead_killed = "38", "at least 38 people"
    rev("2031-04-04T07:30:00Z", "Hawa D", "toll")                                  # 1013 stored
    a.reactions = a.reactions.replace("condemned", "strongly condemned")
    rev("2031-04-04T08:00:00Z", "Amadou K", "typo")                                # 1014 skipped
    a.background += " A curfew had been lifted a month before."
    rev("2031-04-04T11:00:00Z", "Amadou K")                                        # 1015 skipped
    a.killed, a.lead_killed = "44", "at least 44 people"
    rev("2031-04-05T10:00:00Z", "Hawa D", "ministry toll")                         # 1016 stored
    a.categories.append("Marketplace attacks in Africa")
    rev("2031-04-05T10:30:00Z", "Cat bot", "categories")                           # 1017 skipped
    a.reactions += " Three days of mourning were declared."
    rev("2031-04-05T18:00:00Z", "Amadou K")                                        # 1018 skipped
    a.killed, a.lead_killed = "52", "at least 52 people"
    rev("2031-04-06T09:00:00Z", "Hawa D", "final toll from the ministry")          # 1019 stored
    a.killed, a.lead_killed = "52000", "52000 people"
    rev("2031-04-06T09:45:00Z", "198.51.100.4", "fix")                             # 1020 stored, reverted
    a.killed, a.lead_killed = "52", "52 people"
    rev("2031-04-06T10:05:00Z", "Hawa D",
        "Undid revision 1020 by [[Special:Contributions/198.51.100.4|198.51.100.4]] ([[User talk:198.51.100.4|talk]])")  # 1021 stored
    a.reactions += " The market reopened a week later."
    rev("2031-04-06T12:00:00Z", "Amadou K")                                        # 1022 skipped
    a.killed = "55"
    rev("2031-04-06T16:00:00Z", "Amadou K", "one more death?")                     # 1023 stored (not reverted: 2 h)
    a.killed = "52"
    rev("2031-04-06T18:00:00Z", "Hawa D", "rv, no source for 55")                  # 1024 stored
    return out


STORED = [1001, 1003, 1006, 1007, 1008, 1010, 1012, 1013, 1016, 1019, 1020, 1021, 1023, 1024]
REVERTED = {1007: 1008, 1020: 1021}
SKIPPED = 10


def page_xml(page_id: int, title: str, revs: list[Rev], sha1: bool = True) -> str:
    """One ``<page>`` with its revisions, as Special:Export writes it."""
    import hashlib

    parts = [f"  <page>\n    <title>{escape(title)}</title>\n    <ns>0</ns>\n    <id>{page_id}</id>\n"]
    parent = None
    for r in revs:
        who = (f"<ip>{r.user}</ip>" if r.user[0].isdigit() else f"<username>{escape(r.user)}</username><id>5</id>")
        digest = hashlib.sha1(r.text.encode()).hexdigest() if sha1 else ""
        parts.append(
            f"    <revision>\n      <id>{r.rev_id}</id>\n"
            + (f"      <parentid>{parent}</parentid>\n" if parent else "")
            + f"      <timestamp>{r.stamp}</timestamp>\n      <contributor>{who}</contributor>\n"
            + (f"      <comment>{escape(r.comment)}</comment>\n" if r.comment else "")
            + "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
            + f"      <text bytes=\"{len(r.text.encode())}\" xml:space=\"preserve\">{escape(r.text)}</text>\n"
            + (f"      <sha1>{digest}</sha1>\n" if sha1 else "")
            + "    </revision>\n")
        parent = r.rev_id
    parts.append("  </page>\n")
    return "".join(parts)


HEADER = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n'
          "  <siteinfo>\n    <sitename>Testpedia</sitename>\n  </siteinfo>\n")


def battle_revisions() -> list[Rev]:
    """A second, shorter history: a battle article edited five times (three stored)."""
    text = ("{{{{Infobox military conflict\n| conflict = Battle of Tessit Ford\n| date = 9 May 2030\n"
            "| place = Tessit, Mali\n| casualties1 = {k} killed\n}}}}\n"
            "The '''Battle of Tessit Ford''' was fought on 9 May 2030 near Tessit, Mali; {k} soldiers were killed.\n\n"
            "== Background ==\n{bg}\n")
    revs = [("2030-05-09T18:00:00Z", "9", "The ford is the only crossing for 80 km."),
            ("2030-05-09T19:00:00Z", "9", "The ford is the only crossing for 90 km."),
            ("2030-05-10T09:00:00Z", "14", "The ford is the only crossing for 90 km."),
            ("2030-05-11T09:00:00Z", "14", "The ford is the only crossing for 90 km. It floods in August."),
            ("2030-05-12T09:00:00Z", "21", "The ford is the only crossing for 90 km. It floods in August.")]
    return [Rev(2001 + i, stamp, text.format(k=k, bg=bg), "Mariam T") for i, (stamp, k, bg) in enumerate(revs)]


def single_page() -> str:
    """A page with one revision, as a plain dump has."""
    text = ("{{Infobox civilian attack\n| title = Ansongo road ambush\n| location = Ansongo, Mali\n"
            "| date = 3 June 2029\n| fatalities = 6\n}}\n"
            "On 3 June 2029 gunmen ambushed a bus near Ansongo, Mali, killing 6 passengers.\n")
    return page_xml(7302, "Ansongo road ambush", [Rev(3001, "2029-06-04T10:00:00Z", text, "Mariam T")])


def write_history(path: Path, more: bool = False) -> Path:
    """The article's history as an export (``.xml`` or ``.xml.bz2``); with ``more``
    also the battle's history and a one-revision page after it."""
    xml = HEADER + page_xml(PAGE_ID, "2031 Dankora market bombing", revisions())
    if more:
        xml += page_xml(7303, "Battle of Tessit Ford", battle_revisions()) + single_page()
    xml += "</mediawiki>\n"
    data = xml.encode("utf-8")
    if path.name.endswith(".bz2"):
        import bz2

        data = bz2.compress(data)
    path.write_bytes(data)
    return path
