"""# keras-constant-kernel-initializer (W7314)

## What it does
Checks for a trainable `Dense` or convolution with more than one unit whose kernel
starts constant (`kernel_initializer="zeros"`, `"ones"`, `Constant(...)`,
`tf.zeros_initializer()` ..., Keras 1's `init="zero"`) where that constant cannot be
undone by training:

- its output reaches, through activations, `BatchNormalization`, pooling and `Flatten`
  only, layers whose kernels start constant too;
- or its kernel and bias start at zero under a ReLU: every pre-activation is 0 and
  ReLU's gradient at 0 is 0.

Off by default: on public application code (see BENCHMARKS.md, "lint:precision") its
only 5 findings were the layers of one network that a book breaks on purpose (`Constant(0)`
kernels) to show the failure: right about the code, but no help there, and no finding
elsewhere to show it reaches the 95% a default rule must. Enable it with
`--enable=keras-constant-kernel-initializer`.

## Why is this bad?
With a constant kernel every unit of the layer computes the same value. The gradients
that would make the units differ come from the next layer's weights; when those are
constant too, every unit receives the same gradient, keeps the same weights, and the
layer is as good as a layer of one unit, however wide it is declared ("symmetry"
that training never breaks). A zero kernel under a ReLU is worse: every output is 0,
every gradient is 0, and the layer never learns at all.

A constant kernel in the output layer (logistic regression started at zero), or before
a layer with a random initializer, trains: the rule leaves those alone.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu", kernel_initializer="zeros"),  # [keras-constant-kernel-initializer]
    layers.Dense(1, activation="sigmoid"),
])
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu"),  # glorot_uniform by default; he_normal suits ReLU
    layers.Dense(1, activation="sigmoid"),
])
```

## Options
None.

## References
- [Keras layer weight initializers](https://keras.io/api/layers/initializers/)
- Goodfellow, Bengio and Courville, [Deep Learning](https://www.deeplearningbook.org/contents/optimization.html) (2016), section 8.4: "the initial parameters need to break symmetry between different units"
- Nikanjam et al., [Automatic Fault Detection for Deep Learning Programs Using Graph Transformations](https://arxiv.org/abs/2105.08095) (NeuraLint, 2021)
"""

from keraslint.engine import names
from keraslint.engine.graph import UNKNOWN
from keraslint.engine.refs import Ref
from keraslint.keras_facts import KEEPS_UNITS_ALIKE
from keraslint.rules.base import Rule, finding, following, weighted_layers

SYMBOL = "keras-constant-kernel-initializer"
ZERO = frozenset({"zeros", "zero"})
CONSTANT = ZERO | {"ones", "one", "constant"}
DEAD_AT_ZERO = frozenset({"relu", "relu6"})  # gradient 0 at 0 on every backend


def check(graph, config):
    for apply in weighted_layers(graph):
        layer = apply.layer
        kernel = _initializer(layer.get("kernel_initializer", "glorot_uniform"))
        units = layer.get("units" if apply.kind == "Dense" else "filters", UNKNOWN)
        if kernel not in CONSTANT or layer.get("trainable", True) is not True or not _symmetric_bias(layer):
            continue
        if kernel in ZERO and layer.activation in DEAD_AT_ZERO and _zero_bias(layer):
            yield finding(SYMBOL, layer, f"{layer.describe()} starts with a zero kernel under {layer.activation}: every "
                          f"output is 0 and {layer.activation}'s gradient at 0 is 0, so the layer never learns; drop "
                          "kernel_initializer (or use 'he_normal')")
        elif isinstance(units, int) and units > 1:
            followers = following(graph, apply, {"Dense"} | names.CONV_LAYERS, KEEPS_UNITS_ALIKE)
            if followers and all(_initializer(f.layer.get("kernel_initializer", "glorot_uniform")) in CONSTANT for f in followers):
                yield finding(SYMBOL, layer, f"{layer.describe()} starts with a constant kernel ({kernel}) and so does "
                              f"{followers[0].layer.describe()} after it: its {units} units get the same gradient and stay "
                              "identical; use a random initializer (the default glorot_uniform)")


def _initializer(value):
    """'zeros' / 'ones' / 'constant' for a constant initializer, lower-cased; else the value."""
    if isinstance(value, Ref):
        name = value.qualified.rsplit(".", 1)[-1].lower()
        return name.removesuffix("_initializer")
    return value.lower() if isinstance(value, str) else value


def _zero_bias(layer) -> bool:
    return layer.get("use_bias", True) is False or _initializer(layer.get("bias_initializer", "zeros")) in ZERO


def _symmetric_bias(layer) -> bool:
    return layer.get("use_bias", True) is False or _initializer(layer.get("bias_initializer", "zeros")) in CONSTANT


RULE = Rule("W7314", SYMBOL, "%s", "Constant kernel initializer that training cannot undo", check, default_enabled=False)
