import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.common.formviews import NothingLostFormView
from casework.oversight.services import may_decide
from casework.people import selectors as people_selectors
from casework.people.models import Person
from casework.protection import access, selectors, services
from casework.protection.forms import (
    AuthoriseForm,
    ConferenceForm,
    CoreGroupForm,
    CPVisitForm,
    EndPlanForm,
    FamilyGroupConferenceForm,
    FinaliseConferenceForm,
    PlanActionForm,
    RiskContextForm,
    Section47OutcomeForm,
    StrategyDiscussionForm,
    yes_no,
)
from casework.protection.models import (
    Agency,
    ChildProtectionPlan,
    Conference,
    Section47,
)


def _date(value: Any) -> str:
    return f"{value:%-d %B %Y}" if value else "Not recorded"


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not recorded") if value is not None else "-"


def _agencies(codes: list[str]) -> str:
    return ", ".join(Agency(code).label for code in codes if code in Agency.values) or "None"


def _voice_rows(record: Any) -> list[tuple[str, str]]:
    seen = _yes_no(record.child_seen)
    if record.child_seen:
        seen += ", alone" if record.seen_alone else ", not alone"
    return [
        ("Child seen", seen),
        ("The child's views", record.views or record.views_not_gathered_reason or "-"),
        ("How the child took part", record.get_participation_display() or "-"),
    ]


@require_safe
def trays(request: HttpRequest) -> HttpResponse:
    """Conferences due, core groups due and visits overdue, for the user's children."""
    access.trays_for(request.user)
    return render(
        request,
        "protection/trays.html",
        {
            "initial_due": selectors.initial_conferences_due(request.user),
            "reviews_due": selectors.review_conferences_due(request.user),
            "core_groups_due": selectors.core_groups_due(request.user),
            "visits_overdue": selectors.visits_overdue(request.user),
            "today": timezone.localdate(),
        },
    )


@require_safe
def person_protection(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read child protection record")
    return render(
        request,
        "protection/person.html",
        {
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "protection": selectors.summary_for(request.user, person),
            "discussions": selectors.discussions_for(person)[:50],
            "enquiries": selectors.enquiries_for(person)[:50],
            "conferences": selectors.conferences_for(person)[:50],
            "plans": selectors.plans_for(person)[:50],
            "fgcs": selectors.family_group_conferences_for(person)[:50],
            "contexts": selectors.risk_contexts_for(person)[:50],
        },
    )


def _record_page(
    request: HttpRequest,
    person: Person,
    record: Any,
    title: str,
    rows: list[tuple[str, str]],
    links: list[tuple[str, str]],
    tables: list[tuple[str, list[str], list[list[str]]]] | None = None,
) -> HttpResponse:
    audit.record_view(request.user, person.pk, record, summary=f"Read {title.lower()}")
    return render(
        request,
        "protection/record.html",
        {
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "title": title,
            "rows": rows,
            "links": links,
            "tables": tables or [],
        },
    )


@require_safe
def strategy_detail(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID
) -> HttpResponse:
    discussion = access.discussion_for_view(request.user, person_id, record_id)
    person = discussion.person
    decision = discussion.management_decision
    rows = [
        ("Held", f"{timezone.localtime(discussion.held_at):%-d %B %Y, %H:%M}"),
        ("Information shared", discussion.information_shared),
        ("Risks identified", discussion.risks_identified),
        ("Risks outside the home", ", ".join(discussion.outside_home_risks) or "None identified"),
        ("Decision", discussion.get_decision_display()),
        ("Decided by", decision.decided_by.display_name if decision else "-"),
        ("Rationale", decision.rationale if decision else "-"),
    ]
    participants = [
        [p.get_agency_display(), p.name, _yes_no(p.invited), _yes_no(p.attended)]
        for p in discussion.participants.all()
    ]
    return _record_page(
        request,
        person,
        discussion,
        "Strategy discussion",
        rows,
        [],
        [("Who took part", ["Agency", "Name", "Invited", "Attended"], participants)],
    )


@require_safe
def section47_detail(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID
) -> HttpResponse:
    enquiry = access.section47_for_view(request.user, person_id, record_id)
    person = enquiry.person
    rows = [
        ("Started", _date(enquiry.started_on)),
        ("Initial conference due", _date(enquiry.icpc_due)),
        ("Census target date", _date(enquiry.icpc_target)),
        ("Initial conference held", _date(enquiry.icpc_held_on)),
        ("Status", enquiry.get_status_display()),
        ("Child seen", _date(enquiry.child_seen_on)),
        ("Findings", enquiry.findings or "-"),
        ("Outcome", enquiry.get_outcome_display() or "-"),
        ("Completed", _date(enquiry.completed_on)),
    ]
    team = access.in_allocated_team(request.user, person)
    links = []
    if team and enquiry.status != Section47.Status.AUTHORISED:
        links.append(
            ("Record the outcome", reverse("protection:complete_s47", args=[person.pk, enquiry.pk]))
        )
    if team and may_decide(request.user) and enquiry.status == Section47.Status.COMPLETED:
        links.append(
            ("Authorise", reverse("protection:authorise_s47", args=[person.pk, enquiry.pk]))
        )
    return _record_page(request, person, enquiry, "Section 47 enquiry", rows, links)


@require_safe
def conference_detail(
    request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID
) -> HttpResponse:
    conference = access.conference_for_view(request.user, person_id, record_id)
    person = conference.person
    rows = [
        ("Kind", conference.get_kind_display()),
        ("Held", _date(conference.held_on)),
        ("Chair", conference.chair.display_name),
        ("Agencies invited", _agencies(conference.agencies_invited)),
        ("Agencies that attended", _agencies(conference.agencies_attended)),
        ("Family invited", conference.family_invited or "-"),
        ("Family who attended", conference.family_attended or "-"),
        ("Reports received before", conference.reports_received or "-"),
        *_voice_rows(conference),
        ("Parents' views", conference.parents_views or "-"),
        ("Decision", conference.get_decision_display() or "Not finalised"),
        ("Category of abuse", conference.get_category_display() or "-"),
        ("Core group members", conference.core_group_members or "-"),
    ]
    links = []
    if not conference.is_finalised and request.user.pk == conference.chair_id:
        links.append(
            ("Finalise", reverse("protection:finalise_conference", args=[person.pk, conference.pk]))
        )
    return _record_page(
        request, person, conference, str(conference.get_kind_display()), rows, links
    )


@require_safe
def plan_detail(request: HttpRequest, person_id: uuid.UUID, record_id: uuid.UUID) -> HttpResponse:
    loaded = access.plan_for_view(request.user, person_id, record_id)
    plan = selectors.plan_with_details(loaded)
    person = plan.person
    today = timezone.localdate()

    def due(value: Any) -> str:
        return _date(value) + (" (overdue)" if value and value < today else "")

    rows = [
        ("Status", plan.get_status_display()),
        ("Started", _date(plan.started_on)),
        ("Initial category", plan.get_initial_category_display()),
        ("Latest category", plan.get_latest_category_display()),
        ("Outline plan", plan.outline or "-"),
        ("Visits", f"At least every {plan.visit_frequency_days} working days"),
        ("First core group due", _date(plan.first_core_group_due)),
        ("Next core group due", due(plan.next_core_group_due)),
        ("Next review conference due", due(plan.next_review_due)),
        ("Next visit due", due(plan.next_visit_due)),
        ("Ended", _date(plan.ended_on) if plan.ended_on else "-"),
        ("Why it ended", plan.end_reason or "-"),
    ]
    links = []
    if access.in_allocated_team(request.user, person) and plan.is_active:
        for label, name in (
            ("Add an action", "add_action"),
            ("Record a core group", "add_core_group"),
            ("Record a visit", "add_visit"),
            ("End the plan", "end_plan"),
        ):
            links.append((label, reverse(f"protection:{name}", args=[person.pk, plan.pk])))
    tables = [
        (
            "Outline plan: actions and owners",
            ["Action", "Owner", "By when"],
            [[a.what, a.owner, _date(a.due_on)] for a in plan.actions.all()],
        ),
        (
            "Core group meetings",
            ["Date", "Who attended", "Progress"],
            [[_date(m.held_on), m.attendees, m.progress] for m in plan.core_groups.all()],
        ),
        (
            "Visits",
            ["Date", "By", "Child seen", "Seen alone", "Bedroom seen"],
            [
                [
                    _date(v.visited_on),
                    v.visited_by.display_name,
                    _yes_no(v.child_seen),
                    _yes_no(v.seen_alone),
                    _yes_no(v.bedroom_seen),
                ]
                for v in plan.visits.all()
            ],
        ),
        (
            "Review conferences",
            ["Date", "Chair", "Decision"],
            [
                [_date(c.held_on), c.chair.display_name, c.get_decision_display() or "-"]
                for c in plan.review_conferences.all()
            ],
        ),
    ]
    return _record_page(request, person, plan, "Child protection plan", rows, links, tables)


class PersonFormView(NothingLostFormView):
    person: Person

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": reverse("protection:person", args=[self.person.pk]),
        }


class HoldStrategyDiscussion(PersonFormView):
    form_class = StrategyDiscussionForm
    title = "Record a strategy discussion"
    submit_label = "Save the discussion and decision"
    success_message = "Strategy discussion recorded"

    def load(self) -> None:
        self.person = access.person_for_decision(self.request.user, self.kwargs["person_id"])

    def submit(self, form: StrategyDiscussionForm) -> str:
        data = form.cleaned_data
        discussion = services.hold_strategy_discussion(
            self.request.user,
            self.person,
            held_at=form.held_at(),
            participants=form.participants(),
            information_shared=data["information_shared"],
            risks_identified=data["risks_identified"],
            decision=data["decision"],
            rationale=data["rationale"],
            outside_home=data["outside_home"],
        )
        return discussion.get_absolute_url()


class Section47FormView(PersonFormView):
    enquiry: Section47

    def get_context(self) -> dict[str, Any]:
        return super().get_context() | {"back_url": self.enquiry.get_absolute_url()}


class CompleteSection47(Section47FormView):
    form_class = Section47OutcomeForm
    title = "Record the section 47 outcome"
    submit_label = "Save the outcome"
    success_message = "Outcome recorded; a manager now authorises it"

    def load(self) -> None:
        self.enquiry = access.section47_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.enquiry.person

    def submit(self, form: Section47OutcomeForm) -> str:
        data = form.cleaned_data
        services.record_section47_outcome(
            self.request.user,
            self.enquiry,
            child_seen_on=data["child_seen_on"],
            findings=data["findings"],
            outcome=data["outcome"],
            completed_on=data["completed_on"],
        )
        return self.enquiry.get_absolute_url()


class AuthoriseSection47(Section47FormView):
    form_class = AuthoriseForm
    title = "Authorise the section 47 enquiry"
    submit_label = "Authorise"
    success_message = "Enquiry authorised"

    def load(self) -> None:
        self.enquiry = access.section47_for_decision(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.enquiry.person

    def submit(self, form: AuthoriseForm) -> str:
        services.authorise_section47(
            self.request.user, self.enquiry, rationale=form.cleaned_data["rationale"]
        )
        return self.enquiry.get_absolute_url()


class RecordConference(PersonFormView):
    form_class = ConferenceForm
    title = "Record a child protection conference"
    submit_label = "Save the conference"
    success_message = "Conference recorded; finalise it with the child's views and the decision"

    def load(self) -> None:
        self.person = access.person_for_chair(self.request.user, self.kwargs["person_id"])

    def submit(self, form: ConferenceForm) -> str:
        data = form.cleaned_data
        conference = services.record_conference(
            self.request.user,
            self.person,
            kind=data["kind"],
            held_on=data["held_on"],
            agencies_invited=data["agencies_invited"],
            agencies_attended=data["agencies_attended"],
            family_invited=data["family_invited"],
            family_attended=data["family_attended"],
            reports_received=data["reports_received"],
        )
        return conference.get_absolute_url()


class FinaliseConference(PersonFormView):
    form_class = FinaliseConferenceForm
    title = "Finalise the conference"
    submit_label = "Finalise"
    success_message = "Conference finalised"
    conference: Conference

    def load(self) -> None:
        self.conference = access.conference_for_chair(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.conference.person

    def get_context(self) -> dict[str, Any]:
        return super().get_context() | {"back_url": self.conference.get_absolute_url()}

    def submit(self, form: FinaliseConferenceForm) -> str:
        data = form.cleaned_data
        services.finalise_conference(
            self.request.user,
            self.conference,
            voice=form.voice_data(),
            parents_views=data["parents_views"],
            decision=data["decision"],
            category=data["category"],
            core_group_members=data["core_group_members"],
            outline=data["outline"],
        )
        return self.conference.get_absolute_url()


class PlanFormView(PersonFormView):
    plan: ChildProtectionPlan

    def load(self) -> None:
        self.plan = access.plan_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.plan.person

    def get_context(self) -> dict[str, Any]:
        return super().get_context() | {"back_url": self.plan.get_absolute_url()}


class AddPlanAction(PlanFormView):
    form_class = PlanActionForm
    title = "Add an action to the plan"
    submit_label = "Save action"
    success_message = "Action added"

    def submit(self, form: PlanActionForm) -> str:
        data = form.cleaned_data
        services.add_plan_action(
            self.request.user,
            self.plan,
            what=data["what"],
            owner=data["owner"],
            due_on=data["due_on"],
        )
        return self.plan.get_absolute_url()


class RecordCoreGroup(PlanFormView):
    form_class = CoreGroupForm
    title = "Record a core group meeting"
    submit_label = "Save meeting"
    success_message = "Core group meeting recorded"

    def submit(self, form: CoreGroupForm) -> str:
        data = form.cleaned_data
        services.record_core_group(
            self.request.user,
            self.plan,
            held_on=data["held_on"],
            attendees=data["attendees"],
            progress=data["progress"],
        )
        return self.plan.get_absolute_url()


class RecordCPVisit(PlanFormView):
    form_class = CPVisitForm
    title = "Record a child protection visit"
    submit_label = "Save visit"
    success_message = "Visit recorded"

    def submit(self, form: CPVisitForm) -> str:
        data = form.cleaned_data
        services.record_cp_visit(
            self.request.user,
            self.plan,
            visited_on=data["visited_on"],
            observations=data["observations"],
            bedroom_seen=yes_no(data["bedroom_seen"]),
            voice=form.voice_data(),
        )
        return self.plan.get_absolute_url()


class EndPlan(PlanFormView):
    form_class = EndPlanForm
    title = "End the child protection plan"
    submit_label = "End the plan"
    success_message = "Plan ended"

    def submit(self, form: EndPlanForm) -> str:
        data = form.cleaned_data
        services.end_plan(
            self.request.user, self.plan, ended_on=data["ended_on"], reason=data["end_reason"]
        )
        return self.plan.get_absolute_url()


class RecordFamilyGroupConference(PersonFormView):
    form_class = FamilyGroupConferenceForm
    title = "Record a family group conference"
    submit_label = "Save"
    success_message = "Family group conference recorded"

    def submit(self, form: FamilyGroupConferenceForm) -> str:
        data = form.cleaned_data
        services.record_family_group_conference(
            self.request.user,
            self.person,
            offered_on=data["offered_on"],
            accepted=yes_no(data["accepted"]),
            held_on=data["held_on"],
            family_plan=data["family_plan"],
            not_in_best_interests=data["not_in_best_interests"],
            rationale=data["rationale"],
        )
        return reverse("protection:person", args=[self.person.pk])


class LinkRiskContext(PersonFormView):
    form_class = RiskContextForm
    title = "Link a risk outside the home"
    submit_label = "Link"
    success_message = "Context linked"

    def submit(self, form: RiskContextForm) -> str:
        data = form.cleaned_data
        services.link_risk_context(
            self.request.user,
            self.person,
            kind=data["kind"],
            name=data["name"],
            description=data["description"],
        )
        return reverse("protection:person", args=[self.person.pk])
