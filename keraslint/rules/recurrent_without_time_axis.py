"""# keras-recurrent-without-time-axis (E7323)

## What it does
Checks for a recurrent layer (`SimpleRNN`, `LSTM`, `GRU`, `Bidirectional` around one,
`ConvLSTM1D/2D/3D`) whose input, as far as its shape is known from the code, has no
time axis: a rank other than 3 (`(batch, time, features)`), or `3 + n` for `ConvLSTMnD`.
Most often the recurrent layer before it lacks `return_sequences=True`, so it passes
on its last output only; the message says so in that case. An input of unknown rank
gives no finding.

## Why is this bad?
Keras refuses to build the model: "Input 0 of layer "lstm_1" is incompatible with the
layer: expected ndim=3, found ndim=2". Stacking recurrent layers without
`return_sequences=True` is one of the most asked Keras questions.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(50, 8)),
    layers.LSTM(64),
    layers.LSTM(32),  # [keras-recurrent-without-time-axis]
    layers.Dense(1),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(50, 8)),
    layers.LSTM(64, return_sequences=True),
    layers.LSTM(32),
    layers.Dense(1),
])
```

A 2-D input of features (no time axis at all) needs a `Reshape`, an `Embedding` or
`RepeatVector` first, or no recurrent layer.

## Options
None.

## References
- [Keras `LSTM`](https://keras.io/api/layers/recurrent_layers/lstm/): input "a 3D tensor, with shape `(batch, timesteps, feature)`"; `return_sequences`: "Whether to return the last output in the output sequence, or the full sequence"
"""

from keraslint.engine import names, shapes
from keraslint.engine.graph import Layer
from keraslint.rules.base import Rule, finding

SYMBOL = "keras-recurrent-without-time-axis"
RECURRENT = frozenset({"SimpleRNN", "LSTM", "GRU"})
CONV_RECURRENT = {f"ConvLSTM{n}D": n + 3 for n in (1, 2, 3)}
# Layers a tensor passes through without a change of rank, on the way from the recurrent layer that made it.
KEEPS_RANK = names.DROPOUT_LAYERS | names.ACTIVATION_LAYERS | {"BatchNormalization", "LayerNormalization"}


def expected_rank(layer: Layer) -> int | None:
    """The input rank a recurrent layer requires, None for other layers."""
    if layer.kind == "Bidirectional":
        inner = layer.get("layer")
        return expected_rank(inner) if isinstance(inner, Layer) else None
    if layer.kind in RECURRENT:
        return 3
    return CONV_RECURRENT.get(layer.kind)


def check(graph, config):
    reported = set()
    for apply in graph.applies:
        rank = expected_rank(apply.layer)
        if rank is None or len(apply.input_shapes) != 1 or apply.layer.node in reported:
            continue
        (shape,) = apply.input_shapes
        if shape is None or len(shape) == rank:
            continue
        reported.add(apply.layer.node)
        last_only = _last_output_producer(apply)
        hint = (
            f": {last_only.layer.describe()} returns its last output only; give it return_sequences=True"
            if last_only is not None
            else ""
        )
        yield finding(SYMBOL, apply.layer, apply.layer.describe(), rank, shapes.describe(shape), hint)


def _last_output_producer(apply):
    """The recurrent layer without `return_sequences=True` whose output reaches ``apply``."""
    for producer, _ in apply.inputs:
        layer = producer.layer
        if layer.kind == "Bidirectional" and isinstance(layer.get("layer"), Layer):
            layer = layer.get("layer")
        if expected_rank(layer) is not None and layer.get("return_sequences", False) is False:
            return producer
        if producer.kind in KEEPS_RANK:
            found = _last_output_producer(producer)
            if found is not None:
                return found
    return None


RULE = Rule(
    "E7323",
    SYMBOL,
    "%s needs an input of rank %s with a time axis but gets shape %s%s",
    "Recurrent layer fed a tensor without a time axis (missing return_sequences=True)",
    check,
)
