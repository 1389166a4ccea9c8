"""Coverage of the static shapes against Keras: for every model definition the
differential test knows (tests/data/models, the examples, the explain tests), how much
of it ``keraslint explain --static`` gives exactly.

    python benchmarks/static_coverage.py

Prints one line per model (exact / partly unknown / unknown, layers with an exact
parameter count and an exact output shape) and the totals; any wrong number is
printed too, and makes the exit status 1. Needs keras (it builds every model)."""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "tools"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from static_differential import TARGETS, compare  # noqa: E402


def main() -> int:
    results = [compare(path, name) for path, name in TARGETS]
    width = max(len(r.target) for r in results)
    for r in results:
        print(f"{r.target:<{width}}  {r.coverage:<14}  counts {r.exact_counts}/{r.layers}  shapes {r.exact_shapes}/{r.layers}")
        for wrong in r.wrong:
            print(f"    WRONG: {wrong}")
    kinds = collections.Counter(r.coverage for r in results)
    layers = sum(r.layers for r in results)
    print(
        f"\n{len(results)} models: {kinds['exact']} exact, {kinds['partly unknown']} partly unknown, "
        f"{kinds['unknown']} unknown; layers: {sum(r.exact_counts for r in results)}/{layers} exact parameter counts, "
        f"{sum(r.exact_shapes for r in results)}/{layers} exact output shapes; "
        f"wrong numbers: {sum(len(r.wrong) for r in results)}"
    )
    return 1 if any(r.wrong for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
