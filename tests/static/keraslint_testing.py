"""Shared helpers for the static (pylint plugin) tests: no keras or tensorflow needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONAL_DIR = Path(__file__).parent / "functional"


def start_pylint_subprocess(args: list[str], bootstrap: str = "") -> subprocess.Popen:
    """Start real pylint in a fresh interpreter, after ``bootstrap`` (Python source)."""
    code = f"{bootstrap}\nimport sys\nfrom pylint import run_pylint\nsys.argv = ['pylint', *{args!r}]\nrun_pylint()\n"
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )


def finish(process: subprocess.Popen, timeout: int = 600) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def lint_files(paths: list, extra_args: list[str] = ()) -> dict[str, list[tuple[int, str]]]:
    """Run real pylint (in process) with keraslint's messages only; (line, symbol) per file path."""
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel
    from pylint.reporters import CollectingReporter  # pylint: disable=import-outside-toplevel

    from keraslint.rules import ALL_RULES  # pylint: disable=import-outside-toplevel

    reporter = CollectingReporter()
    args = [
        "--load-plugins=keraslint",
        "--disable=all",
        f"--enable={','.join(rule.symbol for rule in ALL_RULES)},fatal,syntax-error,astroid-error",
        "--persistent=n",
        "--rcfile=/dev/null",
        *extra_args,
        *map(str, paths),
    ]
    Run(args, reporter=reporter, exit=False)
    found: dict[str, list[tuple[int, str]]] = {str(p): [] for p in paths}
    for message in reporter.messages:
        found.setdefault(message.path if message.path in found else message.abspath, []).append(
            (message.line, message.symbol)
        )
    return {path: sorted(messages) for path, messages in found.items()}


def marked_lines(source: str) -> list[tuple[int, str]]:
    """(line, symbol) for every `# [symbol, ...]` marker, as pylint's functional tests read them."""
    from pylint.testutils.constants import _EXPECTED_RE  # pylint: disable=import-outside-toplevel

    marks = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = _EXPECTED_RE.search(line)
        if match:
            marks.extend((number, symbol.strip()) for symbol in match.group("msgs").split(","))
    return sorted(marks)
