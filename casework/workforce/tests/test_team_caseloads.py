"""Caseloads counted from open allocations, the council's weights and thresholds, the team page
with its alerts and forecast, and who may see it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from casework.accounts.models import Role
from casework.testing.factories import AllocationFactory, TeamFactory, UserFactory
from casework.testing.personas import Personas
from casework.workforce import selectors
from casework.workforce.models import CaseloadThreshold, CaseloadWeight, OrgRole, StaffRecord
from casework.workforce.tests.factories import StaffRecordFactory

D = Decimal


def allocate(worker, count: int, team=None, **extra) -> None:
    for _ in range(count):
        AllocationFactory(team=team or worker.team, worker=worker, **extra)


def caseload_of(personas: Personas):
    return selectors.team_caseload(personas.team_a, timezone.localdate())


def test_caseload_counts_only_open_allocations(personas: Personas) -> None:
    allocate(personas.colleague, 3)
    allocate(personas.colleague, 2, ended_on=datetime.date(2026, 2, 1))
    summary = caseload_of(personas)
    rows = {row.user.username: row for row in summary.workers}
    assert rows["tess.colleague"].children == 3
    assert rows["sam.worker"].children == 1  # the personas' child
    assert summary.children == 4


def test_every_child_counts_at_the_child_in_need_weight_the_council_sets(
    personas: Personas,
) -> None:
    CaseloadWeight.objects.create(status=CaseloadWeight.Status.CHILD_IN_NEED, weight=D("1.5"))
    allocate(personas.colleague, 2)
    rows = {row.user.username: row for row in caseload_of(personas).workers}
    assert rows["tess.colleague"].weighted == D("3.0")


def test_a_newly_qualified_worker_has_a_protected_capacity(personas: Personas) -> None:
    StaffRecordFactory(user=personas.colleague, asye=StaffRecord.Asye.IN_PROGRESS)
    allocate(personas.colleague, 8)
    rows = {row.user.username: row for row in caseload_of(personas).workers}
    # Eight children at weight 1 against 0.8 of a caseload is 10 per FTE.
    assert rows["tess.colleague"].capacity == D("0.80")
    assert rows["tess.colleague"].per_fte == D("10.00")


def test_part_time_workers_carry_more_per_fte(personas: Personas) -> None:
    StaffRecordFactory(user=personas.colleague, fte=D("0.5"))
    allocate(personas.colleague, 10)
    rows = {row.user.username: row for row in caseload_of(personas).workers}
    assert rows["tess.colleague"].per_fte == D("20.00")


def test_leavers_are_not_counted_in_the_team(personas: Personas) -> None:
    StaffRecordFactory(
        user=personas.colleague,
        left_on=datetime.date(2025, 1, 1),
        reason_left="1",
        started_on=datetime.date(2020, 1, 1),
    )
    names = [row.user.username for row in caseload_of(personas).workers]
    assert "tess.colleague" not in names


def test_managers_are_not_counted_as_case_holders(personas: Personas) -> None:
    StaffRecordFactory(user=personas.manager, org_role=OrgRole.FIRST_LINE_MANAGER)
    summary = caseload_of(personas)
    # Two social workers without records count one FTE each; the manager adds none.
    assert summary.capacity == D(2)


def test_workers_over_the_alert_level_are_flagged(personas: Personas) -> None:
    CaseloadThreshold.objects.create(team=personas.team_a, target=D(5), alert=D(8))
    allocate(personas.colleague, 9)
    allocate(personas.worker, 5)  # six with the personas' child: above target, under alert
    summary = caseload_of(personas)
    levels = {row.user.username: row.level for row in summary.workers}
    assert levels["tess.colleague"] == "alert"
    assert levels["sam.worker"] == "above_target"
    assert [row.user.username for row in summary.alerts] == ["tess.colleague"]


def test_the_councils_default_threshold_applies_without_a_team_row(personas: Personas) -> None:
    CaseloadThreshold.objects.create(team=None, target=D(12), alert=D(15))
    summary = caseload_of(personas)
    assert (summary.target, summary.alert) == (D(12), D(15))


def test_the_database_refuses_an_alert_below_the_target(personas: Personas) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseloadThreshold.objects.create(team=personas.team_a, target=D(20), alert=D(10))


def test_a_new_starter_joining_changes_the_team_average(personas: Personas) -> None:
    allocate(personas.worker, 19)  # 20 children with the personas' child
    before = caseload_of(personas)
    assert before.average == D("10.00")  # 20 among two workers
    UserFactory(username="new.starter", role=Role.SOCIAL_WORKER, team=personas.team_a)
    after = caseload_of(personas)
    assert after.average == D("6.67")


def test_the_forecast_says_how_many_more_fte_reach_the_target(personas: Personas) -> None:
    allocate(personas.worker, 39)
    summary = caseload_of(personas)  # 40 children, two FTE: 20 each
    forecast = summary.forecast(starters=1, target=D(18))
    assert forecast.more_fte_needed == D("0.23")
    assert forecast.average_with_starters == D("13.33")


def test_the_caseload_page_reads_in_a_fixed_number_of_queries(
    personas: Personas, django_assert_max_num_queries
) -> None:
    for _ in range(5):
        worker = UserFactory(role=Role.SOCIAL_WORKER, team=personas.team_a)
        StaffRecordFactory(user=worker)
        allocate(worker, 3)
    client = Client()
    client.force_login(personas.manager)
    with django_assert_max_num_queries(12):
        response = client.get(f"/workforce/teams/{personas.team_a.pk}/")
    assert response.status_code == 200


def test_a_team_manager_sees_their_own_team(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.manager)
    response = client.get(f"/workforce/teams/{personas.team_a.pk}/")
    assert response.status_code == 200
    assert personas.worker.display_name in response.text
    assert "Amy Jones" not in response.text  # caseloads, not children's names


def test_a_team_manager_cannot_see_another_team(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.manager)
    assert client.get(f"/workforce/teams/{personas.team_b.pk}/").status_code == 404


def test_a_head_of_service_sees_every_team(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.head)
    overview = client.get("/workforce/")
    assert "Team A" in overview.text
    assert "Team B" in overview.text
    assert client.get(f"/workforce/teams/{personas.team_b.pk}/").status_code == 200


@pytest.mark.parametrize(
    "name", ["sam.worker", "pat.analyst", "fran.frontdoor", "adam.admin", "rita.recruiter"]
)
def test_other_roles_get_not_found(personas: Personas, name: str) -> None:
    client = Client()
    user = personas.by_name()[name]
    assert user is not None
    client.force_login(user)
    assert client.get("/workforce/").status_code == 404
    assert client.get(f"/workforce/teams/{personas.team_a.pk}/").status_code == 404


def test_the_page_shows_the_alert_and_the_forecast(personas: Personas) -> None:
    CaseloadThreshold.objects.create(team=personas.team_a, target=D(5), alert=D(8))
    allocate(personas.colleague, 9)
    client = Client()
    client.force_login(personas.manager)
    response = client.get(f"/workforce/teams/{personas.team_a.pk}/?target=5&starters=2")
    assert response.status_code == 200
    assert "above the alert level" in response.text
    # Ten children over two FTE; reaching 5 needs no more; with 2 starters, 10 / 4 = 2.50.
    assert 'id="fte-needed">0.00<' in response.text
    assert "2.50" in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("target=abc", "Target weighted caseload must be a number"),
        ("target=0", "Target weighted caseload must be 1 or more"),
        ("starters=-1", "New starters must be 0 or more"),
        ("starters=1.5", "New starters must be a whole number"),
    ],
)
def test_bad_forecast_questions_are_named_and_answered_with_400(
    personas: Personas, query: str, message: str
) -> None:
    client = Client()
    client.force_login(personas.manager)
    response = client.get(f"/workforce/teams/{personas.team_a.pk}/?{query}")
    assert response.status_code == 400
    assert message in response.text
    assert "There is a problem" in response.text


def test_a_team_with_no_workers_still_has_a_page(personas: Personas) -> None:
    empty = TeamFactory(name="Team Empty")
    client = Client()
    client.force_login(personas.head)
    response = client.get(f"/workforce/teams/{empty.pk}/")
    assert response.status_code == 200
    assert "No workers in post" in response.text


def test_a_child_on_a_protection_plan_counts_at_the_councils_cp_weight(
    personas: Personas,
) -> None:
    from casework.protection.tests.factories import cp_history

    CaseloadWeight.objects.create(status=CaseloadWeight.Status.CHILD_PROTECTION, weight=D(2))
    StaffRecordFactory(user=personas.worker)
    allocate(personas.worker, 2)
    today = timezone.localdate()
    before = next(
        w
        for w in selectors.team_caseload(personas.team_a, today).workers
        if w.user == personas.worker
    )
    # Amy (the personas' child) and two more: three at the child in need weight of 1.
    assert before.weighted == D(3)
    history = cp_history(personas.child, personas.team_a, personas.worker, personas.chair)
    assert history.plan.started_on <= today
    after = next(
        w
        for w in selectors.team_caseload(personas.team_a, today).workers
        if w.user == personas.worker
    )
    assert after.children == 3
    assert after.weighted == D(4)
