"""Layer constructor signatures: positional parameters of the layers rules read,
the Keras 1 spellings still found in tutorials, and activation names."""

from __future__ import annotations

from typing import Any

from keraslint.engine.graph import UNKNOWN, Layer
from keraslint.engine.refs import Ref

_CONV = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation", "use_bias")
_CONV_TRANSPOSE = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias")
_SEPARABLE = (
    "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier", "activation", "use_bias",
)
_DEPTHWISE = (
    "kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate", "activation", "use_bias",
)
_POOL = ("pool_size", "strides", "padding", "data_format")

POSITIONAL: dict[str, tuple[str, ...]] = {
    "Dense": ("units", "activation", "use_bias"),
    "BatchNormalization": ("axis", "momentum", "epsilon", "center", "scale"),
    "Dropout": ("rate", "noise_shape", "seed"),
    "Activation": ("activation",),
    "Softmax": ("axis",),
    "Reshape": ("target_shape",),
    "Flatten": ("data_format",),
    "LayerNormalization": ("axis", "epsilon", "center", "scale"),
    "GroupNormalization": ("groups", "axis", "epsilon", "center", "scale"),
    "Embedding": ("input_dim", "output_dim"),
    "Permute": ("dims",),
    "RepeatVector": ("n",),
    "Concatenate": ("axis",),
    "Bidirectional": ("layer", "merge_mode"),
    "TimeDistributed": ("layer",),
    "MultiHeadAttention": ("num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape"),
    "Attention": ("use_scale", "score_mode"),
    "Rescaling": ("scale", "offset"),
    "Resizing": ("height", "width", "interpolation"),
    "CenterCrop": ("height", "width"),
    "RandomCrop": ("height", "width"),
    "LeakyReLU": ("negative_slope",),
    "GaussianNoise": ("stddev",),
    "GaussianDropout": ("rate",),
    "AlphaDropout": ("rate",),
}
for _kind in ("SimpleRNN", "LSTM", "GRU"):
    POSITIONAL[_kind] = ("units", "activation")
for _kind in ("ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"):
    POSITIONAL[_kind] = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate")
for _n in (1, 2, 3):
    POSITIONAL[f"Conv{_n}D"] = _CONV
    POSITIONAL[f"Conv{_n}DTranspose"] = _CONV_TRANSPOSE
    POSITIONAL[f"SeparableConv{_n}D"] = _SEPARABLE
    POSITIONAL[f"DepthwiseConv{_n}D"] = _DEPTHWISE
    for _kind in ("Max", "Average"):
        POSITIONAL[f"{_kind}Pooling{_n}D"] = _POOL
    for _kind in ("GlobalMax", "GlobalAverage"):
        POSITIONAL[f"{_kind}Pooling{_n}D"] = ("data_format", "keepdims")
    POSITIONAL[f"UpSampling{_n}D"] = ("size", "data_format", "interpolation") if _n == 2 else ("size", "data_format")
    POSITIONAL[f"Cropping{_n}D"] = ("cropping", "data_format")
    POSITIONAL[f"SpatialDropout{_n}D"] = ("rate",)
    POSITIONAL[f"ZeroPadding{_n}D"] = ("padding", "data_format")

# Keras 1 (2016-2017) spellings: positional parameters and keyword renames.
_KERAS1_POSITIONAL = {
    "Conv1D": ("filters", "kernel_size", "init", "activation", "weights", "padding", "strides"),
    "Conv2D": ("filters", "kernel_row", "kernel_col", "init", "activation", "weights", "padding", "strides", "data_format"),
    "Conv3D": (
        "filters", "kernel_dim1", "kernel_dim2", "kernel_dim3", "init", "activation", "weights", "padding", "strides",
        "data_format",
    ),
    "Dense": ("units", "init", "activation", "weights"),
    "BatchNormalization": ("epsilon", "mode", "axis", "momentum"),
}
_KERAS1_KEYWORDS = {
    "output_dim": "units",
    "nb_filter": "filters",
    "filter_length": "kernel_size",
    "border_mode": "padding",
    "subsample": "strides",
    "subsample_length": "strides",
    "dim_ordering": "data_format",
    "bias": "use_bias",
    "init": "kernel_initializer",
    "W_regularizer": "kernel_regularizer",
    "b_regularizer": "bias_regularizer",
    "W_constraint": "kernel_constraint",
    "b_constraint": "bias_constraint",
    "atrous_rate": "dilation_rate",
    "beta_init": "beta_initializer",
    "gamma_init": "gamma_initializer",
}
# BatchNormalization(mode=...) is Keras 1 only: mode 0 is Keras 2's behaviour, mode 1
# normalizes each sample, mode 2 uses the batch's statistics at inference too.
_KERAS1_ONLY = frozenset(_KERAS1_KEYWORDS) - {"init"} | {"nb_row", "nb_col", "mode"}
# Keras 1 kernel sides, one parameter each, folded into Keras 2's kernel_size.
_KERNEL_SIDES = (("kernel_row", "kernel_col"), ("nb_row", "nb_col"), ("kernel_dim1", "kernel_dim2", "kernel_dim3"))
# Keras 1 keywords that are still current for some layers: Embedding(input_dim, output_dim).
_STILL_CURRENT = {"Embedding": frozenset({"output_dim"})}
_DIM_ORDERING = {"th": "channels_first", "tf": "channels_last"}

# Activation functions by every name they are reached through; values are canonical names.
ACTIVATION_FUNCTIONS = {
    "relu": "relu", "relu6": "relu6", "sigmoid": "sigmoid", "softmax": "softmax", "tanh": "tanh",
    "elu": "elu", "selu": "selu", "gelu": "gelu", "swish": "silu", "silu": "silu", "softplus": "softplus",
    "leaky_relu": "leaky_relu", "hard_sigmoid": "hard_sigmoid", "log_softmax": "log_softmax", "linear": "linear",
    "exponential": "exponential", "mish": "mish",
}


def normalise_activation(value: Any) -> Any:
    """'ReLU' / keras.activations.relu / tf.nn.relu / None -> 'relu' / 'linear'; else the
    value itself (an unknown object stays whatever the builder made of it)."""
    if value is None:
        return "linear"
    if isinstance(value, str):
        return ACTIVATION_FUNCTIONS.get(value.lower(), value.lower())
    if isinstance(value, Ref):
        name = (value.canonical or value.qualified).rsplit(".", 1)[-1]
        return ACTIVATION_FUNCTIONS.get(name.lower(), "<nonlinear>")
    if isinstance(value, Layer) and value.kind in ("ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax", "Activation"):
        return value.activation
    return UNKNOWN


def is_keras1_call(kind: str, args: list, kwargs: dict) -> bool:
    if (_KERAS1_ONLY - _STILL_CURRENT.get(kind, frozenset())) & set(kwargs):
        return True
    if kwargs.get("init") is not None and kind in _KERAS1_POSITIONAL:
        return True
    # Convolution2D(64, 5, 5, ...): Keras 2 would read the second 5 as strides, and a
    # Keras 1 init string or activation follows it.
    return kind == "Conv2D" and len(args) >= 4 and isinstance(args[3], str)


def layer_config(kind: str, args: list, kwargs: dict, presets: dict) -> dict[str, Any]:
    """Fold a constructor call into a config dict with Keras 3 key names."""
    config = dict(presets)
    keras1 = is_keras1_call(kind, args, kwargs)
    positional = _KERAS1_POSITIONAL.get(kind, ()) if keras1 else POSITIONAL.get(kind, ())
    for name, value in zip(positional, args):
        config[name] = value
    current = _STILL_CURRENT.get(kind, frozenset())
    for key, value in kwargs.items():
        renamed = key not in current and (keras1 or key in _KERAS1_ONLY)
        config[_KERAS1_KEYWORDS.get(key, key) if renamed else key] = value
    for sides in _KERNEL_SIDES:
        if all(side in config for side in sides) and "kernel_size" not in config:
            config["kernel_size"] = tuple(config.pop(side) for side in sides)
    if "data_format" in config and config["data_format"] in _DIM_ORDERING:
        config["data_format"] = _DIM_ORDERING[config["data_format"]]
    if "activation" in config:
        config["activation"] = normalise_activation(config["activation"])
    return config
