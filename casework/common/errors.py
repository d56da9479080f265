"""Errors a person can cause. Services raise these; views and endpoints turn them into messages
that name the field, with status 400 (or 409 for a conflicting edit)."""

from typing import Any


class RuleBroken(Exception):
    """A request that breaks a rule of the record (a date before the one it follows, a decision
    with no rationale). Nothing has been written when this is raised."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class StaleVersion(Exception):
    """Someone saved this record after the editor opened it. `current` is what they saved."""

    def __init__(self, current: Any) -> None:
        super().__init__("This record was changed by someone else")
        self.current = current
