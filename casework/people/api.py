import datetime
import uuid
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from casework.audit import services as audit
from casework.people import access, selectors
from casework.people.models import Person

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
    version: int


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


@router.get("/persons/{person_id}", response=PersonOut, summary="One person's details")
def get_person(request: HttpRequest, person_id: uuid.UUID) -> Person:
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the person's record (API)")
    return person
