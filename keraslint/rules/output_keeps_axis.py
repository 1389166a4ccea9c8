"""# keras-output-keeps-axis (E7325)

## What it does
Checks a training call (`fit()`, `train_on_batch()`) whose labels hold one value per
example while the model's output, as far as its shape is known from the code, still has
a time or spatial axis: a rank of 3 or more, such as `(batch, 26, 26, 10)` from a `Dense`
after a `Conv2D`, or `(batch, 98, 1)` from a `Dense` after a `Conv1D` or an `LSTM` with
`return_sequences=True`. This is the classifier that lacks its `Flatten()` or global
pooling.

Labels count as one per example only where the code shows where they come from: the
labels `keras.datasets` `mnist`, `fashion_mnist`, `cifar10`, `cifar100`, `imdb` and
`reuters` load; sklearn's `LabelEncoder`, `OneHotEncoder` and `label_binarize` (one row
per sample); `pandas.get_dummies`; and `to_categorical` or `one_hot` of such labels,
followed through assignments and `train_test_split`. Labels of unknown origin (a
sequence labelling or segmentation data set has one label per position) give no
finding, nor does a model whose output shape the code does not show.

The loss decides what happens, and the message says which:

- a cross-entropy (categorical, sparse categorical, binary, and their focal variants):
  `fit()` stops at the first batch with a shape error;
- mean squared or absolute error: Keras broadcasts each label over the positions and
  trains a model that predicts per position, without a word.

Other losses give no finding.

## Why is this bad?
`Dense` works on the last axis only: after a `Conv2D` it is a 1x1 convolution, after a
`Conv1D` or a recurrent layer with `return_sequences=True` it runs once per time step.
The model then predicts per position, while the labels say one thing per example.
Keras 3 (verified on 3.15.1 with TensorFlow, JAX and torch) rejects that pairing with a
cross-entropy at the first batch ("Argument `output` must have rank (ndim)
`target.ndim - 1`", "Arguments `target` and `output` must have the same shape"), an
error that names no layer; with a regression loss it broadcasts and trains the wrong
model.

## Example
```python
import keras
from keras import layers

(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
x_train = keras.utils.pad_sequences(x_train, maxlen=200)
model = keras.Sequential([
    keras.Input(shape=(200,)),
    layers.Embedding(10000, 64),
    layers.LSTM(32, return_sequences=True),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x_train, y_train, epochs=3)  # [keras-output-keeps-axis]
```

## Use instead
```python
import keras
from keras import layers

(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
x_train = keras.utils.pad_sequences(x_train, maxlen=200)
model = keras.Sequential([
    keras.Input(shape=(200,)),
    layers.Embedding(10000, 64),
    layers.LSTM(32),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x_train, y_train, epochs=3)
```

The last recurrent layer without `return_sequences=True` passes on its last output only.
For an image classifier, put `GlobalAveragePooling2D()` (or `Flatten()`, with many more
parameters) before the output `Dense`.

## Options
None.

## References
- [Keras `Dense`](https://keras.io/api/layers/core_layers/dense/): "If the input to the layer has a rank greater than 2, Dense computes the dot product between the inputs and the kernel along the last axis of the inputs"
- [Keras `GlobalAveragePooling2D`](https://keras.io/api/layers/pooling_layers/global_average_pooling2d/)
"""

from keraslint.engine.shapes import describe
from keraslint.rules.base import Finding, Rule, compiled_loss, output_apply

SYMBOL = "keras-output-keeps-axis"
# Loss families for which Keras 3 refuses per-example labels against such an output.
SHAPE_ERROR_FAMILIES = frozenset({"categorical", "sparse_categorical", "binary"})
# Losses Keras 3 broadcasts per-example labels under, by the name written (lower case).
BROADCASTING_LOSSES = frozenset({
    "mse", "mean_squared_error", "meansquarederror", "mae", "mean_absolute_error", "meanabsoluteerror",
})


def check(graph, config):
    for position, train in enumerate(graph.events):
        if train.kind != "train" or train.labels is None or not train.labels.per_example or train.model is None:
            continue
        loss = compiled_loss(graph.events[:position], train)
        output = _output_keeping_axes(train.model)
        if loss is None or output is None:
            continue
        if loss.family in SHAPE_ERROR_FAMILIES:
            effect = "fit() stops at the first batch with a shape error"
        elif loss.family == "other" and loss.name.lower() in BROADCASTING_LOSSES:
            effect = "Keras broadcasts each label over the positions and trains a per-position model without a word"
        else:
            continue
        yield Finding(
            SYMBOL,
            train.node,
            (output.layer.describe(), describe(output.output_shape), train.labels.node.lineno, loss.node.lineno, effect),
        )


def _output_keeping_axes(model):
    """The layer application that makes the one output of ``model``, when its shape is
    known to keep an axis besides the batch and the features; None otherwise."""
    apply = output_apply(model)
    shape = apply.output_shape if apply is not None else None
    return apply if shape is not None and len(shape) >= 3 else None


RULE = Rule(
    "E7325",
    SYMBOL,
    "The model's output from %s has shape %s, one prediction per position, but the labels passed here "
    "(prepared at line %s) hold one per example, and with the loss at line %s %s: add Flatten() or a "
    "global pooling layer before the output layer",
    "Model output that keeps a time or spatial axis, trained on one label per example",
    check,
)
