"""How long our DfE CIN rules take on a census of N children, and the DfE-rule validator on the
same file.

    .venv/bin/python bench/cin_rules.py --children 10000
    .venv/bin/python bench/cin_rules.py --children 50000 --no-peer
    .venv/bin/python bench/cin_rules.py --children 1000 --year 2027 --json-only

The census is synthetic: the valid children of casework/returns/tests/census_factories.py, the
scenarios in turn, each with its own id and UPN (no database). It times our rules over records
already in memory (what the export checks), then writes the file and times reading it back and
checking it (what `casework validate cin-census` does), then runs the peer on that file in its
own venv (var/venv-cin), whose time includes its quadratic ingress; its rules-only time is
given too. It prints a few lines and, last, one JSON object. It never fails on timing.
"""

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casework.returns.cin import peer, reader, writer  # noqa: E402
from casework.returns.cin.validation import all_rules, validate  # noqa: E402
from casework.returns.cin.years import census_year  # noqa: E402
from casework.returns.tests import census_factories  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--no-peer", action="store_true", help="do not run the DfE validator")
    parser.add_argument("--peer-timeout", type=float, default=3600.0)
    parser.add_argument("--json-only", action="store_true")
    options = parser.parse_args(argv)
    say = (lambda *a: None) if options.json_only else print

    year = census_year(options.year)
    calendar = census_factories.england_calendar()
    header = census_factories.header(year)
    rules = len(all_rules(year))
    children = list(census_factories.many_children(year, options.children))
    gc.collect()

    started = time.perf_counter()
    cpu_started = time.process_time()
    failures = sum(1 for _ in validate(header, children, year, calendar))
    ours = time.perf_counter() - started
    ours_cpu = time.process_time() - cpu_started
    say(
        f"our rules ({rules}) over {options.children:,} children in memory: {ours:.2f} s "
        f"({ours / options.children * 1e6:.0f} us a child, {failures} failures)"
    )

    with tempfile.TemporaryDirectory(prefix="casework-bench-cin-") as workdir:
        path = Path(workdir) / "census.xml"
        started = time.perf_counter()
        with path.open("wb") as out:
            writer.write(out, header, children, year)
        written = time.perf_counter() - started
        del children
        gc.collect()
        started = time.perf_counter()
        with path.open("rb") as stream:
            census = reader.read(stream)
            read_failures = sum(1 for _ in validate(census.header, census.children, year, calendar))
        read_and_checked = time.perf_counter() - started
        say(
            f"write {written:.2f} s; read back and check {read_and_checked:.2f} s "
            f"({path.stat().st_size / 1e6:.1f} MB, {read_failures} failures)"
        )
        figures = {
            "children": options.children,
            "year": options.year,
            "rules": rules,
            "ours_seconds": round(ours, 3),
            "ours_cpu_seconds": round(ours_cpu, 3),
            "ours_us_per_child": round(ours / options.children * 1e6, 1),
            "ours_us_per_rule_per_child": round(ours / options.children / rules * 1e6, 3),
            "ours_failures": failures,
            "write_seconds": round(written, 3),
            "read_and_check_seconds": round(read_and_checked, 3),
            "file_mb": round(path.stat().st_size / 1e6, 2),
            "ours_peak_memory_mb": round(_peak_mb(), 1),
        }
        if not options.no_peer and peer.available():
            report = peer.run(path, options.year, timeout=options.peer_timeout)
            figures |= {
                "peer_seconds_total": round(report.seconds_total, 2),
                "peer_seconds_rules": round(report.seconds_rules, 2),
                "peer_peak_memory_mb": round(report.peak_memory_mb, 1),
                "peer_issues": len(report.issues),
                "peer_pairs": len(report.pairs()),
                "peer_la_level": report.la_level,
                "peer_crashed": report.crashed,
                "ratio_total": round(report.seconds_total / ours, 1),
                "ratio_rules": round(report.seconds_rules / ours, 1),
                "ratio_read_and_check_vs_peer_total": round(
                    report.seconds_total / read_and_checked, 1
                ),
            }
            say(
                f"peer: {report.seconds_total:.1f} s in all, {report.seconds_rules:.1f} s for "
                f"its rules; {figures['ratio_total']}x and {figures['ratio_rules']}x ours"
            )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
