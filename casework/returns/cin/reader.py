"""Read a CIN census XML file into census records, one child at a time.

An uploaded file is untrusted. It is parsed with entity expansion, DTD loading and network
access all off, and a file that declares a DTD or entities at all is refused: census files never
need one, and refusing is safer than expanding them (the "billion laughs"). A namespaced file is
refused too (the DfE's layout has none). A date that does not parse stops the read with the line
it is on: a report on part of a file must never look like a report on all of it.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
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
    Review,
    Section47,
)


class UnreadableCensus(Exception):
    """The file cannot be read as a CIN census. `line` is where the problem is, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


def _date(element: etree._Element | None) -> datetime.date | None:
    if element is None:
        return None
    text = (element.text or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else _bad_date(element, text)
    except ValueError:
        return _bad_date(element, text)


def _bad_date(element: etree._Element, text: str) -> datetime.date:
    raise UnreadableCensus(
        f"{element.tag} is “{text}”, which is not a date in the form YYYY-MM-DD",
        element.sourceline,
    )


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return (element.text or "").strip()


Fields = dict[str, etree._Element]


def _fields(parent: etree._Element) -> Fields:
    """The first child element of each name, as `find` would give it, in one pass: a census
    element has a dozen fields, and looking each up by name walked the children each time."""
    found: Fields = {}
    for element in parent:
        tag = element.tag
        if tag not in found:
            found[tag] = element
    return found


def _d(fields: Fields, name: str) -> datetime.date | None:
    return _date(fields.get(name))


def _t(fields: Fields, name: str) -> str:
    return _text(fields.get(name))


def _assessment(e: etree._Element) -> Assessment:
    f = _fields(e)
    return Assessment(
        AssessmentActualStartDate=_d(f, "AssessmentActualStartDate"),
        AssessmentInternalReviewDate=_d(f, "AssessmentInternalReviewDate"),
        AssessmentAuthorisationDate=_d(f, "AssessmentAuthorisationDate"),
        AssessmentFactors=[
            _text(factor)
            for factor in e.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors")
        ],
        line=e.sourceline,
    )


def _cp_plan(e: etree._Element) -> ChildProtectionPlan:
    f = _fields(e)
    return ChildProtectionPlan(
        CPPstartDate=_d(f, "CPPstartDate"),
        CPPendDate=_d(f, "CPPendDate"),
        InitialCategoryOfAbuse=_t(f, "InitialCategoryOfAbuse"),
        LatestCategoryOfAbuse=_t(f, "LatestCategoryOfAbuse"),
        NumberOfPreviousCPP=_t(f, "NumberOfPreviousCPP"),
        Reviews=[
            Review(CPPreviewDate=_date(review), line=review.sourceline)
            for review in e.iterfind("Reviews/CPPreviewDate")
        ],
        line=e.sourceline,
    )


def _pre_proceedings(e: etree._Element) -> PreProceedings:
    f = _fields(e)
    return PreProceedings(
        PPStartDate=_d(f, "PPStartDate"),
        LBPSentDate=_d(f, "LBPSentDate"),
        FGDMMeetingOffer=_t(f, "FGDMMeetingOffer"),
        FGDMMeetingFac=_t(f, "FGDMMeetingFac"),
        InitialPPMeetingDate=_d(f, "InitialPPMeetingDate"),
        ReviewMeetingsCount=_t(f, "ReviewMeetingsCount"),
        StepDecisionDate=_d(f, "StepDecisionDate"),
        PPOutcome=_t(f, "PPOutcome"),
        CourtAppDate=_d(f, "CourtAppDate"),
        LetterInitCPDate=_d(f, "LetterInitCPDate"),
        line=e.sourceline,
    )


def _section47(e: etree._Element) -> Section47:
    f = _fields(e)
    return Section47(
        S47ActualStartDate=_d(f, "S47ActualStartDate"),
        InitialCPCtarget=_d(f, "InitialCPCtarget"),
        DateOfInitialCPC=_d(f, "DateOfInitialCPC"),
        ICPCnotRequired=_t(f, "ICPCnotRequired"),
        line=e.sourceline,
    )


def _cin_plan(e: etree._Element) -> CINPlan:
    f = _fields(e)
    return CINPlan(
        CINPlanStartDate=_d(f, "CINPlanStartDate"),
        CINPlanEndDate=_d(f, "CINPlanEndDate"),
        line=e.sourceline,
    )


def _details(e: etree._Element) -> CINDetails:
    f = _fields(e)
    return CINDetails(
        CINreferralDate=_d(f, "CINreferralDate"),
        ReferralSource=_t(f, "ReferralSource"),
        PrimaryNeedCode=_t(f, "PrimaryNeedCode"),
        CINclosureDate=_d(f, "CINclosureDate"),
        ReasonForClosure=_t(f, "ReasonForClosure"),
        DateOfInitialCPC=_d(f, "DateOfInitialCPC"),
        ReferralNFA=_t(f, "ReferralNFA"),
        Assessments=[_assessment(a) for a in e.iterfind("Assessments")],
        CINPlanDates=[_cin_plan(p) for p in e.iterfind("CINPlanDates")],
        Section47=[_section47(s) for s in e.iterfind("Section47")],
        ChildProtectionPlans=[_cp_plan(p) for p in e.iterfind("ChildProtectionPlans")],
        PreProceedingsandFGDM=[_pre_proceedings(p) for p in e.iterfind("PreProceedingsandFGDM")],
        line=e.sourceline,
    )


_EMPTY = etree.Element("Empty")


def child_from_element(element: etree._Element) -> Child:
    ids_element = element.find("ChildIdentifiers")
    ids = _fields(ids_element) if ids_element is not None else {}
    chars = element.find("ChildCharacteristics")
    chars = chars if chars is not None else _EMPTY
    characteristics = _fields(chars)
    return Child(
        LAchildID=_t(ids, "LAchildID"),
        UPN=_t(ids, "UPN"),
        FormerUPN=_t(ids, "FormerUPN"),
        UPNunknown=_t(ids, "UPNunknown"),
        PersonBirthDate=_d(ids, "PersonBirthDate"),
        ExpectedPersonBirthDate=_d(ids, "ExpectedPersonBirthDate"),
        Sex=_t(ids, "Sex"),
        PersonDeathDate=_d(ids, "PersonDeathDate"),
        Ethnicity=_t(characteristics, "Ethnicity"),
        Disabilities=[_text(d) for d in chars.iterfind("Disabilities/Disability")],
        CINdetails=[_details(d) for d in element.iterfind("CINdetails")],
        line=element.sourceline,
    )


def header_from_element(element: etree._Element) -> Header:
    details_element = element.find("CollectionDetails")
    details = _fields(details_element) if details_element is not None else {}
    source_element = element.find("Source")
    source = _fields(source_element) if source_element is not None else {}
    return Header(
        Collection=_t(details, "Collection"),
        Year=_t(details, "Year"),
        ReferenceDate=_d(details, "ReferenceDate"),
        SourceLevel=_t(source, "SourceLevel"),
        LEA=_t(source, "LEA"),
        SoftwareCode=_t(source, "SoftwareCode"),
        Release=_t(source, "Release"),
        SerialNo=_t(source, "SerialNo"),
        DateTime=_t(source, "DateTime"),
        line=element.sourceline,
    )


@dataclass
class CensusFile:
    """An open census file: its header, then its children as they are read."""

    header: Header
    children: Iterator[Child]


def _events(stream: IO[bytes]) -> Iterator[tuple[str, etree._Element]]:
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        yield from events
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        raise UnreadableCensus(f"The file is not well-formed XML: {error.msg}", line) from None


def read(stream: IO[bytes]) -> CensusFile:
    """Open a census file. The header is read at once (so a file that is not a census fails
    here); children are read lazily, and a problem further on raises UnreadableCensus then."""
    events = _events(stream)
    try:
        first = next(events)
    except StopIteration:
        raise UnreadableCensus("The file is empty") from None
    except UnreadableCensus as error:
        if stream.seekable() and stream.seek(0, 2) == 0:
            raise UnreadableCensus("The file is empty") from None
        raise error
    root = first[1]
    if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableCensus(
            "The file declares a DTD or entities. A CIN census never needs one, so it is "
            "refused rather than expanded",
            1,
        )
    if root.tag.startswith("{") or root.nsmap:
        raise UnreadableCensus(
            "The file uses an XML namespace. The CIN census is namespace-free: remove the "
            "xmlns attribute from the Message element",
            root.sourceline,
        )
    if root.tag != "Message":
        raise UnreadableCensus(
            f"The file's root element is {root.tag}; a CIN census starts with Message",
            root.sourceline,
        )

    header = Header()
    pending: list[tuple[str, etree._Element]] = []
    # Read up to the Header's end (or the first Child, for a file with no Header) so the header
    # is known before any child is handed out.
    for event, element in events:
        if event == "end" and element.tag == "Header" and element.getparent() is root:
            header = header_from_element(element)
            break
        if event == "start" and element.tag == "Children":
            pending.append((event, element))
            break

    def children() -> Iterator[Child]:
        seen_children = bool(pending)
        for event, element in events:
            if event == "start" and element.tag == "Children":
                seen_children = True
            if event != "end" or element.tag != "Child":
                continue
            parent = element.getparent()
            if parent is None or parent.tag != "Children":
                continue
            yield child_from_element(element)
            # Free what has been read, so memory stays flat whatever the size of the file.
            element.clear()
            while element.getprevious() is not None:
                del parent[0]
        if not seen_children:
            raise UnreadableCensus("The file has no Children element", root.sourceline)

    return CensusFile(header=header, children=children())
