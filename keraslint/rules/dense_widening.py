"""# keras-dense-widening (W7318)

## What it does
Checks for a `Dense` layer wider than every `Dense` layer (and the flat input) before
it, in a scope that does not up-sample or reshape (decoders and generators widen on
purpose). A model's output layer is never flagged: its width is what the task needs (the
number of classes), so a 4-unit hidden layer before a 10-class output is a narrow hidden
layer, not a widening output. Nor is a model whose output is wider than its input (a
decoder from a latent code, a generator from noise): it widens on purpose. A model input of unknown shape leaves the widths before it
unknown, and the rule silent.

This is a design heuristic (from NeuraLint's rules), off by default: enable it with
`--enable=keras-dense-widening` where it fits the project.

## Why is this bad?
A classifier head distils features into a decision: each Dense layer is usually no wider
than the one before it (512 -> 256 -> 10). A layer wider than everything before it adds
parameters (its width times the previous one) without adding information: it cannot
hold more than the narrower layer passes on. It usually means the sizes were written in
the wrong order.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(64, activation="relu"),  # [keras-dense-widening]
    layers.Dense(1, activation="sigmoid"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
```

## Options
None.

## References
- Nikanjam et al., [Automatic Fault Detection for Deep Learning Programs Using Graph Transformations](https://arxiv.org/abs/2105.08095) (NeuraLint, 2021): "the number of neurons should decrease towards the output"
- [Keras `Dense`](https://keras.io/api/layers/core_layers/dense/)
"""

from keraslint.rules.base import BETWEEN_LAYERS, Rule, decodes, finding, following, input_and_output_shapes, known_int

SYMBOL = "keras-dense-widening"


def check(graph, config):
    if decodes(graph):
        return
    # A model's output layer is as wide as the task says (the number of classes).
    outputs = {apply for model in graph.models for _, tensor in model.output_heads() for apply, _ in tensor}
    expanding = _expanding_models(graph)
    for dense in graph.applies_of({"Dense"}):
        units = known_int(dense.layer.get("units"))
        if units is None:
            continue
        for nxt in following(graph, dense, {"Dense"}, BETWEEN_LAYERS):
            wider = known_int(nxt.layer.get("units"))
            widest = _widest_before(nxt)
            if wider is not None and widest is not None and wider > widest and nxt not in outputs | expanding:
                yield finding(SYMBOL, nxt.layer, nxt.layer.describe(), wider, dense.layer.describe(), units)


def _expanding_models(graph) -> set:
    """The layer applications inside models whose output is wider than their input (a
    decoder from a latent code, a generator from noise): they widen on purpose."""
    inside = set()
    for model in graph.models:
        shapes = input_and_output_shapes(model)
        if shapes is not None and len(shapes[0]) == len(shapes[1]) == 2:
            given, output = known_int(shapes[0][1]), known_int(shapes[1][1])
            if given and output and output > given:
                inside |= model.applies
    return inside


def _widest_before(apply) -> int | None:
    """The most units of any Dense layer or flat input upstream of ``apply``; None when
    an input's shape is unknown."""
    widest, stack, seen = 0, [p for p, _ in apply.inputs], set()
    while stack:
        producer = stack.pop()
        if producer in seen:
            continue
        seen.add(producer)
        if producer.kind == "Dense":
            widest = max(widest, known_int(producer.layer.get("units")) or 0)
        if producer.kind == "Input":
            shape = producer.layer.config.get("shape")
            if not isinstance(shape, tuple):
                return None
            if len(shape) == 1:
                widest = max(widest, known_int(shape[0]) or 0)
        stack.extend(p for p, _ in producer.inputs)
    return widest


RULE = Rule(
    "W7318",
    SYMBOL,
    "%s has %s units, more than any Dense layer before it (%s has %s): classifier heads usually narrow towards "
    "the output (design heuristic)",
    "Dense layers growing wider towards the output (heuristic, off by default)",
    check,
    default_enabled=False,
)
