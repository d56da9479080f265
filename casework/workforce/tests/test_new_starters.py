"""A successful applicant joins: recruitment staff record the start, which makes their account
(with no way to sign in until an administrator sets it up) and their staff record, and the
team's caseload counts them. Recruitment staff read the CV; each download is audited."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from casework.accounts.models import Role, User
from casework.audit.models import Action, AuditEvent
from casework.common.errors import RuleBroken
from casework.testing.factories import AllocationFactory
from casework.testing.personas import Personas
from casework.workforce import selectors, services
from casework.workforce.models import Application, StaffRecord
from casework.workforce.tests.factories import StaffRecordFactory, VacancyFactory
from casework.workforce.tests.test_careers_and_applying import apply

pytestmark = pytest.mark.django_db
Stage = Application.Stage


def agreed_start(personas: Personas, team=None) -> Application:
    apply(Client(), VacancyFactory(team=team or personas.team_a, title="Social worker"))
    application = Application.objects.get()
    services.move_application(personas.recruiter, application, Stage.CHECKS)
    return services.move_application(
        personas.recruiter, application, Stage.STARTING, start_date=timezone.localdate()
    )


def starter_form(personas: Personas, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Jo",
        "last_name": "Bloggs",
        "username": "jo.bloggs",
        "team": str(personas.team_a.pk),
        "fte": "1",
        "org_role": "5",
    }
    data.update(overrides)
    return data


def signed_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.recruiter)
    return client


def test_a_new_starter_joins_team_a_and_the_average_caseload_falls(personas: Personas) -> None:
    StaffRecordFactory(user=personas.worker)
    StaffRecordFactory(user=personas.colleague)
    for _ in range(35):
        AllocationFactory(team=personas.team_a, worker=personas.colleague)
    today = timezone.localdate()
    assert selectors.team_caseload(personas.team_a, today).average == Decimal("18.00")
    application = agreed_start(personas)
    client = signed_in(personas)
    response = client.post(
        f"/workforce/applications/{application.pk}/start/", starter_form(personas)
    )
    assert response.status_code == 302
    user = User.objects.get(username="jo.bloggs")
    assert user.role == Role.SOCIAL_WORKER
    assert user.team == personas.team_a
    assert not user.has_usable_password()
    record = StaffRecord.objects.get(user=user)
    assert record.started_on == today
    assert record.swe_number == "SW1234567890"
    application.refresh_from_db()
    assert application.staff_record == record
    # 36 children over three full-time workers.
    assert selectors.team_caseload(personas.team_a, today).average == Decimal("12.00")
    assert "Started on" in client.get(application.get_absolute_url()).text


def test_a_starter_cannot_be_taken_on_twice(personas: Personas) -> None:
    application = agreed_start(personas)
    services.start_new_starter(
        personas.recruiter,
        application,
        username="jo.bloggs",
        first_name="Jo",
        last_name="Bloggs",
        team=personas.team_a,
    )
    with pytest.raises(RuleBroken, match="already started"):
        services.start_new_starter(
            personas.recruiter,
            application,
            username="jo.bloggs2",
            first_name="Jo",
            last_name="Bloggs",
            team=personas.team_a,
        )
    assert not User.objects.filter(username="jo.bloggs2").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": "sam.worker"}, "The username sam.worker is already taken"),
        ({"username": "Jo Bloggs!"}, "Enter a username of 3 to 50"),
        ({"team": ""}, "Select team"),
        ({"fte": "1.5"}, "Full-time equivalent must be 1 or less"),
    ],
)
def test_bad_starter_details_are_named_and_nothing_is_made(
    personas: Personas, overrides: dict[str, object], message: str
) -> None:
    application = agreed_start(personas)
    response = signed_in(personas).post(
        f"/workforce/applications/{application.pk}/start/", starter_form(personas, **overrides)
    )
    assert response.status_code == 400
    assert message in response.text
    assert not StaffRecord.objects.exists()
    assert not User.objects.filter(username="jo.bloggs").exists()


def test_only_an_agreed_start_can_be_recorded(personas: Personas) -> None:
    apply(Client(), VacancyFactory(team=personas.team_a))
    application = Application.objects.get()
    response = signed_in(personas).post(
        f"/workforce/applications/{application.pk}/start/", starter_form(personas)
    )
    assert response.status_code == 400
    assert "Only an applicant with an agreed start date can start" in response.text
    assert not User.objects.filter(username="jo.bloggs").exists()


def test_a_front_door_team_is_refused(personas: Personas) -> None:
    application = agreed_start(personas)
    front_door = personas.frontdoor.team
    assert front_door is not None
    with pytest.raises(RuleBroken) as broken:
        services.start_new_starter(
            personas.recruiter,
            application,
            username="jo.bloggs",
            first_name="Jo",
            last_name="Bloggs",
            team=front_door,
        )
    assert broken.value.field == "team"


def test_recruitment_staff_download_the_cv_and_it_is_audited(personas: Personas) -> None:
    apply(Client(), VacancyFactory())
    application = Application.objects.get()
    response = signed_in(personas).get(f"/workforce/applications/{application.pk}/cv/")
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_id=str(application.pk), actor=personas.recruiter
    ).exists()
    for name in ("hana.head", "tara.manager", "sam.worker"):
        user = personas.by_name()[name]
        assert user is not None
        client = Client()
        client.force_login(user)
        assert client.get(f"/workforce/applications/{application.pk}/cv/").status_code == 404


def test_a_move_made_by_someone_else_first_is_a_conflict(personas: Personas) -> None:
    apply(Client(), VacancyFactory())
    application = Application.objects.get()
    client = signed_in(personas)
    page = client.get(application.get_absolute_url())
    assert page.status_code == 200
    stale = Application.objects.get(pk=application.pk)
    services.move_application(personas.admin, application, Stage.SCREENED)
    with pytest.raises(services.StaleVersion):
        services.move_application(personas.recruiter, stale, Stage.INTERVIEW)
    application.refresh_from_db()
    assert application.stage == Stage.SCREENED


def test_a_recruiter_sees_no_childs_record(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.recruiter)
    assert client.get(f"/people/{personas.child.pk}/").status_code == 404
    assert str(personas.child.pk) not in client.get("/people/").text
    assert client.get(f"/people/{personas.child.pk}/chronology/").status_code == 404


def test_the_start_date_is_kept_from_the_application(personas: Personas) -> None:
    apply(Client(), VacancyFactory(team=personas.team_a))
    application = Application.objects.get()
    services.move_application(personas.recruiter, application, Stage.CHECKS)
    later = timezone.localdate() + datetime.timedelta(days=14)
    services.move_application(personas.recruiter, application, Stage.STARTING, start_date=later)
    record = services.start_new_starter(
        personas.recruiter,
        application,
        username="jo.bloggs",
        first_name="Jo",
        last_name="Bloggs",
        team=personas.team_a,
    )
    assert record.started_on == later
    # Not counted until their first day.
    workers = selectors.team_caseload(personas.team_a, timezone.localdate()).workers
    assert record.user not in [w.user for w in workers]
