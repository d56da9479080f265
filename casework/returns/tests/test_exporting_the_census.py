"""`casework export cin-census`: the demo council's census matches the schema and our rules
first time, and a census that would not is never written."""

import datetime
import io
from pathlib import Path

import pytest
import xmlschema
from django.core.management import CommandError, call_command
from django.test import override_settings
from lxml import etree

from casework.cases.models import Episode
from casework.demo.council import build_council
from casework.returns.cin import reader, schema
from casework.returns.cin.export import export_census, release
from casework.returns.cin.years import census_year
from casework.returns.tests import builders as b
from casework.returns.tests.builders import D

pytestmark = pytest.mark.django_db


def export(tmp_path: Path, year: int = 2026) -> tuple[Path, str]:
    output = tmp_path / f"cin-{year}.xml"
    out = io.StringIO()
    call_command("export", "cin-census", "--year", str(year), "--output", str(output), stdout=out)
    return output, out.getvalue()


@pytest.mark.parametrize(("children", "seed"), [(40, 3), (90, 11)])
def test_the_demo_councils_census_is_valid_first_time(
    tmp_path: Path, children: int, seed: int
) -> None:
    build_council(children=children, seed=seed)

    output, _ = export(tmp_path)
    result = export_census(census_year(2026), tmp_path / "again.xml")

    # Every child with an episode open at some point in the census year is in it, once.
    in_year = set(
        Episode.objects.filter(referral_date__lte=D(2026, 3, 31))
        .exclude(closed_on__lt=D(2025, 4, 1))
        .values_list("person_id", flat=True)
    )
    assert output.exists()
    assert len(in_year) >= 5
    assert result.counts.children == len(in_year)
    assert result.schema_errors == []
    assert result.errors == 0
    # 2887Q asks a council why fewer than eight disability codes appear in its whole return: a
    # question for a council of thousands, which a demo of a few dozen children cannot answer.
    assert set(result.failures) <= {"2887Q"}
    assert xmlschema.XMLSchema(str(schema.schema_path(census_year(2026)))).is_valid(str(output))
    census = reader.read(output.open("rb"))
    assert sum(1 for _ in census.children) == result.counts.children


def test_the_summary_names_the_children_the_episodes_and_the_time(tmp_path: Path) -> None:
    person = b.child()
    b.referral(person, D(2025, 5, 1))
    b.referral(person, D(2024, 5, 1), closed=D(2025, 4, 30))

    output, summary = export(tmp_path)

    assert str(output) in summary
    assert "1 children, 2 CINdetails" in summary
    assert "seconds" in summary
    assert summary.count("\n") == 1


@override_settings(COUNCIL_LA_CODE="938")
def test_the_header_names_the_council_the_software_and_the_run(tmp_path: Path) -> None:
    b.referral(b.child(), D(2025, 5, 1))

    output, _ = export(tmp_path)
    header = etree.parse(str(output)).find("Header")

    assert header is not None
    assert header.findtext("CollectionDetails/Collection") == "CIN"
    assert header.findtext("CollectionDetails/Year") == "2026"
    assert header.findtext("CollectionDetails/ReferenceDate") == "2026-03-31"
    assert header.findtext("Source/LEA") == "938"
    assert header.findtext("Source/SoftwareCode") == "Casework"
    assert header.findtext("Source/Release") == release()
    assert header.findtext("Source/SerialNo") == "001"
    made = datetime.datetime.fromisoformat(header.findtext("Source/DateTime") or "")
    assert made.tzinfo is not None


def test_a_census_the_schema_refuses_is_not_written_and_each_error_has_its_line(
    tmp_path: Path,
) -> None:
    for _ in range(2):
        b.referral(b.child(), D(2025, 5, 1))
    Episode.objects.update(referral_source="ZZ")  # a code no form offers, put in by hand
    output = tmp_path / "cin-2026.xml"

    with pytest.raises(CommandError) as refused:
        call_command("export", "cin-census", "--year", "2026", "--output", str(output))

    message = str(refused.value)
    assert "nothing was written" in message
    assert message.count("Line ") == 2
    assert "ReferralSource" in message
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_census_with_nobody_in_it_is_refused_rather_than_written_empty(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="nothing was written"):
        export(tmp_path)


def test_a_year_casework_does_not_make_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="year: Casework produces the census for 2025"):
        export(tmp_path, year=2023)


def test_the_census_from_the_record_reads_back_as_the_same_children(tmp_path: Path) -> None:
    episode = b.referral(b.child(), D(2025, 5, 1))
    b.assessment(episode, D(2025, 5, 2), authorised=D(2025, 6, 2), factors=["3B", "4B"])
    s47 = b.enquiry(episode, D(2025, 5, 3), icpc=D(2025, 5, 23), completed=D(2025, 5, 20))
    b.cp_plan(episode.person, D(2025, 5, 23), section47=s47, reviews=[D(2025, 8, 20)])

    output, _ = export(tmp_path)
    read = list(reader.read(output.open("rb")).children)

    details = read[0].CINdetails[0]
    assert details.Assessments[0].AssessmentFactors == ["3B", "4B"]
    assert details.Section47[0].DateOfInitialCPC == D(2025, 5, 23)
    assert details.ChildProtectionPlans[0].Reviews[0].CPPreviewDate == D(2025, 8, 20)
