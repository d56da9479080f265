"""Caseload arithmetic that knows nothing of Django: averages per full-time equivalent, how much
more capacity a team needs to reach a target, and what a number of new starters would do.

Every figure is a Decimal so that the page, the API and the tests agree to the last digit.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def per_fte(load: Decimal, fte: Decimal) -> Decimal | None:
    """The load carried by each full-time equivalent, or None when there is no capacity at all
    (a team with no case holders has no average, not an infinite one)."""
    if fte < 0 or load < 0:
        raise ValueError("Load and FTE cannot be negative")
    if fte == 0:
        return None
    return (load / fte).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def fte_needed(load: Decimal, fte: Decimal, target: Decimal) -> Decimal:
    """How many more FTE bring the average load per FTE down to `target` or below. Rounded up to
    two places, because a fraction less would leave the average just above the target. Zero when
    the team is already at or under the target."""
    if target <= 0:
        raise ValueError("The target caseload must be more than zero")
    if fte < 0 or load < 0:
        raise ValueError("Load and FTE cannot be negative")
    required = load / target
    shortfall = required - fte
    if shortfall <= 0:
        return Decimal("0.00")
    return shortfall.quantize(TWO_PLACES, rounding=ROUND_CEILING)


@dataclass(frozen=True)
class Forecast:
    load: Decimal
    fte: Decimal
    target: Decimal
    average_now: Decimal | None
    more_fte_needed: Decimal
    starters: int
    starter_fte: Decimal
    average_with_starters: Decimal | None
    reaches_target: bool


def forecast(
    load: Decimal,
    fte: Decimal,
    target: Decimal,
    starters: int = 0,
    starter_fte: Decimal = Decimal(1),
) -> Forecast:
    """The team's average now, the extra FTE it needs to reach `target`, and its average if
    `starters` people join at `starter_fte` each and the same load is shared among everyone."""
    if starters < 0:
        raise ValueError("The number of new starters cannot be negative")
    if not Decimal(0) < starter_fte <= Decimal(1):
        raise ValueError("A new starter's FTE must be more than 0 and at most 1")
    needed = fte_needed(load, fte, target)
    after = per_fte(load, fte + starter_fte * starters)
    return Forecast(
        load=load,
        fte=fte,
        target=target,
        average_now=per_fte(load, fte),
        more_fte_needed=needed,
        starters=starters,
        starter_fte=starter_fte,
        average_with_starters=after,
        reaches_target=(after is not None and after <= target) or load == 0,
    )
