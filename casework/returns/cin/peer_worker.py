"""Run the DfE-rule CIN validator on one file and print what it found as one JSON object.

This script runs inside the peer's own Python 3.11 virtual environment (var/venv-cin), never in
Casework's: the validator pins pandas 1.5 and shares a module name with its 903 sibling
(dfe-validators.md section 1). It may import only the standard library and the validator's own
package, so that it runs there unchanged. `casework.returns.cin.peer` starts it as a subprocess
with a temporary working directory, because the validator's package can leave log files in the
current directory.

Usage: python peer_worker.py FILE YEAR [CODE ...]
   or: python peer_worker.py --rules YEAR [YEAR ...]
The first reads FILE with the validator's own ingress (the path its command line and web front end
take), runs the YEAR ruleset (2026 is cin2025_26), or only the CODEs given, and prints:

    {"issues": [[child, code, tables, columns], ...], "la_level": [code, ...],
     "crashed": [code, ...], "children": n, "seconds_total": s, "seconds_rules": s,
     "peak_memory_mb": m}

The second prints each year's rules: {"2026": {code: [message, "ERROR" or "QUERY"], ...}}.
"""

import contextlib
import io
import json
import math
import re
import resource
import sys
import time
import warnings
import xml.etree.ElementTree as ElementTree
from typing import Any

# The validator prints this line and then counts the rule as passed, so it is the only way to
# know a rule did not run to the end.
_CRASH = re.compile(r"^Error with rule (\S+?):", re.MULTILINE)


def _text(value: object) -> str:
    """A cell as text; pandas' missing values (NaN, NA, NaT) become empty."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = str(value)
    return "" if text in {"nan", "<NA>", "NaT", "None"} else text


def _ruleset(year: str) -> dict[str, Any]:
    """The validator's rules for the census ending in `year` ("2026" is cin2025_26)."""
    # Only the peer's interpreter has the package; Casework's type checker cannot see it.
    from cin_validator.rules.ruleset_utils import (  # type: ignore[import-not-found]
        get_year_ruleset,
    )

    return get_year_ruleset(year)


def list_rules(years: list[str]) -> int:
    warnings.simplefilter("ignore")
    listed = {
        year: {
            str(code): [rule.message, rule.rule_type.name] for code, rule in _ruleset(year).items()
        }
        for year in years
    }
    json.dump(listed, sys.stdout)
    sys.stdout.write("\n")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--rules":
        return list_rules(argv[1:])
    path, year, *codes = argv
    # pandas 1.5 warns about its own future on every rule; the warnings say nothing about the
    # file and would bury the one line of output.
    warnings.simplefilter("ignore")

    from cin_validator.cin_validator import (  # type: ignore[import-not-found]
        CinValidator,
        convert_data,
        process_data,
    )

    started = time.perf_counter()
    # The validator's ingress takes an ElementTree element. The files it is given are ones we
    # wrote or a test built; Casework's own reader, which refuses entities, reads uploads.
    root = ElementTree.parse(path).getroot()  # noqa: S314
    tables = process_data(convert_data(root))
    children = len(tables["ChildIdentifiers"])
    registry = _ruleset(year)

    printed = io.StringIO()
    rules_started = time.perf_counter()
    with contextlib.redirect_stdout(printed):
        validator = CinValidator(tables, registry, selected_rules=codes or None)
    finished = time.perf_counter()

    found = validator.full_issue_df
    issues = [
        [_text(child), _text(code), _text(table), _text(column)]
        for child, code, table, column in zip(
            found["child_id"],
            found["rule_code"],
            found["tables_affected"],
            found["columns_affected"],
            strict=True,
        )
    ]
    la_level = sorted({_text(code) for code in validator.multichild_issues["rule_code"]})
    crashed = sorted(set(_CRASH.findall(printed.getvalue())))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(
        {
            "issues": issues,
            "la_level": la_level,
            "crashed": crashed,
            "children": children,
            "seconds_total": finished - started,
            "seconds_rules": finished - rules_started,
            "peak_memory_mb": peak_kb / 1024,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
