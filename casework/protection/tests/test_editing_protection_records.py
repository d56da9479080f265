"""Correcting the child protection record: an edit made from an old version is refused with the
other person's change shown (409), in the services, the pages and the API; corrections that move
a clock move it through the clock table."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from casework.accounts import services as account_services
from casework.accounts.models import Role
from casework.common import clock
from casework.common.errors import RuleBroken, StaleVersion
from casework.protection import services
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    CPVisit,
    Section47,
    StrategyDiscussion,
)
from casework.protection.tests.factories import (
    EVERY_AGENCY,
    VOICE,
    at,
    discuss,
    plan_through_services,
)
from casework.testing.factories import UserFactory
from casework.testing.personas import Personas

LATER = datetime.datetime(2027, 2, 10, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _bank_holidays(db: None) -> None:
    call_command("holidays", "--from", "2026", "--to", "2027", verbosity=0)


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def date_fields(name: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def core_group(personas: Personas, plan: ChildProtectionPlan) -> CoreGroupMeeting:
    return services.record_core_group(
        personas.worker,
        plan,
        held_on=datetime.date(2027, 1, 29),
        attendees="Sam; DC Shah",
        progress="Dad has moved out.",
    )


def visit(personas: Personas, plan: ChildProtectionPlan, day: int = 1) -> CPVisit:
    return services.record_cp_visit(
        personas.worker,
        plan,
        visited_on=datetime.date(2027, 2, day),
        observations="Home calm.",
        voice=VOICE,
        bedroom_seen=True,
    )


# The services ---------------------------------------------------------------------------------


@time_machine.travel(LATER, tick=False)
def test_an_edit_from_an_old_version_is_refused_for_every_record(personas: Personas) -> None:
    plan = plan_through_services(personas)
    meeting = core_group(personas, plan)
    seen = visit(personas, plan)
    conference = plan.initial_conference
    enquiry = conference.section47
    assert enquiry is not None
    discussion = enquiry.strategy_discussion
    review = services.record_conference(
        personas.chair, personas.child, kind="review", held_on=datetime.date(2027, 2, 9)
    )
    attempts: list[Callable[[], Any]] = [
        lambda: services.edit_strategy_discussion(
            personas.manager,
            discussion,
            expected_version=discussion.version - 1,
            held_at=discussion.held_at,
            participants=EVERY_AGENCY,
            information_shared="Changed.",
            risks_identified="Changed.",
        ),
        lambda: services.edit_conference(
            personas.chair, review, expected_version=review.version - 1, held_on=review.held_on
        ),
        lambda: services.edit_plan(
            personas.worker,
            plan,
            expected_version=plan.version - 1,
            outline="Changed.",
            visit_frequency_days=5,
        ),
        lambda: services.edit_core_group(
            personas.worker,
            meeting,
            expected_version=meeting.version - 1,
            held_on=meeting.held_on,
            attendees="Changed.",
            progress="Changed.",
        ),
        lambda: services.edit_cp_visit(
            personas.worker,
            seen,
            expected_version=seen.version - 1,
            visited_on=seen.visited_on,
            observations="Changed.",
            voice=VOICE,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(StaleVersion):
            attempt()
    assert not StrategyDiscussion.objects.filter(information_shared="Changed.").exists()
    assert not ChildProtectionPlan.objects.filter(outline="Changed.").exists()
    assert not CoreGroupMeeting.objects.filter(progress="Changed.").exists()
    assert not CPVisit.objects.filter(observations="Changed.").exists()


@time_machine.travel(datetime.datetime(2027, 1, 8, 12, tzinfo=datetime.UTC), tick=False)
def test_findings_are_saved_before_the_outcome_and_an_old_version_is_refused(
    personas: Personas,
) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    saved = services.update_section47(
        personas.worker,
        enquiry,
        expected_version=enquiry.version,
        child_seen_on=datetime.date(2026, 12, 24),
        findings="Seen at school; bruise on the arm.",
    )
    assert saved.status == Section47.Status.OPEN
    assert saved.findings == "Seen at school; bruise on the arm."
    with pytest.raises(StaleVersion) as stale:
        services.update_section47(
            personas.colleague,
            enquiry,
            expected_version=enquiry.version,
            child_seen_on=None,
            findings="Something else.",
        )
    assert stale.value.current.findings == "Seen at school; bruise on the arm."
    done = services.update_section47(
        personas.worker,
        saved,
        expected_version=saved.version,
        child_seen_on=saved.child_seen_on,
        findings=saved.findings,
        outcome="substantiated_at_risk",
        completed_on=datetime.date(2027, 1, 7),
    )
    assert done.status == Section47.Status.COMPLETED
    # The manager authorising from the version before the worker's last save is refused.
    with pytest.raises(StaleVersion):
        services.authorise_section47(
            personas.manager, done, rationale="Agreed.", expected_version=saved.version
        )
    assert Section47.objects.get().status == Section47.Status.COMPLETED


@time_machine.travel(datetime.datetime(2027, 1, 8, 12, tzinfo=datetime.UTC), tick=False)
def test_an_outcome_needs_its_completion_date_and_findings(personas: Personas) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    for changes, field in (
        ({"outcome": "not_substantiated"}, "completed_on"),
        ({"completed_on": datetime.date(2027, 1, 7)}, "outcome"),
        (
            {"outcome": "not_substantiated", "completed_on": datetime.date(2027, 1, 7)},
            "findings",
        ),
    ):
        with pytest.raises(RuleBroken) as broken:
            services.update_section47(
                personas.worker,
                enquiry,
                expected_version=enquiry.version,
                child_seen_on=None,
                findings="",
                **changes,
            )
        assert broken.value.field == field
    assert Section47.objects.get().version == enquiry.version


@time_machine.travel(datetime.datetime(2027, 1, 8, 12, tzinfo=datetime.UTC), tick=False)
def test_correcting_the_discussion_date_moves_the_icpc_dates_it_anchors(
    personas: Personas,
) -> None:
    discussion = discuss(personas, datetime.date(2026, 12, 23))
    updated = services.edit_strategy_discussion(
        personas.manager,
        discussion,
        expected_version=discussion.version,
        held_at=at(datetime.date(2026, 12, 22)),
        participants=EVERY_AGENCY,
        information_shared=discussion.information_shared,
        risks_identified=discussion.risks_identified,
        outside_home=["criminal_exploitation"],
    )
    assert updated.criminal_exploitation
    assert not updated.going_missing
    enquiry = Section47.objects.get()
    dates = clock.due("icpc", datetime.date(2026, 12, 22))
    assert (enquiry.started_on, enquiry.icpc_due, enquiry.icpc_target) == (
        datetime.date(2026, 12, 22),
        dates.due,
        dates.target,
    )


def test_the_discussion_date_cannot_move_once_the_icpc_is_held(personas: Personas) -> None:
    plan = plan_through_services(personas)
    enquiry = plan.initial_conference.section47
    assert enquiry is not None
    discussion = enquiry.strategy_discussion
    with time_machine.travel(LATER, tick=False), pytest.raises(RuleBroken) as broken:
        services.edit_strategy_discussion(
            personas.manager,
            discussion,
            expected_version=discussion.version,
            held_at=at(datetime.date(2026, 12, 21)),
            participants=EVERY_AGENCY,
            information_shared="x",
            risks_identified="y",
        )
    assert broken.value.field == "held_at"
    enquiry.refresh_from_db()
    assert enquiry.started_on == datetime.date(2026, 12, 23)


@time_machine.travel(LATER, tick=False)
def test_a_finalised_conference_cannot_be_changed_and_a_review_not_before_its_plan(
    personas: Personas,
) -> None:
    plan = plan_through_services(personas)
    conference = plan.initial_conference
    with pytest.raises(RuleBroken) as broken:
        services.edit_conference(
            personas.chair,
            conference,
            expected_version=conference.version,
            held_on=conference.held_on,
        )
    assert broken.value.field == "held_on"
    review = services.record_conference(
        personas.chair, personas.child, kind="review", held_on=datetime.date(2027, 2, 9)
    )
    with pytest.raises(RuleBroken) as broken:
        services.edit_conference(
            personas.chair,
            review,
            expected_version=review.version,
            held_on=datetime.date(2027, 1, 14),
        )
    assert broken.value.field == "held_on"
    assert "before the plan started" in broken.value.message
    review.refresh_from_db()
    assert review.held_on == datetime.date(2027, 2, 9)


@time_machine.travel(LATER, tick=False)
def test_a_new_visit_frequency_moves_the_next_visit(personas: Personas) -> None:
    plan = plan_through_services(personas)
    seen = visit(personas, plan)
    plan.refresh_from_db()
    assert plan.next_visit_due == clock.due("cp-visit", seen.visited_on).due
    changed = services.edit_plan(
        personas.worker,
        plan,
        expected_version=plan.version,
        outline="Dad lives with Gran.",
        visit_frequency_days=5,
    )
    calendar = clock.working_calendar()
    assert changed.next_visit_due == calendar.add_working_days(seen.visited_on, 5)
    later = visit(personas, changed, day=3)
    changed.refresh_from_db()
    assert changed.next_visit_due == calendar.add_working_days(later.visited_on, 5)
    with pytest.raises(RuleBroken) as broken:
        services.edit_plan(
            personas.worker,
            changed,
            expected_version=changed.version,
            outline="",
            visit_frequency_days=0,
        )
    assert broken.value.field == "visit_frequency_days"


@time_machine.travel(LATER, tick=False)
def test_correcting_a_core_group_or_a_visit_moves_the_next_one(personas: Personas) -> None:
    plan = plan_through_services(personas)
    meeting = core_group(personas, plan)
    seen = visit(personas, plan)
    services.edit_core_group(
        personas.worker,
        meeting,
        expected_version=meeting.version,
        held_on=datetime.date(2027, 2, 2),
        attendees=meeting.attendees,
        progress=meeting.progress,
    )
    plan.refresh_from_db()
    assert plan.next_core_group_due == clock.due("core-group", datetime.date(2027, 2, 2)).due
    # The child was not seen after all: the visit no longer counts, so the clock runs from the
    # start of the plan again.
    services.edit_cp_visit(
        personas.worker,
        seen,
        expected_version=seen.version,
        visited_on=seen.visited_on,
        observations="Nobody answered the door.",
        voice={"child_seen": False},
    )
    plan.refresh_from_db()
    assert plan.next_visit_due == clock.due("cp-visit", plan.started_on).due
    with pytest.raises(RuleBroken) as broken:
        services.edit_core_group(
            personas.worker,
            meeting,
            expected_version=None,
            held_on=datetime.date(2027, 1, 1),
            attendees="x",
            progress="y",
        )
    assert broken.value.field == "held_on"


# The pages: 409 with the other person's change ------------------------------------------------

VISIT_POST = {
    "child_seen": "yes",
    "seen_alone": "yes",
    "views": "I like my new bed.",
    "participation": "PN1",
    **date_fields("visited_on", datetime.date(2027, 2, 1)),
}


def _pages(
    personas: Personas,
) -> list[tuple[str, Any, str, Callable[[], Any], dict[str, str], str]]:
    """(name, who edits on the page, its URL, someone else's save, what the page posts, what
    the other person saved that the 409 must show)."""
    plan = plan_through_services(personas)
    meeting = core_group(personas, plan)
    seen = visit(personas, plan)
    enquiry = plan.initial_conference.section47
    assert enquiry is not None
    discussion = enquiry.strategy_discussion
    other_chair = UserFactory(role=Role.REVIEWING_OFFICER, team=None)
    review = services.record_conference(
        personas.chair, personas.child, kind="review", held_on=datetime.date(2027, 2, 9)
    )
    base = f"/people/{personas.child.pk}/protection"
    agencies = {
        "police_name": "DC Shah",
        "health_name": "Nurse Okafor",
        "education_name": "Ms Bell",
        "social_care_name": "Sam Worker",
        "held_time": "10:00",
        **date_fields("held_on", datetime.date(2026, 12, 23)),
    }
    return [
        (
            "strategy discussion",
            personas.manager,
            f"{base}/strategy/{discussion.pk}/edit/",
            lambda: services.edit_strategy_discussion(
                personas.manager,
                discussion,
                expected_version=discussion.version,
                held_at=discussion.held_at,
                participants=EVERY_AGENCY,
                information_shared="Police now say Dad has left.",
                risks_identified=discussion.risks_identified,
            ),
            {
                **agencies,
                "information_shared": "Mine.",
                "risks_identified": "Harm.",
                "version": str(discussion.version),
            },
            "Police now say Dad has left.",
        ),
        (
            "conference",
            other_chair,
            f"{base}/conferences/{review.pk}/edit/",
            lambda: services.edit_conference(
                personas.chair,
                review,
                expected_version=review.version,
                held_on=review.held_on,
                reports_received="Health visitor's report, late.",
            ),
            {
                **date_fields("held_on", datetime.date(2027, 2, 9)),
                "reports_received": "Mine.",
                "version": str(review.version),
            },
            "Health visitor&#x27;s report, late.",
        ),
        (
            "plan",
            personas.colleague,
            f"{base}/plans/{plan.pk}/edit/",
            lambda: services.edit_plan(
                personas.worker,
                plan,
                expected_version=plan.version,
                outline="Gran moves in.",
                visit_frequency_days=10,
            ),
            {"outline": "Mine.", "visit_frequency_days": "5", "version": str(plan.version)},
            "Gran moves in.",
        ),
        (
            "core group",
            personas.colleague,
            f"{base}/plans/{plan.pk}/core-groups/{meeting.pk}/edit/",
            lambda: services.edit_core_group(
                personas.worker,
                meeting,
                expected_version=meeting.version,
                held_on=meeting.held_on,
                attendees=meeting.attendees,
                progress="School reports better attendance.",
            ),
            {
                **date_fields("held_on", meeting.held_on),
                "attendees": "Mine.",
                "progress": "Mine.",
                "version": str(meeting.version),
            },
            "School reports better attendance.",
        ),
        (
            "visit",
            personas.colleague,
            f"{base}/plans/{plan.pk}/visits/{seen.pk}/edit/",
            lambda: services.edit_cp_visit(
                personas.worker,
                seen,
                expected_version=seen.version,
                visited_on=seen.visited_on,
                observations="The bedroom had no bed.",
                voice=VOICE,
            ),
            {**VISIT_POST, "observations": "Mine.", "version": str(seen.version)},
            "The bedroom had no bed.",
        ),
    ]


@time_machine.travel(LATER, tick=False)
def test_each_edit_page_shows_the_other_persons_change_and_keeps_yours(
    personas: Personas,
) -> None:
    for name, editor, url, their_save, posted, theirs in _pages(personas):
        client = signed_in(editor)
        assert client.get(url).status_code == 200, name
        their_save()
        response = client.post(url, posted)
        assert response.status_code == 409, name
        page = response.content.decode()
        assert "Someone else changed this while you were editing" in page, name
        assert theirs in page, name
        assert "Mine." in page, name


@time_machine.travel(datetime.datetime(2027, 1, 8, 12, tzinfo=datetime.UTC), tick=False)
def test_the_section_47_page_saves_findings_and_then_refuses_an_old_version(
    personas: Personas,
) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    url = f"/people/{personas.child.pk}/protection/s47/{enquiry.pk}/outcome/"
    sam = signed_in(personas.worker)
    page = sam.get(url).content.decode()
    assert "data-autosave" in page
    response = sam.post(url, {"findings": "Bruise on the arm.", "version": str(enquiry.version)})
    assert response.status_code == 302
    assert Section47.objects.get().findings == "Bruise on the arm."
    response = signed_in(personas.colleague).post(
        url, {"findings": "Mine.", "version": str(enquiry.version)}
    )
    assert response.status_code == 409
    assert "Bruise on the arm." in response.content.decode()
    assert Section47.objects.get().findings == "Bruise on the arm."


# The API ----------------------------------------------------------------------------------------


@time_machine.travel(LATER, tick=False)
def test_the_api_answers_409_to_an_edit_from_an_old_version(personas: Personas) -> None:
    plan = plan_through_services(personas)
    seen = visit(personas, plan)
    api = Client(
        headers={"Authorization": f"Bearer {account_services.issue_token(personas.worker)}"}
    )
    base = f"/api/v1/persons/{personas.child.pk}/protection/plans/{plan.pk}"
    body = {"version": plan.version, "outline": "Gran moves in.", "visit_frequency_days": 5}
    first = api.put(base, body, content_type="application/json")
    assert first.status_code == 200, first.content
    assert first.json()["version"] == plan.version + 1
    again = api.put(base, body | {"outline": "Mine."}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["current_version"] == plan.version + 1
    visit_url = f"{base}/visits/{seen.pk}"
    edit = {
        "version": seen.version,
        "visited_on": "2027-02-01",
        "observations": "Calm.",
        **VOICE,
    }
    assert api.put(visit_url, edit, content_type="application/json").status_code == 200
    assert api.put(visit_url, edit, content_type="application/json").status_code == 409
    detail = api.get(base).json()
    assert detail["outline"] == "Gran moves in."
    assert [v["observations"] for v in detail["visits"]] == ["Calm."]
    conference = Conference.objects.get(kind="initial")
    assert conference.finalised_at is not None


@time_machine.travel(datetime.datetime(2027, 1, 18, 12, tzinfo=datetime.UTC), tick=False)
def test_the_conference_record_autosaves_and_gives_the_draft_back(personas: Personas) -> None:
    enquiry = discuss(personas, datetime.date(2026, 12, 23)).section47
    conference = services.record_conference(
        personas.chair, personas.child, kind="initial", held_on=enquiry.icpc_due
    )
    url = f"/people/{personas.child.pk}/protection/conferences/{conference.pk}/finalise/"
    ian = signed_in(personas.chair)
    assert "data-autosave" in ian.get(url).content.decode()
    saved = ian.post(
        url,
        {"parents_views": "Mum says Dad has moved out.", "version": str(conference.version)},
        headers={"X-Casework-Autosave": "1"},
    )
    assert saved.status_code == 200
    page = ian.get(url).content.decode()
    assert "We restored the draft" in page
    assert "Mum says Dad has moved out." in page
    conference.refresh_from_db()
    assert conference.parents_views == ""
    assert conference.finalised_at is None
