"""How long the workforce census export takes for a council, and how long the workforce and
recruitment pages take, with the SQL queries each runs.

    .venv/bin/python bench/workforce.py                      # 2,000 children, fresh SQLite file
    .venv/bin/python bench/workforce.py --children 20000 --requests 10
    .venv/bin/python bench/workforce.py --database postgres  # throwaway PostgreSQL 15 cluster
    .venv/bin/python bench/workforce.py --json-only          # one line of JSON, nothing else

It builds the synthetic council (which includes the workforce: staff records, vacancies, events,
applicants, the academy and the region) in an empty database, exports the census for the year
that ends next 30 September several times, then requests each page as the persona who uses it.
It prints a table and, as its last line, one JSON object. Like bench/pages.py it never fails
because something was slow; it exits non-zero only when the census does not validate or a page
does not answer 200. See bench/README.md.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pages as shared  # noqa: E402  (the path above makes `bench` importable)

BENCHMARK = "workforce"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/workforce.py",
        description="Time the workforce census export and the workforce and recruitment pages.",
    )
    parser.add_argument("--children", type=int, default=2000, help="children in the council")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same council")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgres", "env"),
        default="sqlite",
        help="as for bench/pages.py",
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--exports", type=int, default=5, help="timed census exports")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    if args.children < 1 or args.requests < 1 or args.exports < 1:
        parser.error("--children, --requests and --exports must be at least 1")
    return args


def census_year() -> int:
    """The census year whose 30 September comes next (or is today)."""
    from django.utils import timezone

    today = timezone.localdate()
    return today.year + (1 if (today.month, today.day) > (9, 30) else 0)


def time_census(exports: int) -> dict[str, Any]:
    from casework.workforce import census

    year = census_year()
    times: list[float] = []
    errors: list[str] = []
    size = workers = 0
    for _ in range(exports):
        started = time.perf_counter()
        document = census.build(year, "901")
        errors = census.validation_errors(document)
        payload = census.to_bytes(document)
        times.append((time.perf_counter() - started) * 1000)
        size = len(payload)
        workers = len(document.findall("CSWWWorker"))
    return {
        "year": year,
        "workers": workers,
        "bytes": size,
        "valid": not errors,
        "errors": errors[:5],
        "p50_ms": round(shared.percentile(times, 50), 2),
        "max_ms": round(max(times), 2),
    }


def workforce_pages() -> list[shared.Page]:
    from casework.accounts.models import Team
    from casework.workforce.models import AcademyCohort, Event

    team_a = Team.objects.get(name="Team A")
    cohort = AcademyCohort.objects.order_by("starts_on").first()
    event = Event.objects.filter(title__startswith="Online evening: children").first()
    if cohort is None or event is None:
        raise SystemExit("The council has no academy or events; is the workforce built?")
    staff = "/workforce/recruitment"
    return [
        shared.Page("dashboard", "/workforce/dashboard/", "rita.recruiter"),
        shared.Page("dashboard: 3 starters", "/workforce/dashboard/?starters=3", "hana.head"),
        shared.Page("workforce overview", "/workforce/", "hana.head"),
        shared.Page("team caseloads", f"/workforce/teams/{team_a.pk}/", "tara.manager"),
        shared.Page("recruitment board", f"{staff}/", "rita.recruiter"),
        shared.Page("questions (staff)", f"{staff}/questions/", "rita.recruiter"),
        shared.Page("event follow-up", f"{staff}/events/{event.pk}/", "rita.recruiter"),
        shared.Page("academy cohort", f"{staff}/academy/{cohort.pk}/", "rita.recruiter"),
        shared.Page("careers: stories", "/careers/stories/", None),
        shared.Page("careers: questions", "/careers/questions/", None),
        shared.Page("careers: events", "/careers/events/", None),
        shared.Page("regional feed", "/careers/region/feed.json", None),
    ]


def rerun_under_postgres(argv: Sequence[str]) -> int:
    command = [str(shared.WITH_POSTGRES), sys.executable, str(Path(__file__).resolve())]
    command += [*argv, "--database", "env"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)  # noqa: S603
    assert process.stdout is not None
    result = None
    for line in process.stdout:
        if line.startswith(shared.PG_VIRTUALENV_CHATTER):
            sys.stderr.write(line)
        elif line.startswith('{"benchmark": "workforce"'):
            result = line
        else:
            sys.stdout.write(line)
    code = process.wait()
    if result is not None:
        sys.stdout.write(result)
    return code


def run(args: argparse.Namespace) -> int:
    import django

    # As in bench/pages.py: WhiteNoise warns about a missing STATIC_ROOT; no static is served.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.db import connection

    figures = shared.prepare_database(args)
    shared.say(args, f"Timing {args.exports} census exports…")
    exported = time_census(args.exports)
    clients: dict[str | None, Any] = {}
    results = []
    for page in workforce_pages():
        shared.say(args, f"Timing {page.name}…")
        client = shared.client_for(page.username, clients)
        results.append(shared.measure(page, client, args.requests))
    report = {
        "benchmark": BENCHMARK,
        "database": shared.database_name(connection.vendor),
        "children": args.children,
        "seed": args.seed,
        "requests": args.requests,
        "load_average": round(os.getloadavg()[0], 2),
        **{key: round(value, 2) for key, value in figures.items()},
        "peak_rss_mb": round(shared.peak_rss_mb(), 1),
        "census": exported,
        "pages": [result.as_json() for result in results],
    }
    if not args.json_only:
        print(
            f"Census {exported['year']}: {exported['workers']} workers, {exported['bytes']:,} "
            f"bytes, valid={exported['valid']}, p50 {exported['p50_ms']} ms, "
            f"max {exported['max_ms']} ms"
        )
        print(shared.table(results))
    print(json.dumps(report))
    failed = not exported["valid"] or any(result.status != 200 for result in results)
    return 1 if failed else 0


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    if args.database == "postgres":
        # The later `--database env` wins: the run inside the cluster uses its DATABASE_URL.
        return rerun_under_postgres(argv)
    if args.database == "env":
        if not os.environ.get("DATABASE_URL"):
            raise SystemExit("--database env needs DATABASE_URL to be set")
        shared.configure_environment(args, None)
        return run(args)
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as workdir:
        try:
            shared.configure_environment(args, Path(workdir))
            return run(args)
        finally:
            shared.close_connections()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
