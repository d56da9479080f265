"""Recruitment staff's pages: vacancies, champions and moderating their questions, stories and
their consent, the council's own careers pages, events with attendance and follow-up, the
academy's cohorts, taking on a new starter, and the region.

Every view loads through `access` (404 for anyone who is not recruitment staff), calls one
service, and redirects. A refused action comes back as its page with the GOV.UK error summary
(400); an action on something that changed meanwhile comes back with what is saved now (409).
"""

import datetime
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.formviews import NothingLostFormView
from casework.workforce import academy, access, recruitment, selectors, services
from casework.workforce.forms import (
    AnswerForm,
    AssignForm,
    AttendanceForm,
    CancelEventForm,
    CareersPageForm,
    ChampionForm,
    CohortForm,
    EventForm,
    PublishForm,
    SessionAttendanceForm,
    SessionForm,
    StarterForm,
    StoryForm,
    TraineeChangeForm,
    TraineeForm,
    VacancyForm,
)
from casework.workforce.models import (
    AcademyCohort,
    Application,
    CareersPage,
    Champion,
    Council,
    Event,
    Question,
    Story,
    Trainee,
    TrainingSession,
    Vacancy,
)

CHANGED_MEANWHILE = (
    "Someone else changed this while you were looking at it. The page now shows what is saved; "
    "check it before you try again."
)


def _refused(
    request: HttpRequest,
    render_page: Callable[..., HttpResponse],
    error: RuleBroken | StaleVersion,
) -> HttpResponse:
    if isinstance(error, StaleVersion):
        return render_page(problem=("", CHANGED_MEANWHILE), status=409)
    return render_page(problem=(error.field, error.message), status=400)


def _done(request: HttpRequest, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(url)


# Champions' questions --------------------------------------------------------------------------


@require_safe
def question_list(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    return render(
        request,
        "workforce/staff/question_list.html",
        {"groups": selectors.questions_by_status()},
    )


def _question_page(
    request: HttpRequest,
    question: Question,
    *,
    assign_form: AssignForm | None = None,
    publish_form: PublishForm | None = None,
    problem: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    question.refresh_from_db()
    return render(
        request,
        "workforce/staff/question_detail.html",
        {
            "question": question,
            "assign_form": assign_form or AssignForm(initial={"champion": question.champion_id}),
            "publish_form": publish_form or PublishForm(),
            "problem": problem,
        },
        status=status,
    )


@require_safe
def question_detail(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = access.question_for_staff(request.user, question_id)
    return _question_page(request, question)


@require_POST
def assign_question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = access.question_for_staff(request.user, question_id)
    form = AssignForm(data=request.POST)
    if not form.is_valid():
        return _question_page(request, question, assign_form=form, status=400)
    try:
        recruitment.assign_question(request.user, question, form.cleaned_data["champion"])
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _question_page(request, question, **kw), error)
    return _done(
        request,
        f"Question given to {form.cleaned_data['champion'].name}",
        reverse("workforce:staff_question", args=[question.pk]),
    )


@require_POST
def reject_question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = access.question_for_staff(request.user, question_id)
    try:
        recruitment.reject_question(request.user, question)
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _question_page(request, question, **kw), error)
    return _done(request, "Question rejected", reverse("workforce:staff_questions"))


@require_POST
def publish_question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = access.question_for_staff(request.user, question_id)
    form = PublishForm(data=request.POST)
    form.is_valid()
    try:
        recruitment.publish_question(
            request.user,
            question,
            share_with_region=bool(form.cleaned_data.get("share_with_region")),
        )
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _question_page(request, question, **kw), error)
    return _done(
        request,
        "Question and answer published on the careers site",
        reverse("workforce:staff_question", args=[question.pk]),
    )


@require_POST
def unpublish_question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    question = access.question_for_staff(request.user, question_id)
    try:
        recruitment.unpublish_question(request.user, question)
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _question_page(request, question, **kw), error)
    return _done(
        request,
        "Answer taken down from the careers site",
        reverse("workforce:staff_question", args=[question.pk]),
    )


class StaffForm(NothingLostFormView):
    """A recruitment form page: the shared nothing-lost form, with a line of context above."""

    template_name = "workforce/staff/form_page.html"


class AnswerQuestion(StaffForm):
    form_class = AnswerForm
    title = "Record the champion's answer"
    submit_label = "Save the answer"
    success_message = "Answer saved. Publish it when it is ready"
    question: Question

    def load(self) -> None:
        self.question = access.question_for_staff(self.request.user, self.kwargs["question_id"])

    def get_initial(self) -> dict[str, Any]:
        return {"answer": self.question.answer}

    def get_context(self) -> dict[str, Any]:
        return {
            "back_url": reverse("workforce:staff_question", args=[self.question.pk]),
            "question": self.question,
        }

    def submit(self, form: Any) -> str:
        recruitment.answer_question(self.request.user, self.question, form.cleaned_data["answer"])
        return reverse("workforce:staff_question", args=[self.question.pk])

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [("Where it is", current.get_status_display()), ("Answer", current.answer)]


# Stories ----------------------------------------------------------------------------------------


@require_safe
def story_list(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    stories = Story.objects.select_related("approved_by").order_by("-updated_at")
    return render(request, "workforce/staff/story_list.html", {"stories": stories})


def _story_page(
    request: HttpRequest,
    story: Story,
    *,
    problem: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    story.refresh_from_db()
    return render(
        request,
        "workforce/staff/story_detail.html",
        {"story": story, "problem": problem},
        status=status,
    )


@require_safe
def story_detail(request: HttpRequest, story_id: uuid.UUID) -> HttpResponse:
    return _story_page(request, access.story_for_staff(request.user, story_id))


@require_POST
def approve_story(request: HttpRequest, story_id: uuid.UUID) -> HttpResponse:
    story = access.story_for_staff(request.user, story_id)
    try:
        recruitment.approve_story(request.user, story)
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _story_page(request, story, **kw), error)
    return _done(
        request,
        "Story published on the careers site",
        reverse("workforce:staff_story", args=[story.pk]),
    )


@require_POST
def withdraw_story(request: HttpRequest, story_id: uuid.UUID) -> HttpResponse:
    story = access.story_for_staff(request.user, story_id)
    try:
        recruitment.withdraw_story(request.user, story)
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _story_page(request, story, **kw), error)
    return _done(
        request,
        "Story taken down from the careers site",
        reverse("workforce:staff_story", args=[story.pk]),
    )


class NewStory(StaffForm):
    form_class = StoryForm
    title = "Write up a story"
    submit_label = "Save the story"
    success_message = "Story saved. It is not on the careers site until it is approved"

    def load(self) -> None:
        access.check_recruitment_staff(self.request.user)

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("workforce:staff_stories")}

    def submit(self, form: Any) -> str:
        data = {name: form.cleaned_data.get(name) for name in recruitment.STORY_FIELDS}
        story = recruitment.record_story(self.request.user, **data)
        return reverse("workforce:staff_story", args=[story.pk])


class EditStory(StaffForm):
    form_class = StoryForm
    title = "Change a story"
    submit_label = "Save the changes"
    success_message = "Story changed"
    story: Story

    def load(self) -> None:
        self.story = access.story_for_staff(self.request.user, self.kwargs["story_id"])

    def get_initial(self) -> dict[str, Any]:
        initial = {name: getattr(self.story, name) for name in recruitment.STORY_FIELDS}
        return initial | {"version": self.story.version}

    def get_context(self) -> dict[str, Any]:
        return {
            "back_url": reverse("workforce:staff_story", args=[self.story.pk]),
            "story": self.story,
        }

    def submit(self, form: Any) -> str:
        data = {name: form.cleaned_data.get(name) for name in recruitment.STORY_FIELDS}
        recruitment.change_story(
            self.request.user, self.story, expected_version=form.cleaned_data["version"], **data
        )
        return reverse("workforce:staff_story", args=[self.story.pk])

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Title", current.title),
            ("Told by", current.told_by),
            ("The story", current.body),
            ("Transcript", current.transcript or "None"),
            ("Published", "Yes" if current.approved_at else "No"),
        ]


# Events -----------------------------------------------------------------------------------------


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    return render(
        request,
        "workforce/staff/event_list.html",
        {"events": selectors.events_for_staff(), "now": timezone.now()},
    )


def _event_page(
    request: HttpRequest,
    event: Event,
    *,
    attendance_form: AttendanceForm | None = None,
    cancel_form: CancelEventForm | None = None,
    problem: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    event.refresh_from_db()
    follow_up = selectors.event_follow_up(event)
    bookings = [row.booking for row in follow_up]
    if attendance_form is None:
        attendance_form = AttendanceForm(
            bookings=bookings,
            initial={"attended": [str(b.pk) for b in bookings if b.attended]},
        )
    now = timezone.now()
    return render(
        request,
        "workforce/staff/event_detail.html",
        {
            "event": event,
            "follow_up": follow_up,
            "applied": sum(1 for row in follow_up if row.applications),
            "attendance_form": attendance_form,
            "cancel_form": cancel_form or CancelEventForm(),
            "started": event.has_started(now),
            "finished": event.ends_at <= now,
            "problem": problem,
        },
        status=status,
    )


@require_safe
def event_detail(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    return _event_page(request, access.event_for_staff(request.user, event_id))


@require_POST
def record_attendance(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = access.event_for_staff(request.user, event_id)
    bookings = list(event.bookings.filter(cancelled_at__isnull=True))
    form = AttendanceForm(data=request.POST, bookings=bookings)
    if not form.is_valid():
        return _event_page(request, event, attendance_form=form, status=400)
    try:
        came, missed = recruitment.record_attendance(
            request.user, event, set(form.cleaned_data["attended"])
        )
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _event_page(request, event, **kw), error)
    return _done(
        request,
        f"Attendance recorded: {came} came, {missed} did not",
        reverse("workforce:staff_event", args=[event.pk]),
    )


@require_POST
def cancel_event(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = access.event_for_staff(request.user, event_id)
    form = CancelEventForm(data=request.POST)
    if not form.is_valid():
        return _event_page(request, event, cancel_form=form, status=400)
    try:
        told = recruitment.cancel_event(request.user, event, reason=form.cleaned_data["reason"])
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _event_page(request, event, **kw), error)
    return _done(
        request,
        f"Event cancelled; {told} {'person' if told == 1 else 'people'} emailed",
        reverse("workforce:staff_event", args=[event.pk]),
    )


@require_POST
def publish_event(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = access.event_for_staff(request.user, event_id)
    try:
        recruitment.publish_event(request.user, event)
    except (RuleBroken, StaleVersion) as error:
        return _refused(request, lambda **kw: _event_page(request, event, **kw), error)
    return _done(
        request,
        "Event shown on the careers site",
        reverse("workforce:staff_event", args=[event.pk]),
    )


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class NewEvent(StaffForm):
    form_class = EventForm
    title = "Put on an event"
    submit_label = "Save the event"
    success_message = "Event saved"

    def load(self) -> None:
        access.check_recruitment_staff(self.request.user)

    def get_initial(self) -> dict[str, Any]:
        return {"capacity": 60}

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("workforce:staff_events")}

    def submit(self, form: Any) -> str:
        data = form.cleaned_data
        event = recruitment.create_event(
            self.request.user,
            title=data["title"],
            description=data["description"],
            format=data["format"],
            location=data["location"],
            starts_at=_at(data["starts_on"], data["start_time"]),
            ends_at=_at(data["ends_on"], data["end_time"]),
            daily=data["daily"],
            capacity=data["capacity"],
            published=data["published"],
        )
        return reverse("workforce:staff_event", args=[event.pk])


# The academy ------------------------------------------------------------------------------------


@require_safe
def cohort_list(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    return render(
        request, "workforce/staff/cohort_list.html", {"cohorts": selectors.cohorts_for_staff()}
    )


@require_safe
def cohort_detail(request: HttpRequest, cohort_id: uuid.UUID) -> HttpResponse:
    cohort = access.cohort_for_staff(request.user, cohort_id)
    return render(
        request,
        "workforce/staff/cohort_detail.html",
        {"detail": selectors.cohort_detail(cohort), "today": timezone.localdate()},
    )


class NewCohort(StaffForm):
    form_class = CohortForm
    title = "Start an academy cohort"
    submit_label = "Save the cohort"
    success_message = "Cohort saved"

    def load(self) -> None:
        access.check_recruitment_staff(self.request.user)

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("workforce:cohorts")}

    def submit(self, form: Any) -> str:
        data = form.cleaned_data
        cohort = academy.create_cohort(
            self.request.user,
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
        return reverse("workforce:cohort", args=[cohort.pk])


class _InCohort(StaffForm):
    cohort: AcademyCohort

    def load(self) -> None:
        self.cohort = access.cohort_for_staff(self.request.user, self.kwargs["cohort_id"])

    def get_context(self) -> dict[str, Any]:
        return {"back_url": self.cohort_url, "caption": self.cohort.name}

    @property
    def cohort_url(self) -> str:
        return reverse("workforce:cohort", args=[self.cohort.pk])


class AddTrainee(_InCohort):
    form_class = TraineeForm
    title = "Add a trainee"
    submit_label = "Add the trainee"
    success_message = "Trainee added"

    def submit(self, form: Any) -> str:
        data = form.cleaned_data
        academy.add_trainee(
            self.request.user,
            self.cohort,
            name=data["name"],
            email=data["email"],
            mentor=data["mentor"],
        )
        return self.cohort_url


class ChangeTrainee(_InCohort):
    form_class = TraineeChangeForm
    submit_label = "Save"
    success_message = "Trainee updated"
    trainee: Trainee

    def load(self) -> None:
        super().load()
        self.trainee = access.trainee_for_staff(
            self.request.user, self.cohort, self.kwargs["trainee_id"]
        )
        self.title = f"Mentor and completion: {self.trainee.name}"

    def get_initial(self) -> dict[str, Any]:
        return {"mentor": self.trainee.mentor_id, "completed_on": self.trainee.completed_on}

    def submit(self, form: Any) -> str:
        data = form.cleaned_data
        academy.change_trainee(
            self.request.user,
            self.trainee,
            mentor=data["mentor"],
            completed_on=data["completed_on"],
        )
        return self.cohort_url


class AddSession(_InCohort):
    form_class = SessionForm
    title = "Plan a training session"
    submit_label = "Save the session"
    success_message = "Session saved"

    def submit(self, form: Any) -> str:
        data = form.cleaned_data
        academy.add_session(
            self.request.user, self.cohort, title=data["title"], held_on=data["held_on"]
        )
        return self.cohort_url


def _session_page(
    request: HttpRequest,
    session: TrainingSession,
    form: SessionAttendanceForm | None = None,
    *,
    problem: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None:
        form = SessionAttendanceForm(
            cohort=session.cohort,
            initial={"attended_by": [t.pk for t in session.attended_by.all()]},
        )
    return render(
        request,
        "workforce/staff/session_attendance.html",
        {
            "session": session,
            "form": form,
            "problem": problem,
            "held": session.held_on <= timezone.localdate(),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def session_attendance(
    request: HttpRequest, cohort_id: uuid.UUID, session_id: uuid.UUID
) -> HttpResponse:
    cohort = access.cohort_for_staff(request.user, cohort_id)
    session = access.session_for_staff(request.user, cohort, session_id)
    if request.method != "POST":
        return _session_page(request, session)
    form = SessionAttendanceForm(data=request.POST, cohort=cohort)
    if not form.is_valid():
        return _session_page(request, session, form, status=400)
    try:
        came = academy.record_session_attendance(
            request.user, session, form.cleaned_data["attended_by"]
        )
    except RuleBroken as error:
        return _session_page(
            request, session, form, problem=(error.field, error.message), status=400
        )
    return _done(
        request,
        f"Attendance recorded: {came} came",
        reverse("workforce:cohort", args=[cohort.pk]),
    )


# Applications: the CV and the new starter -------------------------------------------------------


@require_safe
def application_cv(request: HttpRequest, application_id: uuid.UUID) -> HttpResponseBase:
    """The applicant's CV, for recruitment staff. Each download is on the audit trail, as it is
    personal data leaving the system."""
    application = access.application_for_view(request.user, application_id)
    try:
        handle = application.cv.open("rb")
    except (FileNotFoundError, ValueError):
        return render(request, "errors/404.html", status=404)
    audit.record(request.user, Action.VIEW, obj=application, summary="Downloaded an applicant's CV")
    extension = application.cv.name.rsplit(".", 1)[-1].lower() if application.cv.name else "txt"
    return FileResponse(
        handle, as_attachment=True, filename=f"cv-{application.pk.hex[:8]}.{extension}"
    )


class StartStarter(StaffForm):
    form_class = StarterForm
    title = "Record that they have started"
    submit_label = "Add them to the workforce"
    success_message = (
        "Added to the workforce, with a staff record. Ask an administrator to set up their sign-in"
    )
    application: Application

    def load(self) -> None:
        self.application = access.application_for_view(
            self.request.user, self.kwargs["application_id"]
        )

    def get_initial(self) -> dict[str, Any]:
        first, _, last = self.application.name.partition(" ")
        return {
            "first_name": first,
            "last_name": last,
            "team": self.application.vacancy.team_id,
            "fte": self.application.vacancy.fte,
            "org_role": "5",
        }

    def get_context(self) -> dict[str, Any]:
        return {
            "back_url": self.application.get_absolute_url(),
            "caption": f"{self.application.name}, {self.application.vacancy.title}",
        }

    def submit(self, form: Any) -> str:
        data = form.cleaned_data
        services.start_new_starter(
            self.request.user,
            self.application,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            team=data["team"],
            org_role=data["org_role"],
            fte=data["fte"],
        )
        return self.application.get_absolute_url()


# The region -------------------------------------------------------------------------------------


@require_safe
def region_page(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    home = selectors.home_council()
    councils = (
        Council.objects.filter(region_id=home.region_id).order_by("-home", "name")
        if home
        else Council.objects.none()
    )
    councils = councils.annotate(
        stories=Count("pooled_stories", distinct=True),
        questions=Count("pooled_questions", distinct=True),
    )
    return render(
        request,
        "workforce/staff/region.html",
        {
            "home": home,
            "councils": councils,
            "shared_stories": selectors.own_published_stories()
            .filter(shared_with_region=True)
            .count(),
            "shared_questions": Question.objects.filter(
                status=Question.Status.PUBLISHED, shared_with_region=True
            ).count(),
        },
    )


# Vacancies --------------------------------------------------------------------------------------


@require_safe
def vacancy_list(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    vacancies = (
        Vacancy.objects.select_related("team")
        .annotate(applied=Count("applications"))
        .order_by("-opened_on", "title")
    )
    return render(
        request,
        "workforce/staff/vacancy_list.html",
        {"vacancies": vacancies, "today": timezone.localdate()},
    )


class NewVacancy(StaffForm):
    form_class = VacancyForm
    title = "Add a vacancy"
    submit_label = "Save the vacancy"
    success_message = "Vacancy saved"

    def load(self) -> None:
        access.check_recruitment_staff(self.request.user)

    def get_initial(self) -> dict[str, Any]:
        return {
            "fte": 1,
            "opened_on": timezone.localdate(),
            "status": Vacancy.Status.DRAFT,
            "social_work_post": True,
        }

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("workforce:staff_vacancies")}

    def submit(self, form: Any) -> str:
        data = {name: form.cleaned_data.get(name) for name in services.VACANCY_FIELDS}
        services.create_vacancy(self.request.user, **data)
        return reverse("workforce:staff_vacancies")


class EditVacancy(NewVacancy):
    title = "Change a vacancy"
    success_message = "Vacancy changed"
    vacancy: Vacancy

    def load(self) -> None:
        access.check_recruitment_staff(self.request.user)
        self.vacancy = access.vacancy_for_staff(self.request.user, self.kwargs["vacancy_id"])

    def get_initial(self) -> dict[str, Any]:
        initial = {name: getattr(self.vacancy, name) for name in services.VACANCY_FIELDS}
        return initial | {"team": self.vacancy.team_id, "version": self.vacancy.version}

    def submit(self, form: Any) -> str:
        data = {name: form.cleaned_data.get(name) for name in services.VACANCY_FIELDS}
        services.change_vacancy(
            self.request.user, self.vacancy, expected_version=form.cleaned_data["version"], **data
        )
        return reverse("workforce:staff_vacancies")

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Job title", current.title),
            ("Closing date", f"{current.closes_on:%-d %B %Y}"),
            ("Where the vacancy is", current.get_status_display()),
            ("Description", current.description),
        ]


# Champions --------------------------------------------------------------------------------------


def _champions_page(
    request: HttpRequest,
    form: ChampionForm | None = None,
    *,
    problem: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    champions = Champion.objects.select_related("user").annotate(
        published=Count("questions", filter=Q(questions__status=Question.Status.PUBLISHED))
    )
    return render(
        request,
        "workforce/staff/champions.html",
        {
            "champions": champions.order_by("-active", "name"),
            "form": form or ChampionForm(),
            "problem": problem,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def champions(request: HttpRequest) -> HttpResponse:
    """The champions, and the form that adds one."""
    access.check_recruitment_staff(request.user)
    if request.method != "POST":
        return _champions_page(request)
    form = ChampionForm(data=request.POST)
    if not form.is_valid():
        return _champions_page(request, form, status=400)
    try:
        champion = recruitment.add_champion(
            request.user,
            name=form.cleaned_data["name"],
            job_title=form.cleaned_data["job_title"],
            user=form.cleaned_data["user"],
        )
    except RuleBroken as broken:
        form.add_error(broken.field if broken.field in form.fields else None, broken.message)
        return _champions_page(request, form, status=400)
    return _done(request, f"{champion.name} added as a champion", reverse("workforce:champions"))


@require_POST
def champion_active(request: HttpRequest, champion_id: uuid.UUID) -> HttpResponse:
    champion = access.champion_for_staff(request.user, champion_id)
    active = request.POST.get("active") == "yes"
    try:
        recruitment.set_champion_active(request.user, champion, active=active)
    except RuleBroken as broken:
        return _champions_page(request, problem=(broken.field, broken.message), status=400)
    message = "is answering questions again" if active else "will not be given more questions"
    return _done(request, f"{champion.name} {message}", reverse("workforce:champions"))


# The council's own pages ------------------------------------------------------------------------


@require_safe
def page_list(request: HttpRequest) -> HttpResponse:
    access.check_recruitment_staff(request.user)
    return render(
        request,
        "workforce/staff/page_list.html",
        {"pages": CareersPage.objects.order_by("order", "title")},
    )


class NewPage(StaffForm):
    form_class = CareersPageForm
    title = "Write a careers page"
    submit_label = "Save the page"
    success_message = "Page saved"

    def load(self) -> None:
        access.check_recruitment_staff(self.request.user)

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("workforce:careers_pages")}

    def submit(self, form: Any) -> str:
        data = {name: form.cleaned_data.get(name) for name in recruitment.PAGE_FIELDS}
        recruitment.create_page(self.request.user, **data)
        return reverse("workforce:careers_pages")


class EditPage(NewPage):
    title = "Change a careers page"
    success_message = "Page changed"
    careers_page: CareersPage

    def load(self) -> None:
        self.careers_page = access.careers_page_for_staff(self.request.user, self.kwargs["page_id"])

    def get_initial(self) -> dict[str, Any]:
        initial = {name: getattr(self.careers_page, name) for name in recruitment.PAGE_FIELDS}
        return initial | {"version": self.careers_page.version}

    def submit(self, form: Any) -> str:
        data = {name: form.cleaned_data.get(name) for name in recruitment.PAGE_FIELDS}
        recruitment.change_page(
            self.request.user,
            self.careers_page,
            expected_version=form.cleaned_data["version"],
            **data,
        )
        return reverse("workforce:careers_pages")

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [("Title", current.title), ("The page", current.body)]
