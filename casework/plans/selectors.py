"""Reads about plans and visits. Callers load the person through people.access first, so these
take a person the user may already see."""

from django.db.models import Prefetch, QuerySet

from casework.people.models import Person
from casework.plans.models import Action, CINPlan, Goal, PlanReview, Visit


def plans_for(person: Person) -> QuerySet[CINPlan]:
    return CINPlan.objects.filter(person=person).select_related("approval__decided_by")


def current_plan(person: Person) -> CINPlan | None:
    """The plan awaiting approval or active; there is at most one (a database constraint)."""
    return (
        CINPlan.objects.filter(person=person)
        .exclude(status=CINPlan.Status.ENDED)
        .select_related("approval__decided_by")
        .first()
    )


def with_details(plans: QuerySet[CINPlan]) -> QuerySet[CINPlan]:
    """Goals with their actions, and reviews, in a fixed number of queries."""
    return plans.select_related("approval__decided_by", "created_by", "episode").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.prefetch_related("actions")),
        Prefetch("reviews", queryset=PlanReview.objects.select_related("recorded_by")),
    )


def visits_for(person: Person) -> QuerySet[Visit]:
    return Visit.objects.filter(person=person).select_related("visited_by", "updated_by")


def last_visit(person: Person) -> Visit | None:
    return visits_for(person).first()


def actions_for(plan: CINPlan) -> QuerySet[Action]:
    return Action.objects.filter(goal__plan=plan).select_related("goal")
