"""The records a worker can turn into a document to share with a family, and what each says.

Each source reads one kind of record (a child in need plan, an assessment, a child protection
conference, a meeting's minutes, a letter) and freezes what it says into plain content: the
words as they stood when the document was made. The content is kept beside the PDF, so the
family's page and the PDF are drawn from it by one template (`portal/documents/<source>.html`),
and a redacted version is the same content with passages changed. A new source is one more
entry in SOURCES with its template.
"""

import copy
import datetime
import html.parser
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from casework.assessments.models import Assessment
from casework.cases.models import Document, DocumentVersion
from casework.meetings.models import Meeting
from casework.people.models import Person
from casework.plans.models import CINPlan
from casework.portal.models import DocumentContent
from casework.protection.models import Agency, Conference

REMOVED = "(Removed before sharing)"
TEXT_TYPES = ("text/plain", "text/html")


def _date(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else ""


def _fact(label: str, value: str) -> dict[str, str]:
    return {"label": label, "value": value}


def _section(label: str, text: str) -> dict[str, str]:
    return {"label": label, "text": text.strip()}


@dataclass(frozen=True)
class Candidate:
    """A record on the child's file that can be made into a document to share."""

    source: str
    record_id: uuid.UUID
    label: str


@dataclass(frozen=True)
class Source:
    key: str
    kind: str  # the Document.Kind it is kept as
    # The records of this kind on a child's file that may be shared.
    records: Callable[[Person], QuerySet[Any]]
    label: Callable[[Any], str]
    # The title and the frozen content of one record.
    build: Callable[[Person, Any], tuple[str, dict[str, Any]]]

    def candidates(self, child: Person) -> list[Candidate]:
        return [
            Candidate(self.key, record.pk, self.label(record))
            for record in self.records(child)[:20]
        ]


# Child in need plans ---------------------------------------------------------------------------


def _plans(child: Person) -> QuerySet[CINPlan]:
    return CINPlan.objects.filter(person=child)


def _plan_label(plan: CINPlan) -> str:
    return f"Child in need plan from {_date(plan.started_on)} ({plan.get_status_display()})"


def _build_plan(child: Person, plan: CINPlan) -> tuple[str, dict[str, Any]]:
    plan = _plans(child).prefetch_related("goals__actions", "reviews").get(pk=plan.pk)
    facts = [
        _fact("Plan started", _date(plan.started_on)),
        _fact("Status", plan.get_status_display()),
    ]
    if plan.next_review_due:
        facts.append(_fact("Next review due", _date(plan.next_review_due)))
    if plan.ended_on:
        facts.append(_fact("Plan ended", _date(plan.ended_on)))
    goals = [
        {
            "want_to_change": goal.want_to_change,
            "strengths": goal.strengths,
            "actions": [
                {
                    "id": str(action.pk),
                    "what": action.what,
                    "owner_name": action.owner_name,
                    "owner_type": action.owner_type,
                    "owner_label": action.get_owner_type_display(),
                    "due": _date(action.due_on),
                    "progress": action.get_progress_display(),
                }
                for action in goal.actions.all()
            ],
        }
        for goal in plan.goals.all()
    ]
    reviews = [
        {
            "held_on": _date(review.held_on),
            "outcome": review.get_outcome_display(),
            "family_views": review.family_views,
            "summary": review.summary,
        }
        for review in plan.reviews.all()
    ]
    title = f"Child in need plan for {child.full_name}"
    return title, {
        "heading": "Child in need plan",
        "facts": facts,
        "goals": goals,
        "reviews": reviews,
    }


# Assessments -----------------------------------------------------------------------------------


def _assessments(child: Person) -> QuerySet[Assessment]:
    # Only an authorised assessment is the council's view; a draft may still change.
    return Assessment.objects.filter(person=child, status=Assessment.Status.AUTHORISED)


def _assessment_label(assessment: Assessment) -> str:
    return f"Child and family assessment started {_date(assessment.started_on)}"


def _build_assessment(child: Person, assessment: Assessment) -> tuple[str, dict[str, Any]]:
    authorised = assessment.authorised_at
    facts = [
        _fact("Started", _date(assessment.started_on)),
        _fact("Child seen", _date(assessment.child_seen_on) or "Not recorded"),
        _fact(
            "Agreed by a manager",
            _date(timezone.localdate(authorised)) if authorised else "Not yet",
        ),
        _fact("Outcome", assessment.get_outcome_display() or "Not decided"),
    ]
    sections = [
        _section("The child's developmental needs", assessment.developmental_needs),
        _section("Parenting capacity", assessment.parenting_capacity),
        _section("Family and environmental factors", assessment.family_environment),
        _section("Strengths", assessment.strengths),
        _section("Risks", assessment.risks),
        _section("Analysis", assessment.analysis),
    ]
    sections.append(_section(f"What {child.given_name} told us", assessment.views))
    title = f"Child and family assessment of {child.full_name}"
    return title, {
        "heading": "Child and family assessment",
        "facts": facts,
        "sections": [s for s in sections if s["text"]],
        "factors": assessment.factor_labels(),
    }


# Child protection conferences ------------------------------------------------------------------


def _conferences(child: Person) -> QuerySet[Conference]:
    # A conference's report is shared once its decision is final.
    return Conference.objects.filter(person=child, finalised_at__isnull=False)


def _conference_label(conference: Conference) -> str:
    return f"{conference.get_kind_display()} on {_date(conference.held_on)}: report and decision"


def _agencies(codes: list[str]) -> str:
    labels = dict(Agency.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def _build_conference(child: Person, conference: Conference) -> tuple[str, dict[str, Any]]:
    facts = [
        _fact("Date", _date(conference.held_on)),
        _fact("Chair", conference.chair.display_name),
        _fact("Agencies invited", _agencies(conference.agencies_invited) or "None recorded"),
        _fact("Agencies that came", _agencies(conference.agencies_attended) or "None recorded"),
    ]
    sections = [
        _section("Family members invited", conference.family_invited),
        _section("Family members who came", conference.family_attended),
        _section("Reports the conference read", conference.reports_received),
        _section("What parents said", conference.parents_views),
        _section(f"What {child.given_name} said", conference.views),
        _section("Core group", conference.core_group_members),
    ]
    decision = [_fact("Decision", conference.get_decision_display())]
    if conference.category:
        decision.append(_fact("Category", conference.get_category_display()))
    title = f"{conference.get_kind_display()}: report and decision"
    return title, {
        "heading": conference.get_kind_display(),
        "facts": facts,
        "sections": [s for s in sections if s["text"]],
        "decision": decision,
    }


# Meetings: minutes and decisions ---------------------------------------------------------------


def _meetings(child: Person) -> QuerySet[Meeting]:
    # Only finalised minutes are the record of what was decided; a draft may still change.
    return Meeting.objects.filter(person=child, status=Meeting.Status.FINALISED)


def _meeting_label(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()} on {_date(meeting.held_on)}: minutes and decisions"


def _yes_no(value: bool | None) -> str:
    return "Not recorded" if value is None else "Yes" if value else "No"


def _build_meeting(child: Person, meeting: Meeting) -> tuple[str, dict[str, Any]]:
    meeting = (
        _meetings(child)
        .select_related("finalised_by")
        .prefetch_related("attendees", "decisions", "actions", "family_views")
        .get(pk=meeting.pk)
    )
    finalised = meeting.finalised_at
    facts = [
        _fact("Date", _date(meeting.held_on)),
        _fact("Time", f"{meeting.starts_at:%H:%M}"),
        _fact("Where", meeting.location or "Not recorded"),
        _fact(
            "Minutes finalised",
            f"{_date(timezone.localdate(finalised))} by {meeting.finalised_by.display_name}"
            if finalised and meeting.finalised_by
            else "",
        ),
    ]
    attendees = [
        {
            "name": attendee.name,
            "role": ", ".join(
                part
                for part in (attendee.role or attendee.get_group_display(), attendee.organisation)
                if part
            ),
            "invited": _yes_no(attendee.invited),
            "attended": _yes_no(attendee.attended),
        }
        for attendee in meeting.attendees.all()
    ]
    actions = [
        {"what": action.what, "owner_name": action.owner_name, "due": _date(action.due_on)}
        for action in meeting.actions.all()
    ]
    voice = meeting.views or (
        f"Not gathered: {meeting.views_not_gathered_reason}"
        if meeting.views_not_gathered_reason
        else ""
    )
    sections = [
        _section("Why the meeting was held", meeting.purpose),
        _section(f"What {child.given_name} said", voice),
        *(
            _section(
                f"What {view.given_by} told us before the meeting"
                + (f" ({view.relationship})" if view.relationship else ""),
                view.text,
            )
            for view in meeting.family_views.all()
        ),
        _section("Minutes: what was discussed", meeting.minutes),
    ]
    title = f"{meeting.get_kind_display()} on {_date(meeting.held_on)}: minutes and decisions"
    return title, {
        "heading": meeting.get_kind_display(),
        "facts": [fact for fact in facts if fact["value"]],
        "decisions": [decision.decision for decision in meeting.decisions.all()],
        "actions": actions,
        "attendees": attendees,
        "sections": [s for s in sections if s["text"]],
    }


# Letters and other written documents -----------------------------------------------------------


class _Paragraphs(html.parser.HTMLParser):
    """The text of each paragraph of a generated letter; markup is dropped, so nothing in the
    letter's HTML reaches the page or the PDF except its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "p":
            self._current = []
        elif tag == "br" and self._current is not None:
            self._current.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._current is not None:
            self.found.append("".join(self._current).strip())
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def paragraphs_of(content: bytes, content_type: str) -> list[str]:
    text = content.decode("utf-8", errors="replace")
    if content_type == "text/html":
        parser = _Paragraphs()
        parser.feed(text)
        parser.close()
        found = parser.found
    else:
        found = [block.strip() for block in re.split(r"\n\s*\n", text)]
    return [paragraph for paragraph in found if paragraph]


def _text_versions(child: Person) -> QuerySet[DocumentVersion]:
    """Versions of the child's documents that are written text (a generated letter, a typed
    note) rather than a file only the person who made it can read."""
    return (
        DocumentVersion.objects.filter(document__person=child, content_type__in=TEXT_TYPES)
        .select_related("document")
        .order_by("-uploaded_at")
    )


def _text_label(version: DocumentVersion) -> str:
    return f"{version.document.title}, version {version.number}"


def _build_text(child: Person, version: DocumentVersion) -> tuple[str, dict[str, Any]]:
    with version.file.open("rb") as handle:
        paragraphs = paragraphs_of(handle.read(), version.content_type)
    document = version.document
    return document.title, {"heading": document.get_kind_display(), "paragraphs": paragraphs}


SOURCES: dict[str, Source] = {
    DocumentContent.Source.PLAN: Source(
        "plan", Document.Kind.PLAN, _plans, _plan_label, _build_plan
    ),
    DocumentContent.Source.ASSESSMENT: Source(
        "assessment", Document.Kind.ASSESSMENT, _assessments, _assessment_label, _build_assessment
    ),
    DocumentContent.Source.CONFERENCE: Source(
        "conference", Document.Kind.REPORT, _conferences, _conference_label, _build_conference
    ),
    DocumentContent.Source.MEETING: Source(
        "meeting", Document.Kind.MINUTES, _meetings, _meeting_label, _build_meeting
    ),
    DocumentContent.Source.TEXT: Source(
        "text", Document.Kind.LETTER, _text_versions, _text_label, _build_text
    ),
}


def candidates_for(child: Person) -> list[Candidate]:
    return [candidate for source in SOURCES.values() for candidate in source.candidates(child)]


# Redaction -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """One piece of free text in a document's content that a worker may change before it is
    shared: where it is, what to call it on the redaction form, and what it says."""

    path: tuple[str | int, ...]
    label: str
    text: str


def passages(content: dict[str, Any]) -> list[Passage]:
    """Every passage of free text, in reading order. Labels, dates and decisions are the
    record's own structure and are not edited; names typed by workers are."""
    found: list[Passage] = []
    for g, goal in enumerate(content.get("goals", []), start=1):
        found.append(
            Passage(("goals", g - 1, "want_to_change"), f"Goal {g}", goal["want_to_change"])
        )
        found.append(
            Passage(
                ("goals", g - 1, "strengths"),
                f"Goal {g}: what is already working",
                goal["strengths"],
            )
        )
        for a, action in enumerate(goal["actions"], start=1):
            where = ("goals", g - 1, "actions", a - 1)
            found.append(
                Passage(
                    (*where, "what"), f"Goal {g}, action {a}: what will be done", action["what"]
                )
            )
            found.append(
                Passage(
                    (*where, "owner_name"),
                    f"Goal {g}, action {a}: who will do it",
                    action["owner_name"],
                )
            )
    for r, review in enumerate(content.get("reviews", []), start=1):
        found.append(
            Passage(
                ("reviews", r - 1, "family_views"),
                f"Review {r}: the family's views",
                review["family_views"],
            )
        )
        found.append(
            Passage(("reviews", r - 1, "summary"), f"Review {r}: what it found", review["summary"])
        )
    # A meeting's minutes: what it decided, who will do what, and who was there (names of
    # people outside the family are the third-party information most often taken out).
    for d, decision in enumerate(content.get("decisions", []), start=1):
        found.append(Passage(("decisions", d - 1), f"Decision {d}", decision))
    for a, action in enumerate(content.get("actions", []), start=1):
        found.append(
            Passage(("actions", a - 1, "what"), f"Action {a}: what will be done", action["what"])
        )
        found.append(
            Passage(
                ("actions", a - 1, "owner_name"),
                f"Action {a}: who will do it",
                action["owner_name"],
            )
        )
    for n, attendee in enumerate(content.get("attendees", []), start=1):
        found.append(
            Passage(("attendees", n - 1, "name"), f"Person {n} invited: name", attendee["name"])
        )
        found.append(
            Passage(
                ("attendees", n - 1, "role"), f"Person {n} invited: who they are", attendee["role"]
            )
        )
    for s, section in enumerate(content.get("sections", [])):
        found.append(Passage(("sections", s, "text"), section["label"], section["text"]))
    for p, paragraph in enumerate(content.get("paragraphs", []), start=1):
        found.append(Passage(("paragraphs", p - 1), f"Paragraph {p}", paragraph))
    return [passage for passage in found if passage.text]


def with_changes(
    content: dict[str, Any], changes: dict[tuple[str | int, ...], str]
) -> dict[str, Any]:
    """A copy of `content` with the passages at the given paths replaced. A passage emptied
    entirely says that something was removed, so the family knows the gap is deliberate."""
    result = copy.deepcopy(content)
    for path, text in changes.items():
        target: Any = result
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = text.strip() or REMOVED
    return result


def plain_text(content: dict[str, Any]) -> str:
    """Every word of the content, for a search of what a version says (and for tests)."""
    return " ".join(passage.text for passage in passages(content))
