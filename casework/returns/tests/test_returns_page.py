"""The returns page: an analyst asks for a census, a background worker makes it while the page
shows how far it has got, and the file is downloaded; every census made is kept in a history
with its hash and counts, and compared with last year's."""

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from casework.audit.models import Action, AuditEvent
from casework.cases.models import Episode
from casework.returns import services
from casework.returns.models import CensusRun
from casework.returns.tests import builders as b
from casework.returns.tests.builders import D
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def a_council_with_a_census() -> None:
    for day in (1, 2, 3):
        episode = b.referral(b.child(), D(2025, 5, day))
        b.assessment(episode, D(2025, 5, day + 1), authorised=D(2025, 6, 2))
    b.referral(b.child(), D(2025, 9, 1), closed=D(2025, 9, 1), need="")


def run_the_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_census_is_made_in_the_background_and_downloaded(
    personas: Personas, transactional_db: None
) -> None:
    a_council_with_a_census()
    client = signed_in(personas.analyst)

    asked = client.post("/returns/cin-census/", {"year": "2026"})

    run = CensusRun.objects.get()
    assert asked.status_code == 302
    assert asked["Location"] == run.get_absolute_url()
    assert DBTaskResult.objects.filter(task_path__endswith="make_census_task").count() == 1
    waiting = client.get(run.get_absolute_url())
    assert "Waiting to start" in waiting.content.decode()
    assert waiting["Refresh"] == "3"

    run_the_worker()

    run.refresh_from_db()
    assert run.status == CensusRun.Status.DONE
    ready = client.get(run.get_absolute_url())
    page = ready.content.decode()
    assert "Refresh" not in ready
    assert "The census is ready" in page
    assert run.sha256 in page
    assert run.counts["children"] == 4
    assert run.counts["referrals"] == 4
    assert run.counts["assessments"] == 3
    assert run.sql_queries == 7

    download = client.get(f"/returns/runs/{run.pk}/download/")
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert download["Content-Disposition"].startswith('attachment; filename="cin-census-2025-26')
    assert hashlib.sha256(content).hexdigest() == run.sha256
    assert b"<LAchildID>" in content
    summaries = list(
        AuditEvent.objects.filter(action=Action.EXPORT, object_id=str(run.pk))
        .order_by("at")
        .values_list("summary", flat=True)
    )
    assert summaries[0].startswith("Asked for the 2025-26 CIN census")
    assert summaries[1].startswith("Made the 2025-26 CIN census: 4 children")
    assert summaries[2].startswith("Downloaded the 2025-26 CIN census")


def test_the_page_shows_how_far_the_census_has_got(personas: Personas, db: None) -> None:
    run = CensusRun.objects.create(
        year=2026,
        serial=1,
        requested_by=personas.analyst,
        status=CensusRun.Status.RUNNING,
        children_total=2000,
        children_done=500,
    )

    response = signed_in(personas.head).get(run.get_absolute_url())

    assert "500 of 2000 children written (25%)" in response.content.decode()
    assert response["Refresh"] == "3"


def test_the_history_lists_every_census_made_with_who_when_and_its_hash(
    personas: Personas, db: None
) -> None:
    for serial, user in ((1, personas.analyst), (2, personas.head)):
        CensusRun.objects.create(
            year=2026,
            serial=serial,
            requested_by=user,
            status=CensusRun.Status.DONE,
            sha256=f"{serial}" * 64,
            counts={"children": 10 * serial, "cindetails": 11 * serial},
            rule_errors=0,
            rule_queries=serial,
        )

    page = signed_in(personas.analyst).get("/returns/").content.decode()

    assert page.index("2025-26, run 2") < page.index("2025-26, run 1")
    assert personas.head.display_name in page
    assert "222222222222" in page
    assert ">20<" in page
    assert ">22<" in page


def test_asking_for_no_year_is_refused_with_the_error_named(personas: Personas, db: None) -> None:
    response = signed_in(personas.analyst).post("/returns/cin-census/", {})

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_year_0"' in page
    assert CensusRun.objects.count() == 0


def test_a_census_is_compared_with_last_years_submission(personas: Personas, db: None) -> None:
    a_council_with_a_census()
    last = CensusRun.objects.create(
        year=2025,
        serial=1,
        requested_by=personas.analyst,
        status=CensusRun.Status.DONE,
        sha256="a" * 64,
        counts={"children": 3, "referrals": 2, "assessments": 5, "section47s": 0, "cp_plans": 0},
    )
    run = services.request_census(personas.analyst, 2026)
    services.make_census(str(run.pk))

    page = signed_in(personas.analyst).get(run.get_absolute_url()).content.decode()

    assert "Compared with 2024-25" in page
    assert f"run {last.serial}</a>" in page
    table = page[page.index("casework-census-comparison") :]
    assert "Assessments completed" in table
    assert ">3<" in table
    assert ">5<" in table
    assert ">-2<" in table


def test_without_last_years_census_its_figures_are_counted_from_the_record(
    personas: Personas, db: None
) -> None:
    b.referral(b.child(), D(2024, 6, 3))  # open through 2024-25 and 2025-26
    run = services.request_census(personas.analyst, 2026)

    made = services.make_census(str(run.pk))

    assert made.previous_counts["children"] == 1
    assert made.previous_counts["referrals"] == 1
    page = signed_in(personas.analyst).get(run.get_absolute_url()).content.decode()
    assert "counted from the record" in page


def test_a_census_the_schema_refuses_keeps_its_errors_and_no_file(
    personas: Personas, db: None
) -> None:
    a_council_with_a_census()
    Episode.objects.update(referral_source="ZZ")
    run = services.request_census(personas.analyst, 2026)

    made = services.make_census(str(run.pk))

    assert made.status == CensusRun.Status.INVALID
    assert not made.file
    assert len(made.schema_errors) == 4
    assert all(error.startswith("Line ") for error in made.schema_errors)
    client = signed_in(personas.analyst)
    assert (
        "did not match the 2025-26 schema" in client.get(made.get_absolute_url()).content.decode()
    )
    assert client.get(f"/returns/runs/{made.pk}/download/").status_code == 404


def test_a_census_that_fails_says_why(
    personas: Personas, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(services, "export_census", broken)
    run = services.request_census(personas.analyst, 2026)

    with pytest.raises(OSError, match="disk full"):
        services.make_census(str(run.pk))

    run.refresh_from_db()
    assert run.status == CensusRun.Status.FAILED
    assert "disk full" in run.failure_reason


def test_a_run_already_started_is_not_made_twice(personas: Personas, db: None) -> None:
    a_council_with_a_census()
    run = services.request_census(personas.analyst, 2026)
    services.make_census(str(run.pk))
    first = CensusRun.objects.get(pk=run.pk)

    again = services.make_census(str(run.pk))

    assert again.sha256 == first.sha256
    assert again.finished_at == first.finished_at


def test_each_census_of_a_year_has_the_next_serial_number(personas: Personas, db: None) -> None:
    first = services.request_census(personas.analyst, 2026)
    second = services.request_census(personas.head, 2026)
    other_year = services.request_census(personas.head, 2027)

    assert (first.serial, second.serial, other_year.serial) == (1, 2, 1)


@pytest.mark.parametrize("persona", ["tara.manager", "sam.worker", "adam.admin"])
def test_only_analysts_and_heads_of_service_reach_the_census(
    personas: Personas, db: None, persona: str
) -> None:
    user = personas.by_name()[persona]
    client = signed_in(user)
    run = CensusRun.objects.create(year=2026, serial=1, requested_by=personas.analyst)

    assert client.get("/returns/").status_code == 404
    assert client.post("/returns/cin-census/", {"year": "2026"}).status_code == 404
    assert client.get(run.get_absolute_url()).status_code == 404
    assert CensusRun.objects.count() == 1
