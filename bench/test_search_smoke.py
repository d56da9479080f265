"""bench/search.py still runs end to end, and search still finds most people on a small population.

The benchmark runs in its own process with its own temporary SQLite file, so this test needs no
database fixture. Unlike the page benchmark's smoke test it does hold search to a floor: finding
fewer than nine people in ten out of 2,000, from searches with the everyday errors the benchmark
makes, is something a front-door worker would notice. It asserts nothing about speed: how long
it takes depends on what else the machine is doing (the subprocess timeout only stops a hung run).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "search.py"
RECALL_FLOOR = 0.9


def test_search_benchmark_finds_most_people_on_a_small_population() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ALLOWED_HOSTS"}}
    finished = subprocess.run(  # noqa: S603
        [sys.executable, str(BENCH), "--persons", "2000", "--queries", "40", "--json-only"],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCH.parent.parent,
        timeout=600,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.strip().splitlines()
    assert len(lines) == 1, finished.stdout  # --json-only: nothing but the result
    report = json.loads(lines[-1])
    assert report["benchmark"] == "search"
    assert report["database"] == "sqlite"
    assert report["persons"] == 2000
    assert report["queries"] == 40
    assert report["duplicates_planted"] > 0
    assert report["sql_per_search"] > 0
    assert 0 < report["p50_ms"] <= report["p95_ms"] <= report["max_ms"]
    assert sum(kind["queries"] for kind in report["by_error"].values()) == 40
    assert report["recall_at_10"] >= RECALL_FLOOR, report
