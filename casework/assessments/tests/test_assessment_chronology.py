"""The assessment's steps appear in the child's chronology without being copied there."""

from collections.abc import Iterator

import pytest
import time_machine

from casework.assessments.tests.helpers import COMPLETE, IN_MARCH, api, send_json, the_assessment
from casework.cases import chronology
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _in_march() -> Iterator[None]:
    with time_machine.travel(IN_MARCH, tick=False):
        yield


def test_starting_seeing_the_child_and_submitting_are_in_the_chronology(
    personas: Personas,
) -> None:
    assessment = the_assessment(personas, **COMPLETE)
    send_json(
        api(personas.worker),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/submit",
        {"version": 1},
    )
    send_json(
        api(personas.manager),
        "POST",
        f"/api/v1/assessments/{assessment.pk}/return",
        {"comments": "More about school, please."},
    )
    titles = [entry.title for entry in chronology.entries_for(personas.child)]
    assert "Child and family assessment started" in titles
    assert "Child seen during the assessment" in titles
    assert "Assessment submitted for authorisation" in titles
    assert "Management decision: Assessment returned to the worker" in titles
