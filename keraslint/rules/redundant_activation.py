"""# keras-redundant-activation (W7312)

## What it does
Checks for the same activation applied twice in a row, such as
`Dense(64, activation="relu")` followed by `ReLU()`, or
`Dense(10, activation="softmax")` followed by `Activation("softmax")`. A repeated ReLU
(or ReLU6) is reported only with `keras-report-idempotent-activations=yes`: applying it
twice gives the same values as once, so the repeat costs a little compute and nothing
else (on public application code the only repeat found was a doubled ReLU, judged
pointless; see BENCHMARKS.md, "lint:precision"). An activation
layer in a loop is flagged only when it repeats the activation in every iteration
(a `ReLU` that follows a ReLU-activated layer only in the first iteration, and a
linear one afterwards, cannot be removed); one built by a helper function, only when it
repeats the activation at every call of the helper that keraslint can follow, and all
of them can be.

## Why is this bad?
For softmax and sigmoid it is a real bug: softmax of probabilities is pushed towards the uniform
distribution, and sigmoid of values in (0, 1) lands in (0.5, 0.73). The outputs lose
their meaning as probabilities and the gradients shrink.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
    layers.Softmax(),  # [keras-redundant-activation]
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
```

For ReLU the second application changes nothing (`relu(relu(x)) == relu(x)`); with
`keras-report-idempotent-activations=yes` the rule reports it too, and `keraslint fix`
removes a second plain `ReLU()`.

## Options
- `keras-report-idempotent-activations` (default `no`): also report a ReLU or ReLU6
  applied twice.

## References
- [Keras activations](https://keras.io/api/layers/activations/)
- [Keras activation layers (`ReLU`, `Softmax`, `Activation`)](https://keras.io/api/layers/activation_layers/)
"""

from keraslint.engine.graph import UNKNOWN
from keraslint.rules.base import Rule, every_instance, finding

SYMBOL = "keras-redundant-activation"


# f(f(x)) == f(x): a second application changes no value.
IDEMPOTENT = frozenset({"relu", "relu6"})


def check(graph, config):
    report_idempotent = config.keras_report_idempotent_activations
    for apply in graph.applies_of({"Activation", "ReLU", "Softmax", "LeakyReLU", "ELU"}):
        producer = _repeated(apply)
        if producer is None or (not report_idempotent and apply.layer.activation in IDEMPOTENT):
            continue
        if every_instance(graph, apply, lambda _, a: _repeated(a)):
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
    options=(
        (
            "keras-report-idempotent-activations",
            {
                "default": False,
                "type": "yn",
                "metavar": "<y or n>",
                "help": "keras-redundant-activation: also report a ReLU or ReLU6 applied twice, which "
                "changes no value (off: only repeats that change the outputs).",
            },
        ),
    ),
)
