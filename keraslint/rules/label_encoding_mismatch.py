"""# keras-label-encoding-mismatch (E7313)

## What it does
Checks the labels passed to `fit()` against the loss the model was compiled with, where
both are visible in the module:

- one-hot labels (from `to_categorical`, `tf.one_hot`, `keras.ops.one_hot`,
  `label_binarize` over more than two classes, `OneHotEncoder`, `pandas.get_dummies`)
  with `sparse_categorical_crossentropy`;
- integer labels (from `LabelEncoder`, or the labels `keras.datasets` `mnist`,
  `fashion_mnist`, `cifar10`, `cifar100`, `imdb` and `reuters` load) with
  `categorical_crossentropy`.

Labels are followed through assignments and `train_test_split`; anything else done to
them (`np.argmax`, indexing, reshaping) makes their encoding unknown, and the rule stays
silent.

## Why is this bad?
The sparse cross-entropy expects one integer class index per sample, the categorical one
a one-hot vector per sample. Given the other encoding, `fit()` stops at the first batch
with a shape error that does not name the labels: Keras 3 says ``Arguments `target` and
`output` must have the same rank`` (integer labels, categorical loss) or ``Argument
`output` must have rank (ndim) `target.ndim - 1` `` (one-hot labels, sparse loss); Keras 2
said `Shapes (None, 1) and (None, 10) are incompatible` or `logits and labels must have
the same first dimension`.

## Example
```python
import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
y_train = keras.utils.to_categorical(y_train, 10)
model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5)  # [keras-label-encoding-mismatch]
```

## Use instead
```python
import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5)
```

Keep integer labels with `sparse_categorical_crossentropy`, or one-hot labels with
`categorical_crossentropy`: the two losses compute the same thing.

## Options
None.

## References
- [Keras `SparseCategoricalCrossentropy`](https://keras.io/api/losses/probabilistic_losses/#sparsecategoricalcrossentropy-class): "use this crossentropy loss function when there are two or more label classes ... labels to be provided as integers"
- [Keras `CategoricalCrossentropy`](https://keras.io/api/losses/probabilistic_losses/#categoricalcrossentropy-class): "labels to be provided in a `one_hot` representation"
- [Keras `to_categorical`](https://keras.io/api/utils/python_utils/#tocategorical-function)
"""

from keraslint.rules.base import Finding, Rule, compiled_loss

SYMBOL = "keras-label-encoding-mismatch"
# Loss family -> the label encoding it cannot take, and the loss that takes it.
WRONG_LABELS = {
    "sparse_categorical": ("one-hot", "categorical_crossentropy"),
    "categorical": ("integer", "sparse_categorical_crossentropy"),
}


def check(graph, config):
    for position, train in enumerate(graph.events):
        if train.kind != "train" or train.labels is None or train.model is None:
            continue
        loss = compiled_loss(graph.events[:position], train)
        family = loss.family if loss is not None else None
        if family in WRONG_LABELS and WRONG_LABELS[family][0] == train.labels.encoding:
            yield Finding(
                SYMBOL,
                train.node,
                (train.labels.encoding, train.labels.node.lineno, family.replace("_", " "), WRONG_LABELS[family][1]),
            )


RULE = Rule(
    "E7313",
    SYMBOL,
    "The labels passed here are %s (prepared at line %s), but the model is compiled with %s cross-entropy, "
    "which expects the other encoding: use %s, or encode the labels to match",
    "One-hot labels with a sparse loss, or integer labels with a categorical loss",
    check,
)
