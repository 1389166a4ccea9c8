"""Functional tests in pylint's own format, run by pylint's own test machinery.

Each ``functional/<name>.py`` marks the lines that must be flagged with ``# [symbol]``;
``<name>.txt`` holds the expected messages (``symbol:line:col:end_line:end_col:obj:msg:confidence``);
``<name>.rc`` loads the plugin and enables keraslint's messages only.

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

TESTS = sorted(
    (FunctionalTestFile(str(FUNCTIONAL_DIR), path.name) for path in FUNCTIONAL_DIR.glob("*.py")),
    key=lambda t: t.base,
)


def test_every_functional_file_has_its_rc_file():
    for test in TESTS:
        assert os.path.exists(test.option_file), f"{test.base}.rc is missing"


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
