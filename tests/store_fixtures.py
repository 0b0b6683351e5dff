"""Fixtures of the store tests, imported by ``test_store*.py``: a database URL
and an open :class:`~tally.store.Store` per backend (SQLite, PostgreSQL), the
five test reports, and a store holding them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from tally.store import Store, ingest
from tally.store import schema as t

from .pg import create_database, shared_server
from .store_support import fake_extract, write_reports

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a PostgreSQL server for this session (no database part):
    ``TALLY_TEST_PG_URL`` when set, else a throw-away local cluster."""
    if os.environ.get("TALLY_TEST_PG_URL"):
        return os.environ["TALLY_TEST_PG_URL"].rstrip("/")
    server = shared_server()
    if server is None:
        why = "PostgreSQL is not installed (apt-get install postgresql, or set TALLY_TEST_PG_URL)"
        if os.environ.get("CI"):  # `make test` installs it: in CI a missing server is a failure
            pytest.fail(why)
        pytest.skip(why)
    return server.url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tally.db'}"
    return create_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def store(db_url):
    with Store(db_url) as s:
        yield s


@pytest.fixture
def reports(tmp_path) -> list[Path]:
    return write_reports(tmp_path / "reports")


@pytest.fixture
def loaded(store, reports):
    """A store holding the five test reports."""
    result = ingest(store, reports, extractor=fake_extract)
    assert result.ingested == 5 and not result.failed
    return store


def counts(store: Store) -> dict[str, int]:
    """Rows per table of stored content (the link overrides and log left out)."""
    with store.read() as conn:
        return {tbl.name: conn.execute(sa.select(sa.func.count()).select_from(tbl)).scalar_one()
                for tbl in t.CORE_TABLES if tbl.name not in ("link_overrides", "link_log")}
