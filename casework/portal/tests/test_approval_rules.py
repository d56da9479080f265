"""A team manager chooses which types of document wait for a manager's approval before a family
sees them; everyone else who shares reads the rules; each change is audited, and a change made
by someone else since the page was opened is shown, not overwritten."""

from django.contrib.admin.sites import site as admin_site
from django.test import Client, RequestFactory

from casework.accounts.models import Role
from casework.audit.models import AuditEvent
from casework.portal import services
from casework.portal.models import Share, SharingRule
from casework.portal.tests.factories import Families, bare_version
from casework.testing.factories import UserFactory
from casework.testing.personas import Personas

URL = "/sharing-rules/"


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def needing_approval() -> set[str]:
    return set(SharingRule.objects.filter(needs_approval=True).values_list("kind", flat=True))


def test_a_team_manager_makes_reports_wait_for_approval(
    personas: Personas, families: Families
) -> None:
    client = signed_in(personas.manager)
    page = client.get(URL)
    assert page.status_code == 200
    assert b'name="kinds"' in page.content
    response = client.post(URL, {"kinds": ["report", "minutes"], "seen": ""})
    assert response.status_code == 302
    assert needing_approval() == {"report", "minutes"}
    event = AuditEvent.objects.get(summary__startswith="Changed which documents need")
    assert event.actor == personas.manager
    assert event.before == {"needs_approval": []}
    assert event.after == {"needs_approval": ["minutes", "report"]}
    report = services.share_version(
        personas.worker,
        bare_version(personas.child, personas.worker, kind="report"),
        family_member=families.father,
        third_party_removed=True,
    )
    assert report.status == Share.Status.AWAITING_APPROVAL
    plan = services.share_version(
        personas.worker,
        bare_version(personas.child, personas.worker, kind="plan"),
        family_member=families.father,
        third_party_removed=True,
    )
    assert plan.status == Share.Status.SHARED


def test_taking_a_type_off_the_list_leaves_shares_already_waiting(
    personas: Personas, families: Families
) -> None:
    services.set_approval_rules(personas.manager, kinds={"report"})
    waiting = services.share_version(
        personas.worker,
        bare_version(personas.child, personas.worker, kind="report"),
        family_member=families.father,
        third_party_removed=True,
    )
    services.set_approval_rules(personas.manager, kinds=set(), seen={"report"})
    waiting.refresh_from_db()
    assert waiting.status == Share.Status.AWAITING_APPROVAL
    assert needing_approval() == set()


def test_everyone_else_who_shares_reads_the_rules_and_cannot_change_them(
    personas: Personas,
) -> None:
    services.set_approval_rules(personas.manager, kinds={"assessment"})
    for user in (personas.worker, personas.frontdoor, personas.chair, personas.head):
        client = signed_in(user)
        page = client.get(URL)
        assert page.status_code == 200
        assert b'name="kinds"' not in page.content
        assert b"Only a team manager can change these rules" in page.content
        assert page.content.count(b"Needs a manager&#x27;s approval") == 1
        assert client.post(URL, {"kinds": []}).status_code == 403
    assert needing_approval() == {"assessment"}


def test_recruitment_staff_do_not_reach_the_rules(personas: Personas) -> None:
    assert signed_in(personas.recruiter).get(URL).status_code == 404


def test_a_change_made_since_the_page_was_opened_is_shown_not_overwritten(
    personas: Personas,
) -> None:
    client = signed_in(personas.manager)
    client.get(URL)
    other_manager = UserFactory(
        first_name="Bola", last_name="Ade", role=Role.TEAM_MANAGER, team=personas.team_b
    )
    services.set_approval_rules(other_manager, kinds={"plan"})
    # Tara opened the page when nothing needed approval, and ticks reports.
    response = client.post(URL, {"kinds": ["report"], "seen": ""})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Someone else changed these rules" in text
    assert "Bola Ade saved a change" in text
    assert needing_approval() == {"plan"}
    # The form now carries the rules as they stand: saving again is a deliberate choice.
    assert 'name="seen" value="plan"' in text
    assert client.post(URL, {"kinds": ["report"], "seen": "plan"}).status_code == 302
    assert needing_approval() == {"report"}


def test_a_type_not_on_the_list_is_refused_naming_the_field(personas: Personas) -> None:
    response = signed_in(personas.manager).post(URL, {"kinds": ["payslip"], "seen": ""})
    assert response.status_code == 400
    assert b'href="#id_kinds_0"' in response.content
    assert not SharingRule.objects.filter(needs_approval=True).exists()


def test_saving_the_rules_unchanged_writes_no_audit_event(personas: Personas) -> None:
    services.set_approval_rules(personas.manager, kinds={"plan"})
    before = AuditEvent.objects.count()
    services.set_approval_rules(personas.manager, kinds={"plan"}, seen={"plan"})
    assert AuditEvent.objects.count() == before


def test_the_rules_are_not_changed_behind_the_audit_trail_in_django_admin(
    personas: Personas,
) -> None:
    request = RequestFactory().get("/admin/")
    request.user = personas.admin
    model_admin = admin_site._registry[SharingRule]
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request)
