import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.common.formviews import NothingLostFormView
from casework.common.pagination import pagination
from casework.frontdoor.models import Contact
from casework.oversight.services import may_decide
from casework.people import selectors as people_selectors
from casework.people.models import Person
from casework.protection import access, selectors, services
from casework.protection.forms import (
    AuthoriseForm,
    BirthForm,
    ConferenceEditForm,
    ConferenceForm,
    CoreGroupForm,
    CPVisitForm,
    EndPlanForm,
    FamilyGroupConferenceForm,
    FinaliseConferenceForm,
    PlanActionForm,
    PlanEditForm,
    RiskContextForm,
    Section47Form,
    StrategyDiscussionEditForm,
    StrategyDiscussionForm,
    as_yes_no,
    discussion_initial,
    voice_initial,
    yes_no,
)
from casework.protection.models import (
    Agency,
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    CPVisit,
    Section47,
    StrategyDiscussion,
)


@dataclass(frozen=True)
class Link:
    """A table cell that links somewhere; `hidden` finishes the link text for screen readers."""

    text: str
    url: str
    hidden: str = ""


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


# Each list's page parameter, the id of its heading (where its page links land) and the name of
# its pagination landmark, which must differ from the other lists' for screen reader users.
_TRAY_LISTS = (
    ("initial", "initial-conferences-due", "Pages of initial conferences due"),
    ("finalise", "conferences-to-finalise", "Pages of conferences to finalise"),
    ("reviews", "review-conferences-due", "Pages of review conferences due"),
    ("core_groups", "core-groups-due", "Pages of core groups due"),
    ("visits", "visits-overdue", "Pages of visits overdue"),
)


@require_safe
def trays(request: HttpRequest) -> HttpResponse:
    """Every child protection clock for the user's children (a chair's: every child): initial
    and review conferences due, core groups due, visits overdue, conferences to finalise. Each
    list shows one page, most overdue first, with its own page parameter (`?reviews=2`)."""
    access.trays_for(request.user)
    today = timezone.localdate()
    trays = selectors.trays(request.user, today, request.GET)
    return render(
        request,
        "protection/trays.html",
        {
            "counts": trays.counts,
            "trays": trays,
            "pagination": {
                name: pagination(
                    request, name, getattr(trays, name).page, label=label, fragment=fragment
                )
                for name, fragment, label in _TRAY_LISTS
            },
            "is_chair": access.is_chair(request.user),
            "today": today,
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
    tables: list[tuple[str, list[str], list[list[Any]]]] | None = None,
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


def _may_decide_for(request: HttpRequest, person: Person) -> bool:
    return may_decide(request.user) and access.in_allocated_team(request.user, person)


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
    if discussion.contact_id is not None:
        rows.append(("Front-door contact", "Immediate risk reported at the front door"))
    enquiry = Section47.objects.filter(strategy_discussion=discussion).first()
    links = []
    if enquiry is not None:
        links.append(("The section 47 enquiry it started", enquiry.get_absolute_url()))
    if _may_decide_for(request, person):
        links.append(
            (
                "Change the discussion",
                reverse("protection:edit_strategy", args=[person.pk, discussion.pk]),
            )
        )
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
        links,
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
            (
                "Record the findings and outcome",
                reverse("protection:complete_s47", args=[person.pk, enquiry.pk]),
            )
        )
    if _may_decide_for(request, person) and enquiry.status == Section47.Status.COMPLETED:
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
    plan = ChildProtectionPlan.objects.filter(initial_conference=conference).first()
    if plan is not None:
        links.append(("The child protection plan", plan.get_absolute_url()))
    if not conference.is_finalised and request.user.pk == conference.chair_id:
        links.append(
            ("Finalise", reverse("protection:finalise_conference", args=[person.pk, conference.pk]))
        )
    if not conference.is_finalised and access.is_chair(request.user):
        links.append(
            (
                "Change the record",
                reverse("protection:edit_conference", args=[person.pk, conference.pk]),
            )
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
    pre_birth = plan.initial_conference.kind == Conference.Kind.PRE_BIRTH
    if pre_birth:
        rows.insert(
            2,
            (
                "Born",
                _date(person.date_of_birth)
                if person.date_of_birth
                else f"Not yet; expected {_date(person.expected_date_of_birth)}",
            ),
        )
    team = access.in_allocated_team(request.user, person) and plan.is_active
    links = []
    if team:
        for label, name in (
            ("Record a visit", "add_visit"),
            ("Record a core group", "add_core_group"),
            ("Add an action", "add_action"),
            ("Change the plan", "edit_plan"),
            ("End the plan", "end_plan"),
        ):
            links.append((label, reverse(f"protection:{name}", args=[person.pk, plan.pk])))
        if pre_birth and person.date_of_birth is None:
            links.insert(
                0,
                ("Record the birth", reverse("protection:record_birth", args=[person.pk, plan.pk])),
            )

    def change(name: str, record: Any, what: str) -> list[Any]:
        if not team:
            return []
        url = reverse(f"protection:{name}", args=[person.pk, plan.pk, record.pk])
        return [Link("Change", url, what)]

    changed = ["Change"] if team else []
    tables = [
        (
            "Outline plan: actions and owners",
            ["Action", "Owner", "By when"],
            [[a.what, a.owner, _date(a.due_on)] for a in plan.actions.all()],
        ),
        (
            "Core group meetings",
            ["Date", "Who attended", "Progress", *changed],
            [
                [
                    _date(m.held_on),
                    m.attendees,
                    m.progress,
                    *change("edit_core_group", m, f"the core group on {_date(m.held_on)}"),
                ]
                for m in plan.core_groups.all()
            ],
        ),
        (
            "Visits",
            ["Date", "By", "Child seen", "Seen alone", "Bedroom seen", *changed],
            [
                [
                    _date(v.visited_on),
                    v.visited_by.display_name,
                    _yes_no(v.child_seen),
                    _yes_no(v.seen_alone),
                    _yes_no(v.bedroom_seen),
                    *change("edit_visit", v, f"the visit on {_date(v.visited_on)}"),
                ]
                for v in plan.visits.all()
            ],
        ),
        (
            "Review conferences",
            ["Date", "Chair", "Decision"],
            [
                [
                    Link(_date(c.held_on), c.get_absolute_url()),
                    c.chair.display_name,
                    c.get_decision_display() or "Not finalised",
                ]
                for c in plan.review_conferences.all()
            ],
        ),
    ]
    return _record_page(request, person, plan, "Child protection plan", rows, links, tables)


# Forms --------------------------------------------------------------------------------------


class PersonFormView(NothingLostFormView):
    person: Person

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def back_url(self) -> str:
        return reverse("protection:person", args=[self.person.pk])

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.back_url(),
        }


def _discussion_conflict(current: StrategyDiscussion) -> list[tuple[str, str]]:
    people = "\n".join(
        f"{p.get_agency_display()}: {p.name}" + (" (attended)" if p.attended else "")
        for p in current.participants.all()
    )
    return [
        ("Held", f"{timezone.localtime(current.held_at):%-d %B %Y, %H:%M}"),
        ("Who took part", people),
        ("Information shared", current.information_shared),
        ("Risks identified", current.risks_identified),
        ("Risks outside the home", ", ".join(current.outside_home_risks) or "None identified"),
    ]


class HoldStrategyDiscussion(PersonFormView):
    """A manager records a strategy discussion; from the front door, `?contact=` names the
    contact with the immediate risk, which is linked to the discussion and fills in what the
    referrer said."""

    form_class = StrategyDiscussionForm
    title = "Record a strategy discussion"
    submit_label = "Save the discussion and decision"
    success_message = "Strategy discussion recorded"

    def load(self) -> None:
        self.person = access.person_for_decision(self.request.user, self.kwargs["person_id"])

    def _contact(self, contact_id: Any) -> Contact | None:
        if not contact_id:
            return None
        try:
            return Contact.objects.filter(pk=contact_id, subjects__person=self.person).first()
        except (ValueError, TypeError, ValidationError):
            return None

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"held_on": timezone.localdate()}
        contact = self._contact(self.request.GET.get("contact"))
        if contact is not None:
            initial |= {"contact": contact.pk, "information_shared": contact.concern}
        return initial

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
            contact=self._contact(data.get("contact")),
        )
        return discussion.get_absolute_url()


class EditStrategyDiscussion(PersonFormView):
    form_class = StrategyDiscussionEditForm
    title = "Change the strategy discussion"
    submit_label = "Save the discussion"
    success_message = "Strategy discussion changed"
    discussion: StrategyDiscussion

    def load(self) -> None:
        self.discussion = access.discussion_for_decision(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.discussion.person

    def back_url(self) -> str:
        return self.discussion.get_absolute_url()

    def get_initial(self) -> dict[str, Any]:
        return discussion_initial(self.discussion)

    def submit(self, form: StrategyDiscussionEditForm) -> str:
        data = form.cleaned_data
        services.edit_strategy_discussion(
            self.request.user,
            self.discussion,
            expected_version=data["version"],
            held_at=form.held_at(),
            participants=form.participants(),
            information_shared=data["information_shared"],
            risks_identified=data["risks_identified"],
            outside_home=data["outside_home"],
        )
        return self.discussion.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return _discussion_conflict(current)


def _section47_conflict(current: Section47) -> list[tuple[str, str]]:
    return [
        ("Status", current.get_status_display()),
        ("Child seen", _date(current.child_seen_on)),
        ("What the enquiry found", current.findings or "-"),
        ("Outcome", current.get_outcome_display() or "-"),
        ("Completed", _date(current.completed_on)),
    ]


class Section47FormView(PersonFormView):
    enquiry: Section47

    def back_url(self) -> str:
        return self.enquiry.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return _section47_conflict(current)


class CompleteSection47(Section47FormView):
    """The enquiry's write-up, a long form: it autosaves, and findings can be saved before the
    outcome is known."""

    form_class = Section47Form
    title = "Section 47 enquiry: findings and outcome"
    submit_label = "Save"
    success_message = "Findings saved"

    def load(self) -> None:
        self.enquiry = access.section47_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.enquiry.person

    def get_initial(self) -> dict[str, Any]:
        enquiry = self.enquiry
        return {
            "child_seen_on": enquiry.child_seen_on,
            "findings": enquiry.findings,
            "outcome": enquiry.outcome,
            "completed_on": enquiry.completed_on,
            "version": enquiry.version,
        }

    def submit(self, form: Section47Form) -> str:
        data = form.cleaned_data
        updated = services.update_section47(
            self.request.user,
            self.enquiry,
            expected_version=data["version"],
            child_seen_on=data["child_seen_on"],
            findings=data["findings"],
            outcome=data["outcome"],
            completed_on=data["completed_on"],
        )
        if updated.outcome:
            self.success_message = "Outcome recorded; a manager now authorises it"
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

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.enquiry.version}

    def submit(self, form: AuthoriseForm) -> str:
        services.authorise_section47(
            self.request.user,
            self.enquiry,
            rationale=form.cleaned_data["rationale"],
            expected_version=form.cleaned_data["version"],
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


def _conference_conflict(current: Conference) -> list[tuple[str, str]]:
    rows = [
        ("Held", _date(current.held_on)),
        ("Agencies invited", _agencies(current.agencies_invited)),
        ("Agencies that attended", _agencies(current.agencies_attended)),
        ("Family invited", current.family_invited or "-"),
        ("Family who attended", current.family_attended or "-"),
        ("Reports received before", current.reports_received or "-"),
    ]
    if current.is_finalised:
        rows += [
            *_voice_rows(current),
            ("Parents' views", current.parents_views),
            ("Decision", current.get_decision_display()),
        ]
    return rows


class ConferenceFormView(PersonFormView):
    conference: Conference

    def load(self) -> None:
        self.conference = access.conference_for_chair(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.conference.person

    def back_url(self) -> str:
        return self.conference.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return _conference_conflict(current)


class EditConference(ConferenceFormView):
    form_class = ConferenceEditForm
    title = "Change the conference record"
    submit_label = "Save the conference"
    success_message = "Conference record changed"

    def get_initial(self) -> dict[str, Any]:
        conference = self.conference
        return {
            "held_on": conference.held_on,
            "agencies_invited": conference.agencies_invited,
            "agencies_attended": conference.agencies_attended,
            "family_invited": conference.family_invited,
            "family_attended": conference.family_attended,
            "reports_received": conference.reports_received,
            "version": conference.version,
        }

    def submit(self, form: ConferenceEditForm) -> str:
        data = form.cleaned_data
        services.edit_conference(
            self.request.user,
            self.conference,
            expected_version=data["version"],
            held_on=data["held_on"],
            agencies_invited=data["agencies_invited"],
            agencies_attended=data["agencies_attended"],
            family_invited=data["family_invited"],
            family_attended=data["family_attended"],
            reports_received=data["reports_received"],
        )
        return self.conference.get_absolute_url()


class FinaliseConference(ConferenceFormView):
    """The conference record: the child's views and how they took part, the parents' views, the
    decision. A long form: it autosaves while the chair types."""

    form_class = FinaliseConferenceForm
    title = "Finalise the conference"
    submit_label = "Finalise"
    success_message = "Conference finalised"

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.conference.version}

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
            expected_version=data["version"],
        )
        plan = ChildProtectionPlan.objects.filter(initial_conference=self.conference).first()
        return plan.get_absolute_url() if plan else self.conference.get_absolute_url()


class PlanFormView(PersonFormView):
    plan: ChildProtectionPlan

    def load(self) -> None:
        self.plan = access.plan_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["record_id"]
        )
        self.person = self.plan.person

    def back_url(self) -> str:
        return self.plan.get_absolute_url()


class EditPlan(PlanFormView):
    form_class = PlanEditForm
    title = "Change the child protection plan"
    submit_label = "Save the plan"
    success_message = "Plan changed"

    def get_initial(self) -> dict[str, Any]:
        return {
            "outline": self.plan.outline,
            "visit_frequency_days": self.plan.visit_frequency_days,
            "version": self.plan.version,
        }

    def submit(self, form: PlanEditForm) -> str:
        data = form.cleaned_data
        services.edit_plan(
            self.request.user,
            self.plan,
            expected_version=data["version"],
            outline=data["outline"],
            visit_frequency_days=data["visit_frequency_days"],
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Status", current.get_status_display()),
            ("Outline plan", current.outline or "-"),
            ("Visits", f"At least every {current.visit_frequency_days} working days"),
        ]


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


class EditCoreGroup(PlanFormView):
    form_class = CoreGroupForm
    title = "Change a core group meeting"
    submit_label = "Save meeting"
    success_message = "Core group meeting changed"
    meeting: CoreGroupMeeting

    def load(self) -> None:
        self.meeting = access.core_group_for_change(
            self.request.user,
            self.kwargs["person_id"],
            self.kwargs["record_id"],
            self.kwargs["meeting_id"],
        )
        self.plan = self.meeting.plan
        self.person = self.plan.person

    def get_initial(self) -> dict[str, Any]:
        return {
            "held_on": self.meeting.held_on,
            "attendees": self.meeting.attendees,
            "progress": self.meeting.progress,
            "version": self.meeting.version,
        }

    def submit(self, form: CoreGroupForm) -> str:
        data = form.cleaned_data
        services.edit_core_group(
            self.request.user,
            self.meeting,
            expected_version=data["version"],
            held_on=data["held_on"],
            attendees=data["attendees"],
            progress=data["progress"],
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Date of the meeting", _date(current.held_on)),
            ("Who attended", current.attendees),
            ("Progress against the plan", current.progress),
        ]


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


class EditCPVisit(PlanFormView):
    form_class = CPVisitForm
    title = "Change a child protection visit"
    submit_label = "Save visit"
    success_message = "Visit changed"
    visit: CPVisit

    def load(self) -> None:
        self.visit = access.visit_for_change(
            self.request.user,
            self.kwargs["person_id"],
            self.kwargs["record_id"],
            self.kwargs["visit_id"],
        )
        self.plan = self.visit.plan
        self.person = self.plan.person

    def get_initial(self) -> dict[str, Any]:
        return {
            "visited_on": self.visit.visited_on,
            "bedroom_seen": as_yes_no(self.visit.bedroom_seen),
            "observations": self.visit.observations,
            "version": self.visit.version,
            **voice_initial(self.visit),
        }

    def submit(self, form: CPVisitForm) -> str:
        data = form.cleaned_data
        services.edit_cp_visit(
            self.request.user,
            self.visit,
            expected_version=data["version"],
            visited_on=data["visited_on"],
            observations=data["observations"],
            bedroom_seen=yes_no(data["bedroom_seen"]),
            voice=form.voice_data(),
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Date of the visit", _date(current.visited_on)),
            *_voice_rows(current),
            ("Bedroom seen", _yes_no(current.bedroom_seen)),
            ("What was seen and heard", current.observations),
        ]


class RecordBirth(PlanFormView):
    """The birth of a child on a pre-birth plan starts the clock for the first review."""

    form_class = BirthForm
    title = "Record the birth"
    submit_label = "Save the date of birth"
    success_message = "Birth recorded; the first review conference date has been worked out again"

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.person.version}

    def submit(self, form: BirthForm) -> str:
        services.record_birth(
            self.request.user,
            self.plan,
            born_on=form.cleaned_data["born_on"],
            expected_version=form.cleaned_data["version"],
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        if current.date_of_birth:
            born = _date(current.date_of_birth)
        else:
            born = f"Expected {_date(current.expected_date_of_birth)}"
        return [("Name", current.full_name), ("Date of birth", born)]


class EndPlan(PlanFormView):
    form_class = EndPlanForm
    title = "End the child protection plan"
    submit_label = "End the plan"
    success_message = "Plan ended"

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.plan.version}

    def submit(self, form: EndPlanForm) -> str:
        data = form.cleaned_data
        services.end_plan(
            self.request.user,
            self.plan,
            ended_on=data["ended_on"],
            reason=data["end_reason"],
            expected_version=data["version"],
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Status", current.get_status_display()),
            ("Outline plan", current.outline or "-"),
            ("Ended", _date(current.ended_on) if current.ended_on else "-"),
        ]


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
