import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field, field_validator

from casework.audit import services as audit
from casework.cases.models import ReferralSource
from casework.common.errors import RuleBroken
from casework.frontdoor import access, selectors, services
from casework.frontdoor.models import Check, Contact, ContactSubject, Service
from casework.oversight.api import DecisionOut
from casework.people import selectors as people_selectors

router = Router(tags=["front door"])

Method = Contact.Method
Consent = Contact.Consent
Outcome = Contact.Outcome
SubjectRole = ContactSubject.Role
Agency = Check.Agency


def _in_london_if_naive(value: datetime.datetime) -> datetime.datetime:
    # A time sent without an offset is read as the council's local time, as the pages do.
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


class SubjectIn(Schema):
    person_id: uuid.UUID
    role: SubjectRole = SubjectRole.CHILD


class SubjectOut(Schema):
    person_id: uuid.UUID
    name: str
    role: str
    re_referral_within_12_months: bool
    episode_id: uuid.UUID | None

    @staticmethod
    def resolve_name(subject: ContactSubject) -> str:
        return subject.person.full_name


class CheckIn(Schema):
    agency: Agency
    result: str = Field(min_length=1, max_length=20_000)
    checked_at: datetime.datetime | None = Field(None, description="Now if left out")
    checks_complete: bool = Field(
        False, description="True when this was the last check: the contact goes for a decision"
    )

    @field_validator("checked_at")
    @classmethod
    def local_if_naive(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        return _in_london_if_naive(value) if value is not None else None


class CheckOut(Schema):
    id: uuid.UUID
    agency: str
    result: str
    checked_by: str
    checked_at: datetime.datetime

    @staticmethod
    def resolve_checked_by(check: Check) -> str:
        return check.checked_by.get_username()


class ContactIn(Schema):
    received_at: datetime.datetime = Field(description="Without an offset, London time")
    method: Method = Method.PHONE
    source: ReferralSource
    referrer_name: str = Field("", max_length=200)
    referrer_organisation: str = Field("", max_length=200)
    referrer_phone: str = Field("", max_length=40)
    concern: str = Field(min_length=1, max_length=50_000)
    consent: Consent
    consent_reason: str = Field("", max_length=5_000)
    immediate_risk: bool = False
    out_of_hours: bool = False
    people: list[SubjectIn] = Field(min_length=1, max_length=20)

    @field_validator("received_at")
    @classmethod
    def local_if_naive(cls, value: datetime.datetime) -> datetime.datetime:
        return _in_london_if_naive(value)


class ContactOut(Schema):
    id: uuid.UUID
    received_at: datetime.datetime
    recorded_at: datetime.datetime
    recorded_by: str
    method: str
    source: str
    referrer_name: str
    referrer_organisation: str
    referrer_phone: str
    concern: str
    consent: str
    consent_reason: str
    immediate_risk: bool
    out_of_hours: bool
    status: str
    decision_due: datetime.date
    outcome: str
    decided_at: datetime.datetime | None
    version: int
    people: list[SubjectOut]
    checks: list[CheckOut]
    decision: DecisionOut | None
    signposted_to: list[str]
    referred_to_team: str | None

    @staticmethod
    def resolve_recorded_by(contact: Contact) -> str:
        return contact.recorded_by.get_username()

    @staticmethod
    def resolve_people(contact: Contact) -> list[ContactSubject]:
        return list(contact.subjects.all())

    @staticmethod
    def resolve_checks(contact: Contact) -> list[Check]:
        return list(contact.checks.all())

    @staticmethod
    def resolve_signposted_to(contact: Contact) -> list[str]:
        return [service.name for service in contact.signposted_to.all()]

    @staticmethod
    def resolve_referred_to_team(contact: Contact) -> str | None:
        return contact.referred_to_team.name if contact.referred_to_team else None


class DecisionIn(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    outcome: Outcome
    rationale: str = Field(min_length=1, max_length=20_000)
    risks_identified: str = Field("", max_length=20_000)
    next_steps: str = Field("", max_length=20_000)
    services: list[uuid.UUID] = Field(
        default_factory=list, description="Service ids, for advice or signposting"
    )
    team: uuid.UUID | None = Field(None, description="Team id, for a referral")


class ContactFilter(Schema):
    show: str = Field(
        "open", description=f"One of: {', '.join(selectors.TRAY_VIEWS)}", max_length=30
    )
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


def _reload(contact_id: uuid.UUID) -> Contact:
    return selectors.with_details(Contact.objects.all()).get(pk=contact_id)


@router.get("/contacts", response=list[ContactOut], summary="Contacts at the front door")
def list_contacts(request: HttpRequest, filters: Query[ContactFilter]) -> Any:
    access.check_may_read(request.user)
    view = filters.show if filters.show in selectors.TRAY_VIEWS else "open"
    contacts = selectors.in_view(request.user, view, timezone.localdate())
    return list(selectors.with_details(contacts)[filters.offset : filters.offset + filters.limit])


@router.post("/contacts", response={201: ContactOut}, summary="Record a contact")
def record_contact(request: HttpRequest, payload: ContactIn) -> Any:
    access.check_may_record(request.user)
    ids = [subject.person_id for subject in payload.people]
    found = people_selectors.visible_to(request.user).in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise RuleBroken("people", f"No person you can see has the id {', '.join(missing)}")
    data = payload.model_dump(exclude={"people"})
    contact = services.record_contact(
        request.user,
        people=[(found[subject.person_id], subject.role) for subject in payload.people],
        **data,
    )
    return Status(201, _reload(contact.pk))


@router.get("/contacts/{contact_id}", response=ContactOut, summary="One contact")
def get_contact(request: HttpRequest, contact_id: uuid.UUID) -> Contact:
    contact = access.contact_for_view(request.user, contact_id)
    for subject in contact.subjects.all():
        audit.record_view(request.user, subject.person_id, contact, summary="Read a contact (API)")
    return contact


@router.post("/contacts/{contact_id}/checks", response={201: CheckOut}, summary="Record a check")
def record_check(request: HttpRequest, contact_id: uuid.UUID, payload: CheckIn) -> Any:
    contact = access.contact_for_change(request.user, contact_id)
    check = services.record_check(request.user, contact, **payload.model_dump())
    return Status(201, check)


@router.post(
    "/contacts/{contact_id}/decision",
    response=ContactOut,
    summary="Decide a contact (team managers)",
)
def decide_contact(request: HttpRequest, contact_id: uuid.UUID, payload: DecisionIn) -> Contact:
    contact = access.contact_for_decision(request.user, contact_id)
    chosen = Service.objects.in_bulk(payload.services)
    unknown = [str(pk) for pk in payload.services if pk not in chosen]
    if unknown:
        raise RuleBroken("services", f"No service has the id {', '.join(unknown)}")
    team = None
    if payload.team is not None:
        team = selectors.referral_teams().filter(pk=payload.team).first()
        if team is None:
            raise RuleBroken("team", "No team that takes referrals has that id")
    services.decide_contact(
        request.user,
        contact,
        expected_version=payload.version,
        outcome=payload.outcome,
        rationale=payload.rationale,
        risks_identified=payload.risks_identified,
        next_steps=payload.next_steps,
        services=[chosen[pk] for pk in payload.services],
        team=team,
    )
    return _reload(contact.pk)
