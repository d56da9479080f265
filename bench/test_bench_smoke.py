"""bench/pages.py still runs end to end: a tiny council, three requests per page.

The benchmark runs in its own process with its own temporary SQLite file, so this test asks for
no database fixture and touches nothing of pytest-django's. It checks that the pages answer and
that the JSON line is well formed; it asserts nothing about how fast anything was.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "pages.py"


def test_pages_benchmark_prints_a_json_line_of_figures() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ALLOWED_HOSTS"}}
    finished = subprocess.run(  # noqa: S603
        [sys.executable, str(BENCH), "--children", "30", "--requests", "3", "--json-only"],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCH.parent.parent,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.strip().splitlines()
    assert len(lines) == 1, finished.stdout  # --json-only: nothing but the result
    report = json.loads(lines[-1])
    assert report["benchmark"] == "pages"
    assert report["database"] == "sqlite"
    assert report["children"] == 30
    assert report["seed_seconds"] >= 0
    assert report["peak_rss_mb"] > 0
    names = [page["name"] for page in report["pages"]]
    # The homes, people list and search, the person page and each tab of it, a case note, and
    # two API reads.
    assert len(names) == 16, names
    for page in report["pages"]:
        assert page["status"] == 200, page
        assert page["queries"] > 0, page
        assert 0 < page["p50_ms"] <= page["p95_ms"] <= page["max_ms"], page
