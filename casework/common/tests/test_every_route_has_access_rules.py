"""Every URL the project serves, requested by every persona, gives the status we expect.

The table below is the access contract. A new route without a row fails
`test_every_route_is_in_the_table`, so nobody can add a page or endpoint without deciding who may
reach it. No access is 404 (a record's existence is not leaked); read-only access to a write is
403; anonymous pages redirect to sign-in; the anonymous API gets 401.
"""

import json
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from casework.accounts import services as account_services
from casework.frontdoor.models import Contact
from casework.frontdoor.tests.factories import contact_about
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas

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
    for index in range(len(checks))
    for persona in ("anonymous", *EVERYONE)
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
