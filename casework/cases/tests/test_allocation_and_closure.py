import datetime
import uuid

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from casework.cases import chronology, services
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.common.errors import RuleBroken
from casework.oversight.models import ManagementDecision
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas


@pytest.fixture
def referred(personas: Personas) -> Episode:
    call_command("holidays", "--from", "2026", "--to", "2026", verbosity=0)
    child = PersonFactory(given_name="Kai", family_name="King")
    return services.open_referral(
        personas.frontdoor,
        child,
        referral_date=datetime.date(2026, 3, 2),
        source=ReferralSource.POLICE,
        team=personas.team_a,
    )


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def allocate_form(worker: object, **extra: str) -> dict[str, str]:
    return {
        "worker": str(worker.pk),  # type: ignore[attr-defined]
        "rationale": "Sam knows the school and has capacity this week.",
        "form_token": str(uuid.uuid4()),
        **extra,
    }


def test_the_manager_allocates_with_a_decision_on_the_record(
    personas: Personas, referred: Episode
) -> None:
    client = signed_in(personas.manager)
    response = client.post(
        f"/people/{referred.person_id}/allocate/", allocate_form(personas.worker)
    )
    assert response.status_code == 302
    allocation = Allocation.objects.get(person=referred.person, ended_on__isnull=True)
    assert allocation.worker == personas.worker
    decision = ManagementDecision.objects.get(person=referred.person, decision="allocation")
    assert decision.decided_by == personas.manager
    assert "Sam knows the school" in decision.rationale
    home = signed_in(personas.worker).get("/").content.decode()
    assert "Kai King" in home


def test_allocation_without_a_rationale_writes_nothing(
    personas: Personas, referred: Episode
) -> None:
    response = signed_in(personas.manager).post(
        f"/people/{referred.person_id}/allocate/", allocate_form(personas.worker, rationale="")
    )
    assert response.status_code == 400
    assert "Enter rationale" in response.content.decode()
    assert not Allocation.objects.filter(person=referred.person, worker__isnull=False).exists()
    assert not ManagementDecision.objects.exists()


def test_only_the_teams_manager_allocates(personas: Personas, referred: Episode) -> None:
    url = f"/people/{referred.person_id}/allocate/"
    assert signed_in(personas.worker).get(url).status_code == 403
    assert signed_in(personas.other_team).get(url).status_code == 404
    assert signed_in(personas.manager).get(url).status_code == 200


def test_a_worker_from_another_team_cannot_be_chosen(personas: Personas, referred: Episode) -> None:
    response = signed_in(personas.manager).post(
        f"/people/{referred.person_id}/allocate/", allocate_form(personas.other_team)
    )
    assert response.status_code == 400
    assert not Allocation.objects.filter(worker=personas.other_team).exists()


def test_closing_records_the_census_reason_and_the_closing_decision(
    personas: Personas, referred: Episode
) -> None:
    services.allocate_worker(
        personas.manager, referred.person, worker=personas.worker, rationale="Capacity"
    )
    today = timezone.localdate()
    response = signed_in(personas.manager).post(
        f"/people/{referred.person_id}/episodes/{referred.pk}/close/",
        {
            "closed_on_day": str(today.day),
            "closed_on_month": str(today.month),
            "closed_on_year": str(today.year),
            "reason": "RC8",
            "rationale": "Assessment found no continuing need.",
            "form_token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    referred.refresh_from_db()
    assert referred.status == Episode.Status.CLOSED
    assert referred.closure_reason == "RC8"
    assert not Allocation.objects.filter(person=referred.person, ended_on__isnull=True).exists()
    assert ManagementDecision.objects.filter(decision="closure").exists()


def test_closing_before_the_referral_is_refused_by_name(
    personas: Personas, referred: Episode
) -> None:
    response = signed_in(personas.manager).post(
        f"/people/{referred.person_id}/episodes/{referred.pk}/close/",
        {
            "closed_on_day": "1",
            "closed_on_month": "1",
            "closed_on_year": "2026",
            "reason": "RC8",
            "rationale": "x",
        },
    )
    assert response.status_code == 400
    assert "on or after the referral date" in response.content.decode()
    referred.refresh_from_db()
    assert referred.status == Episode.Status.OPEN


def test_the_chronology_gathers_the_record_and_the_workers_analysis(
    personas: Personas, referred: Episode
) -> None:
    services.allocate_worker(
        personas.manager, referred.person, worker=personas.worker, rationale="Capacity"
    )
    services.add_significant_event(
        personas.worker,
        referred.person,
        occurred_on=datetime.date(2026, 3, 10),
        title="Kai disclosed that his uncle hit him",
        analysis="First disclosure; consistent with the school's account.",
    )
    titles = [entry.title for entry in chronology.entries_for(referred.person)]
    assert "Referral to children's social care" in titles
    assert "Kai disclosed that his uncle hit him" in titles
    assert any(title.startswith("Management decision") for title in titles)
    page = signed_in(personas.colleague).get(f"/people/{referred.person_id}/chronology/")
    assert "consistent with the school" in page.content.decode()


def test_closing_before_the_current_allocation_began_is_refused_not_a_crash(
    personas: Personas, referred: Episode
) -> None:
    services.allocate_worker(
        personas.manager, referred.person, worker=personas.worker, rationale="Capacity"
    )
    with pytest.raises(RuleBroken) as broken:
        services.close_episode(
            personas.manager,
            referred,
            closed_on=datetime.date(2026, 3, 3),
            reason="RC8",
            rationale="No further action",
        )
    assert broken.value.field == "closed_on"


def test_the_case_page_says_where_the_case_stands(personas: Personas, referred: Episode) -> None:
    services.allocate_worker(
        personas.manager, referred.person, worker=personas.worker, rationale="Sam has capacity"
    )
    page = signed_in(personas.worker).get(f"/people/{referred.person_id}/").content.decode()
    summary = page[page.index("The case now") : page.index("Who they are")]
    assert "Open referral" in summary
    assert f"{personas.worker.display_name}, Team A" in summary
    assert personas.manager.display_name in summary  # the team manager
    assert "Not seen on a recorded visit yet" in summary
    assert "Assessment" in summary[summary.index("Due and overdue") :]
