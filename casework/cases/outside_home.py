"""Screening for risks to a child outside the home: criminal and sexual exploitation, serious
youth violence, going missing and harm online. The same five questions are asked on the child
and family assessment and at every strategy discussion, so they live here, beside the child's
voice, where both the assessments and the protection apps can use them.

Working Together 2023 (ch. 3, "harm outside the home"): practitioners consider whether a child
is at risk of harm from outside their family, and record it so that contexts (places, peer
groups, online spaces) can be linked across the children they concern.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from casework.common.errors import RuleBroken


class OutsideHomeRisk(models.TextChoices):
    """The risks screened for. Each value is also the name of its flag on the record."""

    CRIMINAL_EXPLOITATION = "criminal_exploitation", "Criminal exploitation"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    SERIOUS_YOUTH_VIOLENCE = "serious_youth_violence", "Serious youth violence"
    GOING_MISSING = "going_missing", "Going missing"
    ONLINE_HARM = "online_harm", "Online harm"


OUTSIDE_HOME_LABELS: dict[str, str] = dict(OutsideHomeRisk.choices)
OUTSIDE_HOME_FIELDS = tuple(OUTSIDE_HOME_LABELS)
OUTSIDE_HOME_CHOICES = list(OUTSIDE_HOME_LABELS.items())


class OutsideHomeScreening(models.Model):
    """The screening answers, one flag each; none ticked is a valid answer."""

    criminal_exploitation = models.BooleanField(
        OutsideHomeRisk.CRIMINAL_EXPLOITATION.label, default=False
    )
    sexual_exploitation = models.BooleanField(
        OutsideHomeRisk.SEXUAL_EXPLOITATION.label, default=False
    )
    serious_youth_violence = models.BooleanField(
        OutsideHomeRisk.SERIOUS_YOUTH_VIOLENCE.label, default=False
    )
    going_missing = models.BooleanField(OutsideHomeRisk.GOING_MISSING.label, default=False)
    online_harm = models.BooleanField(OutsideHomeRisk.ONLINE_HARM.label, default=False)

    class Meta:
        abstract = True

    @property
    def outside_home(self) -> list[str]:
        """The flags ticked, by field name, in the order the form asks them."""
        return [name for name in OUTSIDE_HOME_FIELDS if getattr(self, name)]

    @property
    def outside_home_risks(self) -> list[str]:
        """The flags ticked, as a person reads them."""
        return [OUTSIDE_HOME_LABELS[name] for name in self.outside_home]


def check_outside_home(values: Iterable[str], field: str = "outside_home") -> dict[str, bool]:
    """The ticked risks as a value for each of the five flags, refusing any that is not one of
    them (naming `field`) so that a bad answer writes nothing."""
    flags = set(values)
    unknown = sorted(flags - set(OUTSIDE_HOME_FIELDS))
    if unknown:
        raise RuleBroken(
            field,
            f"{', '.join(unknown)} is not one of the risks listed; select only the risks listed",
        )
    return {name: name in flags for name in OUTSIDE_HOME_FIELDS}


def any_outside_home_risk() -> Q:
    """Matches records on which the screening found at least one risk."""
    found = Q()
    for name in OUTSIDE_HOME_FIELDS:
        found |= Q(**{name: True})
    return found
