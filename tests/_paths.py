"""Where the repository is, for tests that read its files (import this, never ``conftest``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
