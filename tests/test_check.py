"""``tally check``: disagreements and missing evidence, exit status 0/1/2
(articles written for these tests)."""

from __future__ import annotations

CLEAN = """= 2032 Ormen ambush =

Infobox
- Conflict: 2032 Ormen ambush
- Date: 9 June 2032
- Combatant1: Chad
- Combatant2: Free Hills Front
- Casualties1: 6 killed

Gunmen ambushed a patrol near Ormen on 9 June 2032. Reuters said 6 Chadian soldiers were killed.
"""

DISPUTED = """= 2032 Belta raid =

Infobox
- Conflict: 2032 Belta raid
- Date: 2 July 2032
- Combatant1: Chad
- Combatant2: Free Hills Front
- Casualties1: 15 killed
- Casualties2: 4 captured

Fighters raided Belta on 2 July 2032. Reuters said 30 Chadian soldiers were killed.
"""


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_clean_article_exits_0(cli, tmp_path):
    r = cli("check", write(tmp_path, "ormen.txt", CLEAN))
    assert r.exit_code == 0, r.stdout
    assert "ok" in r.stdout


def test_disagreement_and_missing_evidence_exit_1(cli, tmp_path):
    r = cli("check", write(tmp_path, "belta.txt", DISPUTED))
    assert r.exit_code == 1
    assert "disagreement" in r.stdout and "15 killed" in r.stdout and "30 killed" in r.stdout
    assert "missing evidence" in r.stdout and "captured" in r.stdout


def test_bad_input_exits_2_and_checks_the_rest(cli, tmp_path):
    good = write(tmp_path, "ormen.txt", CLEAN)
    r = cli("check", tmp_path / "nope.txt", good)
    assert r.exit_code == 2
    assert "nope.txt" in r.stderr and "2032 Ormen ambush" in r.stdout


def test_check_seed_lists_the_jnim_mali_disagreement(cli, seed_path):
    r = cli("check", seed_path)
    assert r.exit_code == 1
    assert any("JNIM" in line and "Mali" in line for line in r.stdout.splitlines())


def test_extract_policy_option(cli, tmp_path):
    import json

    p = write(tmp_path, "r.txt", "Gunmen killed 7 shoppers at the market; police shot dead two attackers.\n")
    plain = json.loads(cli("extract", p, "--format", "json").stdout)[0]
    gtd = json.loads(cli("extract", p, "--format", "json", "--policy", "gtd").stdout)[0]
    assert plain["casualties"]["killed"]["best"] == 7 and gtd["casualties"]["killed"]["best"] == 9
    assert cli("extract", p, "--policy", "bogus").exit_code == 2


def test_ingest_and_export_policy(cli, tmp_path):
    import json

    p = write(tmp_path, "r.txt", "Gunmen killed 7 shoppers at the market; police shot dead two attackers.\n")
    db = f"sqlite:///{tmp_path / 'p.db'}"
    assert cli("ingest", p, "--db", db).exit_code == 0
    plain = json.loads(cli("export", "--db", db, "--format", "json").stdout)[0]
    gtd = json.loads(cli("export", "--db", db, "--format", "json", "--policy", "gtd").stdout)[0]
    assert plain["casualties"]["killed"]["best"] == 7 and gtd["casualties"]["killed"]["best"] == 9
    db2 = f"sqlite:///{tmp_path / 'g.db'}"
    assert cli("ingest", p, "--db", db2, "--policy", "gtd").exit_code == 0
    stored = json.loads(cli("export", "--db", db2, "--format", "json").stdout)[0]
    assert stored["casualties"]["killed"]["best"] == 9
