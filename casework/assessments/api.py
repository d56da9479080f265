import datetime
import uuid
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from casework.assessments import access, selectors, services
from casework.assessments.models import Assessment, AssessmentFactor
from casework.audit import services as audit
from casework.cases.models import PrimaryNeed
from casework.cases.outside_home import OutsideHomeRisk
from casework.cases.voice import Helper, Participation
from casework.common.errors import RuleBroken
from casework.oversight.api import DecisionOut
from casework.people import access as people_access

router = Router(tags=["assessments"])

Outcome = Assessment.Outcome


class AssessmentOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    episode_id: uuid.UUID
    status: str
    started_on: datetime.date
    child_seen_on: datetime.date | None
    due_on: datetime.date
    target_on: datetime.date
    developmental_needs: str
    parenting_capacity: str
    family_environment: str
    strengths: str
    risks: str
    analysis: str
    child_seen: bool | None
    seen_alone: bool | None
    not_seen_alone_reason: str
    views: str
    participation: str
    helped_by: str
    views_not_gathered_reason: str
    outside_home: list[str] = Field(
        description="The risks outside the home the screening found; empty when none"
    )
    factors: list[str]
    outcome: str
    late_reason: str
    submitted_at: datetime.datetime | None
    authorised_at: datetime.datetime | None
    manager_comments: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_decisions(assessment: Assessment) -> list[Any]:
        return selectors.decisions_for(assessment)


class StartIn(Schema):
    started_on: datetime.date


class AssessmentChange(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    started_on: datetime.date | None = None
    child_seen_on: datetime.date | None = None
    developmental_needs: str | None = Field(None, max_length=50_000)
    parenting_capacity: str | None = Field(None, max_length=50_000)
    family_environment: str | None = Field(None, max_length=50_000)
    strengths: str | None = Field(None, max_length=50_000)
    risks: str | None = Field(None, max_length=50_000)
    analysis: str | None = Field(None, max_length=50_000)
    child_seen: bool | None = None
    seen_alone: bool | None = None
    not_seen_alone_reason: str | None = Field(None, max_length=5_000)
    views: str | None = Field(None, max_length=20_000)
    participation: Participation | None = None
    helped_by: Helper | None = None
    views_not_gathered_reason: str | None = Field(None, max_length=5_000)
    outside_home: list[OutsideHomeRisk] | None = Field(
        None,
        max_length=len(OutsideHomeRisk),
        description="Every risk outside the home that applies; the list replaces the saved "
        "one, and an empty list records that none apply",
    )
    factors: list[AssessmentFactor] | None = Field(None, max_length=60)
    outcome: Outcome | None = None
    late_reason: str | None = Field(None, max_length=50_000)


class SubmitIn(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")


class ReturnIn(Schema):
    comments: str = Field(min_length=1, max_length=20_000)


class AuthoriseIn(Schema):
    outcome: Outcome
    rationale: str = Field(min_length=1, max_length=20_000)
    risks_identified: str = Field(min_length=1, max_length=20_000)
    next_steps: str = Field("", max_length=20_000)
    primary_need: PrimaryNeed | Literal[""] = ""


def _reload(assessment_id: uuid.UUID) -> Assessment:
    return selectors.with_details(Assessment.objects.all()).get(pk=assessment_id)


@router.get(
    "/persons/{person_id}/assessments",
    response=list[AssessmentOut],
    summary="A child's assessments",
)
def list_assessments(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read assessments (API)")
    return list(selectors.assessments_for(person)[:50])


@router.post(
    "/persons/{person_id}/assessments",
    response={201: AssessmentOut},
    summary="Start the assessment on the child's open referral",
)
def start_assessment(request: HttpRequest, person_id: uuid.UUID, payload: StartIn) -> Any:
    _, episode = access.episode_for_start(request.user, person_id)
    if episode is None:
        raise RuleBroken("episode", "There is no open referral for this child to assess")
    assessment = services.start_assessment(request.user, episode, payload.started_on)
    return Status(201, _reload(assessment.pk))


@router.get("/assessments/{assessment_id}", response=AssessmentOut, summary="One assessment")
def get_assessment(request: HttpRequest, assessment_id: uuid.UUID) -> Assessment:
    assessment = access.assessment_for_view(request.user, assessment_id)
    audit.record_view(
        request.user, assessment.person_id, assessment, summary="Read the assessment (API)"
    )
    return assessment


@router.patch(
    "/assessments/{assessment_id}", response=AssessmentOut, summary="Change a draft assessment"
)
def change_assessment(
    request: HttpRequest, assessment_id: uuid.UUID, payload: AssessmentChange
) -> Assessment:
    assessment = access.assessment_for_change(request.user, assessment_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    if "started_on" in changes and changes["started_on"] is None:
        raise RuleBroken("started_on", "Enter the date the assessment started")
    for name in ("outcome", "participation", "helped_by"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    if "factors" in changes:
        changes["factors"] = [str(code) for code in changes["factors"] or []]
    if "outside_home" in changes:
        changes["outside_home"] = [str(risk) for risk in changes["outside_home"] or []]
    services.update_assessment(request.user, assessment, payload.version, **changes)
    return _reload(assessment.pk)


@router.post(
    "/assessments/{assessment_id}/submit",
    response=AssessmentOut,
    summary="Submit the assessment for authorisation",
)
def submit_assessment(
    request: HttpRequest, assessment_id: uuid.UUID, payload: SubmitIn
) -> Assessment:
    assessment = access.assessment_for_change(request.user, assessment_id)
    services.submit_assessment(request.user, assessment, payload.version)
    return _reload(assessment.pk)


@router.post(
    "/assessments/{assessment_id}/return",
    response=AssessmentOut,
    summary="Return the assessment to the worker (team managers)",
)
def return_assessment(
    request: HttpRequest, assessment_id: uuid.UUID, payload: ReturnIn
) -> Assessment:
    assessment = access.assessment_for_decision(request.user, assessment_id)
    services.return_assessment(request.user, assessment, comments=payload.comments)
    return _reload(assessment.pk)


@router.post(
    "/assessments/{assessment_id}/authorise",
    response=AssessmentOut,
    summary="Authorise the assessment with its outcome (team managers)",
)
def authorise_assessment(
    request: HttpRequest, assessment_id: uuid.UUID, payload: AuthoriseIn
) -> Assessment:
    assessment = access.assessment_for_decision(request.user, assessment_id)
    services.authorise_assessment(request.user, assessment, **payload.model_dump())
    return _reload(assessment.pk)
