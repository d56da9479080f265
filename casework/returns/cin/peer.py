"""The DfE-rule CIN validator (`csc-validator-be-cin`) as a peer to check our census against.

The validator lives in its own Python 3.11 virtual environment at var/venv-cin (built by
`make setup`), because it pins pandas 1.5 and installs a top-level module that clashes with its
903 sibling (dfe-validators.md section 1). We run `peer_worker.py` there as a subprocess, in a
temporary working directory so that nothing the package writes lands in ours, and read back the
one JSON object it prints.

What the peer reports is taken as it comes, with its known faults left in (it swallows a rule
that raises and counts it as passed; `crashed` lists those), so that a disagreement between it
and our rules can be seen and explained rather than hidden.
"""

import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WORKER = Path(__file__).with_name("peer_worker.py")
# Minutes are normal on large files: the peer's ingress grows every table once per child, so its
# time is quadratic in the number of children (dfe-validators.md section 9).
DEFAULT_TIMEOUT_SECONDS = 1800.0


# The repository root: the peer is a development and test tool, built by `make setup` beside
# the project, and needs no Django settings (a benchmark may call it before Django is set up).
_ROOT = Path(__file__).resolve().parents[3]


def venv_path() -> Path:
    """Where the peer is installed: var/venv-cin, or CASEWORK_PEER_CIN_VENV when set."""
    return Path(os.environ.get("CASEWORK_PEER_CIN_VENV") or _ROOT / "var" / "venv-cin")


def _python() -> Path:
    return venv_path() / "bin" / "python"


class PeerFailed(Exception):
    """The peer could not be run, or did not finish, so there is no report to compare."""


@dataclass
class PeerIssue:
    la_child_id: str
    code: str
    tables: str
    columns: str


@dataclass
class PeerReport:
    issues: list[PeerIssue]  # one per (child, rule, location), as the peer reports them
    la_level: list[str]  # codes of header and LA-level issues
    crashed: list[str]  # rules the peer crashed on (it counts them as passed)
    seconds_total: float  # the peer's wall time, ingress included
    seconds_rules: float  # the peer's time for the rules alone
    peak_memory_mb: float
    children: int = 0
    stderr: str = field(default="", repr=False)

    def pairs(self) -> set[tuple[str, str]]:
        """Distinct (child, rule) pairs, one of the two ways dfe-validators.md section 5
        counts the peer's errors (the other is `len(issues)`)."""
        return {(issue.la_child_id, issue.code) for issue in self.issues}

    def codes_for(self, la_child_id: str) -> set[str]:
        return {issue.code for issue in self.issues if issue.la_child_id == la_child_id}


def available() -> bool:
    """The peer's virtual environment is installed with the validator in it."""
    python = _python()
    if not python.exists():
        return False
    site = venv_path() / "lib"
    return any(site.glob("python3.*/site-packages/cin_validator/__init__.py"))


def _environment() -> dict[str, str]:
    # The worker must see only the peer's own packages: no PYTHONPATH or virtualenv settings
    # inherited from Casework's interpreter.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    environment["PYTHONHASHSEED"] = "0"
    return environment


def _run_worker(arguments: list[str], timeout: float, what: str) -> dict[str, Any]:
    if not available():
        raise PeerFailed(f"The DfE-rule CIN validator is not installed in {venv_path()}")
    command = [str(_python()), str(WORKER), *arguments]
    with tempfile.TemporaryDirectory(prefix="casework-peer-cin-") as workdir:
        try:
            # The command is our interpreter and script with a path and year, never shell text.
            finished = subprocess.run(  # noqa: S603
                command,
                cwd=workdir,
                env=_environment(),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PeerFailed(f"The peer did not finish {what} within {timeout:.0f} s") from None
    if finished.returncode != 0:
        last_lines = "\n".join(finished.stderr.strip().splitlines()[-5:])
        raise PeerFailed(f"The peer failed on {what} (exit {finished.returncode}):\n{last_lines}")
    try:
        payload: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise PeerFailed(f"The peer printed nothing readable for {what}") from None
    payload["_stderr"] = finished.stderr
    return payload


def rules(*years: int) -> dict[int, dict[str, tuple[str, bool]]]:
    """The peer's rules for each year: code -> (message, whether it is a query)."""
    listed = _run_worker(["--rules", *map(str, years)], 120.0, "its rule list")
    listed.pop("_stderr", None)
    return {
        int(year): {code: (message, kind == "QUERY") for code, (message, kind) in codes.items()}
        for year, codes in listed.items()
    }


def run(
    path: Path,
    year: int,
    codes: Sequence[str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> PeerReport:
    """Validate the census file at `path` with the peer's `year` rules (2026 is cin2025_26),
    or only the rules in `codes`. Raises PeerFailed if the peer is not installed, fails, or
    takes longer than `timeout` seconds."""
    arguments = [str(Path(path).resolve()), str(year), *(codes or ())]
    payload = _run_worker(arguments, timeout, str(path))
    return PeerReport(
        issues=[PeerIssue(*row) for row in payload["issues"]],
        la_level=list(payload["la_level"]),
        crashed=list(payload["crashed"]),
        seconds_total=float(payload["seconds_total"]),
        seconds_rules=float(payload["seconds_rules"]),
        peak_memory_mb=float(payload["peak_memory_mb"]),
        children=int(payload["children"]),
        stderr=payload["_stderr"],
    )
