"""# keras-dense-on-unflattened (W7311)

## What it does
Checks for a `Dense` layer applied to the feature map of a 2D or 3D convolution or
pooling layer, with no `Flatten` or global pooling in between. `Dense` after a
`Conv1D` (a sequence model working per time step) is not flagged.

Off by default: its one finding on public application code (see BENCHMARKS.md,
"lint:precision") was a patch-wise GAN discriminator whose per-position output is meant,
so its precision there is not shown to reach the 95% a default rule must reach. Enable it
with `--enable=keras-dense-on-unflattened`.

## Why is this bad?
On an input of rank greater than 2, Keras's `Dense` multiplies along the last axis
only: after a `Conv2D` it maps `(batch, height, width, channels)` to
`(batch, height, width, units)`, a 1x1 convolution. A classifier built this way
outputs one prediction per position instead of one per image. The loss then either
fails with a shape error far from the cause, or (with sparse labels that broadcast)
trains a per-pixel classifier that is scored wrongly.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Dense(10, activation="softmax"),  # [keras-dense-on-unflattened]
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
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
```

`layers.GlobalAveragePooling2D()` instead of `Flatten()` gives far fewer parameters.

## Options
None.

## References
- [Keras `Dense`](https://keras.io/api/layers/core_layers/dense/): "If the input to the layer has a rank greater than 2, Dense computes the dot product between the inputs and the kernel along the last axis of the inputs"
- [Keras `Flatten`](https://keras.io/api/layers/reshaping_layers/flatten/) and [`GlobalAveragePooling2D`](https://keras.io/api/layers/pooling_layers/global_average_pooling2d/)
- Lin, Chen and Yan, [Network In Network](https://arxiv.org/abs/1312.4400) (2013): global average pooling before the classifier
"""

from keraslint.engine import names
from keraslint.keras_facts import KEEPS_SHAPE
from keraslint.rules.base import Rule, finding

SYMBOL = "keras-dense-on-unflattened"
FEATURE_MAPS = frozenset(k for k in names.CONV_LAYERS | names.POOLING_LAYERS if not k.startswith("Global") and "1D" not in k)


def check(graph, config):
    for dense in graph.applies_of({"Dense"}):
        source = _feature_map_source(dense)
        if source is not None and dense.rank is not None and dense.rank >= 4:
            yield finding(SYMBOL, dense.layer, dense.layer.describe(), source.layer.describe() + dense.carried_from(source), dense.rank - 2)


def _feature_map_source(apply):
    """The conv/pooling layer whose spatial output reaches ``apply`` unchanged in shape."""
    for producer, _ in apply.inputs:
        if producer.kind in FEATURE_MAPS:
            return producer
        if producer.kind in KEEPS_SHAPE:
            found = _feature_map_source(producer)
            if found is not None:
                return found
    return None


RULE = Rule(
    "W7311",
    SYMBOL,
    "%s is applied to the feature map of %s: Keras applies Dense to the last axis only, so the output keeps %s "
    "spatial axes; add Flatten() or GlobalAveragePooling before it",
    "Dense on a spatial feature map without Flatten or global pooling",
    check,
    default_enabled=False,
)
