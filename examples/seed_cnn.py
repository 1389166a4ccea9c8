"""The 13-class image CNN from "How to analyze CNN model summary and improve it?".

The question (Data Science Stack Exchange, about 8,000 128x128 images in 13 classes)
shows only ``model.summary()``: BatchNormalization, then four Conv2D blocks with
MaxPooling2D and BatchNormalization between them, GlobalAveragePooling2D and
Dense(13); 168,793 parameters of which 454 are non-trainable. ``build_seed_cnn``
below is that model written the way the tutorials it was "adapted from" write it:
ReLU inside each Conv2D (a summary does not show activations), softmax on top.

This script does the three things keraslint does, in about 30 seconds on a laptop CPU:

1. **Lint** (no keras needed): runs ``keraslint check`` on this file. It reports
   one finding, ``keras-batchnorm-on-raw-input`` (W7310) at the first
   BatchNormalization: it normalizes raw pixels with moving statistics that are
   learnt during training, so inference sees different inputs than training did;
   ``build_fixed_cnn`` shows the fix (a Rescaling layer) and has no finding. Had the
   convolutions no activation, ``keras-bias-before-batchnorm`` (W7301) would flag
   the three Conv2D whose bias the next BatchNormalization cancels.
2. **Explain**: ``keraslint.explain(model)`` accounts for every parameter; the
   totals are the question's, 168,793 and 454 non-trainable, and the 454 are the
   moving means and variances of the four BatchNormalization layers.
3. **Train** briefly on 64 synthetic raw-pixel images with ``FrozenWeightsGuard``
   and ``BatchNormMonitor``. The monitor shows what the lint finding means at
   run time: on the first BatchNormalization the batch statistics are several
   standard deviations away from the moving ones that inference uses.

Run it with ``python examples/seed_cnn.py`` (any Keras 3 backend), or lint only
with ``keraslint check examples/seed_cnn.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys

try:
    import keras
    from keras import layers
except ImportError:  # the lint step needs neither keras nor tensorflow
    keras = layers = None

NUM_CLASSES = 13
INPUT_SHAPE = (128, 128, 3)


def build_seed_cnn(input_shape=INPUT_SHAPE, num_classes=NUM_CLASSES):
    """The model from the question, compiled for one-hot labels."""
    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.BatchNormalization(),
            layers.Conv2D(32, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.BatchNormalization(),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.BatchNormalization(),
            layers.Conv2D(128, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.BatchNormalization(),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(num_classes, activation="softmax"),
        ],
        name="seed_cnn",
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def build_fixed_cnn(input_shape=INPUT_SHAPE, num_classes=NUM_CLASSES):
    """The same network with the input scaled once instead of batch-normalized."""
    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.BatchNormalization(),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.BatchNormalization(),
            layers.Conv2D(128, (3, 3), padding="same", activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.BatchNormalization(),
            layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(num_classes, activation="softmax"),
        ],
        name="fixed_cnn",
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def lint() -> int:
    """Step 1: ``keraslint check`` on this file, as a separate process."""
    print(f"$ keraslint check {os.path.relpath(__file__)}", flush=True)
    command = [sys.executable, "-m", "keraslint.cli", "check", __file__]
    status = subprocess.run(command, check=False).returncode
    print(f"(exit status {status}: pylint's bit 4 means warnings were found)\n", flush=True)
    return status


def explain(model) -> None:
    """Step 2: where every parameter comes from."""
    import keraslint  # pylint: disable=import-outside-toplevel

    report = keraslint.explain(model)
    print(report)
    totals = report.to_dict()
    print(
        f"\nSeed summary: Total params 168,793, Non-trainable params 454. "
        f"keraslint.explain: {totals['total']:,} and {totals['non_trainable']:,}.\n",
        flush=True,
    )


def train(model, samples: int = 64, epochs: int = 2) -> None:
    """Step 3: a short fit() on raw-pixel synthetic images with both callbacks."""
    import numpy as np  # pylint: disable=import-outside-toplevel

    from keraslint.callbacks import BatchNormMonitor, FrozenWeightsGuard  # pylint: disable=import-outside-toplevel

    rng = np.random.default_rng(0)
    images = rng.uniform(0.0, 255.0, size=(samples, *INPUT_SHAPE)).astype("float32")
    labels = keras.utils.to_categorical(rng.integers(0, NUM_CLASSES, samples), NUM_CLASSES)

    guard = FrozenWeightsGuard(on_problem="warn")
    monitor = BatchNormMonitor(probe_data=images[:32], on_problem="warn")
    model.fit(images, labels, epochs=epochs, batch_size=16, callbacks=[guard, monitor], verbose=2)

    print("\nFrozenWeightsGuard:", len(guard.report["violations"]), "violation(s);",
          guard.report["guarded"]["variables"], "variable(s) guarded (this model freezes nothing)")
    print("\nBatchNormMonitor report:")
    print(monitor.report)


def main() -> int:
    status = lint()
    if keras is None:
        print(
            "keras is not installed: the lint step above ran, the explain and training steps need "
            "Keras 3 and a backend (pip install 'keraslint[tensorflow]').",
            file=sys.stderr,
        )
        return 1
    model = build_seed_cnn()
    explain(model)
    train(model)
    return 0 if (status & (1 | 32)) == 0 else status  # findings are expected; fatal or usage errors are not


if __name__ == "__main__":
    sys.exit(main())
