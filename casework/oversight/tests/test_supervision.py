"""Supervision: a session and its case directions are written together; each direction stays on
the child's record and the worker's tray until it is done."""

import datetime

import pytest
import time_machine
from django.test import Client

from casework.common import clock
from casework.common.errors import RuleBroken
from casework.oversight import supervision
from casework.oversight.models import CaseDirection, Supervision
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 20, 12, 0, tzinfo=datetime.UTC)
HELD = datetime.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def session_with_a_direction(personas: Personas) -> Supervision:
    return supervision.record_supervision(
        personas.manager,
        personas.worker,
        held_on=HELD,
        discussion="Sam reflected on how Amy's mum responds to challenge.",
        directions=[
            supervision.DirectionIn(
                person=personas.child,
                direction="See Amy alone at school before the review.",
                due_on=datetime.date(2026, 3, 27),
            )
        ],
    )


def test_the_next_supervision_is_due_by_the_local_clock_rule(personas: Personas) -> None:
    session = session_with_a_direction(personas)
    assert session.next_due == clock.due("supervision", HELD).due == datetime.date(2026, 4, 16)
    assert session.directions.count() == 1


def test_a_bad_direction_writes_nothing(personas: Personas) -> None:
    stranger = PersonFactory(given_name="Zed")
    with pytest.raises(RuleBroken) as broken:
        supervision.record_supervision(
            personas.manager,
            personas.worker,
            held_on=HELD,
            discussion="Caseload review.",
            directions=[
                supervision.DirectionIn(personas.child, "Visit", datetime.date(2026, 3, 27)),
                supervision.DirectionIn(stranger, "Visit", datetime.date(2026, 3, 27)),
            ],
        )
    assert broken.value.field == "direction_2_person"
    assert not Supervision.objects.exists()
    assert not CaseDirection.objects.exists()


def test_only_the_workers_own_team_manager_supervises(personas: Personas) -> None:
    for actor, worker in (
        (personas.worker, personas.colleague),
        (personas.manager, personas.other_team),
    ):
        with pytest.raises(RuleBroken):
            supervision.record_supervision(actor, worker, held_on=HELD, discussion="Chat")


def test_a_direction_shows_on_the_childs_page_and_in_the_tray_until_done(
    personas: Personas,
) -> None:
    session_with_a_direction(personas)
    client = signed_in(personas.worker)
    text = "See Amy alone at school before the review."
    assert text in client.get(f"/people/{personas.child.pk}/").content.decode()
    assert text in client.get("/").content.decode()
    direction = CaseDirection.objects.get()
    form_page = client.get(f"/people/{personas.child.pk}/directions/{direction.pk}/done/")
    assert text in form_page.content.decode()  # the direction is shown above the form
    response = client.post(
        f"/people/{personas.child.pk}/directions/{direction.pk}/done/",
        {"done_on_day": "19", "done_on_month": "3", "done_on_year": "2026"},
    )
    assert response.status_code == 302
    direction.refresh_from_db()
    assert (direction.done_on, direction.done_by) == (datetime.date(2026, 3, 19), personas.worker)
    assert text not in client.get(f"/people/{personas.child.pk}/").content.decode()
    assert text not in client.get("/").content.decode()
    with pytest.raises(RuleBroken, match="already"):
        supervision.complete_direction(personas.worker, direction)


def test_a_manager_records_supervision_from_the_page(personas: Personas) -> None:
    response = signed_in(personas.manager).post(
        "/supervision/new/",
        {
            "worker": personas.worker.pk,
            "held_on_day": "16",
            "held_on_month": "3",
            "held_on_year": "2026",
            "discussion": "Workload and wellbeing.",
            "direction_1_person": str(personas.child.pk),
            "direction_1": "Chase the school nurse.",
            "direction_1_due_on_day": "27",
            "direction_1_due_on_month": "3",
            "direction_1_due_on_year": "2026",
        },
    )
    assert response.status_code == 302, response.content.decode()
    session = Supervision.objects.get()
    assert session.directions.get().direction == "Chase the school nurse."


def test_a_half_filled_direction_row_is_named_in_the_errors(personas: Personas) -> None:
    response = signed_in(personas.manager).post(
        "/supervision/new/",
        {
            "worker": personas.worker.pk,
            "held_on_day": "16",
            "held_on_month": "3",
            "held_on_year": "2026",
            "discussion": "Workload.",
            "direction_2": "Chase the school nurse.",
        },
    )
    assert response.status_code == 400
    messages = [message for _, message in response.context["form"].error_summary()]
    assert "Select the child for direction 2" in messages
    assert "Enter when direction 2 is due" in messages
    assert not Supervision.objects.exists()


def test_a_colleague_cannot_read_someone_elses_supervision(personas: Personas) -> None:
    session = session_with_a_direction(personas)
    assert signed_in(personas.colleague).get(f"/supervision/{session.pk}/").status_code == 404
    page = signed_in(personas.worker).get(f"/supervision/{session.pk}/").content.decode()
    assert "Sam reflected" in page
