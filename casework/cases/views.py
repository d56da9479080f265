import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.cases import access, services
from casework.cases.forms import CaseNoteForm
from casework.common.formviews import NothingLostFormView
from casework.people import access as people_access
from casework.people import selectors as people_selectors
from casework.people.models import Person


class AddCaseNote(NothingLostFormView):
    form_class = CaseNoteForm
    title = "Add a case note"
    submit_label = "Save case note"
    success_message = "Case note saved"
    person: Person

    def load(self) -> None:
        self.person = people_access.person_for_change(self.request.user, self.kwargs["person_id"])

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.person.get_absolute_url(),
        }

    def submit(self, form: CaseNoteForm) -> str:
        data = form.cleaned_data
        services.add_case_note(
            self.request.user,
            self.person,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            subject=data["subject"],
            body=data["body"],
        )
        return self.person.get_absolute_url()


class EditCaseNote(AddCaseNote):
    title = "Change a case note"
    success_message = "Case note changed"

    def load(self) -> None:
        self.person, self.note = access.note_for_change(
            self.request.user, self.kwargs["person_id"], self.kwargs["note_id"]
        )

    def get_initial(self) -> dict[str, Any]:
        note = self.note
        return {
            "kind": note.kind,
            "occurred_on": note.occurred_on,
            "subject": note.subject,
            "body": note.body,
            "version": note.version,
        }

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.note.get_absolute_url(),
        }

    def submit(self, form: CaseNoteForm) -> str:
        data = form.cleaned_data
        services.edit_case_note(
            self.request.user,
            self.note,
            expected_version=data["version"],
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            subject=data["subject"],
            body=data["body"],
        )
        return self.note.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Type of note", current.get_kind_display()),
            ("Date", f"{current.occurred_on:%-d %B %Y}"),
            ("Subject", current.subject),
            ("Note", current.body),
        ]


@require_safe
def note_detail(request: HttpRequest, person_id: uuid.UUID, note_id: uuid.UUID) -> HttpResponse:
    person, note = access.note_for_view(request.user, person_id, note_id)
    audit.record_view(request.user, person.pk, note, summary=f"Read case note: {note.subject}")
    return render(
        request,
        "cases/note_detail.html",
        {
            "person": person,
            "note": note,
            "warnings": people_selectors.active_warnings(person),
            "can_change": people_access.may_change(request.user),
        },
    )
