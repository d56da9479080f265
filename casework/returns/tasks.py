"""Background work for the returns. The database task backend runs these in `casework
db_worker`, beside the web process."""

from django.tasks import task

from casework.returns import services


@task()
def make_census_task(run_id: str) -> str:
    """Make the census a CensusRun asked for; returns the run's final status."""
    return str(services.make_census(run_id).status)
