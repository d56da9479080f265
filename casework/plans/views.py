import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.common.formviews import NothingLostFormView
from casework.oversight.services import may_decide
from casework.people import selectors as people_selectors
from casework.people.models import Person
from casework.plans import access, selectors, services
from casework.plans.forms import (
    ActionForm,
    ActionProgressForm,
    ApprovePlanForm,
    GoalForm,
    PlanReviewForm,
    StartPlanForm,
    VisitForm,
    as_yes_no,
    yes_no,
)
from casework.plans.models import Action, CINPlan, Goal, Visit

# A child visited fortnightly for years has hundreds of visits; the tab shows the newest.
VISITS_ON_TAB = 200


def _yes_no_label(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not recorded") if value is not None else "-"


def _tab(
    request: HttpRequest, person_id: uuid.UUID, tab: str, read: str
) -> tuple[Person, dict[str, Any]]:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary=read)
    return person, {
        "person": person,
        "warnings": people_selectors.active_warnings(person),
        "active_tab": tab,
        "can_change": access.in_allocated_team(request.user, person),
        "today": timezone.localdate(),
    }


@require_safe
def person_plans(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The plans tab of the case record: every child in need plan, newest first. The current
    one (at most one, a database constraint) is first, with its next review and visit."""
    person, context = _tab(request, person_id, "plans", "Read the plans tab")
    plans = list(selectors.plans_for(person)[:50])
    context["plans"] = plans
    context["plan"] = next((plan for plan in plans if plan.is_current), None)
    return render(request, "plans/person_plans.html", context)


@require_safe
def person_visits(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The visits tab: every child in need visit, newest first, and when the next is due."""
    person, context = _tab(request, person_id, "visits", "Read the visits tab")
    context["visits"] = selectors.visits_for(person)[:VISITS_ON_TAB]
    context["plan"] = selectors.current_plan(person)
    return render(request, "plans/person_visits.html", context)


@require_safe
def plan_detail(request: HttpRequest, person_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    loaded = access.plan_for_view(request.user, person_id, plan_id)
    plan = selectors.with_details(CINPlan.objects.filter(pk=loaded.pk)).get()
    person = loaded.person
    audit.record_view(request.user, person.pk, plan, summary="Read a child in need plan")
    can_change = access.in_allocated_team(request.user, person)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "person": person,
            "plan": plan,
            "warnings": people_selectors.active_warnings(person),
            "can_change": can_change and plan.is_current,
            "can_approve": can_change
            and may_decide(request.user)
            and plan.status == CINPlan.Status.AWAITING_APPROVAL,
            "can_review": can_change and plan.status == CINPlan.Status.ACTIVE,
            "today": timezone.localdate(),
        },
    )


@require_safe
def visit_detail(request: HttpRequest, person_id: uuid.UUID, visit_id: uuid.UUID) -> HttpResponse:
    visit = access.visit_for_view(request.user, person_id, visit_id)
    person = visit.person
    audit.record_view(request.user, person.pk, visit, summary="Read a visit")
    return render(
        request,
        "plans/visit_detail.html",
        {
            "person": person,
            "visit": visit,
            "warnings": people_selectors.active_warnings(person),
            "can_change": access.in_allocated_team(request.user, person),
        },
    )


class PersonFormView(NothingLostFormView):
    person: Person

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.back_url(),
        }

    def back_url(self) -> str:
        return reverse("plans:person", args=[self.person.pk])


class StartPlan(PersonFormView):
    form_class = StartPlanForm
    title = "Start a child in need plan"
    submit_label = "Start the plan"
    success_message = "Plan started. Add the goals agreed with the family."

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def submit(self, form: StartPlanForm) -> str:
        plan = services.start_plan(
            self.request.user, self.person, started_on=form.cleaned_data["started_on"]
        )
        return plan.get_absolute_url()


class PlanFormView(PersonFormView):
    plan: CINPlan

    def load(self) -> None:
        self.plan = access.plan_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["plan_id"]
        )
        self.person = self.plan.person

    def back_url(self) -> str:
        return self.plan.get_absolute_url()


class AddGoal(PlanFormView):
    form_class = GoalForm
    title = "Add a goal"
    submit_label = "Save goal"
    success_message = "Goal added"

    def submit(self, form: GoalForm) -> str:
        data = form.cleaned_data
        services.add_goal(
            self.request.user,
            self.plan,
            want_to_change=data["want_to_change"],
            strengths=data["strengths"],
        )
        return self.plan.get_absolute_url()


class AddAction(PlanFormView):
    form_class = ActionForm
    title = "Add an action"
    submit_label = "Save action"
    success_message = "Action added"
    goal: Goal

    def load(self) -> None:
        self.goal = access.goal_for_change(
            self.request.user,
            self.kwargs["person_id"],
            self.kwargs["plan_id"],
            self.kwargs["goal_id"],
        )
        self.plan = self.goal.plan
        self.person = self.plan.person

    def submit(self, form: ActionForm) -> str:
        data = form.cleaned_data
        services.add_action(
            self.request.user,
            self.goal,
            what=data["what"],
            owner_name=data["owner_name"],
            owner_type=data["owner_type"],
            due_on=data["due_on"],
            notes=data["notes"],
        )
        return self.plan.get_absolute_url()


class EditAction(PlanFormView):
    form_class = ActionProgressForm
    title = "Update an action"
    submit_label = "Save progress"
    success_message = "Action updated"
    action: Action

    def load(self) -> None:
        self.action = access.action_for_change(
            self.request.user,
            self.kwargs["person_id"],
            self.kwargs["plan_id"],
            self.kwargs["action_id"],
        )
        self.plan = self.action.goal.plan
        self.person = self.plan.person

    def get_initial(self) -> dict[str, Any]:
        action = self.action
        return {
            "what": action.what,
            "owner_name": action.owner_name,
            "owner_type": action.owner_type,
            "due_on": action.due_on,
            "progress": action.progress,
            "notes": action.notes,
            "version": action.version,
        }

    def submit(self, form: ActionProgressForm) -> str:
        data = form.cleaned_data
        services.update_action(
            self.request.user,
            self.action,
            expected_version=data["version"],
            what=data["what"],
            owner_name=data["owner_name"],
            owner_type=data["owner_type"],
            due_on=data["due_on"],
            progress=data["progress"],
            notes=data["notes"],
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("What will be done", current.what),
            ("Who will do it", f"{current.owner_name} ({current.get_owner_type_display()})"),
            ("By when", f"{current.due_on:%-d %B %Y}"),
            ("Progress", current.get_progress_display()),
            ("Notes", current.notes or "None"),
        ]


class ApprovePlan(PlanFormView):
    form_class = ApprovePlanForm
    template_name = "plans/approve.html"
    title = "Approve the child in need plan"
    submit_label = "Approve the plan"
    success_message = "Plan approved"

    def load(self) -> None:
        self.plan = access.plan_for_approval(
            self.request.user, self.kwargs["person_id"], self.kwargs["plan_id"]
        )
        self.person = self.plan.person

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        if self.plan.status != CINPlan.Status.AWAITING_APPROVAL:
            messages.info(request, "This plan is not waiting for approval")
            return HttpResponseRedirect(self.plan.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.plan.version}

    def get_context(self) -> dict[str, Any]:
        plan = selectors.with_details(CINPlan.objects.filter(pk=self.plan.pk)).get()
        return super().get_context() | {"plan": plan}

    def submit(self, form: ApprovePlanForm) -> str:
        data = form.cleaned_data
        services.approve_plan(
            self.request.user,
            self.plan,
            expected_version=data["version"],
            rationale=data["rationale"],
            risks_identified=data["risks_identified"],
            next_steps=data["next_steps"],
        )
        return self.plan.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        plan = selectors.with_details(CINPlan.objects.filter(pk=current.pk)).get()
        rows = [("Status", plan.get_status_display())]
        for goal in plan.goals.all():
            actions = "; ".join(
                f"{action.what} ({action.owner_name}, {action.get_progress_display().lower()})"
                for action in goal.actions.all()
            )
            rows.append(("Goal", f"{goal.want_to_change}\n{actions}".strip()))
        return rows


class RecordReview(PlanFormView):
    form_class = PlanReviewForm
    title = "Record a plan review"
    submit_label = "Save review"
    success_message = "Review recorded"

    def submit(self, form: PlanReviewForm) -> str:
        data = form.cleaned_data
        services.record_plan_review(
            self.request.user,
            self.plan,
            held_on=data["held_on"],
            outcome=data["outcome"],
            family_views=data["family_views"],
            summary=data["summary"],
            voice=form.voice_data(),
        )
        return self.plan.get_absolute_url()


class RecordVisit(PersonFormView):
    form_class = VisitForm
    title = "Record a visit"
    submit_label = "Save visit"
    success_message = "Visit recorded"

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def back_url(self) -> str:
        return reverse("plans:visits", args=[self.person.pk])

    def submit(self, form: VisitForm) -> str:
        data = form.cleaned_data
        visit = services.record_visit(
            self.request.user,
            self.person,
            visited_on=data["visited_on"],
            bedroom_seen=yes_no(data["bedroom_seen"]),
            observations=data["observations"],
            voice=form.voice_data(),
        )
        return visit.get_absolute_url()


class EditVisit(PersonFormView):
    form_class = VisitForm
    title = "Change a visit"
    submit_label = "Save visit"
    success_message = "Visit changed"
    visit: Visit

    def load(self) -> None:
        self.visit = access.visit_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["visit_id"]
        )
        self.person = self.visit.person

    def back_url(self) -> str:
        return self.visit.get_absolute_url()

    def get_initial(self) -> dict[str, Any]:
        visit = self.visit
        return {
            "visited_on": visit.visited_on,
            "bedroom_seen": as_yes_no(visit.bedroom_seen),
            "observations": visit.observations,
            "child_seen": as_yes_no(visit.child_seen),
            "seen_alone": as_yes_no(visit.seen_alone),
            "not_seen_alone_reason": visit.not_seen_alone_reason,
            "views": visit.views,
            "participation": visit.participation,
            "helped_by": visit.helped_by,
            "views_not_gathered_reason": visit.views_not_gathered_reason,
            "version": visit.version,
        }

    def submit(self, form: VisitForm) -> str:
        data = form.cleaned_data
        services.edit_visit(
            self.request.user,
            self.visit,
            expected_version=data["version"],
            visited_on=data["visited_on"],
            bedroom_seen=yes_no(data["bedroom_seen"]),
            observations=data["observations"],
            **form.voice_data(),
        )
        return self.visit.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Date of the visit", f"{current.visited_on:%-d %B %Y}"),
            ("Child seen", _yes_no_label(current.child_seen)),
            ("Seen alone", _yes_no_label(current.seen_alone)),
            ("Bedroom seen", _yes_no_label(current.bedroom_seen)),
            ("The child's views", current.views or current.views_not_gathered_reason or "-"),
            ("What was seen and heard", current.observations),
        ]
