"""What the typology (issue 26) says on material tally may use, and what it costs.

    .venv/bin/python bench/bench_typology.py [--wad ../shared/data/wad/wad-dev.csv]
        [--wiki ../shared/data/wiki-dev] [--seed ../shared/seeds/000_1452c17848fca342.txt] [--limit N]

Prints, for the tuning and validation parts side by side (``tally.evaluate.split_of``:
WAD rows by ``wad_row``, wiki-dev pages by their id):

  * WAD (every event is civilians deliberately killed): the share coded
    ``civilian_targeting`` = "Civilian targeting", the share coded UCDP
    one-sided (3), the share whose ACLED actor1 is of the kind of WAD's
    perpetrator types (state forces, a non-state group, unidentified: WAD's
    ``perpetrator_types`` beside its "State Role" flag), and the ACLED event
    types and GTD attack types found;
  * wiki-dev (encyclopedia pages on attacks, riots, massacres): how often each
    GTD field is known (not "Unknown"), how often gname is a name of GTD's own
    (the actor table's ``gtd_name``), and the attack types found;
  * the seed's typology, every field with its words;
  * the time the typology takes per document beside the whole extraction's.
"""

from __future__ import annotations

import argparse
import csv
import json
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wad", default=str(SHARED / "data" / "wad" / "wad-dev.csv"))
    ap.add_argument("--wiki", default=str(SHARED / "data" / "wiki-dev"))
    ap.add_argument("--seed", default=str(SHARED / "seeds" / "000_1452c17848fca342.txt"))
    ap.add_argument("--limit", type=int, default=0)
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
    print(f"{'':38} {'tuning':>22} {'validation':>22}")
    for key, label in (("civ", "civilian_targeting = Civilian targeting"), ("ucdp3", "UCDP type_of_violence = 3"),
                       ("known_attack", "GTD attack type known"), ("known_weapon", "GTD weapon known"),
                       ("actor_kind", "ACLED actor1 of WAD's perpetrator kind")):
        total = "kinded" if key == "actor_kind" else "n"
        print(f"{label:38} {_share(stats['tuning'][key], stats['tuning'][total]):>22} "
              f"{_share(stats['validation'][key], stats['validation'][total]):>22}")
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
        attacks: Counter = Counter()
        for g in gold:
            path = wiki / "pages" / f"{g['id']}.txt"
            if not path.exists():
                continue
            doc = next(d for d in read(path) if isinstance(d, Document))
            part = split_of(g["id"])
            t = run(doc)
            known[part]["n"] += 1
            for field in ("attacktype1_txt", "weaptype1_txt", "targtype1_txt", "gname"):
                known[part][field] += t["gtd"][field].value != "Unknown"
            known[part]["gtd_name"] += t["gtd"]["gname"].value in gtd_names
            known[part]["more"] += any(t["gtd"].get(f) is not None and t["gtd"][f].value is not None
                                       for f in ("attacktype2_txt", "weaptype2_txt", "targtype2_txt"))
            if part == "tuning":
                attacks[t["gtd"]["attacktype1_txt"].value] += 1
        print(f"\nwiki-dev: {known['tuning']['n'] + known['validation']['n']} pages; GTD fields known")
        for field, label in (("attacktype1_txt", "attacktype1_txt"), ("weaptype1_txt", "weaptype1_txt"),
                             ("targtype1_txt", "targtype1_txt"), ("gname", "gname"),
                             ("gtd_name", "gname in GTD's own naming"),
                             ("more", "a second attack, weapon or target type")):
            print(f"  {label:36} {_share(known['tuning'][field], known['tuning']['n']):>22} "
                  f"{_share(known['validation'][field], known['validation']['n']):>22}")
        print("  tuning attack types:", dict(attacks.most_common()))

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
