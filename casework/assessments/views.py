import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.assessments import access, selectors, services
from casework.assessments.forms import (
    SECTIONS,
    AssessmentForm,
    ReviewForm,
    StartAssessmentForm,
    SubmitAssessmentForm,
)
from casework.assessments.models import Assessment
from casework.audit import services as audit
from casework.cases.models import Episode
from casework.common.errors import RuleBroken
from casework.common.formviews import NothingLostFormView
from casework.people import access as people_access
from casework.people import selectors as people_selectors
from casework.people.models import Person


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not recorded")  # type: ignore[arg-type]


def describe(assessment: Assessment) -> list[tuple[str, str]]:
    """The assessment as (label, value) rows: what a colleague saved, shown beside a conflict."""
    return [
        ("Status", assessment.get_status_display()),
        ("Date the assessment started", f"{assessment.started_on:%-d %B %Y}"),
        (
            "Date the child was seen",
            f"{assessment.child_seen_on:%-d %B %Y}" if assessment.child_seen_on else "",
        ),
        ("The child's developmental needs", assessment.developmental_needs),
        ("Parenting capacity", assessment.parenting_capacity),
        ("Family and environmental factors", assessment.family_environment),
        ("Strengths", assessment.strengths),
        ("Risks", assessment.risks),
        ("Risks outside the home", ", ".join(assessment.outside_home_risks) or "None identified"),
        ("Analysis", assessment.analysis),
        ("Was the child seen?", _yes_no(assessment.child_seen)),
        ("Was the child seen alone?", _yes_no(assessment.seen_alone)),
        ("Why the child was not seen alone", assessment.not_seen_alone_reason),
        ("The child's views and wishes", assessment.views),
        ("How the child took part", assessment.get_participation_display()),
        ("Who helped", assessment.get_helped_by_display()),
        ("Why the child's views could not be gathered", assessment.views_not_gathered_reason),
        ("Factors identified", "\n".join(assessment.factor_labels())),
        ("Outcome proposed", assessment.get_outcome_display()),
        ("Why the assessment took longer", assessment.late_reason),
    ]


@require_safe
def assessment_detail(request: HttpRequest, assessment_id: uuid.UUID) -> HttpResponse:
    user: Any = request.user
    assessment = access.assessment_for_view(user, assessment_id)
    person = assessment.person
    audit.record_view(user, person.pk, assessment, summary="Read the assessment")
    today = timezone.localdate()
    can_write = access.may_write(user, person)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "decisions": selectors.decisions_for(assessment),
            "today": today,
            "overdue": assessment.is_overdue(today),
            "can_edit": can_write and assessment.is_editable,
            "can_review": access.may_decide_for(user, person)
            and assessment.status == Assessment.Status.SUBMITTED,
        },
    )


@require_safe
def person_assessments(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The assessments tab of the case record: each referral, newest first, with its
    assessments, and a way to start one on the open referral."""
    user: Any = request.user
    person = people_access.person_for_view(user, person_id)
    audit.record_view(user, person.pk, person, summary="Read the assessments tab")
    episodes = list(selectors.episodes_with_assessments(person)[:50])
    may_write = access.may_write(user, person)
    open_episode = next((e for e in episodes if e.status == Episode.Status.OPEN), None)
    can_start = (
        may_write
        and open_episode is not None
        and all(not a.is_open for a in open_episode.assessments.all())
    )
    return render(
        request,
        "assessments/person_assessments.html",
        {
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "active_tab": "assessments",
            "episodes": episodes,
            "can_start": can_start,
            "today": timezone.localdate(),
        },
    )


class StartAssessment(NothingLostFormView):
    form_class = StartAssessmentForm
    title = "Start the assessment"
    submit_label = "Start the assessment"
    success_message = "Assessment started"
    autosave = False
    person: Person

    def load(self) -> None:
        self.person, self.episode = access.episode_for_start(
            self.request.user, self.kwargs["person_id"]
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        if self.episode is None:
            messages.info(request, "There is no open referral for this child to assess")
            return HttpResponseRedirect(self.person.get_absolute_url())
        current = selectors.open_assessment(self.episode)
        if current is not None:
            messages.info(request, "An assessment is already open for this referral")
            return HttpResponseRedirect(current.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"started_on": timezone.localdate()}

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.person.get_absolute_url(),
        }

    def submit(self, form: StartAssessmentForm) -> str:
        if self.episode is None:
            raise RuleBroken("episode", "There is no open referral for this child to assess")
        assessment = services.start_assessment(
            self.request.user, self.episode, form.cleaned_data["started_on"]
        )
        return reverse("assessments:edit", args=[assessment.pk])


class AssessmentStep(NothingLostFormView):
    """A form about one assessment; `load_assessment` decides who may reach it."""

    assessment: Assessment

    def load_assessment(self) -> Assessment:
        return access.assessment_for_change(self.request.user, self.kwargs["assessment_id"])

    def load(self) -> None:
        self.assessment = self.load_assessment()

    def get_context(self) -> dict[str, Any]:
        person = self.assessment.person
        today = timezone.localdate()
        return {
            "assessment": self.assessment,
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "back_url": self.assessment.get_absolute_url(),
            "today": today,
            "overdue": self.assessment.is_overdue(today),
        }

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return describe(current)


class EditAssessment(AssessmentStep):
    form_class = AssessmentForm
    template_name = "assessments/assessment_form.html"
    title = "Child and family assessment"
    submit_label = "Save"
    success_message = "Assessment saved"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        if not self.assessment.is_editable:
            messages.info(
                request,
                f"This assessment is {self.assessment.get_status_display().lower()} and cannot "
                "be changed",
            )
            return HttpResponseRedirect(self.assessment.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return AssessmentForm.initial_from(self.assessment)

    def get_context(self) -> dict[str, Any]:
        return super().get_context() | {"sections": SECTIONS}

    def render_form(
        self, form: Any, status: int = 200, draft: Any = None, **extra: Any
    ) -> HttpResponse:
        sections = [(heading, [form[name] for name in names]) for heading, names in SECTIONS]
        return super().render_form(form, status, draft, form_sections=sections, **extra)

    def submit(self, form: AssessmentForm) -> str:
        services.update_assessment(
            self.request.user,
            self.assessment,
            form.cleaned_data["version"],
            **form.changes(),
        )
        if self.request.POST.get("then") == "submit":
            return reverse("assessments:submit", args=[self.assessment.pk])
        return self.assessment.get_absolute_url()


class SubmitAssessment(AssessmentStep):
    form_class = SubmitAssessmentForm
    template_name = "assessments/submit.html"
    title = "Submit the assessment for authorisation"
    submit_label = "Submit for authorisation"
    success_message = "Assessment submitted to your manager"
    autosave = False

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.assessment.version}

    def get_context(self) -> dict[str, Any]:
        context = super().get_context()
        missing = services.missing_for_submission(self.assessment, context["today"])
        edit_url = reverse("assessments:edit", args=[self.assessment.pk])
        grouped = ("factors", "outcome", "child_seen", "seen_alone", "child_seen_on")
        context["missing"] = [
            (f"{edit_url}#id_{field}{'_0' if field in grouped else ''}", message)
            for field, message in missing
        ]
        context["editable"] = self.assessment.is_editable
        return context

    def submit(self, form: SubmitAssessmentForm) -> str:
        services.submit_assessment(self.request.user, self.assessment, form.cleaned_data["version"])
        return self.assessment.get_absolute_url()


class ReviewAssessment(AssessmentStep):
    form_class = ReviewForm
    template_name = "assessments/review.html"
    title = "Review the assessment"
    submit_label = "Record decision"
    success_message = "Decision recorded"

    def load_assessment(self) -> Assessment:
        return access.assessment_for_decision(self.request.user, self.kwargs["assessment_id"])

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        if self.assessment.status != Assessment.Status.SUBMITTED:
            messages.info(request, "This assessment is not waiting for authorisation")
            return HttpResponseRedirect(self.assessment.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"version": self.assessment.version, "outcome": self.assessment.outcome}

    def get_context(self) -> dict[str, Any]:
        return super().get_context() | {"rows": describe(self.assessment)}

    def submit(self, form: ReviewForm) -> str:
        data = form.cleaned_data
        if data["decision"] == "return":
            try:
                services.return_assessment(
                    self.request.user, self.assessment, comments=data["rationale"]
                )
            except RuleBroken as broken:
                # The service calls the manager's words "comments"; this form, "rationale".
                if broken.field == "comments":
                    raise RuleBroken("rationale", broken.message) from None
                raise
        else:
            services.authorise_assessment(
                self.request.user,
                self.assessment,
                outcome=data["outcome"],
                rationale=data["rationale"],
                risks_identified=data["risks_identified"],
                next_steps=data["next_steps"],
                primary_need=data["primary_need"],
            )
        return self.assessment.get_absolute_url()
