"""Property-based fuzzing of every API operation from its OpenAPI schema (schemathesis): no 500s.

Runs against the real app on the fixture database, read-only (write operations must answer
403 to anything without the token, never crash). Bounded: a couple of dozen examples per
operation, about 20-40 s in all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

import serve_fixture
from crosswire.serve import create_app

EXAMPLES_PER_OPERATION = 20


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    serve_fixture.build(db)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_no_operation_answers_a_server_error(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 13  # every JSON twin and the two write operations are in the schema
    seen: dict[str, set[int]] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
            if response.status_code >= 400:  # every refusal carries a stable error code
                assert response.json()["error"]["code"].startswith("CW")
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        check()
    assert seen["POST /api/ingest"] <= {400, 403, 413}  # read-only: nothing gets written
    assert 200 in seen["GET /api/events"]
