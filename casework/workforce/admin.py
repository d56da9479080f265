from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from casework.common.errors import RuleBroken
from casework.workforce import recruitment
from casework.workforce.models import (
    AcademyCohort,
    Application,
    Booking,
    CareersPage,
    CaseloadThreshold,
    CaseloadWeight,
    Champion,
    Council,
    Event,
    PooledQuestion,
    PooledStory,
    Question,
    Region,
    StaffRecord,
    Story,
    Trainee,
    TrainingSession,
    Vacancy,
)


@admin.register(StaffRecord)
class StaffRecordAdmin(admin.ModelAdmin):
    """Administrators keep staff records here; the workforce pages and the census read them."""

    list_display = ("user", "org_role", "fte", "contract", "started_on", "left_on", "asye")
    list_filter = ("contract", "org_role", "asye", "practice_educator")
    search_fields = ("user__first_name", "user__last_name", "user__username", "swe_number")
    autocomplete_fields = ("user",)
    exclude = ("version",)


@admin.register(CaseloadWeight)
class CaseloadWeightAdmin(admin.ModelAdmin):
    list_display = ("status", "weight", "updated_at")


@admin.register(CaseloadThreshold)
class CaseloadThresholdAdmin(admin.ModelAdmin):
    """A row with no team is the council's default; a team's row overrides it."""

    list_display = ("team", "target", "alert")


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ("title", "team", "status", "opened_on", "closes_on", "fte")
    list_filter = ("status", "team")
    search_fields = ("title", "description")
    exclude = ("version",)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Applicants' personal data: administrators are recruitment staff."""

    list_display = ("vacancy", "name", "email", "stage", "created_at")
    list_filter = ("stage",)
    search_fields = ("name", "email")
    readonly_fields = ("consent_given_at",)


@admin.register(CareersPage)
class CareersPageAdmin(admin.ModelAdmin):
    """The council's own pages on the careers site: practice principles, why work here."""

    list_display = ("title", "slug", "published", "order")
    prepopulated_fields = {"slug": ("title",)}
    exclude = ("version",)


@admin.register(Champion)
class ChampionAdmin(admin.ModelAdmin):
    list_display = ("name", "job_title", "active")


def _each(request: HttpRequest, items: QuerySet[Any], act: Any, done: str) -> None:
    changed = 0
    for item in items:
        try:
            act(item)
        except RuleBroken as broken:
            messages.error(request, f"{item}: {broken.message}")
        else:
            changed += 1
    if changed:
        messages.success(request, f"{done}: {changed}")


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    """Stories are published by the Approve action, which insists on consent first."""

    list_display = ("title", "told_by", "teller", "consent_given_on", "approved_at")
    readonly_fields = ("approved_at", "approved_by")
    exclude = ("version",)
    actions = ["approve"]

    @admin.action(description="Approve and publish the selected stories")
    def approve(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        _each(request, queryset, lambda s: recruitment.approve_story(request.user, s), "Approved")


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Moderation: reject, or choose a champion (assigns it); the champion's answer is typed
    here; the Publish action shows an answered question with its answer."""

    list_display = ("text", "status", "champion", "created_at", "published_at")
    list_filter = ("status",)
    fields = ("text", "asked_by", "status", "champion", "answer", "shared_with_region")
    readonly_fields = ("text", "asked_by", "status")
    actions = ["reject", "publish"]

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        # Changes go through the services so each step is checked and audited.
        stored = Question.objects.get(pk=obj.pk)
        try:
            if obj.champion_id and obj.champion_id != stored.champion_id and obj.champion:
                recruitment.assign_question(request.user, stored, obj.champion)
                stored.refresh_from_db()
            if obj.answer.strip() and obj.answer != stored.answer:
                recruitment.answer_question(request.user, stored, obj.answer)
        except RuleBroken as broken:
            messages.error(request, broken.message)
        if obj.shared_with_region != stored.shared_with_region:
            Question.objects.filter(pk=obj.pk).update(shared_with_region=obj.shared_with_region)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Reject the selected questions")
    def reject(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        _each(request, queryset, lambda q: recruitment.reject_question(request.user, q), "Rejected")

    @admin.action(description="Publish the selected answered questions")
    def publish(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        _each(
            request,
            queryset,
            lambda q: recruitment.publish_question(request.user, q),
            "Published",
        )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "format", "starts_at", "capacity", "published")
    list_filter = ("format", "published")


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are personal data: administrators are recruitment staff. Attendance is
    recorded here."""

    list_display = ("event", "name", "email", "created_at", "cancelled_at", "attended")
    list_filter = ("event",)
    readonly_fields = ("event", "name", "email", "reference", "cancelled_at")


class TraineeInline(admin.TabularInline):
    model = Trainee
    fields = ("name", "email", "mentor", "completed_on")
    autocomplete_fields = ("mentor",)
    extra = 0


@admin.register(AcademyCohort)
class AcademyCohortAdmin(admin.ModelAdmin):
    """The academy's cohorts, each trainee with their one-to-one mentor and completion date."""

    list_display = ("name", "starts_on", "ends_on")
    inlines = [TraineeInline]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    """The academy's training sessions, with the trainees who attended."""

    list_display = ("title", "cohort", "held_on")
    list_filter = ("cohort",)
    filter_horizontal = ("attended_by",)


class CouncilInline(admin.TabularInline):
    model = Council
    fields = ("name", "la_code", "home", "careers_url", "last_imported_at")
    readonly_fields = ("last_imported_at",)
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """The region this council shares stories and answers with: a row for each member council,
    this one marked home. Neighbours' feeds come in with `casework regional_pool import`."""

    list_display = ("name",)
    inlines = [CouncilInline]


class _PooledAdmin(admin.ModelAdmin):
    """Copies of other councils' shared items, replaced at each import: read them here, change
    them at their own council."""

    list_filter = ("council",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PooledStory)
class PooledStoryAdmin(_PooledAdmin):
    list_display = ("title", "council", "published_at", "imported_at")


@admin.register(PooledQuestion)
class PooledQuestionAdmin(_PooledAdmin):
    list_display = ("text", "council", "champion_name", "published_at", "imported_at")
