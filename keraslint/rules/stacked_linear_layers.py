"""# keras-stacked-linear-layers (W7308)

## What it does
Checks for a `Dense` or convolution layer with no activation whose output feeds
another `Dense` or convolution layer with only `BatchNormalization`, Dropout,
`Reshape` or `Flatten` in between.

## Why is this bad?
A composition of affine maps is an affine map: `W2 (W1 x + b1) + b2` is
`W x + b` with `W = W2 W1`. `BatchNormalization` at inference, Dropout at inference,
and reshaping are affine too. Two such layers in a row have the expressive power of
one; the extra layer adds parameters, compute and optimization difficulty but no
depth. Usually an `activation=` was forgotten.

A deliberate low-rank factorization (a linear bottleneck, as in MobileNetV2's
projection layers) is the exception: disable the message on that line with
`# pylint: disable=keras-stacked-linear-layers`.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(128),  # [keras-stacked-linear-layers]
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
```

## Options
None.

## References
- Goodfellow, Bengio and Courville, [Deep Learning](https://www.deeplearningbook.org/contents/mlp.html) (2016), section 6.1: why a network of linear layers is a linear model
- Sandler et al., [MobileNetV2: Inverted Residuals and Linear Bottlenecks](https://arxiv.org/abs/1801.04381) (2018): a deliberate linear bottleneck
"""

from keraslint.engine import names
from keraslint.rules.base import Rule, finding, when

SYMBOL = "keras-stacked-linear-layers"
STILL_LINEAR = names.DROPOUT_LAYERS | {"BatchNormalization", "Reshape", "Flatten"}
WEIGHTED = names.CONV_LAYERS | {"Dense"}


def check(graph, config):
    for apply in graph.applies_of(WEIGHTED):
        if not apply.layer.is_linear_transform:
            continue
        stack = [(c, cond, 0) for c, cond in graph.consumers(apply)]
        while stack:
            consumer, condition, depth = stack.pop()
            if consumer.kind in WEIGHTED:
                yield finding(SYMBOL, apply.layer, apply.layer.describe(), consumer.layer.describe(), when(condition))
                break
            if consumer.kind in STILL_LINEAR and depth < 8:
                stack.extend((c, condition | cond, depth + 1) for c, cond in graph.consumers(consumer))


RULE = Rule(
    "W7308",
    SYMBOL,
    "%s has no activation and feeds %s%s: two linear layers in a row collapse into one linear map; "
    "add an activation between them",
    "Two linear layers in a row",
    check,
)
