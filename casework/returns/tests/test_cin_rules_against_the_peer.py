"""The DfE-rule validator (csc-validator-be-cin, run in its own venv) agrees with our rules:
it has the same rules, finds nothing wrong with the valid council, and flags each defect the
tests inject, except where a fault of its own hides it (each such defect says why).

Each year's defects go to the validator in one file, one child per defect, because a run costs
seconds whatever the file's size. These tests are skipped only when the validator's venv is
missing; `make setup` builds it, so `make test` runs them.
"""

from pathlib import Path

import pytest

from casework.returns.cin import peer
from casework.returns.cin.validation import all_rules
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, census_year
from casework.returns.tests import census_factories as f
from casework.returns.tests.census_defects import (
    COUNCIL_DEFECTS,
    DEFECTS,
    defect_children,
    every_council_defect,
)
from casework.returns.tests.census_files import census_xml, validate_xml, write

pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(
        not peer.available(),
        reason="the DfE-rule validator is not installed in var/venv-cin (make setup builds it)",
    ),
]

YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))


def test_our_rules_are_the_peers_rules_with_the_same_messages() -> None:
    listed = peer.rules(*YEARS)

    for year in YEARS:
        ours = {rule.code: (rule.message, rule.query) for rule in all_rules(census_year(year))}
        assert ours == listed[year], year


def test_the_peer_finds_nothing_wrong_with_the_valid_council(tmp_path: Path) -> None:
    census = census_year(2026)
    path = write(
        tmp_path / "valid.xml", census_xml(f.header(census), f.valid_children(census), census)
    )

    report = peer.run(path, 2026)

    assert report.children == len(f.valid_children(census))
    assert report.issues == []
    assert report.pairs() == set()
    assert report.la_level == []
    # A rule that raises is counted as passed, so "no issues" means something only if every
    # rule ran to the end.
    assert report.crashed == []


@pytest.mark.parametrize("year", YEARS)
def test_the_peer_flags_each_injected_defect_unless_its_own_fault_hides_it(
    tmp_path: Path, year: int
) -> None:
    census = census_year(year)
    built = [(item, children) for item, children in defect_children(year) if not item.crashes_peer]
    valid = f.valid_children(census)
    xml = census_xml(f.header(census), [*valid, *(c for _, cs in built for c in cs)], census)

    report = peer.run(write(tmp_path / "defects.xml", xml), year)

    missed, now_seen = [], []
    for item, children in built:
        flagged = report.codes_for(children[0].LAchildID)
        if item.peer_blind is None and item.code not in flagged:
            missed.append(item.key)
        if item.peer_blind is not None and item.code in flagged:
            # The validator has been fixed: the defect's note should go.
            now_seen.append(item.key)
    assert missed == []
    assert now_seen == []
    valid_ids = {c.LAchildID for c in valid}
    assert {pair for pair in report.pairs() if pair[0] in valid_ids} == set()
    assert report.la_level == []
    blind_codes = {item.code for item, _ in built if item.peer_blind}
    assert set(report.crashed) <= blind_codes


def test_a_defect_that_crashes_a_peer_rule_hides_that_rule_for_every_child(
    tmp_path: Path,
) -> None:
    census = census_year(2026)
    d = f.Dates(census)
    crashing = [item for item in DEFECTS.values() if item.crashes_peer]
    # The same rule's visible defect rides along, to show the crash hides it too.
    visible = [DEFECTS[item.code] for item in crashing if item.code in DEFECTS]
    children = [c for item in (*crashing, *visible) for c in item.build(d, item.la_child_id)]
    xml = census_xml(f.header(census), children, census)

    report = peer.run(write(tmp_path / "crashes.xml", xml), 2026)

    ours = validate_xml(xml, census)
    for item in (*crashing, *visible):
        assert item.code in report.crashed
        assert item.code not in report.codes_for(item.la_child_id)
        assert item.code in ours.codes_for(item.la_child_id)


def test_the_peer_and_we_flag_every_council_level_defect(tmp_path: Path) -> None:
    census = census_year(2026)
    header, children = every_council_defect(2026)
    xml = census_xml(header, children, census)

    report = peer.run(write(tmp_path / "council.xml", xml), 2026)

    ours = validate_xml(xml, census)
    assert set(COUNCIL_DEFECTS) <= set(report.la_level)
    assert set(COUNCIL_DEFECTS) <= ours.council_level
