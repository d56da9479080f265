from pathlib import Path
from typing import Any

import pytest

from casework.portal.tests.factories import Families, make_families
from casework.testing.personas import Personas


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def families(personas: Personas) -> Families:
    return make_families(personas)
