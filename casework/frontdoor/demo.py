"""The demo council's front door: a directory of local services, and contacts in every state the
tray shows (awaiting checks, awaiting decision, due today, overdue, and decided with each
outcome), made through the same services the pages use so every invariant and audit event
holds."""

import datetime
import random
from collections.abc import Iterator

from django.utils import timezone

from casework.accounts.models import User
from casework.cases.models import Episode, ReferralSource
from casework.common import clock
from casework.frontdoor import services
from casework.frontdoor.models import Check, Contact, ContactSubject, Service
from casework.people.models import Person

SERVICES = (
    (
        "Dads Matter (fathers' programme)",
        "Eight weekly group sessions for fathers and male carers on parenting, relationships "
        "and managing stress, with one-to-one support between sessions.",
        "Fathers and male carers of children aged 0 to 11 living in the borough.",
        "Family Hub, 01632 960 101, dadsmatter@example.org",
    ),
    (
        "Safe Steps (young people at risk of exploitation)",
        "Specialist youth workers for young people at risk of criminal or sexual exploitation, "
        "including county lines; works alongside the police and schools.",
        "Young people aged 10 to 18 with indicators of exploitation; consent of the young person "
        "sought.",
        "Adolescent Safeguarding Team, 01632 960 202, safesteps@example.org",
    ),
    (
        "Edge of Care Team",
        "Intensive support at home, evenings and weekends included, for families where a young "
        "person may otherwise come into care.",
        "Families of children aged 11 to 17 at risk of family breakdown; by referral from a "
        "social worker or the front door.",
        "Edge of Care duty line, 01632 960 303",
    ),
    (
        "Parenting Together course",
        "A ten-week evidence-based parenting course run in children's centres, in person or "
        "online.",
        "Parents and carers of children aged 2 to 12.",
        "Book through the Family Hub, 01632 960 404",
    ),
    (
        "Young Carers' Group",
        "Fortnightly group and trips for children who care for a parent or sibling, with a "
        "young carer's needs assessment.",
        "Children aged 8 to 17 who help to care for someone at home.",
        "Carers' Centre, 01632 960 505, youngcarers@example.org",
    ),
)

CONCERNS = (
    (
        ReferralSource.SCHOOL,
        "Head of year",
        "Northbrook Academy",
        "She came in with a bruise on her cheek and said her mum's boyfriend pushed her. She "
        "does not want to go home tonight.",
    ),
    (
        ReferralSource.POLICE,
        "PC Jordan Reeves",
        "Northbrook Police",
        "Police attended a domestic incident at the address overnight. The child was present "
        "and was seen hiding upstairs.",
    ),
    (
        ReferralSource.HEALTH_VISITOR,
        "Health visitor",
        "Northbrook Community Health",
        "Mum seems very low and the flat was cold and without food. Baby's weight has dropped "
        "two centiles.",
    ),
    (
        ReferralSource.FAMILY,
        "Grandmother",
        "",
        "I'm worried my grandson is being left alone at night while his dad works. He told me "
        "he makes his own tea most days.",
    ),
    (
        ReferralSource.GP,
        "Practice safeguarding lead",
        "Riverside Surgery",
        "Missed three appointments for his asthma and was brought to the surgery by a "
        "neighbour when unwell.",
    ),
    (
        ReferralSource.ANONYMOUS,
        "",
        "",
        "There is a lot of shouting from next door and a young child is often out on the "
        "landing late at night.",
    ),
)

CHECK_RESULTS = (
    (Check.Agency.POLICE, "Two call-outs to the address in the past year; no arrests."),
    (Check.Agency.EDUCATION, "Attendance 86% this term; school has no other concerns."),
    (Check.Agency.HEALTH, "Registered with the GP; immunisations up to date."),
)


def _services() -> list[Service]:
    made = []
    for name, description, eligibility, contact_details in SERVICES:
        service, _ = Service.objects.update_or_create(
            name=name,
            defaults={
                "description": description,
                "eligibility": eligibility,
                "contact_details": contact_details,
                "active": True,
            },
        )
        made.append(service)
    return made


def _received(rng: random.Random, day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """A time on `day` during office hours, never later than now."""
    at = datetime.datetime.combine(
        day,
        datetime.time(rng.randint(8, 16), rng.choice((0, 10, 25, 40, 55))),
        tzinfo=timezone.get_current_timezone(),
    )
    return min(at, now - datetime.timedelta(minutes=5))


def _day_due_today(today: datetime.date) -> datetime.date | None:
    """The day a contact must have arrived for its decision to fall due today (none when today
    is not a working day)."""
    for back in range(1, 10):
        day = today - datetime.timedelta(days=back)
        if clock.due("contact-decision", day).due == today:
            return day
    return None


def build_front_door(rng: random.Random, today: datetime.date, people: list[Person]) -> int:
    """Add the services directory and a day's worth of front-door work about some of `people`.
    Returns the number of contacts made."""
    directory = _services()
    fran = User.objects.get(username="fran.frontdoor")
    tara = User.objects.get(username="tara.manager")
    team = tara.team
    now = timezone.now()
    busy = set(
        Episode.objects.filter(status=Episode.Status.OPEN).values_list("person_id", flat=True)
    )
    pool = [person for person in people if person.pk not in busy]
    rng.shuffle(pool)
    children: Iterator[Person] = iter(pool)
    made = 0

    def take(day: datetime.date, *, risk: bool = False) -> Contact | None:
        nonlocal made
        child = next(children, None)
        if child is None:
            return None
        source, name, organisation, concern = rng.choice(CONCERNS)
        consent = rng.choice(
            (Contact.Consent.GIVEN, Contact.Consent.GIVEN, Contact.Consent.NOT_GIVEN)
        )
        contact = services.record_contact(
            fran,
            received_at=_received(rng, day, now),
            source=source,
            referrer_name=name,
            referrer_organisation=organisation,
            concern=concern,
            consent=consent,
            consent_reason="Seeking consent could place the child at greater risk"
            if consent == Contact.Consent.NOT_GIVEN
            else "",
            immediate_risk=risk,
            people=[(child, ContactSubject.Role.CHILD)],
        )
        made += 1
        return contact

    def checked(contact: Contact | None) -> Contact | None:
        if contact is None:
            return None
        chosen = rng.sample(CHECK_RESULTS, 2)
        for index, (agency, result) in enumerate(chosen):
            services.record_check(
                fran, contact, agency=agency, result=result, checks_complete=index == 1
            )
        return Contact.objects.get(pk=contact.pk)

    # Waiting on the practitioner, and waiting on a manager.
    for _ in range(3):
        take(today)
    for _ in range(2):
        checked(take(today))
    # Due today and overdue.
    due_day = _day_due_today(today)
    if due_day is not None:
        take(due_day)
        checked(take(due_day))
    take(today - datetime.timedelta(days=6))
    checked(take(today - datetime.timedelta(days=8), risk=True))

    # Decided, one of each outcome.
    decided_day = today - datetime.timedelta(days=rng.randint(1, 2))
    outcomes = (
        (Contact.Outcome.NO_FURTHER_ACTION, "No role for children's social care; school support."),
        (Contact.Outcome.ADVICE, "Needs are met by universal and targeted services."),
        (Contact.Outcome.EARLY_HELP, "Family agree to early help; needs below the threshold."),
        (Contact.Outcome.REFERRAL, "Possible significant harm; an assessment is needed."),
        (
            Contact.Outcome.STRATEGY_DISCUSSION,
            "Disclosure of physical harm; a strategy discussion today.",
        ),
    )
    referred: Person | None = None
    for outcome, rationale in outcomes:
        contact = checked(take(decided_day, risk=outcome == Contact.Outcome.STRATEGY_DISCUSSION))
        if contact is None:
            break
        opens = outcome in services.OPENS_REFERRAL
        services.decide_contact(
            tara,
            contact,
            expected_version=contact.version,
            outcome=outcome,
            rationale=rationale,
            risks_identified="Injury to the child; adult with a history of violence"
            if opens
            else "",
            next_steps="Allocate for a child and family assessment" if opens else "",
            services=rng.sample(directory, 2) if outcome == Contact.Outcome.ADVICE else (),
            team=team if opens else None,
        )
        if outcome == Contact.Outcome.REFERRAL:
            referred = contact.subjects.get().person

    # The same child back again within the year: the tray flags the re-referral.
    if referred is not None:
        services.record_contact(
            fran,
            received_at=_received(rng, today, now),
            source=ReferralSource.SCHOOL,
            referrer_name="Designated safeguarding lead",
            referrer_organisation="Northbrook Academy",
            concern="He has been absent for a week and the family are not answering the phone.",
            consent=Contact.Consent.GIVEN,
            people=[(referred, ContactSubject.Role.CHILD)],
        )
        made += 1
    return made
