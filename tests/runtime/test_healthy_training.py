"""Correct code stays silent: the transfer-learning recipe done right and a CNN trained
from scratch long enough for its BatchNormalization statistics to converge give no
warning from either callback, on whichever backend KERAS_BACKEND selects."""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pytest
from keras import layers

from keraslint.callbacks import BatchNormMonitor, FrozenWeightsGuard

BACKEND = keras.backend.backend()


@pytest.fixture(autouse=True)
def _seeded():
    keras.utils.set_random_seed(0)


def learnable_images(n, classes, seed):
    """Images whose class sets which quadrant is bright: learnable in a few epochs."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, size=n)
    images = rng.normal(size=(n, 16, 16, 3)).astype("float32") * 0.5
    for quadrant in range(classes):
        row, col = divmod(quadrant % 4, 2)
        images[labels == quadrant, row * 8:row * 8 + 8, col * 8:col * 8 + 8, :] += 1.5
    return images, labels


def conv_base(momentum):
    inputs = keras.Input((16, 16, 3))
    x = inputs
    for i, filters in enumerate((8, 16)):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"conv{i}")(x)
        x = layers.BatchNormalization(momentum=momentum, name=f"bn{i}")(x)
        x = layers.ReLU()(x)
        x = layers.MaxPooling2D()(x)
    return keras.Model(inputs, layers.GlobalAveragePooling2D()(x), name="base")


def fit_silently(model, x, y, callbacks, **kwargs):
    """Fit; return the warnings the callbacks gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(x, y, verbose=0, callbacks=callbacks, **kwargs)
    ours = [str(w.message) for w in caught
            if any(name in str(w.message) for name in ("FrozenWeightsGuard", "BatchNormMonitor", "bn-"))]
    return history, ours


def pretrained_base():
    """A base trained with its head on task A, long enough for its
    BatchNormalization statistics to settle."""
    x_a, y_a = learnable_images(256, 4, seed=1)
    base = conv_base(momentum=0.9)
    pretraining = keras.Sequential([base, layers.Dense(4)])
    pretraining.compile(keras.optimizers.Adam(1e-2), keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    pretraining.fit(x_a, y_a, epochs=6, batch_size=32, verbose=0)
    return base


def probed(monitor):
    return all(r["mean_shift"][-1] is not None for r in monitor.history["epoch_end"]["layers"].values())


def test_transfer_learning_recipe_done_right_is_silent():
    base = pretrained_base()

    # Task B, same kind of images: freeze the base, call it with training=False,
    # train a new head.
    x_b, y_b = learnable_images(128, 2, seed=2)
    base.trainable = False
    inputs = keras.Input((16, 16, 3))
    outputs = layers.Dense(2, name="head")(base(inputs, training=False))
    model = keras.Model(inputs, outputs)
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(keras.optimizers.Adam(1e-2), loss, metrics=["accuracy"])
    guard, monitor = FrozenWeightsGuard(every=2), BatchNormMonitor(probe_data=x_b[:64], every=4)
    _, head_phase = fit_silently(model, x_b, y_b, [guard, monitor], epochs=3, batch_size=16)
    assert head_phase == []
    assert guard.report["guarded"]["variables"] == len(base.weights)
    assert guard.report["violations"] == [] and monitor.report["problem_count"] == 0
    assert probed(monitor)

    # Fine-tune: unfreeze the base but keep its BatchNormalization layers frozen (in
    # inference mode), recompile with a low learning rate.
    base.trainable = True
    for layer in base.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.trainable = False
    model.compile(keras.optimizers.Adam(1e-4), loss, metrics=["accuracy"])
    guard, monitor = FrozenWeightsGuard(every=2), BatchNormMonitor(probe_data=x_b[:64], every=4)
    history, fine_tune_phase = fit_silently(model, x_b, y_b, [guard, monitor], epochs=3, batch_size=16)
    assert fine_tune_phase == []
    assert guard.report["trainable_state_changes"] == [] and guard.report["violations"] == []
    assert guard.report["unmoved_trainable"] == []
    assert monitor.report["problem_count"] == 0
    assert {info["mode"] for info in monitor.report["layers"].values()} == {"frozen"}
    assert probed(monitor)
    assert history.history["accuracy"][-1] > 0.9


def test_frozen_base_fed_data_at_another_scale_is_an_input_mismatch_not_a_fit_evaluate_gap():
    base = pretrained_base()
    base.trainable = False
    x_b, y_b = learnable_images(128, 2, seed=2)
    x_b = x_b * 40 + 120  # as 0-255 pixels into a base trained on data near [-1, 2]
    inputs = keras.Input((16, 16, 3))
    model = keras.Model(inputs, layers.Dense(2)(base(inputs, training=False)))
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    monitor = BatchNormMonitor(probe_data=x_b[:64])
    _, given = fit_silently(model, x_b, y_b, [monitor], epochs=2, batch_size=16)
    (finding,) = monitor.report["diagnoses"]["bn-input-mismatch"]
    assert set(finding["details"]["layers"]) == {"base/bn0", "base/bn1"}
    assert monitor.report["diagnoses"]["bn-train-inference-gap"] == []
    assert "preprocess_input" in finding["message"] and "fit() and evaluate() alike" in finding["message"]
    assert "This is why a model can score well" not in finding["message"]
    assert [m for m in given if "bn-input-mismatch" in m] == [f"BatchNormMonitor: {finding['message']}"]


def test_cnn_trained_from_scratch_until_its_statistics_converge_is_silent():
    x, y = learnable_images(256, 4, seed=3)
    inputs = keras.Input((16, 16, 3))
    features = conv_base(momentum=0.9)(inputs)
    model = keras.Model(inputs, layers.Dense(4)(features))
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    guard, monitor = FrozenWeightsGuard(), BatchNormMonitor(probe_data=x[:128], every=8)
    history, given = fit_silently(model, x, y, [guard, monitor], epochs=8, batch_size=32)
    assert given == []
    assert monitor.report["problem_count"] == 0 and guard.report["unmoved_trainable"] == []
    assert {info["mode"] for info in monitor.report["layers"].values()} == {"training"}
    assert probed(monitor)
    assert history.history["accuracy"][-1] > 0.9
