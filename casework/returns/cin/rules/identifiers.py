"""Rules on ChildIdentifiers."""

from collections.abc import Iterable

from casework.returns.cin.records import Child
from casework.returns.cin.validation import Context, FileRule, RuleInfo, file_rule


@file_rule
class LAchildIDUnique(FileRule):
    """Each child appears once: LAchildID is unique in the file (rule 8500). Every child after
    the first with an id is reported, so each duplicate can be found and merged."""

    info = RuleInfo("8500", "LA Child ID must be unique")

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._repeats: list[Child] = []

    def observe(self, child: Child, context: Context) -> None:
        if child.LAchildID in self._seen:
            self._repeats.append(child)
        self._seen.add(child.LAchildID)

    def finish(self, context: Context) -> Iterable[tuple[Child | None, object, tuple[str, ...]]]:
        for child in self._repeats:
            yield child, child, ("LAchildID",)
