import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.cases import access, chronology, selectors, services
from casework.cases.forms import (
    AllocateForm,
    CaseNoteForm,
    CloseEpisodeForm,
    LetterForm,
    NewVersionForm,
    SignificantEventForm,
    UploadDocumentForm,
)
from casework.cases.models import Document, DocumentVersion, Episode
from casework.common.formviews import NothingLostFormView
from casework.people import access as people_access
from casework.people import selectors as people_selectors
from casework.people.models import Person

# A busy case has hundreds of notes; the tab shows the newest, the chronology the significant.
NOTES_ON_TAB = 100


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
        return reverse("cases:notes", args=[self.person.pk])


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


def _team_manager_for(user: Any, person: Person) -> None:
    """Allocation and closure are decisions for the manager of the team that holds the case."""
    if not access.may_allocate(user, selectors.current_allocation(person)):
        raise PermissionDenied("Only the manager of the team holding the case can do this")


class AllocateWorker(NothingLostFormView):
    form_class = AllocateForm
    title = "Allocate a worker"
    submit_label = "Allocate"
    success_message = "Worker allocated; the decision is on the record"
    person: Person

    def load(self) -> None:
        self.person = people_access.person_for_change(self.request.user, self.kwargs["person_id"])
        _team_manager_for(self.request.user, self.person)

    def get_form_kwargs(self) -> dict[str, Any]:
        user: Any = self.request.user
        return {"team": user.team}

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": self.person.get_absolute_url(),
        }

    def submit(self, form: AllocateForm) -> str:
        data = form.cleaned_data
        services.allocate_worker(
            self.request.user,
            self.person,
            worker=data["worker"],
            rationale=data["rationale"],
            risks_identified=data["risks_identified"],
            next_steps=data["next_steps"],
        )
        return self.person.get_absolute_url()


class CloseEpisode(AllocateWorker):
    form_class = CloseEpisodeForm  # type: ignore[assignment]
    title = "Close the case"
    submit_label = "Close the case"
    success_message = "Case closed; the closing decision is on the record"

    def load(self) -> None:
        super().load()
        episode = Episode.objects.filter(
            pk=self.kwargs["episode_id"], person=self.person, status=Episode.Status.OPEN
        ).first()
        if episode is None:
            raise Http404
        self.episode: Episode = episode

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def submit(self, form: CloseEpisodeForm) -> str:  # type: ignore[override]
        data = form.cleaned_data
        services.close_episode(
            self.request.user,
            self.episode,
            closed_on=data["closed_on"],
            reason=data["reason"],
            rationale=data["rationale"],
            next_steps=data["next_steps"],
        )
        return self.person.get_absolute_url()


class AddSignificantEvent(AddCaseNote):
    form_class = SignificantEventForm  # type: ignore[assignment]
    title = "Add to the chronology"
    submit_label = "Add to the chronology"
    success_message = "Added to the chronology"

    def submit(self, form: SignificantEventForm) -> str:  # type: ignore[override]
        data = form.cleaned_data
        services.add_significant_event(
            self.request.user,
            self.person,
            occurred_on=data["occurred_on"],
            title=data["title"],
            analysis=data["analysis"],
        )
        return reverse("cases:chronology", args=[self.person.pk])


def _tab(
    request: HttpRequest, person_id: uuid.UUID, tab: str, read: str
) -> tuple[Person, dict[str, Any]]:
    """Load the person for a tab of the case record (404 when they may not be seen), audit the
    read, and give the context every tab shares."""
    person = people_access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary=read)
    return person, {
        "person": person,
        "warnings": people_selectors.active_warnings(person),
        "active_tab": tab,
        "can_change": people_access.may_change(request.user),
    }


@require_safe
def notes_page(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The case notes tab: the newest notes, typed (visit, phone call, meeting...)."""
    person, context = _tab(request, person_id, "notes", "Read the case notes")
    context["notes"] = selectors.notes_for(person)[:NOTES_ON_TAB]
    return render(request, "cases/notes.html", context)


@require_safe
def chronology_page(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person, context = _tab(request, person_id, "chronology", "Read the chronology")
    context["entries"] = chronology.entries_for(person)
    return render(request, "cases/chronology.html", context)


@require_safe
def document_list(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person, context = _tab(request, person_id, "documents", "Read the list of documents")
    context["documents"] = selectors.documents_for(person)
    return render(request, "cases/documents.html", context)


@require_safe
def download_version(
    request: HttpRequest, person_id: uuid.UUID, document_id: uuid.UUID, number: int
) -> FileResponse:
    person = people_access.person_for_view(request.user, person_id)
    version = (
        DocumentVersion.objects.select_related("document")
        .filter(document_id=document_id, document__person=person, number=number)
        .first()
    )
    if version is None:
        raise Http404
    audit.record_view(
        request.user, person.pk, version, summary=f"Downloaded {version.document.title} v{number}"
    )
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class UploadDocument(AddCaseNote):
    form_class = UploadDocumentForm  # type: ignore[assignment]
    title = "Add a document"
    submit_label = "Upload"
    success_message = "Document added"
    autosave = False

    def submit(self, form: UploadDocumentForm) -> str:  # type: ignore[override]
        data = form.cleaned_data
        services.upload_document(
            self.request.user,
            self.person,
            title=data["title"],
            kind=data["kind"],
            upload=data["file"],
        )
        return reverse("cases:documents", args=[self.person.pk])


class AddVersion(AddCaseNote):
    form_class = NewVersionForm  # type: ignore[assignment]
    title = "Add a new version"
    submit_label = "Upload"
    success_message = "New version added"
    autosave = False

    def load(self) -> None:
        super().load()
        document = Document.objects.filter(
            pk=self.kwargs["document_id"], person=self.person
        ).first()
        if document is None:
            raise Http404
        self.document: Document = document

    def submit(self, form: NewVersionForm) -> str:  # type: ignore[override]
        services.add_document_version(
            self.request.user,
            self.document,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        )
        return reverse("cases:documents", args=[self.person.pk])


class GenerateLetter(AddCaseNote):
    form_class = LetterForm  # type: ignore[assignment]
    title = "Write a letter from a template"
    submit_label = "Create the letter"
    success_message = "Letter created and kept with the documents"
    autosave = False

    def submit(self, form: LetterForm) -> str:  # type: ignore[override]
        services.generate_letter(self.request.user, self.person, form.cleaned_data["template"])
        return reverse("cases:documents", args=[self.person.pk])
