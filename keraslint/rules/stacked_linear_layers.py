"""# keras-stacked-linear-layers (W7308)

## What it does
Checks for a `Dense` or convolution layer with no activation whose output feeds
another `Dense` or convolution layer with only `BatchNormalization`, Dropout,
`Reshape` or `Flatten` in between. The message names the single layer that computes
what the pair computes (`Dense(10, activation='softmax')`; two stride-1 unpadded
convolutions compose into one with the summed kernel).

Not flagged:

- when the first layer's output also goes anywhere else (a nonlinear branch, a
  residual `x += ...`, a value returned from a helper): the pair cannot be merged;
- a low-rank factorization, where the first layer's width is smaller than both its
  input's and the second layer's (a linear bottleneck, as in MobileNetV2's projection
  layers): two linear maps collapse into one only when nothing constrains the rank, and
  when a width is not written in the code the rule does not guess.

In a loop, a pair that exists only in some iterations is reported with the iterations
("in every iteration but the last of the loop at line N"), and a pair that runs from
one iteration into the next says so.

Off by default: on public application code (books, courses, tutorials; see BENCHMARKS.md,
"lint:precision") half of its findings were true and useful (15 of 30 judged): the rest were
models linear on purpose (teaching notebooks, demos) and standard factorizations a
single layer could replace only at a far larger size, below the 95% a default rule must
reach. Enable it with `--enable=keras-stacked-linear-layers` where two linear layers in a
row are never intended.

## Why is this bad?
A composition of affine maps is an affine map: `W2 (W1 x + b1) + b2` is
`W x + b` with `W = W2 W1`. `BatchNormalization` at inference, Dropout at inference,
and reshaping are affine too. Two such layers in a row have the expressive power of
one; the extra layer adds parameters, compute and optimization difficulty but no
depth. Usually an `activation=` was forgotten.

A model that is linear on purpose (a linear-regression demonstration) is the other
exception: disable the message on that line with
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
from keraslint.engine.graph import UNKNOWN
from keraslint.keras_facts import KEEPS_WIDTH
from keraslint.rules.base import Rule, finding, iterations_where, when

SYMBOL = "keras-stacked-linear-layers"
STILL_LINEAR = names.DROPOUT_LAYERS | {"BatchNormalization", "Reshape", "Flatten"}
WEIGHTED = names.CONV_LAYERS | {"Dense"}


def check(graph, config):
    for apply in graph.applies_of(WEIGHTED):
        partner = _partner(graph, apply)
        where = iterations_where(graph, apply, lambda a: _partner(graph, a) is not None) if partner else None
        if where is not None:
            second, condition = partner
            yield finding(
                SYMBOL,
                apply.layer,
                apply.layer.describe(),
                second.layer.describe(),
                second.carried_from(apply) + when(condition) + where,
                _replacement(apply, second),
            )


def _partner(graph, apply):
    """The weighted layer a linear ``apply`` feeds, with the condition of that path,
    when every path from it leads to one through layers that stay linear and the pair
    is no low-rank factorization; else None."""
    if not apply.layer.is_linear_transform:
        return None
    reached = graph.reaches_only(apply, frozenset(WEIGHTED), frozenset(STILL_LINEAR))
    if not reached:
        return None  # its output also takes a nonlinear path, or leaves the scope
    second, condition = reached[0]
    middle, before, after = _width(apply), _input_width(apply), _width(second)
    if middle is None or not (
        (before is not None and middle >= before) or (after is not None and middle >= after)
    ):
        return None  # maybe a bottleneck narrower than both ends: the pair constrains the rank
    return second, condition


def _width(apply):
    """Output features (units, filters) of a Dense or convolution, where literal."""
    if apply.kind.startswith("DepthwiseConv"):
        return None
    width = apply.layer.get("units" if apply.kind == "Dense" else "filters", UNKNOWN)
    return width if isinstance(width, int) and not isinstance(width, bool) else None


def _input_width(apply):
    """Features of ``apply``'s input, where the code states them."""
    return _output_width(apply.inputs[0][0]) if len(apply.inputs) == 1 else None


def _output_width(apply):
    """Output features of ``apply``, looking back through layers that keep them."""
    if apply.kind == "Input":
        shape = apply.layer.get("shape")
        last = shape[-1] if isinstance(shape, tuple) and shape else None
        return last if isinstance(last, int) and apply.channel_axis in (None, len(shape)) else None
    if apply.kind == "Dense" or apply.kind in names.CONV_LAYERS:
        return _width(apply)
    if apply.kind in KEEPS_WIDTH:
        return _input_width(apply)
    return None


def _replacement(first, second) -> str:
    """The single layer that computes what the pair computes."""
    activation = second.layer.activation
    act = f", activation={activation!r}" if isinstance(activation, str) and activation != "linear" else ""
    width = _width(second)
    if first.kind == second.kind == "Dense":
        return f"one Dense({width}{act})"
    kernels = [a.layer.get("kernel_size", UNKNOWN) for a in (first, second)]
    # Stride 1, no dilation, no padding: the kernels compose into one of the summed size.
    plain = all(
        a.layer.get(key, 1) in (1, (1,), (1, 1), (1, 1, 1)) for a in (first, second) for key in ("strides", "dilation_rate")
    ) and all(a.layer.get("padding", "valid") == "valid" for a in (first, second))
    if first.kind == second.kind and plain and all(isinstance(k, int) and not isinstance(k, bool) for k in kernels):
        return f"one {second.kind}({width}, {kernels[0] + kernels[1] - 1}{act})"
    return f"one {second.kind} with {width} outputs" if width is not None else f"one {second.kind}"


RULE = Rule(
    "W7308",
    SYMBOL,
    "%s has no activation and feeds %s%s: the pair computes no more than %s alone would; "
    "add an activation between them",
    "Two linear layers in a row",
    check,
    default_enabled=False,
)
