"""Every record tally prints validates against the JSON Schema, and every
claim's evidence is exactly the document text at its offsets."""

from __future__ import annotations

import json

import pytest

from tally.extract import extract
from tally.model import to_dict
from tally.readers import read

from .conftest import EXAMPLES, SEED

INPUTS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".wiki", ".xml", ".bz2", ".csv"))


def _documents(path):
    opts = {"text_column": "text", "id_column": "id"} if path.suffix == ".csv" else {}
    return [d for d in read(path, **opts) if not isinstance(d, Exception)]


@pytest.mark.parametrize("path", [SEED, *INPUTS], ids=lambda p: p.name)
def test_records_validate_and_claims_point_at_their_text(path, validator):
    docs = _documents(path)
    assert docs, f"no documents read from {path}"
    for doc in docs:
        record = to_dict(extract(doc))
        # round-trip through JSON, as a user of the output sees it
        record = json.loads(json.dumps(record))
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, f"{doc.source}: " + "; ".join(
            f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5])
        for claim in record["claims"]:
            assert doc.text[claim["start"]:claim["end"]] == claim["text"]
            if claim["figure_start"] is not None:
                assert claim["start"] <= claim["figure_start"] < claim["figure_end"] <= claim["end"]
                assert doc.text[claim["figure_start"]:claim["figure_end"]] == claim["figure"]


def test_schema_rejects_a_record_with_a_bad_claim(validator, seed_path):
    doc = next(iter(read(seed_path)))
    record = json.loads(json.dumps(to_dict(extract(doc))))
    record["claims"].append({"categories": ["eaten"], "low": -1, "high": None})
    assert not validator.is_valid(record)
