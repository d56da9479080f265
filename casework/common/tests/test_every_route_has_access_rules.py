"""Every URL the project serves, requested by every persona, gives the status we expect.

The table below is the access contract. A new route without a row fails
`test_every_route_is_in_the_table`, so nobody can add a page or endpoint without deciding who may
reach it. No access is 404 (a record's existence is not leaked); read-only access to a write is
403; anonymous pages redirect to sign-in; the anonymous API gets 401.
"""

import datetime
import json
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from casework.accounts import services as account_services
from casework.assessments.tests.factories import assessment_for, referral_for
from casework.frontdoor.models import Contact
from casework.frontdoor.tests.factories import contact_about
from casework.meetings.models import Attendee, Meeting
from casework.meetings.tests.factories import AttendeeFactory, MeetingFactory
from casework.oversight.models import CaseDirection, Supervision
from casework.plans.models import Action, CINPlan, Goal
from casework.plans.tests.factories import VisitFactory, plan_for
from casework.protection.models import CoreGroupMeeting, CPVisit
from casework.protection.tests.factories import History, cp_history
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas
from casework.workforce.models import (
    AcademyCohort,
    Application,
    Booking,
    CareersPage,
    Champion,
    Event,
    Question,
    Story,
    Trainee,
    TrainingSession,
    Vacancy,
)
from casework.workforce.tests.factories import VacancyFactory

EVERYONE = (
    "fran.frontdoor",
    "sam.worker",
    "tess.colleague",
    "ola.otherteam",
    "tara.manager",
    "ian.chair",
    "pat.analyst",
    "hana.head",
    "adam.admin",
)
SEE_CHILD = ("fran.frontdoor", "sam.worker", "tess.colleague", "tara.manager", "ian.chair")
READ_ONLY = ("pat.analyst", "hana.head")
NO_ACCESS_TO_CHILD = ("ola.otherteam", "adam.admin")
AUDIT_READERS = ("hana.head", "adam.admin")


def statuses(anonymous: int, **groups: int) -> dict[str, int]:
    """Expected status per persona: `everyone` first, then named overrides."""
    result = {"anonymous": anonymous}
    result.update(dict.fromkeys(EVERYONE, groups.pop("everyone", 200)))
    for name, status in groups.items():
        result[name.replace("__", ".")] = status
    return result


def child_view(anonymous: int = 302) -> dict[str, int]:
    result = statuses(anonymous)
    result.update(dict.fromkeys(NO_ACCESS_TO_CHILD, 404))
    return result


def child_change(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    result = statuses(anonymous, everyone=ok)
    result.update(dict.fromkeys(READ_ONLY, 403))
    result.update(dict.fromkeys(NO_ACCESS_TO_CHILD, 404))
    return result


@dataclass
class Check:
    method: str
    path: Callable[[Personas, object], str]
    expected: dict[str, int]
    api: bool = False
    body: Mapping[str, object] | Callable[[Personas, object], Mapping[str, object]] | None = None


def _person(p: Personas, note: object) -> str:
    return str(p.child.pk)


def _note(p: Personas, note: object) -> str:
    return str(note.pk)  # type: ignore[attr-defined]


def _contact(p: Personas, note: object) -> str:
    """A contact about the personas' child, made on first use."""
    contact = Contact.objects.filter(subjects__person=p.child).first() or contact_about(p.child)
    return str(contact.pk)


# The front door: its staff and managers see every contact; a social worker sees contacts about
# children they can see; analysts and heads of service read; everyone else is 404.
FRONT_DOOR_STAFF = ("fran.frontdoor", "tara.manager")
NOT_IN_FRONT_DOOR = ("ian.chair", "adam.admin")


def front_door_list(anonymous: int = 302) -> dict[str, int]:
    return statuses(anonymous) | dict.fromkeys(NOT_IN_FRONT_DOOR, 404)


def contact_view(anonymous: int = 302) -> dict[str, int]:
    return front_door_list(anonymous) | {"ola.otherteam": 404}


def contact_new(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    result = statuses(anonymous, everyone=403) | dict.fromkeys(NOT_IN_FRONT_DOOR, 404)
    return result | dict.fromkeys(FRONT_DOOR_STAFF, ok)


def contact_change(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    return contact_new(anonymous, ok) | {"ola.otherteam": 404}


def contact_decide(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    return contact_change(anonymous, ok) | {"fran.frontdoor": 403}


def _contact_body(p: Personas, note: object) -> dict[str, object]:
    return {
        "received_at": "2026-03-02T10:00:00Z",
        "source": "2A",
        "concern": "Bruise on her cheek.",
        "consent": "given",
        "people": [{"person_id": str(p.child.pk), "role": "child"}],
    }


NOTE_BODY = {"kind": "visit", "occurred_on": "2026-03-02", "subject": "Visit", "body": "Seen."}

ROUTES: dict[str, list[Check]] = {
    "home": [Check("GET", lambda p, n: "/", statuses(302))],
    "healthz": [Check("GET", lambda p, n: "/healthz", statuses(200))],
    "accounts:login": [Check("GET", lambda p, n: "/sign-in/", statuses(200))],
    "accounts:logout": [
        Check("GET", lambda p, n: "/sign-out/", statuses(302, everyone=405)),
        Check("POST", lambda p, n: "/sign-out/", statuses(302, everyone=302)),
    ],
    "accounts:keep_alive": [
        Check("POST", lambda p, n: "/session/keep-alive/", statuses(302, everyone=204)),
        Check("GET", lambda p, n: "/session/keep-alive/", statuses(302, everyone=405)),
    ],
    "people:list": [Check("GET", lambda p, n: "/people/", statuses(302))],
    "people:detail": [Check("GET", lambda p, n: f"/people/{_person(p, n)}/", child_view())],
    "people:new": [
        # Only the front door creates unconnected records; others add family from a child.
        Check(
            "GET",
            lambda p, n: "/people/new/?q=new+child",
            statuses(302, everyone=403) | {"fran.frontdoor": 200},
        ),
        Check(
            "GET",
            lambda p, n: f"/people/new/?q=mum&related_to={_person(p, n)}",
            child_change(),
        ),
    ],
    "people:change": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/details/", child_change())
    ],
    "people:add_address": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/addresses/new/", child_change())
    ],
    "people:add_name": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/names/new/", child_change())
    ],
    "people:add_relationship": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/relationships/new/", child_change())
    ],
    "people:add_professional": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/professionals/new/", child_change())
    ],
    "people:add_warning": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/warnings/new/", child_change())
    ],
    "people:merge": [
        Check(
            "GET",
            lambda p, n: f"/people/{_person(p, n)}/merge/",
            child_change() | dict.fromkeys(("sam.worker", "tess.colleague", "ian.chair"), 403),
        )
    ],
    "people:undo_merge": [
        Check(
            "POST",
            lambda p, n: f"/people/{_person(p, n)}/merges/{uuid.UUID(int=1)}/undo/",
            child_change(ok=404)
            | dict.fromkeys(("sam.worker", "tess.colleague", "ian.chair"), 403),
        )
    ],
    "cases:allocate": [
        Check(
            "GET",
            lambda p, n: f"/people/{_person(p, n)}/allocate/",
            child_change() | dict.fromkeys(SEE_CHILD, 403) | {"tara.manager": 200},
        )
    ],
    "cases:close_episode": [
        # No open episode in the fixture: the manager gets as far as the lookup.
        Check(
            "GET",
            lambda p, n: f"/people/{_person(p, n)}/episodes/{uuid.UUID(int=1)}/close/",
            child_change() | dict.fromkeys(SEE_CHILD, 403) | {"tara.manager": 404},
        )
    ],
    "cases:chronology": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/chronology/", child_view())
    ],
    "cases:add_event": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/chronology/new/", child_change())
    ],
    "cases:documents": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/documents/", child_view())
    ],
    "cases:upload": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/documents/new/", child_change())
    ],
    "cases:letter": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/documents/letter/", child_change())
    ],
    "cases:add_version": [
        # No such document: those who may change the record get as far as the lookup.
        Check(
            "GET",
            lambda p, n: f"/people/{_person(p, n)}/documents/{uuid.UUID(int=1)}/versions/new/",
            child_change(ok=404),
        )
    ],
    "cases:download": [
        Check(
            "GET",
            lambda p, n: f"/people/{_person(p, n)}/documents/{uuid.UUID(int=1)}/versions/1/",
            child_view() | dict.fromkeys(SEE_CHILD + READ_ONLY, 404),
        )
    ],
    "cases:add_note": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/notes/new/", child_change()),
        Check(
            "POST",
            lambda p, n: f"/people/{_person(p, n)}/notes/new/",
            child_change(ok=400),  # an empty form: allowed through, then refused as invalid
        ),
    ],
    "cases:note": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/notes/{_note(p, n)}/", child_view()),
        Check(
            "POST",
            lambda p, n: f"/people/{_person(p, n)}/notes/{_note(p, n)}/",
            # The method is refused before the record is looked up, so nothing leaks.
            statuses(302, everyone=405),
        ),
    ],
    "cases:edit_note": [
        Check(
            "GET",
            lambda p, n: f"/people/{_person(p, n)}/notes/{_note(p, n)}/edit/",
            child_change(),
        )
    ],
    "audit:person_trail": [
        Check(
            "GET",
            lambda p, n: f"/audit/people/{_person(p, n)}/",
            statuses(302, everyone=404) | dict.fromkeys(AUDIT_READERS, 200),
        )
    ],
    "api:api-root": [Check("GET", lambda p, n: "/api/v1/", statuses(404, everyone=404), True)],
    "api:openapi-json": [Check("GET", lambda p, n: "/api/v1/openapi.json", statuses(200), True)],
    "api:openapi-view": [Check("GET", lambda p, n: "/api/v1/docs", statuses(302))],
    "api:me": [Check("GET", lambda p, n: "/api/v1/me", statuses(401), True)],
    "api:list_persons": [Check("GET", lambda p, n: "/api/v1/persons", statuses(401), True)],
    "api:search_persons": [
        Check("GET", lambda p, n: "/api/v1/persons/search?q=Amy+Jones", statuses(401), True)
    ],
    "api:create_person": [
        Check(
            "POST",
            lambda p, n: "/api/v1/persons",
            statuses(401, everyone=403) | {"fran.frontdoor": 201},
            True,
            {"given_name": "Noor", "family_name": "Quinton"},
        )
    ],
    "api:get_person": [
        Check("GET", lambda p, n: f"/api/v1/persons/{_person(p, n)}", child_view(401), True)
    ],
    "api:list_notes": [
        Check("GET", lambda p, n: f"/api/v1/persons/{_person(p, n)}/notes", child_view(401), True)
    ],
    "api:add_note": [
        Check(
            "POST",
            lambda p, n: f"/api/v1/persons/{_person(p, n)}/notes",
            child_change(401, ok=201),
            True,
            NOTE_BODY,
        )
    ],
    "api:get_note": [
        Check(
            "GET",
            lambda p, n: f"/api/v1/persons/{_person(p, n)}/notes/{_note(p, n)}",
            child_view(401),
            True,
        )
    ],
    "api:change_note": [
        Check(
            "PATCH",
            lambda p, n: f"/api/v1/persons/{_person(p, n)}/notes/{_note(p, n)}",
            child_change(401, ok=409),  # version 99 is never current: reached the service
            True,
            {"version": 99, "subject": "Changed"},
        )
    ],
    "api:due_date": [
        Check("GET", lambda p, n: "/api/v1/clock/icpc?start=2026-12-23", statuses(401), True)
    ],
    "oversight:person_decisions": [
        Check("GET", lambda p, n: f"/people/{_person(p, n)}/decisions/", child_view())
    ],
    "api:list_person_decisions": [
        Check(
            "GET", lambda p, n: f"/api/v1/persons/{_person(p, n)}/decisions", child_view(401), True
        )
    ],
    "frontdoor:tray": [Check("GET", lambda p, n: "/front-door/", front_door_list())],
    "frontdoor:services": [Check("GET", lambda p, n: "/front-door/services/", statuses(302))],
    "frontdoor:new_contact": [
        Check("GET", lambda p, n: "/front-door/contacts/new/", contact_new()),
        Check("POST", lambda p, n: "/front-door/contacts/new/", contact_new(ok=400)),
    ],
    "frontdoor:contact": [
        Check("GET", lambda p, n: f"/front-door/contacts/{_contact(p, n)}/", contact_view()),
        Check(
            "POST",
            lambda p, n: f"/front-door/contacts/{_contact(p, n)}/",
            statuses(302, everyone=405),
        ),
    ],
    "frontdoor:add_people": [
        Check(
            "GET",
            lambda p, n: f"/front-door/contacts/{_contact(p, n)}/people/new/",
            contact_change(),
        )
    ],
    "frontdoor:add_check": [
        Check(
            "GET",
            lambda p, n: f"/front-door/contacts/{_contact(p, n)}/checks/new/",
            contact_change(),
        ),
        Check(
            "POST",
            lambda p, n: f"/front-door/contacts/{_contact(p, n)}/checks/new/",
            contact_change(ok=400),
        ),
    ],
    "frontdoor:decide": [
        Check(
            "GET", lambda p, n: f"/front-door/contacts/{_contact(p, n)}/decide/", contact_decide()
        ),
        Check(
            "POST",
            lambda p, n: f"/front-door/contacts/{_contact(p, n)}/decide/",
            contact_decide(ok=400),
        ),
    ],
    "api:list_contacts": [
        Check("GET", lambda p, n: "/api/v1/contacts", front_door_list(401), True)
    ],
    "api:record_contact": [
        Check(
            "POST", lambda p, n: "/api/v1/contacts", contact_new(401, ok=201), True, _contact_body
        )
    ],
    "api:get_contact": [
        Check("GET", lambda p, n: f"/api/v1/contacts/{_contact(p, n)}", contact_view(401), True)
    ],
    "api:record_check": [
        Check(
            "POST",
            lambda p, n: f"/api/v1/contacts/{_contact(p, n)}/checks",
            contact_change(401, ok=201),
            True,
            {"agency": "police", "result": "Nothing known."},
        )
    ],
    "api:decide_contact": [
        Check(
            "POST",
            lambda p, n: f"/api/v1/contacts/{_contact(p, n)}/decision",
            contact_decide(401, ok=409),  # version 99 is never current: reached the service
            True,
            {"version": 99, "outcome": "nfa", "rationale": "No role for social care."},
        )
    ],
}


# Assessments: whoever sees the child reads them; the allocated team's social workers and
# manager write them; only that team's manager authorises or returns one.
NOT_IN_ALLOCATED_TEAM = ("fran.frontdoor", "ian.chair", *READ_ONLY)


def assessment_change(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    result = statuses(anonymous, everyone=ok) | dict.fromkeys(NOT_IN_ALLOCATED_TEAM, 403)
    return result | dict.fromkeys(NO_ACCESS_TO_CHILD, 404)


def assessment_decide(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    return assessment_change(anonymous, ok) | dict.fromkeys(("sam.worker", "tess.colleague"), 403)


def _referred(p: Personas, note: object) -> str:
    """The personas' child, with an open referral and no assessment yet."""
    referral_for(p.child, p.team_a)
    return str(p.child.pk)


def _assessment(p: Personas, note: object) -> str:
    return str(assessment_for(p.child, p.team_a).pk)


def _submitted(p: Personas, note: object) -> str:
    return str(assessment_for(p.child, p.team_a, status="submitted").pk)


ROUTES.update(
    {
        "assessments:start": [
            Check(
                "GET",
                lambda p, n: f"/people/{_referred(p, n)}/assessments/new/",
                assessment_change(),
            ),
            Check(
                "POST",
                lambda p, n: f"/people/{_referred(p, n)}/assessments/new/",
                assessment_change(ok=400),
            ),
        ],
        "assessments:detail": [
            Check("GET", lambda p, n: f"/assessments/{_assessment(p, n)}/", child_view()),
            Check(
                "POST",
                lambda p, n: f"/assessments/{_assessment(p, n)}/",
                statuses(302, everyone=405),
            ),
        ],
        "assessments:edit": [
            Check(
                "GET", lambda p, n: f"/assessments/{_assessment(p, n)}/edit/", assessment_change()
            ),
            Check(
                "POST",
                lambda p, n: f"/assessments/{_assessment(p, n)}/edit/",
                assessment_change(ok=400),
            ),
        ],
        "assessments:submit": [
            Check(
                "GET", lambda p, n: f"/assessments/{_assessment(p, n)}/submit/", assessment_change()
            ),
            Check(
                "POST",
                lambda p, n: f"/assessments/{_assessment(p, n)}/submit/",
                assessment_change(ok=400),  # reached the service, which lists what is missing
            ),
        ],
        "assessments:review": [
            Check(
                "GET", lambda p, n: f"/assessments/{_submitted(p, n)}/review/", assessment_decide()
            ),
            Check(
                "POST",
                lambda p, n: f"/assessments/{_submitted(p, n)}/review/",
                assessment_decide(ok=400),
            ),
        ],
        "api:list_assessments": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/assessments",
                child_view(401),
                True,
            )
        ],
        "api:start_assessment": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_referred(p, n)}/assessments",
                assessment_change(401, ok=201),
                True,
                {"started_on": "2026-03-02"},
            )
        ],
        "api:get_assessment": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/assessments/{_assessment(p, n)}",
                child_view(401),
                True,
            )
        ],
        "api:change_assessment": [
            Check(
                "PATCH",
                lambda p, n: f"/api/v1/assessments/{_assessment(p, n)}",
                assessment_change(401, ok=409),  # version 99 is never current
                True,
                {"version": 99, "strengths": "Grandmother helps every day."},
            )
        ],
        "api:submit_assessment": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/assessments/{_assessment(p, n)}/submit",
                assessment_change(401, ok=409),
                True,
                {"version": 99},
            )
        ],
        "api:return_assessment": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/assessments/{_submitted(p, n)}/return",
                assessment_decide(401),
                True,
                {"comments": "Say more about the father's role."},
            )
        ],
        "api:authorise_assessment": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/assessments/{_submitted(p, n)}/authorise",
                assessment_decide(401),
                True,
                {
                    "outcome": "cin_plan",
                    "primary_need": "N4",
                    "rationale": "Needs are met by a plan.",
                    "risks_identified": "Neglect if the plan drifts.",
                },
            )
        ],
    }
)


# Plans, visits and supervision directions: whoever sees the child reads them; the allocated
# team's social workers and manager change them; only that team's manager approves a plan.
# Supervision is between a worker and their manager: social workers read their own, managers
# their team's and record it, heads of service read all; everyone else gets 404.
def plan_change(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    result = statuses(anonymous, everyone=ok)
    result.update(dict.fromkeys(("fran.frontdoor", "ian.chair", *READ_ONLY), 403))
    return result | dict.fromkeys(NO_ACCESS_TO_CHILD, 404)


def plan_approve(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    return plan_change(anonymous, ok) | dict.fromkeys(("sam.worker", "tess.colleague"), 403)


SUPERVISION_READERS = ("sam.worker", "tess.colleague", "ola.otherteam", "tara.manager", "hana.head")


def supervision_list(anonymous: int = 302) -> dict[str, int]:
    return statuses(anonymous, everyone=404) | dict.fromkeys(SUPERVISION_READERS, 200)


def supervision_record(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    result = supervision_list(anonymous) | dict.fromkeys(SUPERVISION_READERS, 403)
    return result | {"tara.manager": ok}


def supervision_view(anonymous: int = 302) -> dict[str, int]:
    return statuses(anonymous, everyone=404) | dict.fromkeys(
        ("sam.worker", "tara.manager", "hana.head"), 200
    )


def _plan(p: Personas, note: object) -> str:
    plan = CINPlan.objects.filter(person=p.child).first() or plan_for(p.child, p.team_a, p.worker)
    return f"{p.child.pk}/plans/{plan.pk}"


def _goal(p: Personas, note: object) -> str:
    path = _plan(p, note)
    return f"{path}/goals/{Goal.objects.get(plan__person=p.child).pk}"


def _action(p: Personas, note: object) -> str:
    path = _plan(p, note)
    return f"{path}/actions/{Action.objects.get(goal__plan__person=p.child).pk}"


def _visit(p: Personas, note: object) -> str:
    visit = VisitFactory(person=p.child, visited_by=p.worker)
    return f"{p.child.pk}/visits/{visit.pk}"


def _supervision(p: Personas, note: object) -> Supervision:
    return Supervision.objects.create(
        worker=p.worker,
        supervisor=p.manager,
        held_on="2026-03-02",
        discussion="Talked through Amy's plan.",
        next_due="2026-04-02",
    )


def _direction(p: Personas, note: object) -> str:
    direction = CaseDirection.objects.create(
        supervision=_supervision(p, note),
        person=p.child,
        direction="See Amy alone at school.",
        due_on="2026-03-16",
    )
    return f"{p.child.pk}/directions/{direction.pk}"


VOICE_BODY = {"child_seen": True, "seen_alone": True, "views": "I am happy at Gran's."}

ROUTES.update(
    {
        "plans:person": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/plans/", child_view())
        ],
        "plans:start": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/plans/new/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_person(p, n)}/plans/new/", plan_change(ok=400)),
        ],
        "plans:plan": [
            Check("GET", lambda p, n: f"/people/{_plan(p, n)}/", child_view()),
            Check("POST", lambda p, n: f"/people/{_plan(p, n)}/", statuses(302, everyone=405)),
        ],
        "plans:add_goal": [
            Check("GET", lambda p, n: f"/people/{_plan(p, n)}/goals/new/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_plan(p, n)}/goals/new/", plan_change(ok=400)),
        ],
        "plans:add_action": [
            Check("GET", lambda p, n: f"/people/{_goal(p, n)}/actions/new/", plan_change())
        ],
        "plans:edit_action": [
            Check("GET", lambda p, n: f"/people/{_action(p, n)}/edit/", plan_change())
        ],
        "plans:approve": [
            Check("GET", lambda p, n: f"/people/{_plan(p, n)}/approve/", plan_approve()),
            Check("POST", lambda p, n: f"/people/{_plan(p, n)}/approve/", plan_approve(ok=400)),
        ],
        "plans:add_review": [
            Check("GET", lambda p, n: f"/people/{_plan(p, n)}/reviews/new/", plan_change())
        ],
        "plans:add_visit": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/visits/new/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_person(p, n)}/visits/new/", plan_change(ok=400)),
        ],
        "plans:visit": [Check("GET", lambda p, n: f"/people/{_visit(p, n)}/", child_view())],
        "plans:edit_visit": [
            Check("GET", lambda p, n: f"/people/{_visit(p, n)}/edit/", plan_change())
        ],
        "oversight:supervisions": [Check("GET", lambda p, n: "/supervision/", supervision_list())],
        "oversight:record_supervision": [
            Check("GET", lambda p, n: "/supervision/new/", supervision_record()),
            Check("POST", lambda p, n: "/supervision/new/", supervision_record(ok=400)),
        ],
        "oversight:supervision": [
            Check("GET", lambda p, n: f"/supervision/{_supervision(p, n).pk}/", supervision_view())
        ],
        "oversight:complete_direction": [
            Check("GET", lambda p, n: f"/people/{_direction(p, n)}/done/", plan_change())
        ],
        "api:list_plans": [
            Check(
                "GET", lambda p, n: f"/api/v1/persons/{_person(p, n)}/plans", child_view(401), True
            )
        ],
        "api:start_plan": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/plans",
                plan_change(401, ok=400),  # no open referral: reached the service
                True,
                {"started_on": "2026-03-02"},
            )
        ],
        "api:get_plan": [
            Check("GET", lambda p, n: f"/api/v1/persons/{_plan(p, n)}", child_view(401), True)
        ],
        "api:add_goal": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_plan(p, n)}/goals",
                plan_change(401, ok=201),
                True,
                {"want_to_change": "Amy goes to school every day."},
            )
        ],
        "api:add_action": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_goal(p, n)}/actions",
                plan_change(401, ok=201),
                True,
                {
                    "what": "Walk Amy to school",
                    "owner_name": "Gran",
                    "owner_type": "family_member",
                    "due_on": "2026-04-01",
                },
            )
        ],
        "api:change_action": [
            Check(
                "PATCH",
                lambda p, n: f"/api/v1/persons/{_action(p, n)}",
                plan_change(401, ok=409),  # version 99 is never current: reached the service
                True,
                {"version": 99, "progress": "done"},
            )
        ],
        "api:approve_plan": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_plan(p, n)}/approval",
                plan_approve(401, ok=409),  # version 99 is never current: reached the service
                True,
                {"version": 99, "rationale": "Agreed with the family."},
            )
        ],
        "api:record_plan_review": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_plan(p, n)}/reviews",
                plan_change(401, ok=400),  # the plan is not approved yet: reached the service
                True,
                {
                    "held_on": "2026-03-02",
                    "outcome": "continue",
                    "family_views": "Going well.",
                    "summary": "On track.",
                    **VOICE_BODY,
                },
            )
        ],
        "api:list_visits": [
            Check(
                "GET", lambda p, n: f"/api/v1/persons/{_person(p, n)}/visits", child_view(401), True
            )
        ],
        "api:record_visit": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/visits",
                plan_change(401, ok=201),
                True,
                {"visited_on": "2026-03-02", "observations": "Home warm.", **VOICE_BODY},
            )
        ],
        "api:get_visit": [
            Check("GET", lambda p, n: f"/api/v1/persons/{_visit(p, n)}", child_view(401), True)
        ],
        "api:change_visit": [
            Check(
                "PATCH",
                lambda p, n: f"/api/v1/persons/{_visit(p, n)}",
                plan_change(401, ok=409),  # version 99 is never current: reached the service
                True,
                {"version": 99, "observations": "Changed."},
            )
        ],
        "api:list_supervisions": [
            Check("GET", lambda p, n: "/api/v1/supervisions", supervision_list(401), True)
        ],
        "api:record_supervision": [
            Check(
                "POST",
                lambda p, n: "/api/v1/supervisions",
                supervision_record(401, ok=201),
                True,
                lambda p, n: {
                    "worker_id": p.worker.pk,
                    "held_on": "2026-03-02",
                    "discussion": "Reflected on Amy's plan.",
                    "directions": [
                        {
                            "person_id": str(p.child.pk),
                            "direction": "See Amy alone.",
                            "due_on": "2026-03-16",
                        }
                    ],
                },
            )
        ],
        "api:get_supervision": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/supervisions/{_supervision(p, n).pk}",
                supervision_view(401),
                True,
            )
        ],
        "api:list_person_directions": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/directions",
                child_view(401),
                True,
            )
        ],
        "api:complete_direction": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_direction(p, n)}/done",
                plan_change(401),
                True,
                {},
            )
        ],
    }
)


# The tabs of the case record and meetings: whoever sees the child reads them; the allocated
# team's social workers and manager record and change meetings.
def _meeting(p: Personas, note: object) -> str:
    meeting = Meeting.objects.filter(person=p.child).first() or MeetingFactory(
        person=p.child, created_by=p.worker
    )
    return f"{p.child.pk}/meetings/{meeting.pk}"


def _attendee(p: Personas, note: object) -> str:
    path = _meeting(p, note)
    attendee = Attendee.objects.filter(meeting__person=p.child).first() or AttendeeFactory(
        meeting=Meeting.objects.get(person=p.child)
    )
    return f"{path}/attendees/{attendee.pk}"


MEETING_BODY = {
    "kind": "family",
    "held_on": "2026-03-02",
    "starts_at": "10:00",
    "purpose": "Agree who helps with the school run.",
}

ROUTES.update(
    {
        "people:people": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/people/", child_view())
        ],
        "cases:notes": [Check("GET", lambda p, n: f"/people/{_person(p, n)}/notes/", child_view())],
        "assessments:person": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/assessments/", child_view())
        ],
        "plans:visits": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/visits/", child_view())
        ],
        "meetings:person": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/meetings/", child_view())
        ],
        "meetings:new": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/meetings/new/", plan_change()),
            Check(
                "POST", lambda p, n: f"/people/{_person(p, n)}/meetings/new/", plan_change(ok=400)
            ),
        ],
        "meetings:meeting": [
            Check("GET", lambda p, n: f"/people/{_meeting(p, n)}/", child_view()),
            Check("POST", lambda p, n: f"/people/{_meeting(p, n)}/", statuses(302, everyone=405)),
        ],
        "meetings:edit": [
            Check("GET", lambda p, n: f"/people/{_meeting(p, n)}/edit/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_meeting(p, n)}/edit/", plan_change(ok=400)),
        ],
        "meetings:add_attendee": [
            Check("GET", lambda p, n: f"/people/{_meeting(p, n)}/attendees/new/", plan_change())
        ],
        "meetings:change_attendee": [
            Check("GET", lambda p, n: f"/people/{_attendee(p, n)}/edit/", plan_change())
        ],
        "meetings:add_decision": [
            Check("GET", lambda p, n: f"/people/{_meeting(p, n)}/decisions/new/", plan_change())
        ],
        "meetings:add_action": [
            Check("GET", lambda p, n: f"/people/{_meeting(p, n)}/actions/new/", plan_change())
        ],
        "meetings:finalise": [
            Check("GET", lambda p, n: f"/people/{_meeting(p, n)}/finalise/", plan_change()),
            # Nothing is ready to finalise: the request reached the service.
            Check("POST", lambda p, n: f"/people/{_meeting(p, n)}/finalise/", plan_change(ok=400)),
        ],
        "api:list_meetings": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/meetings",
                child_view(401),
                True,
            )
        ],
        "api:record_meeting": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/meetings",
                plan_change(401, ok=201),
                True,
                MEETING_BODY,
            )
        ],
        "api:get_meeting": [
            Check("GET", lambda p, n: f"/api/v1/persons/{_meeting(p, n)}", child_view(401), True)
        ],
        "api:change_meeting": [
            Check(
                "PATCH",
                lambda p, n: f"/api/v1/persons/{_meeting(p, n)}",
                plan_change(401, ok=409),  # version 99 is never current: reached the service
                True,
                {"version": 99, "minutes": "Changed."},
            )
        ],
        "api:add_attendee": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_meeting(p, n)}/attendees",
                plan_change(401, ok=201),
                True,
                {"name": "Gran", "group": "family"},
            )
        ],
        "api:change_attendee": [
            Check(
                "PATCH",
                lambda p, n: f"/api/v1/persons/{_attendee(p, n)}",
                plan_change(401),
                True,
                {"attended": True},
            )
        ],
        "api:add_decision": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_meeting(p, n)}/decisions",
                plan_change(401, ok=201),
                True,
                {"decision": "Gran does Tuesdays."},
            )
        ],
        "api:add_meeting_action": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_meeting(p, n)}/actions",
                plan_change(401, ok=201),
                True,
                {
                    "what": "Tell school",
                    "owner_name": "Sam",
                    "owner_type": "worker",
                    "due_on": "2026-04-01",
                },
            )
        ],
        "api:get_summary": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/summary",
                child_view(401),
                True,
            )
        ],
        "api:list_episodes": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/episodes",
                child_view(401),
                True,
            )
        ],
        "api:list_allocations": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/allocations",
                child_view(401),
                True,
            )
        ],
        "api:allocate_worker": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/allocation",
                plan_approve(401, ok=201),
                True,
                lambda p, n: {"worker_id": p.colleague.pk, "rationale": "Tess has capacity."},
            )
        ],
        "api:close_episode": [
            Check(
                "POST",
                lambda p, n: (
                    f"/api/v1/persons/{_person(p, n)}/episodes/"
                    f"{referral_for(p.child, p.team_a).pk}/closure"
                ),
                plan_approve(401),
                True,
                {"closed_on": "2026-03-10", "reason": "RC8", "rationale": "No further action."},
            )
        ],
        "api:get_chronology": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/chronology",
                child_view(401),
                True,
            )
        ],
        "api:add_event": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/chronology",
                child_change(401, ok=201),
                True,
                {"occurred_on": "2026-03-02", "title": "Moved school", "analysis": "Settled."},
            )
        ],
        "api:list_documents": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/documents",
                child_view(401),
                True,
            )
        ],
        "api:finalise_meeting": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_meeting(p, n)}/finalise",
                plan_change(401, ok=409),  # version 99 is never current: reached the service
                True,
                {"version": 99},
            )
        ],
    }
)


# Workforce: team managers see their own team's caseloads, heads of service every team;
# applicants, enquirers and trainees are seen only by recruitment staff (recruitment officers
# and administrators); heads of service also read the recruitment dashboard. The careers pages
# are public. The recruitment officer is not in EVERYONE: these rows name them.
WORKFORCE_STAFF = ("tara.manager", "hana.head")
RECRUITMENT_STAFF = ("rita.recruiter", "adam.admin")


def workforce_view(anonymous: int = 302) -> dict[str, int]:
    return (
        statuses(anonymous, everyone=404)
        | dict.fromkeys(WORKFORCE_STAFF, 200)
        | {"rita.recruiter": 404}
    )


def _team_a(p: Personas, note: object) -> str:
    return str(p.team_a.pk)


def _vacancy(p: Personas, note: object) -> str:
    vacancy = Vacancy.objects.filter(title="Route test vacancy").first()
    return str((vacancy or VacancyFactory(title="Route test vacancy")).pk)


def _careers_page(p: Personas, note: object) -> str:
    CareersPage.objects.get_or_create(
        slug="why-work-here",
        defaults={"title": "Why work here", "body": "Good supervision.", "published": True},
    )
    return "why-work-here"


def _story(p: Personas, note: object) -> str:
    story, _ = Story.objects.get_or_create(
        title="Route test story",
        defaults={
            "told_by": "Aisha",
            "teller": Story.Teller.SOCIAL_WORKER,
            "body": "Why I stayed.",
            "consent_given_on": datetime.date(2026, 1, 5),
            "approved_at": datetime.datetime(2026, 1, 6, tzinfo=datetime.UTC),
        },
    )
    return str(story.pk)


def _event(p: Personas, note: object) -> str:
    start = datetime.datetime(2099, 11, 3, 18, 0, tzinfo=datetime.UTC)
    event, _ = Event.objects.get_or_create(
        title="Route test event",
        defaults={
            "description": "Meet the teams.",
            "format": Event.Format.ONLINE,
            "location": "Online",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=1),
            "capacity": 50,
            "published": True,
        },
    )
    return str(event.pk)


def _booking(p: Personas, note: object) -> str:
    event = Event.objects.get(pk=_event(p, note))
    booking, _ = Booking.objects.get_or_create(
        event=event, email="route@example.org", defaults={"name": "Route"}
    )
    return str(booking.reference)


def _application(p: Personas, note: object) -> str:
    vacancy = Vacancy.objects.get(pk=_vacancy(p, note))
    application, _ = Application.objects.get_or_create(
        vacancy=vacancy,
        email="route@example.org",
        defaults={
            "name": "Route Applicant",
            "statement": "I would like the job.",
            "cv": "applications/route.pdf",
            "consent_given_at": datetime.datetime(2026, 1, 6, tzinfo=datetime.UTC),
        },
    )
    return str(application.pk)


def recruitment_only(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    return (
        statuses(anonymous, everyone=404)
        | {"rita.recruiter": 404}
        | dict.fromkeys(RECRUITMENT_STAFF, ok)
    )


def _question(p: Personas, note: object) -> str:
    question = Question.objects.filter(text="Route test question").first()
    return str((question or Question.objects.create(text="Route test question")).pk)


def _cohort(p: Personas, note: object) -> str:
    cohort, _ = AcademyCohort.objects.get_or_create(
        name="Route test cohort",
        defaults={"starts_on": datetime.date(2026, 1, 5), "ends_on": datetime.date(2026, 4, 30)},
    )
    return str(cohort.pk)


def _trainee(p: Personas, note: object) -> str:
    cohort = AcademyCohort.objects.get(pk=_cohort(p, note))
    trainee, _ = Trainee.objects.get_or_create(
        cohort=cohort, email="trainee@example.org", defaults={"name": "Route Trainee"}
    )
    return f"{cohort.pk}/trainees/{trainee.pk}"


def _session(p: Personas, note: object) -> str:
    cohort = AcademyCohort.objects.get(pk=_cohort(p, note))
    session, _ = TrainingSession.objects.get_or_create(
        cohort=cohort, title="Route test session", defaults={"held_on": datetime.date(2026, 2, 2)}
    )
    return f"{cohort.pk}/sessions/{session.pk}"


def _champion(p: Personas, note: object) -> str:
    champion, _ = Champion.objects.get_or_create(name="Route Champion", job_title="Social worker")
    return str(champion.pk)


def _careers_page_id(p: Personas, note: object) -> str:
    return str(CareersPage.objects.get(slug=_careers_page(p, note)).pk)


RV = "/workforce/recruitment/vacancies"
RP = "/workforce/recruitment/pages"
RQ = "/workforce/recruitment/questions"
RS = "/workforce/recruitment/stories"
RE = "/workforce/recruitment/events"
RA = "/workforce/recruitment/academy"


ROUTES.update(
    {
        "workforce:overview": [Check("GET", lambda p, n: "/workforce/", workforce_view())],
        "workforce:team": [
            Check("GET", lambda p, n: f"/workforce/teams/{_team_a(p, n)}/", workforce_view())
        ],
        "workforce:applications": [
            Check(
                "GET",
                lambda p, n: "/workforce/applications/",
                recruitment_only(),
            )
        ],
        "workforce:dashboard": [
            Check(
                "GET", lambda p, n: "/workforce/dashboard/", recruitment_only() | {"hana.head": 200}
            )
        ],
        "workforce:board": [
            Check("GET", lambda p, n: "/workforce/recruitment/", recruitment_only())
        ],
        "workforce:application": [
            Check(
                "GET",
                lambda p, n: f"/workforce/applications/{_application(p, n)}/",
                recruitment_only(),
            ),
            Check(
                "POST",
                lambda p, n: f"/workforce/applications/{_application(p, n)}/",
                recruitment_only(ok=400),  # an empty form: refused as invalid, nothing moved
            ),
        ],
        "workforce:careers": [Check("GET", lambda p, n: "/careers/", statuses(200))],
        "workforce:vacancies": [Check("GET", lambda p, n: "/careers/vacancies/", statuses(200))],
        "workforce:vacancy": [
            Check("GET", lambda p, n: f"/careers/vacancies/{_vacancy(p, n)}/", statuses(200))
        ],
        "workforce:apply": [
            Check("GET", lambda p, n: f"/careers/vacancies/{_vacancy(p, n)}/apply/", statuses(200)),
            Check(
                "POST",
                lambda p, n: f"/careers/vacancies/{_vacancy(p, n)}/apply/",
                statuses(400, everyone=400),  # an empty form: refused as invalid, nothing saved
            ),
        ],
        "workforce:applied": [
            Check(
                "GET", lambda p, n: f"/careers/vacancies/{_vacancy(p, n)}/applied/", statuses(200)
            )
        ],
        "workforce:page": [
            Check("GET", lambda p, n: f"/careers/pages/{_careers_page(p, n)}/", statuses(200))
        ],
        "workforce:stories": [Check("GET", lambda p, n: "/careers/stories/", statuses(200))],
        "workforce:story": [
            Check("GET", lambda p, n: f"/careers/stories/{_story(p, n)}/", statuses(200))
        ],
        "workforce:questions": [
            Check("GET", lambda p, n: "/careers/questions/", statuses(200)),
            Check("POST", lambda p, n: "/careers/questions/", statuses(400, everyone=400)),
        ],
        "workforce:question_sent": [
            Check("GET", lambda p, n: "/careers/questions/sent/", statuses(200))
        ],
        "workforce:events": [Check("GET", lambda p, n: "/careers/events/", statuses(200))],
        "workforce:event": [
            Check("GET", lambda p, n: f"/careers/events/{_event(p, n)}/", statuses(200)),
            Check(
                "POST",
                lambda p, n: f"/careers/events/{_event(p, n)}/",
                statuses(400, everyone=400),
            ),
        ],
        "workforce:event_ics": [
            Check("GET", lambda p, n: f"/careers/events/{_event(p, n)}/calendar.ics", statuses(200))
        ],
        "workforce:booked": [
            Check("GET", lambda p, n: f"/careers/bookings/{_booking(p, n)}/", statuses(200))
        ],
        "workforce:cancel_booking": [
            Check("GET", lambda p, n: f"/careers/bookings/{_booking(p, n)}/cancel/", statuses(200))
        ],
        "workforce:regional_feed": [
            Check("GET", lambda p, n: "/careers/region/feed.json", statuses(200))
        ],
        "workforce:staff_questions": [Check("GET", lambda p, n: f"{RQ}/", recruitment_only())],
        "workforce:staff_question": [
            Check("GET", lambda p, n: f"{RQ}/{_question(p, n)}/", recruitment_only())
        ],
        "workforce:assign_question": [
            # No champion chosen: refused as invalid, nothing assigned.
            Check("POST", lambda p, n: f"{RQ}/{_question(p, n)}/assign/", recruitment_only(ok=400))
        ],
        "workforce:reject_question": [
            Check("POST", lambda p, n: f"{RQ}/{_question(p, n)}/reject/", recruitment_only(ok=302))
        ],
        "workforce:answer_question": [
            Check("GET", lambda p, n: f"{RQ}/{_question(p, n)}/answer/", recruitment_only()),
            Check("POST", lambda p, n: f"{RQ}/{_question(p, n)}/answer/", recruitment_only(ok=400)),
        ],
        "workforce:publish_question": [
            # Not answered yet: refused by the service.
            Check("POST", lambda p, n: f"{RQ}/{_question(p, n)}/publish/", recruitment_only(ok=400))
        ],
        "workforce:unpublish_question": [
            Check(
                "POST", lambda p, n: f"{RQ}/{_question(p, n)}/unpublish/", recruitment_only(ok=400)
            )
        ],
        "workforce:staff_stories": [Check("GET", lambda p, n: f"{RS}/", recruitment_only())],
        "workforce:new_story": [
            Check("GET", lambda p, n: f"{RS}/new/", recruitment_only()),
            Check("POST", lambda p, n: f"{RS}/new/", recruitment_only(ok=400)),
        ],
        "workforce:staff_story": [
            Check("GET", lambda p, n: f"{RS}/{_story(p, n)}/", recruitment_only())
        ],
        "workforce:edit_story": [
            Check("GET", lambda p, n: f"{RS}/{_story(p, n)}/edit/", recruitment_only()),
            Check("POST", lambda p, n: f"{RS}/{_story(p, n)}/edit/", recruitment_only(ok=400)),
        ],
        "workforce:approve_story": [
            # Already published: refused by the service.
            Check("POST", lambda p, n: f"{RS}/{_story(p, n)}/approve/", recruitment_only(ok=400))
        ],
        "workforce:withdraw_story": [
            Check("POST", lambda p, n: f"{RS}/{_story(p, n)}/withdraw/", recruitment_only(ok=302))
        ],
        "workforce:staff_events": [Check("GET", lambda p, n: f"{RE}/", recruitment_only())],
        "workforce:new_event": [
            Check("GET", lambda p, n: f"{RE}/new/", recruitment_only()),
            Check("POST", lambda p, n: f"{RE}/new/", recruitment_only(ok=400)),
        ],
        "workforce:staff_event": [
            Check("GET", lambda p, n: f"{RE}/{_event(p, n)}/", recruitment_only())
        ],
        "workforce:record_attendance": [
            # The event has not started: refused by the service.
            Check("POST", lambda p, n: f"{RE}/{_event(p, n)}/attendance/", recruitment_only(ok=400))
        ],
        "workforce:cancel_event": [
            Check("POST", lambda p, n: f"{RE}/{_event(p, n)}/cancel/", recruitment_only(ok=400))
        ],
        "workforce:publish_event": [
            Check("POST", lambda p, n: f"{RE}/{_event(p, n)}/publish/", recruitment_only(ok=400))
        ],
        "workforce:cohorts": [Check("GET", lambda p, n: f"{RA}/", recruitment_only())],
        "workforce:new_cohort": [
            Check("GET", lambda p, n: f"{RA}/new/", recruitment_only()),
            Check("POST", lambda p, n: f"{RA}/new/", recruitment_only(ok=400)),
        ],
        "workforce:cohort": [
            Check("GET", lambda p, n: f"{RA}/{_cohort(p, n)}/", recruitment_only())
        ],
        "workforce:add_trainee": [
            Check("GET", lambda p, n: f"{RA}/{_cohort(p, n)}/trainees/new/", recruitment_only()),
            Check(
                "POST",
                lambda p, n: f"{RA}/{_cohort(p, n)}/trainees/new/",
                recruitment_only(ok=400),
            ),
        ],
        "workforce:change_trainee": [
            Check("GET", lambda p, n: f"{RA}/{_trainee(p, n)}/", recruitment_only()),
            # Nothing chosen is a valid answer: no mentor, not completed.
            Check("POST", lambda p, n: f"{RA}/{_trainee(p, n)}/", recruitment_only(ok=302)),
        ],
        "workforce:add_session": [
            Check("GET", lambda p, n: f"{RA}/{_cohort(p, n)}/sessions/new/", recruitment_only()),
            Check(
                "POST",
                lambda p, n: f"{RA}/{_cohort(p, n)}/sessions/new/",
                recruitment_only(ok=400),
            ),
        ],
        "workforce:session_attendance": [
            Check("GET", lambda p, n: f"{RA}/{_session(p, n)}/", recruitment_only()),
            Check("POST", lambda p, n: f"{RA}/{_session(p, n)}/", recruitment_only(ok=302)),
        ],
        "workforce:region": [
            Check("GET", lambda p, n: "/workforce/recruitment/region/", recruitment_only())
        ],
        "workforce:staff_vacancies": [Check("GET", lambda p, n: f"{RV}/", recruitment_only())],
        "workforce:new_vacancy": [
            Check("GET", lambda p, n: f"{RV}/new/", recruitment_only()),
            Check("POST", lambda p, n: f"{RV}/new/", recruitment_only(ok=400)),
        ],
        "workforce:edit_vacancy": [
            Check("GET", lambda p, n: f"{RV}/{_vacancy(p, n)}/", recruitment_only()),
            Check("POST", lambda p, n: f"{RV}/{_vacancy(p, n)}/", recruitment_only(ok=400)),
        ],
        "workforce:champions": [
            Check("GET", lambda p, n: "/workforce/recruitment/champions/", recruitment_only()),
            Check(
                "POST", lambda p, n: "/workforce/recruitment/champions/", recruitment_only(ok=400)
            ),
        ],
        "workforce:champion_active": [
            # No answer given means "stop": the champion is taken off the list.
            Check(
                "POST",
                lambda p, n: f"/workforce/recruitment/champions/{_champion(p, n)}/active/",
                recruitment_only(ok=302),
            )
        ],
        "workforce:careers_pages": [Check("GET", lambda p, n: f"{RP}/", recruitment_only())],
        "workforce:new_page": [
            Check("GET", lambda p, n: f"{RP}/new/", recruitment_only()),
            Check("POST", lambda p, n: f"{RP}/new/", recruitment_only(ok=400)),
        ],
        "workforce:edit_page": [
            Check("GET", lambda p, n: f"{RP}/{_careers_page_id(p, n)}/", recruitment_only()),
            Check("POST", lambda p, n: f"{RP}/{_careers_page_id(p, n)}/", recruitment_only(ok=400)),
        ],
        "workforce:application_cv": [
            # The route test's application has no file on disk: the lookup was reached.
            Check(
                "GET",
                lambda p, n: f"/workforce/applications/{_application(p, n)}/cv/",
                recruitment_only(ok=404),
            )
        ],
        "workforce:start_starter": [
            Check(
                "GET",
                lambda p, n: f"/workforce/applications/{_application(p, n)}/start/",
                recruitment_only(),
            ),
            Check(
                "POST",
                lambda p, n: f"/workforce/applications/{_application(p, n)}/start/",
                recruitment_only(ok=400),
            ),
        ],
        "api:list_team_caseloads": [
            Check("GET", lambda p, n: "/api/v1/workforce/teams", workforce_view(401), True)
        ],
        "api:get_team_caseload": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/workforce/teams/{_team_a(p, n)}",
                workforce_view(401),
                True,
            )
        ],
    }
)


# The family portal. Staff side: whoever sees the child sees what was shared; whoever may change
# the record shares, withdraws and invites; only a team manager approves. Family side (/family/):
# staff and anonymous visitors have no portal session, so the portal's pages send them to the
# portal's own sign-in; a staff session never opens them. Family personas are tested against
# every route in casework/portal/tests/test_portal_access_matrix.py.
def _share(p: Personas, note: object) -> str:
    """A share of a plan with the child's mother, waiting for a manager's approval."""
    from casework.portal.models import Share
    from casework.portal.tests.factories import account, bare_version, relative, share

    found = Share.objects.filter(child=p.child).first()
    if found is None:
        mother = account(relative(p.child), p.child, p.worker)
        found = share(bare_version(p.child, p.worker), mother, p.worker, "awaiting")
    return f"{p.child.pk}/sharing/{found.pk}"


def _meeting_to_show(p: Personas, note: object) -> str:
    """A meeting about the personas' child next week, which may be shown to the family."""
    from django.utils import timezone

    from casework.portal.tests.factories import upcoming_meeting

    meeting = Meeting.objects.filter(
        person=p.child, status=Meeting.Status.DRAFT, held_on__gt=timezone.localdate()
    ).first() or upcoming_meeting(p.child, p.worker)
    return f"{p.child.pk}/sharing/meetings/{meeting.pk}"


# Which documents need a manager's approval: every member of staff who works with children's
# records reads the rules, only a team manager changes them; recruitment staff get 404.
def approval_rules(anonymous: int = 302, **groups: int) -> dict[str, int]:
    return statuses(anonymous, **groups) | {"rita.recruiter": 404}


PORTAL_SIGN_IN = statuses(302, everyone=302)
SHARE_BODY = {
    "document_id": str(uuid.UUID(int=1)),
    "version": 1,
    "family_member_id": str(uuid.UUID(int=1)),
    "third_party_removed": True,
}

ROUTES.update(
    {
        "portal:person_sharing": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/sharing/", child_view())
        ],
        "portal:invite": [
            Check(
                "GET", lambda p, n: f"/people/{_person(p, n)}/sharing/accounts/new/", child_change()
            ),
            Check(
                "POST",
                lambda p, n: f"/people/{_person(p, n)}/sharing/accounts/new/",
                child_change(ok=400),
            ),
        ],
        "portal:remove_account": [
            Check(
                "POST",
                lambda p, n: f"/people/{_person(p, n)}/sharing/accounts/{uuid.UUID(int=1)}/remove/",
                child_change(ok=404),
            )
        ],
        "portal:share_version": [
            Check(
                "GET",
                lambda p, n: (
                    f"/people/{_person(p, n)}/documents/{uuid.UUID(int=1)}/versions/1/share/"
                ),
                child_change(ok=404),
            )
        ],
        "portal:approve_share": [
            Check(
                "GET",
                lambda p, n: f"/people/{_share(p, n)}/approve/",
                child_change() | dict.fromkeys(SEE_CHILD, 403) | {"tara.manager": 200},
            ),
            Check(
                "POST",
                lambda p, n: f"/people/{_share(p, n)}/approve/",
                child_change() | dict.fromkeys(SEE_CHILD, 403) | {"tara.manager": 400},
            ),
        ],
        "portal:withdraw_share": [
            Check("POST", lambda p, n: f"/people/{_share(p, n)}/withdraw/", child_change(ok=302)),
            Check(
                "GET", lambda p, n: f"/people/{_share(p, n)}/withdraw/", statuses(302, everyone=405)
            ),
        ],
        "portal:redact": [
            Check(
                "GET",
                lambda p, n: (
                    f"/people/{_person(p, n)}/documents/{uuid.UUID(int=1)}/versions/1/redact/"
                ),
                child_change(ok=404),  # no such prepared version: reached the lookup
            )
        ],
        "portal:prepare_list": [
            Check("GET", lambda p, n: f"/people/{_person(p, n)}/sharing/prepare/", child_change())
        ],
        "portal:prepare": [
            Check(
                "POST",
                lambda p, n: f"/people/{_person(p, n)}/sharing/prepare/plan/{uuid.UUID(int=1)}/",
                child_change(ok=404),
            ),
            Check(
                "GET",
                lambda p, n: f"/people/{_person(p, n)}/sharing/prepare/plan/{uuid.UUID(int=1)}/",
                statuses(302, everyone=405),
            ),
        ],
        "portal:show_date": [
            Check(
                "GET", lambda p, n: f"/people/{_person(p, n)}/sharing/dates/new/", child_change()
            ),
            Check(
                "POST",
                lambda p, n: f"/people/{_person(p, n)}/sharing/dates/new/",
                child_change(ok=400),
            ),
        ],
        "portal:stop_date": [
            Check(
                "POST",
                lambda p, n: f"/people/{_person(p, n)}/sharing/dates/{uuid.UUID(int=1)}/stop/",
                child_change(ok=404),
            )
        ],
        "portal:show_meeting": [
            Check("GET", lambda p, n: f"/people/{_meeting_to_show(p, n)}/show/", child_change()),
            Check(
                "POST",
                lambda p, n: f"/people/{_meeting_to_show(p, n)}/show/",
                child_change(ok=400),  # nobody chosen: reached the form
            ),
        ],
        "portal:approval_rules": [
            Check("GET", lambda p, n: "/sharing-rules/", approval_rules()),
            Check(
                "POST",
                lambda p, n: "/sharing-rules/",
                approval_rules(everyone=403, tara__manager=302),
            ),
        ],
        "portal:tray": [Check("GET", lambda p, n: "/family-tray/", statuses(302))],
        "portal:contribution": [
            Check(
                "GET",
                lambda p, n: f"/people/{_person(p, n)}/from-family/{uuid.UUID(int=1)}/",
                child_view() | dict.fromkeys(SEE_CHILD + READ_ONLY, 404),
            )
        ],
        "portal:contribution_file": [
            Check(
                "GET",
                lambda p, n: f"/people/{_person(p, n)}/from-family/{uuid.UUID(int=1)}/file/",
                child_view() | dict.fromkeys(SEE_CHILD + READ_ONLY, 404),
            )
        ],
        "portal:home": [Check("GET", lambda p, n: "/family/", PORTAL_SIGN_IN)],
        "portal:invitation": [
            Check("GET", lambda p, n: "/family/invitation/guessed/", statuses(404, everyone=404))
        ],
        "portal:sign_in": [
            Check("GET", lambda p, n: "/family/sign-in/", statuses(200)),
            Check("POST", lambda p, n: "/family/sign-in/", statuses(400, everyone=400)),
        ],
        "portal:code": [
            Check("GET", lambda p, n: f"/family/sign-in/{uuid.UUID(int=1)}/", statuses(200))
        ],
        "portal:sign_out": [Check("POST", lambda p, n: "/family/sign-out/", PORTAL_SIGN_IN)],
        "portal:shared": [
            Check("GET", lambda p, n: f"/family/shared/{uuid.UUID(int=1)}/", PORTAL_SIGN_IN)
        ],
        "portal:download": [
            Check(
                "GET", lambda p, n: f"/family/shared/{uuid.UUID(int=1)}/download/", PORTAL_SIGN_IN
            )
        ],
        "portal:add_views": [
            Check("GET", lambda p, n: f"/family/shared/{uuid.UUID(int=1)}/views/", PORTAL_SIGN_IN),
            Check("POST", lambda p, n: f"/family/shared/{uuid.UUID(int=1)}/views/", PORTAL_SIGN_IN),
        ],
        "portal:upload": [
            Check("GET", lambda p, n: "/family/upload/", PORTAL_SIGN_IN),
            Check("POST", lambda p, n: "/family/upload/", PORTAL_SIGN_IN),
        ],
        "portal:mark_done": [
            Check(
                "POST",
                lambda p, n: f"/family/shared/{uuid.UUID(int=1)}/actions/{uuid.UUID(int=2)}/done/",
                PORTAL_SIGN_IN,
            )
        ],
        "portal:date_views": [
            Check(
                "GET", lambda p, n: f"/family/coming-up/{uuid.UUID(int=1)}/views/", PORTAL_SIGN_IN
            ),
            Check(
                "POST", lambda p, n: f"/family/coming-up/{uuid.UUID(int=1)}/views/", PORTAL_SIGN_IN
            ),
        ],
        "api:list_shares": [
            Check(
                "GET", lambda p, n: f"/api/v1/persons/{_person(p, n)}/shares", child_view(401), True
            )
        ],
        "api:create_share": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/shares",
                child_change(401, ok=404),  # no such version: reached the lookup
                True,
                SHARE_BODY,
            )
        ],
        "api:list_shareable_records": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_person(p, n)}/shareable-records",
                child_change(401),
                True,
            )
        ],
        "api:prepare_shareable_record": [
            Check(
                "POST",
                lambda p, n: (
                    f"/api/v1/persons/{_person(p, n)}/shareable-records/plan/{uuid.UUID(int=1)}/pdf"
                ),
                child_change(401, ok=404),  # no such plan: reached the lookup
                True,
                {},
            )
        ],
        "api:withdraw_share": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_share(p, n)}/withdraw".replace(
                    "/sharing/", "/shares/"
                ),
                child_change(401),
                True,
                {},
            )
        ],
    }
)


# Child protection: reading follows the child's record; the allocated team records, its manager
# decides (strategy discussions, s47 authorisation), and a reviewing officer chairs conferences.
def cp_chair(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    result = statuses(anonymous, everyone=403) | dict.fromkeys(NO_ACCESS_TO_CHILD, 404)
    return result | {"ian.chair": ok}


def cp_trays(anonymous: int = 302) -> dict[str, int]:
    result = statuses(anonymous) | dict.fromkeys(READ_ONLY, 403)
    return result | dict.fromkeys(("fran.frontdoor", "adam.admin"), 404)


def _cp(p: Personas) -> History:
    return cp_history(p.child, p.team_a, p.worker, p.chair)


def _cp_person(p: Personas, note: object) -> str:
    return f"{p.child.pk}/protection"


def _cp_strategy(p: Personas, note: object) -> str:
    return f"{_cp_person(p, note)}/strategy/{_cp(p).discussion.pk}"


def _cp_s47(p: Personas, note: object) -> str:
    return f"{_cp_person(p, note)}/s47/{_cp(p).section47.pk}"


def _cp_conference(p: Personas, note: object) -> str:
    return f"{_cp_person(p, note)}/conferences/{_cp(p).conference.pk}"


def _cp_plan(p: Personas, note: object) -> str:
    return f"{_cp_person(p, note)}/plans/{_cp(p).plan.pk}"


def _cp_core_group(p: Personas, note: object) -> str:
    plan = _cp(p).plan
    meeting = plan.core_groups.first() or CoreGroupMeeting.objects.create(
        plan=plan, held_on=plan.started_on, attendees="Sam", progress="Some.", recorded_by=p.worker
    )
    return f"{_cp_plan(p, note)}/core-groups/{meeting.pk}"


def _cp_visit(p: Personas, note: object) -> str:
    plan = _cp(p).plan
    visit = plan.visits.first() or CPVisit.objects.create(
        person=p.child,
        plan=plan,
        visited_on=plan.started_on,
        visited_by=p.worker,
        observations="Calm.",
        child_seen=True,
        seen_alone=True,
    )
    return f"{_cp_plan(p, note)}/visits/{visit.pk}"


CP_STRATEGY_BODY = {
    "held_at": "2026-03-02T10:00:00Z",
    # No education participant: refused by the service, so the request got past access.
    "participants": [
        {"agency": "police", "name": "DC Shah"},
        {"agency": "health", "name": "Nurse Okafor"},
        {"agency": "social_care", "name": "Sam Worker"},
    ],
    "information_shared": "Bruising seen at school.",
    "risks_identified": "Physical harm.",
    "decision": "section_47",
    "rationale": "Reasonable cause to suspect significant harm.",
}
CP_VOICE = {"child_seen": True, "seen_alone": True, "views": "I miss Gran.", "participation": "PN1"}

ROUTES.update(
    {
        "protection:trays": [Check("GET", lambda p, n: "/protection/", cp_trays())],
        "protection:person": [
            Check("GET", lambda p, n: f"/people/{_cp_person(p, n)}/", child_view())
        ],
        "protection:new_strategy": [
            Check("GET", lambda p, n: f"/people/{_cp_person(p, n)}/strategy/new/", plan_approve()),
            Check(
                "POST",
                lambda p, n: f"/people/{_cp_person(p, n)}/strategy/new/",
                plan_approve(ok=400),
            ),
        ],
        "protection:strategy": [
            Check("GET", lambda p, n: f"/people/{_cp_strategy(p, n)}/", child_view())
        ],
        "protection:edit_strategy": [
            Check("GET", lambda p, n: f"/people/{_cp_strategy(p, n)}/edit/", plan_approve()),
            Check("POST", lambda p, n: f"/people/{_cp_strategy(p, n)}/edit/", plan_approve(ok=400)),
        ],
        "protection:s47": [Check("GET", lambda p, n: f"/people/{_cp_s47(p, n)}/", child_view())],
        "protection:complete_s47": [
            Check("GET", lambda p, n: f"/people/{_cp_s47(p, n)}/outcome/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_cp_s47(p, n)}/outcome/", plan_change(ok=400)),
        ],
        "protection:authorise_s47": [
            Check("GET", lambda p, n: f"/people/{_cp_s47(p, n)}/authorise/", plan_approve())
        ],
        "protection:new_conference": [
            Check("GET", lambda p, n: f"/people/{_cp_person(p, n)}/conferences/new/", cp_chair()),
            Check(
                "POST",
                lambda p, n: f"/people/{_cp_person(p, n)}/conferences/new/",
                cp_chair(ok=400),
            ),
        ],
        "protection:conference": [
            Check("GET", lambda p, n: f"/people/{_cp_conference(p, n)}/", child_view())
        ],
        "protection:edit_conference": [
            Check("GET", lambda p, n: f"/people/{_cp_conference(p, n)}/edit/", cp_chair()),
            Check("POST", lambda p, n: f"/people/{_cp_conference(p, n)}/edit/", cp_chair(ok=400)),
        ],
        "protection:finalise_conference": [
            Check("GET", lambda p, n: f"/people/{_cp_conference(p, n)}/finalise/", cp_chair())
        ],
        "protection:plan": [Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/", child_view())],
        "protection:edit_plan": [
            Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/edit/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_cp_plan(p, n)}/edit/", plan_change(ok=400)),
        ],
        "protection:record_birth": [
            Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/birth/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_cp_plan(p, n)}/birth/", plan_change(ok=400)),
        ],
        "protection:edit_core_group": [
            Check("GET", lambda p, n: f"/people/{_cp_core_group(p, n)}/edit/", plan_change()),
            Check(
                "POST", lambda p, n: f"/people/{_cp_core_group(p, n)}/edit/", plan_change(ok=400)
            ),
        ],
        "protection:edit_visit": [
            Check("GET", lambda p, n: f"/people/{_cp_visit(p, n)}/edit/", plan_change()),
            Check("POST", lambda p, n: f"/people/{_cp_visit(p, n)}/edit/", plan_change(ok=400)),
        ],
        "protection:add_action": [
            Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/actions/new/", plan_change())
        ],
        "protection:add_core_group": [
            Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/core-groups/new/", plan_change())
        ],
        "protection:add_visit": [
            Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/visits/new/", plan_change()),
            Check(
                "POST", lambda p, n: f"/people/{_cp_plan(p, n)}/visits/new/", plan_change(ok=400)
            ),
        ],
        "protection:end_plan": [
            Check("GET", lambda p, n: f"/people/{_cp_plan(p, n)}/end/", plan_change())
        ],
        "protection:new_fgc": [
            Check(
                "GET",
                lambda p, n: f"/people/{_cp_person(p, n)}/family-group-conferences/new/",
                plan_change(),
            )
        ],
        "protection:new_context": [
            Check("GET", lambda p, n: f"/people/{_cp_person(p, n)}/contexts/new/", plan_change())
        ],
        "api:cp_trays": [
            Check("GET", lambda p, n: "/api/v1/protection/trays", cp_trays(401), True)
        ],
        "api:cp_record": [
            Check("GET", lambda p, n: f"/api/v1/persons/{_cp_person(p, n)}", child_view(401), True)
        ],
        "api:cp_hold_strategy": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_person(p, n)}/strategy-discussions",
                plan_approve(401, ok=400),  # education not invited: reached the service
                True,
                CP_STRATEGY_BODY,
            )
        ],
        "api:cp_get_strategy": [
            Check(
                "GET",
                lambda p, n: f"/api/v1/persons/{_cp_strategy(p, n)}".replace(
                    "/strategy/", "/strategy-discussions/"
                ),
                child_view(401),
                True,
            )
        ],
        "api:cp_edit_strategy": [
            Check(
                "PUT",
                lambda p, n: f"/api/v1/persons/{_cp_strategy(p, n)}".replace(
                    "/strategy/", "/strategy-discussions/"
                ),
                plan_approve(401, ok=400),  # education not invited: reached the service
                True,
                {"version": 1, **{k: v for k, v in CP_STRATEGY_BODY.items() if k != "decision"}},
            )
        ],
        "api:cp_get_s47": [
            Check("GET", lambda p, n: f"/api/v1/persons/{_cp_s47(p, n)}", child_view(401), True)
        ],
        "api:cp_edit_s47": [
            Check(
                "PUT",
                lambda p, n: f"/api/v1/persons/{_cp_s47(p, n)}",
                plan_change(401, ok=400),  # no findings: reached the service
                True,
                {"version": 1, "findings": ""},
            )
        ],
        "api:cp_s47_outcome": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_s47(p, n)}/outcome",
                plan_change(401, ok=400),  # completed before it started: reached the service
                True,
                {
                    "findings": "Bruises explained.",
                    "outcome": "not_substantiated",
                    "completed_on": "2026-03-01",
                },
            )
        ],
        "api:cp_authorise_s47": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_s47(p, n)}/authorisation",
                plan_approve(401, ok=400),  # no outcome yet: reached the service
                True,
                {"rationale": "Agreed."},
            )
        ],
        "api:cp_record_conference": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_person(p, n)}/conferences",
                cp_chair(401, ok=400),  # no enquiry awaiting a conference: reached the service
                True,
                {"kind": "initial", "held_on": "2026-03-16"},
            )
        ],
        "api:cp_get_conference": [
            Check(
                "GET", lambda p, n: f"/api/v1/persons/{_cp_conference(p, n)}", child_view(401), True
            )
        ],
        "api:cp_edit_conference": [
            Check(
                "PUT",
                lambda p, n: f"/api/v1/persons/{_cp_conference(p, n)}",
                cp_chair(401, ok=400),  # already finalised: reached the service
                True,
                {"version": 1, "held_on": "2026-03-16"},
            )
        ],
        "api:cp_finalise_conference": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_conference(p, n)}/finalisation",
                cp_chair(401, ok=400),  # already finalised: reached the service
                True,
                {
                    **CP_VOICE,
                    "parents_views": "Agree.",
                    "decision": "plan",
                    "category": "PHY",
                    "core_group_members": "Sam",
                },
            )
        ],
        "api:cp_get_plan": [
            Check("GET", lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}", child_view(401), True)
        ],
        "api:cp_edit_plan": [
            Check(
                "PUT",
                lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}",
                plan_change(401, ok=400),  # no visits at all: reached the service
                True,
                {"version": 1, "outline": "Safe at home.", "visit_frequency_days": 0},
            )
        ],
        "api:cp_record_birth": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}/birth",
                plan_change(401, ok=400),  # not a pre-birth plan: reached the service
                True,
                {"born_on": "2026-03-20", "person_version": 1},
            )
        ],
        "api:cp_edit_core_group": [
            Check(
                "PUT",
                lambda p, n: f"/api/v1/persons/{_cp_core_group(p, n)}",
                plan_change(401, ok=400),  # before the plan started: reached the service
                True,
                {"version": 1, "held_on": "2026-03-01", "attendees": "Sam", "progress": "Some."},
            )
        ],
        "api:cp_edit_visit": [
            Check(
                "PUT",
                lambda p, n: f"/api/v1/persons/{_cp_visit(p, n)}",
                plan_change(401, ok=400),  # before the plan started: reached the service
                True,
                {"version": 1, "visited_on": "2026-03-01", "observations": "Calm.", **CP_VOICE},
            )
        ],
        "api:cp_add_action": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}/actions",
                plan_change(401, ok=201),
                True,
                {"what": "Dad moves out.", "owner": "Dad"},
            )
        ],
        "api:cp_add_core_group": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}/core-groups",
                plan_change(401, ok=400),  # before the plan started: reached the service
                True,
                {"held_on": "2026-03-01", "attendees": "Sam", "progress": "Some."},
            )
        ],
        "api:cp_add_visit": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}/visits",
                plan_change(401, ok=201),
                True,
                {"visited_on": "2026-03-20", "observations": "Home calm.", **CP_VOICE},
            )
        ],
        "api:cp_end_plan": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_plan(p, n)}/end",
                plan_change(401, ok=400),  # ends before it started: reached the service
                True,
                {"ended_on": "2026-03-01", "end_reason": "Moved away."},
            )
        ],
        "api:cp_record_fgc": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_person(p, n)}/family-group-conferences",
                plan_change(401, ok=201),
                True,
                {"offered_on": "2026-03-02", "accepted": True},
            )
        ],
        "api:cp_link_context": [
            Check(
                "POST",
                lambda p, n: f"/api/v1/persons/{_cp_person(p, n)}/risk-contexts",
                plan_change(401, ok=201),
                True,
                {"kind": "place", "name": "Rec park"},
            )
        ],
    }
)


# Returns: performance analysts and heads of service make and download the census; team
# managers also read the data-quality page (their own team's children); everyone else is 404.
CENSUS_STAFF = ("pat.analyst", "hana.head")


def census_staff(anonymous: int = 302, ok: int = 200) -> dict[str, int]:
    return statuses(anonymous, everyone=404) | dict.fromkeys(CENSUS_STAFF, ok)


def _census_run(p: Personas, note: object) -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from casework.returns.models import CensusRun

    name = "returns/cin/route-test.xml"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(b"<Message><Children/></Message>"))
    run, _ = CensusRun.objects.get_or_create(
        year=2026,
        serial=1,
        defaults={
            "requested_by": p.analyst,
            "status": CensusRun.Status.DONE,
            "sha256": "0" * 64,
            "file": name,
        },
    )
    return str(run.pk)


ROUTES.update(
    {
        "returns:index": [Check("GET", lambda p, n: "/returns/", census_staff())],
        "returns:make": [
            # No year chosen: those who may make the census reach the form, which refuses it.
            Check("POST", lambda p, n: "/returns/cin-census/", census_staff(ok=400))
        ],
        "returns:run": [
            Check("GET", lambda p, n: f"/returns/runs/{_census_run(p, n)}/", census_staff())
        ],
        "returns:download": [
            Check(
                "GET",
                lambda p, n: f"/returns/runs/{_census_run(p, n)}/download/",
                census_staff(),
            )
        ],
        "returns:data_quality": [
            Check(
                "GET",
                lambda p, n: "/returns/data-quality/",
                census_staff() | {"tara.manager": 200},
            )
        ],
    }
)


def _route_names(patterns: Sequence[object], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _route_names(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)


def test_every_route_is_in_the_table() -> None:
    # Django's admin has its own staff-only checks, tested in test_admin_is_for_administrators.
    served = set(_route_names(get_resolver().url_patterns))
    served = {name for name in served if not name.startswith("admin:")}
    missing = sorted(served - set(ROUTES))
    assert not missing, f"Routes with no access test: {missing}. Add them to ROUTES."
    stale = sorted(set(ROUTES) - served)
    assert not stale, f"ROUTES names routes that no longer exist: {stale}"


CASES = [
    (name, index, persona)
    for name, checks in ROUTES.items()
    for index, check in enumerate(checks)
    # Everyone, and any persona a row names beyond them (the recruitment officer).
    for persona in dict.fromkeys(("anonymous", *EVERYONE, *check.expected))
]


@pytest.mark.parametrize(("route", "index", "persona"), CASES)
def test_route_gives_the_expected_status(
    personas: Personas, route: str, index: int, persona: str
) -> None:
    check = ROUTES[route][index]
    note = CaseNoteFactory(person=personas.child, author=personas.worker)
    user = personas.by_name()[persona]
    client = Client()
    headers = {}
    if user is not None:
        if check.api:
            headers["Authorization"] = f"Bearer {account_services.issue_token(user)}"
        else:
            client.force_login(user)
    path = check.path(personas, note)
    body = check.body(personas, note) if callable(check.body) else check.body
    if body is not None:
        response = client.generic(
            check.method,
            path,
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
    else:
        response = client.generic(check.method, path, headers=headers)
    assert response.status_code == check.expected[persona], (
        f"{persona} {check.method} {path}: got {response.status_code}, "
        f"expected {check.expected[persona]}"
    )


def test_admin_is_for_administrators(personas: Personas) -> None:
    for persona, user in personas.by_name().items():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get("/admin/")
        expected = 200 if persona == "adam.admin" else 302
        assert response.status_code == expected, persona
