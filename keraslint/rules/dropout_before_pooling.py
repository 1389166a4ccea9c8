"""# keras-dropout-before-pooling (W7316)

## What it does
Checks for a `Dropout` layer whose output goes straight into a local max pooling layer
(`MaxPooling1D`, `MaxPooling2D`, `MaxPooling3D`). Average pooling keeps every value it
gets, dropped or not (DenseNet's transitions put Dropout before it), so it is left alone.

This is a design heuristic (from NeuraLint's rules), off by default: enable it with
`--enable=keras-dropout-before-pooling` where it fits the project.

## Why is this bad?
Pooling right after dropout works on the dropped map: max pooling picks the largest
surviving unit of each window, so most of what dropout zeroed was going to be discarded
by the pooling anyway, and the regularisation is weaker and harder to reason about than
the dropout rate says. Dropout after the pooling layer drops units of the smaller map the
rest of the network actually sees, and costs less.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Dropout(0.25),  # [keras-dropout-before-pooling]
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Dropout(0.25),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
```

## Options
None.

## References
- Nikanjam et al., [Automatic Fault Detection for Deep Learning Programs Using Graph Transformations](https://arxiv.org/abs/2105.08095) (NeuraLint, 2021): "Dropout after pooling"
- Wu and Gu, [Towards dropout training for convolutional neural networks](https://arxiv.org/abs/1512.00242) (2015): max-pooling dropout
"""

from keraslint.rules.base import LOCAL_POOLING, Rule, finding, following

SYMBOL = "keras-dropout-before-pooling"
MAX_POOLING = frozenset(k for k in LOCAL_POOLING if k.startswith("Max"))


def check(graph, config):
    for dropout in graph.applies_of({"Dropout"}):
        pools = following(graph, dropout, MAX_POOLING, ())
        if pools:
            yield finding(SYMBOL, dropout.layer, dropout.layer.describe(), pools[0].layer.describe(), pools[0].carried_from(dropout))


RULE = Rule(
    "W7316",
    SYMBOL,
    "%s feeds %s directly%s: max pooling then discards much of what dropout dropped; put the Dropout after "
    "the pooling layer (design heuristic)",
    "Dropout right before a max pooling layer (heuristic, off by default)",
    check,
    default_enabled=False,
)
