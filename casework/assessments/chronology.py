"""What assessments contribute to the child's chronology (registered in
AssessmentsConfig.ready). The manager's return and authorisation come in through the management
decisions source, so they are not repeated here."""

from collections.abc import Iterable

from django.utils import timezone

from casework.assessments.models import Assessment
from casework.cases.chronology import Entry
from casework.people.models import Person


def assessments(person: Person) -> Iterable[Entry]:
    """One query, whatever the number of assessments."""
    rows = Assessment.objects.filter(person=person).select_related("created_by", "submitted_by")
    for assessment in rows:
        url = assessment.get_absolute_url()
        yield Entry(
            assessment.started_on,
            "Child and family assessment started",
            f"Due by {assessment.due_on.day} {assessment.due_on:%B %Y}",
            by=assessment.created_by.display_name,
            url=url,
        )
        if assessment.child_seen_on:
            alone = ""
            if assessment.seen_alone is not None:
                alone = "seen alone" if assessment.seen_alone else "not seen alone"
            yield Entry(
                assessment.child_seen_on, "Child seen during the assessment", alone, url=url
            )
        if assessment.submitted_at and assessment.submitted_by:
            yield Entry(
                timezone.localtime(assessment.submitted_at).date(),
                "Assessment submitted for authorisation",
                by=assessment.submitted_by.display_name,
                url=url,
            )
