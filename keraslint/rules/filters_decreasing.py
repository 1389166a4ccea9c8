"""# keras-filters-decreasing (W7317)

## What it does
Checks for a convolution with fewer filters than the convolution before it, in a scope
that does not up-sample (no `UpSampling`, transposed convolution or `Reshape`: decoders
and generators narrow on purpose). 1x1 convolutions on either side are left alone
(bottleneck and projection layers change channels by design), and so is a convolution
that produces the model's output, directly or through layers without weights
(activations, pooling, `Flatten`): an image-to-image network's last layer has as many
filters as the output has channels, a discriminator's last one makes a 1-channel score
map. A model whose output has the shape of its input (an autoencoder or a denoiser at
full resolution) narrows towards its bottleneck on purpose and is left alone too.

This is a design heuristic (from NeuraLint's rules), off by default: enable it with
`--enable=keras-filters-decreasing` where it fits the project.

## Why is this bad?
A convolutional encoder trades resolution for features: as pooling and strides shrink
the feature maps, later layers combine simpler features into more kinds of complex ones
and need more channels to hold them (VGG 64 -> 128 -> 256 -> 512, ResNet likewise).
Fewer filters deeper in the network squeeze the representation where it should widen,
and usually mean the numbers were written in the wrong order.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(128, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),  # [keras-filters-decreasing]
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(128, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
```

## Options
None.

## References
- Nikanjam et al., [Automatic Fault Detection for Deep Learning Programs Using Graph Transformations](https://arxiv.org/abs/2105.08095) (NeuraLint, 2021): "the number of filters should increase with depth"
- Simonyan and Zisserman, [Very Deep Convolutional Networks](https://arxiv.org/abs/1409.1556) (VGG, 2014), section 2.1
"""

from keraslint.rules.base import (
    FILTER_CONVS, Rule, decodes, finding, kernel_extent, known_int, last_weighted_layer, reconstructions,
    successive_convolutions,
)

SYMBOL = "keras-filters-decreasing"


def check(graph, config):
    if decodes(graph):
        return
    autoencoders = reconstructions(graph)
    for conv, nxt in successive_convolutions(graph, FILTER_CONVS):
        filters, fewer = known_int(conv.layer.get("filters")), known_int(nxt.layer.get("filters"))
        if filters is None or fewer is None or {kernel_extent(conv.layer), kernel_extent(nxt.layer)} & {1, None}:
            continue
        if fewer < filters and not last_weighted_layer(graph, nxt) and nxt not in autoencoders:
            yield finding(SYMBOL, nxt.layer, nxt.layer.describe(), fewer, conv.layer.describe(), filters)


RULE = Rule(
    "W7317",
    SYMBOL,
    "%s has %s filters, fewer than the %s before it (%s): encoders usually widen with depth (design heuristic)",
    "Fewer convolution filters deeper in the network (heuristic, off by default)",
    check,
    default_enabled=False,
)
