"""Staff records: the rules on registration numbers, FTE and leaving, kept by the service and the
database, and the audit trail."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from casework.audit.models import Action, AuditEvent
from casework.common.errors import RuleBroken
from casework.testing.factories import UserFactory
from casework.workforce import services
from casework.workforce.models import ReasonLeave, StaffRecord
from casework.workforce.tests.factories import StaffRecordFactory

pytestmark = pytest.mark.django_db
START = datetime.date(2024, 9, 2)


def test_a_staff_record_is_created_with_an_audit_event() -> None:
    user = UserFactory()
    record = services.record_staff(
        None, user, started_on=START, fte=Decimal("0.8"), swe_number="sw1234567890"
    )
    assert record.swe_number == "SW1234567890"
    event = AuditEvent.objects.get(object_id=str(record.pk))
    assert event.action == Action.CREATE
    assert event.after is not None
    assert event.after["fte"] == "0.8"


@pytest.mark.parametrize(
    "number", ["SW123456789", "S11234567890", "SW12345678901", "1234567890SW", "SW12345 7890"]
)
def test_a_malformed_registration_number_is_refused_by_name(number: str) -> None:
    with pytest.raises(RuleBroken) as broken:
        services.record_staff(None, UserFactory(), started_on=START, swe_number=number)
    assert broken.value.field == "swe_number"
    assert not StaffRecord.objects.exists()


def test_the_model_validator_refuses_a_malformed_registration_number_too() -> None:
    record = StaffRecordFactory.build(user=UserFactory(), swe_number="AB12")
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "swe_number" in error.value.message_dict


@pytest.mark.parametrize("fte", ["0", "-0.5", "1.01"])
def test_fte_outside_0_to_1_is_refused(fte: str) -> None:
    with pytest.raises(RuleBroken) as broken:
        services.record_staff(None, UserFactory(), started_on=START, fte=Decimal(fte))
    assert broken.value.field == "fte"


def test_the_database_refuses_fte_above_one() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRecordFactory(fte=Decimal("1.5"))


def test_a_second_record_for_the_same_person_is_refused() -> None:
    user = UserFactory()
    services.record_staff(None, user, started_on=START)
    with pytest.raises(RuleBroken) as broken:
        services.record_staff(None, user, started_on=START)
    assert broken.value.field == "user"


def test_leaving_needs_a_census_reason() -> None:
    record = StaffRecordFactory(started_on=START)
    with pytest.raises(RuleBroken) as broken:
        services.record_leaving(None, record, left_on=datetime.date(2025, 1, 31), reason="")
    assert broken.value.field == "reason_left"
    with pytest.raises(RuleBroken):
        services.record_leaving(None, record, left_on=datetime.date(2025, 1, 31), reason="11")
    record.refresh_from_db()
    assert record.left_on is None


def test_leaving_before_starting_is_refused() -> None:
    record = StaffRecordFactory(started_on=START)
    with pytest.raises(RuleBroken) as broken:
        services.record_leaving(
            None, record, left_on=datetime.date(2024, 1, 1), reason=ReasonLeave.RESIGNATION
        )
    assert broken.value.field == "left_on"


def test_leaving_is_recorded_with_the_reason_and_audited() -> None:
    record = StaffRecordFactory(started_on=START)
    services.record_leaving(
        None, record, left_on=datetime.date(2025, 3, 31), reason=ReasonLeave.RETIRED
    )
    record.refresh_from_db()
    assert (record.left_on, record.reason_left) == (datetime.date(2025, 3, 31), "5")
    assert record.in_post_on(datetime.date(2025, 3, 30))
    assert not record.in_post_on(datetime.date(2025, 3, 31))
    assert AuditEvent.objects.filter(object_id=str(record.pk), action=Action.UPDATE).exists()


def test_the_database_refuses_a_leaver_without_a_reason() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRecordFactory(left_on=datetime.date(2025, 1, 1))


def test_a_reason_without_a_leaving_date_is_refused() -> None:
    with pytest.raises(RuleBroken) as broken:
        services.record_staff(
            None, UserFactory(), started_on=START, reason_left=ReasonLeave.RESIGNATION
        )
    assert broken.value.field == "left_on"
