"""bench/protection.py still runs end to end: a small council, two requests per page and list.

Like the page benchmark's smoke test it runs in its own process with its own SQLite file, and
asserts that everything answered and the JSON line is well formed, nothing about speed."""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "protection.py"


def test_protection_benchmark_prints_a_json_line_of_figures() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ALLOWED_HOSTS"}}
    finished = subprocess.run(  # noqa: S603
        [sys.executable, str(BENCH), "--children", "60", "--requests", "2", "--json-only"],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCH.parent.parent,
        timeout=300,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.strip().splitlines()
    assert len(lines) == 1, finished.stdout
    report = json.loads(lines[-1])
    assert report["benchmark"] == "protection"
    assert report["children"] == 60
    assert report["council"]["active_plans"] >= 7  # Sam's six, the unborn child, the cohort
    assert {page["status"] for page in report["pages"]} == {200}
    assert len(report["lists"]) == 16
    for measured in report["pages"] + report["lists"]:
        assert measured["queries"] > 0, measured
        assert 0 < measured["p50_ms"] <= measured["p95_ms"] <= measured["max_ms"], measured
