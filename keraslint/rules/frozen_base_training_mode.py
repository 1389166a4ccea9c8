"""# keras-frozen-base-training-mode (W7309)

## What it does
Checks for a pretrained base (a `keras.applications` model with weights, a keras-hub
backbone loaded from a preset) or a model whose `trainable` is set to False, called
inside a new model without `training=False`. A frozen model the code shows to hold no
`BatchNormalization` (such as a GAN discriminator made of `Dense` layers) is not
flagged.

## Why is this bad?
The pretrained base's `BatchNormalization` layers carry moving statistics learnt on
the original data set. As long as the base is frozen they run in inference mode. Once
you unfreeze it for fine-tuning, a base called without `training=False` runs them in
training mode: they normalize with the statistics of your small batches and overwrite
their moving mean and variance, which wrecks the features the classifier was trained
on, and the first fine-tuning epochs undo what the model learned. The Keras transfer
learning guide therefore calls the base with `training=False`.

Caveat, verified on Keras up to 3.15.1: `base(x, training=False)` inside a functional
model is overridden during `fit()`. There, `training=False` keeps the statistics fixed
only while the base stays frozen; to fine-tune safely, also keep the base's
`BatchNormalization` layers frozen when you unfreeze the rest (see below).

## Example
```python
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(160, 160, 3))
base.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base(inputs)  # [keras-frozen-base-training-mode]
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
```

## Use instead
```python
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(160, 160, 3))
base.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
# Fine-tuning later: unfreeze the base but keep its BatchNormalization layers frozen.
base.trainable = True
for layer in base.layers:
    if isinstance(layer, layers.BatchNormalization):
        layer.trainable = False
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss=keras.losses.BinaryCrossentropy(from_logits=True))
```

## Options
None.

## References
- [Keras transfer learning and fine-tuning guide](https://keras.io/guides/transfer_learning/), "An end-to-end example" and the note on `BatchNormalization`
- [Keras FAQ: the `training` argument versus the `trainable` attribute](https://keras.io/getting_started/faq/#whats-the-difference-between-the-training-argument-in-call-and-the-trainable-attribute)
- Ioffe and Szegedy, [Batch Normalization](https://arxiv.org/abs/1502.03167) (2015)
"""

from keraslint.engine.names import KNOWN_LAYERS
from keraslint.rules.base import Finding, Rule

SYMBOL = "keras-frozen-base-training-mode"


def check(graph, config):
    frozen = {e.model for e in graph.events if e.kind == "set_trainable" and e.model is not None and e.value is False}
    for apply in graph.applies_of({"Model"}):
        base = apply.layer.model
        if not (base.pretrained or (base in frozen and _may_hold_batchnorm(base))):
            continue
        if apply.training is not False:
            why = "pretrained" if base.pretrained else "frozen"
            yield Finding(SYMBOL, apply.node, (base.name, why, base.node.lineno))


def _may_hold_batchnorm(model, seen=None) -> bool:
    """False only when every layer of ``model`` is known and none is a BatchNormalization
    (a frozen GAN discriminator of Dense layers has no statistics to protect)."""
    seen = seen or set()
    if id(model) in seen:
        return False
    seen.add(id(model))
    if model.style not in ("sequential", "functional") or not model.output_is_known or model.outputs is None:
        return True
    for apply in model.applies:
        if apply.kind == "Model" and apply.layer.model is not None:
            if _may_hold_batchnorm(apply.layer.model, seen):
                return True
        elif apply.kind == "BatchNormalization" or apply.kind not in KNOWN_LAYERS:
            return True
    return False


RULE = Rule(
    "W7309",
    SYMBOL,
    "%s (%s, built at line %s) is called without training=False: once it is unfrozen for fine-tuning, its "
    "BatchNormalization layers update their statistics and the model forgets what it learned. Call it as "
    "base(x, training=False) (note: Keras up to 3.15.1 overrides training=False inside fit(), so this keeps "
    "BatchNormalization in inference mode only while the base stays frozen)",
    "Pretrained or frozen base called without training=False",
    check,
)
