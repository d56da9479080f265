"""How long the child protection trays and a plan page take, and how many SQL queries each runs.

    .venv/bin/python bench/protection.py                               # 10,000 children, SQLite
    .venv/bin/python bench/protection.py --children 100000 --database postgres
    .venv/bin/python bench/protection.py --explain                     # and each list's plan

It builds the synthetic council (about one child in twenty on a child protection plan, see
casework/protection/demo.py) with bench/pages.py's machinery, then times, as the demo personas:
the whole trays page for the chair (and its second page of every list), a team manager and a
social worker, the trays endpoint, a child's plan page and child protection record; and each
tray list on its own (the selector call for its first page, no page around it), so a slow list
can be told from a slow page. It prints a table and, as its last line, one JSON object. Like
pages.py it never fails because something was slow; it exits non-zero only when a page does not
answer 200. See bench/README.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pages as bench_pages  # noqa: E402  (needs ROOT on the path first)

BENCHMARK = "protection"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/protection.py",
        description="Time the child protection trays and plan page in a synthetic council.",
    )
    parser.add_argument("--children", type=int, default=10_000, help="children in the council")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same council")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgres", "env"),
        default="sqlite",
        help="as for bench/pages.py: a fresh SQLite file (default), a throwaway PostgreSQL 15 "
        "cluster, or the DATABASE_URL already set (migrated, and the council added to it)",
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each tray list's query"
    )
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    if args.children < 20:
        parser.error("--children must be at least 20 (sam.worker needs children on plans)")
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    return args


def rerun_under_postgres(argv: Sequence[str]) -> int:
    """Run this script again inside scripts/with-postgres; pg_virtualenv's own lines go to
    stderr so the JSON line stays last on stdout."""
    command = [
        str(bench_pages.WITH_POSTGRES),
        sys.executable,
        str(Path(__file__).resolve()),
        *argv,
        "--database",
        "env",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)  # noqa: S603
    assert process.stdout is not None
    result_line = None
    for line in process.stdout:
        if line.startswith(bench_pages.PG_VIRTUALENV_CHATTER):
            sys.stderr.write(line)
        elif _is_result_line(line):
            result_line = line
        else:
            sys.stdout.write(line)
        sys.stdout.flush()
    code = process.wait()
    if result_line is not None:
        sys.stdout.write(result_line)
    return code


def _is_result_line(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("benchmark") == BENCHMARK


# What is timed ----------------------------------------------------------------------------------


def default_pages() -> list[bench_pages.Page]:
    from casework.accounts.models import User
    from casework.accounts.services import issue_token
    from casework.protection.models import ChildProtectionPlan

    sam = User.objects.get(username="sam.worker")
    plan = (
        ChildProtectionPlan.objects.filter(
            status=ChildProtectionPlan.Status.ACTIVE,
            person__allocations__worker=sam,
            person__allocations__ended_on__isnull=True,
        )
        .order_by("started_on")
        .first()
    )
    if plan is None:
        raise SystemExit("sam.worker has no child on a plan; is the council built?")
    ian = User.objects.get(username="ian.chair")
    token = issue_token(ian, name="bench/protection.py")
    return [
        bench_pages.Page("cp trays: chair", "/protection/", "ian.chair"),
        bench_pages.Page(
            "cp trays: chair, page 2",
            "/protection/?initial=2&finalise=2&reviews=2&core_groups=2&visits=2",
            "ian.chair",
        ),
        bench_pages.Page("cp trays: team manager", "/protection/", "tara.manager"),
        bench_pages.Page("cp trays: social worker", "/protection/", "sam.worker"),
        bench_pages.Page(
            "api: cp trays: chair",
            "/api/v1/protection/trays",
            None,
            {"HTTP_AUTHORIZATION": f"Bearer {token}"},
        ),
        bench_pages.Page("cp plan", plan.get_absolute_url(), "sam.worker"),
        bench_pages.Page("cp record", f"/people/{plan.person_id}/protection/", "sam.worker"),
    ]


def default_lists() -> list[tuple[str, str, Callable[[], Any]]]:
    """(name, who, call): each tray list as its selector answers it."""
    from casework.accounts.models import User
    from casework.protection import selectors

    users = {name: User.objects.get(username=name) for name in ("ian.chair", "tara.manager")}
    users["sam.worker"] = User.objects.get(username="sam.worker")
    per_user = (
        ("initial conferences due", selectors.initial_conferences_due),
        ("review conferences due", selectors.review_conferences_due),
        ("core groups due", selectors.core_groups_due),
        ("visits overdue", selectors.visits_overdue),
        ("tray counts", selectors.tray_counts),
    )
    lists = []
    for who, label in (
        ("ian.chair", "chair"),
        ("tara.manager", "team manager"),
        ("sam.worker", "social worker"),
    ):
        lists += [
            (f"{what}: {label}", who, _bound(function, users[who])) for what, function in per_user
        ]
    lists.append(
        (
            "conferences to finalise: chair",
            "ian.chair",
            _bound(selectors.conferences_to_finalise, users["ian.chair"]),
        )
    )
    return lists


def _bound(function: Callable[[Any], Any], user: Any) -> Callable[[], Any]:
    def call() -> Any:
        return function(user)

    return call


def measure_call(name: str, who: str, call: Callable[[], Any], requests: int) -> Any:
    """Time a selector the way bench/pages.py times a page: warm-up, then `requests` calls."""

    def once() -> tuple[float, int, int]:
        with bench_pages.capture_queries() as captured:
            started = time.perf_counter()
            result = call()
            elapsed = time.perf_counter() - started
        size = len(result) if isinstance(result, list) else 1
        return elapsed * 1000, len(captured.captured_queries), size

    for _ in range(bench_pages.WARM_UP):
        once()
    times, queries, rows = [], [], 0
    for _ in range(requests):
        ms, count, rows = once()
        times.append(ms)
        queries.append(count)
    page = bench_pages.Page(name, f"{rows} rows", who)
    return bench_pages.Measured(page, 200, times, queries)


def explain(lists: list[tuple[str, str, Callable[[], Any]]]) -> None:
    """Print the database's plan for each list's SQL, to check it is one indexed query."""
    from django.db import connection

    prefix = "EXPLAIN ANALYZE" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    for name, _who, call in lists:
        with bench_pages.capture_queries() as captured:
            call()
        for query in captured.captured_queries:
            print(f"\n-- {name}\n{query['sql']}")
            with connection.cursor() as cursor:
                cursor.execute(f"{prefix} {query['sql']}")
                for line in cursor.fetchall():
                    print("   ", " ".join(str(part) for part in line))


def counts_in_council() -> dict[str, int]:
    from django.utils import timezone

    from casework.protection.models import ChildProtectionPlan, CPVisit, Section47

    today = timezone.localdate()
    active = ChildProtectionPlan.objects.filter(status=ChildProtectionPlan.Status.ACTIVE)
    return {
        "active_plans": active.count(),
        "visits_overdue": active.filter(next_visit_due__lt=today).count(),
        "core_groups_overdue": active.filter(next_core_group_due__lt=today).count(),
        "reviews_overdue": active.filter(next_review_due__lt=today).count(),
        "awaiting_icpc": Section47.objects.filter(awaiting_icpc=True).count(),
        "cp_visits": CPVisit.objects.count(),
    }


def run(args: argparse.Namespace) -> int:
    import django

    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.db import connection

    timings = bench_pages.prepare_database(args)
    if connection.vendor == "postgresql":
        # What autovacuum would do soon after a load this size.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    council = counts_in_council()
    bench_pages.say(args, f"Child protection in the council: {council}")
    clients: dict[str | None, Any] = {}
    results = []
    for page in default_pages():
        bench_pages.say(args, f"Timing {page.name} ({page.path})…")
        client = bench_pages.client_for(page.username, clients)
        results.append(bench_pages.measure(page, client, args.requests))
    lists = default_lists()
    measured_lists = []
    for name, who, call in lists:
        bench_pages.say(args, f"Timing {name}…")
        measured_lists.append(measure_call(name, who, call, args.requests))
    report = {
        "benchmark": BENCHMARK,
        "database": bench_pages.database_name(connection.vendor),
        "children": args.children,
        "seed": args.seed,
        "requests": args.requests,
        "load_average": round(os.getloadavg()[0], 2),
        "migrate_seconds": round(timings["migrate_seconds"], 2),
        "seed_seconds": round(timings["seed_seconds"], 2),
        "peak_rss_mb": round(bench_pages.peak_rss_mb(), 1),
        "council": council,
        "pages": [result.as_json() for result in results],
        "lists": [result.as_json() for result in measured_lists],
    }
    if not args.json_only:
        print(
            f"Child protection on {report['database']}: {args.children:,} children (seed "
            f"{args.seed}), {council['active_plans']:,} active plans, {args.requests} timed "
            f"requests each after {bench_pages.WARM_UP} warm-up; load average "
            f"{report['load_average']}"
        )
        print()
        print(bench_pages.table(results))
        print()
        print(bench_pages.table(measured_lists).replace("Path", "Rows", 1))
        print()
        if args.explain:
            explain(lists)
            print()
    print(json.dumps(report), flush=True)
    failed = [r for r in results if r.status != 200]
    for result in failed:
        print(
            f"{result.page.name} ({result.page.path}) answered {result.status}, not 200",
            file=sys.stderr,
        )
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.database == "postgres":
        return rerun_under_postgres(argv)
    if args.database == "env":
        if not os.environ.get("DATABASE_URL"):
            raise SystemExit("--database env needs DATABASE_URL to be set")
        bench_pages.configure_environment(args, None)
        return run(args)
    workdir = Path(tempfile.mkdtemp(prefix="casework-bench-"))
    try:
        bench_pages.configure_environment(args, workdir)
        return run(args)
    finally:
        bench_pages.close_connections()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
