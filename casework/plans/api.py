import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field, field_validator

from casework.audit import services as audit
from casework.cases.voice import Helper, Participation
from casework.plans import access, selectors, services
from casework.plans.models import Action, CINPlan, Goal, PlanReview, Visit

router = Router(tags=["plans and visits"])

OwnerType = Action.OwnerType
Progress = Action.Progress
Outcome = PlanReview.Outcome


def _not_future(value: datetime.date) -> datetime.date:
    if value > timezone.localdate():
        raise ValueError("The date must be today or in the past")
    return value


class VoiceIn(Schema):
    child_seen: bool | None = None
    seen_alone: bool | None = None
    not_seen_alone_reason: str = Field("", max_length=5000)
    views: str = Field("", max_length=20_000)
    participation: Participation | None = None
    helped_by: Helper | None = None
    views_not_gathered_reason: str = Field("", max_length=5000)

    def voice(self) -> dict[str, Any]:
        data = self.model_dump(
            include={
                "child_seen",
                "seen_alone",
                "not_seen_alone_reason",
                "views",
                "participation",
                "helped_by",
                "views_not_gathered_reason",
            }
        )
        data["participation"] = data["participation"] or ""
        data["helped_by"] = data["helped_by"] or ""
        return data


class VoiceOut(Schema):
    child_seen: bool | None
    seen_alone: bool | None
    not_seen_alone_reason: str
    views: str
    participation: str
    helped_by: str
    views_not_gathered_reason: str


class ActionOut(Schema):
    id: uuid.UUID
    goal_id: uuid.UUID
    what: str
    owner_name: str
    owner_type: str
    due_on: datetime.date
    progress: str
    notes: str
    version: int


class GoalOut(Schema):
    id: uuid.UUID
    want_to_change: str
    strengths: str
    actions: list[ActionOut]

    @staticmethod
    def resolve_actions(goal: Goal) -> list[Action]:
        return list(goal.actions.all())


class ReviewOut(VoiceOut):
    id: uuid.UUID
    plan_id: uuid.UUID
    held_on: datetime.date
    outcome: str
    family_views: str
    summary: str
    recorded_by: str

    @staticmethod
    def resolve_recorded_by(review: PlanReview) -> str:
        return review.recorded_by.get_username()


class PlanSummaryOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    episode_id: uuid.UUID
    status: str
    started_on: datetime.date
    ended_on: datetime.date | None
    visit_frequency_days: int
    review_interval_months: int
    next_review_due: datetime.date | None
    next_visit_due: datetime.date | None
    approval_id: uuid.UUID | None
    version: int


class PlanOut(PlanSummaryOut):
    goals: list[GoalOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_goals(plan: CINPlan) -> list[Goal]:
        return list(plan.goals.all())

    @staticmethod
    def resolve_reviews(plan: CINPlan) -> list[PlanReview]:
        return list(plan.reviews.all())


class PlanIn(Schema):
    started_on: datetime.date

    @field_validator("started_on")
    @classmethod
    def not_in_future(cls, value: datetime.date) -> datetime.date:
        return _not_future(value)


class GoalIn(Schema):
    want_to_change: str = Field(min_length=1, max_length=5000)
    strengths: str = Field("", max_length=5000)


class ActionIn(Schema):
    what: str = Field(min_length=1, max_length=5000)
    owner_name: str = Field(min_length=1, max_length=200)
    owner_type: OwnerType
    due_on: datetime.date
    notes: str = Field("", max_length=5000)


class ActionChange(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    what: str | None = Field(None, min_length=1, max_length=5000)
    owner_name: str | None = Field(None, min_length=1, max_length=200)
    owner_type: OwnerType | None = None
    due_on: datetime.date | None = None
    progress: Progress | None = None
    notes: str | None = Field(None, max_length=5000)


class ApprovalIn(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    rationale: str = Field(min_length=1, max_length=20_000)
    risks_identified: str = Field("", max_length=20_000)
    next_steps: str = Field("", max_length=20_000)


class ReviewIn(VoiceIn):
    held_on: datetime.date
    outcome: Outcome
    family_views: str = Field(min_length=1, max_length=20_000)
    summary: str = Field(min_length=1, max_length=20_000)


class VisitOut(VoiceOut):
    id: uuid.UUID
    person_id: uuid.UUID
    plan_id: uuid.UUID | None
    visited_on: datetime.date
    visited_by: str
    bedroom_seen: bool | None
    observations: str
    version: int

    @staticmethod
    def resolve_visited_by(visit: Visit) -> str:
        return visit.visited_by.get_username()


class VisitIn(VoiceIn):
    visited_on: datetime.date
    bedroom_seen: bool | None = None
    observations: str = Field(min_length=1, max_length=50_000)

    @field_validator("visited_on")
    @classmethod
    def not_in_future(cls, value: datetime.date) -> datetime.date:
        return _not_future(value)


class VisitChange(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    visited_on: datetime.date | None = None
    bedroom_seen: bool | None = None
    observations: str | None = Field(None, min_length=1, max_length=50_000)
    child_seen: bool | None = None
    seen_alone: bool | None = None
    not_seen_alone_reason: str | None = Field(None, max_length=5000)
    views: str | None = Field(None, max_length=20_000)
    participation: Participation | None = None
    helped_by: Helper | None = None
    views_not_gathered_reason: str | None = Field(None, max_length=5000)


def _detailed(plan: CINPlan) -> CINPlan:
    return selectors.with_details(CINPlan.objects.filter(pk=plan.pk)).get()


@router.get("/persons/{person_id}/plans", response=list[PlanSummaryOut], summary="A child's plans")
def list_plans(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read plans (API)")
    return list(selectors.plans_for(person)[:100])


@router.post(
    "/persons/{person_id}/plans", response={201: PlanOut}, summary="Start a child in need plan"
)
def start_plan(request: HttpRequest, person_id: uuid.UUID, payload: PlanIn) -> Any:
    person = access.person_for_change(request.user, person_id)
    plan = services.start_plan(request.user, person, started_on=payload.started_on)
    return Status(201, _detailed(plan))


@router.get(
    "/persons/{person_id}/plans/{plan_id}",
    response=PlanOut,
    summary="One plan with its goals, actions and reviews",
)
def get_plan(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> CINPlan:
    plan = access.plan_for_view(request.user, person_id, plan_id)
    audit.record_view(request.user, plan.person_id, plan, summary="Read a plan (API)")
    return _detailed(plan)


@router.post(
    "/persons/{person_id}/plans/{plan_id}/goals",
    response={201: GoalOut},
    summary="Add a goal to a plan",
)
def add_goal(
    request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID, payload: GoalIn
) -> Any:
    plan = access.plan_for_change(request.user, person_id, plan_id)
    goal = services.add_goal(request.user, plan, **payload.model_dump())
    return Status(201, goal)


@router.post(
    "/persons/{person_id}/plans/{plan_id}/goals/{goal_id}/actions",
    response={201: ActionOut},
    summary="Add an action to a goal",
)
def add_action(
    request: HttpRequest,
    person_id: uuid.UUID,
    plan_id: uuid.UUID,
    goal_id: uuid.UUID,
    payload: ActionIn,
) -> Any:
    goal = access.goal_for_change(request.user, person_id, plan_id, goal_id)
    action = services.add_action(request.user, goal, **payload.model_dump())
    return Status(201, action)


@router.patch(
    "/persons/{person_id}/plans/{plan_id}/actions/{action_id}",
    response=ActionOut,
    summary="Record progress on an action",
)
def change_action(
    request: HttpRequest,
    person_id: uuid.UUID,
    plan_id: uuid.UUID,
    action_id: uuid.UUID,
    payload: ActionChange,
) -> Action:
    action = access.action_for_change(request.user, person_id, plan_id, action_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    changes = {key: value for key, value in changes.items() if value is not None}
    return services.update_action(request.user, action, expected_version=payload.version, **changes)


@router.post(
    "/persons/{person_id}/plans/{plan_id}/approval",
    response=PlanOut,
    summary="Approve a plan (team manager)",
)
def approve_plan(
    request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID, payload: ApprovalIn
) -> CINPlan:
    plan = access.plan_for_approval(request.user, person_id, plan_id)
    approved = services.approve_plan(
        request.user,
        plan,
        expected_version=payload.version,
        rationale=payload.rationale,
        risks_identified=payload.risks_identified,
        next_steps=payload.next_steps,
    )
    return _detailed(approved)


@router.post(
    "/persons/{person_id}/plans/{plan_id}/reviews",
    response={201: ReviewOut},
    summary="Record a plan review",
)
def record_plan_review(
    request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID, payload: ReviewIn
) -> Any:
    plan = access.plan_for_change(request.user, person_id, plan_id)
    review = services.record_plan_review(
        request.user,
        plan,
        held_on=payload.held_on,
        outcome=payload.outcome,
        family_views=payload.family_views,
        summary=payload.summary,
        voice=payload.voice(),
    )
    return Status(201, review)


@router.get("/persons/{person_id}/visits", response=list[VisitOut], summary="A child's visits")
def list_visits(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read visits (API)")
    return list(selectors.visits_for(person)[:200])


@router.post("/persons/{person_id}/visits", response={201: VisitOut}, summary="Record a visit")
def record_visit(request: HttpRequest, person_id: uuid.UUID, payload: VisitIn) -> Any:
    person = access.person_for_change(request.user, person_id)
    visit = services.record_visit(
        request.user,
        person,
        visited_on=payload.visited_on,
        bedroom_seen=payload.bedroom_seen,
        observations=payload.observations,
        voice=payload.voice(),
    )
    return Status(201, visit)


@router.get("/persons/{person_id}/visits/{visit_id}", response=VisitOut, summary="One visit")
def get_visit(request: HttpRequest, person_id: uuid.UUID, visit_id: uuid.UUID) -> Visit:
    visit = access.visit_for_view(request.user, person_id, visit_id)
    audit.record_view(request.user, visit.person_id, visit, summary="Read a visit (API)")
    return visit


@router.patch("/persons/{person_id}/visits/{visit_id}", response=VisitOut, summary="Change a visit")
def change_visit(
    request: HttpRequest, person_id: uuid.UUID, visit_id: uuid.UUID, payload: VisitChange
) -> Visit:
    visit = access.visit_for_change(request.user, person_id, visit_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    for text in ("participation", "helped_by"):
        if text in changes and changes[text] is None:
            changes[text] = ""
    if "visited_on" in changes and changes["visited_on"] is None:
        del changes["visited_on"]
    if "observations" in changes and changes["observations"] is None:
        del changes["observations"]
    return services.edit_visit(request.user, visit, expected_version=payload.version, **changes)
