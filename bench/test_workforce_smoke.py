"""bench/workforce.py still runs end to end: a tiny council, one census export, two requests
per page. It checks that the census validates, that every page answers and that the JSON line
is well formed; it asserts nothing about how fast anything was."""

import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "workforce.py"


def test_workforce_benchmark_prints_a_json_line_of_figures() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ALLOWED_HOSTS"}}
    finished = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(BENCH),
            "--children",
            "30",
            "--requests",
            "2",
            "--exports",
            "1",
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
    report = json.loads(lines[0])
    assert report["benchmark"] == "workforce"
    assert report["census"]["valid"] is True
    assert report["census"]["workers"] > 0
    assert {page["status"] for page in report["pages"]} == {200}
    assert all(page["queries"] > 0 for page in report["pages"])
