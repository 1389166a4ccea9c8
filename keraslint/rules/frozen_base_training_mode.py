"""# keras-frozen-base-training-mode (W7309)

## What it does
Checks for a pretrained or frozen base model that holds `BatchNormalization`, called
without `training=False` inside a model that is trained (`compile()`/`fit()` in the
same scope) or handed on to be trained (returned, kept on `self`, the `call()` of a
model class).

What counts as such a base:

- a `keras.applications` model with weights (all families but VGG and ConvNeXt hold
  `BatchNormalization`);
- a keras-hub (or keras-cv) model loaded with `from_preset` from a convolutional vision
  family (ResNet, EfficientNet, MobileNet, DenseNet, CSPNet, Xception, DeepLabV3,
  RetinaNet, BASNet, SegFormer, HGNetV2, D-FINE, YOLOV8; for the generic
  `Backbone`/`ImageClassifier` classes, judged by the preset's name);
- a model built in the module, set `trainable = False`, that contains a
  `BatchNormalization` (directly or in a nested model).

Not flagged: tokenizers, preprocessors and converters (they are no models);
transformer backbones and other models with no `BatchNormalization` (a GAN
discriminator of `Dense` layers); a model that is trained on its own (a GAN
discriminator toggled between its own training and the combined model's); a call made
outside any model, eagerly on data, or in a feature extractor used only through
`predict()`; a base inside a `Sequential` or functional model that is itself called
with `training=`; any call that passes `training=` explicitly; a base some of whose
layers the code freezes on their own (as in the fix below).

The message says what is true of that base: pretrained or frozen, the line where it
is unfrozen when the code unfreezes it, and, for a base listed in a `Sequential`, that
the `Sequential` calls it.

Off by default: on public application code (see BENCHMARKS.md, "lint:precision") 4 of its
8 findings were true and useful; most of the rest were bases that are frozen and never
unfrozen, where the missing `training=False` changes nothing, below the 95% a default rule
must reach. Enable it with `--enable=keras-frozen-base-training-mode` in projects that
fine-tune pretrained bases.

## Why is this bad?
The pretrained base's `BatchNormalization` layers carry moving statistics learnt on
the original data set. While the base is frozen they run in inference mode. Once it is
trainable (unfrozen for fine-tuning, or never frozen), they run in training mode: they
normalize with the statistics of your small batches and overwrite their moving mean
and variance, which wrecks the features the classifier was trained on, and the first
fine-tuning epochs undo what the model learned. The Keras transfer learning guide
therefore calls the base with `training=False`.

Caveat, verified on Keras 3.15.1 with the TensorFlow, JAX and torch backends:
`base(x, training=False)` inside a functional model is overridden during `fit()` (and
by any call of the model with `training=True`) while the base is trainable. There,
`training=False` keeps the statistics fixed only while the base stays frozen; to
fine-tune safely, also keep the base's `BatchNormalization` layers frozen when you
unfreeze the rest (see below). The message says so.

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
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
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
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
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

from astroid import nodes

from keraslint.rules.base import Finding, Rule

SYMBOL = "keras-frozen-base-training-mode"


def check(graph, config):
    trained = {e.model for e in graph.events if e.kind in ("compile", "train")}
    for apply in graph.applies_of({"Model"}):
        base = apply.layer.model
        if apply.training is not None or base.contains_batchnorm() is not True or base in trained:
            continue  # the caller chose the mode; nothing to protect; a model trained on its own (a GAN critic)
        settings = [e for e in graph.events if e.kind == "set_trainable" and e.model is base]
        # The freeze in effect is the last one: an unfreeze undone by a later freeze is no unfreeze.
        frozen = next((e for e in reversed(settings) if e.value is False), None)
        if not (base.pretrained or frozen) or not _runs_in_training(graph, apply, trained, set()):
            continue
        if any(e.kind == "set_trainable" and e.layers_of is base and e.value is not True for e in graph.events):
            continue  # (some of) its layers are frozen on their own, BatchNormalization maybe among them
        unfrozen = next((e for e in settings if frozen and e.value is True and e.node.lineno > frozen.node.lineno), None)
        yield Finding(SYMBOL, apply.node, _message_args(base, apply, frozen, unfrozen))


def _runs_in_training(graph, apply, trained, seen) -> bool:
    """Whether ``apply`` runs in training mode in a model that is trained here or
    handed on to be trained (returned, kept on ``self``, a model class's ``call()``),
    with no enclosing model call passing ``training`` down to it. A call made outside
    any model (eagerly on data, a feature extractor used through predict()) does not."""
    if apply in seen:
        return False
    seen.add(apply)
    owners = [model for model in graph.models if apply in model.applies]
    if not owners:
        return isinstance(graph.scope, nodes.ClassDef)  # the call() of a model or layer class
    for model in owners:
        if model in trained or model in graph.returned_models:
            return True
        for outer in graph.applies_of({"Model"}):
            if outer.layer.model is model and outer.training is None and _runs_in_training(graph, outer, trained, seen):
                return True
    return False


def _message_args(base, apply, frozen, unfrozen) -> tuple:
    name = base.name or f"the {base.architecture or base.style + ' model'}"
    what = f"pretrained {base.architecture}" if base.name and base.architecture else "pretrained"
    if frozen is not None:
        what = f"frozen at line {frozen.node.lineno}" if not base.pretrained else f"{what}, frozen at line {frozen.node.lineno}"
    listed = isinstance(apply.node.parent, (nodes.List, nodes.Tuple))
    how = "is listed in a Sequential, which calls it" if listed else "is called"
    if unfrozen is not None:
        effect = (
            f"when it is unfrozen at line {unfrozen.node.lineno}, its BatchNormalization layers run in training mode, "
            "normalize with the statistics of your batches and overwrite the moving statistics it learned"
        )
    elif frozen is not None:
        effect = (
            "its BatchNormalization layers run in inference mode only while it stays frozen; once it is unfrozen for "
            "fine-tuning they normalize with the statistics of your batches and overwrite the moving statistics it learned"
        )
    else:
        effect = (
            "it is trainable, so its BatchNormalization layers run in training mode, normalize with the statistics of "
            "your batches and overwrite the moving statistics learned in pretraining"
        )
    call = f"{'build the model functionally and ' if listed else ''}call it as {base.name or 'base'}(x, training=False)"
    if frozen is not None:
        fix = (
            f"{call[0].upper()}{call[1:]}, and when unfreezing it keep its BatchNormalization layers frozen: Keras up to "
            "3.15.1 overrides training=False inside fit() once the base is trainable"
        )
    else:
        fix = (
            "Keep its BatchNormalization layers frozen (trainable = False on each), which holds them in inference "
            "mode: Keras up to 3.15.1 overrides training=False inside fit() while the base is trainable"
        )
    return name, what, base.node.lineno, how, effect, fix


RULE = Rule(
    "W7309",
    SYMBOL,
    "%s (%s, built at line %s) %s without training=False: %s. %s",
    "Pretrained or frozen base with BatchNormalization called without training=False",
    check,
    default_enabled=False,
)
