"""The README and docs stay true: commands documented, schema keys documented."""

from __future__ import annotations

import json

from typer.main import get_command

from tally.cli import app

from .conftest import ROOT, SCHEMA_PATH


def test_readme_gives_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndemo:" in makefile and "\ntest:" in makefile


def test_every_cli_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = get_command(app)
    for name, command in group.commands.items():
        assert command.help, f"tally {name} has no help text"
        assert f"tally {name}" in readme, f"README does not document `tally {name}`"


def test_every_record_key_is_documented():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    keys = set(schema["properties"]) | set(schema["$defs"]["claim"]["properties"])
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert not missing, f"docs/schema.md does not document: {missing}"
