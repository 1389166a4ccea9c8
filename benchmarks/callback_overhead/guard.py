"""Cost of FrozenWeightsGuard: fit() time with and without it, and snapshot memory.

A frozen MobileNetV2 base (2.26 M parameters, weights=None) with a small trainable
head, trained on synthetic 96x96 images on the CPU. Writes its section of
BENCHMARKS.md. Run: `.venv/bin/python benchmarks/callback_overhead/guard.py`
(KERAS_BACKEND picks the backend; TensorFlow by default).
"""

from __future__ import annotations

import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras  # noqa: E402
import numpy as np  # noqa: E402
from harness import compare, format_table, record  # noqa: E402

from keraslint.callbacks import FrozenWeightsGuard  # noqa: E402

ROUNDS, EPOCHS = 4, 3  # harness.compare fits EPOCHS + 1 epochs per round
TARGETS = {"guard, check per epoch": 1.02, "guard, check every batch": 1.10}


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


def main():
    keras.utils.set_random_seed(0)
    model, base = frozen_base_with_head()
    rng = np.random.default_rng(0)
    x = rng.uniform(size=(512, 96, 96, 3)).astype("float32")
    y = rng.integers(0, 10, size=(512,))
    last_guard = []
    hook_seconds: dict[str, list[float]] = {}

    def with_guard(name, **kwargs):
        def make():
            guard = FrozenWeightsGuard(**kwargs)
            spent = hook_seconds.setdefault(name, [])
            # Time spent inside the guard's per-epoch and per-batch checks: a
            # second figure that machine load cannot blur as much as epoch ratios.
            # (on_train_batch_end only where the guard defines it: wrapping Keras's
            # default one would change how Keras dispatches batches.)
            hooks = ["on_epoch_end", "on_train_batch_begin", *vars(guard).keys() & {"on_train_batch_end"}]
            for hook in hooks:
                setattr(guard, hook, _timed(getattr(guard, hook), spent))
            last_guard[:] = [guard]
            return last_guard

        return make

    with warnings.catch_warnings():
        # The untrained base starves the head of gradient: the guard says so, once
        # per fit; that is not what is measured here.
        warnings.filterwarnings("ignore", message="FrozenWeightsGuard: trainable variables")
        results = compare(
            model,
            x,
            y,
            {
                "baseline": lambda: [],
                "guard, check per epoch": with_guard("guard, check per epoch"),
                "guard, check every batch": with_guard("guard, check every batch", check_every=1),
            },
            rounds=ROUNDS,
            epochs=EPOCHS,
            batch_size=32,
        )
    guarded = last_guard[0].report["guarded"]
    epochs_run = ROUNDS * (EPOCHS + 1)
    baseline_epoch = results["baseline"]["median_epoch_s"]
    accounting = "\n".join(
        f"- {name}: {sum(spent) / epochs_run * 1000:.1f} ms inside the guard per epoch, "
        f"{sum(spent) / epochs_run / baseline_epoch:.1%} of a baseline epoch"
        for name, spent in hook_seconds.items()
    )
    verdicts = "\n".join(
        f"- {name}: ratio {results[name]['ratio']:.3f}, target at most {target:.2f} — "
        f"{'met' if results[name]['ratio'] <= target else 'NOT met'}"
        for name, target in TARGETS.items()
    )
    markdown = f"""## FrozenWeightsGuard (`benchmarks/callback_overhead/guard.py`)

Frozen MobileNetV2 base (alpha 1.0, 96x96, weights=None, {base.count_params():,} parameters)
with a 10-class Dense head, 512 synthetic images, batch 32 (16 steps an epoch), 4 interleaved rounds,
backend `{keras.backend.backend()}` on the CPU; Keras {keras.__version__}.

{format_table(results)}

{verdicts}

Time measured inside the guard's hooks (all epochs of all fits, first included),
per epoch:

{accounting}

Snapshot memory: {guarded['snapshot_bytes'] / 2**20:.1f} MiB of host memory for
{guarded['variables']} guarded variables ({guarded['parameters']:,} values, one copy at
their own dtype), plus one int32 fingerprint per guarded and per trainable variable
on the device. The routine check reads every guarded variable once on the device
(one fused bit-mixing reduction per variable) and moves one int32 per variable to
the host; the exact difference is computed on the host only for variables whose
fingerprint changed.
"""
    record("callback_overhead:guard", markdown)
    print(markdown)


def _timed(hook, spent: list[float]):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return hook(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    return timed


if __name__ == "__main__":
    main()
