import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from casework.cases import services
from casework.cases.models import Allocation, Episode, ReferralSource
from casework.common.errors import RuleBroken
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas


@pytest.fixture
def holidays(db: None) -> None:
    call_command("holidays", "--from", "2026", "--to", "2027", verbosity=0)


@time_machine.travel(datetime.datetime(2026, 4, 8, 9, 0, tzinfo=datetime.UTC))
def test_a_referral_starts_the_assessment_clock_from_the_referral_date(
    personas: Personas, holidays: None
) -> None:
    child = PersonFactory(given_name="Kai", family_name="King")
    episode = services.open_referral(
        personas.manager,
        child,
        referral_date=datetime.date(2026, 4, 2),
        source=ReferralSource.SCHOOL,
        team=personas.team_a,
    )
    # practice-rules.md 5e: Thu 2 Apr 2026 + 45 working days (Good Friday and Easter Monday
    # skipped) is Wed 10 Jun; the DfE validator's count gives Tue 9 Jun.
    assert episode.assessment_due == datetime.date(2026, 6, 10)
    assert episode.assessment_target == datetime.date(2026, 6, 9)
    allocation = Allocation.objects.get(person=child, ended_on__isnull=True)
    assert allocation.team == personas.team_a
    assert allocation.worker is None


@time_machine.travel(datetime.datetime(2026, 4, 8, 9, 0, tzinfo=datetime.UTC))
def test_the_referred_child_waits_in_the_team_managers_tray(
    personas: Personas, holidays: None
) -> None:
    child = PersonFactory(given_name="Kai", family_name="King")
    services.open_referral(
        personas.frontdoor,
        child,
        referral_date=datetime.date(2026, 4, 2),
        source=ReferralSource.POLICE,
        team=personas.team_a,
    )
    client = Client()
    client.force_login(personas.manager)
    page = client.get("/").content.decode()
    tray = page[page.index("Waiting for a worker") :]
    assert "Kai King" in tray
    assert "9 June 2026" in tray
    other = Client()
    other.force_login(personas.other_team)
    assert "Kai King" not in other.get("/").content.decode()


def test_a_second_open_referral_is_refused_and_a_re_referral_links_back(
    personas: Personas, holidays: None
) -> None:
    first = services.open_referral(
        personas.manager,
        personas.child,
        referral_date=datetime.date(2026, 1, 5),
        source=ReferralSource.GP,
        team=personas.team_a,
    )
    with pytest.raises(RuleBroken):
        services.open_referral(
            personas.manager,
            personas.child,
            referral_date=datetime.date(2026, 2, 5),
            source=ReferralSource.GP,
            team=personas.team_a,
        )
    Episode.objects.filter(pk=first.pk).update(
        status=Episode.Status.CLOSED, closed_on=datetime.date(2026, 1, 20)
    )
    again = services.open_referral(
        personas.manager,
        personas.child,
        referral_date=datetime.date(2026, 3, 2),
        source=ReferralSource.GP,
        team=personas.team_a,
    )
    assert again.previous == first
