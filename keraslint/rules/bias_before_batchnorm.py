"""# keras-bias-before-batchnorm (W7301)

## What it does
Checks for a `Dense` or convolution layer that has a bias and no activation, whose
output reaches a `BatchNormalization` directly, or only through layers that commute
with a per-channel shift (max/average pooling, global pooling, cropping, upsampling).

## Why is this bad?
In training mode `BatchNormalization` subtracts the batch mean of every channel. A
constant per-channel bias `b` shifts that mean by exactly `b`, so it is subtracted
again: the layer's output does not depend on `b` at all, and the gradient reaching `b`
is zero. At inference the moving mean has absorbed `b` in the same way. The bias is
dead weight: parameters, memory and optimizer state that never learn anything, and
weight decay on it is meaningless. `BatchNormalization` already has its own learnt
shift (`beta`, with `center=True`), which takes the bias's role; Ioffe and Szegedy
drop the bias for exactly this reason.

The rule stays silent when the layer's output is also used elsewhere (a residual
branch, a second head, a value returned from a function): there the bias is not
cancelled.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same"),  # [keras-bias-before-batchnorm]
    layers.BatchNormalization(),
    layers.ReLU(),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, padding="same", use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
])
```

## Options
None.

## References
- Ioffe and Szegedy, [Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift](https://arxiv.org/abs/1502.03167) (2015), section 3.2: "the bias b can be ignored since its effect will be canceled by the subsequent mean subtraction"
- [Keras `BatchNormalization`](https://keras.io/api/layers/normalization_layers/batch_normalization/)
- [Keras `Conv2D` (`use_bias`)](https://keras.io/api/layers/convolution_layers/convolution2d/)
"""

from keraslint.keras_facts import COMMUTES_WITH_CHANNEL_SHIFT
from keraslint.rules.base import Rule, finding, normalizes_channels, weighted_layers, when

SYMBOL = "keras-bias-before-batchnorm"


def check(graph, config):
    for apply in weighted_layers(graph):
        layer = apply.layer
        if layer.get("use_bias", True) is not True or layer.activation != "linear":
            continue
        reached = graph.reaches_only(apply, frozenset({"BatchNormalization"}), COMMUTES_WITH_CHANNEL_SHIFT)
        for bn, condition in reached or ():
            if normalizes_channels(bn):
                yield finding(SYMBOL, layer, layer.describe(), bn.layer.node.lineno, when(condition), extra=[bn.layer])
                break


RULE = Rule(
    "W7301",
    SYMBOL,
    "%s has a bias that the BatchNormalization at line %s cancels%s: pass use_bias=False",
    "Bias followed by BatchNormalization, which subtracts it again",
    check,
)
