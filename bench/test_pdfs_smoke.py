"""bench/pdfs.py still runs end to end: one render of each document, figures in a JSON line.
It asserts nothing about how fast anything was."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "pdfs.py"


def test_pdf_benchmark_prints_a_json_line_of_figures() -> None:
    finished = subprocess.run(  # noqa: S603
        [sys.executable, str(BENCH), "--renders", "1", "--json-only"],
        capture_output=True,
        text=True,
        cwd=BENCH.parent.parent,
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    lines = finished.stdout.strip().splitlines()
    assert len(lines) == 1, finished.stdout
    report = json.loads(lines[0])
    assert report["benchmark"] == "pdfs"
    assert len(report["documents"]) == 5
    for row in report["documents"]:
        assert row["kilobytes"] > 0
