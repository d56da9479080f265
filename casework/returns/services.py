"""Writes about returns: asking for a census, making it (in the background), and handing the
file to someone. Each writes its audit event; a census has no single child, so the events name
the run rather than a person."""

import functools
import logging
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.audit import services as audit
from casework.audit.models import Action
from casework.returns import access, selectors
from casework.returns.cin import from_record
from casework.returns.cin.export import count_census, export_census
from casework.returns.cin.years import CensusYear, census_year
from casework.returns.models import CensusRun

logger = logging.getLogger(__name__)
# Schema errors kept on the run for the page; the file they are about is not kept.
KEPT_SCHEMA_ERRORS = 200


def request_census(actor: Any, year: int | str) -> CensusRun:
    """Ask for `year`'s census to be made in the background. The task is queued once the
    request is committed, so a worker never looks for a run that does not exist yet."""
    if not access.may_make_census(actor):
        raise PermissionDenied("Only analysts and heads of service make the census")
    chosen = census_year(year)
    for attempt in range(3):
        try:
            with transaction.atomic():
                run = CensusRun.objects.create(
                    year=chosen.year, serial=selectors.next_serial(chosen), requested_by=actor
                )
                audit.record(
                    actor,
                    Action.EXPORT,
                    obj=run,
                    summary=f"Asked for the {chosen.label} CIN census (run {run.serial})",
                )
                transaction.on_commit(functools.partial(_enqueue, run))
            return run
        except IntegrityError:
            # Someone else took the same serial number at the same moment; take the next one.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _enqueue(run: CensusRun) -> None:
    from casework.returns.tasks import make_census_task

    result = make_census_task.enqueue(str(run.pk))
    CensusRun.objects.filter(pk=run.pk).update(task_id=str(result.id))


def make_census(run_id: str) -> CensusRun:
    """Make the census a run asked for: what the background task does. A run that has already
    started is left alone, so a task delivered twice does the work once."""
    claimed = CensusRun.objects.filter(pk=run_id, status=CensusRun.Status.QUEUED).update(
        status=CensusRun.Status.RUNNING, started_at=timezone.now()
    )
    run = CensusRun.objects.select_related("requested_by").get(pk=run_id)
    if not claimed:
        return run
    year = run.census_year
    CensusRun.objects.filter(pk=run.pk).update(children_total=from_record.people_in(year).count())

    def progress(done: int) -> None:
        CensusRun.objects.filter(pk=run.pk).update(children_done=done)

    try:
        with tempfile.TemporaryDirectory(prefix="casework-census-") as folder:
            output = Path(folder) / run.download_name
            result = export_census(year, output, serial=run.serial, progress=progress)
            run.refresh_from_db()
            if last_year_needs_counting(run):
                run.previous_counts = count_census(CensusYear(run.year - 1)).as_dict()
            run.counts = result.counts.as_dict()
            run.failures_by_rule = dict(sorted(result.failures.items()))
            run.rule_errors, run.rule_queries = result.errors, result.queries
            run.schema_errors = [str(e) for e in result.schema_errors[:KEPT_SCHEMA_ERRORS]]
            run.sql_queries = result.sql_queries
            run.seconds = round(result.seconds, 2)
            run.sha256, run.size = result.sha256, result.size
            with transaction.atomic():
                if result.valid:
                    with output.open("rb") as stream:
                        run.file.save(run.download_name, File(stream), save=False)
                    run.status = CensusRun.Status.DONE
                else:
                    run.status = CensusRun.Status.INVALID
                run.finished_at = timezone.now()
                run.save()
                audit.record(
                    run.requested_by,
                    Action.EXPORT,
                    obj=run,
                    summary=f"Made the {year.label} CIN census: {result.counts.children:,} "
                    f"children, {result.errors:,} errors"
                    + ("" if result.valid else ", refused by the schema"),
                )
    except Exception as error:
        logger.exception("Making census run %s failed", run_id)
        CensusRun.objects.filter(pk=run_id).update(
            status=CensusRun.Status.FAILED,
            finished_at=timezone.now(),
            failure_reason=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    return run


def last_year_needs_counting(run: CensusRun) -> bool:
    """Last year's figures are counted from the record only when no census of last year was
    made in Casework to compare with."""
    return selectors.last_year_submission(run) is None


def record_download(actor: Any, run: CensusRun) -> None:
    if not access.may_make_census(actor):
        raise PermissionDenied("Only analysts and heads of service download the census")
    audit.record(
        actor,
        Action.EXPORT,
        obj=run,
        summary=f"Downloaded the {run.census_year.label} CIN census (run {run.serial}, "
        f"SHA-256 {run.sha256[:12]}…)",
    )


def record_quality_view(actor: Any, year: CensusYear, problems: int) -> None:
    audit.record(
        actor,
        Action.VIEW,
        summary=f"Opened the {year.label} census data-quality page ({problems:,} problems)",
    )
