"""Side-by-side timing of ``model.fit`` with and without a callback.

Variants run interleaved in rounds (baseline, A, B, baseline, A, B, ...) on the same
compiled model, so drift in machine load hits every variant alike; the first epoch
of each fit (tracing, compilation) is dropped, and the result is the median epoch
time of each variant divided by the baseline's.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from typing import Callable

import keras

BENCHMARKS_MD = os.path.join(os.path.dirname(__file__), "..", "..", "BENCHMARKS.md")


class _EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seconds: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def compare(
    model,
    x,
    y,
    variants: dict[str, Callable[[], list]],
    *,
    rounds: int = 3,
    epochs: int = 3,
    batch_size: int = 32,
) -> dict[str, dict[str, float]]:
    """Fit ``model`` once per variant and round; return per-variant median epoch
    seconds and the ratio to the ``baseline`` variant (which must be present)."""
    if "baseline" not in variants:
        raise ValueError("variants must include 'baseline'")
    epoch_seconds: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, make_callbacks in variants.items():
            timer = _EpochTimer()
            model.fit(x, y, epochs=epochs + 1, batch_size=batch_size, verbose=0,
                      callbacks=[timer, *make_callbacks()])
            epoch_seconds[name].extend(timer.seconds[1:])
    base = statistics.median(epoch_seconds["baseline"])
    return {
        name: {"median_epoch_s": statistics.median(s), "ratio": statistics.median(s) / base}
        for name, s in epoch_seconds.items()
    }


def format_table(results: dict[str, dict[str, float]]) -> str:
    rows = ["| variant | median epoch (s) | ratio to baseline |", "|---|---|---|"]
    for name, r in results.items():
        rows.append(f"| {name} | {r['median_epoch_s']:.3f} | {r['ratio']:.3f} |")
    return "\n".join(rows)


def record(section: str, markdown: str, path: str = BENCHMARKS_MD) -> None:
    """Replace (or append) the ``section`` block of BENCHMARKS.md with ``markdown``."""
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
