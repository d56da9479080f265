"""How long Casework's busiest pages take, and how many SQL queries each one runs.

    .venv/bin/python bench/pages.py                          # 2,000 children, fresh SQLite file
    .venv/bin/python bench/pages.py --database postgres      # throwaway PostgreSQL 15 cluster
    .venv/bin/python bench/pages.py --url trail=/audit/...   # add a page of your own

It builds the synthetic council in an empty database, signs in as the demo personas through
Django's test client and requests each page many times. It prints a table and, as its last line,
one JSON object. It never fails because something was slow: figures depend on the machine, and
reading them is for people. It exits non-zero only when a page does not answer 200, because the
timing of an error page measures nothing. See bench/README.md.
"""

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WITH_POSTGRES = ROOT / "scripts" / "with-postgres"
WARM_UP = 2
DEFAULT_EXTRA_USER = "pat.analyst"
# pg_virtualenv writes these to stdout around the command it runs; they must not follow the JSON.
PG_VIRTUALENV_CHATTER = ("Creating new PostgreSQL cluster", "Dropping cluster")


@dataclass
class Page:
    name: str
    path: str
    username: str | None  # signed in with force_login; None for the bearer-token API client
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Measured:
    page: Page
    status: int
    times_ms: list[float]
    queries: list[int]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.page.name,
            "path": self.page.path,
            "status": self.status,
            "p50_ms": round(percentile(self.times_ms, 50), 2),
            "p95_ms": round(percentile(self.times_ms, 95), 2),
            "max_ms": round(max(self.times_ms), 2),
            # The most a request to this page ran: a page whose count varies (a token's
            # once-a-minute "last used" write, say) is reported at its worst.
            "queries": max(self.queries),
        }


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between the closest ranks, the same
    as numpy's default and statistics.quantiles(method="inclusive")."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/pages.py",
        description="Time Casework's main pages against a freshly built synthetic council.",
    )
    parser.add_argument("--children", type=int, default=2000, help="children in the council")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same council")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgres", "env"),
        default="sqlite",
        help="sqlite: a fresh file in a temporary directory (default); postgres: a throwaway "
        "PostgreSQL 15 cluster via scripts/with-postgres; env: the DATABASE_URL already set "
        "(migrated; a council is built only if it holds no children, so benchmarks can share one)",
    )
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument(
        "--url",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="also time PATH, reported as NAME (repeatable); signed in as --url-user",
    )
    parser.add_argument(
        "--url-user",
        default=DEFAULT_EXTRA_USER,
        metavar="USERNAME",
        help=f"who requests the --url pages (default {DEFAULT_EXTRA_USER}, who reads everything)",
    )
    parser.add_argument(
        "--explain",
        type=float,
        default=0,
        metavar="MS",
        help="after the timings, request each page once more and print the plan of every SQL "
        "statement that took at least MS milliseconds (0, the default: none)",
    )
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    if args.children < 1:
        parser.error("--children must be at least 1 (sam.worker needs a child to open)")
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    extra = []
    for item in args.url:
        name, sep, path = item.partition("=")
        if not sep or not name or not path.startswith("/"):
            parser.error(f"--url wants NAME=/path, not {item!r}")
        extra.append((name, path))
    args.extra_urls = extra
    return args


def say(args: argparse.Namespace, message: str) -> None:
    """Progress, on stderr so that stdout stays the table and the JSON line."""
    if not args.json_only:
        print(message, file=sys.stderr, flush=True)


# Running under PostgreSQL ------------------------------------------------------------------------


def rerun_under_postgres(argv: Sequence[str]) -> int:
    """Run this script again inside scripts/with-postgres with `--database env`.

    pg_virtualenv prints its own lines on stdout before and after the command; they are moved to
    stderr and the JSON line is printed last, so the last line of stdout stays the result."""
    command = [
        str(WITH_POSTGRES),
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
        if line.startswith(PG_VIRTUALENV_CHATTER):
            sys.stderr.write(line)
        elif is_result_line(line):
            result_line = line
        else:
            sys.stdout.write(line)
        sys.stdout.flush()
    code = process.wait()
    if result_line is not None:
        sys.stdout.write(result_line)
    return code


def is_result_line(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("benchmark") == "pages"


# Setting Django up -------------------------------------------------------------------------------


def configure_environment(args: argparse.Namespace, workdir: Path | None) -> None:
    """Everything settings.py reads must be in the environment before Django is imported."""
    if workdir is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'casework.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "casework.settings"
    # The demo council sends a family invitation; keep it out of the figures on stdout.
    os.environ["CASEWORK_MAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    hosts = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    hosts = hosts or ["127.0.0.1", "localhost", "[::1]"]
    os.environ["ALLOWED_HOSTS"] = ",".join([*hosts, "127.0.0.1", "testserver"])
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def prepare_database(args: argparse.Namespace) -> dict[str, float]:
    from django.core.management import call_command, get_commands

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if "holidays" in get_commands():
        # `holidays` reports what it added whatever the verbosity; keep stdout for the figures.
        call_command("holidays", verbosity=0, stdout=io.StringIO())
    migrate_seconds = time.perf_counter() - started
    if args.database == "env" and _council_is_there():
        # One large council serves several benchmarks: building 100,000 children takes longer
        # than timing all their pages, so a database that has one already is used as it is.
        say(args, "Using the council already in the database")
        return {"migrate_seconds": migrate_seconds, "seed_seconds": 0.0, "reused": True}
    say(args, f"Migrated in {migrate_seconds:.1f}s; building {args.children:,} children…")

    from casework.demo.council import build_council

    started = time.perf_counter()
    counts = build_council(args.children, args.seed)
    seeded = time.perf_counter() - started
    say(args, f"Built the council in {seeded:.1f}s: {counts}")
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum would do soon after a load this size: without it the planner works
        # from the empty tables' statistics and picks plans no settled database would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"migrate_seconds": migrate_seconds, "seed_seconds": seeded, "reused": False}


def _council_is_there() -> bool:
    from casework.people.models import Person

    return Person.objects.filter(is_child=True).exists()


# The pages ---------------------------------------------------------------------------------------


def default_pages() -> list[Page]:
    """The pages each persona opens first, found in the council just built."""
    from django.urls import reverse

    from casework.accounts.models import User
    from casework.accounts.services import issue_token
    from casework.cases.models import Allocation, CaseNote
    from casework.cases.tabs import TABS
    from casework.plans.models import CINPlan

    sam = User.objects.get(username="sam.worker")
    allocations = (
        Allocation.objects.filter(worker=sam, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__la_id")
    )
    # The first of Sam's children on an active plan, whose record has something on every tab
    # (plan, visits, meetings, decisions); the first of his children if none is.
    on_plan = CINPlan.objects.filter(status=CINPlan.Status.ACTIVE).values("person_id")
    allocation = allocations.filter(person_id__in=on_plan).first() or allocations.first()
    if allocation is None:
        raise SystemExit("sam.worker has no children allocated; is the council built?")
    child = allocation.person
    note = CaseNote.objects.filter(person=child).order_by("-occurred_on", "subject", "pk").first()
    if note is None:
        raise SystemExit(f"{child.la_id} has no case notes; is the council built?")
    token = issue_token(sam, name="bench/pages.py")
    return [
        Page("home: social worker", "/", "sam.worker"),
        Page("home: team manager", "/", "tara.manager"),
        Page("people list", "/people/", "pat.analyst"),
        Page("people search", f"/people/?q={child.family_name}", "pat.analyst"),
        Page("person", child.get_absolute_url(), "sam.worker"),
        *(
            Page(f"person: {tab.key}", reverse(tab.url_name, args=[child.pk]), "sam.worker")
            for tab in TABS
            if tab.key != "summary"
        ),
        Page("case note", note.get_absolute_url(), "sam.worker"),
        Page(
            "api: person",
            f"/api/v1/persons/{child.pk}",
            None,
            {"HTTP_AUTHORIZATION": f"Bearer {token}"},
        ),
        Page(
            "api: meetings",
            f"/api/v1/persons/{child.pk}/meetings",
            None,
            {"HTTP_AUTHORIZATION": f"Bearer {token}"},
        ),
    ]


def client_for(username: str | None, clients: dict[str | None, Any]) -> Any:
    from django.test import Client

    from casework.accounts.models import User

    if username not in clients:
        client = Client(SERVER_NAME="127.0.0.1")
        if username is not None:
            client.force_login(User.objects.get(username=username))
        clients[username] = client
    return clients[username]


def capture_queries() -> Any:
    """Django's CaptureQueriesContext on the default connection, its query log emptied first.
    The log holds at most 9,000 statements and CaptureQueriesContext counts by its length, so
    once a long run had filled it every later capture would hold nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    return CaptureQueriesContext(connection)


def measure(page: Page, client: Any, requests: int) -> Measured:
    def get() -> tuple[int, float, int]:
        with capture_queries() as captured:
            started = time.perf_counter()
            response = client.get(page.path, **page.headers)
            elapsed = time.perf_counter() - started
        return response.status_code, elapsed * 1000, len(captured.captured_queries)

    for _ in range(WARM_UP):
        get()
    statuses, times, queries = [], [], []
    for _ in range(requests):
        status, ms, count = get()
        statuses.append(status)
        times.append(ms)
        queries.append(count)
    # One status for the page: 200 only if every timed request answered 200.
    status = next((s for s in statuses if s != 200), 200)
    return Measured(page, status, times, queries)


def explain(pages: Sequence[Page], clients: dict[str | None, Any], at_least_ms: float) -> None:
    """The plan of each statement of each page that took `at_least_ms` or more, run again:
    `EXPLAIN (ANALYZE, BUFFERS)` on PostgreSQL, `EXPLAIN QUERY PLAN` on SQLite. On stdout,
    before the JSON line."""
    from django.db import connection

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    for page in pages:
        client = client_for(page.username, clients)
        with capture_queries() as captured:
            client.get(page.path, **page.headers)
        slow = [
            statement
            for statement in captured.captured_queries
            if float(statement["time"]) * 1000 >= at_least_ms
            and statement["sql"].lstrip().upper().startswith("SELECT")
        ]
        print(f"\n=== {page.name}: {len(slow)} statement(s) of {at_least_ms} ms or more")
        for statement in slow:
            sql = statement["sql"]
            ms = float(statement["time"]) * 1000
            print(f"--- {ms:.1f} ms: {sql[:600]}{'…' if len(sql) > 600 else ''}")
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                for row in cursor.fetchall():
                    print("   ", " ".join(str(cell) for cell in row))


# Reporting ---------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def table(results: Sequence[Measured]) -> str:
    rows = [("Page", "Status", "p50 ms", "p95 ms", "max ms", "Queries", "Path")]
    for result in results:
        data = result.as_json()
        rows.append(
            (
                data["name"],
                str(data["status"]),
                f"{data['p50_ms']:.1f}",
                f"{data['p95_ms']:.1f}",
                f"{data['max_ms']:.1f}",
                str(data["queries"])
                if min(result.queries) == max(result.queries)
                else f"{min(result.queries)}-{max(result.queries)}",
                data["path"],
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    numeric = {1, 2, 3, 4, 5}
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def database_name(vendor: str) -> str:
    return {"postgresql": "postgres"}.get(vendor, vendor)


def run(args: argparse.Namespace) -> int:
    import django

    # WhiteNoise warns once that STATIC_ROOT (var/static) is missing until collectstatic has run;
    # the benchmark requests no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.db import connection

    timings = prepare_database(args)
    pages = default_pages()
    pages += [Page(name, path, args.url_user) for name, path in args.extra_urls]
    clients: dict[str | None, Any] = {}
    results = []
    for page in pages:
        say(args, f"Timing {page.name} ({page.path})…")
        results.append(measure(page, client_for(page.username, clients), args.requests))

    report = {
        "benchmark": "pages",
        "database": database_name(connection.vendor),
        "children": args.children,
        "seed": args.seed,
        "requests": args.requests,
        "migrate_seconds": round(timings["migrate_seconds"], 2),
        "seed_seconds": round(timings["seed_seconds"], 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        # Latency measured while something else keeps the CPUs busy is slower: compare
        # timings only between runs with a similar, low load.
        "load_average": round(os.getloadavg()[0], 2),
        "pages": [result.as_json() for result in results],
    }
    if not args.json_only:
        print(
            f"Casework pages on {report['database']}: {args.children:,} children (seed "
            f"{args.seed}), {args.requests} timed requests per page after {WARM_UP} warm-up"
        )
        print(
            f"Council built in {report['seed_seconds']:.2f}s; peak RSS {report['peak_rss_mb']} MB; "
            f"load average {report['load_average']} when the timings finished"
        )
        print()
        print(table(results))
        print()
    if args.explain and not args.json_only:
        explain(pages, clients, args.explain)
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
        configure_environment(args, None)
        return run(args)
    workdir = Path(tempfile.mkdtemp(prefix="casework-bench-"))
    try:
        configure_environment(args, workdir)
        return run(args)
    finally:
        close_connections()
        shutil.rmtree(workdir, ignore_errors=True)


def close_connections() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    sys.exit(main())
