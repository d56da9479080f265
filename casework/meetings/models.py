"""Meetings that decide about a child, other than child protection conferences (which belong to
casework.protection): child in need meetings, professionals' meetings, family and network
meetings, and plan review meetings held apart from a recorded plan review.

A meeting is written up as a draft and then finalised. Finalising is what makes its decisions
part of the record, so it needs the child's voice (Children Act 1989 s17(4A)), the minutes, at
least one decision, and whether each person invited came. The database refuses a finalised
meeting without the child's voice, whatever code path tried to write it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from casework.cases.voice import ChildVoice
from casework.common.models import PublicIdModel, VersionedModel

# A finalised meeting says whether the child was seen and either gives their views or why they
# could not be gathered: the same rule as `check_voice(require=True)`, held by the database.
VOICE_RECORDED = models.Q(child_seen__isnull=False) & (
    ~models.Q(views="") | ~models.Q(views_not_gathered_reason="")
)


class Meeting(VersionedModel, ChildVoice):
    class Kind(models.TextChoices):
        CHILD_IN_NEED = "child_in_need", "Child in need meeting"
        PLAN_REVIEW = "plan_review", "Plan review meeting"
        PROFESSIONALS = "professionals", "Professionals' meeting"
        FAMILY = "family", "Family meeting"
        NETWORK = "network", "Network meeting"
        OTHER = "other", "Another meeting about the child"

    class Status(models.TextChoices):
        DRAFT = "draft", "Minutes not finalised"
        FINALISED = "finalised", "Finalised"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="meetings")
    # The referral open when the meeting was recorded, if there was one: returns and the
    # chronology group meetings by episode.
    episode = models.ForeignKey(
        "cases.Episode", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField("Type of meeting", max_length=20, choices=Kind.choices)
    held_on = models.DateField("Date of the meeting")
    # The time of day as the invitation gave it, in the council's local time.
    starts_at = models.TimeField("Start time")
    location = models.CharField("Where", max_length=200, blank=True)
    purpose = models.TextField("Why the meeting is being held")
    minutes = models.TextField("Minutes: what was discussed", blank=True)
    # Who in the family sees the meeting is not kept here: a worker chooses named family
    # members in the family portal (casework.portal), for the meeting before it happens and for
    # its minutes once finalised, so there is one place that says who sees what.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-starts_at", "-created_at"]
        indexes = [
            models.Index(fields=["person", "-held_on"], name="meeting_person_held"),
            models.Index(fields=["status", "held_on"], name="meeting_status_held"),
            # A child's next planned meeting, on every case summary: without it SQLite reads
            # every planned meeting in the council.
            models.Index(fields=["person", "status", "held_on"], name="meeting_person_status_held"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(purpose=""), name="meeting_has_purpose"),
            models.CheckConstraint(
                condition=~models.Q(status="finalised")
                | (
                    VOICE_RECORDED
                    & ~models.Q(minutes="")
                    & models.Q(finalised_at__isnull=False, finalised_by__isnull=False)
                ),
                name="meeting_finalised_with_voice_and_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.person_id, self.pk])

    @property
    def is_finalised(self) -> bool:
        return self.status == self.Status.FINALISED


class Attendee(PublicIdModel):
    """Someone invited to the meeting, or who came without an invitation."""

    class Group(models.TextChoices):
        FAMILY = "family", "Family or friend"
        AGENCY = "agency", "Agency (school, health, police, housing…)"
        PROFESSIONAL = "professional", "Council professional"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField("Name", max_length=200)
    group = models.CharField("Who they are", max_length=20, choices=Group.choices)
    role = models.CharField("Role or relationship to the child", max_length=200, blank=True)
    organisation = models.CharField("Organisation", max_length=200, blank=True)
    invited = models.BooleanField("Were they invited?", default=True)
    attended = models.BooleanField("Did they attend?", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["meeting", "created_at"], name="attendee_meeting")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="attendee_has_name"),
            # Someone who was neither invited nor came has no place on the list.
            models.CheckConstraint(
                condition=models.Q(invited=True) | models.Q(attended=True),
                name="attendee_invited_or_came",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Decision(PublicIdModel):
    """What the meeting decided about the child."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    decision = models.TextField("What was decided")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["meeting", "created_at"], name="meetingdecision_meeting")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(decision=""), name="meetingdecision_says")
        ]

    def __str__(self) -> str:
        return self.decision[:80]


class MeetingAction(PublicIdModel):
    """Something the meeting agreed someone will do, by a date."""

    class OwnerType(models.TextChoices):
        WORKER = "worker", "Worker"
        FAMILY_MEMBER = "family_member", "Family member"
        AGENCY = "agency", "Agency"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField("What will be done")
    owner_name = models.CharField("Who will do it", max_length=200)
    owner_type = models.CharField("Who they are", max_length=20, choices=OwnerType.choices)
    due_on = models.DateField("By when")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["meeting", "due_on"], name="meetingaction_meeting_due")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(what=""), name="meetingaction_says_what"),
            models.CheckConstraint(
                condition=~models.Q(owner_name=""), name="meetingaction_has_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.what[:80]


class FamilyView(PublicIdModel):
    """What someone in the child's family said before the meeting, sent through the family
    portal. A worker read it first and chose to put it on the meeting's record."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="family_views")
    given_by = models.CharField("From", max_length=200)
    relationship = models.CharField("Who they are to the child", max_length=100, blank=True)
    text = models.TextField("Their views")
    sent_on = models.DateField("Sent on")
    # What it came from in the family portal, kept as an id so meetings need not know the
    # portal's models; the same contribution cannot be added twice.
    source_id = models.UUIDField(null=True, blank=True, unique=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        indexes = [models.Index(fields=["meeting", "added_at"], name="familyview_meeting")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="familyview_says"),
            models.CheckConstraint(condition=~models.Q(given_by=""), name="familyview_from"),
        ]

    def __str__(self) -> str:
        return f"Views from {self.given_by}"
