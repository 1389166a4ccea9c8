"""Transfer learning: freezing the base after fit() without compiling again.

A common fine-tuning script trains the whole model for a while, then sets
``base.trainable = False`` to train only the new head, and calls ``fit()`` again.
On Keras 3 with the TensorFlow backend the second ``fit()`` reuses the train function
traced by the first, so the "frozen" base keeps training; JAX raises a ValueError and
only torch applies the change. ``compile()`` after changing ``trainable`` fixes it.

This script (about 30 seconds on a laptop CPU, on 64 synthetic images, with a
MobileNet built with ``weights=None`` so nothing is downloaded):

1. **Lint**: ``keraslint check`` on this file, with the off-by-default
   ``keras-frozen-base-training-mode`` enabled (this script fine-tunes a base), reports
   ``keras-trainable-after-compile`` (W7303) on the ``base.trainable = False`` line of
   ``freeze_after_fit`` and ``keras-frozen-base-training-mode`` (W7309) where the frozen
   base is called without ``training=False``. ``the_right_way`` has no finding.
2. **Guard**: ``FrozenWeightsGuard`` on the second ``fit()`` reports the trainable-state
   change and every base weight that still moved (its ``report["violations"]``).
3. **The right way**: freeze first, call the base with ``training=False``, compile,
   fit; the guard reports no violation.

Run it with ``python examples/transfer_learning.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

try:
    import keras
    import numpy as np
    from keras import layers
except ImportError:  # the lint step needs neither keras nor tensorflow
    keras = layers = np = None

IMAGE_SHAPE = (32, 32, 3)
NUM_CLASSES = 5


def small_base(images):
    """A MobileNet feature extractor standing in for a pretrained one (no download).

    ``weights=None`` gives random weights, and through 27 randomly initialized layers
    the activations all but vanish in inference mode. Real ImageNet weights come with
    BatchNormalization statistics that fit their activations; set each layer's moving
    mean and variance from one batch to get the same here.
    """
    base = keras.applications.MobileNet(
        input_shape=IMAGE_SHAPE, alpha=0.25, include_top=False, weights=None, pooling="avg"
    )
    batchnorms = [layer for layer in base.layers if isinstance(layer, layers.BatchNormalization)]
    for layer in batchnorms:
        layer.momentum = 0.0  # the next training-mode call sets the moving statistics outright
    # keraslint follows this helper into the_right_way(), where the base is frozen after it
    # returns, and flags this call; the freeze comes later, so silence it for this line.
    base(images, training=True)  # pylint: disable=keras-frozen-base-training-mode
    for layer in batchnorms:
        layer.momentum = 0.99
    return base


def synthetic_images(samples=64, seed=0):
    rng = np.random.default_rng(seed)
    images = rng.uniform(-1.0, 1.0, size=(samples, *IMAGE_SHAPE)).astype("float32")
    labels = rng.integers(0, NUM_CLASSES, samples)
    return images, labels


def freeze_after_fit(images, labels, guard):
    """The mistake: the base is frozen between two fit() calls, with no compile()."""
    base = small_base(images)
    inputs = keras.Input(shape=IMAGE_SHAPE)
    features = base(inputs)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax")(features)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", jit_compile=False)
    model.fit(images, labels, epochs=1, batch_size=16, verbose=0)

    base.trainable = False  # meant: from now on, train the head only
    model.fit(images, labels, epochs=1, batch_size=16, verbose=0, callbacks=[guard])
    return model


def the_right_way(images, labels, guard):
    """Freeze, call the base in inference mode, compile, then fit."""
    base = small_base(images)
    base.trainable = False
    inputs = keras.Input(shape=IMAGE_SHAPE)
    features = base(inputs, training=False)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax")(features)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", jit_compile=False)
    model.fit(images, labels, epochs=1, batch_size=16, verbose=0, callbacks=[guard])
    return model


def lint() -> int:
    enable = "--pylint-arg=--enable=keras-frozen-base-training-mode"
    print(f"$ keraslint check {enable} {os.path.relpath(__file__)}", flush=True)
    command = [sys.executable, "-m", "keraslint.cli", "check", enable, __file__]
    status = subprocess.run(command, check=False).returncode
    print(f"(exit status {status})\n", flush=True)
    return status


def show_warnings(caught, lines=2):
    """The guard's warnings, a few lines each (it names every variable that moved)."""
    for warning in caught:
        text = str(warning.message).splitlines()
        if not text[0].startswith("FrozenWeightsGuard"):
            continue
        print("warning:", "\n  ".join(text[:lines]))
        if len(text) > lines:
            print(f"  ... {len(text) - lines} more line(s)")
    print()


def summarize(title, guard):
    report = guard.report
    print(f"--- {title}")
    print(f"guarded: {report['guarded']['variables']} variables, {report['guarded']['parameters']:,} parameters")
    for change in report["trainable_state_changes"]:
        print(f"trainable-state change: {change['change']} {change['layers']} -> effect on "
              f"{change['backend']}: {change['effect']}")
    print(f"violations: {len(report['violations'])}")
    for violation in report["violations"][:3]:
        print(f"  {violation['variable']}: changed by up to {violation['max_abs_change']:.3g} "
              f"(cause: {violation['cause']})")
    if len(report["violations"]) > 3:
        print(f"  ... and {len(report['violations']) - 3} more")
    print(flush=True)


def main() -> int:
    status = lint()
    if keras is None:
        print(
            "keras is not installed: the lint step above ran, the guard steps need Keras 3 and a "
            "backend (pip install 'keraslint[tensorflow]').",
            file=sys.stderr,
        )
        return 1
    from keraslint.callbacks import FrozenWeightsGuard  # pylint: disable=import-outside-toplevel

    images, labels = synthetic_images()
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}\n")

    guard = FrozenWeightsGuard(on_problem="warn")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            freeze_after_fit(images, labels, guard)
        except ValueError as error:  # the JAX backend refuses the stale optimizer outright
            print(f"fit() failed after the freeze: {error}\n")
    show_warnings(caught)
    summarize("freeze after fit(), no compile()", guard)

    guard = FrozenWeightsGuard(on_problem="raise")  # raise: this run must stay frozen
    the_right_way(images, labels, guard)
    summarize("the right way: freeze, training=False, compile, fit", guard)
    return 0 if (status & (1 | 32)) == 0 else status  # findings are expected; fatal or usage errors are not


if __name__ == "__main__":
    sys.exit(main())
