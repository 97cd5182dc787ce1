"""Every test runs against a workspace in a temporary folder, never the project's parallax-data/."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _workspace_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get("PARALLAX_DATA_DIR")
    os.environ["PARALLAX_DATA_DIR"] = str(tmp_path_factory.mktemp("parallax-data"))
    yield
    if before is None:
        os.environ.pop("PARALLAX_DATA_DIR", None)
    else:
        os.environ["PARALLAX_DATA_DIR"] = before
