"""# keras-probabilities-loss-on-logits (E7305)

## What it does
Checks for a model whose final layer is linear (no activation), compiled with a
cross-entropy loss that expects probabilities: a loss given as a string or function
(`"categorical_crossentropy"`, `"sparse_categorical_crossentropy"`,
`"binary_crossentropy"`), or a loss object with `from_logits` left False.

## Why is this bad?
Without `from_logits=True`, Keras's cross-entropy treats the outputs as
probabilities: the categorical losses divide the outputs by their sum and clip them to
`[epsilon, 1 - epsilon]` before taking the log, and binary cross-entropy clips each
output the same way. Raw logits are negative or larger than 1 much of the time; the
clipped values carry no gradient, the division by a sum near zero explodes, and the
loss can turn into `nan`. The model trains badly or not at all, often without an
error.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(128, activation="relu"),
    layers.Dense(10),  # [keras-probabilities-loss-on-logits]
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
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

Or keep the string loss and add `activation="softmax"` (`"sigmoid"` for binary
cross-entropy) to the last layer.

## Options
None.

## References
- [Keras probabilistic losses (`from_logits`)](https://keras.io/api/losses/probabilistic_losses/)
- [TensorFlow classification tutorial](https://www.tensorflow.org/tutorials/keras/classification)
"""

from keraslint.rules.base import Rule, compiled_outputs, finding

SYMBOL = "keras-probabilities-loss-on-logits"
ACTIVATION_FOR = {"categorical": "softmax", "sparse_categorical": "softmax", "binary": "sigmoid"}


def check(graph, config):
    for event, loss, activation, source in compiled_outputs(graph):
        layer = source.layer
        if activation == "linear" and loss.family in ACTIVATION_FOR and loss.from_logits is False:
            yield finding(
                SYMBOL, layer, layer.describe(), loss.family.replace("_", " "), event.node.lineno, ACTIVATION_FOR[loss.family]
            )


RULE = Rule(
    "E7305",
    SYMBOL,
    "%s has no activation, so the model outputs logits, but its %s cross-entropy loss at line %s expects "
    "probabilities: pass from_logits=True to the loss, or add activation='%s'",
    "Logits fed to a loss that expects probabilities",
    check,
)
