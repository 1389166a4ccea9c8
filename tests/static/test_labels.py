"""The hand-labeled set under tests/data/labels/ is well-formed, and benchmarks/labels.py scores
keraslint against it with a real pylint run. The scores themselves are benchmark figures
(BENCHMARKS.md), not targets asserted here."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _labels_module():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("labels_benchmark", ROOT / "benchmarks" / "labels.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


labels_benchmark = _labels_module()


def test_labels_are_well_formed() -> None:
    labels, problems = labels_benchmark.load()
    assert problems == []
    assert len(labels) >= 150
    keys = [(l.path, l.line, l.symbol) for l in labels]
    assert len(keys) == len(set(keys)), "a line has two labels for the same rule"
    for symbol in labels_benchmark.default_symbols():
        assert any(l.symbol == symbol for l in labels), f"no label for the default rule {symbol}"


def test_a_malformed_label_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "SOURCES.md").write_text("owner/repo bad.py\n", encoding="utf-8")
    (tmp_path / "bad.py").write_text(
        "# Source: owner/repo, model.py\n# Commit: abc\n# License: GPL-3.0\n"
        "x = Dense(1)  # [keras-bias-before-batchnorm]\n",
        encoding="utf-8",
    )
    _, problems = labels_benchmark.load(tmp_path)
    assert any("has no reason" in p for p in problems)
    assert any("GPL-3.0" in p for p in problems)
    assert any("40-digit" in p for p in problems)


def test_scoring_runs_keraslint_over_the_set() -> None:
    labels, rows, crashes = labels_benchmark.run()
    assert crashes == []
    for symbol, row in rows.items():
        positives = [l for l in labels if l.symbol == symbol and l.flagged]
        assert row["tp"] + row["fn"] == len(positives)
        assert row["clean_kept"] <= row["clean"]
    total = labels_benchmark.overall(rows)
    assert total["tp"] + total["fn"] == sum(
        r["positives"] for r in rows.values() if r["symbol"] in labels_benchmark.default_symbols()
    )


def test_precision_verdicts_are_well_formed() -> None:
    spec = importlib.util.spec_from_file_location("precision_benchmark", ROOT / "benchmarks" / "precision.py")
    precision = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = precision
    spec.loader.exec_module(precision)
    verdicts = precision.read_verdicts()
    assert len(verdicts) >= 100
    assert {v["verdict"] for v in verdicts.values()} <= set(precision.VERDICT_KINDS)
    # Verdicts may name rules of branches not merged yet: only their form is checked.
    assert all(re.fullmatch(r"keras-[a-z0-9-]+", key[2]) and key[1] > 0 for key in verdicts)
