import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client, override_settings

CASEWORK = [sys.executable, "-m", "casework.cli"]


def test_a_database_that_cannot_be_reached_gives_one_line_not_a_traceback() -> None:
    env = {**os.environ, "DATABASE_URL": "postgres://nobody:wrong@127.0.0.1:1/none"}
    result = subprocess.run(
        [*CASEWORK, "migrate"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0]


def test_an_unreadable_database_url_says_what_to_set() -> None:
    env = {**os.environ, "DATABASE_URL": "nonsense://"}
    result = subprocess.run(
        [*CASEWORK, "check"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_health_check_answers_without_signing_in(db: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@override_settings(SECRET_KEY="insecure-development-key-set-SECRET_KEY-in-production")
def test_deploy_check_fails_without_a_secret_key() -> None:
    with pytest.raises(SystemCheckError, match="SECRET_KEY is not set"):
        call_command("check", "--deploy", "--fail-level", "ERROR")
