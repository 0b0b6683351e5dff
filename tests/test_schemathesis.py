"""schemathesis against the OpenAPI document of ``tally serve``, in process
(ASGI), over a store holding the bundled examples (SQLite; PostgreSQL with the token): every
operation, read and write, with and without the token; no 5xx and no answer that breaks
the response schema, status codes or content types the document declares."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, Phase, given, settings

warnings.filterwarnings("ignore", message=".*httpx2.*")
import schemathesis  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,  # noqa: E402
                                               status_code_conformance)

from tally.store import Store, ingest  # noqa: E402
from tally.web import create_app  # noqa: E402

from .conftest import EXAMPLES  # noqa: E402
from .pg import create_database  # noqa: E402
from .store_fixtures import pg_server  # noqa: E402,F401  (fixture)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "fuzz-token"
EXAMPLE_FILES = ["2015_bamako_hotel_attack.wiki", "2019_ogossagou_massacre.txt", "battle_of_konna.wiki",
                 "news_report.txt", "incidents.xml", "reports.csv"]
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


def make_schema(url: str):
    with Store(url) as store:
        result = ingest(store, [EXAMPLES / name for name in EXAMPLE_FILES])
    assert result.ingested == 16 and not result.failed, result
    app = create_app(url, token=TOKEN, max_upload=64 * 1024)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.fixture(scope="module")
def sqlite_schema(tmp_path_factory):
    return make_schema(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")


@pytest.fixture(scope="module")
def postgresql_schema(pg_server):
    return make_schema(create_database(pg_server))


#: Generated cases per operation and auth mode (derandomized: the same every run).
MAX_EXAMPLES = 20
AUTH = {"token": {"Authorization": f"Bearer {TOKEN}"}, "none": {}, "wrong": {"Authorization": "Bearer wrong"}}


def run_operation(operation, headers: dict[str, str]) -> list[str]:
    """Run the cases schemathesis draws for ``operation``; the failures found."""
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except Exception as exc:  # noqa: BLE001 - collected, reported below
        failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    return failures


@pytest.mark.parametrize("backend, auth", [("sqlite", "token"), ("sqlite", "none"), ("sqlite", "wrong"),
                                           ("postgresql", "token")])
def test_openapi_contract(request, backend, auth):
    """Every operation, with the token, without one and with a wrong one, on
    SQLite; with the token (reads and writes) on PostgreSQL."""
    api_schema = request.getfixturevalue(f"{backend}_schema")
    labels, failures = [], []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        failures += run_operation(operation, AUTH[auth])
    assert {"GET /api/incidents", "GET /api/incidents/{incident_id}", "GET /api/incidents/{incident_id}/timeline",
            "GET /api/stats", "GET /api/export", "POST /api/documents", "GET /healthz"} <= set(labels)
    assert not failures, "\n\n".join(dict.fromkeys(failures))
