"""# keras-redundant-activation (W7312)

## What it does
Checks for the same activation applied twice in a row, such as
`Dense(64, activation="relu")` followed by `ReLU()`, or
`Dense(10, activation="softmax")` followed by `Activation("softmax")`. An activation
layer in a loop is flagged only when it repeats the activation in every iteration
(a `ReLU` that follows a ReLU-activated layer only in the first iteration, and a
linear one afterwards, cannot be removed); one built by a helper function, only when it
repeats the activation at every call of the helper that keraslint can follow, and all
of them can be.

## Why is this bad?
For ReLU the second application changes nothing (`relu(relu(x)) == relu(x)`): it only
costs compute and memory, and often means another activation was intended. For softmax
and sigmoid it is a real bug: softmax of probabilities is pushed towards the uniform
distribution, and sigmoid of values in (0, 1) lands in (0.5, 0.73). The outputs lose
their meaning as probabilities and the gradients shrink.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.ReLU(),  # [keras-redundant-activation]
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64),
    layers.ReLU(),
    layers.Dense(10, activation="softmax"),
])
```

## Options
None.

## References
- [Keras activations](https://keras.io/api/layers/activations/)
- [Keras activation layers (`ReLU`, `Softmax`, `Activation`)](https://keras.io/api/layers/activation_layers/)
"""

from keraslint.engine.graph import UNKNOWN
from keraslint.rules.base import Rule, every_instance, finding

SYMBOL = "keras-redundant-activation"


def check(graph, config):
    for apply in graph.applies_of({"Activation", "ReLU", "Softmax", "LeakyReLU", "ELU"}):
        producer = _repeated(apply)
        if producer is not None and every_instance(graph, apply, lambda _, a: _repeated(a)):
            activation = apply.layer.activation
            yield finding(
                SYMBOL,
                apply.layer,
                apply.layer.describe(),
                activation,
                producer.layer.describe(),
                apply.carried_from(producer),
            )


def _repeated(apply):
    """The layer whose activation ``apply`` applies a second time, or None."""
    activation = apply.layer.activation
    if activation in (UNKNOWN, "linear") or len(apply.inputs) != 1:
        return None
    producer = apply.inputs[0][0]
    if producer.layer is not apply.layer and producer.layer.activation == activation:
        return producer
    return None


RULE = Rule(
    "W7312",
    SYMBOL,
    "%s applies %s to the output of %s, which already applied it%s; remove one of them",
    "The same activation applied twice in a row",
    check,
)
