"""What the typology (issue 26) says on material tally may use, and what it costs.

    .venv/bin/python bench/bench_typology.py [--wad ../shared/data/wad/wad-dev.csv]
        [--wiki ../shared/data/wiki-dev] [--seed ../shared/seeds/000_1452c17848fca342.txt] [--limit N]
        [--errors N]

Prints, for the tuning and validation parts side by side (``tally.evaluate.split_of``:
WAD rows by ``wad_row``, wiki-dev pages by their id):

  * WAD (every event is civilians deliberately killed) as a reference: the
    accuracy of ``civilian_targeting`` (all "Civilian targeting"), UCDP
    one-sided (all 3) and of the kind of ACLED's actor1 (state forces, a
    non-state group, unidentified: WAD's ``perpetrator_types`` beside its
    "State Role" flag), with the majority class; how often a GTD attack and
    weapon type is found; the ACLED event types and GTD attack types found;
  * wiki-dev (encyclopedia pages on attacks, riots, massacres): the accuracy of
    GTD's attacktype1_txt, weaptype1_txt, targtype1_txt, gname (and gname
    known or Unknown) and suicide, tally reading each page WITHOUT its infobox
    (:func:`lead_only`) against values mapped from the infobox's "Type",
    "Weapons", "Target" and "Perpetrator(s)" lines by GTD's codebook
    definitions (:func:`reference`), with the pages that have a reference and
    the majority class of the tuning part (scored on both parts); the tuning
    part's confusions (``--errors N``);
  * the seed's typology, every field with its words;
  * the time the typology takes per document beside the whole extraction's.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _share(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "-"


def _actor_kind(name: str | None) -> str:
    """state / unidentified / group: the kind of an ACLED actor1, read from its name."""
    if not name or name.startswith("Unidentified"):
        return "unidentified"
    if name.startswith(("Military Forces of", "Police Forces of")):
        return "state"
    return "group"


def _wad_kind(types: str) -> str | None:
    """WAD's perpetrator types as the same kinds; None when they mix state and non-state."""
    kinds = {t.strip() for t in types.split(";") if t.strip() and t.strip() != "State Role"}
    state = any(k.startswith("State ") for k in kinds)
    group = any(k.startswith("Non-State") for k in kinds)
    if state and group:
        return None
    return "state" if state else "group" if group else "unidentified"


# ----------------------------------------------------------------------------- wiki-dev reference
# A reference value per page, read from the infobox's own lines ("Type", "Weapons", "Target",
# "Perpetrator(s)"), mapped to GTD's vocabulary by the definitions of GTD's codebook (START, 2021,
# "Codebook: Methodology, Inclusion Criteria, and Variables"). tally is then scored on the page
# WITHOUT its infobox, so that the words of the reference are not read by the system scored.

#: GTD attack types, in the codebook's hierarchy, each with the words of its definition:
#: Assassination "an act whose primary objective is to kill one or more specific, prominent
#: individuals"; Hijacking "to take control of a vehicle"; Kidnapping "to take control of
#: hostages... and move them"; Barricade "to take control of hostages... at the scene";
#: Bombing/Explosion "primary effects caused by an energetically unstable material" (grenades,
#: mortars, airstrikes included); Armed Assault "to cause physical harm or death directly to human
#: beings by use of a firearm, incendiary, or sharp instrument" (a massacre, a mass murder: people
#: killed directly); Unarmed Assault "by any means other than explosive, firearm, incendiary or
#: sharp instrument", chemical, biological and radiological weapons included (a vehicle, a beating);
#: Facility/Infrastructure "to cause damage to a non-human target" (arson, sabotage).
REF_ATTACK = (
    ("Assassination", r"assassinat|regicide|targeted killing"),
    ("Hijacking", r"hijack|skyjack"),
    ("Hostage Taking (Kidnapping)", r"kidnap|abduct"),
    ("Hostage Taking (Barricade Incident)", r"hostage|siege|barricade|stand-?off"),
    ("Bombing/Explosion", r"bomb|explosi|\bIEDs?\b|grenade|mortar|rocket|missile|shelling|air ?strike|air raid|"
                          r"blast|land ?mine"),
    ("Armed Assault", r"shoot|gun|massacre|murder|killing|stabb|knife|machete|pogrom|genocid|rifle|pistol|melee|"
                      r"armed attack"),
    ("Unarmed Assault", r"chemical|poison|\bgas\b|ramming|beating|lynch"),
    ("Facility/Infrastructure Attack", r"arson|\bfire\b|burning|sabotage"),
)
#: GTD weapon types, each with the words of its definition (codebook, "Weapon Information")
#: GTD's label for a vehicle used as a weapon, as its codebook writes it
VEHICLE = "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)"
REF_WEAPON = (
    ("Biological", r"anthrax|biological|ricin"),
    ("Chemical", r"chemical|sarin|mustard gas|chlorine|nerve agent|poison gas"),
    ("Radiological", r"radiolog|dirty bomb"),
    ("Nuclear", r"nuclear|atomic"),
    ("Explosives", r"bomb|explosi|\bIEDs?\b|grenade|dynamite|semtex|\bRDX\b|\bTNT\b|ammonium nitrate|mortar|"
                   r"rocket|missile|shell|artillery|air ?strike|land ?mine"),
    ("Incendiary", r"arson|\bfire\b|\bfuel\b|petrol|gasoline|molotov|incendiar|burning"),
    ("Firearms", r"\bguns?\b|handgun|gunfire|rifle|pistol|carbine|shotgun|firearm|shooting|kalashnikov|\bAK-?47|"
                 r"submachine|machine gun|\d\s?mm\b|calib(?:er|re)"),
    ("Melee", r"knife|knives|machete|\baxes?\b|dagger|sword|\bsticks?\b|\bclubs?\b|melee|stabb|bayonet"),
    (VEHICLE, r"ramming|\btrucks?\b|\bvans?\b|\bcars?\b"),
)
#: the weapon types each attack type's definition names, looked for first among the weapons listed
REF_ATTACK_WEAPON = {
    "Bombing/Explosion": ("Explosives",), "Armed Assault": ("Firearms", "Melee", "Incendiary"),
    "Unarmed Assault": ("Chemical", "Biological", "Radiological", VEHICLE, "Melee"),
    "Facility/Infrastructure Attack": ("Incendiary", "Explosives"),
}
#: GTD target types, each with the words of its definition and subtypes (codebook, "Target/Victim
#: Information"); a group of people named by its ethnicity or religion is Private Citizens & Property
#: ("Race/Ethnicity Identified", "Religion Identified"), as are protesters, a rally, a market, a museum
REF_TARGET = (
    ("Abortion Related", r"abortion"),
    ("Airports & Aircraft", r"airports?|aircraft|airliner|airline|flight"),
    ("Government (Diplomatic)", r"embass|consulate|diplomat|ambassador"),
    ("Educational Institution", r"school|universit|college|students?|pupils?|teachers?|campus"),
    ("Religious Figures/Institutions", r"church|mosque|temple|synagogue|shrine|worshipp?ers?|priests?|imams?|"
                                       r"clerics?|pilgrims?|monaster"),
    ("Journalists & Media", r"journalist|reporter|newspaper|\bmedia\b|television|radio station"),
    ("NGO", r"\bNGOs?\b|aid workers?|humanitarian|red cross|red crescent"),
    ("Police", r"police|gendarm|guardia civil|carabinieri"),
    ("Military", r"soldiers?|\barmy\b|military|troops|armed forces|barracks|peshmerga|militar"),
    ("Government (General)", r"government|parliament|ministry|minister|president|officials?|politician|mayor|"
                             r"governor|department"),
    ("Tourists", r"tourist"),
    ("Transportation", r"\bbus(?:es)?\b|\btrains?\b|railway|metro|subway|passengers?|\bexpress\b"),
    ("Maritime", r"\bships?\b|ferry|vessel|\bboats?\b"),
    ("Utilities", r"power (?:plant|station|line)|pipeline|electric"),
    ("Telecommunication", r"telecom"),
    ("Food or Water Supply", r"water supply|food supply"),
    ("Business", r"\bbanks?\b|banco|hotels?|restaurant|casino|\bshops?\b|\bstores?\b|business|compan|factory|"
                 r"\bmall\b|nightclub|customers|workplace|\bstaff\b"),
    ("Terrorists/Non-State Militia", r"militants?|rebels?|militia|insurgents?"),
    ("Private Citizens & Property", r"civilians?|people|residents?|villagers?|protesters?|demonstrators?|peasants?|"
                                    r"farmers?|markets?|crowd|famil(?:y|ies)|population|rally|museum|"
                                    r"muslims|christians|jews|jewish|hindus|sikhs|\bshia\b|\bsunni\b|immigrants"),
)
#: a group of people named by a capitalised plural ("Tamils", "East Timorese"): Private Citizens & Property
_REF_PEOPLE = re.compile(r"^(?:[A-Z][\w'-]*\s+)*[A-Z][\w'-]*(?:s|ese)$")
_REF_UNKNOWN = re.compile(r"^\W*(?:unknown|unidentified|disputed)\b", re.I)
_REF_FIELDS = {"type": ("type", "attack_type"), "weapons": ("weapons", "weapon"),
               "target": ("target", "targets"),
               "perp": ("perpetrator", "perpetrators", "perp", "perps", "accused")}


def _ref_first(table: tuple[tuple[str, str], ...], text: str) -> str | None:
    """The value of ``table`` whose words come first in ``text``."""
    best: tuple[int, str] | None = None
    for value, pattern in table:
        m = re.search(pattern, text, re.I)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), value)
    return best[1] if best else None


def _ref_items(text: str) -> list[str]:
    """The items of an infobox value, split at commas, semicolons and 'and'."""
    return [i.strip() for i in re.split(r"[,;]|\band\b", text) if i.strip()]


def reference(doc) -> dict[str, object]:
    """GTD values of a page read from its infobox's lines (module comment
    above); a field the lines do not decide is absent."""
    ib = doc.infobox
    if ib is None:
        return {}
    line = {name: " ; ".join(f.value for k in keys for f in ib.fields if f.key == k and f.value.strip())
            for name, keys in _REF_FIELDS.items()}
    ref: dict[str, object] = {}
    types = [v for v, p in REF_ATTACK if re.search(p, line["type"], re.I)] or \
        [v for v, p in REF_ATTACK if re.search(p, line["weapons"], re.I)]
    if types:
        ref["attacktype1_txt"] = types[0]
    weapons = [w for item in _ref_items(line["weapons"]) if (w := _ref_weapon(item))] or \
        [w for item in _ref_items(line["type"]) if (w := _ref_weapon(item))]
    if weapons:
        wanted = REF_ATTACK_WEAPON.get(str(ref.get("attacktype1_txt")), ())
        ref["weaptype1_txt"] = next((w for w in wanted if w in weapons), weapons[0])
    for item in _ref_items(line["target"]):
        value = _ref_first(REF_TARGET, item) or ("Private Citizens & Property" if _REF_PEOPLE.match(item) else None)
        if value:
            ref["targtype1_txt"] = value
            break
    if line["type"]:
        ref["suicide"] = int(bool(re.search(r"suicide|kamikaze", re.sub(r"murder.suicide", "", line["type"], flags=re.I),
                                            re.I)))
    if line["perp"]:
        gname = _ref_gname(line["perp"])
        if gname is not None:
            ref["gname"] = gname
    return ref


def _ref_weapon(item: str) -> str | None:
    """The GTD weapon type of one listed weapon: a car or truck that carries a bomb is an explosive."""
    value = _ref_first(REF_WEAPON, item)
    if value and value.startswith("Vehicle") and re.search(REF_WEAPON[4][1], item, re.I):
        return "Explosives"
    return value


def _ref_gname(perp: str) -> str | None:
    """GTD's gname for the infobox's perpetrators: the GTD name (actor table's
    ``gtd_name``) of the first group it names that is no state; ``Unknown``
    when it says unknown; None (no reference) for a state, a person or a group
    the table does not know."""
    from tally.lookup.actors import actor_table

    table = actor_table()
    first: tuple[int, str] | None = None
    for canonical, aliases in table.entries.values():
        names = table.datasets[canonical]
        if not names.gtd or table.kinds.get(canonical) == "state":
            continue
        for n in (canonical, *aliases):
            # an acronym in its own case, a name in any case, as whole words
            m = re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", perp, 0 if n.isupper() and len(n) <= 5 else re.I)
            if m and (first is None or m.start() < first[0]):
                first = (m.start(), names.gtd)
    if first is not None:
        return first[1]
    if _REF_UNKNOWN.match(perp):
        return "Unknown"
    return None


def lead_only(doc):
    """``doc`` without its infobox (the same text less the infobox's lines),
    read again: what tally is scored on."""
    from tally.readers.plaintext import parse_plaintext

    if doc.infobox is None:
        return doc
    return parse_plaintext(doc.text[:doc.infobox.start] + doc.text[doc.infobox.end:], doc.source)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wad", default=str(SHARED / "data" / "wad" / "wad-dev.csv"))
    ap.add_argument("--wiki", default=str(SHARED / "data" / "wiki-dev"))
    ap.add_argument("--seed", default=str(SHARED / "seeds" / "000_1452c17848fca342.txt"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=12, help="how many of the tuning part's confusions to print")
    args = ap.parse_args()

    from tally.evaluate import split_of
    from tally.extract import extract
    from tally.model import Document
    from tally.readers import read
    from tally.typology import classify

    typology_s = extract_s = 0.0

    def run(doc: Document) -> dict:
        nonlocal typology_s, extract_s
        t0 = time.perf_counter()
        inc = extract(doc)
        t1 = time.perf_counter()
        classify(doc, inc)  # timed again alone: the typology's share of the extraction
        typology_s += time.perf_counter() - t1
        extract_s += t1 - t0
        return inc.typology

    with open(args.wad, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if args.limit:
        rows = rows[: args.limit]
    print(f"WAD: {len(rows)} rows (every row: civilians deliberately killed)")
    stats: dict[str, Counter] = {"tuning": Counter(), "validation": Counter()}
    kinds: dict[str, Counter] = {"tuning": Counter(), "validation": Counter()}
    for r in rows:
        part = split_of(r["wad_row"])
        t = run(Document.from_text(r["description"] or "", source=f"wad#{r['wad_row']}", language="en"))
        s = stats[part]
        s["n"] += 1
        s["civ"] += t["acled"]["civilian_targeting"].value == "Civilian targeting"
        s["ucdp3"] += t["ucdp"]["type_of_violence"].value == 3
        s["known_attack"] += t["gtd"]["attacktype1_txt"].value != "Unknown"
        s["known_weapon"] += t["gtd"]["weaptype1_txt"].value != "Unknown"
        wad_kind = _wad_kind(r.get("perpetrator_types") or "")
        if wad_kind is not None:
            s["kinded"] += 1
            s["actor_kind"] += _actor_kind(t["acled"]["actor1"].value) == wad_kind
        kinds[part][("acled", t["acled"]["event_type"].value)] += 1
        kinds[part][("gtd", t["gtd"]["attacktype1_txt"].value)] += 1
    # WAD's own labels as a reference: every row is civilians deliberately killed (ACLED civilian
    # targeting, UCDP one-sided), and its perpetrator types give actor1's kind; the majority class of
    # a one-class label is itself, so its baseline is 1.000 and the figure says what tally misses
    wad_kinds = {p: Counter(k for r in rows if split_of(r["wad_row"]) == p
                            and (k := _wad_kind(r.get("perpetrator_types") or "")) is not None)
                 for p in ("tuning", "validation")}
    major_kind = wad_kinds["tuning"].most_common(1)[0][0] if wad_kinds["tuning"] else None
    print(f"{'accuracy against WAD labels':44} {'tuning':>18} {'validation':>18}   majority (tuning)")
    for key, label in (("civ", "civilian_targeting (all Civilian targeting)"),
                       ("ucdp3", "UCDP type_of_violence (all 3)"),
                       ("actor_kind", "ACLED actor1 kind (WAD perpetrator type)")):
        total = "kinded" if key == "actor_kind" else "n"
        base = "1.000 (one class)" if key != "actor_kind" else "/".join(
            f"{wad_kinds[p][major_kind] / max(1, sum(wad_kinds[p].values())):.3f}"
            for p in ("tuning", "validation")) + f" ({major_kind})"
        print(f"{label:44} {_share(stats['tuning'][key], stats['tuning'][total]):>18} "
              f"{_share(stats['validation'][key], stats['validation'][total]):>18}   {base}")
    for key, label in (("known_attack", "GTD attack type known (coverage)"), ("known_weapon", "GTD weapon known (coverage)")):
        print(f"{label:44} {_share(stats['tuning'][key], stats['tuning']['n']):>18} "
              f"{_share(stats['validation'][key], stats['validation']['n']):>18}")
    print("tuning part, most frequent values:")
    for (scheme, value), n in kinds["tuning"].most_common(12):
        print(f"  {scheme:6} {value:45} {n}")

    # GTD's own group names: the actor table's gtd_name column (read from this checkout, whichever code runs)
    with open(ROOT / "src" / "tally" / "data" / "actors.csv", encoding="utf-8", newline="") as fh:
        gtd_names = {r["gtd_name"] for r in csv.DictReader(fh) if r.get("gtd_name")}
    wiki = Path(args.wiki)
    if (wiki / "gold.jsonl").exists():
        gold = [json.loads(line) for line in open(wiki / "gold.jsonl", encoding="utf-8") if line.strip()]
        known: dict[str, Counter] = {"tuning": Counter(), "validation": Counter()}
        refs: dict[str, list[tuple[str, object, object]]] = {"tuning": [], "validation": []}  # (field, ref, tally)
        for g in gold:
            path = wiki / "pages" / f"{g['id']}.txt"
            if not path.exists():
                continue
            doc = next(d for d in read(path) if isinstance(d, Document))
            part = split_of(g["id"])
            t = run(lead_only(doc))
            known[part]["n"] += 1
            known[part]["gtd_name"] += t["gtd"]["gname"].value in gtd_names
            for field, value in reference(doc).items():
                refs[part].append((field, value, t["gtd"][field].value))
        print(f"\nwiki-dev: {known['tuning']['n'] + known['validation']['n']} pages; tally reads each WITHOUT its "
              "infobox, scored against GTD values mapped from the infobox's lines (reference())")
        print(f"  {'field':16} {'pages':>7} {'tuning':>16} {'validation':>16} {'majority (tuning)':>28}")
        for field in ("attacktype1_txt", "weaptype1_txt", "targtype1_txt", "gname", "gname known", "suicide"):
            rows_of = {p: [(r, v) for f, r, v in refs[p] if f == field.split()[0]] for p in refs}
            if field == "gname known":  # Unknown or a group, whichever group
                rows_of = {p: [(r != "Unknown", v != "Unknown") for r, v in rows] for p, rows in rows_of.items()}
            major = Counter(r for r, _ in rows_of["tuning"]).most_common(1)
            base = major[0][0] if major else None
            cells = [_share(sum(r == v for r, v in rows_of[p]), len(rows_of[p])) for p in ("tuning", "validation")]
            base_cells = "/".join(f"{sum(r == base for r, _ in rows_of[p]) / len(rows_of[p]):.2f}" if rows_of[p]
                                  else "-" for p in ("tuning", "validation"))
            pages = len(rows_of["tuning"]) + len(rows_of["validation"])
            print(f"  {field:16} {pages:>7} {cells[0]:>16} {cells[1]:>16} {base_cells:>11} {str(base)[:16]:>16}")
        print(f"  gname in GTD's own naming (any page): {_share(known['tuning']['gtd_name'], known['tuning']['n'])} "
              f"/ {_share(known['validation']['gtd_name'], known['validation']['n'])}")
        confusion = Counter((f, str(r), str(v)) for f, r, v in refs["tuning"] if r != v)
        print("  tuning errors (field: reference -> tally):")
        for (f, r, v), n in confusion.most_common(args.errors):
            print(f"    {n:2} {f}: {r} -> {v}")

    seed = Path(args.seed)
    if seed.exists():
        doc = next(d for d in read(seed) if isinstance(d, Document))
        print(f"\nseed {seed.name}:")
        for scheme, fields in run(doc).items():
            for name, c in fields.items():
                words = f"  <- {c.text!r} [{c.start}:{c.end}]" if c.text is not None else ""
                print(f"  {scheme}.{name} = {c.value!r}  ({c.rule}){words}")
    print(f"\ntime: typology {typology_s * 1000:.0f} ms of {extract_s * 1000:.0f} ms extraction "
          f"({typology_s / extract_s:.1%})" if extract_s else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
