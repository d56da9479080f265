"""factory_boy factories for tests and benchmarks. Each builds the smallest valid record."""

import datetime
from functools import cache

import factory
from django.conf import settings
from django.contrib.auth.hashers import make_password

from casework.accounts.models import Role, Team, User
from casework.cases.models import Allocation, CaseNote
from casework.people.models import Person, Sex


@cache
def demo_password_hash() -> str:
    """Hashing is deliberately slow; hash the demo password once per test run, not per user."""
    return make_password(settings.DEMO_PASSWORD)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    role = Role.SOCIAL_WORKER
    team = factory.SubFactory(TeamFactory)

    password = factory.LazyFunction(lambda: demo_password_hash())


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    la_id = factory.Sequence(lambda n: f"T{n:07d}")
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.LazyFunction(lambda: datetime.date(2016, 5, 17))
    sex = Sex.FEMALE


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    person = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)
    worker = None
    started_on = datetime.date(2026, 1, 5)


class CaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote

    person = factory.SubFactory(PersonFactory)
    kind = CaseNote.Kind.VISIT
    occurred_on = datetime.date(2026, 3, 2)
    subject = "Home visit"
    body = "Saw Amy at home; bedroom seen."
    author = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("author")
