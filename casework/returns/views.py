import uuid
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from casework.common.errors import RuleBroken
from casework.returns import access, quality, selectors, services
from casework.returns.cin.years import census_year
from casework.returns.forms import MakeCensusForm, QualityYearForm
from casework.returns.models import CensusRun

HISTORY_LIMIT = 100
# How often, in seconds, a run's page asks for itself again while the census is being made.
REFRESH_SECONDS = 3


def _index(request: HttpRequest, form: MakeCensusForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "returns/index.html",
        {"form": form, "runs": selectors.runs()[:HISTORY_LIMIT]},
        status=status,
    )


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    access.require_census_staff(request.user)
    return _index(request, MakeCensusForm(initial={"year": str(quality.current_year().year - 1)}))


@require_POST
def make(request: HttpRequest) -> HttpResponse:
    access.require_census_staff(request.user)
    form = MakeCensusForm(request.POST)
    if not form.is_valid():
        return _index(request, form, status=400)
    try:
        run = services.request_census(request.user, form.cleaned_data["year"])
    except RuleBroken as broken:
        form.add_error("year", broken.message)
        return _index(request, form, status=400)
    return HttpResponseRedirect(run.get_absolute_url())


@require_safe
def run_detail(request: HttpRequest, run_id: uuid.UUID) -> HttpResponse:
    run = access.run_for_view(request.user, run_id)
    response = render(
        request,
        "returns/run.html",
        {
            "run": run,
            "comparison": selectors.comparison(run),
            "refresh_seconds": REFRESH_SECONDS,
        },
    )
    if not run.is_finished:
        # Without JavaScript the browser reloads the page itself until the census is made.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@require_safe
def download(request: HttpRequest, run_id: uuid.UUID) -> FileResponse:
    run = access.run_for_view(request.user, run_id)
    if run.status != CensusRun.Status.DONE or not run.file:
        raise Http404("This census has no file to download")
    services.record_download(request.user, run)
    return FileResponse(
        run.file.open("rb"),
        as_attachment=True,
        filename=run.download_name,
        content_type="application/xml",
    )


@require_safe
def data_quality(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require_quality_reader(user)
    form = QualityYearForm(request.GET or None)
    year = quality.current_year()
    if form.is_bound and form.is_valid() and form.cleaned_data["year"]:
        year = census_year(form.cleaned_data["year"])
    rule = request.GET.get("rule", "").strip()[:10] or None
    report = quality.report_for(user, year, rule=rule)
    services.record_quality_view(user, year, len(report.problems) + len(report.council_wide))
    return render(
        request,
        "returns/data_quality.html",
        {
            "form": form if form.is_bound else QualityYearForm(initial={"year": str(year.year)}),
            "report": report,
            "rule": rule,
            "whole_council": access.sees_whole_council(user),
        },
    )
