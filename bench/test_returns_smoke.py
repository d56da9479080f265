"""bench/returns.py still runs end to end: a tiny council, its census, no DfE validator.

Like the page benchmark's smoke test it runs in its own process with its own temporary SQLite
file, and checks only that the census was made and the JSON line is well formed, never how fast.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "returns.py"


def test_returns_benchmark_prints_a_json_line_of_figures() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ALLOWED_HOSTS"}}
    finished = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(BENCH),
            "--children",
            "30",
            "--year",
            "2026",
            "--no-peer",
            "--json-only",
        ],
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
    assert report["benchmark"] == "returns"
    assert report["database"] == "sqlite"
    assert report["year"] == 2026
    assert report["peer"] is None
    ours = report["ours"]
    assert ours["census_children"] > 0
    assert ours["schema_errors"] == 0
    assert ours["sql_queries"] > 0
    assert ours["peak_rss_mb"] >= ours["baseline_rss_mb"] > 0
    parts = ("read_seconds", "rules_seconds", "write_seconds", "schema_seconds")
    assert all(ours[part] >= 0 for part in parts)
