"""Write CIN census records as the DfE's namespace-free XML, one child at a time.

Elements are written in the order of the DfE schema. Empty values are left out rather than
written as empty elements, as the schema's optional elements expect. The file is streamed with
lxml's incremental writer, so memory does not grow with the number of children.
"""

import datetime
from collections.abc import Iterable
from typing import IO

from lxml import etree

from casework.returns.cin.records import (
    Assessment,
    Child,
    ChildProtectionPlan,
    CINDetails,
    CINPlan,
    Header,
    PreProceedings,
    Section47,
)
from casework.returns.cin.years import CensusYear


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


_sub_element = etree.SubElement


def _add(parent: etree._Element, tag: str, value: object) -> None:
    # Called some thirty times a child, so the common cases (text, a date, nothing) come first.
    kind = value.__class__
    if kind is str:
        if value:
            _sub_element(parent, tag).text = value
    elif kind is datetime.date:
        _sub_element(parent, tag).text = value.isoformat()  # type: ignore[attr-defined]
    elif value is not None:
        text = _text(value)
        if text:
            _sub_element(parent, tag).text = text


def header_element(header: Header) -> etree._Element:
    element = etree.Element("Header")
    details = etree.SubElement(element, "CollectionDetails")
    _add(details, "Collection", header.Collection)
    _add(details, "Year", header.Year)
    _add(details, "ReferenceDate", header.ReferenceDate)
    source = etree.SubElement(element, "Source")
    _add(source, "SourceLevel", header.SourceLevel)
    # LEA is the one element the schema requires in Source; it is written even when empty so
    # that the schema, not a silent omission, reports a council without its code.
    etree.SubElement(source, "LEA").text = header.LEA
    _add(source, "SoftwareCode", header.SoftwareCode)
    _add(source, "Release", header.Release)
    _add(source, "SerialNo", header.SerialNo)
    _add(source, "DateTime", header.DateTime)
    return element


def _assessment(parent: etree._Element, assessment: Assessment) -> None:
    element = etree.SubElement(parent, "Assessments")
    _add(element, "AssessmentActualStartDate", assessment.AssessmentActualStartDate)
    _add(element, "AssessmentInternalReviewDate", assessment.AssessmentInternalReviewDate)
    _add(element, "AssessmentAuthorisationDate", assessment.AssessmentAuthorisationDate)
    if assessment.AssessmentFactors:
        factors = etree.SubElement(element, "FactorsIdentifiedAtAssessment")
        for factor in assessment.AssessmentFactors:
            _add(factors, "AssessmentFactors", factor)


def _plan(parent: etree._Element, plan: CINPlan) -> None:
    element = etree.SubElement(parent, "CINPlanDates")
    _add(element, "CINPlanStartDate", plan.CINPlanStartDate)
    _add(element, "CINPlanEndDate", plan.CINPlanEndDate)


def _section47(parent: etree._Element, s47: Section47) -> None:
    element = etree.SubElement(parent, "Section47")
    _add(element, "S47ActualStartDate", s47.S47ActualStartDate)
    _add(element, "InitialCPCtarget", s47.InitialCPCtarget)
    _add(element, "DateOfInitialCPC", s47.DateOfInitialCPC)
    _add(element, "ICPCnotRequired", s47.ICPCnotRequired)


def _cp_plan(parent: etree._Element, plan: ChildProtectionPlan) -> None:
    element = etree.SubElement(parent, "ChildProtectionPlans")
    _add(element, "CPPstartDate", plan.CPPstartDate)
    _add(element, "CPPendDate", plan.CPPendDate)
    _add(element, "InitialCategoryOfAbuse", plan.InitialCategoryOfAbuse)
    _add(element, "LatestCategoryOfAbuse", plan.LatestCategoryOfAbuse)
    _add(element, "NumberOfPreviousCPP", plan.NumberOfPreviousCPP)
    # One Reviews per review date. The 2023-24 schema we derive ours from allows a single Reviews
    # holding every date, but the DfE-rule validator reads only the first date of each Reviews
    # (dfe-validators.md section 3), so a plan's later reviews would be invisible to it. Our
    # schemas for each year allow Reviews to repeat, and say why.
    for review in plan.Reviews:
        reviews = etree.SubElement(element, "Reviews")
        _add(reviews, "CPPreviewDate", review.CPPreviewDate)


def _pre_proceedings(parent: etree._Element, block: PreProceedings) -> None:
    element = etree.SubElement(parent, "PreProceedingsandFGDM")
    for name in (
        "PPStartDate",
        "LBPSentDate",
        "FGDMMeetingOffer",
        "FGDMMeetingFac",
        "InitialPPMeetingDate",
        "ReviewMeetingsCount",
        "StepDecisionDate",
        "PPOutcome",
        "CourtAppDate",
        "LetterInitCPDate",
    ):
        _add(element, name, getattr(block, name))


def _details(parent: etree._Element, details: CINDetails, year: CensusYear) -> None:
    element = etree.SubElement(parent, "CINdetails")
    _add(element, "CINreferralDate", details.CINreferralDate)
    _add(element, "ReferralSource", details.ReferralSource)
    _add(element, "PrimaryNeedCode", details.PrimaryNeedCode)
    _add(element, "CINclosureDate", details.CINclosureDate)
    _add(element, "ReasonForClosure", details.ReasonForClosure)
    _add(element, "DateOfInitialCPC", details.DateOfInitialCPC)
    for assessment in details.Assessments:
        _assessment(element, assessment)
    for plan in details.CINPlanDates:
        _plan(element, plan)
    for s47 in details.Section47:
        _section47(element, s47)
    _add(element, "ReferralNFA", details.ReferralNFA)
    for cp_plan in details.ChildProtectionPlans:
        _cp_plan(element, cp_plan)
    if year.has_pre_proceedings:
        for block in details.PreProceedingsandFGDM:
            _pre_proceedings(element, block)


def child_element(child: Child, year: CensusYear) -> etree._Element:
    element = etree.Element("Child")
    identifiers = etree.SubElement(element, "ChildIdentifiers")
    _add(identifiers, "LAchildID", child.LAchildID)
    _add(identifiers, "UPN", child.UPN)
    _add(identifiers, "FormerUPN", child.FormerUPN)
    _add(identifiers, "UPNunknown", child.UPNunknown)
    _add(identifiers, "PersonBirthDate", child.PersonBirthDate)
    _add(identifiers, "ExpectedPersonBirthDate", child.ExpectedPersonBirthDate)
    _add(identifiers, "Sex", child.Sex)
    _add(identifiers, "PersonDeathDate", child.PersonDeathDate)
    characteristics = etree.SubElement(element, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", child.Ethnicity)
    if child.Disabilities:
        disabilities = etree.SubElement(characteristics, "Disabilities")
        for code in child.Disabilities:
            _add(disabilities, "Disability", code)
    for details in child.CINdetails:
        _details(element, details, year)
    return element


def write(output: IO[bytes], header: Header, children: Iterable[Child], year: CensusYear) -> int:
    """Write the census to `output` and return the number of children written."""
    count = 0
    with etree.xmlfile(output, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            xf.write(header_element(header), pretty_print=True)
            with xf.element("Children"):
                for child in children:
                    xf.write(child_element(child, year), pretty_print=True)
                    count += 1
    return count
