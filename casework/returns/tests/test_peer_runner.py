"""The peer runner's own behaviour: what it says when the DfE-rule validator is not installed,
when it takes too long, and how it counts what the validator reports."""

from pathlib import Path

import pytest

from casework.returns.cin import peer
from casework.returns.cin.peer import PeerIssue, PeerReport


def test_without_its_venv_the_peer_is_unavailable_and_running_it_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEWORK_PEER_CIN_VENV", str(tmp_path / "no-venv"))

    assert peer.available() is False
    with pytest.raises(peer.PeerFailed, match="not installed"):
        peer.run(tmp_path / "census.xml", 2026)


def test_a_report_counts_distinct_child_and_rule_pairs_apart_from_locations() -> None:
    report = PeerReport(
        issues=[
            PeerIssue("C1", "8610", "CINdetails", "ReferralNFA"),
            PeerIssue("C1", "8610", "CINdetails", "PrimaryNeedCode"),
            PeerIssue("C1", "1103", "Assessments", "AssessmentActualStartDate"),
            PeerIssue("C2", "8610", "CINdetails", "ReferralNFA"),
        ],
        la_level=["2887Q"],
        crashed=[],
        seconds_total=1.0,
        seconds_rules=0.5,
        peak_memory_mb=80.0,
    )

    assert len(report.issues) == 4
    assert report.pairs() == {("C1", "8610"), ("C1", "1103"), ("C2", "8610")}
    assert report.codes_for("C1") == {"8610", "1103"}


@pytest.mark.peer
@pytest.mark.skipif(not peer.available(), reason="the DfE-rule validator is not installed")
def test_a_peer_that_takes_too_long_is_stopped_and_reported(tmp_path: Path) -> None:
    census = tmp_path / "census.xml"
    census.write_bytes(b"<Message><Header/><Children/></Message>")

    with pytest.raises(peer.PeerFailed, match="did not finish"):
        peer.run(census, 2026, timeout=0.01)


@pytest.mark.peer
@pytest.mark.skipif(not peer.available(), reason="the DfE-rule validator is not installed")
def test_a_file_the_peer_cannot_read_is_a_failure_with_its_last_words(tmp_path: Path) -> None:
    # A namespaced census: the validator's ingress cannot find the Header and raises.
    census = tmp_path / "census.xml"
    census.write_bytes(b'<Message xmlns="urn:x"><Header/><Children/></Message>')

    with pytest.raises(peer.PeerFailed, match="AttributeError"):
        peer.run(census, 2026)
