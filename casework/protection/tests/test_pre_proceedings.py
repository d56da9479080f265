"""Pre-proceedings under the Public Law Outline: started on the child's open referral, updated as
the letter, meetings and decision happen, with its family group conference linked."""

import datetime
from typing import Any

import pytest

from casework.audit.models import AuditEvent
from casework.common.errors import RuleBroken, StaleVersion
from casework.protection import services
from casework.protection.models import PreProceedings
from casework.protection.tests.factories import open_episode
from casework.testing.factories import PersonFactory
from casework.testing.personas import Personas

D = datetime.date


def started(personas: Personas, **fields: Any) -> PreProceedings:
    open_episode(personas.child, personas.team_a, D(2026, 3, 2))
    record: PreProceedings = services.start_pre_proceedings(
        personas.worker, personas.child, started_on=D(2026, 4, 6), **fields
    )
    return record


def test_pre_proceedings_start_on_the_open_referral_and_are_audited(personas: Personas) -> None:
    fgc = services.record_family_group_conference(
        personas.worker, personas.child, offered_on=D(2026, 4, 7), accepted=True
    )
    record = started(personas, letter_sent_on=D(2026, 4, 7), family_group_conference=fgc)

    assert record.episode.person == personas.child
    assert record.family_group_conference == fgc
    assert record.is_open
    event = AuditEvent.objects.get(object_id=str(record.pk))
    assert event.summary == "Pre-proceedings started"


def test_the_decision_and_outcome_are_recorded_together(personas: Personas) -> None:
    record = started(personas)

    with pytest.raises(RuleBroken) as missing:
        services.update_pre_proceedings(
            personas.worker, record, expected_version=None, decided_on=D(2026, 6, 1)
        )
    decided = services.update_pre_proceedings(
        personas.worker,
        record,
        expected_version=record.version,
        decided_on=D(2026, 6, 1),
        outcome=PreProceedings.Outcome.PROCEEDINGS,
        court_application_on=D(2026, 6, 8),
        review_meetings=2,
    )

    assert missing.value.field == "outcome"
    assert not decided.is_open
    assert decided.court_application_on == D(2026, 6, 8)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"letter_sent_on": D(2026, 4, 1)}, "letter_sent_on"),
        ({"initial_meeting_on": D(2099, 1, 1)}, "initial_meeting_on"),
        ({"outcome": "stepped_down"}, "decided_on"),
        (
            {
                "decided_on": D(2026, 6, 1),
                "outcome": "stepped_down",
                "court_application_on": D(2026, 6, 2),
            },
            "court_application_on",
        ),
        ({"outcome": "no-such-outcome", "decided_on": D(2026, 6, 1)}, "outcome"),
    ],
)
def test_impossible_changes_are_refused_naming_the_field(
    personas: Personas, changes: dict[str, object], field: str
) -> None:
    record = started(personas)

    with pytest.raises(RuleBroken) as refused:
        services.update_pre_proceedings(personas.worker, record, expected_version=None, **changes)

    assert refused.value.field == field
    assert PreProceedings.objects.get(pk=record.pk).version == record.version


def test_a_family_group_conference_about_another_child_is_refused(personas: Personas) -> None:
    other = services.record_family_group_conference(
        personas.worker, PersonFactory(), offered_on=D(2026, 4, 7)
    )

    with pytest.raises(RuleBroken) as refused:
        started(personas, family_group_conference=other)

    assert refused.value.field == "family_group_conference"


def test_pre_proceedings_need_an_open_referral_and_only_one_at_a_time(personas: Personas) -> None:
    with pytest.raises(RuleBroken):
        services.start_pre_proceedings(personas.worker, personas.child, started_on=D(2026, 4, 6))
    started(personas)

    with pytest.raises(RuleBroken, match="already in pre-proceedings"):
        services.start_pre_proceedings(personas.worker, personas.child, started_on=D(2026, 4, 8))


def test_an_edit_from_an_old_version_is_refused(personas: Personas) -> None:
    record = started(personas)
    services.update_pre_proceedings(
        personas.worker, record, expected_version=record.version, review_meetings=1
    )

    with pytest.raises(StaleVersion):
        services.update_pre_proceedings(
            personas.worker, record, expected_version=record.version, review_meetings=2
        )
