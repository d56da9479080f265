"""Helpers that know nothing of Django: working days, statutory clocks, matching."""
