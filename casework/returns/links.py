"""Where to fix a census failure: the page, and the field on it, for the record a failure is
on and the census elements it names.

Each census record carries its Casework source (model and id), so the link is found from that
and the first element named. The fragment is the id of the field as the form renders it (the
first box of a date, the first option of a choice), the same anchor the error summary uses.
Where Casework has no form for a field (the referral date, say) the link goes to the record's
own page.
"""

import uuid
from dataclasses import dataclass

from django.urls import reverse

from casework.returns.cin.validation import Failure

# Census element -> (form field, grouped). A grouped field (date boxes, radios, checkboxes)
# is reached through its first input, `id_<name>_0`.
PERSON_FIELDS = {
    "UPN": ("upn", False),
    "FormerUPN": ("upn", False),
    "UPNunknown": ("upn", False),
    "PersonBirthDate": ("date_of_birth", True),
    "ExpectedPersonBirthDate": ("expected_date_of_birth", True),
    "Sex": ("sex", True),
    "Ethnicity": ("ethnicity", False),
    "Disabilities": ("disabilities", True),
    "Disability": ("disabilities", True),
}
ASSESSMENT_FIELDS = {
    "AssessmentActualStartDate": ("started_on", True),
    "AssessmentFactors": ("factors", True),
    "FactorsIdentifiedAtAssessment": ("factors", True),
}
CLOSURE_FIELDS = {
    "CINclosureDate": ("closed_on", True),
    "ReasonForClosure": ("reason", True),
}
PLAN_END_FIELDS = {"CPPendDate": ("ended_on", True)}

FIELD_LABELS = {
    "LAchildID": "Council ID",
    "UPN": "Unique pupil number",
    "FormerUPN": "Former unique pupil number",
    "UPNunknown": "Why there is no unique pupil number",
    "PersonBirthDate": "Date of birth",
    "ExpectedPersonBirthDate": "Expected date of birth",
    "Sex": "Sex",
    "PersonDeathDate": "Date of death",
    "Ethnicity": "Ethnicity",
    "Disabilities": "Disabilities",
    "Disability": "Disabilities",
    "CINreferralDate": "Referral date",
    "ReferralSource": "Who referred",
    "PrimaryNeedCode": "Primary need",
    "CINclosureDate": "Date closed",
    "ReasonForClosure": "Reason for closure",
    "DateOfInitialCPC": "Date of the initial conference",
    "ReferralNFA": "No further action",
    "AssessmentActualStartDate": "Date the assessment started",
    "AssessmentAuthorisationDate": "Date the assessment was authorised",
    "AssessmentFactors": "Factors identified",
    "CINPlanStartDate": "Plan start date",
    "CINPlanEndDate": "Plan end date",
    "S47ActualStartDate": "Date the enquiry started",
    "InitialCPCtarget": "Initial conference target date",
    "ICPCnotRequired": "Initial conference not needed",
    "CPPstartDate": "Plan start date",
    "CPPendDate": "Plan end date",
    "InitialCategoryOfAbuse": "Initial category of abuse",
    "LatestCategoryOfAbuse": "Latest category of abuse",
    "NumberOfPreviousCPP": "Previous child protection plans",
    "CPPreviewDate": "Review conference date",
    "ReferenceDate": "Census reference date",
}
RECORD_LABELS = {
    "people.Person": "Child's details",
    "cases.Episode": "Referral",
    "assessments.Assessment": "Assessment",
    "plans.CINPlan": "Child in need plan",
    "protection.Section47": "Section 47 enquiry",
    "protection.Conference": "Review conference",
    "protection.ChildProtectionPlan": "Child protection plan",
    "protection.PreProceedings": "Pre-proceedings",
}


@dataclass(frozen=True)
class FixLink:
    url: str | None
    record: str  # what kind of record the failure is on, as a worker would say it
    field: str  # the field to change

    @property
    def text(self) -> str:
        return f"{self.record}: {self.field.lower()}" if self.field else self.record


def _id(value: str) -> uuid.UUID:
    return uuid.UUID(value)


def _anchor(fields: dict[str, tuple[str, bool]], element: str) -> str | None:
    found = fields.get(element)
    if found is None:
        return None
    name, grouped = found
    return f"id_{name}_0" if grouped else f"id_{name}"


def fix_link(failure: Failure, *, open_episode: bool = True, active_plan: bool = True) -> FixLink:
    """The page and field that fix `failure`. `open_episode` and `active_plan` say whether the
    record can still be closed or ended through its form (a closed episode cannot)."""
    record = failure.record
    source = getattr(record, "source", None)
    element = failure.fields[0] if failure.fields else ""
    field = FIELD_LABELS.get(element, element)
    child = failure.child
    person_source = child.source if child is not None else None
    if source is None or person_source is None:
        return FixLink(None, "The census as a whole", field)
    person_id = _id(person_source.pk)
    record_id = _id(source.pk)
    label = RECORD_LABELS.get(source.model, "Record")
    url: str | None
    anchor: str | None = None
    match source.model:
        case "people.Person":
            anchor = _anchor(PERSON_FIELDS, element)
            name = "people:change" if anchor else "people:detail"
            url = reverse(name, args=[person_id])
        case "cases.Episode":
            anchor = _anchor(CLOSURE_FIELDS, element) if open_episode else None
            if anchor:
                url = reverse("cases:close_episode", args=[person_id, record_id])
            else:
                url = reverse("people:detail", args=[person_id])
        case "assessments.Assessment":
            anchor = _anchor(ASSESSMENT_FIELDS, element)
            name = "assessments:edit" if anchor else "assessments:detail"
            url = reverse(name, args=[record_id])
        case "plans.CINPlan":
            url = reverse("plans:plan", args=[person_id, record_id])
        case "protection.Section47":
            url = reverse("protection:s47", args=[person_id, record_id])
        case "protection.Conference":
            url = reverse("protection:conference", args=[person_id, record_id])
        case "protection.ChildProtectionPlan":
            anchor = _anchor(PLAN_END_FIELDS, element) if active_plan else None
            name = "protection:end_plan" if anchor else "protection:plan"
            url = reverse(name, args=[person_id, record_id])
        case _:
            url = reverse("protection:person", args=[person_id])
    return FixLink(f"{url}#{anchor}" if anchor else url, label, field)
