"""Shared helpers for the static (pylint plugin) tests: no keras or tensorflow needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONAL_DIR = Path(__file__).parent / "functional"


def run_pylint_subprocess(args: list[str], bootstrap: str = "", timeout: int = 300) -> subprocess.CompletedProcess:
    """Run real pylint in a fresh interpreter, after ``bootstrap`` (Python source)."""
    code = f"{bootstrap}\nimport sys\nfrom pylint import run_pylint\nsys.argv = ['pylint', *{args!r}]\nrun_pylint()\n"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False
    )
