"""# keras-softmax-with-from-logits (E7304)

## What it does
Checks for a model whose output activation is softmax or sigmoid, compiled with a
cross-entropy loss that sets `from_logits=True`.

## Why is this bad?
`from_logits=True` tells the loss that the model outputs raw scores and that the loss
must apply softmax (or sigmoid) itself. If the model already ends in softmax, the loss
applies it a second time to values between 0 and 1. Softmax of numbers in [0, 1] is
close to uniform: the loss can never get near zero, its gradients are squashed, training
is slow or stalls, and the reported loss is meaningless. Nothing fails loudly: the
model just trains worse.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),  # [keras-softmax-with-from-logits]
])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10),
])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
```

Emitting logits and letting the loss apply softmax is the numerically stable choice;
apply `keras.ops.softmax` to the predictions when you need probabilities.

## Options
None.

## References
- [Keras probabilistic losses (`from_logits`)](https://keras.io/api/losses/probabilistic_losses/)
- [TensorFlow classification tutorial](https://www.tensorflow.org/tutorials/keras/classification): a linear output layer with `from_logits=True`
"""

from keraslint.rules.base import Rule, compiled_outputs, finding

SYMBOL = "keras-softmax-with-from-logits"


def check(graph, config):
    for event, loss, activation, source in compiled_outputs(graph):
        layer = source.layer
        if activation in ("softmax", "sigmoid") and loss.from_logits is True:
            yield finding(SYMBOL, layer, layer.describe(), activation, event.node.lineno, activation)


RULE = Rule(
    "E7304",
    SYMBOL,
    "%s outputs %s probabilities, but the loss compiled at line %s sets from_logits=True and applies %s again: "
    "drop the output activation or use from_logits=False",
    "Probabilities fed to a loss that expects logits",
    check,
)
