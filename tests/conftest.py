"""Shared fixtures: paths, the JSON Schema validator, a CLI runner."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from tally.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED = ROOT.parent / "shared" / "seeds" / "000_1452c17848fca342.txt"
WAD_DEV = ROOT.parent / "shared" / "data" / "wad" / "wad-dev.csv"
SCHEMA_PATH = ROOT / "src" / "tally" / "schema" / "incident.schema.json"


def bench_module(name: str) -> ModuleType:
    """A script of ``bench/`` loaded as a module (``bench_module("make_dump").write_dump(...)``)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.fail(f"the seed article is missing: {SEED} (../shared must sit beside the repo)")
    return SEED


@pytest.fixture(scope="session")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


class CLI:
    """Runs ``tally`` in process; stdout and stderr kept apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):
        return self.runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def cli() -> CLI:
    return CLI()
