"""# keras-dropout-before-batchnorm (W7307)

## What it does
Checks for a Dropout layer (`Dropout`, `SpatialDropout*D`, `AlphaDropout`,
`GaussianDropout`) whose output feeds a `BatchNormalization`, directly or only
through pooling and reshaping layers. When the Dropout ends one pass of a loop and
the `BatchNormalization` starts the next, the message says so; when it feeds one only
in some iterations (not in the last, whose output leaves the loop), it names which.

## Why is this bad?
Dropout keeps the mean of its input but changes its variance: during training it zeros
units and scales the rest by `1 / (1 - rate)`, at inference it passes everything
through. The `BatchNormalization` after it accumulates its moving variance from the
training-time (dropout) activations, then at inference receives activations with a
different variance and normalizes them with the wrong statistics. Li et al. call this
the *variance shift*: the error grows through the following layers and costs accuracy
at inference, while the training curves look fine.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.Dropout(0.3),  # [keras-dropout-before-batchnorm]
    layers.BatchNormalization(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.Dropout(0.3),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
```

Put Dropout after the last `BatchNormalization` (for example just before the
classifier), or drop it where `BatchNormalization` already regularizes.

## Options
None.

## References
- Li, Chen, Hu and Yang, [Understanding the Disharmony between Dropout and Batch Normalization by Variance Shift](https://arxiv.org/abs/1801.05134) (CVPR 2019)
- Ioffe and Szegedy, [Batch Normalization](https://arxiv.org/abs/1502.03167) (2015)
- [Keras `Dropout`](https://keras.io/api/layers/regularization_layers/dropout/)
"""

from keraslint.engine import names
from keraslint.keras_facts import MOVES_VALUES_ONLY
from keraslint.rules.base import Rule, finding, naming_iterations, when

SYMBOL = "keras-dropout-before-batchnorm"


def check(graph, config):
    for dropout in graph.applies_of(names.DROPOUT_LAYERS):
        fed = _fed_batchnorm(graph, dropout)
        if fed is None:
            continue
        bn, condition = fed
        carried = bn.carried_from(dropout)
        where = naming_iterations(graph, dropout, lambda a: _fed_batchnorm(graph, a), carried)
        yield finding(
            SYMBOL, dropout.layer, dropout.layer.describe(), bn.layer.node.lineno, carried + where + when(condition)
        )


def _fed_batchnorm(graph, dropout):
    """The first BatchNormalization ``dropout`` feeds, with the edge's condition, or None."""
    for consumer, condition in graph.consumers(dropout):
        bn = _batchnorm_through(graph, consumer)
        if bn is not None:
            return bn, condition
    return None


def _batchnorm_through(graph, apply, depth=0):
    if apply.kind == "BatchNormalization":
        return apply
    if apply.kind in MOVES_VALUES_ONLY and depth < 8:
        for consumer, _ in graph.consumers(apply):
            found = _batchnorm_through(graph, consumer, depth + 1)
            if found is not None:
                return found
    return None


RULE = Rule(
    "W7307",
    SYMBOL,
    "%s feeds the BatchNormalization at line %s%s: dropout changes the variance between training and inference, "
    "so the moving statistics do not match at inference; put Dropout after the BatchNormalization",
    "Dropout feeding BatchNormalization (variance shift)",
    check,
)
