"""factory_boy factories for the workforce. Each builds the smallest valid record directly;
tests of the rules themselves go through the services."""

import datetime
from decimal import Decimal

import factory

from casework.testing.factories import UserFactory
from casework.workforce.models import StaffRecord, Vacancy


class StaffRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRecord
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    started_on = datetime.date(2020, 4, 1)
    fte = Decimal(1)
    swe_number = factory.Sequence(lambda n: f"SW{n:010d}")
    qualification_institution = "University of Northbrook"


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    title = factory.Sequence(lambda n: f"Social worker {n}")
    salary = "£37,000 to £43,000"
    location = "Northbrook"
    opened_on = datetime.date(2026, 1, 5)
    closes_on = datetime.date(2099, 12, 31)
    description = "Join a settled team."
    status = Vacancy.Status.OPEN
