"""Census-shaped records with whatever dates a test needs, written directly (as the other apps'
factories are). Tests of what the services allow go through the services instead."""

import datetime
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from casework.accounts.models import Role, Team, User
from casework.assessments.models import Assessment
from casework.cases.models import Episode, ReferralSource
from casework.oversight.models import ManagementDecision
from casework.people.models import Person
from casework.plans.models import CINPlan
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    FamilyGroupConference,
    PreProceedings,
    Section47,
    StrategyDiscussion,
)
from casework.returns.cin.records import Child
from casework.testing.factories import PersonFactory, TeamFactory, UserFactory

D = datetime.date


def _staff() -> User:
    user: User = UserFactory(username="census.builder", role=Role.TEAM_MANAGER)
    return user


def _team() -> Team:
    team: Team = TeamFactory(name="Census Team")
    return team


def child(**fields: object) -> Person:
    defaults: dict[str, object] = {"date_of_birth": D(2015, 1, 1), "upn": ""}
    person: Person = PersonFactory(**(defaults | fields))
    return person


def _decision(person: Person, subject: models.Model, code: str) -> ManagementDecision:
    return ManagementDecision.objects.create(
        person=person,
        content_type=ContentType.objects.get_for_model(type(subject)),
        object_id=str(subject.pk),
        decided_by=_staff(),
        decided_at=timezone.now(),
        decision=code,
        decision_label=code,
        rationale="Agreed.",
    )


def referral(
    person: Person,
    referred: datetime.date,
    *,
    closed: datetime.date | None = None,
    reason: str = "RC7",
    need: str = "N4",
    team: Team | None = None,
) -> Episode:
    return Episode.objects.create(
        person=person,
        referral_date=referred,
        referral_source=ReferralSource.SCHOOL,
        team=team or _team(),
        status=Episode.Status.CLOSED if closed else Episode.Status.OPEN,
        primary_need=need,
        assessment_due=referred + datetime.timedelta(days=63),
        assessment_target=referred + datetime.timedelta(days=62),
        closed_on=closed,
        closure_reason=reason if closed else "",
        created_by=_staff(),
    )


def assessment(
    episode: Episode,
    started: datetime.date,
    *,
    authorised: datetime.date | None = None,
    factors: Sequence[str] = ("3B",),
) -> Assessment:
    staff = _staff()
    row = Assessment(
        person=episode.person,
        episode=episode,
        started_on=started,
        factors=list(factors),
        due_on=episode.assessment_due,
        target_on=episode.assessment_target,
        created_by=staff,
        updated_by=staff,
    )
    if authorised is not None:
        row.status = Assessment.Status.AUTHORISED
        row.authorised_at = datetime.datetime.combine(
            authorised, datetime.time(12), tzinfo=datetime.UTC
        )
        row.authorised_by = staff
        row.authorisation = _decision(episode.person, row, "authorised")
    row.save()
    return row


def cin_plan(
    episode: Episode, started: datetime.date, *, ended: datetime.date | None = None
) -> CINPlan:
    staff = _staff()
    plan = CINPlan(
        person=episode.person,
        episode=episode,
        status=CINPlan.Status.ENDED if ended else CINPlan.Status.ACTIVE,
        started_on=started,
        ended_on=ended,
        created_by=staff,
        updated_by=staff,
    )
    plan.approval = _decision(episode.person, plan, "cin-plan-approved")
    plan.save()
    return plan


def enquiry(
    episode: Episode,
    started: datetime.date,
    *,
    icpc: datetime.date | None = None,
    outcome: str = Section47.Outcome.AT_RISK,
    completed: datetime.date | None = None,
) -> Section47:
    staff = _staff()
    discussion = StrategyDiscussion.objects.create(
        person=episode.person,
        episode=episode,
        held_at=datetime.datetime.combine(started, datetime.time(10), tzinfo=datetime.UTC),
        information_shared="Shared.",
        risks_identified="Harm.",
        decision=StrategyDiscussion.Decision.SECTION_47,
        recorded_by=staff,
    )
    return Section47.objects.create(
        person=episode.person,
        episode=episode,
        strategy_discussion=discussion,
        started_on=started,
        icpc_due=started + datetime.timedelta(days=21),
        icpc_target=started + datetime.timedelta(days=20),
        awaiting_icpc=icpc is None and outcome == Section47.Outcome.AT_RISK,
        icpc_held_on=icpc,
        outcome=outcome,
        completed_on=completed,
        status=Section47.Status.COMPLETED if completed else Section47.Status.OPEN,
        updated_by=staff,
    )


def conference(
    person: Person,
    held: datetime.date,
    *,
    kind: str = Conference.Kind.INITIAL,
    section47: Section47 | None = None,
    plan: ChildProtectionPlan | None = None,
) -> Conference:
    staff = _staff()
    return Conference.objects.create(
        person=person,
        kind=kind,
        section47=section47,
        plan=plan,
        held_on=held,
        chair=staff,
        updated_by=staff,
    )


def cp_plan(
    person: Person,
    started: datetime.date,
    *,
    section47: Section47 | None = None,
    ended: datetime.date | None = None,
    reviews: Sequence[datetime.date] = (),
    category: str = "NEG",
) -> ChildProtectionPlan:
    initial = conference(person, started, section47=section47)
    plan = ChildProtectionPlan.objects.create(
        person=person,
        initial_conference=initial,
        status=ChildProtectionPlan.Status.ENDED if ended else ChildProtectionPlan.Status.ACTIVE,
        started_on=started,
        initial_category=category,
        latest_category=category,
        first_core_group_due=started + datetime.timedelta(days=14),
        ended_on=ended,
        updated_by=_staff(),
    )
    for held in reviews:
        conference(person, held, kind=Conference.Kind.REVIEW, plan=plan)
    return plan


def pre_proceedings(
    episode: Episode,
    started: datetime.date,
    *,
    fgc_offered: datetime.date | None = None,
    fgc_held: datetime.date | None = None,
    **fields: object,
) -> PreProceedings:
    staff = _staff()
    fgc = None
    if fgc_offered is not None:
        fgc = FamilyGroupConference.objects.create(
            person=episode.person,
            offered_on=fgc_offered,
            accepted=fgc_held is not None or None,
            held_on=fgc_held,
            recorded_by=staff,
        )
    record: PreProceedings = PreProceedings.objects.create(
        person=episode.person,
        episode=episode,
        started_on=started,
        family_group_conference=fgc,
        recorded_by=staff,
        updated_by=staff,
        **fields,
    )
    return record


def only(children: list[Child]) -> Child:
    assert len(children) == 1, [c.LAchildID for c in children]
    return children[0]
