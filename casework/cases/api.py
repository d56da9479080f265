import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field, field_validator

from casework.audit import services as audit
from casework.cases import access, selectors, services
from casework.cases.models import CaseNote
from casework.people import access as people_access

router = Router(tags=["case notes"])

NoteKind = CaseNote.Kind


class NoteOut(Schema):
    id: uuid.UUID
    kind: str
    occurred_on: datetime.date
    subject: str
    body: str
    author: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_author(note: CaseNote) -> str:
        return note.author.get_username()


class NoteIn(Schema):
    kind: NoteKind
    occurred_on: datetime.date
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=50_000)

    @field_validator("occurred_on")
    @classmethod
    def not_in_future(cls, value: datetime.date) -> datetime.date:
        if value > timezone.localdate():
            raise ValueError("The date must be today or in the past")
        return value


class NoteChange(Schema):
    version: int = Field(ge=1, description="The version you read; a newer one gives 409")
    kind: NoteKind | None = None
    occurred_on: datetime.date | None = None
    subject: str | None = Field(None, min_length=1, max_length=200)
    body: str | None = Field(None, min_length=1, max_length=50_000)


@router.get("/persons/{person_id}/notes", response=list[NoteOut], summary="A person's case notes")
def list_notes(request: HttpRequest, person_id: uuid.UUID) -> Any:
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read case notes (API)")
    return list(selectors.notes_for(person)[:200])


@router.post("/persons/{person_id}/notes", response={201: NoteOut}, summary="Add a case note")
def add_note(request: HttpRequest, person_id: uuid.UUID, payload: NoteIn) -> Any:
    person = people_access.person_for_change(request.user, person_id)
    note = services.add_case_note(request.user, person, **payload.model_dump())
    return Status(201, note)


@router.get("/persons/{person_id}/notes/{note_id}", response=NoteOut, summary="One case note")
def get_note(request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID) -> CaseNote:
    person, note = access.note_for_view(request.user, person_id, note_id)
    audit.record_view(request.user, person.pk, note, summary="Read a case note (API)")
    return note


@router.patch(
    "/persons/{person_id}/notes/{note_id}", response=NoteOut, summary="Change a case note"
)
def change_note(
    request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID, payload: NoteChange
) -> CaseNote:
    _, note = access.note_for_change(request.user, person_id, note_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    changes = {key: value for key, value in changes.items() if value is not None}
    return services.edit_case_note(request.user, note, expected_version=payload.version, **changes)
