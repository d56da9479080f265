"""How long the CIN census takes to make from the live record, and to check, beside the
DfE-rule validator on the same file.

    .venv/bin/python bench/returns.py --children 10000 --year 2027
    .venv/bin/python bench/returns.py --children 10000 --database postgres
    .venv/bin/python bench/returns.py --children 50000 --reuse var/bench-50k.sqlite3 --no-peer

It builds the synthetic council (bench/pages.py's machinery: a fresh SQLite file, a throwaway
PostgreSQL cluster, or the DATABASE_URL set), or reuses a SQLite file built by an earlier run,
then makes the census in a process of its own so that its peak memory is the export's alone:
read from the database, checked by our rules, written, and checked against the year's schema,
each part timed. When the DfE-rule validator is installed (casework.returns.cin.peer) it then
validates the same file. It prints the figures, and one JSON object last. It never fails
because something was slow; see bench/README.md.
"""

import argparse
import importlib
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

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench import pages  # noqa: E402

# The DfE-rule validator's ingress grows with the square of the children (dfe-validators.md
# section 9): at 50,000 it runs for hours, so above this it is skipped unless asked for.
PEER_MAX_CHILDREN = 20_000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/returns.py",
        description="Time making and checking the CIN census, and the DfE-rule validator.",
    )
    parser.add_argument("--children", type=int, default=1000, help="children in the council")
    parser.add_argument("--year", type=int, default=2027, help="census year, e.g. 2026")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same council")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgres", "env"),
        default="sqlite",
        help="as for bench/pages.py: a fresh SQLite file (default), a throwaway PostgreSQL "
        "cluster, or the DATABASE_URL already set",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="FILE",
        help="a SQLite file to keep the council in: built the first time, reused after",
    )
    parser.add_argument("--no-peer", action="store_true", help="do not run the DfE validator")
    parser.add_argument(
        "--peer-max-children",
        type=int,
        default=PEER_MAX_CHILDREN,
        help=f"skip the validator above this many census children (default {PEER_MAX_CHILDREN})",
    )
    parser.add_argument("--keep", type=Path, metavar="FILE", help="keep the census file here")
    parser.add_argument("--json-only", action="store_true", help="print only the JSON line")
    parser.add_argument(
        "--phase", choices=("all", "seed", "export", "peer"), default="all", help=argparse.SUPPRESS
    )
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.children < 1:
        parser.error("--children must be at least 1")
    if args.reuse is not None and args.database != "sqlite":
        parser.error("--reuse keeps a SQLite file; it cannot be used with --database")
    return args


def say(args: argparse.Namespace, message: str) -> None:
    pages.say(args, message)


# Each part in a process of its own ------------------------------------------------------------
# The orchestrating process never imports Django, so it stays small: a process's peak memory
# (getrusage's ru_maxrss) includes what it was forked from, and the export's figure should be
# the export's alone.


def _setup() -> None:
    import django

    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()


def seed_phase(args: argparse.Namespace) -> int:
    """Build (or find) the council; print what there is as one JSON line."""
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from casework.people.models import Person

    timings: dict[str, Any] = {"migrate_seconds": 0.0, "seed_seconds": 0.0, "reused": False}
    call_command("migrate", verbosity=0, interactive=False)
    if args.reuse is not None and Person.objects.filter(is_child=True).exists():
        say(args, f"Reusing the council in {args.reuse}")
        timings["reused"] = True
    else:
        timings.update(pages.prepare_database(args))
    timings["children"] = Person.objects.filter(is_child=True).count()
    timings["database"] = pages.database_name(connection.vendor)
    print(json.dumps(timings), flush=True)
    pages.close_connections()
    return 0


def export_phase(args: argparse.Namespace) -> int:
    """Make the census into args.output and print its figures as one JSON line."""
    _setup()
    from casework.returns.cin.export import export_census
    from casework.returns.cin.validation import all_rules
    from casework.returns.cin.years import census_year

    year = census_year(args.year)
    baseline = pages.peak_rss_mb()
    result = export_census(year, args.output)
    figures = {
        "seconds": round(result.seconds, 3),
        "cpu_seconds": round(result.cpu_seconds, 3),
        **result.timings,
        "sql_queries": result.sql_queries,
        "census_children": result.counts.children,
        "cindetails": result.counts.cindetails,
        "file_mb": round(result.size / 1e6, 2),
        "schema_errors": len(result.schema_errors),
        "rule_errors": result.errors,
        "rule_queries": result.queries,
        "rules": len(all_rules(year)),
        "baseline_rss_mb": round(baseline, 1),
        "peak_rss_mb": round(pages.peak_rss_mb(), 1),
    }
    print(json.dumps(figures), flush=True)
    pages.close_connections()
    return 0 if result.valid else 1


def peer_phase(args: argparse.Namespace) -> int:
    """Run the DfE-rule validator on args.output; print its figures as one JSON line."""
    _setup()
    try:
        # Imported by name, when wanted: the benchmark must also run where the peer runner
        # (which comes with the DfE rules) is not there.
        peer = importlib.import_module("casework.returns.cin.peer")
    except ImportError:
        print(json.dumps({"skipped": "no casework.returns.cin.peer"}), flush=True)
        return 0
    if not peer.available():
        print(json.dumps({"skipped": "validator not installed (make setup)"}), flush=True)
        return 0
    started = time.perf_counter()
    report = peer.run(args.output, args.year)
    figures = {
        "seconds": round(report.seconds_total, 2),
        "rules_seconds": round(report.seconds_rules, 2),
        "wall_seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(report.peak_memory_mb, 1),
        "issues": len(report.issues),
        "child_rule_pairs": len(report.pairs()),
        "la_level": list(report.la_level),
        "crashed": list(report.crashed),
    }
    print(json.dumps(figures), flush=True)
    return 0


PHASES = {"seed": seed_phase, "export": export_phase, "peer": peer_phase}


def run_phase(args: argparse.Namespace, phase: str, output: Path | None = None) -> Any:
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", phase]
    command += ["--children", str(args.children), "--seed", str(args.seed)]
    command += ["--year", str(args.year)]
    if output is not None:
        command += ["--output", str(output)]
    if args.reuse is not None:
        command += ["--reuse", str(args.reuse)]
    if args.json_only:
        command.append("--json-only")
    finished = subprocess.run(  # noqa: S603
        command, stdout=subprocess.PIPE, text=True, env=os.environ.copy(), check=False
    )
    lines = finished.stdout.strip().splitlines()
    if not lines:
        raise SystemExit(f"The {phase} step printed nothing (exit {finished.returncode})")
    if finished.returncode != 0:
        say(args, f"The {phase} step exited {finished.returncode}")
    return json.loads(lines[-1])


def run(args: argparse.Namespace) -> int:
    council = run_phase(args, "seed")
    with tempfile.TemporaryDirectory(prefix="casework-census-bench-") as folder:
        output = args.keep or Path(folder) / f"cin-{args.year}.xml"
        say(args, f"Making the {args.year} census…")
        ours = run_phase(args, "export", output)
        peer: dict[str, Any] | None = None
        if args.no_peer:
            peer = None
        elif ours["census_children"] > args.peer_max_children:
            peer = {"skipped": f"more than {args.peer_max_children:,} children"}
        else:
            say(args, "Running the DfE-rule validator on the same file…")
            peer = run_phase(args, "peer", output)
    load = os.getloadavg()[0]
    ratio = None
    if peer and "seconds" in peer and ours["seconds"]:
        ratio = {
            "peer_total_over_ours": round(peer["seconds"] / ours["seconds"], 1),
            "peer_rules_over_ours": round(peer["rules_seconds"] / ours["seconds"], 1),
        }
    per_child = ours["seconds"] / max(ours["census_children"], 1)
    database = council["database"]
    report = {
        "benchmark": "returns",
        "database": database,
        "children": council["children"],
        "year": args.year,
        "seed": args.seed,
        "seed_seconds": round(council.get("seed_seconds", 0.0), 2),
        "reused": council["reused"],
        "ours": ours,
        "microseconds_per_child": round(per_child * 1e6, 1),
        "peer": peer,
        "ratio": ratio,
        "load_average": round(load, 2),
    }
    if not args.json_only:
        print(
            f"CIN census {args.year} on {database}: {ours['census_children']:,} of the "
            f"council's {council['children']:,} children, {ours['cindetails']:,} CINdetails, "
            f"{ours['file_mb']} MB"
        )
        print(
            f"Ours: {ours['seconds']:.2f} s, {ours['cpu_seconds']:.2f} s of CPU (read "
            f"{ours['read_seconds']:.2f}, rules "
            f"{ours['rules_seconds']:.2f} for {ours['rules']} rules, write "
            f"{ours['write_seconds']:.2f}, schema {ours['schema_seconds']:.2f}); "
            f"{ours['sql_queries']} SQL queries; peak RSS {ours['peak_rss_mb']} MB "
            f"(after start-up {ours['baseline_rss_mb']} MB); {ours['rule_errors']} errors, "
            f"{ours['rule_queries']} queries, {ours['schema_errors']} schema errors"
        )
        if peer and "seconds" in peer:
            print(
                f"DfE-rule validator: {peer['seconds']:.2f} s ({peer['rules_seconds']:.2f} in "
                f"its rules); {peer['child_rule_pairs']} child-rule pairs; crashed rules: "
                f"{', '.join(peer['crashed']) or 'none'}; ratio {ratio}"
            )
        elif peer:
            print(f"DfE-rule validator: skipped ({peer['skipped']})")
        print(f"Load average {load:.2f} (1 minute)")
        print()
    print(json.dumps(report), flush=True)
    return 0


def rerun_under_postgres(argv: Sequence[str]) -> int:
    """As bench/pages.py does: run again inside scripts/with-postgres, keeping our JSON last."""
    command = [str(pages.WITH_POSTGRES), sys.executable, str(Path(__file__).resolve())]
    command += [*argv, "--database", "env"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=pages.ROOT)  # noqa: S603
    assert process.stdout is not None
    result_line = None
    for line in process.stdout:
        if line.startswith(pages.PG_VIRTUALENV_CHATTER):
            sys.stderr.write(line)
        elif line.startswith('{"benchmark": "returns"'):
            result_line = line
        else:
            sys.stdout.write(line)
    code = process.wait()
    if result_line is not None:
        sys.stdout.write(result_line)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.phase != "all":
        pages.configure_environment(args, None)
        return PHASES[args.phase](args)
    if args.database == "postgres":
        return rerun_under_postgres(argv)
    if args.database == "env":
        if not os.environ.get("DATABASE_URL"):
            raise SystemExit("--database env needs DATABASE_URL to be set")
        pages.configure_environment(args, None)
        return run(args)
    if args.reuse is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{args.reuse.resolve()}"
        pages.configure_environment(args, None)
        return run(args)
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as folder:
        pages.configure_environment(args, Path(folder))
        try:
            return run(args)
        finally:
            pages.close_connections()


if __name__ == "__main__":
    sys.exit(main())
