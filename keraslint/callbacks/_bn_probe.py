"""The BatchNormMonitor's probe: ``probe_data`` checked against the model's inputs,
and the forward passes that compare batch statistics with moving statistics and
the model's output in training mode with inference mode."""

from __future__ import annotations

import weakref
from typing import Any, Callable

import keras
import numpy as np
from keras import ops

from keraslint.callbacks._common import KeraslintCallbackError

# The output gap is an average over samples and outputs: a few dozen samples
# estimate it well, and the inference pass over them costs little.
OUTPUT_GAP_SAMPLES = 32


class ProbeDataError(KeraslintCallbackError, ValueError):
    """`probe_data` that the model cannot take: the user's error, raised as
    training begins (the never-crash guard lets it through)."""


def as_inputs(probe_data):
    """Nested Python lists of numbers are one array, as `model(x)` reads them;
    lists of arrays stay lists (one per model input)."""
    if isinstance(probe_data, (list, tuple)) and not any(
        hasattr(item, "shape") or isinstance(item, dict) for item in probe_data
    ):
        return np.asarray(probe_data)
    return probe_data


def describe(structure) -> str:
    """Shapes of ``structure`` as the user wrote it: one shape, a list or a dict of them."""
    if isinstance(structure, dict):
        return "{" + ", ".join(f"{k!r}: {describe(v)}" for k, v in structure.items()) + "}"
    if isinstance(structure, (list, tuple)):
        return "[" + ", ".join(describe(item) for item in structure) + "]"
    shape = structure.shape if hasattr(structure, "shape") else np.shape(structure)
    return str(tuple(None if d is None else int(d) for d in shape))


def check_samples(probe_data) -> None:
    first = keras.tree.flatten(probe_data)[0] if probe_data is not None else None
    if first is not None and (not np.shape(first) or np.shape(first)[0] < 2):
        raise ValueError(
            "`probe_data` needs at least 2 samples for batch statistics; received "
            f"probe_data of shape {describe(probe_data)}"
        )


def check_against_model(model, probe_data) -> None:
    """Raise a one-line ProbeDataError when ``probe_data`` does not fit the inputs
    of a functional or Sequential model (structure, rank, known dims, dtype).
    A subclassed model declares no inputs: nothing to check."""
    # A Sequential keeps its graph in a Functional of its own.
    specs = getattr(getattr(model, "_functional", None) or model, "_inputs_struct", None)
    if specs is None:
        return
    expected = describe(specs)
    received = describe(probe_data)

    def fail(why: str):
        raise ProbeDataError(
            f"BatchNormMonitor: probe_data of shape {received} does not fit the inputs of model "
            f"'{model.name}', of shape {expected}: {why}."
        )

    try:
        keras.tree.assert_same_structure(specs, probe_data)
    except (ValueError, TypeError):
        flat_specs, flat_data = keras.tree.flatten(specs), keras.tree.flatten(probe_data)
        if len(flat_specs) == 1 and len(flat_data) == 1:
            specs, probe_data = flat_specs[0], flat_data[0]  # [x] for a single input, and the like
        else:
            fail(f"the model takes {len(flat_specs)} input(s), probe_data has {len(flat_data)}")
    for spec, data in zip(keras.tree.flatten(specs), keras.tree.flatten(probe_data)):
        shape = tuple(np.shape(data))
        if len(shape) != len(spec.shape):
            fail(f"rank {len(shape)} where the model expects rank {len(spec.shape)}")
        for axis, (want, got) in enumerate(zip(spec.shape[1:], shape[1:]), start=1):
            if want is not None and want != got:
                fail(f"axis {axis} has size {got} where the model expects {want}")
        dtype = np.dtype(keras.backend.standardize_dtype(getattr(data, "dtype", np.asarray(data).dtype)))
        if not (np.issubdtype(dtype, np.number) or dtype == np.bool_):
            fail(f"dtype {dtype} is not numeric")


class PatchedCalls:
    """Temporarily replaces ``call`` on layer instances (never on their class), so
    that the monitor can see a BatchNormalization's inputs without touching the
    model's structure or any other instance."""

    def __init__(self, layers, make_call: Callable[[Any, Callable], Callable]):
        # An instance-level call set by someone else is put back on removal.
        self._replaced = [(layer, vars(layer).get("call")) for layer in layers]
        for layer in layers:
            # object.__setattr__ skips Keras and torch attribute tracking.
            object.__setattr__(layer, "call", make_call(layer, layer.call))

    def remove(self):
        for layer, previous in self._replaced:
            if previous is None:
                vars(layer).pop("call", None)
            else:
                object.__setattr__(layer, "call", previous)
        self._replaced = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def _normalized_axes(layer, rank: int) -> tuple[int, list[int]]:
    axis = layer.axis % rank
    return axis, [i for i in range(rank) if i != axis]


# Compiled probe passes by model, then by what they bake in (the watched layers,
# their trainable flags, which variables train, the probe's shapes and dtypes): a new monitor, or a new
# fit(), on the same model reuses them instead of compiling again (seconds for a
# ResNet50 on JAX, and a heap of traced objects each time).
_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _compiled(passes, inference_call, model, monitored, head, probe) -> Callable[[], tuple]:
    """The probe's passes compiled (a graph on TensorFlow, XLA on JAX) and bound to
    their inputs; JAX reads the model's current variables at each call."""
    head, probe = keras.tree.map_structure(ops.convert_to_tensor, (head, probe))
    key = (
        tuple((m.path, m.layer.trainable) for m in monitored),
        tuple(id(v) for v in model.trainable_variables),
        tuple((tuple(t.shape), str(t.dtype)) for t in keras.tree.flatten((head, probe))),
    )
    by_key = _COMPILED.setdefault(model, {})
    if key not in by_key:
        if len(by_key) >= 8:
            by_key.clear()
        by_key[key] = _compile(passes, inference_call, model, head, probe)
    run = by_key[key]
    if keras.backend.backend() == "tensorflow":
        return lambda: run(head, probe)

    def variables():
        return [v.value for v in model.trainable_variables], [v.value for v in model.non_trainable_variables]

    return lambda: run(*variables(), head, probe)


def _compile(passes, inference_call, model, head, probe) -> Callable:
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        return tf.function(lambda h, p: passes(inference_call, h, p)).get_concrete_function(head, probe)
    import jax

    def stateless(trainable, non_trainable, head, probe):
        def call(x):
            return model.stateless_call(trainable, non_trainable, x, training=False)[0]

        return passes(call, head, probe)

    trainable = [v.value for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]
    return jax.jit(stateless).lower(trainable, non_trainable, head, probe).compile()


def forward_passes(model, monitored, probe_data, compiled: bool) -> Callable[[], tuple]:
    """The probe's forward passes, with dropout and the like in inference mode:
    one over the first samples of probe_data as evaluate() does (moving
    statistics), for the output gap; one over all of probe_data running
    BatchNormalization as fit() does (batch statistics, computed here without
    touching the moving statistics). The function returned gives both outputs
    and each layer's batch mean and variance. ``compiled``: compile them
    (TensorFlow and JAX), falling back to eager for a model whose inference path
    runs only eagerly."""
    head = keras.tree.map_structure(lambda t: t[:OUTPUT_GAP_SAMPLES], probe_data)

    def batch_statistics_call(layer, original, moments, path):
        def call(inputs, *args, **kwargs):
            x = ops.cast(inputs, "float32")
            axis, reduce_axes = _normalized_axes(layer, len(x.shape))
            mean, var = ops.moments(x, axes=reduce_axes)
            moments.setdefault(path, (mean, var))
            if not layer.trainable:  # frozen layers run in inference mode in fit() too
                return original(inputs, *args, **kwargs)
            outputs = ops.batch_normalization(
                x, mean, var, axis=axis,
                offset=None if layer.beta is None else ops.cast(layer.beta, "float32"),
                scale=None if layer.gamma is None else ops.cast(layer.gamma, "float32"),
                epsilon=layer.epsilon,
            )
            return ops.cast(outputs, layer.compute_dtype)

        return call

    def passes(call, head, probe):
        moments: dict[str, tuple] = {}
        paths = {id(m.layer): m.path for m in monitored}
        inference = keras.tree.flatten(call(head))
        with PatchedCalls(
            [m.layer for m in monitored],
            lambda layer, original: batch_statistics_call(layer, original, moments, paths[id(layer)]),
        ):
            training = keras.tree.flatten(call(probe))
        return inference, training, moments

    def inference_call(x):
        return model(x, training=False)

    def eager():
        return passes(inference_call, head, probe_data)

    if not compiled:
        return eager
    try:
        return _compiled(passes, inference_call, model, monitored, head, probe_data)
    except Exception:  # pylint: disable=broad-exception-caught  # a model whose inference path runs only eagerly
        return eager


def measure(forward, monitored) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Run the passes; return the output gap and each layer's batch mean and
    variance, in one host transfer."""
    inference_outputs, training_outputs, moments = forward()
    head = int(inference_outputs[0].shape[0])
    training_outputs = [t[:head] for t in training_outputs]
    watched = [m for m in monitored if m.path in moments]
    flat = [ops.reshape(ops.cast(t, "float32"), (-1,)) for t in (*inference_outputs, *training_outputs)]
    flat += [ops.cast(t, "float32") for m in watched for t in moments[m.path]]
    values = ops.convert_to_numpy(ops.concatenate(flat))
    parts = np.split(values, np.cumsum([int(np.prod(t.shape)) for t in flat])[:-1])
    count = len(inference_outputs)
    inference = np.concatenate(parts[:count])
    training = np.concatenate(parts[count:2 * count])
    output_gap = float(np.mean(np.abs(training - inference)) / (np.mean(np.abs(inference)) + 1e-7))
    batch_moments = {
        m.path: (parts[2 * count + 2 * i], parts[2 * count + 2 * i + 1]) for i, m in enumerate(watched)
    }
    return output_gap, batch_moments
