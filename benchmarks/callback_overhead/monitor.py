"""Overhead of BatchNormMonitor on a CPU CNN with 8 BatchNormalization layers, next to
TensorBoard(histogram_freq=1) as a peer that also reads every layer's weights.

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/callback_overhead/monitor.py
    .venv/bin/python benchmarks/callback_overhead/monitor.py --all-backends --record

Targets: at most +2% per epoch (probe included) and +10% when recording every batch.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402  (after the path setup)
import harness  # noqa: E402

from keraslint.callbacks import BatchNormMonitor  # noqa: E402

SECTION = "callback_overhead:monitor"
SAMPLES, BATCH, PROBE = 4096, 64, 256
TARGETS = {"monitor_epoch": 1.02, "monitor_every_batch": 1.10}


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


def run(rounds: int, epochs: int) -> str:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(SAMPLES, 16, 16, 3)).astype("float32")
    y = rng.integers(0, 10, size=(SAMPLES,))
    model = cnn()
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    logdir = tempfile.mkdtemp(prefix="keraslint-bench-tb-")
    variants = {
        "baseline": list,
        "empty_callback": lambda: [harness.EmptyCallback()],
        "monitor_epoch": lambda: [BatchNormMonitor(probe_data=x[:PROBE])],
        "monitor_every_batch": lambda: [BatchNormMonitor(probe_data=x[:PROBE], every=1)],
        "tensorboard_hist": lambda: [keras.callbacks.TensorBoard(logdir, histogram_freq=1)],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the monitor's findings on this untuned model
        results = harness.compare(model, x, y, variants, rounds=rounds, epochs=epochs, batch_size=BATCH)
    return (
        f"**{keras.backend.backend()}** (keras {keras.version()}; {SAMPLES} samples of 16x16x3, "
        f"batch {BATCH}, {SAMPLES // BATCH} steps/epoch, 8 Conv2D+BatchNormalization blocks, "
        f"probe_data {PROBE} samples; {rounds} rounds x {epochs} timed epochs)\n\n"
        f"{harness.format_table(results)}\n\n{harness.verdicts(results, TARGETS)}"
    )


if __name__ == "__main__":
    harness.main(__doc__.splitlines()[0], run, SECTION, "BatchNormMonitor overhead (CPU)", rounds=5, epochs=3)
