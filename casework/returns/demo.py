"""Children in need history for the demo council, so that its censuses have something to say.

The other demo modules give a handful of `sam.worker`'s children detailed, recent records made
through the services. Every other child in the council has an open allocation and nothing
behind it. This module gives each of them the child in need history a case like that has: the
referral that opened their current case (with its assessment and a child in need or child
protection plan running now) and, for some, an earlier episode that closed. Histories reach back
three years, so the last three censuses each have children in them.

Each history is a small story, written as dates, that keeps to the DfE's census rules the way
the services and a careful worker would: assessments start on or after the referral and take
under 45 working days; an enquiry's initial conference is held on its target date, a working
day, and the plan starts that day; reviews fall after the plan starts; a child in need plan and
a child protection plan never overlap; an episode closes after everything in it, with a reason
that fits (RC8 or RC9 only after an assessment, never after an enquiry). Nothing is dated after
today.

The rows are written with bulk_create, a thousand children at a time, so the benchmarks can
build tens of thousands of children in seconds: no audit events are written, as for the rest of
the synthetic council's bulk rows.
"""

import datetime
import random
import uuid
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from casework.accounts.models import Role, User
from casework.assessments.demo import screening_for
from casework.assessments.models import Assessment
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.common import clock
from casework.lib.workdays import add_months
from casework.oversight.models import ManagementDecision
from casework.people.models import Person
from casework.plans.models import CINPlan
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    Section47,
    StrategyDiscussion,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
BATCH = 1000
HISTORY_YEARS = 3

SOURCES = [
    ReferralSource.SCHOOL,
    ReferralSource.SCHOOL,
    ReferralSource.POLICE,
    ReferralSource.POLICE,
    ReferralSource.HEALTH_VISITOR,
    ReferralSource.GP,
    ReferralSource.FAMILY,
    ReferralSource.LA_SOCIAL_CARE,
    ReferralSource.EARLY_HELP,
    ReferralSource.ANONYMOUS,
]
FACTORS = ["3B", "4B", "16A", "17A", "1B", "2B", "5B", "6A", "14A", "24A", "10A", "3A", "18C"]
NEEDS = ["N2", "N3", "N4", "N4", "N5", "N5", "N6", "N7", "N8"]
CATEGORIES = ["NEG", "NEG", "EMO", "PHY", "SAB", "MUL"]
AGENCIES = ["police", "health", "education", "social_care"]


@dataclass
class Plan:
    started: datetime.date
    ended: datetime.date | None = None


@dataclass
class Enquiry:
    started: datetime.date
    icpc_due: datetime.date
    icpc_target: datetime.date
    completed: datetime.date | None
    outcome: str
    icpc: datetime.date | None = None


@dataclass
class ProtectionPlan:
    started: datetime.date
    category: str
    reviews: list[datetime.date] = field(default_factory=list)
    ended: datetime.date | None = None


@dataclass
class Story:
    """One episode, as dates."""

    referred: datetime.date
    source: str
    need: str = ""
    assessed: tuple[datetime.date, datetime.date | None, list[str]] | None = None
    enquiry: Enquiry | None = None
    protection: ProtectionPlan | None = None
    plans: list[Plan] = field(default_factory=list)
    closed: datetime.date | None = None
    reason: str = ""

    @property
    def last_day(self) -> datetime.date:
        """The last dated thing in the story: where a closure may go."""
        days = [self.referred]
        if self.assessed:
            days += [d for d in self.assessed[:2] if d]
        if self.enquiry:
            days += [d for d in (self.enquiry.completed, self.enquiry.icpc) if d]
        if self.protection:
            days += [self.protection.started, *self.protection.reviews]
            days += [self.protection.ended] if self.protection.ended else []
        for plan in self.plans:
            days += [plan.started] + ([plan.ended] if plan.ended else [])
        return max(days)


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def _assessment(
    rng: random.Random,
    story: Story,
    after: datetime.date,
    factors: list[str],
    started: datetime.date | None = None,
) -> datetime.date:
    """Start an assessment within three days of the referral (unless `started` says when) and
    authorise it after `after`, inside 45 working days of its start (about 63 calendar days;
    55 keeps clear of it)."""
    started = started or story.referred + _days(rng, 0, 3)
    authorised = max(started, after) + _days(rng, 5, 25)
    authorised = min(authorised, started + datetime.timedelta(days=55))
    story.assessed = (started, authorised, factors)
    return authorised


def _protection(rng: random.Random, story: Story, *, open_ended: bool) -> datetime.date:
    """A strategy discussion that starts a section 47 enquiry, an initial conference on the
    enquiry's target date and a plan from that day, reviewed three months on and six-monthly
    after. Returns the day the plan ended (or its last review, when it is left open). The
    assessment starts first: an enquiry runs alongside one (rule 2991Q asks after an enquiry
    with no assessment)."""
    assessed = story.referred + _days(rng, 0, 2)
    started = assessed + _days(rng, 0, 2)
    dates = clock.due("icpc", started)
    icpc = dates.target
    story.enquiry = Enquiry(
        started=started,
        icpc_due=dates.due,
        icpc_target=dates.target,
        completed=started + (icpc - started) // 2,
        outcome=Section47.Outcome.AT_RISK,
        icpc=icpc,
    )
    plan = ProtectionPlan(started=icpc, category=rng.choice(CATEGORIES))
    review = add_months(icpc, 3) - _days(rng, 0, 7)
    for _ in range(rng.randint(1, 3)):
        plan.reviews.append(review)
        review = add_months(review, 6) - _days(rng, 0, 10)
    if not open_ended:
        # Plans end at a review conference.
        plan.ended = plan.reviews[-1]
    story.protection = plan
    story.need = "N1"
    story.source = rng.choice([ReferralSource.POLICE, ReferralSource.SCHOOL, ReferralSource.GP])
    _assessment(rng, story, icpc, rng.sample(FACTORS, rng.randint(1, 3)), assessed)
    return plan.ended or plan.reviews[-1]


def _story(rng: random.Random, referred: datetime.date, *, current: bool) -> Story:
    """A random episode from `referred`. A current one stays open, with a plan running; an
    earlier one closes."""
    story = Story(referred=referred, source=rng.choice(SOURCES))
    roll = rng.random()
    if not current and roll < 0.15:
        # Referral with no further action: closed the day it came in.
        story.closed, story.reason = referred, "RC7"
        return story
    if not current and roll < 0.35:
        authorised = _assessment(rng, story, referred, ["21"])
        story.need = rng.choice(NEEDS)
        story.closed, story.reason = authorised, rng.choice(["RC8", "RC9"])
        return story
    if roll < 0.65:
        authorised = _assessment(rng, story, referred, rng.sample(FACTORS, rng.randint(1, 3)))
        story.need = rng.choice(NEEDS)
        plan = Plan(started=authorised + _days(rng, 0, 7))
        if not current:
            plan.ended = plan.started + _days(rng, 90, 330)
        story.plans.append(plan)
    elif roll < 0.75:
        # An enquiry that found no continuing risk, then a child in need plan.
        assessed = story.referred + _days(rng, 0, 2)
        started = assessed + _days(rng, 0, 2)
        dates = clock.due("icpc", started)
        story.enquiry = Enquiry(
            started=started,
            icpc_due=dates.due,
            icpc_target=dates.target,
            completed=started + _days(rng, 3, 4),
            outcome=Section47.Outcome.NOT_SUBSTANTIATED,
        )
        authorised = _assessment(
            rng,
            story,
            started + _days(rng, 4, 10),
            rng.sample(FACTORS, rng.randint(1, 2)),
            assessed,
        )
        story.need = rng.choice(NEEDS)
        plan = Plan(started=authorised + _days(rng, 0, 7))
        if not current:
            plan.ended = plan.started + _days(rng, 60, 240)
        story.plans.append(plan)
    else:
        stepping_down = rng.random() < 0.5
        ended = _protection(rng, story, open_ended=current and not stepping_down)
        if stepping_down:
            # Stepped down to a child in need plan the day the protection plan ended.
            plan = Plan(started=ended)
            if not current:
                plan.ended = ended + _days(rng, 60, 200)
            story.plans.append(plan)
    if not current:
        story.closed = story.last_day
        story.reason = rng.choice(["RC7"] * 8 + ["RC5", "RC4"])
    return story


def _cut(story: Story, today: datetime.date) -> Story:
    """What of the story has happened by today."""
    if story.assessed and story.assessed[1] and story.assessed[1] > today:
        started, _, factors = story.assessed
        story.assessed = (started, None, factors) if started <= today else None
    if story.enquiry:
        enquiry = story.enquiry
        if enquiry.started > today:
            story.enquiry = None
        else:
            if enquiry.icpc and enquiry.icpc > today:
                enquiry.icpc = None
            if enquiry.completed and enquiry.completed > today:
                # Still being made: no outcome yet, so no conference either.
                enquiry.completed, enquiry.outcome, enquiry.icpc = None, "", None
    protection = story.protection
    if protection:
        if protection.started > today or story.enquiry is None or story.enquiry.icpc is None:
            story.protection = None
        else:
            protection.reviews = [day for day in protection.reviews if day <= today]
            if protection.ended and protection.ended > today:
                protection.ended = None
    story.plans = [plan for plan in story.plans if plan.started <= today]
    for plan in story.plans:
        if plan.ended and plan.ended > today:
            plan.ended = None
    if story.closed and story.closed > today:
        story.closed, story.reason = None, ""
    return story


def _fits(story: Story, today: datetime.date) -> bool:
    return story.last_day <= today


def histories_for(
    rng: random.Random, person: Person, allocated_on: datetime.date, today: datetime.date
) -> list[Story]:
    """The child's episodes, oldest first: perhaps an earlier one that closed, then the one
    that opened their current case on the day it was allocated."""
    born = person.date_of_birth or today
    # A referral may come before birth, but not by more than the 40 weeks rule 8606 allows.
    referred = max(allocated_on, born - datetime.timedelta(days=60))
    current = _cut(_story(rng, referred, current=True), today)
    stories = [current]
    earliest = max(born, today - datetime.timedelta(days=365 * HISTORY_YEARS))
    if rng.random() < 0.45 and (referred - earliest).days > 120:
        for _ in range(3):
            earlier = _story(
                rng, earliest + _days(rng, 0, (referred - earliest).days), current=False
            )
            if earlier.closed is not None and earlier.last_day < referred:
                stories.insert(0, earlier)
                break
    return [story for story in stories if _fits(story, today)]


class _Rows:
    """Unsaved rows, written in the order the foreign keys need."""

    ORDER = (
        ManagementDecision,
        Episode,
        Assessment,
        CINPlan,
        StrategyDiscussion,
        Section47,
        Conference,
        ChildProtectionPlan,
    )

    def __init__(self) -> None:
        self.rows: dict[type[models.Model], list[Any]] = {m: [] for m in self.ORDER}
        # Review conferences name their plan, so they go in after the plans.
        self.reviews: list[Conference] = []

    def add(self, row: models.Model) -> None:
        self.rows[type(row)].append(row)

    def save(self) -> int:
        saved = 0
        for model in self.ORDER:
            model._default_manager.bulk_create(self.rows[model], batch_size=2000)
            saved += len(self.rows[model])
            self.rows[model] = []
        Conference.objects.bulk_create(self.reviews, batch_size=2000)
        saved += len(self.reviews)
        self.reviews = []
        return saved


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=LONDON)


@dataclass
class _Staff:
    worker: User
    manager: User
    chair: User


class _Builder:
    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.rows = _Rows()
        self.types: dict[type[models.Model], ContentType] = {
            model: ContentType.objects.get_for_model(model)
            for model in (Assessment, CINPlan, Section47)
        }

    def decision(
        self,
        staff: _Staff,
        person: Person,
        subject: models.Model,
        code: str,
        label: str,
        on: datetime.date,
    ) -> ManagementDecision:
        decision = ManagementDecision(
            person=person,
            content_type=self.types[type(subject)],
            object_id=str(subject.pk),
            decided_by=staff.manager,
            decided_at=_noon(on),
            decision=code,
            decision_label=label,
            rationale="Agreed in supervision; the reasons are in the record.",
        )
        self.rows.add(decision)
        return decision

    def episode(
        self, story: Story, person: Person, team_id: Any, staff: _Staff, previous: Episode | None
    ) -> Episode:
        dates = clock.due("assessment", story.referred)
        episode = Episode(
            id=uuid.uuid4(),
            person=person,
            referral_date=story.referred,
            referral_source=story.source,
            team_id=team_id,
            status=Episode.Status.CLOSED if story.closed else Episode.Status.OPEN,
            primary_need=story.need,
            previous=previous,
            assessment_due=dates.due,
            assessment_target=dates.target,
            closed_on=story.closed,
            closure_reason=story.reason,
            created_by=staff.manager,
        )
        self.rows.add(episode)
        if story.assessed:
            self.assessment(story, person, episode, staff)
        for plan in story.plans:
            self.cin_plan(plan, person, episode, staff)
        if story.enquiry:
            self.enquiry(story, person, episode, staff)
        return episode

    def assessment(self, story: Story, person: Person, episode: Episode, staff: _Staff) -> None:
        assert story.assessed is not None
        started, authorised, factors = story.assessed
        assessment = Assessment(
            id=uuid.uuid4(),
            person=person,
            episode=episode,
            started_on=started,
            child_seen_on=started,
            child_seen=True,
            seen_alone=True,
            participation="PN1",
            views="Told me about school and home in their own words.",
            analysis="The needs and risks are set out in the domains above.",
            factors=factors if authorised else [],
            outcome=Assessment.Outcome.CIN_PLAN if story.plans else Assessment.Outcome.OTHER,
            **(screening_for(factors) if authorised else {}),
            due_on=episode.assessment_due,
            target_on=episode.assessment_target,
            status=Assessment.Status.AUTHORISED if authorised else Assessment.Status.DRAFT,
            created_by=staff.worker,
            updated_by=staff.worker,
        )
        if authorised:
            assessment.submitted_at = _noon(authorised) - datetime.timedelta(hours=2)
            assessment.submitted_by = staff.worker
            assessment.authorised_at = _noon(authorised)
            assessment.authorised_by = staff.manager
            assessment.authorisation = self.decision(
                staff, person, assessment, "authorised", "Assessment authorised", authorised
            )
        self.rows.add(assessment)

    def cin_plan(self, plan: Plan, person: Person, episode: Episode, staff: _Staff) -> None:
        row = CINPlan(
            id=uuid.uuid4(),
            person=person,
            episode=episode,
            status=CINPlan.Status.ENDED if plan.ended else CINPlan.Status.ACTIVE,
            started_on=plan.started,
            ended_on=plan.ended,
            created_by=staff.worker,
            updated_by=staff.worker,
        )
        if plan.ended is None:
            # A plan running now has its next review and visit booked, as the plan services
            # store them; none is overdue, so the demo's trays stay readable.
            row.next_review_due = self.today + _days(self.rng, 10, 80)
            row.next_visit_due = self.today + _days(self.rng, 1, 9)
        row.approval = self.decision(
            staff, person, row, "cin-plan-approved", "Child in need plan approved", plan.started
        )
        self.rows.add(row)

    def enquiry(self, story: Story, person: Person, episode: Episode, staff: _Staff) -> None:
        enquiry = story.enquiry
        assert enquiry is not None
        discussion = StrategyDiscussion(
            id=uuid.uuid4(),
            person=person,
            episode=episode,
            held_at=datetime.datetime.combine(enquiry.started, datetime.time(10), tzinfo=LONDON),
            information_shared="Police and school shared what they know about the family.",
            risks_identified="Risk of significant harm at home.",
            decision=StrategyDiscussion.Decision.SECTION_47,
            recorded_by=staff.manager,
        )
        self.rows.add(discussion)
        at_risk = enquiry.outcome == Section47.Outcome.AT_RISK
        s47 = Section47(
            id=uuid.uuid4(),
            person=person,
            episode=episode,
            strategy_discussion=discussion,
            started_on=enquiry.started,
            icpc_due=enquiry.icpc_due,
            icpc_target=enquiry.icpc_target,
            status=Section47.Status.AUTHORISED if enquiry.completed else Section47.Status.OPEN,
            awaiting_icpc=enquiry.icpc is None and (at_risk or not enquiry.completed),
            icpc_held_on=enquiry.icpc,
            child_seen_on=enquiry.started,
            findings="The child's account and the agencies' information were weighed together.",
            outcome=enquiry.outcome,
            completed_on=enquiry.completed,
            updated_by=staff.worker,
        )
        if enquiry.completed:
            s47.authorisation = self.decision(
                staff, person, s47, "s47-authorised", "Outcome authorised", enquiry.completed
            )
        self.rows.add(s47)
        if enquiry.icpc is not None and story.protection is not None:
            self.protection(story.protection, person, s47, staff)

    def _conference(
        self, person: Person, staff: _Staff, held_on: datetime.date, **fields: Any
    ) -> Conference:
        return Conference(
            id=uuid.uuid4(),
            person=person,
            held_on=held_on,
            chair=staff.chair,
            agencies_invited=AGENCIES,
            agencies_attended=AGENCIES[:3],
            family_invited="Mum; Dad",
            family_attended="Mum",
            parents_views="Mum accepts the concerns and wants help.",
            child_seen=True,
            seen_alone=True,
            views="Wants things to be calmer at home.",
            participation="PN6",
            finalised_at=_noon(held_on),
            updated_by=staff.chair,
            **fields,
        )

    def protection(
        self, plan: ProtectionPlan, person: Person, s47: Section47, staff: _Staff
    ) -> None:
        initial = self._conference(
            person,
            staff,
            plan.started,
            kind=Conference.Kind.INITIAL,
            section47=s47,
            decision=Conference.Decision.PLAN,
            category=plan.category,
            core_group_members="Social worker; school; health visitor",
        )
        self.rows.add(initial)
        row = ChildProtectionPlan(
            id=uuid.uuid4(),
            person=person,
            initial_conference=initial,
            status=ChildProtectionPlan.Status.ENDED
            if plan.ended
            else ChildProtectionPlan.Status.ACTIVE,
            started_on=plan.started,
            initial_category=plan.category,
            latest_category=plan.category,
            outline="Keep the child safe at home with the family's support network.",
            first_core_group_due=clock.due("first-core-group", plan.started).due,
            ended_on=plan.ended,
            end_reason="Risk reduced; the review conference ended the plan." if plan.ended else "",
            updated_by=staff.worker,
        )
        if plan.ended is None:
            last = plan.reviews[-1] if plan.reviews else plan.started
            row.next_review_due = max(
                add_months(last, 6 if plan.reviews else 3), self.today + datetime.timedelta(7)
            )
            row.next_core_group_due = self.today + datetime.timedelta(days=14)
            row.next_visit_due = self.today + datetime.timedelta(days=5)
        self.rows.add(row)
        for review in plan.reviews:
            ends = review == plan.ended
            self.rows.reviews.append(
                self._conference(
                    person,
                    staff,
                    review,
                    kind=Conference.Kind.REVIEW,
                    plan=row,
                    decision=Conference.Decision.END if ends else Conference.Decision.CONTINUE,
                    category=plan.category,
                )
            )


def build_census_history(rng: random.Random, today: datetime.date, people: Iterable[Person]) -> int:
    """Give every allocated child of `people` with no episode yet a child in need history (see
    the module docstring). `sam.worker`'s children are left to the demo modules that make their
    records through the services, and unallocated children keep only their referral waiting.
    Returns the number of episodes made."""
    children = [person for person in people if person.is_child]
    ids = [person.pk for person in children]
    with_episodes = set(
        Episode.objects.filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    sam = User.objects.filter(username="sam.worker").first()
    allocations = {
        row.person_id: row
        for row in Allocation.objects.filter(
            person_id__in=ids, ended_on__isnull=True, worker__isnull=False
        ).exclude(worker=sam)
    }
    managers = {
        user.team_id: user for user in User.objects.filter(role=Role.TEAM_MANAGER).order_by("pk")
    }
    workers = {user.pk: user for user in User.objects.filter(role=Role.SOCIAL_WORKER)}
    chair = (
        User.objects.filter(username="ian.chair").first()
        or User.objects.filter(role=Role.REVIEWING_OFFICER).first()
    )
    if chair is None:
        return 0
    builder = _Builder(rng, today)
    made = 0
    pending = 0
    for person in children:
        allocation = allocations.get(person.pk)
        if allocation is None or person.pk in with_episodes:
            continue
        manager = managers.get(allocation.team_id) if allocation.team_id else None
        worker = workers.get(allocation.worker_id) if allocation.worker_id else None
        if manager is None or worker is None:
            continue
        staff = _Staff(worker=worker, manager=manager, chair=chair)
        previous = None
        for story in histories_for(rng, person, allocation.started_on, today):
            previous = builder.episode(story, person, allocation.team_id, staff, previous)
            made += 1
        pending += 1
        if pending >= BATCH:
            builder.rows.save()
            pending = 0
    builder.rows.save()
    return made
