"""What plans and visits contribute to the child's chronology (registered in PlansConfig.ready):
one query per source, whatever the size of the case."""

from collections.abc import Iterable

from casework.cases.chronology import Entry
from casework.people.models import Person
from casework.plans.models import CINPlan, PlanReview, Visit


def plans(person: Person) -> Iterable[Entry]:
    for plan in CINPlan.objects.filter(person=person).select_related("created_by"):
        yield Entry(
            plan.started_on,
            "Child in need plan started",
            plan.get_status_display(),
            by=plan.created_by.display_name,
            url=plan.get_absolute_url(),
        )


def plan_reviews(person: Person) -> Iterable[Entry]:
    reviews = PlanReview.objects.filter(plan__person=person).select_related("recorded_by", "plan")
    for review in reviews:
        yield Entry(
            review.held_on,
            f"Child in need plan review: {review.get_outcome_display().lower()}",
            review.summary,
            by=review.recorded_by.display_name,
            url=review.plan.get_absolute_url(),
        )


def visits(person: Person) -> Iterable[Entry]:
    for visit in Visit.objects.filter(person=person).select_related("visited_by"):
        seen = "Child seen" if visit.child_seen else "Child not seen"
        if visit.child_seen:
            seen += ", alone" if visit.seen_alone else ", not alone"
        yield Entry(
            visit.visited_on,
            "Visit",
            seen,
            by=visit.visited_by.display_name,
            url=visit.get_absolute_url(),
        )
