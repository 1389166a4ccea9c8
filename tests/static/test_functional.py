"""Functional tests in pylint's own format, run by pylint's own test machinery.

Each ``functional/<name>.py`` marks the lines that must be flagged with ``# [symbol]``;
``<name>.txt`` holds the expected messages (``symbol:line:col:end_line:end_col:obj:msg:confidence``).
They share ``functional/keraslint.rc`` (the plugin loaded, keraslint's messages only, the rules
on by default), unless a ``<name>.rc`` of their own sets options or enables a rule that is off
by default.

Regenerate the ``.txt`` files after a deliberate message change with
``KERASLINT_UPDATE_FUNCTIONAL=1 python -m pytest tests/static/test_functional.py`` and review the diff.
"""

from __future__ import annotations

import os
import warnings

import pytest
from pylint.testutils import FunctionalTestFile, LintModuleTest
from pylint.testutils.functional import LintModuleOutputUpdate

from keraslint_testing import FUNCTIONAL_DIR

SHARED_RC = FUNCTIONAL_DIR / "keraslint.rc"


class KeraslintTestFile(FunctionalTestFile):
    """A functional test that falls back to the shared configuration."""

    @property
    def option_file(self) -> str:
        own = FUNCTIONAL_DIR / f"{self.base}.rc"
        return str(own if own.exists() else SHARED_RC)


TESTS = sorted(
    (KeraslintTestFile(str(FUNCTIONAL_DIR), path.name) for path in FUNCTIONAL_DIR.glob("*.py")),
    key=lambda t: t.base,
)


@pytest.mark.parametrize("test_file", TESTS, ids=[t.base for t in TESTS])
def test_functional(test_file: FunctionalTestFile) -> None:
    cls = LintModuleOutputUpdate if os.environ.get("KERASLINT_UPDATE_FUNCTIONAL") else LintModuleTest
    lint_test = cls(test_file)
    lint_test.setUp()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lint_test.runTest()
    crashes = [str(w.message) for w in caught if "keraslint could not analyse" in str(w.message)]
    assert not crashes, crashes[0]
