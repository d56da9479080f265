"""factory_boy factories for the front door. Each builds the smallest valid record directly;
tests of the rules themselves go through the services."""

import datetime

import factory

from casework.accounts.models import Role
from casework.cases.models import ReferralSource
from casework.frontdoor.models import Check, Contact, ContactSubject, Service
from casework.testing.factories import PersonFactory, UserFactory

RECEIVED = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Programme {n}")
    description = "Weekly group sessions."
    eligibility = "Parents of children under 12."
    contact_details = "01632 960 000"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    received_at = RECEIVED
    recorded_at = factory.LazyAttribute(lambda c: c.received_at + datetime.timedelta(minutes=5))
    recorded_by = factory.SubFactory(UserFactory, role=Role.FRONT_DOOR)
    updated_by = factory.SelfAttribute("recorded_by")
    source = ReferralSource.SCHOOL
    concern = "She said her mum's boyfriend pushed her."
    consent = Contact.Consent.GIVEN
    decision_due = datetime.date(2026, 3, 3)


class ContactSubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactSubject

    contact = factory.SubFactory(ContactFactory)
    person = factory.SubFactory(PersonFactory)
    role = ContactSubject.Role.CHILD


class CheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Check

    contact = factory.SubFactory(ContactFactory)
    agency = Check.Agency.POLICE
    checked_by = factory.SelfAttribute("contact.recorded_by")
    checked_at = factory.LazyAttribute(
        lambda c: c.contact.received_at + datetime.timedelta(hours=1)
    )
    result = "No police involvement known."


def contact_about(person: object, **fields: object) -> Contact:
    """A contact about one child."""
    contact: Contact = ContactFactory(**fields)
    ContactSubjectFactory(contact=contact, person=person)
    return contact
