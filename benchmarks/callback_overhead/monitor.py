"""Overhead of BatchNormMonitor on a CPU CNN with 8 BatchNormalization layers, next to
TensorBoard(histogram_freq=1) as a peer that also reads every layer's weights.

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/callback_overhead/monitor.py
    .venv/bin/python benchmarks/callback_overhead/monitor.py --all-backends --record

harness.compare times each epoch from the first callback's on_epoch_begin to its
on_epoch_end, so the work that later callbacks do in on_epoch_end (the monitor's
probe, TensorBoard's histograms) falls outside it. This script times those hooks
too and reports both the in-epoch ratio and the total per epoch. Targets: at most
+2% per epoch (probe included) and +10% when recording every batch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

import keras  # noqa: E402  (after the path setup)
import harness  # noqa: E402

from keraslint.callbacks import BatchNormMonitor  # noqa: E402

SECTION = "callback_overhead:monitor"
SAMPLES, BATCH, PROBE = 4096, 64, 256


def cnn(blocks: int = 8) -> keras.Model:
    inputs = keras.Input((16, 16, 3))
    x = inputs
    for i in range(blocks):
        x = keras.layers.Conv2D(16, 3, padding="same", use_bias=False)(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.ReLU()(x)
        if i == blocks // 2 - 1:
            x = keras.layers.MaxPooling2D()(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(10)(x))


class EpochEndCost:
    """Times a callback's on_epoch_end, dropping each fit's first epoch as the
    harness does."""

    def __init__(self):
        self.seconds: list[float] = []

    def wrap(self, callback):
        original, calls = callback.on_epoch_end, []

        def timed(epoch, logs=None):
            start = time.perf_counter()
            original(epoch, logs)
            calls.append(time.perf_counter() - start)
            if len(calls) > 1:
                self.seconds.append(calls[-1])

        callback.on_epoch_end = timed
        return callback


def run(rounds: int, epochs: int) -> str:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(SAMPLES, 16, 16, 3)).astype("float32")
    y = rng.integers(0, 10, size=(SAMPLES,))
    model = cnn()
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    logdir = tempfile.mkdtemp(prefix="keraslint-bench-tb-")
    costs = {name: EpochEndCost() for name in ("monitor_epoch", "monitor_every_batch", "tensorboard_hist")}
    variants = {
        "baseline": lambda: [],
        "monitor_epoch": lambda: [costs["monitor_epoch"].wrap(BatchNormMonitor(probe_data=x[:PROBE]))],
        "monitor_every_batch": lambda: [
            costs["monitor_every_batch"].wrap(BatchNormMonitor(probe_data=x[:PROBE], every=1))
        ],
        "tensorboard_hist": lambda: [
            costs["tensorboard_hist"].wrap(keras.callbacks.TensorBoard(logdir, histogram_freq=1))
        ],
    }
    results = harness.compare(model, x, y, variants, rounds=rounds, epochs=epochs, batch_size=BATCH)
    base = results["baseline"]["median_epoch_s"]
    rows = [
        "| variant | median epoch (s) | in-epoch ratio | epoch-end hook (s) | total ratio |",
        "|---|---|---|---|---|",
    ]
    for name, r in results.items():
        hook = statistics.median(costs[name].seconds) if name in costs else 0.0
        rows.append(
            f"| {name} | {r['median_epoch_s']:.3f} | {r['ratio']:.3f} | {hook:.4f} | "
            f"{(r['median_epoch_s'] + hook) / base:.3f} |"
        )
    return (
        f"**{keras.backend.backend()}** (keras {keras.version()}; {SAMPLES} samples of 16x16x3, "
        f"batch {BATCH}, {SAMPLES // BATCH} steps/epoch, 8 Conv2D+BatchNormalization blocks, "
        f"probe_data {PROBE} samples; {rounds} rounds x {epochs} timed epochs, median)\n\n" + "\n".join(rows)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--all-backends", action="store_true", help="run tensorflow, jax and torch, one process each")
    parser.add_argument("--record", action="store_true", help=f"write the {SECTION!r} section of BENCHMARKS.md")
    args = parser.parse_args()
    if args.all_backends:
        tables = []
        for backend in ("tensorflow", "jax", "torch"):
            out = subprocess.run(
                [sys.executable, __file__, "--rounds", str(args.rounds), "--epochs", str(args.epochs)],
                env=dict(os.environ, KERAS_BACKEND=backend), capture_output=True, text=True, check=True,
            ).stdout
            tables.append(out[out.index("**"):].strip())
        markdown = "\n\n".join(tables)
    else:
        markdown = run(args.rounds, args.epochs)
    print(markdown)
    if args.record:
        harness.record(SECTION, "### BatchNormMonitor overhead (CPU)\n\n" + __doc__.split("\n\n")[2].strip()
                       + "\n\n" + markdown)


if __name__ == "__main__":
    main()
