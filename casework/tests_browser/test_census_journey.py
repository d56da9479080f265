"""The census journey (issue 7): pat.analyst makes the 2025-26 children in need census of the
demo council from the returns page, watches it go from waiting to ready, and downloads a file
that matches the schema; an error put into a child's record shows on the data-quality page,
and the team manager's link opens the field that fixes it."""

import datetime
import hashlib
from pathlib import Path

from django.core.management import call_command
from playwright.sync_api import expect

from casework.accounts.models import User
from casework.assessments.models import Assessment
from casework.cases.models import Allocation
from casework.demo.council import build_council
from casework.returns.cin import schema
from casework.returns.cin.years import census_year
from casework.returns.models import CensusRun
from casework.returns.quality import current_year
from casework.returns.tests import builders as b

D = datetime.date


def an_assessment_dated_before_its_referral(worker: User) -> Assessment:
    """Rule 1103, put in by hand as the assessment form would refuse it."""
    year = current_year()
    team = worker.team
    assert team is not None
    person = b.child(given_name="Nia", family_name="Census")
    Allocation.objects.create(person=person, team=team, worker=worker, started_on=D(2026, 5, 4))
    episode = b.referral(person, max(year.start, D(2026, 5, 4)), team=team)
    assessment = b.assessment(episode, episode.referral_date)
    Assessment.objects.filter(pk=assessment.pk).update(
        started_on=year.start - datetime.timedelta(5)
    )
    return assessment


def test_pat_makes_the_census_and_a_manager_fixes_what_it_found(site, page_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("holidays", verbosity=0)
    build_council(children=30, seed=2)

    # Pat asks for the 2025-26 census.
    pat = page_for("pat.analyst")
    site.follow(pat, pat.get_by_role("link", name="Returns").click)
    pat.get_by_label("2025-26").check()
    site.submit(pat, "Make the census")
    expect(pat.get_by_text("Waiting to start")).to_be_visible()
    run = CensusRun.objects.get()

    # The background worker makes it; the page, refreshing itself, shows it is ready.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    expect(pat.get_by_role("heading", name="The census is ready")).to_be_visible(timeout=15_000)
    site.visit(pat, run.get_absolute_url())
    run.refresh_from_db()
    assert run.status == CensusRun.Status.DONE
    expect(pat.get_by_text(run.sha256)).to_be_visible()

    with pat.expect_download() as downloading:
        pat.get_by_role("link", name="Download").click()
    saved = Path(downloading.value.path())
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == run.sha256
    assert schema.check(saved, census_year(2026)).valid
    assert downloading.value.suggested_filename == run.download_name

    # The history keeps the run.
    site.follow(pat, pat.get_by_role("link", name="All censuses").click)
    expect(pat.get_by_role("link", name="2025-26, run 1")).to_be_visible()

    # An error in a Team A child's record shows on the data-quality page...
    tess = User.objects.get(username="tess.colleague")
    assessment = an_assessment_dated_before_its_referral(tess)
    site.follow(pat, pat.get_by_role("link", name="census data-quality page").click)
    expect(pat.get_by_role("link", name="1103")).to_be_visible()
    # The one defect breaks more than one rule; the 1103 row names the child.
    rule_1103 = pat.get_by_role("row").filter(has=pat.get_by_role("cell", name="1103", exact=True))
    expect(rule_1103.get_by_role("link", name="Nia Census", exact=True)).to_be_visible()

    # ...and the team manager's link opens the field that fixes it.
    tara = page_for("tara.manager")
    site.follow(tara, tara.get_by_role("link", name="Census data quality").click)
    fix = (
        tara.get_by_role("row")
        .filter(has=tara.get_by_role("cell", name="1103", exact=True))
        .get_by_role("link", name="Assessment: date the assessment started for Nia Census")
    )
    site.follow(tara, fix.click)
    assert tara.url.endswith(f"/assessments/{assessment.pk}/edit/#id_started_on_0")
    expect(tara.locator("#id_started_on_0")).to_be_in_viewport()
