"""Overhead of FrozenWeightsGuard: fit() with and without it, and the snapshot's memory.

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/callback_overhead/guard.py
    .venv/bin/python benchmarks/callback_overhead/guard.py --all-backends --record
    KERAS_BACKEND=jax python3 benchmarks/callback_overhead/guard.py --gpu   # on an accelerator

A frozen MobileNetV2 base (2.26 M parameters, weights=None) with a small trainable
head, trained on synthetic 96x96 images, next to an empty callback as the control.
On the CPU, batches of 32; with --gpu, batches of 64 (steps of a few milliseconds on
a GPU). Targets: at most +2% with a check per epoch, +10% with a check every batch.
Below the table, the figures measured on any machine that predict the cost on a GPU
(see harness.dispatch_figures).
"""

from __future__ import annotations

import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
import numpy as np  # noqa: E402
import harness  # noqa: E402

from keraslint.callbacks import FrozenWeightsGuard  # noqa: E402

SECTION = "callback_overhead:guard"


def workload(gpu: bool) -> tuple[int, int]:
    """(samples, batch). CPU: epochs of 2-6 s on every backend (TensorFlow's 0.6 s
    epochs at 512 samples moved its wall ratios by +-7% between runs). GPU: eager
    torch is Python-bound, 1024 samples of 96x96 take about a second an epoch."""
    if gpu:
        return harness.samples(1024 if keras.backend.backend() == "torch" else 2048), 64
    return harness.samples(2048 if keras.backend.backend() == "tensorflow" else 512), 32


TARGETS = {"guard_epoch": 1.02, "guard_every_batch": 1.10}


def frozen_base_with_head():
    base = keras.applications.MobileNetV2(
        input_shape=(96, 96, 3), alpha=1.0, include_top=False, weights=None
    )
    base.trainable = False
    inputs = keras.Input((96, 96, 3))
    features = keras.layers.GlobalAveragePooling2D()(base(inputs, training=False))
    outputs = keras.layers.Dense(10, activation="softmax")(features)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "sparse_categorical_crossentropy")
    return model, base


def run(rounds: int, epochs: int, gpu: bool) -> str:
    samples, batch = workload(gpu)
    keras.utils.set_random_seed(0)
    model, base = frozen_base_with_head()
    rng = np.random.default_rng(0)
    x = rng.uniform(size=(samples, 96, 96, 3)).astype("float32")
    y = rng.integers(0, 10, size=(samples,))
    guards = []

    def with_guard(**kwargs):
        def make():
            guards.append(FrozenWeightsGuard(**kwargs))
            return [guards[-1]]

        return make

    with warnings.catch_warnings():
        # The untrained base starves the head of gradient: the guard says so, once
        # per fit; that is not what is measured here.
        warnings.filterwarnings("ignore", message="FrozenWeightsGuard: trainable variables")
        results = harness.compare(
            model, x, y,
            {"baseline": list, "empty_callback": lambda: [harness.EmptyCallback()],
             "guard_epoch": with_guard(), "guard_every_batch": with_guard(every=1)},
            rounds=rounds, epochs=epochs, batch_size=batch,
        )
        predictors = harness.dispatch_figures(
            model, x, y, lambda: FrozenWeightsGuard(every=1), batch, "batch_checks"
        )
    guarded = guards[-1].report["guarded"]
    return f"""**{keras.backend.backend()}** on {harness.device_name()} (keras {keras.version()}; frozen
MobileNetV2 base, alpha 1.0, 96x96, weights=None, {base.count_params():,} parameters, with a
10-class Dense head; {samples} synthetic images, batch {batch}, {samples // batch} steps/epoch;
{rounds} rounds x {epochs} timed epochs)

{harness.format_table(results)}

{harness.verdicts(results, TARGETS)}

Predictors, guard_every_batch: {predictors}.

Snapshot memory: {guarded['snapshot_bytes'] / 2**20:.1f} MiB of host memory for {guarded['variables']}
guarded variables ({guarded['parameters']:,} values, one copy at their own dtype), plus
one int32 fingerprint per group of guarded variables and per trainable variable on the device."""


if __name__ == "__main__":
    harness.main(__doc__.splitlines()[0], run, SECTION, "FrozenWeightsGuard overhead (CPU)", rounds=4, epochs=3)
