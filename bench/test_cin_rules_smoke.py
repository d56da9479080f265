"""bench/cin_rules.py still runs end to end on a tiny census (without the peer, which costs
seconds a run and has its own tests). It asserts nothing about how fast anything was."""

import json

import pytest

from bench import cin_rules


def test_cin_rules_benchmark_prints_a_json_line_of_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cin_rules.main(["--children", "30", "--no-peer", "--json-only"]) == 0

    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1  # --json-only: nothing but the result
    figures = json.loads(lines[0])
    assert figures["children"] == 30
    assert figures["rules"] == 109
    assert figures["ours_failures"] == 0  # the synthetic census is valid
    assert figures["ours_seconds"] > 0
    assert "peer_seconds_total" not in figures
