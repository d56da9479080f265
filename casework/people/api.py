import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from casework.audit import services as audit
from casework.people import access, search, selectors, services
from casework.people.models import Disability, Ethnicity, Person, Sex

router = Router(tags=["people"])


class PersonOut(Schema):
    id: uuid.UUID
    la_id: str
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: datetime.date | None
    expected_date_of_birth: datetime.date | None
    sex: str
    gender_identity: str
    ethnicity: str
    first_language: str
    disabilities: list[str]
    date_of_death: datetime.date | None
    nhs_number: str
    upn: str
    unique_child_id: str
    version: int


class PersonIn(Schema):
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    preferred_name: str = Field("", max_length=100)
    date_of_birth: datetime.date | None = None
    expected_date_of_birth: datetime.date | None = None
    sex: Sex = Sex.UNKNOWN
    gender_identity: str = Field("", max_length=60)
    ethnicity: Ethnicity = Ethnicity.NOBT
    first_language: str = Field("", max_length=60)
    disabilities: list[Disability] = Field(default_factory=list)
    nhs_number: str = Field("", max_length=12)
    upn: str = Field("", max_length=13)
    unique_child_id: str = Field("", max_length=40)
    confirm_new: bool = Field(
        False, description="Set after checking the likely duplicates a first attempt returned"
    )


class MatchOut(Schema):
    person: PersonOut
    score: float
    reasons: list[str]


class DuplicatesOut(Schema):
    detail: str
    candidates: list[MatchOut]


class PersonFilter(Schema):
    q: str = Field("", max_length=100, description="Words from the name, or the council ID")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)


@router.get("/persons", response=list[PersonOut], summary="People you may see")
def list_persons(request: HttpRequest, filters: Query[PersonFilter]) -> Any:
    people = selectors.visible_to(request.user)
    for word in filters.q.split():
        people = people.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(la_id__iexact=word)
        )
    return list(
        people.order_by("family_name", "given_name", "pk")[
            filters.offset : filters.offset + filters.limit
        ]
    )


@router.get("/persons/search", response=list[MatchOut], summary="Search before create")
def search_persons(
    request: HttpRequest, q: str = Query(..., min_length=1, max_length=200)
) -> list[dict[str, Any]]:
    """Names (with typos), a date of birth, a postcode or an NHS number; ranked, with reasons."""
    return [
        {"person": r.person, "score": r.score, "reasons": list(r.reasons)}
        for r in search.search(request.user, q, limit=10)
    ]


@router.post(
    "/persons",
    response={201: PersonOut, 409: DuplicatesOut},
    summary="Create a person's record (after searching)",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Any:
    if not access.may_create_unrelated_person(request.user):
        raise PermissionDenied("New children are recorded by the front door")
    data = payload.model_dump()
    confirm = data.pop("confirm_new")
    duplicates = search.likely_duplicates(
        request.user, data["given_name"], data["family_name"], data["date_of_birth"]
    )
    if duplicates and not confirm:
        return Status(
            409,
            {
                "detail": "These records may be the same person. Open one, or send again "
                "with confirm_new set to true.",
                "candidates": [
                    {"person": r.person, "score": r.score, "reasons": list(r.reasons)}
                    for r in duplicates
                ],
            },
        )
    return Status(201, services.create_person(request.user, **data))


@router.get("/persons/{person_id}", response=PersonOut, summary="One person's details")
def get_person(request: HttpRequest, person_id: uuid.UUID) -> Person:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the person's record (API)")
    return person
