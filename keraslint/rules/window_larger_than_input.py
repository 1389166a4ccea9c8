"""# keras-window-larger-than-input (E7322)

## What it does
Checks for a `valid`-padded convolution or pooling layer (`Conv1D/2D/3D`,
`SeparableConv`, `DepthwiseConv`, `MaxPooling`, `AveragePooling`) whose kernel or pool
window, dilation included, is larger than the spatial size of its input, as far as the
input shape is known from the code: typically a 28x28 input pooled and convolved until
nothing is left, or a 3x3 kernel on a 2x2 map. A dimension the code does not show
gives no finding, and neither does a layer with the default data format in a model fed
images shaped channels-first, `(3, 224, 224)`: such code was written for a `keras.json`
that sets `channels_first`, so which axes are spatial is not known.

## Why is this bad?
Keras refuses to build the model: "Computed output size would be zero or negative".
The error comes when the model is built, often after data loading, and names the
layer's input shape but not the layers upstream that shrank it.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3),  # 26x26
    layers.MaxPooling2D(2),  # 13x13
    layers.Conv2D(64, 3),  # 11x11
    layers.MaxPooling2D(4),  # 2x2
    layers.Conv2D(64, 3),  # [keras-window-larger-than-input]
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(2),
    layers.Conv2D(64, 3),
    layers.MaxPooling2D(4),
    layers.Conv2D(64, 3, padding="same"),  # or fewer / smaller down-sampling steps
])
```

## Options
None.

## References
- [Keras `Conv2D`](https://keras.io/api/layers/convolution_layers/convolution2d/): `padding="valid"` means no padding, so the output shrinks by the kernel size minus one
- [Keras `MaxPooling2D`](https://keras.io/api/layers/pooling_layers/max_pooling2d/): the output shape with `padding="valid"`
"""

from keraslint.engine import shapes
from keraslint.rules.base import Rule, fed_channels_first_image, finding

SYMBOL = "keras-window-larger-than-input"


def check(graph, config):
    reported = set()
    for apply in graph.applies:
        if len(apply.input_shapes) != 1 or apply.shapes is None or apply.layer.node in reported:
            continue
        (shape,) = apply.input_shapes
        overflow = shapes.windows_larger_than_input(apply.layer, shape, apply.shapes.data_format)
        if overflow and not _format_in_doubt(apply):
            reported.add(apply.layer.node)
            what = "pool window" if "Pooling" in apply.kind else "kernel"
            sizes = ", ".join(f"{window} > {size}" for size, window in overflow)
            yield finding(SYMBOL, apply.layer, apply.layer.describe(), shapes.describe(shape), what, sizes)


def _format_in_doubt(apply) -> bool:
    """A layer with the default data format in a model fed channels-first images: the code
    was written for a ``keras.json`` saying ``channels_first``, so which axes are spatial is not known."""
    return apply.layer.get("data_format", None) is None and fed_channels_first_image(apply)


RULE = Rule(
    "E7322",
    SYMBOL,
    "%s gets an input of shape %s, smaller than its %s (%s) with padding='valid': Keras cannot build it "
    "(output size zero or negative); use padding='same' or down-sample less before it",
    "Valid-padded convolution or pooling window larger than its input",
    check,
)
