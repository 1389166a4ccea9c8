"""Overhead of BatchNormMonitor on a CPU CNN with 8 BatchNormalization layers, next to
TensorBoard(histogram_freq=1) as a peer that also reads every layer's weights.

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/callback_overhead/monitor.py
    .venv/bin/python benchmarks/callback_overhead/monitor.py --all-backends --record
    KERAS_BACKEND=jax python3 benchmarks/callback_overhead/monitor.py --gpu   # on an accelerator

With --gpu: a trainable ResNet50 (53 BatchNormalization layers, weights=None) on
96x96 images, batch 64, without the TensorBoard peer (the accelerator machine has
no TensorFlow). Targets: at most +2% per epoch (probe included) and +10% when
recording every batch.
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


def run(rounds: int, epochs: int, gpu: bool) -> str:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    if gpu:
        samples, side = harness.samples(1024 if keras.backend.backend() == "torch" else 2048), 96
        model = keras.applications.ResNet50(input_shape=(side, side, 3), weights=None, classes=10)
        described = "ResNet50 (53 BatchNormalization layers), weights=None"
    else:
        samples, side, model = harness.samples(SAMPLES), 16, cnn()
        described = "8 Conv2D+BatchNormalization blocks"
    x = rng.normal(size=(samples, side, side, 3)).astype("float32")
    y = rng.integers(0, 10, size=(samples,))
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=not gpu))
    variants = {
        "baseline": list,
        "empty_callback": lambda: [harness.EmptyCallback()],
        "monitor_epoch": lambda: [BatchNormMonitor(probe_data=x[:PROBE])],
        "monitor_every_batch": lambda: [BatchNormMonitor(probe_data=x[:PROBE], every=1)],
    }
    if not gpu:
        logdir = tempfile.mkdtemp(prefix="keraslint-bench-tb-")
        variants["tensorboard_hist"] = lambda: [keras.callbacks.TensorBoard(logdir, histogram_freq=1)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the monitor's findings on this untuned model
        results = harness.compare(model, x, y, variants, rounds=rounds, epochs=epochs, batch_size=BATCH)
        predictors = harness.dispatch_figures(
            model, x, y, lambda: BatchNormMonitor(every=1), BATCH, "batch_records"
        )
    return (
        f"**{keras.backend.backend()}** on {harness.device_name()} (keras {keras.version()}; {samples} "
        f"samples of {side}x{side}x3, batch {BATCH}, {samples // BATCH} steps/epoch, {described}, "
        f"probe_data {PROBE} samples; {rounds} rounds x {epochs} timed epochs)\n\n"
        f"{harness.format_table(results)}\n\n{harness.verdicts(results, TARGETS)}\n\n"
        f"Predictors, monitor_every_batch: {predictors}."
    )


if __name__ == "__main__":
    harness.main(__doc__.splitlines()[0], run, SECTION, "BatchNormMonitor overhead (CPU)", rounds=5, epochs=3)
