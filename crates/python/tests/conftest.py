"""Shared fixtures: paths to the repo, its fixtures and the newsdesk CLI."""

import os
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
FIXTURES = HERE / "fixtures"


@pytest.fixture(scope="session")
def cli() -> str:
    """The newsdesk binary (NEWSDESK_BIN, else target/debug/newsdesk, built if missing)."""
    path = os.environ.get("NEWSDESK_BIN") or str(REPO / "target" / "debug" / "newsdesk")
    if not os.path.exists(path):
        subprocess.run(["cargo", "build", "-p", "newsdesk"], cwd=REPO, check=True)
    return path


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


def pages():
    """(name, bytes) of every HTML fixture."""
    return [(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob("*.html"))]
