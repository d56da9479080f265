"""The child protection pages and endpoints: bad input comes back field-named with nothing
written, another team gets 404 everywhere, and the trays read in a fixed number of queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.accounts import services as account_services
from casework.cases.models import Allocation
from casework.protection.models import ChildProtectionPlan, Conference, StrategyDiscussion
from casework.protection.tests.factories import History, cp_history, open_episode
from casework.testing.factories import AllocationFactory, PersonFactory
from casework.testing.personas import Personas

NOW = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _in_march() -> object:
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def history(personas: Personas) -> History:
    return cp_history(personas.child, personas.team_a, personas.worker, personas.chair)


def errors(response: object) -> dict[str, str]:
    form = response.context["form"]  # type: ignore[attr-defined]
    return dict(form.error_summary())


def date_fields(name: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_a_strategy_discussion_without_every_agency_is_refused(personas: Personas) -> None:
    open_episode(personas.child, personas.team_a, datetime.date(2026, 3, 2))
    response = signed_in(personas.manager).post(
        f"/people/{personas.child.pk}/protection/strategy/new/",
        {
            **date_fields("held_on", datetime.date(2026, 3, 20)),
            "held_time": "10:00",
            "police_name": "DC Shah",
            "information_shared": "Bruising.",
            "risks_identified": "Harm at home.",
            "decision": "section_47",
            "rationale": "Significant harm suspected.",
        },
    )
    assert response.status_code == 400
    assert any("must at least be invited" in message for message in errors(response).values())
    assert not StrategyDiscussion.objects.exists()


def test_a_strategy_discussion_page_starts_the_enquiry(personas: Personas) -> None:
    open_episode(personas.child, personas.team_a, datetime.date(2026, 3, 2))
    names = {
        "police_name": "DC Shah",
        "health_name": "Nurse Okafor",
        "education_name": "Ms Bell",
        "social_care_name": "Sam Worker",
        "police_attended": "yes",
    }
    response = signed_in(personas.manager).post(
        f"/people/{personas.child.pk}/protection/strategy/new/",
        {
            **date_fields("held_on", datetime.date(2026, 3, 20)),
            "held_time": "10:00",
            **names,
            "information_shared": "Bruising.",
            "risks_identified": "Harm at home.",
            "decision": "section_47",
            "rationale": "Significant harm suspected.",
            "outside_home": ["criminal_exploitation"],
        },
    )
    assert response.status_code == 302
    discussion = StrategyDiscussion.objects.get()
    assert discussion.participants.count() == 4
    assert discussion.criminal_exploitation
    page = signed_in(personas.worker).get(f"/people/{personas.child.pk}/").content.decode()
    assert 'id="child-protection"' in page
    assert "Section 47 enquiry" in page


def test_a_conference_dated_before_its_strategy_discussion_names_the_date(
    personas: Personas,
) -> None:
    open_episode(personas.child, personas.team_a, datetime.date(2026, 3, 2))
    from casework.protection import services
    from casework.protection.tests.factories import EVERY_AGENCY

    services.hold_strategy_discussion(
        personas.manager,
        personas.child,
        held_at=datetime.datetime(2026, 3, 10, 10, tzinfo=datetime.UTC),
        participants=EVERY_AGENCY,
        information_shared="Bruising.",
        risks_identified="Harm.",
        decision="section_47",
        rationale="Harm suspected.",
    )
    response = signed_in(personas.chair).post(
        f"/people/{personas.child.pk}/protection/conferences/new/",
        {"kind": "initial", **date_fields("held_on", datetime.date(2026, 3, 9))},
    )
    assert response.status_code == 400
    assert "before the strategy discussion" in errors(response)["id_held_on_0"]
    assert not Conference.objects.exists()


def test_a_plan_ended_before_it_started_names_the_end_date(personas: Personas) -> None:
    plan = history(personas).plan
    response = signed_in(personas.worker).post(
        f"/people/{personas.child.pk}/protection/plans/{plan.pk}/end/",
        {**date_fields("ended_on", datetime.date(2026, 3, 15)), "end_reason": "Moved away."},
    )
    assert response.status_code == 400
    assert "cannot end before it started" in errors(response)["id_ended_on_0"]
    plan.refresh_from_db()
    assert plan.is_active


def _review(personas: Personas) -> Conference:
    plan = history(personas).plan
    return Conference.objects.create(
        person=personas.child,
        kind=Conference.Kind.REVIEW,
        plan=plan,
        held_on=datetime.date(2026, 3, 24),
        chair=personas.chair,
        updated_by=personas.chair,
    )


def test_a_category_outside_the_list_names_the_category(personas: Personas) -> None:
    review = _review(personas)
    response = signed_in(personas.chair).post(
        f"/people/{personas.child.pk}/protection/conferences/{review.pk}/finalise/",
        {
            "child_seen": "yes",
            "seen_alone": "yes",
            "views": "I feel safer.",
            "participation": "PN1",
            "parents_views": "Better.",
            "decision": "continue",
            "category": "ABC",
        },
    )
    assert response.status_code == 400
    assert "id_category" in errors(response)
    review.refresh_from_db()
    assert review.finalised_at is None


def test_a_review_without_the_childs_views_names_the_views(personas: Personas) -> None:
    review = _review(personas)
    response = signed_in(personas.chair).post(
        f"/people/{personas.child.pk}/protection/conferences/{review.pk}/finalise/",
        {
            "child_seen": "yes",
            "seen_alone": "yes",
            "participation": "PN1",
            "parents_views": "Better.",
            "decision": "continue",
            "category": "PHY",
        },
    )
    assert response.status_code == 400
    assert "the child's views" in errors(response)["id_views"]
    review.refresh_from_db()
    assert review.finalised_at is None
    plan = ChildProtectionPlan.objects.get()
    assert plan.next_review_due == datetime.date(2026, 6, 16)


def test_another_team_gets_404_for_every_page_and_endpoint(personas: Personas) -> None:
    records = history(personas)
    base = f"/people/{personas.child.pk}/protection"
    pages = [
        f"{base}/",
        f"{base}/strategy/new/",
        f"{base}/strategy/{records.discussion.pk}/",
        f"{base}/s47/{records.section47.pk}/",
        f"{base}/s47/{records.section47.pk}/outcome/",
        f"{base}/s47/{records.section47.pk}/authorise/",
        f"{base}/conferences/new/",
        f"{base}/conferences/{records.conference.pk}/",
        f"{base}/conferences/{records.conference.pk}/finalise/",
        f"{base}/plans/{records.plan.pk}/",
        f"{base}/plans/{records.plan.pk}/actions/new/",
        f"{base}/plans/{records.plan.pk}/core-groups/new/",
        f"{base}/plans/{records.plan.pk}/visits/new/",
        f"{base}/plans/{records.plan.pk}/end/",
        f"{base}/family-group-conferences/new/",
        f"{base}/contexts/new/",
    ]
    client = signed_in(personas.other_team)
    for path in pages:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {}).status_code in (404, 405), path
    api = f"/api/v1/persons/{personas.child.pk}/protection"
    headers = {"Authorization": f"Bearer {account_services.issue_token(personas.other_team)}"}
    reads = [
        api,
        f"{api}/strategy-discussions/{records.discussion.pk}",
        f"{api}/s47/{records.section47.pk}",
        f"{api}/conferences/{records.conference.pk}",
        f"{api}/plans/{records.plan.pk}",
    ]
    for path in reads:
        assert Client().get(path, headers=headers).status_code == 404, path
    writes = {
        f"{api}/strategy-discussions": {
            "held_at": "2026-03-02T10:00:00Z",
            "participants": [],
            "information_shared": "x",
            "risks_identified": "y",
            "decision": "nfa",
            "rationale": "z",
        },
        f"{api}/s47/{records.section47.pk}/outcome": {
            "findings": "x",
            "outcome": "not_substantiated",
            "completed_on": "2026-03-20",
        },
        f"{api}/s47/{records.section47.pk}/authorisation": {"rationale": "x"},
        f"{api}/conferences": {"kind": "initial", "held_on": "2026-03-16"},
        f"{api}/conferences/{records.conference.pk}/finalisation": {
            "parents_views": "x",
            "decision": "plan",
        },
        f"{api}/plans/{records.plan.pk}/actions": {"what": "x", "owner": "y"},
        f"{api}/plans/{records.plan.pk}/core-groups": {
            "held_on": "2026-03-20",
            "attendees": "x",
            "progress": "y",
        },
        f"{api}/plans/{records.plan.pk}/visits": {
            "visited_on": "2026-03-20",
            "observations": "x",
            "child_seen": True,
        },
        f"{api}/plans/{records.plan.pk}/end": {"ended_on": "2026-03-20", "end_reason": "x"},
        f"{api}/family-group-conferences": {"offered_on": "2026-03-02"},
        f"{api}/risk-contexts": {"kind": "place", "name": "Rec park"},
    }
    for path, body in writes.items():
        response = Client().post(path, body, content_type="application/json", headers=headers)
        assert response.status_code == 404, path


def _more_children_on_plans(personas: Personas, count: int) -> None:
    for _ in range(count):
        child = PersonFactory()
        AllocationFactory(person=child, team=personas.team_a, worker=personas.worker)
        cp_history(child, personas.team_a, personas.worker, personas.chair)


@pytest.mark.parametrize("persona", ["worker", "manager", "chair"])
def test_the_trays_read_in_a_fixed_number_of_queries(personas: Personas, persona: str) -> None:
    user = getattr(personas, persona)
    client = signed_in(user)
    _more_children_on_plans(personas, 1)
    client.get("/protection/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/protection/").status_code == 200
    _more_children_on_plans(personas, 6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/protection/")
    assert len(many) == len(few)
    assert response.content.decode().count("30 March 2026") >= 7
    assert Allocation.objects.filter(team=personas.team_a).count() == 8


def test_the_plan_page_costs_the_same_for_a_longer_history(personas: Personas) -> None:
    from casework.protection import services
    from casework.protection.tests.factories import VOICE

    plan = history(personas).plan
    client = signed_in(personas.worker)
    url = f"/people/{personas.child.pk}/protection/plans/{plan.pk}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    for day in (17, 18, 19, 20):
        services.add_plan_action(personas.worker, plan, what="Dad moves out.", owner="Dad")
        services.record_cp_visit(
            personas.worker,
            plan,
            visited_on=datetime.date(2026, 3, day),
            observations="Calm.",
            voice=VOICE,
        )
    page = client.get(url).content.decode()
    assert queries() == small
    assert "Dad moves out." in page


def _api(user: object) -> Client:
    token = account_services.issue_token(user)  # type: ignore[arg-type]
    return Client(headers={"Authorization": f"Bearer {token}"})


def _errors(response: object) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]  # type: ignore[attr-defined]


def test_the_api_names_the_field_for_each_kind_of_bad_input(personas: Personas) -> None:
    records = history(personas)
    api = f"/api/v1/persons/{personas.child.pk}/protection"
    review = _review(personas)
    chair, worker = _api(personas.chair), _api(personas.worker)
    voice = {"child_seen": True, "seen_alone": True, "participation": "PN1"}
    cases = [
        (
            worker,
            f"{api}/plans/{records.plan.pk}/end",
            {"ended_on": "2026-03-15", "end_reason": "Moved away."},
            "ended_on",
        ),
        (
            chair,
            f"{api}/conferences/{review.pk}/finalisation",
            {**voice, "views": "Safer.", "parents_views": "Ok.", "decision": "continue"}
            | {"category": "ABC"},
            "category",
        ),
        (
            chair,
            f"{api}/conferences/{review.pk}/finalisation",
            {**voice, "parents_views": "Ok.", "decision": "continue", "category": "PHY"},
            "views",
        ),
    ]
    for client, path, body, field in cases:
        response = client.post(path, body, content_type="application/json")
        assert response.status_code == 400, (path, response.content)
        assert _errors(response) == [field], path
    records.plan.refresh_from_db()
    assert records.plan.is_active
    review.refresh_from_db()
    assert review.finalised_at is None


def test_the_api_refuses_a_conference_dated_before_its_strategy_discussion(
    personas: Personas,
) -> None:
    from casework.protection import services
    from casework.protection.tests.factories import EVERY_AGENCY

    open_episode(personas.child, personas.team_a, datetime.date(2026, 3, 2))
    services.hold_strategy_discussion(
        personas.manager,
        personas.child,
        held_at=datetime.datetime(2026, 3, 10, 10, tzinfo=datetime.UTC),
        participants=EVERY_AGENCY,
        information_shared="Bruising.",
        risks_identified="Harm.",
        decision="section_47",
        rationale="Harm suspected.",
    )
    response = _api(personas.chair).post(
        f"/api/v1/persons/{personas.child.pk}/protection/conferences",
        {"kind": "initial", "held_on": "2026-03-09"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert _errors(response) == ["held_on"]
    assert "before the strategy discussion" in response.json()["errors"][0]["message"]
    assert not Conference.objects.exists()


def test_the_trays_count_what_is_overdue_for_each_role(personas: Personas) -> None:
    from casework.protection import selectors

    history(personas)
    april = datetime.date(2026, 4, 1)
    for user, expected in (
        (personas.worker, (0, 0, 1, 1)),
        (personas.manager, (0, 0, 1, 1)),
        (personas.chair, (0, 0, 1, 1)),
        (personas.colleague, (0, 0, 0, 0)),
        (personas.other_team, (0, 0, 0, 0)),
    ):
        counts = selectors.tray_counts(user, april)
        assert (
            counts.initial_conferences,
            counts.review_conferences,
            counts.core_groups,
            counts.visits,
        ) == expected, user
    assert selectors.tray_counts(personas.worker, datetime.date(2026, 6, 17)).review_conferences
    with time_machine.travel(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)):
        client = signed_in(personas.manager)
        page = client.get("/protection/").content.decode()
    assert 'id="count-visits"' in page
    assert "visits overdue" in page


def test_the_chair_sees_the_conferences_left_to_finalise(personas: Personas) -> None:
    review = _review(personas)
    page = signed_in(personas.chair).get("/protection/").content.decode()
    assert "Your conferences to finalise" in page
    assert review.get_absolute_url() in page
    other = signed_in(personas.other_team).get("/protection/").content.decode()
    assert review.get_absolute_url() not in other


def test_the_due_lists_show_what_is_overdue_or_coming_up_soon(personas: Personas) -> None:
    from casework.protection import selectors

    plan = history(personas).plan
    # Review due 16 June, core group 30 March: 13 and 4 weeks ahead are the horizons.
    early = datetime.date(2026, 3, 1)
    assert selectors.review_conferences_due(personas.chair, early) == []
    assert selectors.core_groups_due(personas.chair, early) == []
    assert selectors.review_conferences_due(personas.chair, datetime.date(2026, 3, 17)) == [plan]
    assert selectors.core_groups_due(personas.chair, datetime.date(2026, 3, 2)) == [plan]
    late = datetime.date(2026, 9, 1)
    assert selectors.review_conferences_due(personas.worker, late) == [plan]
    assert selectors.core_groups_due(personas.other_team, late) == []
