"""The children's social work workforce census (CSWW) as the DfE's 2022 XML schema asks for it.

The census year runs from 1 October to 30 September; the reference date is 30 September. Every
Social Work England-registered worker in post at any time in the year is a CSWWWorker, agency
workers included. Starters carry their start date and origin; leavers their end date and reason;
those in post on 30 September their FTE and the cases they held that day, from the allocations
open then. Vacancies are the FTE of social work posts vacant on 30 September.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.utils import timezone
from lxml import etree

from casework.common.errors import RuleBroken
from casework.workforce import selectors
from casework.workforce.models import StaffRecord

SCHEMA_PATH = Path(__file__).parent / "schemas" / "social_work_workforce_2022.xsd"
SOFTWARE_CODE = "Casework"
# Written when a worker's qualifying institution has not been recorded: QualInst is mandatory
# in the schema, and the DfE's own guidance uses "Not known" for missing qualifications.
QUAL_INST_NOT_KNOWN = "Not known"


def census_year(year: int) -> tuple[datetime.date, datetime.date]:
    """The census year named by its reference date: 1 October of the year before to 30 September
    (CSWW guidance: the collection covers the 12 months to 30 September)."""
    return datetime.date(year - 1, 10, 1), datetime.date(year, 9, 30)


def _two_places(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _fte(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def _add(parent: etree._Element, tag: str, text: str | None) -> None:
    if text not in (None, ""):
        etree.SubElement(parent, tag).text = text


def _worker(
    message: etree._Element,
    record: StaffRecord,
    start: datetime.date,
    reference: datetime.date,
    cases: int,
) -> None:
    worker = etree.SubElement(message, "CSWWWorker")
    in_post_at_reference = record.in_post_on(reference)
    _add(worker, "AgencyWorker", "1" if record.is_agency else "0")
    _add(worker, "SWENo", record.swe_number.upper())
    _add(worker, "FTE", _fte(record.fte))
    if record.date_of_birth is not None:
        _add(worker, "PersonBirthDate", record.date_of_birth.isoformat())
    _add(worker, "GenderCurrent", record.gender)
    _add(worker, "Ethnicity", record.ethnicity)
    _add(worker, "QualInst", record.qualification_institution or QUAL_INST_NOT_KNOWN)
    _add(worker, "QualLevel", record.qualification_level)
    _add(worker, "OrgRole", record.org_role)
    _add(worker, "RoleStartDate", record.started_on.isoformat())
    if record.started_on >= start:
        _add(worker, "StartOrigin", record.start_origin)
    if record.left_on is not None and record.left_on <= reference:
        _add(worker, "RoleEndDate", record.left_on.isoformat())
        _add(worker, "ReasonLeave", record.reason_left)
    if in_post_at_reference:
        _add(worker, "FTE30", _fte(record.fte))
        _add(worker, "Cases30", str(cases))
    # Sickness absence is asked of employees; agency workers' absence is their agency's record.
    if not record.is_agency:
        _add(worker, "WorkingDaysLost", _two_places(record.working_days_lost))
    if in_post_at_reference:
        absent = bool(record.absence_reason)
        _add(worker, "Absat30Sept", "1" if absent else "0")
        if absent:
            _add(worker, "ReasonAbsence", record.absence_reason)
    if record.is_newly_qualified:
        _add(worker, "CFKSSstatus", "1")


def build(year: int, la_code: str) -> etree._Element:
    """The census message for the year ending 30 September `year`. Raises RuleBroken when there
    is nobody to report: the schema needs at least one worker."""
    if not (len(la_code) == 3 and la_code.isdigit()):
        raise RuleBroken("lea", "The local authority code must be three digits, like 201")
    start, reference = census_year(year)
    staff = list(selectors.census_staff(start, reference))
    if not staff:
        raise RuleBroken(
            "year",
            f"No registered social workers were in post between {start:%-d %B %Y} and "
            f"{reference:%-d %B %Y}; there is nothing to report",
        )
    cases = selectors.cases_held_on(reference, [record.user_id for record in staff])

    message = etree.Element("Message")
    header = etree.SubElement(message, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CSWW")
    _add(details, "Year", str(year))
    _add(details, "ReferenceDate", reference.isoformat())
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", la_code)
    _add(source, "SoftwareCode", SOFTWARE_CODE)
    _add(source, "DateTime", timezone.now().replace(microsecond=0).isoformat())

    agency_at_reference = [s for s in staff if s.is_agency and s.in_post_on(reference)]
    vacancies = etree.SubElement(message, "LALevelVacancies")
    vacant_fte = sum((v.fte for v in selectors.vacancies_open_on(reference)), Decimal(0))
    _add(vacancies, "NumberOfVacancies", _two_places(vacant_fte))
    _add(
        vacancies,
        "NoAgencyFTE",
        _two_places(sum((s.fte for s in agency_at_reference), Decimal(0))),
    )
    _add(vacancies, "NoAgencyHeadcount", str(len(agency_at_reference)))

    for record in staff:
        _worker(message, record, start, reference, cases.get(record.user_id, 0))
    return message


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validation_errors(document: etree._Element) -> list[str]:
    checker = schema()
    if checker.validate(etree.ElementTree(document)):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]


def to_bytes(document: etree._Element) -> bytes:
    result: bytes = etree.tostring(
        document, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return result
