"""Account for every parameter of a Keras model: which layer and variable holds it,
why a non-trainable one is non-trainable, and what the counts reveal.

``explain(model)`` returns a :class:`ParameterReport`; ``str(report)`` is the text the
``keraslint explain`` command prints and ``report.to_dict()`` the plain data behind it.
The totals are Keras's own: ``model.count_params()`` and the trainable/non-trainable
split ``model.summary()`` prints. This module imports keras, so ``keraslint`` imports
it only when :func:`keraslint.explain` is called.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

import keras

from keraslint import keras_facts
from keraslint.parameter_report import (  # pylint: disable=unused-import  # the report types are part of this interface
    BATCHNORM_STATISTICS,
    BATCHNORM_WRONG_AXIS,
    BIAS_CANCELLED_BY_BATCHNORM,
    DENSE_AFTER_FLATTEN,
    FROZEN,
    NON_TRAINABLE_VARIABLE,
    UNBUILT_LAYERS,
    LayerParameters,
    NonTrainableCause,
    Note,
    ParameterReport,
    VariableParameters,
    causes_of,
    format_count,
    format_shape,
    format_sum,
)

# Layers without parameters that may sit between Flatten and the Dense it feeds.
_SHAPE_KEEPING_LAYERS = (
    keras.layers.Dropout,
    keras.layers.GaussianDropout,
    keras.layers.GaussianNoise,
    keras.layers.AlphaDropout,
    keras.layers.Activation,
)

# A Dense layer after Flatten holding more than this share of the model is worth a note.
_DENSE_AFTER_FLATTEN_SHARE = 0.5

# Stands for "leaves the model" in the producer/consumer graph.
_MODEL_OUTPUT = object()


class ModelNotBuiltError(ValueError):
    """The model has no weights yet, so there is nothing to count."""


def explain(model) -> ParameterReport:
    """Account for every parameter of a built Keras model (or layer).

    Raises TypeError for anything that is not a Keras layer and ModelNotBuiltError
    when the model has no weights yet.
    """
    if not isinstance(model, keras.layers.Layer):
        raise TypeError(f"explain() expects a Keras model, got {type(model).__name__}")
    if not model.built:
        raise ModelNotBuiltError(
            f"model '{model.name}' is not built, so it has no parameters yet: build it with "
            "model.build((None, *input_shape)), call it on data, or start it with keras.Input(shape=...)"
        )
    walked = walk_layers(model)
    trainable_ids = {id(v) for v in model.trainable_weights}
    # Every layer, as model.summary() lists them, but not the containers that own nothing themselves.
    listed = [w for w in walked if w.owned or not isinstance(w.layer, (keras.Model, keras.layers.InputLayer))]
    layers = tuple(_layer_parameters(w, trainable_ids) for w in listed)
    total = _count(model.weights)
    freezer_kinds = {w.freezer_path: "model" if isinstance(w.freezer, keras.Model) else "layer" for w in walked}
    return ParameterReport(
        model_name=model.name,
        model_class=type(model).__name__,
        dtype_policy=model.dtype_policy.name,
        total=total,
        trainable=_count(model.trainable_weights),
        non_trainable=_count(model.non_trainable_weights),
        layers=layers,
        causes=causes_of(layers, freezer_kinds, _held_statistics(walked)),
        notes=_notes(walked, total),
    )


@dataclass(frozen=True)
class WalkedLayer:
    """A layer found inside the model, with the variables it is the first to own.

    ``path`` is the model's name for the model itself and "/"-joined layer names
    below it ("base/conv1_bn"). ``owned`` pairs each variable with whether the layer
    created it non-trainable (as opposed to trainable and frozen later). ``freezer``
    is the outermost layer or model on the way down whose ``trainable`` is False, the
    layer itself included. The keraslint callbacks walk models with this too.
    """

    path: str
    layer: Any
    owned: tuple[tuple[Any, bool], ...]
    freezer: Any = None
    freezer_path: str | None = None


def walk_layers(model) -> list[WalkedLayer]:
    """``model`` and every layer inside it, in the order ``Layer.weights`` visits them:
    own variables first, then sub-layers. Each layer and variable appears once, so a
    shared layer is counted once, like ``model.summary()`` does."""
    walked: list[WalkedLayer] = []
    seen_layers: set[int] = set()
    seen_variables: set[int] = set()

    def visit(layer, path: str, prefix: str, freezer, freezer_path):
        seen_layers.add(id(layer))
        if freezer is None and not layer.trainable:
            freezer, freezer_path = layer, path
        walked.append(WalkedLayer(path, layer, _new_variables(layer, seen_variables), freezer, freezer_path))
        for child in layer._layers:  # pylint: disable=protected-access
            if id(child) not in seen_layers:
                child_path = prefix + child.name
                visit(child, child_path, child_path + "/", freezer, freezer_path)

    visit(model, model.name, "", None, None)
    return walked


def called_with_training_false(walked: list[WalkedLayer]) -> dict[int, str]:
    """The layers that a Sequential or functional model of the walk calls with
    ``training=False``, as ``{id(layer): path}``. Read from the models' own graph
    nodes, so a call made by some other model that shares the layer does not count."""
    paths = {id(w.layer): w.path for w in walked}
    called = {}
    for w in walked:
        # A Sequential keeps its graph in a Functional of its own.
        graph = getattr(w.layer, "_functional", None) or w.layer
        for nodes in getattr(graph, "_nodes_by_depth", {}).values():
            for node in nodes:
                if node.arguments.kwargs.get("training") is False and id(node.operation) in paths:
                    called.setdefault(id(node.operation), paths[id(node.operation)])
    return called


def inference_callers(walked: list[WalkedLayer]) -> dict[str, str]:
    """For every layer below the model that runs with ``training=False``, the path of
    the nearest enclosing layer (itself included) a model's graph calls so."""
    called = called_with_training_false(walked)
    callers: dict[str, str] = {}
    for entry in walked[1:]:  # paths below the model itself
        caller = entry.path if id(entry.layer) in called else callers.get(entry.path.rpartition("/")[0])
        if caller:
            callers[entry.path] = caller
    return callers


def _held_statistics(walked: list[WalkedLayer]) -> dict[str, str]:
    """Why fit() leaves a BatchNormalization layer's moving statistics as they are,
    by layer path: a frozen layer and one called with training=False run in
    inference mode in fit() too."""
    callers = inference_callers(walked)
    held = {}
    for entry in walked:
        if isinstance(entry.layer, keras.layers.BatchNormalization):
            if entry.freezer is not None:
                held[entry.path] = f"frozen by '{entry.freezer_path}'"
            elif entry.path in callers:
                held[entry.path] = f"called with training=False through '{callers[entry.path]}'"
    return held


def _new_variables(layer, seen_variables: set[int]) -> tuple[tuple[Any, bool], ...]:
    owned = []
    # pylint: disable=protected-access
    lists = ((False, layer._trainable_variables), (True, layer._non_trainable_variables))
    for created_non_trainable, variables in lists:
        for variable in variables:
            if id(variable) not in seen_variables:
                seen_variables.add(id(variable))
                owned.append((variable, created_non_trainable))
    return tuple(owned)


def _count(variables) -> int:
    return sum(math.prod(v.shape) for v in variables)


def _layer_parameters(walked: WalkedLayer, trainable_ids: set[int]) -> LayerParameters:
    # Trainability comes from model.trainable_weights, so the report always agrees
    # with Keras; the walk only says who owns each variable and why.
    variables = []
    for variable, created_non_trainable in walked.owned:
        trainable = id(variable) in trainable_ids
        cause = None if trainable else _cause(walked, variable, created_non_trainable)
        variables.append(
            VariableParameters(
                name=variable.name,
                shape=tuple(int(d) for d in variable.shape),
                count=math.prod(variable.shape),
                dtype=str(variable.dtype),
                trainable=trainable,
                cause=cause,
                frozen_by=walked.freezer_path if cause == FROZEN else None,
            )
        )
    return LayerParameters(walked.path, type(walked.layer).__name__, tuple(variables), _output_shape(walked.layer))


def _output_shape(layer) -> tuple | None:
    """The shape of the layer's output in the model's graph; None for a layer called
    several times, one inside a subclassed model, or one with several outputs."""
    try:
        shape = layer.output.shape
    except (AttributeError, ValueError, RuntimeError):
        return None
    return tuple(None if d is None else int(d) for d in shape)


def _cause(walked: WalkedLayer, variable, created_non_trainable: bool) -> str:
    if created_non_trainable:
        is_statistic = variable.name in ("moving_mean", "moving_variance")
        if is_statistic and isinstance(walked.layer, keras.layers.BatchNormalization):
            return BATCHNORM_STATISTICS
        return NON_TRAINABLE_VARIABLE
    return FROZEN if walked.freezer is not None else NON_TRAINABLE_VARIABLE


def _notes(walked: list[WalkedLayer], total: int) -> tuple[Note, ...]:
    producers, consumers = _graph(walked)
    return (
        *_wrong_axis_notes(walked, producers),
        *_bias_cancelled_notes(walked, producers, consumers),
        *_dense_after_flatten_notes(walked, producers, total),
        *_unbuilt_notes(walked),
    )


def _graph(walked: list[WalkedLayer]) -> tuple[dict[int, list], dict[int, list]]:
    """Which layers feed each layer and which layers each feeds, keyed by ``id(layer)``,
    merged over every Sequential and functional model in the walk; a model output
    counts as a consumer (``_MODEL_OUTPUT``)."""
    producers: dict[int, list] = defaultdict(list)
    consumers: dict[int, list] = defaultdict(list)
    for w in walked:
        for producer, consumer in _edges(w.layer):
            producers[id(consumer)].append(producer)
            consumers[id(producer)].append(consumer)
    return producers, consumers


def _edges(container) -> list[tuple[Any, Any]]:
    """(producer, consumer) pairs between the direct layers of a Sequential or
    functional model; none for a subclassed model, whose call() is plain Python."""
    if isinstance(container, keras.Sequential):
        chain = container.layers
        return list(zip(chain, [*chain[1:], _MODEL_OUTPUT]))
    nodes_by_depth = getattr(container, "_nodes_by_depth", None)
    if nodes_by_depth is None:
        return []
    # pylint: disable=protected-access
    edges = [
        (tensor._keras_history.operation, node.operation)
        for nodes in nodes_by_depth.values()
        for node in nodes
        for tensor in node.input_tensors
    ]
    edges += [(tensor._keras_history.operation, _MODEL_OUTPUT) for tensor in container.outputs]
    return edges


def _input_shape(layer) -> tuple | None:
    """The input shape ``layer`` was built for, when it was built for a single input."""
    shapes = layer._build_shapes_dict  # pylint: disable=protected-access
    if not shapes or len(shapes) != 1:
        return None
    shape = next(iter(shapes.values()))
    return tuple(shape) if isinstance(shape, (tuple, list)) else None


def _channel_axis(layer, rank: int, producers: dict[int, list]) -> int:
    """The channels axis of ``layer``'s input: the last, unless what feeds it (or,
    with no graph to read, Keras's image_data_format) says channels_first."""
    data_format = next(
        (p.data_format for p in producers.get(id(layer), ()) if getattr(p, "data_format", None)),
        keras.config.image_data_format(),
    )
    return keras_facts.channel_axis(rank, data_format)


def _wrong_axis_notes(walked: list[WalkedLayer], producers) -> Iterator[Note]:
    for w in walked:
        shape = _input_shape(w.layer) if isinstance(w.layer, keras.layers.BatchNormalization) else None
        if not shape:
            continue
        channel_axis = _channel_axis(w.layer, len(shape), producers)
        channels = shape[channel_axis]
        # One vector per channel each: gamma (scale=True), beta (center=True), moving mean and variance.
        vectors = len(w.layer.weights)
        actual = _count(w.layer.weights)
        if channels is None or actual == vectors * channels:
            continue
        suggested_axis = -1 if channel_axis == len(shape) - 1 else channel_axis
        yield Note(
            BATCHNORM_WRONG_AXIS,
            f"{w.path} (BatchNormalization) has {format_count(actual)} parameters where {vectors} x {format_count(channels)} = "
            f"{format_count(vectors * channels)} fit the {format_count(channels)} channels of its input {format_shape(shape)}: "
            f"axis={w.layer.axis} normalizes a dimension of size {format_count(shape[w.layer.axis])}, not the channels; "
            f"use axis={suggested_axis}",
            (w.path,),
            actual,
        )


def _bias_cancelled_notes(walked: list[WalkedLayer], producers, consumers) -> Iterator[Note]:
    cancelled = {}
    for w in walked:
        bias = sum(math.prod(v.shape) for v, _ in w.owned if v.name == "bias")
        activation = getattr(getattr(w.layer, "activation", None), "__name__", None)
        if (
            bias
            and getattr(w.layer, "use_bias", False)
            and activation == "linear"
            and _feeds_only_batchnorm(w.layer, producers, consumers)
        ):
            cancelled[w.path] = bias
    if cancelled:
        counts = list(cancelled.values())
        yield Note(
            BIAS_CANCELLED_BY_BATCHNORM,
            f"{', '.join(cancelled)} {'feeds' if len(cancelled) == 1 else 'feed'} a BatchNormalization with no "
            "activation in between (directly or through pooling, cropping or upsampling), and BatchNormalization subtracts "
            f"the per-channel mean, so the bias has no effect: {format_sum(counts)}"
            f"{f' = {format_count(sum(counts))}' if len(counts) > 1 else ''} parameters could be dropped with use_bias=False",
            tuple(cancelled),
            sum(counts),
        )


def _feeds_only_batchnorm(layer, producers, consumers) -> bool:
    """Whether every path out of ``layer`` reaches a BatchNormalization over the
    channels, passing only through layers that keep a per-channel constant."""
    following = consumers.get(id(layer))
    if not following:
        return False
    for consumer in following:
        if isinstance(consumer, keras.layers.BatchNormalization):
            shape = _input_shape(consumer)
            if not shape or consumer.axis % len(shape) != _channel_axis(consumer, len(shape), producers):
                return False
        elif not (
            type(consumer).__name__ in keras_facts.COMMUTES_WITH_CHANNEL_SHIFT
            and _feeds_only_batchnorm(consumer, producers, consumers)
        ):
            return False
    return True


def _dense_after_flatten_notes(walked: list[WalkedLayer], producers, total: int) -> Iterator[Note]:
    for w in walked:
        if not isinstance(w.layer, keras.layers.Dense) or not w.layer.built:
            continue
        if not _follows_flatten(w.layer, producers):
            continue
        params = _count(w.layer.weights)
        if params <= _DENSE_AFTER_FLATTEN_SHARE * total:
            continue
        inputs, units = w.layer.kernel.shape
        biases = f" + {format_count(units)} biases" if w.layer.use_bias else ""
        yield Note(
            DENSE_AFTER_FLATTEN,
            f"{w.path} (Dense) after Flatten holds {format_count(params)} of the model's {format_count(total)} parameters "
            f"({params / total:.1%}): {format_count(inputs)} flattened inputs x {format_count(units)} units{biases}; global average "
            "pooling instead of Flatten, or more pooling before it, cuts this to a fraction",
            (w.path,),
            params,
        )


def _follows_flatten(layer, producers) -> bool:
    """Whether ``layer`` takes Flatten's output, directly or through dropout or an activation."""
    return any(
        isinstance(producer, keras.layers.Flatten)
        or isinstance(producer, _SHAPE_KEEPING_LAYERS) and _follows_flatten(producer, producers)
        for producer in producers.get(id(layer), ())
    )


def _unbuilt_notes(walked: list[WalkedLayer]) -> Iterator[Note]:
    unbuilt = [w.path for w in walked if not w.layer.built]
    if unbuilt:
        one = len(unbuilt) == 1
        yield Note(
            UNBUILT_LAYERS,
            f"{', '.join(unbuilt)} {'is' if one else 'are'} not built, so {'its' if one else 'their'} parameters "
            "are counted neither here nor by model.summary(): call the model on data to build every layer",
            tuple(unbuilt),
            0,
        )


