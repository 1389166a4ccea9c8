"""# keras-no-downsampling (W7320)

## What it does
Checks for a model with a stack of `keras-max-convs-without-downsampling` or more 2D
or 3D convolutions in a row, from its input, and no down-sampling at all: no local
pooling, no convolution with strides or dilation other than 1 (or unknown), no
up-sampling.

This is a design heuristic (from NeuraLint's rules), off by default: enable it with
`--enable=keras-no-downsampling` where it fits the project. Networks that keep the full
resolution on purpose (denoisers, super-resolution) break it.

## Why is this bad?
Without pooling or strides every convolution runs at the input's full resolution: the
cost of each layer is that of the largest feature map, and the receptive field grows by
only `kernel_size - 1` pixels per layer, so a classifier's last layers still see small
patches of the image. Down-sampling between stages (pooling, `strides=2`) lets the
network see the whole image at a fraction of the cost.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(128, 3, padding="same", activation="relu"),  # [keras-no-downsampling]
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(128, 3, padding="same", activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
```

## Options
- `keras-max-convs-without-downsampling` (default 5): how many convolutions in a row
  make a stack deep enough to report.

## References
- Nikanjam et al., [Automatic Fault Detection for Deep Learning Programs Using Graph Transformations](https://arxiv.org/abs/2105.08095) (NeuraLint, 2021): "a deep convolutional stack needs pooling"
- Goodfellow, Bengio and Courville, [Deep Learning](https://www.deeplearningbook.org/contents/convnets.html) (2016), section 9.3: pooling
"""

from keraslint.engine import names
from keraslint.rules.base import (
    BETWEEN_LAYERS,
    LOCAL_POOLING,
    UPSAMPLING_LAYERS,
    Rule,
    finding,
    known_int,
)

SYMBOL = "keras-no-downsampling"
SPATIAL_CONVS = frozenset(k for k in names.CONV_LAYERS if "1D" not in k and not k.endswith("Transpose"))


def check(graph, config):
    limit = config.keras_max_convs_without_downsampling
    for model in graph.models:
        applies = [a for a in graph.applies if a in model.applies]  # in graph order: producers first
        if any(a.kind in LOCAL_POOLING or a.kind in UPSAMPLING_LAYERS for a in applies):
            continue
        convs = [a for a in applies if a.kind in SPATIAL_CONVS]
        if any(not _keeps_resolution(conv.layer) for conv in convs):
            continue
        depth: dict = {}
        deep = next((conv for conv in convs if _run(conv, depth) == limit), None)
        if deep is not None:
            yield finding(SYMBOL, deep.layer, deep.layer.describe(), limit)


def _keeps_resolution(layer) -> bool:
    sides = []
    for key in ("strides", "dilation_rate"):
        value = layer.get(key, 1)
        sides += list(value) if isinstance(value, tuple) else [value]
    return all(known_int(side) == 1 for side in sides)


def _run(apply, depth) -> int | None:
    """How many spatial convolutions in a row end at ``apply``, counted from a model
    input through layers that keep the resolution; None when the path is not known."""
    if apply in depth:
        return depth[apply]
    depth[apply] = None  # a cycle stays unknown
    if apply.kind == "Input":
        result = 0
    elif apply.kind in SPATIAL_CONVS or apply.kind in BETWEEN_LAYERS or apply.kind in ("Add", "Concatenate"):
        runs = [_run(p, depth) for p, _ in apply.inputs]
        result = None if not runs or None in runs else max(runs) + (apply.kind in SPATIAL_CONVS)
    else:
        result = None
    depth[apply] = result
    return result


RULE = Rule(
    "W7320",
    SYMBOL,
    "%s ends a stack of %s convolutions from the input without any pooling or strides: every layer runs at "
    "full resolution and sees a small patch; down-sample between stages (design heuristic)",
    "A deep convolution stack without any down-sampling (heuristic, off by default)",
    check,
    options=(
        (
            "keras-max-convs-without-downsampling",
            {
                "default": 5,
                "type": "int",
                "metavar": "<int>",
                "help": "keras-no-downsampling: how many convolutions in a row from the input, with no pooling "
                "or strides in the model, to report.",
            },
        ),
    ),
    default_enabled=False,
)
