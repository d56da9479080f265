"""How long the family portal's PDFs take to draw, and how big they are.

    .venv/bin/python bench/pdfs.py                  # 10 renders of each document
    .venv/bin/python bench/pdfs.py --renders 3 --json-only

A worker waits for a PDF when they make a record into a document to share, and again for each
redacted version, so this times WeasyPrint drawing tagged PDF/UA-1 from the same templates the
portal uses: a small plan, a large plan (12 goals of 6 actions, 4 reviews), an assessment with
long sections, a letter and a long meeting's minutes. The content is synthetic, so no database
is needed. It prints a table and, as its last line, one JSON object; it never fails because
something was slow.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.settings")

WORDS = (
    "Amy gets to school on time and Mum walks her there; the school tells us the same day if "
    "she is not in, and we talk about what made the morning hard. "
)


def _plan(goals: int, actions: int, reviews: int) -> dict[str, Any]:
    return {
        "title": "Child in need plan for Amy Jones",
        "heading": "Child in need plan",
        "about": "Amy Jones",
        "prepared_by": "Sam Worker",
        "prepared_on": "2 March 2026",
        "facts": [{"label": "Plan started", "value": "2 February 2026"}],
        "goals": [
            {
                "want_to_change": f"Goal {g}: {WORDS[:80]}",
                "strengths": WORDS,
                "actions": [
                    {
                        "id": f"{g}-{a}",
                        "what": WORDS[:120],
                        "owner_name": "Mum",
                        "owner_type": "family_member",
                        "owner_label": "Family member",
                        "due": "9 March 2026",
                        "progress": "In progress",
                    }
                    for a in range(actions)
                ],
            }
            for g in range(goals)
        ],
        "reviews": [
            {
                "held_on": "1 May 2026",
                "outcome": "Continue the plan",
                "family_views": WORDS * 3,
                "summary": WORDS * 4,
            }
            for _ in range(reviews)
        ],
    }


def documents() -> dict[str, tuple[str, dict[str, Any]]]:
    assessment = {
        "title": "Child and family assessment of Amy Jones",
        "heading": "Child and family assessment",
        "about": "Amy Jones",
        "prepared_by": "Sam Worker",
        "prepared_on": "2 March 2026",
        "facts": [{"label": "Started", "value": "2 February 2026"}],
        "sections": [{"label": f"Section {n}", "text": WORDS * 12} for n in range(7)],
        "factors": ["1A: Alcohol misuse: parent", "4B: Neglect"],
    }
    letter = {
        "title": "Letter about the meeting",
        "heading": "Letter",
        "about": "Amy Jones",
        "prepared_by": "Sam Worker",
        "prepared_on": "2 March 2026",
        "paragraphs": [WORDS * 2 for _ in range(6)],
    }
    # A long meeting: many people round the table, every decision and action written up.
    minutes = {
        "title": "Child in need meeting on 2 March 2026: minutes and decisions",
        "heading": "Child in need meeting",
        "about": "Amy Jones",
        "prepared_by": "Sam Worker",
        "prepared_on": "2 March 2026",
        "facts": [{"label": "Date", "value": "2 March 2026"}, {"label": "Time", "value": "10:00"}],
        "decisions": [WORDS for _ in range(8)],
        "actions": [
            {"what": WORDS[:120], "owner_name": "Mum", "due": "9 March 2026"} for _ in range(10)
        ],
        "attendees": [
            {
                "name": f"Person {n}",
                "role": "Designated safeguarding lead, Northbrook Primary",
                "invited": "Yes",
                "attended": "Yes",
            }
            for n in range(12)
        ],
        "sections": [
            {"label": "Why the meeting was held", "text": WORDS},
            {"label": "What Amy said", "text": WORDS * 2},
            {"label": "What Jade Jones told us before the meeting (Mother)", "text": WORDS * 2},
            {"label": "Minutes: what was discussed", "text": WORDS * 30},
        ],
    }
    return {
        "plan, small (2 goals x 2 actions)": ("plan", _plan(2, 2, 0)),
        "plan, large (12 goals x 6 actions, 4 reviews)": ("plan", _plan(12, 6, 4)),
        "assessment (7 long sections)": ("assessment", assessment),
        "letter (6 paragraphs)": ("text", letter),
        "meeting minutes (12 people, 8 decisions, 10 actions)": ("meeting", minutes),
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=10, help="Timed renders per document")
    parser.add_argument("--json-only", action="store_true", help="Print only the JSON line")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from casework.portal import pdf

    results = []
    for name, (source, content) in documents().items():
        template = f"portal/documents/{source}.html"
        made = pdf.document_pdf(content, template)  # warm-up: fonts and styles load once
        times = []
        for _ in range(args.renders):
            started = time.perf_counter()
            made = pdf.document_pdf(content, template)
            times.append((time.perf_counter() - started) * 1000)
        results.append(
            {
                "name": name,
                "p50_ms": round(percentile(times, 50), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                "kilobytes": round(len(made) / 1024, 1),
            }
        )
    if not args.json_only:
        print(f"{'document':54} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KB':>7}")
        for row in results:
            print(
                f"{row['name']:54} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
                f"{row['max_ms']:8.1f} {row['kilobytes']:7.1f}"
            )
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report = {
        "benchmark": "pdfs",
        "renders": args.renders,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "documents": results,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
