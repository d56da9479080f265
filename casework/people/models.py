"""People the council works with: children and the adults around them."""

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from casework.common.models import PublicIdModel, VersionedModel
from casework.lib import matching


class Sex(models.TextChoices):
    # As the CIN census codes it from 2024-25; U is also used for an unborn child.
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    # The DfE codes shared by the CIN census and SSDA903.
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy or Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    # CIN census disability codes. NONE is never combined with another.
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability"


class Person(VersionedModel):
    la_id = models.CharField("Council ID", max_length=20, unique=True)
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField("Preferred name", max_length=100, blank=True)
    date_of_birth = models.DateField("Date of birth", null=True, blank=True)
    expected_date_of_birth = models.DateField("Expected date of birth", null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField("Gender identity", max_length=60, blank=True)
    ethnicity = models.CharField(
        max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT, blank=True
    )
    first_language = models.CharField("First language", max_length=60, blank=True)
    disabilities: models.JSONField[list[str]] = models.JSONField(default=list, blank=True)
    date_of_death = models.DateField("Date of death", null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("Unique pupil number", max_length=13, blank=True)
    # The consistent child identifier the Children's Wellbeing and Schools Act 2026 (s16LC of the
    # Children Act 2004) provides for; regulations will say what it is.
    unique_child_id = models.CharField("Single unique child identifier", max_length=40, blank=True)
    is_child = models.BooleanField(default=True)
    # Phonetic keys of the first and last names, kept in step by the services, so that a search
    # on SQLite can find "Smyth" from "Smith" through an index.
    given_key = models.CharField(max_length=8, blank=True, db_index=True)
    family_key = models.CharField(max_length=8, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["expected_date_of_birth"]),
            # Search by both names' sounds in one index lookup (see casework.people.search).
            models.Index(fields=["family_key", "given_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_birth__isnull=True)
                | models.Q(expected_date_of_birth__isnull=True),
                name="person_born_or_expected_not_both",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever creates a person, its name must be findable by the phonetic index.
        self.given_key = matching.phonetic_key(self.given_name)
        self.family_key = matching.phonetic_key(self.family_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class PersonName(PublicIdModel):
    """Another name a person is or was known by: an alias, a previous surname, a birth name."""

    class Kind(models.TextChoices):
        ALIAS = "alias", "Also known as"
        PREVIOUS = "previous", "Previous name"
        BIRTH = "birth", "Name at birth"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ALIAS)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    given_key = models.CharField(max_length=8, blank=True, db_index=True)
    family_key = models.CharField(max_length=8, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Address(PublicIdModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField("Address line 1", max_length=200)
    line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, db_index=True)
    started_on = models.DateField("Lived here from")
    ended_on = models.DateField("Lived here until", null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="address_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.line_1, self.town, self.postcode) if part)


class RelationshipKind(models.TextChoices):
    """How `from_person` is related to `to_person`. Each has a reading the other way round."""

    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    AUNT_OR_UNCLE = "aunt_uncle", "Aunt or uncle"
    CARER = "carer", "Carer"
    PARTNER = "partner", "Partner of a parent"
    OTHER_RELATIVE = "relative", "Other relative"
    FAMILY_FRIEND = "friend", "Family friend"


INVERSE_LABELS = {
    RelationshipKind.PARENT: ("Child", "Son", "Daughter"),
    RelationshipKind.STEP_PARENT: ("Stepchild", "Stepson", "Stepdaughter"),
    RelationshipKind.GRANDPARENT: ("Grandchild", "Grandson", "Granddaughter"),
    RelationshipKind.SIBLING: ("Sibling", "Brother", "Sister"),
    RelationshipKind.HALF_SIBLING: ("Half-sibling", "Half-brother", "Half-sister"),
    RelationshipKind.AUNT_OR_UNCLE: ("Niece or nephew", "Nephew", "Niece"),
    RelationshipKind.CARER: ("Cared for", "Cared for", "Cared for"),
    RelationshipKind.PARTNER: ("Partner's child", "Partner's son", "Partner's daughter"),
    RelationshipKind.OTHER_RELATIVE: ("Relative", "Relative", "Relative"),
    RelationshipKind.FAMILY_FRIEND: ("Family friend", "Family friend", "Family friend"),
}
FORWARD_LABELS = {
    RelationshipKind.PARENT: ("Parent", "Father", "Mother"),
    RelationshipKind.STEP_PARENT: ("Step-parent", "Stepfather", "Stepmother"),
    RelationshipKind.GRANDPARENT: ("Grandparent", "Grandfather", "Grandmother"),
    RelationshipKind.SIBLING: ("Sibling", "Brother", "Sister"),
    RelationshipKind.HALF_SIBLING: ("Half-sibling", "Half-brother", "Half-sister"),
    RelationshipKind.AUNT_OR_UNCLE: ("Aunt or uncle", "Uncle", "Aunt"),
    RelationshipKind.CARER: ("Carer", "Carer", "Carer"),
    RelationshipKind.PARTNER: ("Parent's partner", "Parent's partner", "Parent's partner"),
    RelationshipKind.OTHER_RELATIVE: ("Relative", "Relative", "Relative"),
    RelationshipKind.FAMILY_FRIEND: ("Family friend", "Family friend", "Family friend"),
}


def _by_sex(labels: tuple[str, str, str], sex: str) -> str:
    return labels[1] if sex == Sex.MALE else labels[2] if sex == Sex.FEMALE else labels[0]


class Relationship(PublicIdModel):
    """One row per relationship; each side reads it in its own direction."""

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField("Has parental responsibility", default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")),
                name="relationship_between_two_people",
            ),
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relationship_once"
            ),
        ]
        indexes = [models.Index(fields=["to_person"]), models.Index(fields=["from_person"])]

    def __str__(self) -> str:
        return f"{self.from_person} is {self.kind} of {self.to_person}"

    def label_from(self, viewpoint: Person) -> tuple[Person, str]:
        """(the other person, what they are to `viewpoint`)."""
        kind = RelationshipKind(self.kind)
        if viewpoint.pk == self.to_person_id:
            return self.from_person, _by_sex(FORWARD_LABELS[kind], self.from_person.sex)
        return self.to_person, _by_sex(INVERSE_LABELS[kind], self.to_person.sex)


class Professional(PublicIdModel):
    """A professional involved with the person: GP, school, health visitor and so on."""

    class Role(models.TextChoices):
        GP = "gp", "GP"
        SCHOOL = "school", "School"
        HEALTH_VISITOR = "health_visitor", "Health visitor"
        MIDWIFE = "midwife", "Midwife"
        SCHOOL_NURSE = "school_nurse", "School nurse"
        POLICE = "police", "Police"
        YOUTH_JUSTICE = "youth_justice", "Youth justice"
        MENTAL_HEALTH = "mental_health", "Mental health (CAMHS)"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="professionals")
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.organisation}"


class PersonWarning(PublicIdModel):
    """Something everyone opening this person's record must see first (for example a risk to
    staff visiting the home)."""

    class Kind(models.TextChoices):
        RISK_TO_STAFF = "risk_to_staff", "Risk to staff"
        DOG = "dog", "Dangerous dog at the address"
        DO_NOT_DISCLOSE_ADDRESS = "address", "Do not disclose address"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    detail = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail[:40]}"


class Merge(PublicIdModel):
    """Two records of one person joined into the survivor, with what moved, so it can be undone."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    duplicate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    moved: models.JSONField[dict[str, list[str]]] = models.JSONField(default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()

    def __str__(self) -> str:
        return f"{self.duplicate} into {self.survivor}"
