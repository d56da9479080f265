"""A family sees the goals and actions of a plan shared with them, and marks their own actions
done; the plan changes only when the worker accepts it from the tray."""

import pytest
from django.test import Client

from casework.audit.models import AuditEvent
from casework.common.errors import RuleBroken
from casework.people.models import Sex
from casework.plans.models import Action as PlanAction
from casework.portal import selectors, services
from casework.portal.models import FamilyContribution
from casework.portal.tests.factories import Families, account, portal_client, relative
from casework.testing.personas import Personas


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_mother_reads_the_goals_and_her_own_actions_in_the_shared_plan(
    families: Families,
) -> None:
    page = portal_client(families.mother).get(f"/family/shared/{families.plan_share().pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Goal 1: Amy gets to school on time every day." in text
    assert "What you agreed to do" in text
    mine = families.action("Mum")
    assert f"/actions/{mine.pk}/done/" in text
    # The worker's action is in the plan, but it is not hers to mark.
    assert "Talk with Amy about school, alone." in text
    assert f"/actions/{families.action('Social worker').pk}/done/" not in text


def test_a_plan_not_shared_with_someone_shows_them_nothing(families: Families) -> None:
    families.plan_share()
    for member in (families.father, families.gran, families.young_person, families.other_parent):
        page = portal_client(member).get("/family/").content.decode()
        assert "Goal 1" not in page
        assert "Child in need plan" not in page


def test_marking_an_action_done_waits_for_the_worker(
    personas: Personas, families: Families
) -> None:
    mine = families.action("Mum")
    client = portal_client(families.mother)
    url = f"/family/shared/{families.plan_share().pk}/actions/{mine.pk}/done/"
    assert client.post(url).status_code == 302
    mine.refresh_from_db()
    assert mine.progress == PlanAction.Progress.NOT_STARTED
    item = FamilyContribution.objects.get(kind=FamilyContribution.Kind.ACTION_DONE)
    assert item.plan_action_id == mine.pk
    page = client.get(f"/family/shared/{families.plan_share().pk}/").content.decode()
    assert "You said it is done" in page
    assert url not in page
    # Telling twice is one message to the worker.
    client.post(url)
    assert FamilyContribution.objects.filter(kind="action_done").count() == 1

    worker = signed_in(personas.worker)
    assert b"Says this is done" in worker.get("/family-tray/").content
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    assert b"Adding it to the record marks the action as done" in worker.get(detail).content
    assert worker.post(detail, {"decision": "accept"}).status_code == 302
    mine.refresh_from_db()
    assert mine.progress == PlanAction.Progress.DONE
    assert mine.updated_by == personas.worker
    assert AuditEvent.objects.filter(
        object_id=str(mine.pk), summary__startswith="Action updated: done"
    ).exists()


def test_only_those_who_change_plans_accept_an_action_into_the_plan(
    personas: Personas, families: Families
) -> None:
    item = services.mark_action_done(families.mother, families.plan_share(), families.action("Mum"))
    detail = f"/people/{personas.child.pk}/from-family/{item.pk}/"
    # The front door and reviewing officers see the child but do not change plans.
    for user in (personas.frontdoor, personas.chair, personas.analyst):
        assert signed_in(user).post(detail, {"decision": "accept"}).status_code == 403
    assert signed_in(personas.other_team).post(detail, {"decision": "accept"}).status_code == 404
    item.refresh_from_db()
    assert item.status == FamilyContribution.Status.NEW


def test_an_action_already_done_cannot_be_marked_again(families: Families) -> None:
    mine = families.action("Mum")
    PlanAction.objects.filter(pk=mine.pk).update(progress=PlanAction.Progress.DONE)
    mine.refresh_from_db()
    with pytest.raises(RuleBroken):
        services.mark_action_done(families.mother, families.plan_share(), mine)


@pytest.mark.parametrize(
    ("owner", "theirs"),
    [("Mum", True), ("Jade", True), ("Mum and Dad", True), ("Dad", False), ("Gran", False)],
)
def test_an_action_is_the_mothers_when_its_owner_names_her(
    families: Families, owner: str, theirs: bool
) -> None:
    names = selectors.names_for(families.mother)
    action = PlanAction(owner_name=owner, owner_type=PlanAction.OwnerType.FAMILY_MEMBER)
    assert selectors.is_theirs(action, names) is theirs


def test_an_agency_or_worker_action_is_never_the_familys(families: Families) -> None:
    names = selectors.names_for(families.mother)
    for owner_type in (PlanAction.OwnerType.AGENCY, PlanAction.OwnerType.WORKER):
        assert not selectors.is_theirs(PlanAction(owner_name="Mum", owner_type=owner_type), names)


def test_a_grandmother_is_gran_and_a_young_person_is_themselves(
    personas: Personas, families: Families
) -> None:
    nan = account(
        relative(personas.child, kind="grandparent", given_name="Pat", sex=Sex.FEMALE),
        personas.child,
        personas.worker,
    )
    assert {"gran", "nan", "pat"} <= selectors.names_for(nan)
    assert personas.child.given_name.lower() in selectors.names_for(families.young_person)
