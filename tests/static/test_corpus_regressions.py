"""Regressions from the corpus run (benchmarks/corpus.py over keras, keras-hub and
tf-models-official): each ``regressions/<name>.py`` is a reduced snippet of real code
that once produced a false finding or a crash. Real pylint runs over it; the findings
must be exactly the lines marked ``# [symbol]`` and the checker must not give up."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from keraslint_testing import lint_files, marked_lines

REGRESSIONS = sorted((Path(__file__).parent / "regressions").glob("*.py"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_corpus_regression(path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = lint_files([path])
    assert not [str(w.message) for w in caught if "keraslint could not analyse" in str(w.message)]
    assert [m for messages in found.values() for m in messages] == marked_lines(path.read_text(encoding="utf-8"))
