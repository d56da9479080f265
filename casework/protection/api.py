import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from casework.audit import services as audit
from casework.lib import paging
from casework.plans.api import VoiceIn, VoiceOut
from casework.protection import access, selectors, services
from casework.protection.models import (
    Agency,
    ChildProtectionPlan,
    Conference,
    RiskContext,
    Section47,
    StrategyDiscussion,
)

router = Router(tags=["child protection"])


class ParticipantSchema(Schema):
    agency: Agency
    name: str = Field(min_length=1, max_length=200)
    invited: bool = True
    attended: bool = False


class StrategyIn(Schema):
    held_at: datetime.datetime
    participants: list[ParticipantSchema]
    information_shared: str = Field(min_length=1, max_length=20_000)
    risks_identified: str = Field(min_length=1, max_length=20_000)
    decision: StrategyDiscussion.Decision
    rationale: str = Field(min_length=1, max_length=20_000)
    outside_home: list[str] = []


class StrategyEditIn(Schema):
    version: int
    held_at: datetime.datetime
    participants: list[ParticipantSchema]
    information_shared: str = Field(min_length=1, max_length=20_000)
    risks_identified: str = Field(min_length=1, max_length=20_000)
    outside_home: list[str] = []


class StrategyOut(Schema):
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    contact_id: uuid.UUID | None
    held_at: datetime.datetime
    information_shared: str
    risks_identified: str
    decision: str
    outside_home: list[str]
    participants: list[ParticipantSchema]
    management_decision_id: uuid.UUID | None

    @staticmethod
    def resolve_outside_home(discussion: StrategyDiscussion) -> list[str]:
        return discussion.outside_home_risks

    @staticmethod
    def resolve_participants(discussion: StrategyDiscussion) -> list[Any]:
        return list(discussion.participants.all())


class Section47Out(Schema):
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    strategy_discussion_id: uuid.UUID
    started_on: datetime.date
    icpc_due: datetime.date
    icpc_target: datetime.date
    icpc_held_on: datetime.date | None
    status: str
    child_seen_on: datetime.date | None
    findings: str
    outcome: str
    completed_on: datetime.date | None
    authorisation_id: uuid.UUID | None


class OutcomeIn(Schema):
    child_seen_on: datetime.date | None = None
    findings: str = Field(min_length=1, max_length=50_000)
    outcome: Section47.Outcome
    completed_on: datetime.date
    version: int | None = None


class Section47EditIn(Schema):
    """The write-up so far: without an outcome the enquiry stays in progress."""

    version: int
    child_seen_on: datetime.date | None = None
    findings: str = Field("", max_length=50_000)
    outcome: Section47.Outcome | None = None
    completed_on: datetime.date | None = None


class AuthoriseIn(Schema):
    rationale: str = Field(min_length=1, max_length=20_000)
    version: int | None = None


class ConferenceIn(Schema):
    kind: Conference.Kind
    held_on: datetime.date
    agencies_invited: list[Agency] = []
    agencies_attended: list[Agency] = []
    family_invited: str = Field("", max_length=5000)
    family_attended: str = Field("", max_length=5000)
    reports_received: str = Field("", max_length=20_000)


class ConferenceEditIn(Schema):
    version: int
    held_on: datetime.date
    agencies_invited: list[Agency] = []
    agencies_attended: list[Agency] = []
    family_invited: str = Field("", max_length=5000)
    family_attended: str = Field("", max_length=5000)
    reports_received: str = Field("", max_length=20_000)


class FinaliseIn(VoiceIn):
    parents_views: str = Field(min_length=1, max_length=20_000)
    decision: Conference.Decision
    # Checked by the service against the census list, so a wrong code gets the list back.
    category: str = Field("", max_length=10)
    core_group_members: str = Field("", max_length=5000)
    outline: str = Field("", max_length=20_000)
    version: int | None = None


class ConferenceOut(VoiceOut):
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    kind: str
    section47_id: uuid.UUID | None
    plan_id: uuid.UUID | None
    held_on: datetime.date
    chair: str
    agencies_invited: list[str]
    agencies_attended: list[str]
    family_invited: str
    family_attended: str
    reports_received: str
    parents_views: str
    decision: str
    category: str
    core_group_members: str
    finalised_at: datetime.datetime | None

    @staticmethod
    def resolve_chair(conference: Conference) -> str:
        return conference.chair.get_username()


class PlanOut(Schema):
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    initial_conference_id: uuid.UUID
    status: str
    started_on: datetime.date
    initial_category: str
    latest_category: str
    outline: str
    visit_frequency_days: int
    first_core_group_due: datetime.date
    next_core_group_due: datetime.date | None
    next_review_due: datetime.date | None
    next_visit_due: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str


class ActionIn(Schema):
    what: str = Field(min_length=1, max_length=5000)
    owner: str = Field(min_length=1, max_length=200)
    due_on: datetime.date | None = None


class ActionOut(Schema):
    id: uuid.UUID
    what: str
    owner: str
    due_on: datetime.date | None


class CoreGroupIn(Schema):
    held_on: datetime.date
    attendees: str = Field(min_length=1, max_length=5000)
    progress: str = Field(min_length=1, max_length=50_000)


class CoreGroupEditIn(CoreGroupIn):
    version: int


class CoreGroupOut(Schema):
    id: uuid.UUID
    version: int
    held_on: datetime.date
    attendees: str
    progress: str


class CPVisitIn(VoiceIn):
    visited_on: datetime.date
    bedroom_seen: bool | None = None
    observations: str = Field(min_length=1, max_length=50_000)


class CPVisitEditIn(CPVisitIn):
    version: int


class CPVisitOut(VoiceOut):
    id: uuid.UUID
    version: int
    plan_id: uuid.UUID
    visited_on: datetime.date
    bedroom_seen: bool | None
    observations: str


class PlanDetailOut(PlanOut):
    actions: list[ActionOut]
    core_groups: list[CoreGroupOut]
    visits: list[CPVisitOut]

    @staticmethod
    def resolve_actions(plan: ChildProtectionPlan) -> list[Any]:
        return list(plan.actions.all())

    @staticmethod
    def resolve_core_groups(plan: ChildProtectionPlan) -> list[Any]:
        return list(plan.core_groups.all())

    @staticmethod
    def resolve_visits(plan: ChildProtectionPlan) -> list[Any]:
        return list(plan.visits.all())


class PlanEditIn(Schema):
    version: int
    outline: str = Field("", max_length=20_000)
    visit_frequency_days: int


class BirthIn(Schema):
    born_on: datetime.date
    # The version of the child's record (GET /api/v1/persons/{id}) the change starts from.
    person_version: int


class EndIn(Schema):
    ended_on: datetime.date
    end_reason: str = Field(min_length=1, max_length=5000)
    version: int | None = None


class FamilyGroupConferenceIn(Schema):
    offered_on: datetime.date
    accepted: bool | None = None
    held_on: datetime.date | None = None
    family_plan: str = Field("", max_length=50_000)
    not_in_best_interests: bool = False
    rationale: str = Field("", max_length=5000)


class FamilyGroupConferenceOut(FamilyGroupConferenceIn):
    id: uuid.UUID
    person_id: uuid.UUID


class RiskContextIn(Schema):
    kind: RiskContext.Kind
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)


class RiskContextOut(Schema):
    id: uuid.UUID
    kind: str
    name: str
    description: str


class ProtectionOut(Schema):
    strategy_discussions: list[StrategyOut]
    section47s: list[Section47Out]
    conferences: list[ConferenceOut]
    plans: list[PlanOut]
    family_group_conferences: list[FamilyGroupConferenceOut]
    risk_contexts: list[RiskContextOut]


class CountsOut(Schema):
    initial_conferences: int
    review_conferences: int
    core_groups: int
    visits: int


class TrayPageOut(Schema):
    count: int = Field(description="Rows in the whole list, on every page")
    page: int = Field(description="The page these rows are, from 1")
    pages: int = Field(description="Pages in the whole list at this limit (at least 1)")
    limit: int = Field(description="Rows on each page")
    next_page: int | None = Field(description="The page to ask for next; null on the last page")


class TrayPagesOut(Schema):
    initial_conferences_due: TrayPageOut
    conferences_to_finalise: TrayPageOut
    review_conferences_due: TrayPageOut
    core_groups_due: TrayPageOut
    visits_overdue: TrayPageOut


_PAGE_OF = "Page of {} to return, from 1; past the last page the list is empty"


class TraysIn(Schema):
    limit: int = Field(selectors.TRAY_PAGE_SIZE, ge=1, le=100, description="Rows in each list")
    initial: int = Field(1, ge=1, description=_PAGE_OF.format("initial_conferences_due"))
    finalise: int = Field(1, ge=1, description=_PAGE_OF.format("conferences_to_finalise"))
    reviews: int = Field(1, ge=1, description=_PAGE_OF.format("review_conferences_due"))
    core_groups: int = Field(1, ge=1, description=_PAGE_OF.format("core_groups_due"))
    visits: int = Field(1, ge=1, description=_PAGE_OF.format("visits_overdue"))


class TraysOut(Schema):
    overdue: CountsOut
    initial_conferences_due: list[Section47Out]
    conferences_to_finalise: list[ConferenceOut]
    review_conferences_due: list[PlanOut]
    core_groups_due: list[PlanOut]
    visits_overdue: list[PlanOut]
    pages: TrayPagesOut = Field(description="Where each list's rows sit in the whole list")


_P = "/persons/{person_id}/protection"


def _page_out(page: paging.Page) -> dict[str, Any]:
    return {
        "count": page.count,
        "page": page.number,
        "pages": page.last,
        "limit": page.size,
        "next_page": page.number + 1 if page.has_next else None,
    }


@router.get("/protection/trays", response=TraysOut, summary="Your child protection trays")
def cp_trays(request: HttpRequest, filters: Query[TraysIn]) -> Any:
    """Each list is one page of `limit` rows, most overdue first. Page through a list with its
    own parameter (`reviews=2`), leaving the others as they are, until its `next_page` is null;
    `pages` gives each list's count."""
    access.trays_for(request.user)
    asked = filters.dict(exclude={"limit"})
    trays = selectors.trays(request.user, pages=asked, size=filters.limit, past_end=True)
    lists: dict[str, selectors.Tray[Any]] = {
        "initial_conferences_due": trays.initial,
        "conferences_to_finalise": trays.finalise,
        "review_conferences_due": trays.reviews,
        "core_groups_due": trays.core_groups,
        "visits_overdue": trays.visits,
    }
    return {
        "overdue": trays.counts,
        **{name: tray.rows for name, tray in lists.items()},
        "pages": {name: _page_out(tray.page) for name, tray in lists.items()},
    }


@router.get(_P, response=ProtectionOut, summary="A child's child protection record")
def cp_record(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read child protection (API)")
    return {
        "strategy_discussions": list(selectors.discussions_for(person)[:50]),
        "section47s": list(selectors.enquiries_for(person)[:50]),
        "conferences": list(selectors.conferences_for(person)[:50]),
        "plans": list(selectors.plans_for(person)[:50]),
        "family_group_conferences": list(selectors.family_group_conferences_for(person)[:50]),
        "risk_contexts": list(selectors.risk_contexts_for(person)[:50]),
    }


@router.post(
    f"{_P}/strategy-discussions",
    response={201: StrategyOut},
    summary="Record a strategy discussion and its decision (team manager)",
)
def cp_hold_strategy(request: HttpRequest, person_id: uuid.UUID, payload: StrategyIn) -> Any:
    person = access.person_for_decision(request.user, person_id)
    discussion = services.hold_strategy_discussion(
        request.user,
        person,
        held_at=payload.held_at,
        participants=[
            services.ParticipantIn(p.agency, p.name, p.invited, p.attended)
            for p in payload.participants
        ],
        information_shared=payload.information_shared,
        risks_identified=payload.risks_identified,
        decision=payload.decision,
        rationale=payload.rationale,
        outside_home=payload.outside_home,
    )
    return Status(201, discussion)


@router.get(
    f"{_P}/strategy-discussions/{{record_id}}",
    response=StrategyOut,
    summary="A strategy discussion",
)
def cp_get_strategy(request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID) -> Any:
    discussion = access.discussion_for_view(request.user, person_id, record_id)
    audit.record_view(request.user, discussion.person_id, discussion, summary="Read (API)")
    return discussion


@router.put(
    f"{_P}/strategy-discussions/{{record_id}}",
    response=StrategyOut,
    summary="Correct a strategy discussion (team manager; 409 if changed since `version`)",
)
def cp_edit_strategy(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: StrategyEditIn
) -> Any:
    discussion = access.discussion_for_decision(request.user, person_id, record_id)
    return services.edit_strategy_discussion(
        request.user,
        discussion,
        expected_version=payload.version,
        held_at=payload.held_at,
        participants=[
            services.ParticipantIn(p.agency, p.name, p.invited, p.attended)
            for p in payload.participants
        ],
        information_shared=payload.information_shared,
        risks_identified=payload.risks_identified,
        outside_home=payload.outside_home,
    )


@router.get(f"{_P}/s47/{{record_id}}", response=Section47Out, summary="A section 47 enquiry")
def cp_get_s47(request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID) -> Any:
    enquiry = access.section47_for_view(request.user, person_id, record_id)
    audit.record_view(request.user, enquiry.person_id, enquiry, summary="Read (API)")
    return enquiry


@router.post(
    f"{_P}/s47/{{record_id}}/outcome", response=Section47Out, summary="Record the s47 outcome"
)
def cp_s47_outcome(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: OutcomeIn
) -> Any:
    enquiry = access.section47_for_change(request.user, person_id, record_id)
    data = payload.model_dump()
    return services.record_section47_outcome(
        request.user, enquiry, expected_version=data.pop("version"), **data
    )


@router.put(
    f"{_P}/s47/{{record_id}}",
    response=Section47Out,
    summary="Save the enquiry's findings so far, or its outcome (409 if changed since `version`)",
)
def cp_edit_s47(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: Section47EditIn
) -> Any:
    enquiry = access.section47_for_change(request.user, person_id, record_id)
    return services.update_section47(
        request.user,
        enquiry,
        expected_version=payload.version,
        child_seen_on=payload.child_seen_on,
        findings=payload.findings,
        outcome=payload.outcome or "",
        completed_on=payload.completed_on,
    )


@router.post(
    f"{_P}/s47/{{record_id}}/authorisation",
    response=Section47Out,
    summary="Authorise a section 47 enquiry (team manager)",
)
def cp_authorise_s47(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: AuthoriseIn
) -> Any:
    enquiry = access.section47_for_decision(request.user, person_id, record_id)
    return services.authorise_section47(
        request.user, enquiry, rationale=payload.rationale, expected_version=payload.version
    )


@router.post(
    f"{_P}/conferences", response={201: ConferenceOut}, summary="Record a conference (chair)"
)
def cp_record_conference(request: HttpRequest, person_id: uuid.UUID, payload: ConferenceIn) -> Any:
    person = access.person_for_chair(request.user, person_id)
    conference = services.record_conference(request.user, person, **payload.model_dump())
    return Status(201, conference)


@router.get(f"{_P}/conferences/{{record_id}}", response=ConferenceOut, summary="A conference")
def cp_get_conference(request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID) -> Any:
    conference = access.conference_for_view(request.user, person_id, record_id)
    audit.record_view(request.user, conference.person_id, conference, summary="Read (API)")
    return conference


@router.put(
    f"{_P}/conferences/{{record_id}}",
    response=ConferenceOut,
    summary="Correct a conference before it is finalised (chair; 409 if changed since `version`)",
)
def cp_edit_conference(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: ConferenceEditIn
) -> Any:
    conference = access.conference_for_chair(request.user, person_id, record_id)
    data = payload.model_dump()
    return services.edit_conference(
        request.user, conference, expected_version=data.pop("version"), **data
    )


@router.post(
    f"{_P}/conferences/{{record_id}}/finalisation",
    response=ConferenceOut,
    summary="Finalise a conference (its chair)",
)
def cp_finalise_conference(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: FinaliseIn
) -> Any:
    conference = access.conference_for_chair(request.user, person_id, record_id)
    return services.finalise_conference(
        request.user,
        conference,
        voice=payload.voice(),
        parents_views=payload.parents_views,
        decision=payload.decision,
        category=payload.category,
        core_group_members=payload.core_group_members,
        outline=payload.outline,
        expected_version=payload.version,
    )


@router.get(
    f"{_P}/plans/{{record_id}}",
    response=PlanDetailOut,
    summary="A child protection plan, with its actions, core groups and visits",
)
def cp_get_plan(request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID) -> Any:
    plan = access.plan_for_view(request.user, person_id, record_id)
    audit.record_view(request.user, plan.person_id, plan, summary="Read (API)")
    return selectors.plan_with_details(plan)


def _plan(request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID) -> ChildProtectionPlan:
    return access.plan_for_change(request.user, person_id, record_id)


@router.put(
    f"{_P}/plans/{{record_id}}",
    response=PlanOut,
    summary="Change the outline plan or visit frequency (409 if changed since `version`)",
)
def cp_edit_plan(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: PlanEditIn
) -> Any:
    plan = _plan(request, person_id, record_id)
    return services.edit_plan(
        request.user,
        plan,
        expected_version=payload.version,
        outline=payload.outline,
        visit_frequency_days=payload.visit_frequency_days,
    )


@router.post(
    f"{_P}/plans/{{record_id}}/birth",
    response=PlanOut,
    summary="Record the birth of a child on a pre-birth plan (moves the first review)",
)
def cp_record_birth(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: BirthIn
) -> Any:
    plan = _plan(request, person_id, record_id)
    return services.record_birth(
        request.user, plan, born_on=payload.born_on, expected_version=payload.person_version
    )


@router.post(
    f"{_P}/plans/{{record_id}}/actions", response={201: ActionOut}, summary="Add a plan action"
)
def cp_add_action(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: ActionIn
) -> Any:
    plan = _plan(request, person_id, record_id)
    return Status(201, services.add_plan_action(request.user, plan, **payload.model_dump()))


@router.post(
    f"{_P}/plans/{{record_id}}/core-groups",
    response={201: CoreGroupOut},
    summary="Record a core group meeting",
)
def cp_add_core_group(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: CoreGroupIn
) -> Any:
    plan = _plan(request, person_id, record_id)
    return Status(201, services.record_core_group(request.user, plan, **payload.model_dump()))


@router.put(
    f"{_P}/plans/{{record_id}}/core-groups/{{meeting_id}}",
    response=CoreGroupOut,
    summary="Correct a core group meeting (409 if changed since `version`)",
)
def cp_edit_core_group(
    request: HttpRequest,
    person_id: uuid.UUID,
    record_id: uuid.UUID,
    meeting_id: uuid.UUID,
    payload: CoreGroupEditIn,
) -> Any:
    meeting = access.core_group_for_change(request.user, person_id, record_id, meeting_id)
    data = payload.model_dump()
    return services.edit_core_group(
        request.user, meeting, expected_version=data.pop("version"), **data
    )


@router.post(
    f"{_P}/plans/{{record_id}}/visits", response={201: CPVisitOut}, summary="Record a CP visit"
)
def cp_add_visit(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: CPVisitIn
) -> Any:
    plan = _plan(request, person_id, record_id)
    visit = services.record_cp_visit(
        request.user,
        plan,
        visited_on=payload.visited_on,
        observations=payload.observations,
        bedroom_seen=payload.bedroom_seen,
        voice=payload.voice(),
    )
    return Status(201, visit)


@router.put(
    f"{_P}/plans/{{record_id}}/visits/{{visit_id}}",
    response=CPVisitOut,
    summary="Correct a CP visit (409 if changed since `version`)",
)
def cp_edit_visit(
    request: HttpRequest,
    person_id: uuid.UUID,
    record_id: uuid.UUID,
    visit_id: uuid.UUID,
    payload: CPVisitEditIn,
) -> Any:
    visit = access.visit_for_change(request.user, person_id, record_id, visit_id)
    return services.edit_cp_visit(
        request.user,
        visit,
        expected_version=payload.version,
        visited_on=payload.visited_on,
        observations=payload.observations,
        bedroom_seen=payload.bedroom_seen,
        voice=payload.voice(),
    )


@router.post(f"{_P}/plans/{{record_id}}/end", response=PlanOut, summary="End a CP plan")
def cp_end_plan(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID, payload: EndIn
) -> Any:
    plan = _plan(request, person_id, record_id)
    return services.end_plan(
        request.user,
        plan,
        ended_on=payload.ended_on,
        reason=payload.end_reason,
        expected_version=payload.version,
    )


@router.post(
    f"{_P}/family-group-conferences",
    response={201: FamilyGroupConferenceOut},
    summary="Record a family group conference",
)
def cp_record_fgc(
    request: HttpRequest, person_id: uuid.UUID, payload: FamilyGroupConferenceIn
) -> Any:
    person = access.person_for_change(request.user, person_id)
    fgc = services.record_family_group_conference(request.user, person, **payload.model_dump())
    return Status(201, fgc)


@router.post(
    f"{_P}/risk-contexts", response={201: RiskContextOut}, summary="Link a risk outside the home"
)
def cp_link_context(request: HttpRequest, person_id: uuid.UUID, payload: RiskContextIn) -> Any:
    person = access.person_for_change(request.user, person_id)
    context = services.link_risk_context(request.user, person, **payload.model_dump())
    return Status(201, context)
