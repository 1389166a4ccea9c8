"""# keras-flatten-dense-parameters (W7321)

## What it does
Checks for a `Dense` layer applied to a flattened feature map (`Flatten`, or a
`Reshape` to one feature axis, of a tensor with two or more axes besides the batch,
made by convolution or pooling layers: a Flatten of the raw input is an MLP's)
that holds most of its model's parameters: by default 80% or more
(`keras-flatten-dense-share`) and at least a million (`keras-flatten-dense-min-parameters`:
in a small model the Flatten costs little). It only reports when the parameters of every layer of
the model are known from the code; a model with a layer the engine cannot follow gives
no finding, and so does a model fed images shaped channels-first, `(1, 28, 28)`,
written for a `keras.json` that sets `channels_first` (its figures depend on that file).
The message gives the figures.

Off by default: a design heuristic. A Flatten into a wide Dense is the classic
tutorial classifier (LeNet, VGG), some models need the position of each feature that
global pooling throws away (a DQN reading a game screen keeps its Flatten on purpose),
and whether the parameter count matters depends on the data and the budget, so a
project opts in with `--enable=keras-flatten-dense-parameters`. On public application
code (BENCHMARKS.md, "lint:precision") its findings are right about the figures, but
not every one is worth acting on; see the precision table there.

## Why is this bad?
Flattening a `32x32x256` map gives 262,144 features; a `Dense(1024)` on it holds
268 million weights, 97% of a model whose convolutions do the actual work. The model
is slow to train, overfits easily and is tied to one input size. Global average
pooling (one value per channel) or more down-sampling before the Flatten gives the
classifier a few thousand inputs instead, usually with no loss of accuracy.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(128, 3, padding="same", activation="relu"),
    layers.Flatten(),
    layers.Dense(512, activation="relu"),  # [keras-flatten-dense-parameters]
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(128, 3, padding="same", activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
```

## Options
- `keras-flatten-dense-share` (default 0.8): the share of the model's parameters, from
  0 to 1, a Dense after Flatten must hold to be reported.
- `keras-flatten-dense-min-parameters` (default 1000000): the fewest parameters it must
  hold to be reported.

## References
- Lin, Chen and Yan, [Network In Network](https://arxiv.org/abs/1312.4400) (2013): global average pooling instead of fully connected layers, "less prone to overfitting"
- [Keras `GlobalAveragePooling2D`](https://keras.io/api/layers/pooling_layers/global_average_pooling2d/)
"""

from keraslint.engine import names, shapes
from keraslint.engine.graph import UNKNOWN
from keraslint.rules.base import Rule, fed_channels_first_image, finding, upstream

SYMBOL = "keras-flatten-dense-parameters"
# Layers between the Flatten and the Dense that keep the flattened features.
FEATURE_MAPS = frozenset(k for k in names.CONV_LAYERS | names.POOLING_LAYERS if not k.startswith("Global"))
KEEPS_FEATURES = names.DROPOUT_LAYERS | names.ACTIVATION_LAYERS | {"BatchNormalization", "LayerNormalization"}


def check(graph, config):
    share, least = config.keras_flatten_dense_share, config.keras_flatten_dense_min_parameters
    reported = set()
    for model in graph.models:
        total = _total_parameters(model)
        if not total:
            continue
        for dense in (a for a in model.applies if a.kind == "Dense"):
            flatten = _flatten_source(dense)
            parameters = dense.shapes.parameters if dense.shapes is not None else UNKNOWN
            if flatten is None or parameters is UNKNOWN or dense.layer.node in reported:
                continue
            if parameters >= max(share * total, least):
                reported.add(dense.layer.node)
                (flattened,) = flatten.input_shapes
                yield finding(
                    SYMBOL, dense.layer, dense.layer.describe(), f"{parameters:,}", f"{parameters / total:.1%}",
                    f"{total:,}", flatten.layer.describe(), shapes.describe(flattened),
                )


def _total_parameters(model) -> int | None:
    """All the model's parameters when every layer's are known (each layer counted once), else None."""
    if model.style not in ("sequential", "functional") or not model.output_is_known or model.outputs is None:
        return None
    total, seen = 0, set()
    for apply in model.applies:
        if apply.condition:
            return None  # which branch is built is not known
        if apply.layer in seen:
            continue
        seen.add(apply.layer)
        count = apply.shapes.parameters if apply.shapes is not None else UNKNOWN
        if count is UNKNOWN:
            return None
        total += count
    return total


def _flatten_source(apply):
    """The Flatten (or Reshape to one axis) of a map of rank 3 or more whose features reach ``apply``."""
    if len(apply.inputs) != 1:
        return None
    producer, _ = apply.inputs[0]
    if producer.kind in KEEPS_FEATURES:
        return _flatten_source(producer)
    if producer.kind not in ("Flatten", "Reshape") or len(producer.input_shapes) != 1:
        return None
    (flattened,) = producer.input_shapes
    if flattened is None or len(flattened) < 3 or producer.rank != 2:
        return None
    if not any(a.kind in FEATURE_MAPS for a in upstream(producer)):
        return None  # a Flatten of the raw input: an MLP, no feature map to pool
    if fed_channels_first_image(producer):
        return None  # written for a keras.json saying channels_first: the figures depend on it
    return producer


RULE = Rule(
    "W7321",
    SYMBOL,
    "%s holds %s parameters, %s of the model's %s, on the features %s makes of a %s map: use global pooling "
    "or down-sample more before it (design heuristic)",
    "Dense after Flatten holding most of the model's parameters (heuristic, off by default)",
    check,
    options=(
        (
            "keras-flatten-dense-share",
            {
                "default": 0.8,
                "type": "float",
                "metavar": "<share>",
                "help": "keras-flatten-dense-parameters: the share of the model's parameters (0 to 1) a Dense "
                "after Flatten must hold to be reported.",
            },
        ),
        (
            "keras-flatten-dense-min-parameters",
            {
                "default": 1_000_000,
                "type": "int",
                "metavar": "<int>",
                "help": "keras-flatten-dense-parameters: the fewest parameters a Dense after Flatten must hold "
                "to be reported (a small model's Flatten costs little).",
            },
        ),
    ),
    default_enabled=False,
)
