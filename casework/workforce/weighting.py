"""How much each allocated child counts towards a worker's caseload.

A child on a child protection plan counts at the council's child protection weight; every other
allocated child counts at the child-in-need weight. Looked-after children and court work are not
yet recorded in Casework, so their weights are kept (the council can set them) but no child is
given them: when those records arrive, `statuses_on` is the one place that learns to find them.
Everything that reads caseloads goes through `weight_of`.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from casework.cases.models import Allocation
from casework.workforce.models import CaseloadWeight, StaffRecord

Status = CaseloadWeight.Status


def current_weights() -> dict[str, Decimal]:
    """The council's weights, with the defaults filling any status it has not set."""
    weights = {str(status): weight for status, weight in CaseloadWeight.DEFAULTS.items()}
    for status, weight in CaseloadWeight.objects.values_list("status", "weight"):
        weights[str(status)] = Decimal(weight)
    return weights


def statuses_on(allocations: QuerySet[Allocation], day: datetime.date) -> dict[Any, str]:
    """The caseload status of each child in `allocations` on `day`, for the children whose status
    is not plain child in need. One query, whatever the number of children."""
    from casework.protection.models import ChildProtectionPlan

    on_plan = (
        ChildProtectionPlan.objects.filter(
            person_id__in=allocations.values("person_id"), started_on__lte=day
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .values_list("person_id", flat=True)
    )
    return dict.fromkeys(on_plan, str(Status.CHILD_PROTECTION))


def status_of(allocation: Allocation, statuses: Mapping[Any, str] | None = None) -> str:
    """The caseload status of an allocated child, from the statuses `statuses_on` found."""
    if statuses is None:
        return Status.CHILD_IN_NEED
    return statuses.get(allocation.person_id, Status.CHILD_IN_NEED)


def weight_of(
    allocation: Allocation,
    weights: Mapping[str, Decimal],
    statuses: Mapping[Any, str] | None = None,
) -> Decimal:
    return weights[status_of(allocation, statuses)]


def capacity_of(record: StaffRecord | None, weights: Mapping[str, Decimal]) -> Decimal:
    """The FTE a worker's caseload is measured against: their FTE, reduced for a newly qualified
    worker in the ASYE to the share of a full caseload the council protects them at. Someone with
    no staff record counts as one full-time worker, so they are never left out of a team."""
    if record is None:
        return Decimal(1)
    fte = Decimal(record.fte)
    if record.is_newly_qualified:
        return fte * weights[Status.NQSW_PROTECTION]
    return fte
