"""``BatchNormalization(axis=-3)``: the typo from the Convolutional Neural Networks course.

A learner building the course's "happy model" (ZeroPadding2D, Conv2D(32, 7x7),
BatchNormalization over the channels, ReLU, MaxPooling2D, Flatten, Dense(1)) got 256
BatchNormalization parameters where the notebook expected 128, and found the cause
by chance: "i was passing axis = -3 (typo vs axis = 3)". On a (batch, 64, 64, 32)
feature map axis -3 is the image height, so the layer keeps one mean and variance
per row of pixels (64 of them) instead of one per channel (32). The model trains
without any error; only the parameter count gives it away.

This script catches it three ways, in about 30 seconds on a laptop CPU:

1. **Lint**: ``keraslint check`` on this file reports ``keras-batchnorm-wrong-axis``
   (E7302) on the ``axis=-3`` line; ``happy_model()`` with the default ``axis=3``
   has none for the axis. With ``keras-bias-before-batchnorm`` (W7301, off by default)
   enabled, as this script does, both models also get it on the course's own Conv2D:
   its 32 biases are cancelled by the BatchNormalization that follows (the notebook's
   37,633 parameters include them; with the typo the bias survives, because the layer
   no longer normalizes per channel).
2. **Explain**: ``keraslint.explain`` shows 256 parameters on that layer (gamma 64,
   beta 64, moving mean 64, moving variance 64) instead of 128, and says why.
3. **Monitor**: ``BatchNormMonitor`` reports ``bn-wrong-axis`` while the model trains
   on 64 synthetic images.

Run it with ``python examples/batchnorm_axis_typo.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys

try:
    import keras
    import numpy as np
    from keras import layers
except ImportError:  # the lint step needs neither keras nor tensorflow
    keras = layers = np = None

INPUT_SHAPE = (64, 64, 3)


def happy_model():
    """The course's model, as the notebook expects it: 37,633 parameters."""
    return keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            layers.ZeroPadding2D(padding=3),
            layers.Conv2D(32, (7, 7), strides=1),
            layers.BatchNormalization(axis=3),
            layers.ReLU(),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ],
        name="happy_model",
    )


def happy_model_with_typo():
    """The same model with the typo: 37,761 parameters."""
    return keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            layers.ZeroPadding2D(padding=3),
            layers.Conv2D(32, (7, 7), strides=1),
            layers.BatchNormalization(axis=-3),
            layers.ReLU(),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ],
        name="happy_model_with_typo",
    )


def lint() -> int:
    print(f"$ keraslint check {os.path.relpath(__file__)}", flush=True)
    command = [sys.executable, "-m", "keraslint.cli", "check", "--pylint-arg=--enable=keras-bias-before-batchnorm", __file__]
    status = subprocess.run(command, check=False).returncode
    print(f"(exit status {status}: pylint's bit 2 means an error-level finding)\n", flush=True)
    return status


def explain(model) -> None:
    import keraslint  # pylint: disable=import-outside-toplevel

    report = keraslint.explain(model)
    print(report)
    batchnorm = next(layer for layer in report.to_dict()["layers"] if layer["class_name"] == "BatchNormalization")
    print(f"\n{batchnorm['path']}: {batchnorm['total']} parameters (the notebook expects 128)\n", flush=True)


def train(model) -> None:
    from keraslint.callbacks import BatchNormMonitor  # pylint: disable=import-outside-toplevel

    rng = np.random.default_rng(0)
    images = rng.uniform(0.0, 1.0, size=(64, *INPUT_SHAPE)).astype("float32")
    labels = rng.integers(0, 2, size=(64, 1)).astype("float32")
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    monitor = BatchNormMonitor(probe_data=images[:32], on_problem="warn")
    model.fit(images, labels, epochs=2, batch_size=16, callbacks=[monitor], verbose=2)
    print("\nBatchNormMonitor report:")
    print(monitor.report)
    for finding in monitor.report["diagnoses"].get("bn-wrong-axis", []):
        print("\nfound at run time:", finding["message"])


def main() -> int:
    status = lint()
    if keras is None:
        print(
            "keras is not installed: the lint step above ran, the explain and monitor steps need "
            "Keras 3 and a backend (pip install 'keraslint[tensorflow]').",
            file=sys.stderr,
        )
        return 1
    model = happy_model_with_typo()
    explain(model)
    train(model)
    return 0 if (status & (1 | 32)) == 0 else status  # findings are expected; fatal or usage errors are not


if __name__ == "__main__":
    sys.exit(main())
