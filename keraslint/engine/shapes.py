"""Static shapes: the output shape and the variables of one layer application, keras-free.

A shape is a tuple with the batch axis first. Each dimension is an ``int``, ``None``
where Keras itself says ``None`` (the batch axis, a variable-length sequence) or
``UNKNOWN`` where the engine could not follow the code; a shape of unknown rank is
``None``. Nothing here guesses: an input, a configuration value or a layer kind the
module does not know gives ``UNKNOWN`` dimensions or unknown variables, with the
reason, and the accounting built on it then says "at least".

The arithmetic is Keras 3's (``compute_output_shape`` and ``build`` of each layer);
``tests/static/test_shapes_differential.py`` compares it with Keras layer by layer.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Callable

from keraslint.engine import names
from keraslint.engine.graph import UNKNOWN, Layer

Shape = tuple  # of int | None | UNKNOWN, batch axis first


@dataclasses.dataclass(frozen=True)
class Variable:
    """One weight a layer creates: its Keras name, shape and whether it is created trainable
    (a frozen layer's variables are trainable ones the optimizer skips: that is the accounting's business)."""

    name: str
    shape: tuple
    trainable: bool = True

    @property
    def count(self) -> Any:
        """The number of parameters, or UNKNOWN when a dimension is."""
        if any(not _is_int(d) for d in self.shape):
            return UNKNOWN
        return math.prod(self.shape)


@dataclasses.dataclass(frozen=True)
class LayerShapes:
    """What one application of a layer produces, as far as the code states it."""

    output: Shape | None = None  # None: even the rank is unknown
    variables: tuple | None = ()  # None: which variables the layer has is unknown
    data_format: Any = None  # "channels_last" / "channels_first" for layers that have one
    channel_axis: int | None = None  # non-negative channel axis of the output, where known
    reason: str | None = None  # why something is unknown

    @property
    def rank(self) -> int | None:
        return None if self.output is None else len(self.output)

    @property
    def parameters(self) -> Any:
        """Total parameters, or UNKNOWN."""
        if self.variables is None or any(v.count is UNKNOWN for v in self.variables):
            return UNKNOWN
        return sum(v.count for v in self.variables)


UNKNOWN_LAYER = LayerShapes(output=None, variables=None, reason="not followed")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)








def from_input(config: dict) -> Shape | None:
    """The shape of ``keras.Input(shape=...)`` / ``batch_shape=...`` (batch axis added)."""
    batch_shape = config.get("batch_shape")
    if isinstance(batch_shape, tuple):
        return tuple(_dim(d) for d in batch_shape)
    shape = config.get("shape")
    if _is_int(shape):
        shape = (shape,)
    if isinstance(shape, tuple):
        return (None, *(_dim(d) for d in shape))
    return None


def _dim(value: Any) -> Any:
    return value if value is None or (_is_int(value) and value >= 0) else UNKNOWN


# ---------------------------------------------------------------- arithmetic helpers
def _tuple(value: Any, n: int) -> tuple | None:
    """An int or an n-tuple of ints as an n-tuple; None when the code does not state it."""
    if _is_int(value):
        return (value,) * n
    if isinstance(value, (tuple, list)) and len(value) == n and all(_is_int(v) for v in value):
        return tuple(value)
    return None


def _conv_length(size: Any, kernel: int, stride: int, padding: str, dilation: int = 1) -> Any:
    if size is None:
        return None
    if not _is_int(size):
        return UNKNOWN
    if padding in ("same", "causal"):
        return -(-size // stride)
    effective = (kernel - 1) * dilation + 1
    length = (size - effective) // stride + 1
    return length if length > 0 else UNKNOWN  # Keras refuses the model: no number to give


def _transpose_length(size: Any, kernel: int, stride: int, padding: str, dilation: int) -> Any:
    if size is None:
        return None
    if not _is_int(size):
        return UNKNOWN
    kernel = (kernel - 1) * dilation + 1
    return size * stride + (max(kernel - stride, 0) if padding == "valid" else 0)


def _split(shape: Shape, n: int, data_format: str) -> tuple[tuple, Any]:
    """(spatial dims, channels) of a rank n+2 shape."""
    if data_format == "channels_first":
        return tuple(shape[2:]), shape[1]
    return tuple(shape[1:-1]), shape[-1]


def _join(batch: Any, spatial: tuple, channels: Any, data_format: str) -> Shape:
    if data_format == "channels_first":
        return (batch, channels, *spatial)
    return (batch, *spatial, channels)


def _spatial_rank(kind: str) -> int | None:
    for n in (1, 2, 3):
        if kind.endswith((f"{n}D", f"{n}DTranspose")):
            return n
    return None


def _padding(layer: Layer) -> Any:
    padding = layer.get("padding", "valid")
    return padding.lower() if isinstance(padding, str) else UNKNOWN


class _Unknown(Exception):
    """Raised inside a rule of inference: the reason the result is unknown."""


def _require(value: Any, what: str) -> Any:
    if value is None or value is UNKNOWN:
        raise _Unknown(f"{what} not stated in the code")
    return value


# ---------------------------------------------------------------- the inference
@dataclasses.dataclass
class _Context:
    layer: Layer
    inputs: list  # one shape (or None) per tensor argument
    data_format: Any
    input_channel_axis: int | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.layer.get(key, default)

    def single(self) -> Shape:
        if len(self.inputs) != 1 or self.inputs[0] is None:
            raise _Unknown("input shape not known")
        return self.inputs[0]

    def int_config(self, key: str, default: Any = None) -> int:
        value = self.get(key, default)
        if not _is_int(value):
            raise _Unknown(f"`{key}` not a literal integer")
        return value


_RULES: dict[str, Callable[[_Context], tuple]] = {}


def _rule(*kinds: str):
    def register(function):
        for kind in kinds:
            _RULES[kind] = function
        return function

    return register


def infer(
    layer: Layer, inputs: list, default_data_format: str | None = "channels_last", input_channel_axis: int | None = None
) -> LayerShapes:
    """Output shape, variables and layout of ``layer`` applied to tensors of ``inputs`` shapes;
    ``default_data_format`` is the module's image data format (None: unknown) and
    ``input_channel_axis`` is where the producers put the channels, where known."""
    kind = layer.kind
    if kind == "Input":
        return LayerShapes(output=from_input(layer.config), variables=(), reason=None)
    data_format = layer.get("data_format", None)
    if data_format is None:
        data_format = UNKNOWN if default_data_format is None else default_data_format
    context = _Context(layer, inputs, data_format, input_channel_axis)
    rule = _RULES.get(kind)
    if rule is None:
        if kind != "?":
            reason = f"{kind} layers are not in the shape tables"
        elif "class" in layer.config:
            reason = f"custom layer {layer.config['class']}: its call() and variables are not followed"
        else:
            reason = "a call the engine does not follow"
        return dataclasses.replace(UNKNOWN_LAYER, reason=reason)
    try:
        output, variables = rule(context)
        reason = None
    except _Unknown as unknown:
        variables = () if kind in _NO_VARIABLES else None
        output, reason = _fallback_rank(context), str(unknown)
    return LayerShapes(
        output=output,
        variables=variables,
        data_format=data_format if _has_data_format(kind) else None,
        channel_axis=_channel_axis(context, output),
        reason=reason,
    )


def _has_data_format(kind: str) -> bool:
    return _spatial_rank(kind) is not None


def _fallback_rank(context: _Context) -> Shape | None:
    """The output's rank where the layer fixes it even when its input shape is unknown."""
    kind = context.layer.kind
    spatial = _spatial_rank(kind)
    if kind.startswith("Global"):
        return (None, UNKNOWN) if context.get("keepdims", False) is False else None
    if kind == "Flatten":
        return (None, UNKNOWN)
    if spatial and not kind.startswith("ConvLSTM"):
        filters = context.get("filters")
        if not kind.startswith(("Conv", "Separable")) or not _is_int(filters) or context.data_format is UNKNOWN:
            filters = UNKNOWN
        return _join(None, (UNKNOWN,) * spatial, filters, context.data_format)
    if kind == "Dense" and len(context.inputs) == 1 and context.inputs[0] is not None:
        units = context.get("units")
        return (*context.inputs[0][:-1], units if _is_int(units) else UNKNOWN)
    if kind in _SAME_SHAPE and len(context.inputs) == 1:
        return context.inputs[0]
    if kind == "Reshape":
        target = context.get("target_shape")
        if isinstance(target, tuple):
            return (None,) + (UNKNOWN,) * len(target)
    return None


def _channel_axis(context: _Context, output: Shape | None) -> int | None:
    """Where the channels of the output are: stated by the data format of layers that
    have one, carried through layers that keep their input's layout."""
    kind = context.layer.kind
    if output is None or kind == "Input":
        return None
    rank = len(output)
    if kind.startswith("Global"):
        return 1 if rank == 2 else None
    if kind in ("Dense", "Flatten"):
        return rank - 1
    if _spatial_rank(kind):
        data_format = context.layer.get("data_format", None)
        if data_format == "channels_first":
            return 1
        data_format = context.data_format if data_format is None else data_format
        axis = {"channels_last": rank - 1, "channels_first": 1}.get(data_format) if isinstance(data_format, str) else None
        if axis is not None and (kind in names.CONV_LAYERS or context.input_channel_axis in (None, axis)):
            return axis
        return None
    if kind in _SAME_SHAPE:
        return context.input_channel_axis
    if kind == "Permute" and context.input_channel_axis is not None:  # the channels go where dims puts them
        dims = _tuple(context.get("dims"), rank - 1)
        return 1 + dims.index(context.input_channel_axis) if dims and context.input_channel_axis in dims else None
    return None


# Layers whose output has their input's shape.
_SAME_SHAPE = (
    names.DROPOUT_LAYERS
    | names.ACTIVATION_LAYERS
    | {
        "GaussianNoise",
        "ActivityRegularization",
        "Rescaling",
        "Normalization",
        "BatchNormalization",
        "LayerNormalization",
        "GroupNormalization",
        "UnitNormalization",
        "Masking",
        "RandomFlip",
        "RandomRotation",
        "RandomZoom",
        "RandomContrast",
        "RandomTranslation",
        "RandomBrightness",
    }
)


# Layers that never create variables, whatever their input.
_NO_VARIABLES = (
    (_SAME_SHAPE - {"BatchNormalization", "LayerNormalization", "GroupNormalization", "PReLU", "Normalization"})
    | names.POOLING_LAYERS
    | names.SHAPE_LAYERS
    | {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Resizing", "CenterCrop"}
    | {"RandomCrop"}
)


@_rule(*(_SAME_SHAPE - {"BatchNormalization", "LayerNormalization", "GroupNormalization", "PReLU", "Normalization"}))
def _identity(context: _Context) -> tuple:
    return context.single(), ()


def _feature_axes(context: _Context, shape: Shape, default: Any) -> tuple[int, ...]:
    axis = context.get("axis", default)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    if not all(_is_int(a) and -len(shape) <= a < len(shape) for a in axes):
        raise _Unknown("`axis` not a literal axis of the input")
    return tuple(a % len(shape) for a in axes)


def _feature_shape(shape: Shape, axes: tuple[int, ...]) -> tuple:
    dims = tuple(shape[a] for a in axes)
    if not all(_is_int(d) for d in dims):
        raise _Unknown("normalized dimension not known")
    return dims


@_rule("BatchNormalization")
def _batchnorm(context: _Context) -> tuple:
    shape = context.single()
    dims = _feature_shape(shape, _feature_axes(context, shape, -1))
    dims = (math.prod(dims),) if len(dims) > 1 else dims
    variables = []
    if context.get("scale", True) is not False:
        variables.append(Variable("gamma", dims))
    if context.get("center", True) is not False:
        variables.append(Variable("beta", dims))
    variables += [Variable("moving_mean", dims, False), Variable("moving_variance", dims, False)]
    if any(context.get(k, True) is UNKNOWN for k in ("scale", "center")):
        raise _Unknown("`scale`/`center` not literal")
    return shape, tuple(variables)


@_rule("LayerNormalization", "GroupNormalization")
def _layer_norm(context: _Context) -> tuple:
    shape = context.single()
    axes = _feature_axes(context, shape, -1)
    dims = _feature_shape(shape, axes)
    if context.layer.kind == "GroupNormalization" and len(dims) > 1:
        raise _Unknown("several group axes")
    if any(context.get(k, True) is UNKNOWN for k in ("scale", "center")):
        raise _Unknown("`scale`/`center` not literal")
    variables = []
    if context.get("scale", True) is not False:
        variables.append(Variable("gamma", dims))
    if context.get("center", True) is not False:
        variables.append(Variable("beta", dims))
    return shape, tuple(variables)


@_rule("Normalization")
def _normalization(context: _Context) -> tuple:
    shape = context.single()
    if context.get("mean", None) is not None or context.get("variance", None) is not None:
        return shape, ()  # given statistics are constants, not variables
    dims = _feature_shape(shape, _feature_axes(context, shape, -1))
    return shape, (Variable("mean", dims, False), Variable("variance", dims, False), Variable("count", (), False))


@_rule("PReLU")
def _prelu(context: _Context) -> tuple:
    shape = context.single()
    alpha = list(shape[1:])
    shared = context.get("shared_axes", None)
    if shared is not None:
        shared = shared if isinstance(shared, (tuple, list)) else (shared,)
        if not all(_is_int(a) and 1 <= a < len(shape) for a in shared):
            raise _Unknown("`shared_axes` not literal")
        for axis in shared:
            alpha[axis - 1] = 1
    return shape, (Variable("alpha", tuple(alpha)),)


@_rule("Dense")
def _dense(context: _Context) -> tuple:
    units = context.int_config("units")
    shape = context.single()
    features = _require(shape[-1], "last input dimension") if len(shape) >= 2 else _require(None, "input rank")
    variables = [Variable("kernel", (features, units))]
    use_bias = context.get("use_bias", True)
    if use_bias is UNKNOWN:
        raise _Unknown("`use_bias` not literal")
    if use_bias:
        variables.append(Variable("bias", (units,)))
    return (*shape[:-1], units), tuple(variables)


def _bias(context: _Context, size: int) -> tuple:
    use_bias = context.get("use_bias", True)
    if use_bias is UNKNOWN:
        raise _Unknown("`use_bias` not literal")
    return (Variable("bias", (size,)),) if use_bias else ()


def _conv_geometry(context: _Context, n: int, kernel_default: Any = None) -> tuple:
    """(spatial input dims, input channels, kernel, strides, dilation, padding, batch)."""
    shape = context.single()
    if len(shape) != n + 2:
        raise _Unknown(f"input is not rank {n + 2}")
    data_format = context.data_format
    if data_format is UNKNOWN:
        raise _Unknown("data format unknown (the module changes the image data format)")
    spatial, channels = _split(shape, n, data_format)
    kernel = _kernel(context.layer, n, kernel_default)
    strides = _tuple(context.get("strides", 1), n)
    dilation = _tuple(context.get("dilation_rate", 1), n)
    padding = _padding(context.layer)
    if kernel is None or strides is None or dilation is None or padding not in ("valid", "same", "causal"):
        raise _Unknown("kernel size, strides, dilation or padding not literal")
    return spatial, channels, kernel, strides, dilation, padding, shape[0]


def _kernel(layer: Layer, n: int, default: Any = None) -> tuple | None:
    """The kernel size, Keras 1's `Conv2D(filters, rows, cols)` included."""
    kernel = _tuple(layer.get("kernel_size", default), n)
    if kernel is None and layer.kind.startswith("Conv2D") and "kernel_row" in layer.config:
        kernel = _tuple((layer.get("kernel_row"), layer.get("kernel_col")), n)
    return kernel


def _conv_output(spatial, kernel, strides, dilation, padding) -> tuple:
    return tuple(_conv_length(s, k, st, padding, d) for s, k, st, d in zip(spatial, kernel, strides, dilation))


@_rule(*(f"Conv{n}D" for n in (1, 2, 3)))
def _conv(context: _Context) -> tuple:
    n = _spatial_rank(context.layer.kind)
    spatial, channels, kernel, strides, dilation, padding, batch = _conv_geometry(context, n)
    filters = context.int_config("filters")
    groups = context.int_config("groups", 1)
    channels = _require(channels, "input channels")
    if not _is_int(channels) or channels % groups:
        raise _Unknown("input channels not known")
    output = _join(batch, _conv_output(spatial, kernel, strides, dilation, padding), filters, context.data_format)
    variables = (Variable("kernel", (*kernel, channels // groups, filters)), *_bias(context, filters))
    return output, variables


@_rule(*(f"Conv{n}DTranspose" for n in (1, 2, 3)))
def _conv_transpose(context: _Context) -> tuple:
    n = _spatial_rank(context.layer.kind)
    spatial, channels, kernel, strides, dilation, padding, batch = _conv_geometry(context, n)
    filters = context.int_config("filters")
    if context.get("output_padding", None) is not None or padding == "causal":
        raise _Unknown("`output_padding` given")
    channels = _require(channels, "input channels")
    if not _is_int(channels):
        raise _Unknown("input channels not known")
    lengths = tuple(_transpose_length(s, k, st, padding, d) for s, k, st, d in zip(spatial, kernel, strides, dilation))
    variables = (Variable("kernel", (*kernel, filters, channels)), *_bias(context, filters))
    return _join(batch, lengths, filters, context.data_format), variables


@_rule("SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D")
def _separable(context: _Context) -> tuple:
    kind = context.layer.kind
    n = _spatial_rank(kind)
    spatial, channels, kernel, strides, dilation, padding, batch = _conv_geometry(context, n)
    multiplier = context.int_config("depth_multiplier", 1)
    channels = _require(channels, "input channels")
    if not _is_int(channels):
        raise _Unknown("input channels not known")
    lengths = _conv_output(spatial, kernel, strides, dilation, padding)
    depthwise = Variable("depthwise_kernel", (*kernel, channels, multiplier))
    if kind.startswith("Depthwise"):
        out = channels * multiplier
        return _join(batch, lengths, out, context.data_format), (depthwise, *_bias(context, out))
    filters = context.int_config("filters")
    pointwise = Variable("pointwise_kernel", ((1,) * n + (channels * multiplier, filters)))
    return _join(batch, lengths, filters, context.data_format), (depthwise, pointwise, *_bias(context, filters))


@_rule(*(f"{k}Pooling{n}D" for k in ("Max", "Average") for n in (1, 2, 3)))
def _pooling(context: _Context) -> tuple:
    n = _spatial_rank(context.layer.kind)
    pool = _tuple(context.get("pool_size", 2), n)
    strides = context.get("strides", None)
    strides = pool if strides is None else _tuple(strides, n)
    shape = context.single()
    if len(shape) != n + 2 or context.data_format is UNKNOWN:
        raise _Unknown("input rank or data format not known")
    padding = _padding(context.layer)
    if pool is None or strides is None or padding not in ("valid", "same"):
        raise _Unknown("pool size, strides or padding not literal")
    spatial, channels = _split(shape, n, context.data_format)
    lengths = tuple(_conv_length(s, p, st, padding) for s, p, st in zip(spatial, pool, strides))
    return _join(shape[0], lengths, channels, context.data_format), ()


@_rule(*(f"Global{k}Pooling{n}D" for k in ("Max", "Average") for n in (1, 2, 3)))
def _global_pooling(context: _Context) -> tuple:
    n = _spatial_rank(context.layer.kind)
    shape = context.single()
    if len(shape) != n + 2 or context.data_format is UNKNOWN:
        raise _Unknown("input rank or data format not known")
    keepdims = context.get("keepdims", False)
    _, channels = _split(shape, n, context.data_format)
    if keepdims is False:
        return (shape[0], channels), ()
    if keepdims is True:
        return _join(shape[0], (1,) * n, channels, context.data_format), ()
    raise _Unknown("`keepdims` not literal")


@_rule("Flatten")
def _flatten(context: _Context) -> tuple:
    shape = context.single()
    rest = shape[1:]
    if any(d is UNKNOWN for d in rest):
        raise _Unknown("input dimension not known")
    return (shape[0], None if any(d is None for d in rest) else math.prod(rest)), ()


@_rule("Reshape")
def _reshape(context: _Context) -> tuple:
    target = context.get("target_shape")
    if not isinstance(target, tuple) or not all(_is_int(d) for d in target):
        raise _Unknown("`target_shape` not literal")
    shape = context.single()
    if -1 not in target:
        return (shape[0], *target), ()
    rest = shape[1:]
    if not all(_is_int(d) for d in rest):
        raise _Unknown("input dimension not known")
    fixed = math.prod(d for d in target if d != -1)
    return (shape[0], *(math.prod(rest) // fixed if d == -1 else d for d in target)), ()


@_rule("Permute")
def _permute(context: _Context) -> tuple:
    dims = _tuple(context.get("dims"), len(context.single()) - 1)
    shape = context.single()
    if dims is None or sorted(dims) != list(range(1, len(shape))):
        raise _Unknown("`dims` not literal")
    return (shape[0], *(shape[d] for d in dims)), ()


@_rule("RepeatVector")
def _repeat_vector(context: _Context) -> tuple:
    n = context.int_config("n")
    shape = context.single()
    if len(shape) != 2:
        raise _Unknown("input not rank 2")
    return (shape[0], n, shape[1]), ()


def _pairs(value: Any, n: int, default: Any) -> tuple | None:
    """ZeroPadding/Cropping amounts as n (before, after) pairs."""
    value = default if value is None else value
    if _is_int(value):
        return ((value, value),) * n
    if isinstance(value, tuple) and len(value) == n:
        pairs = []
        for item in value:
            if _is_int(item):
                pairs.append((item, item))
            elif isinstance(item, tuple) and len(item) == 2 and all(_is_int(v) for v in item):
                pairs.append(item)
            else:
                return None
        return tuple(pairs)
    if n == 1 and isinstance(value, tuple) and len(value) == 2 and all(_is_int(v) for v in value):
        return (value,)
    return None


@_rule(*(f"{k}{n}D" for k in ("ZeroPadding", "Cropping") for n in (1, 2, 3)))
def _pad_crop(context: _Context) -> tuple:
    kind = context.layer.kind
    n = _spatial_rank(kind)
    key = "padding" if kind.startswith("Zero") else "cropping"
    pairs = _pairs(context.get(key, None), n, 1 if kind.startswith("Zero") else 0)
    shape = context.single()
    if pairs is None or len(shape) != n + 2 or context.data_format is UNKNOWN:
        raise _Unknown(f"`{key}`, input rank or data format not known")
    data_format = "channels_last" if n == 1 else context.data_format
    spatial, channels = _split(shape, n, data_format)
    sign = 1 if kind.startswith("Zero") else -1
    lengths = tuple(s if not _is_int(s) else s + sign * (a + b) for s, (a, b) in zip(spatial, pairs))
    return _join(shape[0], lengths, channels, data_format), ()


@_rule(*(f"UpSampling{n}D" for n in (1, 2, 3)))
def _upsampling(context: _Context) -> tuple:
    n = _spatial_rank(context.layer.kind)
    size = _tuple(context.get("size", 2), n)
    shape = context.single()
    if size is None or len(shape) != n + 2 or context.data_format is UNKNOWN:
        raise _Unknown("`size`, input rank or data format not known")
    data_format = "channels_last" if n == 1 else context.data_format
    spatial, channels = _split(shape, n, data_format)
    lengths = tuple(s * k if _is_int(s) else s for s, k in zip(spatial, size))
    return _join(shape[0], lengths, channels, data_format), ()


@_rule("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
def _elementwise(context: _Context) -> tuple:
    if len(context.inputs) < 2 or any(s is None for s in context.inputs):
        raise _Unknown("input shapes not known")
    first = context.inputs[0]
    if any(s != first for s in context.inputs[1:]):
        raise _Unknown("input shapes differ or are partly unknown")
    return first, ()


@_rule("Concatenate")
def _concatenate(context: _Context) -> tuple:
    shapes = context.inputs
    if len(shapes) < 2 or any(s is None for s in shapes) or len({len(s) for s in shapes}) != 1:
        raise _Unknown("input shapes not known")
    axis = context.get("axis", -1)
    rank = len(shapes[0])
    if not _is_int(axis) or not -rank <= axis < rank:
        raise _Unknown("`axis` not literal")
    axis %= rank
    sizes = [s[axis] for s in shapes]
    total = sum(sizes) if all(_is_int(d) for d in sizes) else None if None in sizes else UNKNOWN
    others = [tuple(d for i, d in enumerate(s) if i != axis) for s in shapes]
    if any(o != others[0] for o in others):
        raise _Unknown("shapes off the concatenation axis differ")
    return (*shapes[0][:axis], total, *shapes[0][axis + 1 :]), ()


_GATES = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}


@_rule("SimpleRNN", "GRU", "LSTM")
def _recurrent(context: _Context) -> tuple:
    kind = context.layer.kind
    units = context.int_config("units")
    shape = context.single()
    if len(shape) != 3:
        raise _Unknown("input not rank 3")
    if context.get("return_state", False) is not False:
        raise _Unknown("`return_state` gives several outputs")
    sequences = context.get("return_sequences", False)
    if sequences not in (True, False):
        raise _Unknown("`return_sequences` not literal")
    features = shape[2]
    if not _is_int(features):
        raise _Unknown("input features not known")
    gates = _GATES[kind]
    variables = [Variable("kernel", (features, units * gates)), Variable("recurrent_kernel", (units, units * gates))]
    use_bias = context.get("use_bias", True)
    if use_bias is UNKNOWN or (kind == "GRU" and context.get("reset_after", True) not in (True, False)):
        raise _Unknown("`use_bias`/`reset_after` not literal")
    if use_bias:
        two = kind == "GRU" and context.get("reset_after", True)
        variables.append(Variable("bias", (2, units * gates) if two else (units * gates,)))
    output = (shape[0], shape[1], units) if sequences else (shape[0], units)
    return output, tuple(variables)


@_rule("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D")
def _conv_lstm(context: _Context) -> tuple:
    n = _spatial_rank(context.layer.kind)
    shape = context.single()
    if len(shape) != n + 3 or context.data_format is UNKNOWN:
        raise _Unknown("input rank or data format not known")
    filters = context.int_config("filters")
    kernel = _tuple(context.get("kernel_size"), n)
    strides = _tuple(context.get("strides", 1), n)
    dilation = _tuple(context.get("dilation_rate", 1), n)
    padding = _padding(context.layer)
    sequences = context.get("return_sequences", False)
    if kernel is None or strides is None or dilation is None or padding not in ("valid", "same"):
        raise _Unknown("kernel size, strides, dilation or padding not literal")
    if sequences not in (True, False) or context.get("return_state", False) is not False:
        raise _Unknown("`return_sequences`/`return_state` not literal")
    step = (shape[0], *shape[2:])
    spatial, channels = _split(step, n, context.data_format)
    if not _is_int(channels):
        raise _Unknown("input channels not known")
    lengths = _conv_output(spatial, kernel, strides, dilation, padding)
    frame = _join(shape[0], lengths, filters, context.data_format)
    output = (shape[0], shape[1], *frame[1:]) if sequences else frame
    variables = [
        Variable("kernel", (*kernel, channels, filters * 4)),
        Variable("recurrent_kernel", (*kernel, filters, filters * 4)),
        *_bias(context, filters * 4),
    ]
    return output, tuple(variables)


def _wrapped(context: _Context) -> Layer:
    inner = context.get("layer")
    if not isinstance(inner, Layer):
        raise _Unknown("wrapped layer not known")
    return inner


@_rule("Bidirectional")
def _bidirectional(context: _Context) -> tuple:
    inner = _wrapped(context)
    if context.get("backward_layer", None) is not None:
        raise _Unknown("`backward_layer` given")
    result = infer(inner, context.inputs)
    if result.reason or result.output is None or result.variables is None:
        raise _Unknown(f"wrapped {inner.kind}: {result.reason or 'not followed'}")
    merge = context.get("merge_mode", "concat")
    output = result.output
    if merge == "concat":
        output = (*output[:-1], output[-1] * 2 if _is_int(output[-1]) else output[-1])
    elif merge not in ("sum", "mul", "ave"):
        raise _Unknown("`merge_mode` not literal or not one output")
    variables = tuple(
        dataclasses.replace(v, name=f"{direction}/{v.name}") for direction in ("forward", "backward") for v in result.variables
    )
    return output, variables


@_rule("TimeDistributed")
def _time_distributed(context: _Context) -> tuple:
    inner = _wrapped(context)
    shape = context.single()
    if len(shape) < 3:
        raise _Unknown("input has no time axis")
    step = (shape[0], *shape[2:])
    result = infer(inner, [step], None if context.data_format is UNKNOWN else context.data_format)
    if result.reason or result.output is None or result.variables is None:
        raise _Unknown(f"wrapped {inner.kind}: {result.reason or 'not followed'}")
    return (shape[0], shape[1], *result.output[1:]), result.variables


@_rule("Embedding")
def _embedding(context: _Context) -> tuple:
    vocabulary = context.int_config("input_dim")
    size = context.int_config("output_dim")
    shape = context.single()
    return (*shape, size), (Variable("embeddings", (vocabulary, size)),)


@_rule("Attention")
def _attention(context: _Context) -> tuple:
    if len(context.inputs) not in (2, 3) or any(s is None for s in context.inputs):
        raise _Unknown("query and value shapes not known")
    if context.get("use_scale", False) is not False or context.get("score_mode", "dot") != "dot":
        raise _Unknown("`use_scale`/`score_mode` not the default")
    query, value = context.inputs[:2]
    return (*query[:-1], value[-1]), ()


@_rule("MultiHeadAttention")
def _multi_head_attention(context: _Context) -> tuple:
    heads = context.int_config("num_heads")
    key_dim = context.int_config("key_dim")
    value_dim = context.get("value_dim", None)
    value_dim = key_dim if value_dim is None else value_dim
    if not _is_int(value_dim) or context.get("output_shape", None) is not None:
        raise _Unknown("`value_dim`/`output_shape` not literal")
    if len(context.inputs) not in (2, 3) or any(s is None for s in context.inputs):
        raise _Unknown("query and value shapes not known")
    query, value = context.inputs[:2]
    key = context.inputs[2] if len(context.inputs) == 3 else value
    dims = (query[-1], key[-1], value[-1])
    if not all(_is_int(d) for d in dims):
        raise _Unknown("feature dimensions not known")
    use_bias = context.get("use_bias", True)
    if use_bias not in (True, False):
        raise _Unknown("`use_bias` not literal")
    variables = []
    for name, features, size in (("query", dims[0], key_dim), ("key", dims[1], key_dim), ("value", dims[2], value_dim)):
        variables.append(Variable(f"{name}/kernel", (features, heads, size)))
        if use_bias:
            variables.append(Variable(f"{name}/bias", (heads, size)))
    variables.append(Variable("attention_output/kernel", (heads, value_dim, dims[0])))
    if use_bias:
        variables.append(Variable("attention_output/bias", (dims[0],)))
    return query, tuple(variables)


@_rule("Resizing", "CenterCrop", "RandomCrop")
def _resizing(context: _Context) -> tuple:
    height, width = context.int_config("height"), context.int_config("width")
    shape = context.single()
    if len(shape) not in (3, 4) or context.data_format is UNKNOWN:
        raise _Unknown("input rank or data format not known")
    if len(shape) == 3:
        return (height, width, shape[-1]) if context.data_format == "channels_last" else (shape[0], height, width), ()
    return _join(shape[0], (height, width), _split(shape, 2, context.data_format)[1], context.data_format), ()


def application_shapes(summary: Any, inputs: list | None) -> LayerShapes:
    """A keras.applications model from the engine's table, applied to ``inputs`` (None: as built)."""
    if isinstance(summary, str) or summary is None:
        return dataclasses.replace(UNKNOWN_LAYER, reason=summary or "not followed")
    if inputs is not None and (len(inputs) != 1 or inputs[0] != summary.input_shape):
        return dataclasses.replace(UNKNOWN_LAYER, reason="application called on another input shape than it was built for")
    trainable = summary.total - summary.non_trainable
    variables = (Variable("weights", (trainable,)),)
    if summary.non_trainable:
        variables += (Variable("batchnorm_moving_statistics", (summary.non_trainable,), False),)
    return LayerShapes(output=summary.output_shape, variables=variables, channel_axis=len(summary.output_shape) - 1)


def model_variables(apply_shapes: list[LayerShapes]) -> tuple:
    """All variables of a nested model's applications, None when some are unknown."""
    variables = []
    for shapes in apply_shapes:
        if shapes.variables is None:
            return None
        variables.extend(shapes.variables)
    return tuple(variables)


def windows_larger_than_input(layer: Layer, input_shape: Shape | None, data_format: Any) -> list[tuple[int, int]]:
    """(input size, window) for each spatial axis where a `valid`-padded convolution or
    pooling window (dilation included) is larger than its known input: Keras refuses
    to build such a layer ("Computed output size would be zero or negative")."""
    kind = layer.kind
    n = _spatial_rank(kind)
    if n is None or input_shape is None or len(input_shape) != n + 2 or data_format not in _FORMATS:
        return []
    if kind in names.POOLING_LAYERS and not kind.startswith("Global"):
        windows = _tuple(layer.get("pool_size", 2), n)
        dilation = (1,) * n
    elif kind in names.CONV_LAYERS and "Transpose" not in kind:
        windows = _kernel(layer, n)
        dilation = _tuple(layer.get("dilation_rate", 1), n)
    else:
        return []
    if windows is None or dilation is None or _padding(layer) != "valid":
        return []
    spatial, _ = _split(input_shape, n, data_format)
    effective = [(w - 1) * d + 1 for w, d in zip(windows, dilation)]
    return [(size, window) for size, window in zip(spatial, effective) if _is_int(size) and size < window]


_FORMATS = ("channels_last", "channels_first")


def describe(shape: Shape | None) -> str:
    """A shape as Keras prints it, `?` for a dimension the code does not show."""
    if shape is None:
        return "(unknown rank)"
    dims = ["?" if d is UNKNOWN else str(d) for d in shape]
    return f"({dims[0]},)" if len(dims) == 1 else f"({', '.join(dims)})"
