"""Proof that ``keraslint fix`` keeps the model: each fix case is built with Keras
before and after the fix (the ``fix_cases`` files, as ``keraslint fix`` leaves them),
the weights of the original copied into the fixed model, and both run on the same input.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

keras = pytest.importorskip("keras")

CASES_DIR = Path(__file__).parent / "fix_cases"
RNG = np.random.default_rng(0)


def build(case: str, fixed: bool) -> dict:
    """The names the case file defines, after running it."""
    path = CASES_DIR / (f"{case}.fixed.py" if fixed else f"{case}.py")
    namespace: dict = {"__name__": f"case_{case}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # pylint: disable=exec-used
    return namespace


def weighted_layers(model) -> list:
    return [layer for layer in model._flatten_layers(include_self=False) if layer.weights]  # pylint: disable=protected-access


def _short(variable) -> str:
    return variable.path.split("/")[-1]


def randomize_and_copy(before, after) -> int:
    """Random weights (biases too, so a surviving bias would show) in ``before``, copied
    into ``after`` variable by variable; returns the size of the biases ``after`` lacks."""
    dropped = 0
    pairs = list(zip(weighted_layers(before), weighted_layers(after), strict=True))
    for old, new in pairs:
        assert type(old) is type(new)
        for variable in old.weights:
            variable.assign(RNG.normal(size=variable.shape).astype(variable.dtype) * 0.5 + (1.0 if "variance" in variable.path else 0.0))
        by_name = {_short(v): v for v in old.weights}
        for variable in new.weights:
            if variable.shape == by_name[_short(variable)].shape:
                variable.assign(by_name[_short(variable)])
        missing = set(by_name) - {_short(v) for v in new.weights}
        assert missing <= {"bias"}, missing
        dropped += sum(int(np.prod(by_name[name].shape)) for name in missing)
    return dropped


def layer_kinds(model) -> list[str]:
    return [type(layer).__name__ for layer in model._flatten_layers(include_self=False)]  # pylint: disable=protected-access


def sample(model) -> list:
    return [RNG.normal(size=(4, *tensor.shape[1:])).astype("float32") for tensor in model.inputs]


def outputs(model, inputs, training: bool) -> list[np.ndarray]:
    result = model(inputs if len(inputs) > 1 else inputs[0], training=training)
    return [keras.ops.convert_to_numpy(t) for t in (result if isinstance(result, (list, tuple)) else [result])]


def assert_same_outputs(before, after, training: bool) -> None:
    inputs = sample(before)
    for old, new in zip(outputs(before, inputs, training), outputs(after, inputs, training), strict=True):
        assert old.shape == new.shape
        np.testing.assert_allclose(new, old, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(
    ("case", "name"),
    [("bias_before_batchnorm", "model"), ("bias_before_batchnorm", "residual"), ("bias_helpers", "model")],
)
def test_use_bias_false_drops_exactly_the_biases_and_keeps_the_training_outputs(case, name):
    before, after = build(case, False)[name], build(case, True)[name]
    if name == "residual":
        before, after = before(False), after(False)
    assert layer_kinds(after) == layer_kinds(before)
    dropped = randomize_and_copy(before, after)
    assert dropped > 0
    assert before.count_params() - after.count_params() == dropped
    # BatchNormalization in training mode subtracts the batch mean: the bias, whatever its value, is gone.
    assert_same_outputs(before, after, training=True)


def test_batchnorm_axis_fix_normalizes_the_channels():
    for name, channels in (("model", 8), ("first", 8), ("projected", 8)):
        before, after = build("batchnorm_wrong_axis", False)[name], build("batchnorm_wrong_axis", True)[name]
        assert layer_kinds(after) == layer_kinds(before)
        assert after.output_shape == before.output_shape
        norms = [layer for layer in after.layers if isinstance(layer, keras.layers.BatchNormalization)]
        assert norms and all(tuple(layer.gamma.shape) == (channels,) for layer in norms)
        assert any(tuple(layer.gamma.shape) != (channels,) for layer in before.layers if isinstance(layer, keras.layers.BatchNormalization))
        # Per-channel statistics: every channel of the training-mode output has mean 0 over batch and space.
        x = sample(after)[0]
        y = keras.ops.convert_to_numpy(after(x, training=True))
        channel_axis = 1 if name == "first" else -1
        axes = tuple(i for i in range(y.ndim) if i != channel_axis % y.ndim)
        pre_relu = keras.ops.convert_to_numpy(keras.Sequential(after.layers[:-1])(x, training=True))
        np.testing.assert_allclose(pre_relu.mean(axis=axes), 0.0, atol=1e-4)
        assert y.shape == keras.ops.convert_to_numpy(before(x, training=True)).shape


@pytest.mark.parametrize(("name", "removed_count"), [("model", 1), ("functional", 2), ("added", 1), ("tail", 1)])
def test_removing_the_second_relu_keeps_the_outputs(name, removed_count):
    before, after = build("redundant_activation", False)[name], build("redundant_activation", True)[name]
    removed = [kind for kind in layer_kinds(before) if kind in ("ReLU", "Activation")]
    kept = [kind for kind in layer_kinds(after) if kind in ("ReLU", "Activation")]
    assert len(kept) == len(removed) - removed_count
    assert [k for k in layer_kinds(after) if k not in ("ReLU", "Activation")] == [
        k for k in layer_kinds(before) if k not in ("ReLU", "Activation")
    ]
    randomize_and_copy(before, after)
    assert after.count_params() == before.count_params()
    assert_same_outputs(before, after, training=False)


def test_training_false_keeps_the_layers_and_outputs():
    before_ns, after_ns = build("frozen_base_training_mode", False), build("frozen_base_training_mode", True)
    before, after = before_ns["model"], after_ns["model"]
    assert layer_kinds(after) == layer_kinds(before)
    randomize_and_copy(before, after)
    assert after.count_params() == before.count_params()
    assert_same_outputs(before, after, training=False)
    # (What training=False then changes, Keras 3 leaves to the caller: an outer model called with
    # training=True, as fit() does, overrides it; the rule's page says so.)


def test_from_logits_false_keeps_the_outputs_and_computes_the_matching_loss():
    before, after = build("softmax_with_from_logits", False)["model"], build("softmax_with_from_logits", True)["model"]
    assert layer_kinds(after) == layer_kinds(before)
    randomize_and_copy(before, after)
    assert_same_outputs(before, after, training=False)
    assert before.loss.from_logits is True and after.loss.from_logits is False
    x = sample(after)[0]
    labels = np.array([0, 1, 2, 1])
    probabilities = keras.ops.convert_to_numpy(after(x))
    expected = -np.log(probabilities[np.arange(4), labels]).mean()
    np.testing.assert_allclose(keras.ops.convert_to_numpy(after.loss(labels, probabilities)), expected, rtol=1e-5)
    # The old loss applied softmax to probabilities: another number.
    assert abs(float(before.loss(labels, probabilities)) - expected) > 1e-3
