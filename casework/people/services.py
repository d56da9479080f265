"""Writes about people: creating a record (after a search), changing details, addresses,
relationships, professionals, warnings, and merging two records of one person."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action
from casework.common.errors import RuleBroken
from casework.common.versioning import update_versioned
from casework.lib import identifiers, matching
from casework.people.models import (
    Address,
    Disability,
    Merge,
    Person,
    PersonName,
    PersonWarning,
    Professional,
    Relationship,
)

DETAIL_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "first_language",
    "disabilities",
    "date_of_death",
    "nhs_number",
    "upn",
    "unique_child_id",
)


def _check_details(details: dict[str, Any]) -> dict[str, Any]:
    """Normalise identifiers and refuse impossible values, naming the field."""
    today = timezone.localdate()
    clean = dict(details)
    born = clean.get("date_of_birth")
    expected = clean.get("expected_date_of_birth")
    if born and expected:
        raise RuleBroken(
            "expected_date_of_birth",
            "Give a date of birth or an expected date of birth, not both",
        )
    if born and born > today:
        raise RuleBroken(
            "date_of_birth",
            "The date of birth must be today or in the past; for an unborn child give the "
            "expected date of birth",
        )
    died = clean.get("date_of_death")
    if died and died > today:
        raise RuleBroken("date_of_death", "The date of death must be today or in the past")
    if died and born and died < born:
        raise RuleBroken("date_of_death", "The date of death must be after the date of birth")
    if clean.get("nhs_number"):
        clean["nhs_number"] = identifiers.normalise_nhs_number(clean["nhs_number"])
        if not identifiers.nhs_number_is_valid(clean["nhs_number"]):
            raise RuleBroken(
                "nhs_number",
                "Enter a real NHS number: 10 digits, the last of which is a check digit",
            )
    if clean.get("upn"):
        clean["upn"] = identifiers.normalise_upn(clean["upn"])
        if not identifiers.upn_is_valid(clean["upn"]):
            raise RuleBroken(
                "upn", "Enter a unique pupil number as a letter followed by 12 characters"
            )
    disabilities = clean.get("disabilities") or []
    if Disability.NONE in disabilities and len(disabilities) > 1:
        raise RuleBroken("disabilities", "'No disability' cannot be chosen with a disability")
    for name in ("given_name", "family_name"):
        if name in clean and not str(clean[name]).strip():
            label = "first name" if name == "given_name" else "last name"
            raise RuleBroken(name, f"Enter the {label}")
    return clean


def _next_la_id() -> str:
    # Council IDs are readable and sequential within the council; the primary key stays a UUID.
    highest = Person.objects.filter(la_id__startswith="NB").aggregate(Max("la_id"))["la_id__max"]
    number = int(highest[2:]) + 1 if highest and highest[2:].isdigit() else 1
    return f"NB{number:07d}"


def create_person(actor: Any, **details: Any) -> Person:
    clean = _check_details(details)
    with transaction.atomic():
        person = Person.objects.create(
            la_id=_next_la_id(),
            given_key=matching.phonetic_key(clean.get("given_name", "")),
            family_key=matching.phonetic_key(clean.get("family_name", "")),
            **clean,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=person,
            summary="Created the person's record",
            after=audit.snapshot(person, ("la_id", *clean.keys())),
        )
    return person


def change_details(
    actor: Any, person: Person, *, expected_version: int | None, **changes: Any
) -> Person:
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise ValueError(f"Cannot change {', '.join(sorted(unknown))} here")
    merged = {name: getattr(person, name) for name in DETAIL_FIELDS} | changes
    clean = _check_details(merged)
    changes = {name: clean[name] for name in changes}
    if "given_name" in changes:
        changes["given_key"] = matching.phonetic_key(changes["given_name"])
    if "family_name" in changes:
        changes["family_key"] = matching.phonetic_key(changes["family_name"])
    with transaction.atomic():
        before = audit.snapshot(person, DETAIL_FIELDS)
        updated = update_versioned(person, expected_version, changes)
        after = audit.snapshot(updated, DETAIL_FIELDS)
        audit.record(
            actor,
            Action.UPDATE,
            person_id=person.pk,
            obj=updated,
            summary="Changed the person's details",
            before={k: v for k, v in before.items() if after[k] != v},
            after=audit.changed_fields(before, after),
        )
    return updated


def add_other_name(
    actor: Any, person: Person, *, kind: str, given_name: str, family_name: str
) -> PersonName:
    if not (given_name.strip() or family_name.strip()):
        raise RuleBroken("family_name", "Enter a first name or a last name")
    with transaction.atomic():
        name = PersonName.objects.create(
            person=person,
            kind=kind,
            given_name=given_name.strip(),
            family_name=family_name.strip(),
            given_key=matching.phonetic_key(given_name),
            family_key=matching.phonetic_key(family_name),
        )
        audit.record(
            actor, Action.CREATE, person_id=person.pk, obj=name, summary=f"Added the name {name}"
        )
    return name


def add_address(
    actor: Any,
    person: Person,
    *,
    line_1: str,
    line_2: str = "",
    town: str = "",
    postcode: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
) -> Address:
    if not identifiers.postcode_is_valid(postcode):
        raise RuleBroken("postcode", "Enter a real postcode, like LS1 4AP")
    if started_on > timezone.localdate():
        raise RuleBroken("started_on", "The date they moved in must be today or in the past")
    if ended_on and ended_on < started_on:
        raise RuleBroken("ended_on", "The date they moved out must be after they moved in")
    with transaction.atomic():
        if ended_on is None:
            # Moving in somewhere new ends the current address the day before.
            current = Address.objects.filter(
                person=person, ended_on__isnull=True, started_on__lt=started_on
            )
            current.update(ended_on=started_on - datetime.timedelta(days=1))
        address = Address.objects.create(
            person=person,
            line_1=line_1.strip(),
            line_2=line_2.strip(),
            town=town.strip(),
            postcode=identifiers.normalise_postcode(postcode),
            started_on=started_on,
            ended_on=ended_on,
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=address,
            summary=f"Added an address ({address.postcode})",
        )
    return address


def relate(
    actor: Any,
    from_person: Person,
    to_person: Person,
    *,
    kind: str,
    parental_responsibility: bool = False,
) -> Relationship:
    """Record that `from_person` is `kind` of `to_person` (for example mother of)."""
    if from_person.pk == to_person.pk:
        raise RuleBroken("to_person", "A person cannot be related to themselves")
    with transaction.atomic():
        if Relationship.objects.filter(
            from_person=from_person, to_person=to_person, kind=kind
        ).exists():
            raise RuleBroken("kind", "That relationship is already recorded")
        relationship = Relationship.objects.create(
            from_person=from_person,
            to_person=to_person,
            kind=kind,
            parental_responsibility=parental_responsibility,
        )
        for side in (from_person, to_person):
            audit.record(
                actor,
                Action.CREATE,
                person_id=side.pk,
                obj=relationship,
                summary=f"Recorded that {from_person} is {relationship.get_kind_display().lower()}"
                f" of {to_person}",
            )
    return relationship


def add_professional(actor: Any, person: Person, **details: Any) -> Professional:
    if not str(details.get("organisation", "")).strip():
        raise RuleBroken("organisation", "Enter the organisation")
    with transaction.atomic():
        professional = Professional.objects.create(person=person, **details)
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=professional,
            summary=f"Added {professional}",
        )
    return professional


def add_warning(actor: Any, person: Person, *, kind: str, detail: str) -> PersonWarning:
    if not detail.strip():
        raise RuleBroken("detail", "Describe the warning so that colleagues know what to do")
    with transaction.atomic():
        warning = PersonWarning.objects.create(
            person=person, kind=kind, detail=detail.strip(), added_by=actor
        )
        audit.record(
            actor,
            Action.CREATE,
            person_id=person.pk,
            obj=warning,
            summary=f"Added a warning: {warning.get_kind_display()}",
        )
    return warning


# Merging ----------------------------------------------------------------------------------------
def _person_links() -> list[tuple[Any, str]]:
    """Every (model, field name) that points at a Person, except the merge bookkeeping."""
    links = []
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model in (Merge,) or relation.field.name == "merged_into":
            continue
        if relation.many_to_many:
            continue
        links.append((model, relation.field.name))
    return links


def merge(actor: Any, survivor: Person, duplicate: Person, *, reason: str) -> Merge:
    """Move everything recorded about `duplicate` onto `survivor` and retire `duplicate`.

    What moved is kept on the Merge row, row by row, so that `undo_merge` can put it back.
    """
    if survivor.pk == duplicate.pk:
        raise RuleBroken("duplicate", "Choose two different records to merge")
    if not reason.strip():
        raise RuleBroken("reason", "Say why these are the same person")
    if duplicate.merged_into_id or survivor.merged_into_id:
        raise RuleBroken("duplicate", "One of these records has already been merged")
    with transaction.atomic():
        moved: dict[str, list[str]] = {}
        for model, field_name in _person_links():
            rows = model.objects.filter(**{field_name: duplicate})
            ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
            if ids:
                # Open allocations cannot both stay open on the survivor.
                if (
                    model._meta.label_lower == "cases.allocation"
                    and model.objects.filter(person=survivor, ended_on__isnull=True).exists()
                ):
                    rows.filter(ended_on__isnull=True).update(ended_on=timezone.localdate())
                rows.update(**{field_name: survivor})
                moved[f"{model._meta.label_lower}.{field_name}"] = ids
        Person.objects.filter(pk=duplicate.pk).update(merged_into=survivor)
        record = Merge.objects.create(
            survivor=survivor, duplicate=duplicate, moved=moved, merged_by=actor, reason=reason
        )
        for side in (survivor, duplicate):
            audit.record(
                actor,
                Action.UPDATE,
                person_id=side.pk,
                obj=record,
                summary=f"Merged {duplicate.la_id} into {survivor.la_id}",
                after={"moved": {key: len(ids) for key, ids in moved.items()}},
            )
    return record


def undo_merge(actor: Any, record: Merge) -> None:
    if record.undone_at is not None:
        raise RuleBroken("merge", "This merge has already been undone")
    from django.apps import apps

    with transaction.atomic():
        for key, ids in record.moved.items():
            app_model, field_name = key.rsplit(".", 1)
            model = apps.get_model(app_model)
            model.objects.filter(pk__in=ids).update(**{field_name: record.duplicate_id})
        Person.objects.filter(pk=record.duplicate_id).update(merged_into=None)
        Merge.objects.filter(pk=record.pk).update(undone_at=timezone.now())
        for person_id in (record.survivor_id, record.duplicate_id):
            audit.record(
                actor,
                Action.UPDATE,
                person_id=person_id,
                obj=record,
                summary="Undid the merge of two records",
            )
