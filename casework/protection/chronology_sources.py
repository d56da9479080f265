"""What child protection contributes to the child's chronology (registered in
ProtectionConfig.ready): each step as it happened, read from the record itself. One query per
source, whatever the length of the child's history."""

from collections.abc import Iterable

from casework.cases.chronology import Entry
from casework.people.models import Person
from casework.protection.models import (
    ChildProtectionPlan,
    Conference,
    CoreGroupMeeting,
    CPVisit,
    FamilyGroupConference,
    Section47,
    StrategyDiscussion,
)


def _seen(record: CPVisit | Conference) -> str:
    if record.child_seen is None:
        return ""
    if not record.child_seen:
        return "Child not seen"
    return "Child seen, alone" if record.seen_alone else "Child seen, not alone"


def strategy_discussions(person: Person) -> Iterable[Entry]:
    rows = StrategyDiscussion.objects.filter(person=person).select_related("recorded_by")
    for discussion in rows:
        outside = ", ".join(discussion.outside_home_risks)
        yield Entry(
            discussion.held_on,
            f"Strategy discussion: {discussion.get_decision_display().lower()}",
            discussion.risks_identified
            + (f"\nRisks outside the home: {outside}" if outside else ""),
            by=discussion.recorded_by.display_name,
            url=discussion.get_absolute_url(),
        )


def section47_enquiries(person: Person) -> Iterable[Entry]:
    for enquiry in Section47.objects.filter(person=person).select_related("updated_by"):
        yield Entry(
            enquiry.started_on,
            "Section 47 enquiry started",
            f"Initial conference due {enquiry.icpc_due:%-d %B %Y} "
            f"(census target {enquiry.icpc_target:%-d %B %Y})",
            url=enquiry.get_absolute_url(),
        )
        if enquiry.completed_on is not None:
            yield Entry(
                enquiry.completed_on,
                f"Section 47 enquiry completed: {enquiry.get_outcome_display().lower()}",
                enquiry.findings,
                by=enquiry.updated_by.display_name,
                url=enquiry.get_absolute_url(),
            )


def conferences(person: Person) -> Iterable[Entry]:
    for conference in Conference.objects.filter(person=person).select_related("chair"):
        outcome = (
            conference.get_decision_display().lower() if conference.is_finalised else "recorded"
        )
        category = f" ({conference.get_category_display().lower()})" if conference.category else ""
        participation = conference.get_participation_display()
        detail = "; ".join(part for part in (_seen(conference), participation) if part)
        yield Entry(
            conference.held_on,
            f"{conference.get_kind_display()}: {outcome}{category}",
            detail,
            by=conference.chair.display_name,
            url=conference.get_absolute_url(),
        )


def plans(person: Person) -> Iterable[Entry]:
    for plan in ChildProtectionPlan.objects.filter(person=person):
        yield Entry(
            plan.started_on,
            f"Child protection plan started ({plan.get_initial_category_display().lower()})",
            url=plan.get_absolute_url(),
        )
        if plan.ended_on is not None:
            yield Entry(
                plan.ended_on,
                "Child protection plan ended",
                plan.end_reason,
                url=plan.get_absolute_url(),
            )


def core_groups(person: Person) -> Iterable[Entry]:
    meetings = CoreGroupMeeting.objects.filter(plan__person=person).select_related(
        "recorded_by", "plan"
    )
    for meeting in meetings:
        yield Entry(
            meeting.held_on,
            "Core group meeting",
            meeting.progress,
            by=meeting.recorded_by.display_name,
            url=meeting.plan.get_absolute_url(),
        )


def visits(person: Person) -> Iterable[Entry]:
    for visit in CPVisit.objects.filter(person=person).select_related("visited_by", "plan"):
        bedroom = ""
        if visit.bedroom_seen is not None:
            bedroom = "; bedroom seen" if visit.bedroom_seen else "; bedroom not seen"
        yield Entry(
            visit.visited_on,
            "Child protection visit",
            _seen(visit) + bedroom,
            by=visit.visited_by.display_name,
            url=visit.plan.get_absolute_url(),
        )


def family_group_conferences(person: Person) -> Iterable[Entry]:
    rows = FamilyGroupConference.objects.filter(person=person).select_related("recorded_by")
    for fgc in rows:
        if fgc.not_in_best_interests:
            title, detail = "Family group conference not offered", fgc.rationale
        else:
            title, detail = "Family group conference offered", ""
        yield Entry(fgc.offered_on, title, detail, by=fgc.recorded_by.display_name)
        if fgc.held_on is not None:
            yield Entry(
                fgc.held_on,
                "Family group conference held",
                fgc.family_plan,
                by=fgc.recorded_by.display_name,
            )
