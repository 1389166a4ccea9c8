"""# keras-merge-shape-mismatch (E7324)

## What it does
Checks the merge layers against the input shapes the code shows:
- `Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`: the shapes must
  broadcast, aligned on their last axis: two known sizes must be equal or one of them 1;
- `Concatenate`: the inputs must have one rank and equal sizes on every axis but `axis`;
- `Dot`: the sizes on the `axes` contracted must be equal.

A dimension the code does not show (or `None`) matches anything. Image maps in a model
fed images shaped channels-first, `(3, 224, 224)`, give no finding: such code was written
for a `keras.json` that sets `channels_first`, so which axis is which is not known.

## Why is this bad?
Keras refuses to build the model ("Inputs have incompatible shapes", "A `Concatenate`
layer requires inputs with matching shapes except for the concatenation axis").
In a residual block the usual cause is a shortcut that skips a change of filters or
a stride: it needs a 1x1 convolution (with the same stride) to match the main path.

## Example
```python
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 16))
x = layers.Conv2D(32, 3, padding="same")(inputs)
outputs = layers.Add()([inputs, x])  # [keras-merge-shape-mismatch]
```

## Use instead
```python
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 16))
x = layers.Conv2D(32, 3, padding="same")(inputs)
shortcut = layers.Conv2D(32, 1)(inputs)
outputs = layers.Add()([shortcut, x])
```

## Options
None.

## References
- [Keras merging layers](https://keras.io/api/layers/merging_layers/): `Add` "takes as input a list of tensors, all of the same shape"; `Concatenate` "all of the same shape except for the concatenation axis"
- He et al., [Deep Residual Learning](https://arxiv.org/abs/1512.03385) (2015): projection shortcuts where dimensions change
"""

from keraslint.engine import shapes
from keraslint.engine.graph import UNKNOWN
from keraslint.rules.base import Rule, fed_channels_first_image, finding

SYMBOL = "keras-merge-shape-mismatch"
ELEMENTWISE = frozenset({"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"})


def check(graph, config):
    reported = set()
    for apply in graph.applies_of(ELEMENTWISE | {"Concatenate", "Dot"}):
        inputs = apply.input_shapes
        if len(inputs) < 2 or any(s is None for s in inputs) or apply.layer.node in reported:
            continue
        if max(len(s) for s in inputs) >= 4 and fed_channels_first_image(apply):
            continue  # written for a keras.json saying channels_first: which axis is which is not known
        problem = _problem(apply, inputs)
        if problem:
            reported.add(apply.layer.node)
            listed = ", ".join(shapes.describe(s) for s in inputs)
            yield finding(SYMBOL, apply.layer, apply.layer.describe(), listed, problem)


def _problem(apply, inputs) -> str | None:
    if apply.kind in ELEMENTWISE:
        return _broadcast_problem(inputs)
    if apply.kind == "Concatenate":
        return _concatenate_problem(apply.layer.get("axis", -1), inputs)
    return _dot_problem(apply.layer.get("axes", UNKNOWN), inputs)


def _known(size) -> bool:
    return isinstance(size, int) and not isinstance(size, bool)


def _broadcast_problem(inputs) -> str | None:
    first = inputs[0]
    for other in inputs[1:]:
        for offset in range(1, min(len(first), len(other)) + 1):
            a, b = first[-offset], other[-offset]
            if _known(a) and _known(b) and a != b and 1 not in (a, b):
                return f"sizes {a} and {b} on axis {-offset} neither match nor broadcast"
    return None


def _concatenate_problem(axis, inputs) -> str | None:
    ranks = {len(s) for s in inputs}
    if len(ranks) != 1:
        return "their ranks differ"
    (rank,) = ranks
    if not _known(axis) or not -rank <= axis < rank:
        return None
    axis %= rank
    for i in range(1, rank):
        sizes = {s[i] for s in inputs if _known(s[i])}
        if i != axis and len(sizes) > 1:
            return f"sizes {' and '.join(map(str, sorted(sizes)))} on axis {i}, off the concatenation axis {axis}"
    return None


def _dot_problem(axes, inputs) -> str | None:
    if len(inputs) != 2:
        return None
    pair = (axes, axes) if _known(axes) else tuple(axes) if isinstance(axes, (tuple, list)) else ()
    if len(pair) != 2 or not all(_known(a) for a in pair):
        return None
    sizes = []
    for shape, axis in zip(inputs, pair):
        if not -len(shape) <= axis < len(shape):
            return None
        sizes.append(shape[axis])
    if all(_known(s) for s in sizes) and sizes[0] != sizes[1]:
        return f"sizes {sizes[0]} and {sizes[1]} on the contracted axes {pair[0]} and {pair[1]} differ"
    return None


RULE = Rule(
    "E7324",
    SYMBOL,
    "%s merges inputs of shapes %s: %s, so Keras cannot build it",
    "Merge layer (Add, Concatenate, Dot...) on inputs whose shapes do not match",
    check,
)
