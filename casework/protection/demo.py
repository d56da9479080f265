"""Child protection for the demo council.

Some of sam.worker's children have been through a strategy discussion, a section 47 enquiry and
an initial conference chaired by ian.chair, and are on child protection plans with core groups,
visits and reviews; one is unborn, on a pre-birth plan. Some are in time; others have a visit or
core group overdue, and one enquiry still waits for its initial conference. These go through the
services, so every stored date comes from the clock as it would in real use.

Across the rest of the council about one child in twenty is on a plan, with a history of the same
shape (some late, some in time), so the trays and the benchmarks see a real council's volumes.
Those are written in bulk, as the council's children and case notes are, but every date on them
still comes from the clock table, with the council's own amounts for the local rules."""

import datetime
import random
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from casework.accounts.models import Role, User
from casework.assessments.models import Assessment
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.cases.outside_home import OUTSIDE_HOME_FIELDS
from casework.common import clock
from casework.lib.clock import due_dates, get_rule
from casework.oversight.models import ManagementDecision
from casework.people import services as people_services
from casework.people.models import Person
from casework.protection import services
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    CPVisit,
    Participant,
    Section47,
    StrategyDiscussion,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
CATEGORIES = ("NEG", "PHY", "EMO", "SAB", "MUL")
VIEWS = (
    "I don't like it when they shout at night.",
    "I want to stay at my school.",
    "Nan makes me feel safe.",
    "I'm hungry when I get home.",
)


def _participants(name: str) -> list[services.ParticipantIn]:
    return [
        services.ParticipantIn("police", "DC Priya Shah", attended=True),
        services.ParticipantIn("health", "Health visitor", attended=True),
        services.ParticipantIn("education", "Designated safeguarding lead", attended=False),
        services.ParticipantIn("social_care", name, attended=True),
    ]


def _voice(rng: random.Random) -> dict[str, object]:
    return {
        "child_seen": True,
        "seen_alone": True,
        "views": rng.choice(VIEWS),
        "participation": rng.choice(["PN1", "PN5", "PN6"]),
    }


def _episode(
    person: Person, team_id: uuid.UUID, referral_date: datetime.date, tara: User
) -> Episode:
    dates = clock.due("assessment", referral_date)
    return Episode.objects.create(
        person=person,
        referral_date=referral_date,
        referral_source=ReferralSource.POLICE,
        team_id=team_id,
        primary_need="N1",
        assessment_due=dates.due,
        assessment_target=dates.target,
        created_by=tara,
    )


def _enquiry(
    rng: random.Random, sam: User, tara: User, child: Person, day: datetime.date
) -> Section47:
    discussion = services.hold_strategy_discussion(
        tara,
        child,
        held_at=datetime.datetime(day.year, day.month, day.day, 10, tzinfo=LONDON),
        participants=_participants(sam.display_name),
        information_shared="Police attended a domestic incident; school reports bruising.",
        risks_identified="Physical harm and neglect at home.",
        decision="section_47",
        rationale="Reasonable cause to suspect the child is suffering significant harm.",
        outside_home=["going_missing"] if rng.random() < 0.3 else [],
    )
    return discussion.section47


def build_protection(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Sam's children, an unborn child of Sam's, and the council-wide cohort. Returns the number
    of child protection plans made."""
    made = _sams_children(rng, today, people)
    made += _unborn_child(rng, today)
    return made + _council_cohort(rng, today, people)


def _sams_children(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Put up to six of sam.worker's children on child protection plans with histories, and
    leave one enquiry waiting for its conference."""
    sam = User.objects.get(username="sam.worker")
    tara = User.objects.get(username="tara.manager")
    ian = User.objects.get(username="ian.chair")
    ids = [person.pk for person in people]
    busy = set(
        Episode.objects.filter(person_id__in=ids, status=Episode.Status.OPEN).values_list(
            "person_id", flat=True
        )
    ) | set(
        ChildProtectionPlan.objects.filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    allocated = dict(
        Allocation.objects.filter(person_id__in=ids, worker=sam, ended_on__isnull=True).values_list(
            "person_id", "team_id"
        )
    )
    children = [p for p in people if p.pk in allocated and p.pk not in busy][:7]
    made = 0
    for index, child in enumerate(children):
        referred = today - datetime.timedelta(days=rng.randint(110, 200) if index else 6)
        _episode(child, allocated[child.pk], referred, tara)
        enquiry = _enquiry(rng, sam, tara, child, referred + datetime.timedelta(days=1))
        if index == 0:
            continue  # still waiting for its initial conference
        completed = enquiry.started_on + datetime.timedelta(days=7)
        services.record_section47_outcome(
            sam,
            enquiry,
            child_seen_on=enquiry.started_on,
            findings="The child's account and the injuries are consistent; risk continues.",
            outcome="substantiated_at_risk",
            completed_on=completed,
        )
        services.authorise_section47(tara, enquiry, rationale="Agreed: convene an ICPC.")
        # Every third conference was late, held after the legal latest date.
        held_on = enquiry.icpc_target if index % 3 else enquiry.icpc_due + datetime.timedelta(3)
        # Conferences are held on working days (CIN census rule 8875 refuses a weekend date).
        while held_on.weekday() >= 5:
            held_on += datetime.timedelta(days=1)
        conference = services.record_conference(
            ian,
            child,
            kind="initial",
            held_on=held_on,
            agencies_invited=["police", "health", "education", "social_care"],
            agencies_attended=["police", "health", "social_care"],
            family_invited="Mum; Dad",
            family_attended="Mum",
            reports_received="Social work report; police report; school report",
        )
        category = rng.choice(CATEGORIES)
        services.finalise_conference(
            ian,
            conference,
            voice=_voice(rng),
            parents_views="Mum accepts help; Dad disputes the concerns.",
            decision="plan",
            category=category,
            core_group_members=f"{sam.display_name}; DC Priya Shah; health visitor; school",
            outline="Keep the child safe at home while Dad works with the domestic abuse service.",
        )
        plan = ChildProtectionPlan.objects.get(person=child, status="active")
        services.add_plan_action(
            sam, plan, what="Attend the domestic abuse programme.", owner="Dad"
        )
        services.add_plan_action(sam, plan, what="See the child alone every visit.", owner="Sam")
        late = index % 2 == 0
        calendar = clock.working_calendar()
        # Core groups as they fall due; the late children's stopped six weeks ago, and their
        # first was held five days late.
        core_day = plan.first_core_group_due + datetime.timedelta(days=5 if late else 0)
        core_until = today - datetime.timedelta(weeks=6 if late else 0)
        while core_day <= core_until:
            while not calendar.is_working_day(core_day):
                core_day -= datetime.timedelta(days=1)
            services.record_core_group(
                sam,
                plan,
                held_on=core_day,
                attendees="Sam; DC Shah; health visitor; Mum",
                progress="Mum engaging; Dad yet to start the programme.",
            )
            plan.refresh_from_db()
            assert plan.next_core_group_due is not None
            core_day = plan.next_core_group_due
        # Visits every fortnight; the late children's visits stopped five weeks ago.
        last_allowed = today - datetime.timedelta(days=35 if late else 3)
        day = plan.started_on + datetime.timedelta(days=7)
        while day <= last_allowed:
            services.record_cp_visit(
                sam,
                plan,
                visited_on=day,
                observations="Home visit; bedroom seen; the child talked with me alone.",
                voice=_voice(rng),
                bedroom_seen=True,
            )
            day += datetime.timedelta(days=14)
        plan.refresh_from_db()
        # Reviews on time for the children in time; the late children's first is overdue.
        while plan.next_review_due is not None and plan.next_review_due <= today and not late:
            review_day = plan.next_review_due
            while not calendar.is_working_day(review_day):
                review_day -= datetime.timedelta(days=1)
            review = services.record_conference(ian, child, kind="review", held_on=review_day)
            services.finalise_conference(
                ian,
                review,
                voice=_voice(rng),
                parents_views="Things are calmer at home.",
                decision="continue",
                category=category,
            )
            plan.refresh_from_db()
        made += 1
    return made


def _unborn_child(rng: random.Random, today: datetime.date) -> int:
    """A baby due in six weeks, allocated to Sam, on a plan from a pre-birth conference held a
    fortnight ago: when the birth is recorded the first review moves (pre-birth-rcpc)."""
    sam = User.objects.get(username="sam.worker")
    tara = User.objects.get(username="tara.manager")
    ian = User.objects.get(username="ian.chair")
    if sam.team_id is None:
        return 0
    unborn = people_services.create_person(
        tara,
        given_name="Baby",
        family_name=rng.choice(("Hart", "Lowe", "Price", "Ellis")),
        expected_date_of_birth=today + datetime.timedelta(weeks=6),
    )
    held_on = today - datetime.timedelta(days=14)
    Allocation.objects.create(person=unborn, team_id=sam.team_id, worker=sam, started_on=held_on)
    _episode(unborn, sam.team_id, held_on - datetime.timedelta(days=20), tara)
    conference = services.record_conference(
        ian,
        unborn,
        kind="pre_birth",
        held_on=held_on,
        agencies_invited=["police", "health", "social_care"],
        agencies_attended=["health", "social_care"],
        family_invited="Mum",
        family_attended="Mum",
        reports_received="Midwife's report; social work report",
    )
    services.finalise_conference(
        ian,
        conference,
        voice={
            "child_seen": False,
            "views_not_gathered_reason": "Not yet born",
            "participation": "PN0",
        },
        parents_views="Mum wants help to keep the baby safe; she has left Dad.",
        decision="plan",
        category="NEG",
        core_group_members=f"{sam.display_name}; community midwife; health visitor",
        outline="Mum keeps every antenatal appointment; a cot and safe sleeping before the birth.",
    )
    return 1


# The council-wide cohort ----------------------------------------------------------------------

COHORT_EVERY = 20  # about one child in twenty across the council is on a plan
AWAITING_EVERY = 150  # and a few more wait for their initial conference


@dataclass
class _Rows:
    """Everything the cohort writes, gathered so each table is one bulk insert."""

    episodes: list[Episode] = field(default_factory=list)
    discussions: list[StrategyDiscussion] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    decisions: list[ManagementDecision] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    enquiries: list[Section47] = field(default_factory=list)
    conferences: list[Conference] = field(default_factory=list)
    plans: list[ChildProtectionPlan] = field(default_factory=list)
    reviews: list[Conference] = field(default_factory=list)
    core_groups: list[CoreGroupMeeting] = field(default_factory=list)
    visits: list[CPVisit] = field(default_factory=list)

    def save(self) -> None:
        # Parents before children: decisions have no foreign keys to the others.
        tables: tuple[list[Any], ...] = (
            self.episodes,
            self.decisions,
            self.assessments,
            self.discussions,
            self.participants,
            self.enquiries,
            self.conferences,
            self.plans,
            self.reviews,
            self.core_groups,
            self.visits,
        )
        for rows in tables:
            if rows:
                type(rows[0]).objects.bulk_create(rows, batch_size=2000)


class _Clock:
    """The clock table with this council's amounts, read once for the whole cohort."""

    def __init__(self) -> None:
        self.calendar = clock.working_calendar()
        codes = ("assessment", "icpc", "first-core-group", "core-group", "cp-visit")
        self.amounts = {
            code: clock.rule_amount(code) for code in (*codes, "first-rcpc", "later-rcpc")
        }

    def due(self, code: str, start: datetime.date, amount: int | None = None) -> Any:
        return due_dates(get_rule(code), start, self.calendar, amount or self.amounts[code])

    def working_day(self, day: datetime.date) -> datetime.date:
        while not self.calendar.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def _decision(
    subject: Model, person: Person, by: User, on: datetime.date, code: str, label: str
) -> ManagementDecision:
    return ManagementDecision(
        person=person,
        content_type=ContentType.objects.get_for_model(type(subject)),
        object_id=str(subject.pk),
        decided_by=by,
        decided_at=_at(on, 16),
        decision=code,
        decision_label=label,
        rationale="Reasonable cause to suspect significant harm; agreed with police and health.",
    )


def _council_cohort(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Every COHORT_EVERY-th allocated child outside Sam's caseload (with no open referral) gets a
    plan and its history; every AWAITING_EVERY-th an enquiry still waiting for its conference.
    About a fifth are behind on visits, a tenth on core groups, and some on their review."""
    ian = User.objects.get(username="ian.chair")
    sam = User.objects.get(username="sam.worker")
    ids = [person.pk for person in people]
    busy = set(
        Episode.objects.filter(person_id__in=ids, status=Episode.Status.OPEN).values_list(
            "person_id", flat=True
        )
    ) | set(
        ChildProtectionPlan.objects.filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    held = {
        allocation.person_id: allocation
        for allocation in Allocation.objects.filter(
            person_id__in=ids, ended_on__isnull=True, worker__isnull=False
        )
        .exclude(worker=sam)
        .select_related("worker")
    }
    managers = {
        user.team_id: user
        for user in User.objects.filter(role=Role.TEAM_MANAGER, team__isnull=False)
    }
    rows = _Rows()
    dates = _Clock()
    made = 0
    candidates = [p for p in people if p.pk in held and p.pk not in busy]
    for index, child in enumerate(candidates):
        on_plan = index % COHORT_EVERY == 0
        awaiting = not on_plan and index % AWAITING_EVERY == 7
        allocation = held[child.pk]
        manager = managers.get(allocation.team_id)
        if not (on_plan or awaiting) or manager is None:
            continue
        if on_plan:
            discussed = today - datetime.timedelta(days=rng.randint(30, 420))
        else:
            discussed = today - datetime.timedelta(days=rng.randint(1, 30))
        made += _history(
            rng,
            rows,
            dates,
            today,
            child,
            allocation,
            (manager, ian),
            dates.working_day(discussed),
            awaiting=awaiting,
        )
    rows.save()
    return made


def _history(
    rng: random.Random,
    rows: _Rows,
    dates: _Clock,
    today: datetime.date,
    child: Person,
    allocation: Allocation,
    deciders: tuple[User, User],
    discussed: datetime.date,
    *,
    awaiting: bool,
) -> int:
    """One child's history, from the referral to the plan as it stands today; `awaiting` stops
    at the enquiry, which then waits for its conference (late if it began long enough ago)."""
    manager, chair = deciders
    worker = allocation.worker
    assert worker is not None
    referral = dates.working_day(discussed - datetime.timedelta(days=rng.randint(0, 3)))
    assessment = dates.due("assessment", referral)
    episode = Episode(
        person=child,
        referral_date=referral,
        referral_source=rng.choice((ReferralSource.POLICE, ReferralSource.SCHOOL)),
        team_id=allocation.team_id,
        primary_need="N1",
        assessment_due=assessment.due,
        assessment_target=assessment.target,
        created_by=manager,
    )
    discussion = StrategyDiscussion(
        person=child,
        episode=episode,
        held_at=datetime.datetime(
            discussed.year, discussed.month, discussed.day, 11, tzinfo=LONDON
        ),
        information_shared="Police and school concerns about injuries and missed school.",
        risks_identified="Physical harm and neglect at home.",
        decision=StrategyDiscussion.Decision.SECTION_47,
        going_missing=rng.random() < 0.1,
        criminal_exploitation=rng.random() < 0.05,
        recorded_by=manager,
        updated_by=manager,
    )
    decision = _decision(
        discussion, child, manager, discussed, "strategy-section-47", "Strategy: s47 enquiry"
    )
    discussion.management_decision = decision
    rows.episodes.append(episode)
    rows.decisions.append(decision)
    rows.discussions.append(discussion)
    rows.participants += [
        Participant(discussion=discussion, agency=p.agency, name=p.name, attended=p.attended)
        for p in _participants(worker.display_name)
    ]
    icpc = dates.due("icpc", discussed)
    enquiry = Section47(
        person=child,
        episode=episode,
        strategy_discussion=discussion,
        started_on=discussed,
        icpc_due=icpc.due,
        icpc_target=icpc.target,
        updated_by=worker,
    )
    rows.enquiries.append(enquiry)
    # The child and family assessment runs beside the enquiry, from the day of the discussion,
    # and is authorised within the assessment clock: the census queries an enquiry with no
    # assessment on its episode (rule 2991Q).
    assessed = min(
        dates.working_day(discussed + datetime.timedelta(days=rng.randint(10, 30))),
        assessment.due,
    )
    if assessed <= today:
        record = Assessment(
            person=child,
            episode=episode,
            started_on=discussed,
            child_seen_on=discussed,
            developmental_needs="Seen at school and at home; development on track.",
            parenting_capacity="Mum engages; Dad disputes the concerns.",
            family_environment="Overcrowded flat; a new partner in the household.",
            risks="Physical harm and neglect at home.",
            analysis="Significant harm is likely without a protection plan.",
            factors=rng.choice((["3A", "16A"], ["4B", "16A"], ["18C"], ["2B", "3B"])),
            outcome=Assessment.Outcome.STRATEGY_DISCUSSION,
            due_on=assessment.due,
            target_on=assessment.target,
            status=Assessment.Status.AUTHORISED,
            # Assessed beside the enquiry, it finds what the discussion's screening found.
            **{name: getattr(discussion, name) for name in OUTSIDE_HOME_FIELDS},
            submitted_at=_at(assessed, 10),
            submitted_by=worker,
            authorised_by=manager,
            created_by=worker,
            updated_by=manager,
            **_voice(rng),
        )
        record.authorisation = _decision(
            record, child, manager, assessed, "authorised", "Assessment authorised: Strategy"
        )
        record.authorised_at = record.authorisation.decided_at
        rows.decisions.append(record.authorisation)
        rows.assessments.append(record)
    # One conference in four is late: held a few working days after the legal latest date.
    late_icpc = rng.random() < 0.25
    late_by = rng.randint(1, 4)
    held_on = dates.calendar.add_working_days(icpc.due, late_by) if late_icpc else icpc.target
    if awaiting or held_on > today:
        return 0  # still waiting for its initial conference
    completed = dates.working_day(held_on - datetime.timedelta(days=2))
    authorisation = _decision(
        enquiry, child, manager, completed, "s47-authorised", "Section 47 authorised"
    )
    rows.decisions.append(authorisation)
    enquiry.status = Section47.Status.AUTHORISED
    enquiry.child_seen_on = discussed
    enquiry.findings = "The child's account and the injuries are consistent; risk continues."
    enquiry.outcome = Section47.Outcome.AT_RISK
    enquiry.completed_on = max(completed, discussed)
    enquiry.authorisation = authorisation
    enquiry.awaiting_icpc = False
    enquiry.icpc_held_on = held_on
    category = rng.choice(CATEGORIES)
    voice = _voice(rng)
    conference = Conference(
        person=child,
        kind=Conference.Kind.INITIAL,
        section47=enquiry,
        held_on=held_on,
        chair=chair,
        agencies_invited=["police", "health", "education", "social_care"],
        agencies_attended=["police", "health", "social_care"],
        family_invited="Mum; Dad",
        family_attended="Mum",
        reports_received="Social work report; police report; school report",
        parents_views="Mum accepts help; Dad disputes the concerns.",
        decision=Conference.Decision.PLAN,
        category=category,
        core_group_members=f"{worker.display_name}; police; health visitor; school",
        finalised_at=_at(held_on, 15),
        updated_by=chair,
        **voice,
    )
    rows.conferences.append(conference)
    behind_on_visits = rng.random() < 0.2
    behind_on_core_groups = rng.random() < 0.1
    behind_on_review = rng.random() < 0.05
    frequency = dates.amounts["cp-visit"]
    plan = ChildProtectionPlan(
        person=child,
        initial_conference=conference,
        started_on=held_on,
        initial_category=category,
        latest_category=category,
        outline="Keep the child safe at home while Dad works with the domestic abuse service.",
        visit_frequency_days=frequency,
        first_core_group_due=dates.due("first-core-group", held_on).due,
        updated_by=worker,
    )
    rows.plans.append(plan)
    # Reviews: the first by first-rcpc, then later-rcpc from each one held.
    review_due = dates.due("first-rcpc", held_on).due
    while review_due <= today and not (behind_on_review and review_due > today - _WEEKS_6):
        reviewed = dates.working_day(review_due)
        rows.reviews.append(
            Conference(
                person=child,
                kind=Conference.Kind.REVIEW,
                plan=plan,
                held_on=reviewed,
                chair=chair,
                agencies_invited=["police", "health", "social_care"],
                agencies_attended=["health", "social_care"],
                parents_views="Things are calmer at home.",
                decision=Conference.Decision.CONTINUE,
                category=category,
                finalised_at=_at(reviewed, 15),
                updated_by=chair,
                **_voice(rng),
            )
        )
        review_due = dates.due("later-rcpc", reviewed).due
    plan.next_review_due = review_due
    # Core groups: the first by first-core-group, then core-group from each one held.
    core_due = plan.first_core_group_due
    stop_core = today - (_WEEKS_6 if behind_on_core_groups else datetime.timedelta(0))
    while core_due <= stop_core:
        met = dates.working_day(core_due)
        rows.core_groups.append(
            CoreGroupMeeting(
                plan=plan,
                held_on=met,
                attendees=f"{worker.display_name}; police; health visitor; Mum",
                progress="Mum engaging; Dad yet to finish the programme.",
                recorded_by=worker,
                updated_by=worker,
            )
        )
        core_due = dates.due("core-group", met).due
    plan.next_core_group_due = core_due
    # Visits at the plan's frequency; the children behind on visits were last seen weeks ago.
    visit_due = dates.due("cp-visit", held_on, frequency).due
    stop_visits = today - (_WEEKS_6 if behind_on_visits else datetime.timedelta(0))
    while visit_due <= stop_visits:
        rows.visits.append(
            CPVisit(
                person=child,
                plan=plan,
                visited_on=visit_due,
                visited_by=worker,
                updated_by=worker,
                bedroom_seen=True,
                observations="Home visit; bedroom seen; the child talked with me alone.",
                **_voice(rng),
            )
        )
        visit_due = dates.due("cp-visit", visit_due, frequency).due
    plan.next_visit_due = visit_due
    return 1


_WEEKS_6 = datetime.timedelta(weeks=6)
