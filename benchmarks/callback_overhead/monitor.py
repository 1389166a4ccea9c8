"""Overhead of BatchNormMonitor on a CPU CNN with 8 BatchNormalization layers, next to
TensorBoard(histogram_freq=1) as a peer that also reads every layer's weights.

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/callback_overhead/monitor.py
    .venv/bin/python benchmarks/callback_overhead/monitor.py --all-backends --record

Three measures, as wall time on a shared machine is noisy: (1) harness.compare's
ratio of median epoch wall times; it times an epoch from the first callback's
on_epoch_begin to its on_epoch_end, so work that later callbacks do in on_epoch_end
(the monitor's probe, TensorBoard's histograms) falls outside it; (2) the wall time
the callback spends in its own hooks per epoch (mean over the timed epochs, which
spreads a probe that does not run every epoch), against the baseline epoch; (3) the
process CPU time per epoch with all callbacks inside, against the baseline's.
Targets: at most +2% per epoch (probe included) and +10% when recording every batch.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

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


class HookCost:
    """Wall seconds a callback spends in its own epoch and batch hooks, per epoch
    (first epoch of each fit dropped, as the harness does). Hooks left at Keras's
    default stay unwrapped, so Keras still dispatches batches asynchronously."""

    HOOKS = ("on_epoch_begin", "on_train_batch_begin", "on_train_batch_end", "on_epoch_end")

    def __init__(self):
        self.seconds: list[float] = []

    def wrap(self, callback):
        spent = {"epoch": 0.0, "epochs": 0}
        for name in self.HOOKS:
            original = getattr(callback, name)
            if getattr(original, "_is_default", False):
                continue

            def timed(*args, _original=original, _name=name, **kwargs):
                start = time.perf_counter()
                _original(*args, **kwargs)
                spent["epoch"] += time.perf_counter() - start
                if _name == "on_epoch_end":
                    spent["epochs"] += 1
                    if spent["epochs"] > 1:
                        self.seconds.append(spent["epoch"])
                    spent["epoch"] = 0.0

            setattr(callback, name, timed)
        return callback


class CpuEpochClock:
    """Process CPU seconds of each epoch (first of each fit dropped), from before
    the variant's callbacks begin the epoch until after they end it. Other jobs on
    a shared machine inflate wall time much more than this process's CPU time."""

    def __init__(self):
        self.seconds: list[float] = []

    def around(self, callbacks: list) -> list:
        clock, marks = self, {"epochs": 0}

        class Begin(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                marks["start"] = time.process_time()

        class End(keras.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None):
                marks["epochs"] += 1
                if marks["epochs"] > 1:
                    clock.seconds.append(time.process_time() - marks["start"])

        return [Begin(), *callbacks, End()]


def run(rounds: int, epochs: int) -> str:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(SAMPLES, 16, 16, 3)).astype("float32")
    y = rng.integers(0, 10, size=(SAMPLES,))
    model = cnn()
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    logdir = tempfile.mkdtemp(prefix="keraslint-bench-tb-")
    make = {
        "baseline": lambda: None,
        "monitor_epoch": lambda: BatchNormMonitor(probe_data=x[:PROBE]),
        "monitor_every_batch": lambda: BatchNormMonitor(probe_data=x[:PROBE], every=1),
        "tensorboard_hist": lambda: keras.callbacks.TensorBoard(logdir, histogram_freq=1),
    }
    hooks = {name: HookCost() for name in make}
    cpu = {name: CpuEpochClock() for name in make}

    def variant(name):
        def callbacks():
            callback = make[name]()
            return cpu[name].around([hooks[name].wrap(callback)] if callback else [])

        return callbacks

    warnings.simplefilter("ignore")  # the monitor's findings on this untuned model
    results = harness.compare(model, x, y, {name: variant(name) for name in make},
                              rounds=rounds, epochs=epochs, batch_size=BATCH)
    base = results["baseline"]["median_epoch_s"]
    base_cpu = statistics.median(cpu["baseline"].seconds)
    rows = [
        "| variant | median epoch (s) | harness ratio | callback hooks per epoch, mean (s) "
        "| hooks / baseline epoch | median epoch CPU (s) | CPU ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        hook = statistics.mean(hooks[name].seconds) if hooks[name].seconds else 0.0
        cpu_epoch = statistics.median(cpu[name].seconds)
        rows.append(
            f"| {name} | {r['median_epoch_s']:.3f} | {r['ratio']:.3f} | {hook:.4f} | "
            f"{hook / base:+.2%} | {cpu_epoch:.3f} | {cpu_epoch / base_cpu:.3f} |"
        )
    return (
        f"**{keras.backend.backend()}** (keras {keras.version()}; {SAMPLES} samples of 16x16x3, "
        f"batch {BATCH}, {SAMPLES // BATCH} steps/epoch, 8 Conv2D+BatchNormalization blocks, "
        f"probe_data {PROBE} samples; {rounds} rounds x {epochs} timed epochs)\n\n" + "\n".join(rows)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
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
        method = __doc__.split("\n\n")[2].strip()
        harness.record(SECTION, f"### BatchNormMonitor overhead (CPU)\n\n{method}\n\n{markdown}")


if __name__ == "__main__":
    main()
