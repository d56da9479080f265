"""How much each allocated child counts towards a worker's caseload.

Child protection, looked-after and court status are not yet modelled in Casework, so today every
open allocation counts at the child-in-need weight. When those apps arrive, `status_of` is the one
place that learns to tell them apart; everything that reads caseloads goes through `weight_of`.
"""

from collections.abc import Mapping
from decimal import Decimal

from casework.cases.models import Allocation
from casework.workforce.models import CaseloadWeight, StaffRecord

Status = CaseloadWeight.Status


def current_weights() -> dict[str, Decimal]:
    """The council's weights, with the defaults filling any status it has not set."""
    weights = {str(status): weight for status, weight in CaseloadWeight.DEFAULTS.items()}
    for status, weight in CaseloadWeight.objects.values_list("status", "weight"):
        weights[str(status)] = Decimal(weight)
    return weights


def status_of(allocation: Allocation) -> str:
    """The caseload status of an allocated child. Later issues (child protection, children in
    care, court proceedings) extend this; until then every child is a child in need."""
    return Status.CHILD_IN_NEED


def weight_of(allocation: Allocation, weights: Mapping[str, Decimal]) -> Decimal:
    return weights[status_of(allocation)]


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
