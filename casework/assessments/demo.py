"""The demo council's assessments: children on `sam.worker`'s caseload with open referrals and
an assessment in every state the pages show (a draft, one waiting for the manager, one returned
with comments, one authorised, and one past its target date), made through the same services
the pages use so every rule, decision and audit event holds."""

import datetime
import random
from typing import Any

from casework.accounts.models import User
from casework.assessments import services
from casework.assessments.models import Assessment, AssessmentFactor
from casework.cases import services as case_services
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.people.models import Person

DOMAINS: tuple[dict[str, Any], ...] = (
    {
        "developmental_needs": "Healthy and meeting milestones; attendance has dropped to 84% "
        "and she is behind in reading. Sleeps poorly and is often hungry at school.",
        "parenting_capacity": "Mum is warm and wants help, but is struggling with low mood and "
        "routines have slipped; there is little supervision after school.",
        "family_environment": "Private rented flat with damp; rent arrears. Grandmother lives "
        "nearby and helps with school runs. No contact with dad.",
        "strengths": "A close bond with mum and grandmother; mum engages with the GP.",
        "risks": "Neglect of basic care if mum's mood worsens; isolation.",
        "analysis": "Needs are unlikely to be met without services; mum is able to change "
        "with support. A child in need plan is proportionate.",
        "factors": [AssessmentFactor.MENTAL_HEALTH_PARENT, AssessmentFactor.NEGLECT],
    },
    {
        "developmental_needs": "Has asthma that is poorly managed; missed three GP "
        "appointments. Doing well at school and has friends.",
        "parenting_capacity": "Dad works nights and the child is often alone in the evenings; "
        "dad is open about needing help with childcare.",
        "family_environment": "Housing is adequate. An aunt could help but lives across town.",
        "strengths": "Dad is honest and cooperative; the child is articulate and resourceful.",
        "risks": "Being left alone at night; unmanaged asthma.",
        "analysis": "The concerns come from the family's circumstances, not from a lack of care; "
        "a plan with the aunt and school would meet them.",
        "factors": [AssessmentFactor.YOUNG_CARER, AssessmentFactor.PHYSICAL_CHILD],
    },
)

VOICE: tuple[dict[str, Any], ...] = (
    {
        "child_seen": True,
        "seen_alone": True,
        "views": '"I like it when Nan picks me up. I don\'t like it when Mum stays in bed."',
        "participation": "PN1",
        "helped_by": "none",
    },
    {
        "child_seen": True,
        "seen_alone": False,
        "not_seen_alone_reason": "He asked for his aunt to stay with him.",
        "views": "He said he is fine on his own but that he gets scared when it is dark.",
        "participation": "PN1",
        "helped_by": "trusted_adult",
    },
)

# The census factors that answer one of the screening questions for risks outside the home, so
# the demo's bulk-made assessments flag the risks their factors already name (a few children in
# each council) without drawing more random numbers and changing the rest of the demo.
SCREENING_FOR_FACTOR: dict[str, str] = {
    AssessmentFactor.CRIMINAL_EXPLOITATION: "criminal_exploitation",
    AssessmentFactor.SEXUAL_EXPLOITATION: "sexual_exploitation",
    AssessmentFactor.GANGS: "serious_youth_violence",
    AssessmentFactor.MISSING: "going_missing",
}


def screening_for(factors: list[str]) -> dict[str, bool]:
    """The screening flags a demo assessment with these factors sets."""
    flagged = {SCREENING_FOR_FACTOR[code] for code in factors if code in SCREENING_FOR_FACTOR}
    return dict.fromkeys(sorted(flagged), True)


# (status, days since the referral) for each child given an assessment.
STATES = (
    (Assessment.Status.DRAFT, 8),
    (Assessment.Status.SUBMITTED, 30),
    (Assessment.Status.RETURNED, 35),
    (Assessment.Status.AUTHORISED, 40),
    ("overdue", 90),
)


def _refer(
    tara: User, sam: User, person: Person, referred_on: datetime.date, rng: random.Random
) -> Episode:
    team = tara.team
    assert team is not None  # the demo's manager always has a team
    episode = case_services.open_referral(
        tara,
        person,
        referral_date=referred_on,
        source=rng.choice((ReferralSource.SCHOOL, ReferralSource.POLICE, ReferralSource.GP)),
        team=team,
    )
    current = Allocation.objects.get(person=person, ended_on__isnull=True)
    if current.worker_id != sam.pk:
        case_services.allocate(
            tara, person, team=team, worker=sam, started_on=max(referred_on, current.started_on)
        )
    return episode


def _write(sam: User, assessment: Assessment, rng: random.Random, seen_on: datetime.date) -> None:
    content: dict[str, Any] = {**rng.choice(DOMAINS), **rng.choice(VOICE)}
    content["child_seen_on"] = seen_on
    content["outcome"] = Assessment.Outcome.CIN_PLAN
    services.update_assessment(sam, assessment, assessment.version, **content)


def build_assessments(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Give some of `people` (those without an open referral) an open referral to
    `tara.manager`'s team, allocated to `sam.worker`, with an assessment in each state. Returns
    the number of assessments made."""
    sam = User.objects.get(username="sam.worker")
    tara = User.objects.get(username="tara.manager")
    busy = set(
        Episode.objects.filter(status=Episode.Status.OPEN).values_list("person_id", flat=True)
    )
    pool = [person for person in people if person.pk not in busy]
    rng.shuffle(pool)
    made = 0
    for (state, days_ago), person in zip(STATES, pool, strict=False):
        referred_on = today - datetime.timedelta(days=days_ago)
        episode = _refer(tara, sam, person, referred_on, rng)
        started_on = referred_on + datetime.timedelta(days=1)
        assessment = services.start_assessment(sam, episode, started_on)
        made += 1
        if state == Assessment.Status.DRAFT:
            services.update_assessment(
                sam,
                assessment,
                assessment.version,
                developmental_needs=rng.choice(DOMAINS)["developmental_needs"],
            )
            continue
        if state == "overdue":
            # Half written and past its target date: the red tag and the trays show it.
            services.update_assessment(
                sam,
                assessment,
                assessment.version,
                developmental_needs=rng.choice(DOMAINS)["developmental_needs"],
                child_seen=True,
                seen_alone=True,
                child_seen_on=started_on + datetime.timedelta(days=3),
            )
            continue
        _write(sam, assessment, rng, started_on + datetime.timedelta(days=2))
        assessment = Assessment.objects.get(pk=assessment.pk)
        assessment = services.submit_assessment(sam, assessment, assessment.version)
        if state == Assessment.Status.SUBMITTED:
            continue
        assessment = services.return_assessment(
            tara,
            assessment,
            comments="Please say more about the father's part in the child's life, and what "
            "the child said about school.",
        )
        if state == Assessment.Status.RETURNED:
            continue
        # Sam's authorised assessment shows the screening on the child's page and record.
        assessment = services.update_assessment(
            sam,
            assessment,
            assessment.version,
            analysis=assessment.analysis + " Dad has not been in contact for two years and "
            "does not wish to be involved; school say she is happier since the summer, but "
            "older boys have been seen waiting for her at the gate.",
            outside_home=["criminal_exploitation"],
        )
        assessment = services.submit_assessment(sam, assessment, assessment.version)
        services.authorise_assessment(
            tara,
            assessment,
            outcome=Assessment.Outcome.CIN_PLAN,
            rationale="Needs will not be met without services; the family agree to a plan.",
            risks_identified="Neglect if mum's mood worsens: GP review and weekly visits.",
            next_steps="Sam to hold the first child in need meeting within 10 working days.",
            primary_need="N4",
        )
    return made
