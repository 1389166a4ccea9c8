"""# keras-batchnorm-on-raw-input (W7310)

## What it does
Checks for a `BatchNormalization` applied directly to the model's input (the first
layer of a `Sequential`, or applied to a `keras.Input`), seen through layers that only
reshape it (`Flatten`, `Reshape`, `InputLayer`). Not flagged: a `BatchNormalization`
that opens a BatchNormalization-activation-convolution block (the DenseNet and
pre-activation ResNet order), which belongs to the block the model repeats rather than
to the input (feed such a model scaled data), and a Keras 1
`BatchNormalization(mode=2)`, which uses the batch's statistics at inference too.

## Why is this bad?
`BatchNormalization` normalizes with the current batch's statistics in training and
with moving averages at inference. The moving mean and variance start at 0 and 1 and
move towards the data with `momentum=0.99`, so after `n` training steps `0.99**n` of
that starting point remains: 37% after 100 steps, 0.7% after 500. On raw data with a
large scale (pixels in 0..255, prices, counts) the inference-time normalization is far
from the training-time one for a long time, so `evaluate()` and `predict()` see
differently scaled inputs than training did. Training also depends on the batch size:
small batches give noisy statistics of the raw data.

Raw inputs have fixed statistics that can be computed once. A `Normalization` layer
adapted to the training data (or a `Rescaling` layer) applies exactly the same
transform in training and inference.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.BatchNormalization(),  # [keras-batchnorm-on-raw-input]
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])
```

## Use instead
```python
import keras
from keras import layers

normalizer = layers.Normalization()
# normalizer.adapt(train_features) computes the mean and variance once.
model = keras.Sequential([
    keras.Input(shape=(20,)),
    normalizer,
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])
```

## Options
None.

## References
- [Keras `Normalization` preprocessing layer](https://keras.io/api/layers/preprocessing_layers/numerical/normalization/)
- [Keras `BatchNormalization` (`momentum`, moving statistics)](https://keras.io/api/layers/normalization_layers/batch_normalization/)
- Ioffe and Szegedy, [Batch Normalization](https://arxiv.org/abs/1502.03167) (2015), section 3.1: inference uses population statistics
"""

from keraslint.engine import names
from keraslint.rules.base import Rule, finding, when, weighted_layers

SYMBOL = "keras-batchnorm-on-raw-input"


RESHAPES = frozenset({"Flatten", "Reshape"})


def check(graph, config):
    weighted = set(weighted_layers(graph))
    for bn in graph.applies_of({"BatchNormalization"}):
        if bn.layer.get("mode", 0) == 2:
            continue
        if bn.inputs and all(_raw_input(p) for p, _ in bn.inputs) and not _opens_preactivation_block(graph, bn, weighted):
            yield finding(SYMBOL, bn.layer, bn.layer.describe(), when(bn.condition))


def _raw_input(apply) -> bool:
    """Whether ``apply`` is a model input, maybe flattened or reshaped."""
    while apply.kind in RESHAPES and len(apply.inputs) == 1:
        apply = apply.inputs[0][0]
    return apply.kind == "Input"


def _opens_preactivation_block(graph, bn, weighted) -> bool:
    """BatchNormalization, activation, then convolution (the DenseNet / pre-activation
    ResNet order): the normalization belongs to the block the model repeats, not to
    the input; feed such a model scaled data."""
    consumers = [c for c, _ in graph.consumers(bn)]
    return bool(consumers) and all(
        c.kind in names.ACTIVATION_LAYERS
        and graph.consumers(c)
        and all(w in weighted for w, _ in graph.consumers(c))
        for c in consumers
    )


RULE = Rule(
    "W7310",
    SYMBOL,
    "%s normalizes the raw model input%s with moving statistics learnt during training: normalize the data "
    "once with a Normalization layer adapted to it (or Rescaling), which has no train/inference gap",
    "BatchNormalization as the first layer on raw input",
    check,
)
