import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from casework.accounts.models import Team
from casework.common.errors import RuleBroken, StaleVersion
from casework.lib import caseload
from casework.workforce import access, ratelimit, recruitment, region, selectors, services
from casework.workforce.forms import (
    ApplicationForm,
    BookingForm,
    ForecastForm,
    QuestionForm,
    StageForm,
    StartersForm,
)
from casework.workforce.models import (
    Application,
    Booking,
    CareersPage,
    Event,
    PooledStory,
    Story,
    Vacancy,
)

HONEYPOT = "website"
APPLY_SCOPE = "apply"
QUESTION_SCOPE = "question"
BOOKING_SCOPE = "booking"
RATE_LIMITED = "You have sent several of these in the last hour. Wait an hour and try again."

# Staff side -----------------------------------------------------------------------------------


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """Caseloads across the teams the user may see: a head of service sees every team."""
    user: Any = request.user
    access.check_may_see_workforce(user)
    today = timezone.localdate()
    teams = selectors.team_caseloads(selectors.teams_visible_to(user), today)
    return render(
        request,
        "workforce/overview.html",
        {
            "teams": teams,
            "today": today,
            "can_see_dashboard": access.can_see_recruitment_figures(user),
        },
    )


@require_safe
def team(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    """One team's caseloads, its alerts, and the forecast for a target and new starters."""
    user: Any = request.user
    access.check_may_see_workforce(user)
    found = access.team_for_view(user, team_id)
    today = timezone.localdate()
    summary = selectors.team_caseload(found, today)
    form = ForecastForm(data=request.GET or None, initial={"target": summary.target})
    status = 200
    target: Decimal = summary.target
    starters = 1
    if form.is_bound:
        if form.is_valid():
            target = form.cleaned_data["target"] or summary.target
            starters = form.cleaned_data["starters"]
            starters = 1 if starters is None else starters
        else:
            status = 400
    else:
        form = ForecastForm(initial={"target": summary.target, "starters": 1})
    forecast: caseload.Forecast = summary.forecast(starters=starters, target=target)
    return render(
        request,
        "workforce/team.html",
        {"summary": summary, "form": form, "forecast": forecast, "today": today},
        status=status,
    )


@require_safe
def applications(request: HttpRequest) -> HttpResponse:
    """Applications received, for recruitment staff only."""
    user: Any = request.user
    access.check_recruitment_staff(user)
    rows = selectors.applications_visible_to(user).select_related("vacancy__team")[:500]
    return render(request, "workforce/applications.html", {"applications": rows})


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """The recruiter's board: open applications in a column per stage."""
    user: Any = request.user
    access.check_recruitment_staff(user)
    rows = (
        selectors.applications_visible_to(user)
        .exclude(stage__in=services.CLOSED_STAGES)
        .select_related("vacancy", "academy_graduate")
        .order_by("created_at")
    )
    columns: dict[str, list[Any]] = {stage: [] for stage in services.PIPELINE}
    for row in rows:
        columns[row.stage].append(row)
    labels = dict(Application.Stage.choices)
    return render(
        request,
        "workforce/board.html",
        {"columns": [(labels[stage], items) for stage, items in columns.items()]},
    )


@require_http_methods(["GET", "POST"])
def application(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    """One application, for recruitment staff, with the form that moves it along."""
    user: Any = request.user
    found = access.application_for_view(user, application_id)
    template = "workforce/application.html"

    def page(form: StageForm, status: int = 200, **extra: Any) -> HttpResponse:
        found.refresh_from_db()
        context = {"application": found, "form": form} | extra
        return render(request, template, context, status=status)

    if request.method != "POST":
        return page(StageForm(current=found.stage))
    form = StageForm(data=request.POST, current=found.stage)
    if not form.is_valid():
        return page(form, 400)
    try:
        services.move_application(
            user,
            found,
            form.cleaned_data["stage"],
            start_date=form.cleaned_data["start_date"],
        )
    except RuleBroken as broken:
        form.add_error(broken.field if broken.field in form.fields else None, broken.message)
        return page(form, 400)
    except StaleVersion:
        # Someone moved it first: show where it is now, and a fresh form from there.
        return page(StageForm(current=found.stage), 409, moved_meanwhile=True)
    messages.success(request, f"Moved to {found.get_stage_display().lower()}")
    return HttpResponseRedirect(found.get_absolute_url())


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    """Recruitment at a glance, beside the caseload forecast: for recruitment staff and heads of
    service. It counts people and names nobody."""
    user: Any = request.user
    access.check_may_see_dashboard(user)
    today = timezone.localdate()
    form = StartersForm(data=request.GET or None)
    starters = 1
    status = 200
    if form.is_bound:
        if not form.is_valid():
            status = 400
        elif form.cleaned_data["starters"] is not None:
            starters = form.cleaned_data["starters"]
    else:
        form = StartersForm(initial={"starters": starters})
    teams = selectors.team_caseloads(
        Team.objects.filter(is_front_door=False).order_by("name"), today
    )
    forecast, forecast_chart = selectors.forecast_bars(teams, starters)
    return render(
        request,
        "workforce/dashboard.html",
        selectors.dashboard(today)
        | {
            "forecast": forecast,
            "forecast_chart": forecast_chart,
            "starters": starters,
            "form": form,
            "today": today,
            "recruitment_staff": access.is_recruitment_staff(user),
        },
        status=status,
    )


# Public careers pages -------------------------------------------------------------------------


@login_not_required
@require_safe
def careers(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "workforce/careers/home.html",
        {
            "vacancies": selectors.published_vacancies(today)[:5],
            "pages": CareersPage.objects.filter(published=True).order_by("order", "title"),
        },
    )


@login_not_required
@require_safe
def vacancies(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "workforce/careers/vacancy_list.html",
        {"vacancies": selectors.published_vacancies(today)},
    )


def _published(vacancy_id: uuid.UUID) -> Vacancy:
    try:
        return selectors.published_vacancies(timezone.localdate()).get(pk=vacancy_id)
    except Vacancy.DoesNotExist:
        raise Http404("No such vacancy") from None


@login_not_required
@require_safe
def vacancy(request: HttpRequest, vacancy_id: uuid.UUID) -> HttpResponse:
    return render(
        request, "workforce/careers/vacancy_detail.html", {"vacancy": _published(vacancy_id)}
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, vacancy_id: uuid.UUID) -> HttpResponse:
    """Apply for a vacancy. CSRF is on, a honeypot field catches form-filling robots, each
    address may make a few applications an hour, and nothing is written unless all is well."""
    found = _published(vacancy_id)
    context: dict[str, Any] = {"vacancy": found, "honeypot": HONEYPOT}
    if request.method != "POST":
        context["form"] = ApplicationForm()
        return render(request, "workforce/careers/apply.html", context)

    def act(data: dict[str, Any]) -> str:
        services.apply_for_vacancy(
            found,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            swe_number=data["swe_number"],
            statement=data["statement"],
            cv=data["cv"],
            consent=data["consent"],
            equality=services.Equality(
                ethnicity=data["ethnicity"],
                gender=data["gender"],
                disabled=data["disabled"],
                age_band=data["age_band"],
            ),
        )
        return reverse("workforce:applied", args=[found.pk])

    form = ApplicationForm(data=request.POST, files=request.FILES)
    return _public_form(request, form, APPLY_SCOPE, "workforce/careers/apply.html", context, act)


@login_not_required
@require_safe
def applied(request: HttpRequest, vacancy_id: uuid.UUID) -> HttpResponse:
    return render(request, "workforce/careers/applied.html", {"vacancy": _published(vacancy_id)})


def _public_form(
    request: HttpRequest,
    form: Any,
    scope: str,
    template: str,
    context: dict[str, Any],
    act: Any,
) -> HttpResponse:
    """The checks every public form makes, in order: the honeypot, the rate limit, the form,
    then the service. Anything refused comes back with its field named and nothing written."""
    context = context | {"form": form, "honeypot": HONEYPOT}
    if request.POST.get(HONEYPOT):
        return render(request, template, context, status=400)
    if ratelimit.exceeded(request, scope):
        form.is_valid()
        form.add_error(None, RATE_LIMITED)
        return render(request, template, context, status=429)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        next_url: str = act(form.cleaned_data)
    except RuleBroken as broken:
        form.add_error(broken.field if broken.field in form.fields else None, broken.message)
        return render(request, template, context, status=400)
    ratelimit.count(request, scope)
    return HttpResponseRedirect(next_url)


@login_not_required
@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    """A page the council writes: practice principles, why work here."""
    try:
        found = CareersPage.objects.get(slug=slug, published=True)
    except CareersPage.DoesNotExist:
        raise Http404("No such page") from None
    paragraphs = [part.strip() for part in found.body.split("\n\n") if part.strip()]
    return render(request, "workforce/careers/page.html", {"page": found, "paragraphs": paragraphs})


@login_not_required
@require_safe
def stories(request: HttpRequest) -> HttpResponse:
    """Our stories and, when the council is in a region, the stories the other councils share,
    each attributed to its council."""
    return render(
        request,
        "workforce/careers/story_list.html",
        {"stories": selectors.stories_for_public(), "home": selectors.home_council()},
    )


@login_not_required
@require_safe
def story(request: HttpRequest, story_id: uuid.UUID) -> HttpResponse:
    found: Story | PooledStory | None = (
        selectors.own_published_stories().filter(pk=story_id).first()
        or selectors.pooled_stories().select_related("council").filter(pk=story_id).first()
    )
    if found is None:
        raise Http404("No such story")
    council = found.council.name if isinstance(found, PooledStory) else ""
    return render(
        request, "workforce/careers/story_detail.html", {"story": found, "from_council": council}
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest) -> HttpResponse:
    """Answered questions, and a form to ask the champions a new one."""
    context: dict[str, Any] = {"questions": selectors.questions_for_public()}
    template = "workforce/careers/questions.html"
    if request.method != "POST":
        return render(request, template, context | {"form": QuestionForm(), "honeypot": HONEYPOT})

    def act(data: dict[str, Any]) -> str:
        recruitment.ask_question(data["text"], data["asked_by"])
        return reverse("workforce:question_sent")

    return _public_form(
        request, QuestionForm(data=request.POST), QUESTION_SCOPE, template, context, act
    )


@login_not_required
@require_safe
def question_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "workforce/careers/question_sent.html")


def _published_event(event_id: uuid.UUID) -> Event:
    try:
        return Event.objects.get(pk=event_id, published=True)
    except Event.DoesNotExist:
        raise Http404("No such event") from None


@login_not_required
@require_safe
def events(request: HttpRequest) -> HttpResponse:
    upcoming = selectors.public_events(timezone.now())
    return render(request, "workforce/careers/event_list.html", {"events": upcoming})


@login_not_required
@require_http_methods(["GET", "POST"])
def event(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    """An event, with the booking form while it has places and has not started."""
    found = _published_event(event_id)
    booked = found.bookings.filter(cancelled_at__isnull=True).count()
    context: dict[str, Any] = {
        "event": found,
        "places_left": max(0, found.capacity - booked),
        "started": found.has_started(timezone.now()),
        "cancelled": found.cancelled_at is not None,
    }
    template = "workforce/careers/event_detail.html"
    if request.method != "POST":
        return render(request, template, context | {"form": BookingForm(), "honeypot": HONEYPOT})

    def act(data: dict[str, Any]) -> str:
        booking = recruitment.book_event(
            found,
            name=data["name"],
            email=data["email"],
            cancel_url_for=lambda b: request.build_absolute_uri(
                reverse("workforce:cancel_booking", args=[b.reference])
            ),
        )
        return reverse("workforce:booked", args=[booking.reference])

    return _public_form(
        request, BookingForm(data=request.POST), BOOKING_SCOPE, template, context, act
    )


def _booking(reference: uuid.UUID) -> Booking:
    try:
        return Booking.objects.select_related("event").get(reference=reference)
    except Booking.DoesNotExist:
        raise Http404("No such booking") from None


@login_not_required
@require_safe
def booked(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    return render(request, "workforce/careers/booked.html", {"booking": _booking(reference)})


@login_not_required
@require_safe
def event_calendar(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    found = _published_event(event_id)
    response = HttpResponse(
        recruitment.event_calendar(found), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="event.ics"'
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def cancel_booking(request: HttpRequest, reference: uuid.UUID) -> HttpResponse:
    """Cancel a place from the link in the confirmation email: a page to confirm, then a POST."""
    booking = _booking(reference)
    context: dict[str, Any] = {"booking": booking}
    template = "workforce/careers/cancel_booking.html"
    if request.method == "POST":
        try:
            recruitment.cancel_booking(reference)
        except RuleBroken as broken:
            return render(request, template, context | {"problem": broken.message}, status=400)
        return render(request, template, context | {"cancelled": True})
    if booking.cancelled_at is not None:
        context["problem"] = "This booking has already been cancelled"
    return render(request, template, context)


@login_not_required
@require_safe
def regional_feed(request: HttpRequest) -> JsonResponse:
    """This council's shared stories and answered questions, for the other councils in its
    region to import. Only what the careers site already shows, and was marked for sharing."""
    response = JsonResponse(region.build_feed())
    response["Cache-Control"] = "public, max-age=300"
    return response
