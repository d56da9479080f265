"""Every portal route, and every staff route, requested by every family persona: a parent sees
only what was shared with their own account, and nothing of the staff side, by URL, id guessing
or API. Staff personas against the portal routes are in the project-wide route table
(casework/common/tests/test_every_route_has_access_rules.py)."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from casework.cases.models import CaseNote
from casework.common.tests.test_every_route_has_access_rules import ROUTES
from casework.portal import services
from casework.portal import urls as portal_urls
from casework.portal.models import FamilyMember
from casework.portal.tests.factories import Families, portal_client
from casework.testing.factories import CaseNoteFactory
from casework.testing.personas import Personas

FAMILY = (
    "mother",
    "father (never shared with)",
    "gran (share withdrawn)",
    "young person (Amy herself)",
    "parent of another family",
)


def only(status: int, **overrides: int) -> dict[str, int]:
    """`status` for every family persona but the named ones (underscores for spaces)."""
    result = dict.fromkeys(FAMILY, status)
    names = {name.split(" ")[0]: name for name in FAMILY}
    for short, code in overrides.items():
        result[names[short]] = code
    return result


@dataclass
class PortalCheck:
    method: str
    path: Callable[[Families], str]
    expected: dict[str, int]


PORTAL_ROUTES: dict[str, list[PortalCheck]] = {
    "home": [PortalCheck("GET", lambda f: "/family/", only(200))],
    "invitation": [PortalCheck("GET", lambda f: "/family/invitation/guessed/", only(404))],
    "sign_in": [PortalCheck("GET", lambda f: "/family/sign-in/", only(200))],
    "code": [PortalCheck("GET", lambda f: f"/family/sign-in/{uuid.uuid4()}/", only(200))],
    "sign_out": [PortalCheck("POST", lambda f: "/family/sign-out/", only(302))],
    "shared": [
        PortalCheck(
            "GET", lambda f: f"/family/shared/{f.mothers_share.pk}/", only(404, mother=200)
        ),
        PortalCheck("GET", lambda f: f"/family/shared/{f.grans_withdrawn_share.pk}/", only(404)),
        PortalCheck("GET", lambda f: f"/family/shared/{f.other_share.pk}/", only(404, parent=200)),
        PortalCheck("GET", lambda f: f"/family/shared/{uuid.uuid4()}/", only(404)),
    ],
    "download": [
        PortalCheck(
            "GET",
            lambda f: f"/family/shared/{f.mothers_share.pk}/download/",
            only(404, mother=200),
        ),
        PortalCheck(
            "GET", lambda f: f"/family/shared/{f.grans_withdrawn_share.pk}/download/", only(404)
        ),
        PortalCheck(
            "GET",
            lambda f: f"/family/shared/{f.other_share.pk}/download/",
            only(404, parent=200),
        ),
    ],
    "add_views": [
        PortalCheck(
            "GET", lambda f: f"/family/shared/{f.mothers_share.pk}/views/", only(404, mother=200)
        ),
        PortalCheck(
            "POST", lambda f: f"/family/shared/{f.mothers_share.pk}/views/", only(404, mother=400)
        ),
        PortalCheck(
            "POST", lambda f: f"/family/shared/{f.grans_withdrawn_share.pk}/views/", only(404)
        ),
    ],
    "upload": [
        PortalCheck("GET", lambda f: "/family/upload/", only(200)),
        PortalCheck("POST", lambda f: "/family/upload/", only(400)),
    ],
    "mark_done": [
        # The mother's own action, in the plan shared with her.
        PortalCheck(
            "POST",
            lambda f: f"/family/shared/{f.plan_share().pk}/actions/{f.action('Mum').pk}/done/",
            only(404, mother=302),
        ),
        PortalCheck(
            "GET",
            lambda f: f"/family/shared/{f.plan_share().pk}/actions/{f.action('Mum').pk}/done/",
            only(405),
        ),
        # The worker's action in the same plan is not hers to mark.
        PortalCheck(
            "POST",
            lambda f: (
                f"/family/shared/{f.plan_share().pk}/actions/{f.action('Social worker').pk}/done/"
            ),
            only(404),
        ),
        # Her action through someone else's share, or a share id guessed.
        PortalCheck(
            "POST",
            lambda f: f"/family/shared/{f.other_share.pk}/actions/{f.action('Mum').pk}/done/",
            only(404),
        ),
        PortalCheck(
            "POST",
            lambda f: f"/family/shared/{uuid.uuid4()}/actions/{f.action('Mum').pk}/done/",
            only(404),
        ),
    ],
    "date_views": [
        PortalCheck(
            "GET",
            lambda f: f"/family/coming-up/{f.date('review').pk}/views/",
            only(404, mother=200),
        ),
        PortalCheck(
            "POST",
            lambda f: f"/family/coming-up/{f.date('review').pk}/views/",
            only(404, mother=400),
        ),
        PortalCheck("GET", lambda f: f"/family/coming-up/{f.date('stopped').pk}/views/", only(404)),
        PortalCheck("GET", lambda f: f"/family/coming-up/{f.date('visit').pk}/views/", only(404)),
        PortalCheck(
            "GET",
            lambda f: f"/family/coming-up/{f.date('other').pk}/views/",
            only(404, parent=200),
        ),
        PortalCheck("GET", lambda f: f"/family/coming-up/{uuid.uuid4()}/views/", only(404)),
    ],
}
# Meetings a worker showed: only the named family member reaches the views form, and only until
# the minutes are finalised.
PORTAL_ROUTES["date_views"] += [
    PortalCheck(
        "GET",
        lambda f: f"/family/coming-up/{f.meeting_date('mother').pk}/views/",
        only(404, mother=200),
    ),
    PortalCheck(
        "POST",
        lambda f: f"/family/coming-up/{f.meeting_date('mother').pk}/views/",
        only(404, mother=400),
    ),
    PortalCheck(
        "GET",
        lambda f: f"/family/coming-up/{f.meeting_date('gran').pk}/views/",
        only(404, gran=200),
    ),
    PortalCheck(
        "GET", lambda f: f"/family/coming-up/{f.meeting_date('finalised').pk}/views/", only(404)
    ),
    PortalCheck(
        "GET",
        lambda f: f"/family/coming-up/{f.meeting_date('other').pk}/views/",
        only(404, parent=200),
    ),
]
PORTAL_ROUTES["shared"] += [
    PortalCheck("GET", lambda f: f"/family/shared/{f.plan_share().pk}/", only(404, mother=200)),
    PortalCheck(
        "GET", lambda f: f"/family/shared/{f.young_persons_share().pk}/", only(404, young=200)
    ),
]

PORTAL_CASES = [
    (name, index, persona)
    for name, checks in PORTAL_ROUTES.items()
    for index in range(len(checks))
    for persona in FAMILY
]


def test_every_portal_route_is_in_the_family_table() -> None:
    family_routes = {
        str(pattern.name)
        for pattern in portal_urls.urlpatterns
        if str(pattern.pattern).startswith("family/")
    }
    assert family_routes == set(PORTAL_ROUTES)


@pytest.mark.parametrize(("route", "index", "persona"), PORTAL_CASES)
def test_portal_route_gives_the_expected_status(
    families: Families, route: str, index: int, persona: str
) -> None:
    check = PORTAL_ROUTES[route][index]
    client = portal_client(families.by_name()[persona])
    path = check.path(families)
    response = client.generic(check.method, path)
    assert response.status_code == check.expected[persona], (
        f"{persona} {check.method} {path}: got {response.status_code}"
    )


STAFF_CHECKS = [
    (name, index)
    for name, checks in ROUTES.items()
    if not name.startswith("portal:") or name.split(":", 1)[1] not in PORTAL_ROUTES
    for index in range(len(checks))
    if name != "healthz"
]


@pytest.mark.parametrize(("route", "index"), STAFF_CHECKS)
def test_a_family_member_gets_404_from_every_staff_page_and_api(
    personas: Personas, families: Families, route: str, index: int
) -> None:
    check = ROUTES[route][index]
    note: CaseNote = CaseNoteFactory(person=personas.child, author=personas.worker)
    path = check.path(personas, note)
    for persona, member in families.by_name().items():
        response = portal_client(member, raw=f"{persona}-{route}-{index}").generic(
            check.method, path, content_type="application/json"
        )
        assert response.status_code == 404, f"{persona} {check.method} {path}"
        assert personas.child.family_name.encode() not in response.content


def test_a_father_never_shared_with_sees_nothing(families: Families) -> None:
    response = portal_client(families.father).get("/family/")
    assert response.status_code == 200
    assert b"Nothing has been shared with you yet" in response.content
    assert b"plan" not in response.content


def test_the_mother_sees_only_her_own_share(families: Families) -> None:
    response = portal_client(families.mother).get("/family/")
    assert str(families.mothers_share.pk).encode() in response.content
    assert str(families.grans_withdrawn_share.pk).encode() not in response.content
    assert str(families.other_share.pk).encode() not in response.content
    assert b"Leo" not in response.content


def test_each_family_member_sees_only_the_meetings_shown_to_them(families: Families) -> None:
    mothers = families.meeting_date("mother")
    grans = families.meeting_date("gran")
    others = families.meeting_date("other")
    pages = {
        name: portal_client(member).get("/family/").content.decode()
        for name, member in families.by_name().items()
    }
    assert f"/family/coming-up/{mothers.pk}/" in pages["mother"]
    assert f"/family/coming-up/{grans.pk}/" not in pages["mother"]
    assert f"/family/coming-up/{grans.pk}/" in pages["gran (share withdrawn)"]
    assert f"/family/coming-up/{others.pk}/" in pages["parent of another family"]
    for name in ("father (never shared with)", "young person (Amy herself)"):
        assert "Child in need meeting" not in pages[name]
    assert f"/family/coming-up/{families.meeting_date('finalised').pk}/" not in pages["mother"]


def test_a_withdrawn_share_disappears_from_the_portal_at_once(
    personas: Personas, families: Families
) -> None:
    client = portal_client(families.mother)
    url = f"/family/shared/{families.mothers_share.pk}/"
    assert client.get(url).status_code == 200
    services.withdraw_share(personas.worker, families.mothers_share)
    assert client.get(url).status_code == 404
    assert client.get(url + "download/").status_code == 404
    assert str(families.mothers_share.pk).encode() not in client.get("/family/").content


def test_removing_an_account_ends_access_at_once(personas: Personas, families: Families) -> None:
    client = portal_client(families.mother)
    assert client.get("/family/").status_code == 200
    services.remove_account(personas.worker, families.mother)
    response = client.get(f"/family/shared/{families.mothers_share.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/family/sign-in/"
    assert FamilyMember.objects.get(pk=families.mother.pk).status == FamilyMember.Status.REMOVED


def test_a_staff_session_does_not_open_the_portal(personas: Personas, families: Families) -> None:
    client = Client()
    client.force_login(personas.worker)
    response = client.get(f"/family/shared/{families.mothers_share.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/family/sign-in/"
