"""Side-by-side timing of ``model.fit`` with and without a callback.

Variants run interleaved in rounds on the same compiled model, each round in an
order rotated by one (baseline, A, B; A, B, baseline; B, baseline, A; ...), so that
neither drift in machine load nor running first in a round favours a variant
(unrotated, the first variant ran 5-11% slower on every backend). Each epoch is
timed from before the first callback's `on_epoch_begin` to after the last one's
`on_epoch_end`, so all the variant's callback work is inside; the first epoch of
each fit (tracing, compilation) is dropped. Three measures per variant, each as a
ratio to the `baseline` variant:

- wall: median epoch wall time;
- CPU: median epoch CPU time of this process (other jobs on a shared machine
  inflate wall time far more than this);
- hooks: wall time spent inside the callback's own hooks, per epoch (mean, so a
  check that runs every few epochs is spread over them), against the baseline's
  median epoch: the steadiest of the three, as load blurs it least. On JAX a hook
  that reads the model's state first waits for the asynchronously dispatched step
  to finish, so with per-batch hooks this counts training time too.

On a 2-core CPU, thread scheduling moves wall time by far more than the callbacks
cost: a callback whose only hook is an empty `on_train_batch_begin` changed
TensorFlow's epoch wall time by -35% in one run (1024 samples, 1.2-1.9 s epochs),
while CPU time moved little. The `empty_callback` variant is that control: its
distance from 1 is the noise of the run.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from typing import Callable

import keras

BENCHMARKS_MD = os.path.join(os.path.dirname(__file__), "..", "..", "BENCHMARKS.md")


class _EpochClock:
    """Wall and CPU seconds of every epoch but each fit's first."""

    def __init__(self):
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def around(self, callbacks: list) -> list:
        marks = {"epochs": 0}

        def begin(epoch, logs):
            marks["wall"], marks["cpu"] = time.perf_counter(), time.process_time()

        def end(epoch, logs):
            marks["epochs"] += 1
            if marks["epochs"] > 1:
                self.wall.append(time.perf_counter() - marks["wall"])
                self.cpu.append(time.process_time() - marks["cpu"])

        return [
            keras.callbacks.LambdaCallback(on_epoch_begin=begin),
            *callbacks,
            keras.callbacks.LambdaCallback(on_epoch_end=end),
        ]


class _HookClock:
    """Wall seconds a callback spends in its own epoch and batch hooks, per epoch
    (each fit's first dropped). Batch hooks left at Keras's default stay unwrapped,
    so Keras keeps dispatching batches asynchronously where it did."""

    HOOKS = ("on_epoch_begin", "on_train_batch_begin", "on_train_batch_end", "on_epoch_end")

    def __init__(self):
        self.seconds: list[float] = []

    def wrap(self, callback):
        spent = {"epoch": 0.0, "epochs": 0}
        for name in self.HOOKS:
            original = getattr(callback, name)
            if getattr(original, "_is_default", False) and name != "on_epoch_end":
                continue

            def timed(*args, _original=original, _name=name, **kwargs):
                start = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    spent["epoch"] += time.perf_counter() - start
                    if _name == "on_epoch_end":
                        spent["epochs"] += 1
                        if spent["epochs"] > 1:
                            self.seconds.append(spent["epoch"])
                        spent["epoch"] = 0.0

            setattr(callback, name, timed)
        return callback


class _StateObserver(keras.callbacks.Callback):
    """Listed after the callback measured: counts the batches at whose start JAX's
    training state had been copied back into the model (`Callback.model` does that,
    and Keras gathers it again before the next step: two passes over every variable)."""

    def __init__(self):
        super().__init__()
        self.batches = self.synced = 0

    def on_train_batch_begin(self, batch, logs=None):
        if batch > 0:  # `self._model`: reading `self.model` would sync it
            self.batches += 1
            self.synced += bool(getattr(self._model, "_jax_state_synced", False))


def dispatch_figures(model, x, y, make_callback: Callable[[], keras.callbacks.Callback],
                     batch_size: int, cost_key: str) -> str:
    """What predicts a callback's cost on a GPU, measured here in one short fit:
    whether Keras still dispatches batches asynchronously with it attached, the
    share of batches at which it made JAX sync its training state, and per check
    made within an epoch its compiled device calls and host reads (`report["cost"]`)."""
    callback, observer = make_callback(), _StateObserver()
    kept = (keras.callbacks.CallbackList([callback], model=model)._async_train
            == keras.callbacks.CallbackList([], model=model)._async_train)
    model.fit(x, y, epochs=1, batch_size=batch_size, verbose=0, callbacks=[callback, observer])
    cost = callback.report["cost"]
    checks = cost[cost_key]
    return (
        f"async dispatch kept: {'yes' if kept else 'NO'}; JAX state syncs: {observer.synced} of "
        f"{observer.batches} batches; per check: {cost['device_calls'] / max(checks, 1):.0f} compiled "
        f"device call(s), {cost['host_reads'] / max(checks, 1):.0f} host read(s), each made a batch or more after "
        f"its dispatch ({checks} checks)"
    )


class EmptyCallback(keras.callbacks.Callback):
    """The control: epoch and batch-begin hooks that do nothing."""

    def on_train_batch_begin(self, batch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass


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
    """Fit ``model`` for ``epochs`` + 1 epochs once per variant and round, the
    variant's callbacks freshly made each time; `baseline` must be a variant.
    Return per variant: median epoch wall and CPU seconds, hook seconds per
    epoch, and the three ratios to the baseline."""
    if "baseline" not in variants:
        raise ValueError("variants must include 'baseline'")
    clocks = {name: _EpochClock() for name in variants}
    hooks = {name: _HookClock() for name in variants}
    names = list(variants)
    for round_ in range(rounds):
        for name in names[round_ % len(names):] + names[: round_ % len(names)]:
            make_callbacks = variants[name]
            callbacks = [hooks[name].wrap(callback) for callback in make_callbacks()]
            model.fit(x, y, epochs=epochs + 1, batch_size=batch_size, verbose=0,
                      callbacks=clocks[name].around(callbacks))
    base_wall = statistics.median(clocks["baseline"].wall)
    base_cpu = statistics.median(clocks["baseline"].cpu)
    results = {}
    for name in variants:
        wall, cpu = statistics.median(clocks[name].wall), statistics.median(clocks[name].cpu)
        hook = statistics.mean(hooks[name].seconds) if hooks[name].seconds else 0.0
        results[name] = {
            "epoch_s": wall, "wall_ratio": wall / base_wall,
            "epoch_cpu_s": cpu, "cpu_ratio": cpu / base_cpu,
            "hooks_s": hook, "hooks_ratio": 1 + hook / base_wall,
        }
    return results


def format_table(results: dict[str, dict[str, float]]) -> str:
    rows = [
        "| variant | median epoch (s) | wall ratio | median epoch CPU (s) | CPU ratio "
        "| in the callback's hooks per epoch (s) | hooks ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        rows.append(
            f"| {name} | {r['epoch_s']:.3f} | {r['wall_ratio']:.3f} | {r['epoch_cpu_s']:.3f} "
            f"| {r['cpu_ratio']:.3f} | {r['hooks_s']:.4f} | {r['hooks_ratio']:.3f} |"
        )
    return "\n".join(rows)


def verdicts(results: dict[str, dict[str, float]], targets: dict[str, float]) -> str:
    """One line per target: each measure against it."""
    lines = []
    for name, target in targets.items():
        r = results[name]
        measures = ", ".join(
            f"{label} {r[key]:.3f} {'met' if r[key] <= target else 'NOT met'}"
            for label, key in (("wall", "wall_ratio"), ("CPU", "cpu_ratio"), ("hooks", "hooks_ratio"))
        )
        lines.append(f"- {name} (target at most {target:.2f}): {measures}")
    if "empty_callback" in results:
        control = results["empty_callback"]
        lines.append(
            f"- control (empty_callback): wall {control['wall_ratio']:.3f}, CPU {control['cpu_ratio']:.3f}: "
            "differences from 1 of this size are the noise of this run"
        )
    return "\n".join(lines)


def method() -> str:
    """The module docstring's account of the measures, for BENCHMARKS.md."""
    return __doc__.split("\n\n", 1)[1].strip()


def record(section: str, markdown: str, path: str = BENCHMARKS_MD) -> None:
    """Replace (or append) the ``section`` block of BENCHMARKS.md with ``markdown``."""
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def samples(default: int) -> int:
    """The workload's sample count, unless --samples overrides it."""
    return int(os.environ.get("KERASLINT_BENCH_SAMPLES", default))


def device_name() -> str:
    """The accelerator the backend trains on, or "CPU"."""
    backend = keras.backend.backend()
    if backend == "jax":
        import jax

        device = jax.devices()[0]
        return "CPU" if device.platform == "cpu" else device.device_kind
    if backend == "torch":
        import torch

        return torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU"
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    return tf.config.experimental.get_device_details(gpus[0]).get("device_name", "GPU") if gpus else "CPU"


def main(describe: str, run: Callable[[int, int, bool], str], section: str, title: str,
         *, rounds: int, epochs: int) -> None:
    """Command line of a benchmark script: ``run(rounds, epochs, gpu)`` returns the
    Markdown of one backend, starting with a line ``**backend** ...``. ``--gpu``
    picks the GPU-sized workload and records into the ``<section>-gpu`` section."""
    parser = argparse.ArgumentParser(description=describe)
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--epochs", type=int, default=epochs, help="timed epochs per fit")
    parser.add_argument("--gpu", action="store_true",
                        help="the GPU-sized workload: steps of a few milliseconds on an accelerator")
    parser.add_argument("--samples", type=int, help="override the workload's sample count (a quick smoke run)")
    parser.add_argument("--all-backends", action="store_true",
                        help="run tensorflow, jax and torch, one process each")
    parser.add_argument("--record", action="store_true", help=f"write the {section!r} section of BENCHMARKS.md")
    args = parser.parse_args()
    if args.samples:
        os.environ["KERASLINT_BENCH_SAMPLES"] = str(args.samples)
    if args.all_backends:
        tables = []
        for backend in ("tensorflow", "jax", "torch"):
            out = subprocess.run(
                [sys.executable, sys.argv[0], "--rounds", str(args.rounds), "--epochs", str(args.epochs)]
                + (["--gpu"] if args.gpu else []),
                env=dict(os.environ, KERAS_BACKEND=backend), capture_output=True, text=True, check=True,
            ).stdout
            tables.append(out[out.index("**"):].strip())
        markdown = "\n\n".join(tables)
    else:
        markdown = run(args.rounds, args.epochs, args.gpu)
    print(markdown)
    if args.record:
        if args.gpu:
            section, title = f"{section}-gpu", title.replace("(CPU)", "(GPU)")
        record(section, f"## {title}\n\n{method()}\n\n{markdown}")
