"""# keras-kernel-size-growing (W7319)

## What it does
Checks for a convolution whose kernel is larger than that of the convolution before it.
A 1x1 convolution followed by a larger one (bottleneck and Inception branches), a
strided convolution on either side (it down-samples in place of pooling, its kernel
sized to its stride, as DCGAN's 4x4 with stride 2), and the convolution that produces
the model's output (a generator's 7x7 image layer, a 7x7 valid convolution that is the
classifier) are left alone.

This is a design heuristic (from NeuraLint's rules), off by default: enable it with
`--enable=keras-kernel-size-growing` where it fits the project.

## Why is this bad?
Stacked convolutions already grow the receptive field: two 3x3 layers see a 5x5 window,
three see 7x7, with fewer weights and more non-linearities than one large kernel. Large
kernels belong at the start of the network, on the large input (7x7 in ResNet's stem),
and small ones later; a kernel that grows with depth spends many weights where the
feature maps are already small, and usually means the sizes were written in the wrong
order.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 7, activation="relu"),  # [keras-kernel-size-growing]
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(32, 7, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
```

## Options
None.

## References
- Nikanjam et al., [Automatic Fault Detection for Deep Learning Programs Using Graph Transformations](https://arxiv.org/abs/2105.08095) (NeuraLint, 2021): "kernel sizes should not grow with depth"
- Simonyan and Zisserman, [Very Deep Convolutional Networks](https://arxiv.org/abs/1409.1556) (VGG, 2014), section 2.3: stacks of small kernels
"""

from keraslint.engine import names
from keraslint.rules.base import Rule, finding, kernel_extent, last_weighted_layer, successive_convolutions

SYMBOL = "keras-kernel-size-growing"
CONVS = frozenset(k for k in names.CONV_LAYERS if not k.endswith("Transpose"))


def check(graph, config):
    for conv, nxt in successive_convolutions(graph, CONVS):
        size, larger = kernel_extent(conv.layer), kernel_extent(nxt.layer)
        if size in (None, 1) or larger is None or not _unstrided(conv):
            continue
        # An output convolution is sized by the task; a strided one's kernel by its stride (DCGAN's 4x4, stride 2).
        if larger > size and not last_weighted_layer(graph, nxt) and _unstrided(nxt):
            yield finding(SYMBOL, nxt.layer, nxt.layer.describe(), larger, conv.layer.describe(), size)


def _unstrided(conv) -> bool:
    return conv.layer.get("strides", 1) in (1, (1, 1), (1, 1, 1))


RULE = Rule(
    "W7319",
    SYMBOL,
    "%s has a kernel of %s, larger than the %s before it (%s): kernels usually shrink or stay with depth "
    "(design heuristic)",
    "Convolution kernels growing with depth (heuristic, off by default)",
    check,
    default_enabled=False,
)
