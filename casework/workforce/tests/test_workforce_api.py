"""The staff-side API: team caseloads and the forecast, with the same access as the pages."""

from decimal import Decimal

from django.test import Client

from casework.accounts import services as account_services
from casework.testing.factories import AllocationFactory
from casework.testing.personas import Personas


def get(user, path: str):
    token = account_services.issue_token(user)
    return Client().get(path, headers={"Authorization": f"Bearer {token}"})


def test_a_head_of_service_lists_every_team(personas: Personas) -> None:
    response = get(personas.head, "/api/v1/workforce/teams")
    assert response.status_code == 200
    names = [team["name"] for team in response.json()]
    assert "Team A" in names
    assert "Team B" in names


def test_a_team_manager_lists_only_their_team(personas: Personas) -> None:
    response = get(personas.manager, "/api/v1/workforce/teams")
    assert [team["name"] for team in response.json()] == ["Team A"]


def test_a_team_caseload_has_workers_and_a_forecast(personas: Personas) -> None:
    for _ in range(3):
        AllocationFactory(team=personas.team_a, worker=personas.worker)
    response = get(
        personas.manager, f"/api/v1/workforce/teams/{personas.team_a.pk}?target=1&starters=2"
    )
    assert response.status_code == 200
    body = response.json()
    workers = {w["username"]: w for w in body["workers"]}
    assert workers["sam.worker"]["children"] == 4
    assert Decimal(body["average"]) == Decimal("2.00")
    assert Decimal(body["forecast"]["more_fte_needed"]) == Decimal("2.00")
    assert Decimal(body["forecast"]["average_with_starters"]) == Decimal("1.00")


def test_another_teams_caseload_is_not_found(personas: Personas) -> None:
    response = get(personas.manager, f"/api/v1/workforce/teams/{personas.team_b.pk}")
    assert response.status_code == 404


def test_a_bad_forecast_question_names_the_field(personas: Personas) -> None:
    response = get(personas.manager, f"/api/v1/workforce/teams/{personas.team_a.pk}?starters=-1")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "starters"


def test_a_social_worker_gets_not_found(personas: Personas) -> None:
    assert get(personas.worker, "/api/v1/workforce/teams").status_code == 404
