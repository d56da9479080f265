"""Fixtures shared by every test: the personas, and the audit guard during table flushes."""

import os

import pytest
from hypothesis import HealthCheck, settings

from casework.testing.personas import Personas, make_personas

# Property tests must not fail because the machine is busy (CI shares two cores between two
# test processes): no per-example deadline, no "generation is slow" health check.
settings.register_profile(
    "casework", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("casework")

# Playwright's sync API runs an event loop on the test thread; Django would otherwise refuse
# ORM calls from the test body of a browser test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


@pytest.fixture(autouse=True)
def _let_flush_empty_the_audit_table(request: pytest.FixtureRequest) -> object:
    """Transactional tests end by emptying every table. The audit table refuses deletes, so the
    flush that ends such a test is the one place the guard is lifted. Requesting the database
    fixture from here makes this teardown run before that flush."""
    from casework.audit import guard

    guard._state.allowed = False
    fixtures = request.fixturenames
    transactional = "transactional_db" in fixtures or "live_server" in fixtures
    if transactional:
        request.getfixturevalue("transactional_db")
    yield
    guard._state.allowed = transactional
