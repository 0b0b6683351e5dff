"""Write a synthetic MediaWiki XML dump (export-0.11), bz2-compressed and streamed.

    python bench/make_dump.py 10000 --out /tmp/dump.xml.bz2 [--seed 1] [--incident-rate 0.02]

About ``--incident-rate`` of the pages (default 2%) are incident articles with
an ``{{Infobox civilian attack}}`` or ``{{Infobox military conflict}}``,
casualty sentences, sources and incident categories; the rest are ordinary
articles of a few KB of generated prose. Every text comes from the templates
below (no real article). Pages are written one at a time to a ``bz2`` stream,
so memory stays flat whatever N. The same ``--seed`` writes the same file.
The incident page ids are listed on stderr with ``--list-incidents``.

With ``--history R`` every page is instead a made-up incident article with R
revisions (a ``pages-meta-history`` export): its toll rises now and then, about
1% of revisions are vandalism undone minutes later, and the rest edit the
background or the reactions (:func:`write_history`).

With ``--multistream`` the file is written as Wikipedia's
``pages-articles-multistream.xml.bz2``: the header (``<mediawiki>`` and
``<siteinfo>``) as one bz2 stream, then one bz2 stream per 100 pages, then
``</mediawiki>`` as the last stream, with an index beside it
(``FILE-index.txt.bz2`` for ``FILE.xml.bz2``: ``offset:page_id:title`` lines,
the byte offset of the stream holding the page). Concatenated streams are one
valid ``.bz2`` file, so any reader sees the same XML as the single-stream dump
of the same seed.
"""

from __future__ import annotations

import argparse
import bz2
import random
import sys
from datetime import datetime, timedelta, timezone
from typing import Iterator
from xml.sax.saxutils import escape

PLACES = [("Aldermoor", "Norland"), ("Brevik", "Ostria"), ("Calvera", "Sandora"), ("Dunmere", "Norland"),
          ("Esterhal", "Valdania"), ("Farrow", "Ostria"), ("Galen", "Marisca"), ("Hollin", "Sandora"),
          ("Istvar", "Valdania"), ("Jorvale", "Marisca"), ("Kestrin", "Ostria"), ("Lumen", "Norland")]
REAL_PLACES = [("Kabul", "Afghanistan"), ("Mosul", "Iraq"), ("Maiduguri", "Nigeria"), ("Aleppo", "Syria"),
               ("Mogadishu", "Somalia"), ("Peshawar", "Pakistan"), ("Quetta", "Pakistan"), ("Baghdad", "Iraq")]
GROUPS = ["the Northern Front", "the Red Hand militia", "an unidentified armed group", "the Ash Brigade",
          "government forces", "insurgents of the Valley Movement"]
WEAPONS = ["car bomb", "suicide bomber", "gunmen", "mortar shells", "an airstrike", "a roadside bomb"]
SOURCES = ["Reuters", "the Associated Press", "the health ministry", "local officials", "the police",
           "a hospital spokesman", "the United Nations", "AFP"]
TOPICS = ["river", "railway station", "botanist", "village", "football club", "novel", "bridge", "parish church",
          "album", "school", "lighthouse", "mountain pass", "beetle", "painter", "regional dialect"]
WORDS = ("the of and in to a was is for on by with as at from that which it its his her their were "
         "been has had also first later during after before between under over north south east west "
         "built founded named known town district century history population area records council "
         "family works early career river valley church school station line road trade market harbour "
         "season team league album song painting collection museum study species genus region").split()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd" \
version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Syntheticpedia</sitename>
    <dbname>synthwiki</dbname>
    <base>https://synth.example.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.41.0</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
"""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"[[{rng.choice(WORDS).title()} {rng.choice(TOPICS)}]]")
    if rng.random() < 0.15:
        words.append(str(rng.randint(1700, 2020)))
    return " ".join(words).capitalize() + "."


def ordinary_page(rng: random.Random, n: int) -> tuple[str, str]:
    topic = rng.choice(TOPICS)
    title = f"{rng.choice(WORDS).title()} {topic} {n}"
    parts = [f"'''{title}''' is a {topic} in [[{rng.choice(PLACES)[0]}]]."]
    target = rng.choice((1500, 3000, 5000, 8000, 12000)) + rng.randint(0, 2000)
    size, section = 0, 0
    while size < target:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 8)))
        parts.append(para)
        size += len(para)
        if rng.random() < 0.3:
            section += 1
            parts.append(f"== {rng.choice(WORDS).title()} {section} ==")
    parts.append("== References ==\n{{Reflist}}")
    parts.append(f"[[Category:{topic.title()}s in {rng.choice(PLACES)[1]}]]")
    return title, "\n\n".join(parts)


def incident_page(rng: random.Random, n: int) -> tuple[str, str]:
    city, country = rng.choice(PLACES + REAL_PLACES)
    year, month, day = rng.randint(1995, 2023), rng.randrange(12), rng.randint(1, 28)
    date = f"{day} {MONTHS[month]} {year}"
    killed, injured = rng.randint(2, 180), rng.randint(0, 400)
    group, weapon = rng.choice(GROUPS), rng.choice(WEAPONS)
    src1, src2 = rng.sample(SOURCES, 2)
    military = rng.random() < 0.35
    if military:
        title = f"Battle of {city} ({year}) {n}"
        box = (f"{{{{Infobox military conflict\n| conflict = Battle of {city}\n| date = {date}\n"
               f"| place = {city}, {country}\n| result = Inconclusive\n| combatant1 = {group}\n"
               f"| combatant2 = Defence forces of {country}\n| casualties1 = {killed} killed\n"
               f"| casualties2 = {injured} wounded\n}}}}")
        cats = [f"[[Category:Battles involving {country}]]", f"[[Category:Conflicts in {year}]]"]
        lead = (f"The '''Battle of {city}''' was fought on {date} between {group} and the defence "
                f"forces of {country} in and around [[{city}]].")
    else:
        title = f"{year} {city} {'bombing' if 'bomb' in weapon else 'attack'} {n}"
        box = (f"{{{{Infobox civilian attack\n| title = {title}\n| location = {city}, {country}\n"
               f"| date = {date}\n| type = {'Bombing' if 'bomb' in weapon else 'Shooting'}\n"
               f"| fatalities = {killed}\n| injuries = {injured}\n| perpetrator = {group}\n}}}}")
        cats = [f"[[Category:{year} attacks in {country}]]",
                rng.choice([f"[[Category:Terrorist incidents in {country} in {year}]]",
                            f"[[Category:Mass murder in {year}]]", f"[[Category:Bombings in {country}]]",
                            f"[[Category:Massacres in {country}]]"])]
        lead = (f"On {date}, {weapon} attacked a market in [[{city}]], {country}, killing {killed} people "
                f"and wounding {injured} others.")
    body = [
        box, lead,
        f"According to {src1}, at least {killed} people were killed and {injured} were injured."
        f"<ref>{src1}, {date}.</ref>",
        f"{src2.capitalize()} later said the death toll had risen to {killed + rng.randint(0, 12)}."
        f"<ref>{src2}, report.</ref>",
        f"Responsibility was claimed by {group}.",
        "== Background ==", " ".join(_sentence(rng) for _ in range(rng.randint(4, 10))),
        "== Reactions ==", f"The government of {country} condemned the attack and declared three days of mourning.",
        "== References ==\n{{Reflist}}", *cats,
    ]
    return title, "\n\n".join(body)


def page_xml(page_id: int, title: str, text: str, rng: random.Random) -> str:
    stamp = f"20{rng.randint(10, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T12:00:00Z"
    return (f"  <page>\n    <title>{escape(title)}</title>\n    <ns>0</ns>\n    <id>{page_id}</id>\n"
            f"    <revision>\n      <id>{page_id * 10 + 1}</id>\n      <timestamp>{stamp}</timestamp>\n"
            f"      <contributor><username>Synth</username><id>1</id></contributor>\n"
            f"      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
            f"      <text bytes=\"{len(text.encode())}\" xml:space=\"preserve\">{escape(text)}</text>\n"
            f"    </revision>\n  </page>\n")


def _history_text(title: str, city: str, country: str, date: str, killed: int, injured: int,
                  background: list[str], reactions: list[str]) -> str:
    return (f"{{{{Infobox civilian attack\n| title = {title}\n| location = {city}, {country}\n| date = {date}\n"
            f"| fatalities = {killed}\n| injuries = {injured}\n}}}}\n"
            f"On {date}, gunmen attacked a bus station in [[{city}]], {country}, killing at least {killed} people "
            f"and wounding {injured} others.\n\n== Background ==\n{' '.join(background)}\n\n"
            f"== Casualties ==\nThe health ministry said {killed} people had died.\n\n"
            f"== Reactions ==\n{' '.join(reactions)}\n\n== References ==\n{{{{Reflist}}}}\n\n"
            f"[[Category:{date[-4:]} attacks in {country}]]\n")


def history_revisions(rng: random.Random, page_id: int, revisions: int) -> Iterator[tuple[str, int]]:
    """The ``<revision>`` elements of one made-up incident article, oldest first, one at a
    time, each with its casualty state: about 5% raise the toll, 1% are vandalism
    (the toll times 100) undone by the next revision a few minutes later, and the
    rest edit the background or the reactions. Yields (xml, kind): kind 1 for a
    toll change or a restore, 2 for vandalism, 0 for an edit that leaves the
    casualty text alone."""
    city, country = rng.choice(PLACES + REAL_PLACES)
    year = rng.randint(2000, 2023)
    date = f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {year}"
    title = f"{year} {city} bus station attack {page_id}"
    killed, injured = rng.randint(3, 20), rng.randint(5, 60)
    background = [_sentence(rng) for _ in range(25)]
    reactions = [_sentence(rng) for _ in range(8)]
    at = datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(days=rng.randint(0, 300))
    vandal = False
    for i in range(revisions):
        comment, user, shown, kind = "", "Editor", killed, 0
        if vandal:  # the patroller's restore, minutes after the vandal
            at += timedelta(minutes=rng.randint(1, 30))
            comment, vandal, kind = "Reverted edits by 192.0.2.7 to last version by Editor", False, 1
        else:
            at += timedelta(minutes=rng.randint(10, 3 * 24 * 60))
            roll = rng.random()
            if roll < 0.05 and i:
                killed += rng.randint(1, 5)
                shown, kind, comment = killed, 1, "toll"
            elif roll < 0.06 and i:
                shown, vandal, user, kind = killed * 100, True, "192.0.2.7", 2
            elif roll < 0.6:
                background[rng.randrange(len(background))] = _sentence(rng)
            else:
                reactions[rng.randrange(len(reactions))] = _sentence(rng)
        text = _history_text(title, city, country, date, shown, injured, background, reactions)
        who = f"<ip>{user}</ip>" if user[0].isdigit() else f"<username>{user}</username><id>2</id>"
        yield (f"    <revision>\n      <id>{page_id * 100000 + i + 1}</id>\n"
               f"      <timestamp>{at.strftime('%Y-%m-%dT%H:%M:%SZ')}</timestamp>\n"
               f"      <contributor>{who}</contributor>\n"
               + (f"      <comment>{escape(comment)}</comment>\n" if comment else "")
               + "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
               f"      <text bytes=\"{len(text.encode())}\" xml:space=\"preserve\">{escape(text)}</text>\n"
               "    </revision>\n"), kind


def write_history(pages: int, revisions: int, out: str, seed: int = 1) -> dict[str, int]:
    """A made-up history export (``pages-meta-history`` style) of ``pages`` incident
    articles with ``revisions`` revisions each, bz2-compressed (one stream) and
    streamed; returns the counts of its revisions by kind (changes, vandalism, other)."""
    rng = random.Random(seed)
    kinds = {"revisions": 0, "changes": 0, "vandalism": 0, "other": 0}
    with bz2.open(out, "wt", encoding="utf-8") as fp:
        fp.write(HEADER)
        for n in range(1, pages + 1):
            fp.write(f"  <page>\n    <title>History {n}</title>\n    <ns>0</ns>\n    <id>{n}</id>\n")
            for xml, kind in history_revisions(rng, n, revisions):
                fp.write(xml)
                kinds["revisions"] += 1
                kinds[("other", "changes", "vandalism")[kind]] += 1
            fp.write("  </page>\n")
        fp.write("</mediawiki>\n")
    return kinds


def index_path(out: str) -> str:
    """The multistream index beside ``out``: ``X.xml.bz2`` -> ``X-index.txt.bz2``."""
    return out[: -len(".xml.bz2")] + "-index.txt.bz2" if out.endswith(".xml.bz2") else out + "-index.txt.bz2"


def write_dump(n: int, out: str, seed: int = 1, incident_rate: float = 0.02, multistream: bool = False,
               pages_per_stream: int = 100) -> list[int]:
    """Write the dump (and with ``multistream`` its index); returns the incident page ids."""
    rng = random.Random(seed)
    incidents: list[int] = []

    def pages():
        for i in range(1, n + 1):
            if rng.random() < incident_rate:
                title, text = incident_page(rng, i)
                incidents.append(i)
            else:
                title, text = ordinary_page(rng, i)
            yield i, title, page_xml(i, title, text, rng)

    if not multistream:
        with bz2.open(out, "wt", encoding="utf-8") as fp:
            fp.write(HEADER)
            for _, _, xml in pages():
                fp.write(xml)
            fp.write("</mediawiki>\n")
        return incidents
    with open(out, "wb") as fp, bz2.open(index_path(out), "wt", encoding="utf-8") as index:
        fp.write(bz2.compress(HEADER.encode()))
        group: list[str] = []
        for i, title, xml in pages():
            if not group:
                offset = fp.tell()
            group.append(xml)
            index.write(f"{offset}:{i}:{title}\n")
            if len(group) >= pages_per_stream:
                fp.write(bz2.compress("".join(group).encode()))
                group = []
        if group:
            fp.write(bz2.compress("".join(group).encode()))
        fp.write(bz2.compress(b"</mediawiki>\n"))
    return incidents


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of pages")
    ap.add_argument("--out", required=True, help="output file (.xml.bz2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--incident-rate", type=float, default=0.02)
    ap.add_argument("--list-incidents", action="store_true", help="print incident page ids on stderr")
    ap.add_argument("--history", type=int, metavar="R", help="R revisions per page (a history export)")
    ap.add_argument("--multistream", action="store_true",
                    help="one bz2 stream per 100 pages plus FILE-index.txt.bz2 (Wikipedia's multistream layout)")
    args = ap.parse_args(argv)
    if not args.out.endswith(".xml.bz2"):
        ap.error("--out must end with .xml.bz2")
    if args.history:
        kinds = write_history(args.n, args.history, args.out, args.seed)
        print(f"{args.out}: {args.n} pages, {kinds}", file=sys.stderr)
        return 0
    ids = write_dump(args.n, args.out, args.seed, args.incident_rate, multistream=args.multistream)
    print(f"{args.out}: {args.n} pages, {len(ids)} incident pages"
          + (f", index {index_path(args.out)}" if args.multistream else ""), file=sys.stderr)
    if args.list_incidents:
        print(" ".join(map(str, ids)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
