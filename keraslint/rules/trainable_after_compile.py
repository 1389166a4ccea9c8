"""# keras-trainable-after-compile (W7303)

## What it does
Checks for `trainable` assigned on a model, a layer or `model.layers` after a model
that contains it was compiled, when that model is then trained with no `compile()` in
between and the change reaches that training call. Which cases misfire depends on the
Keras version (option `keras-major-version`).

The rule follows the trainable state along the program's paths, through `if`
branches and loops: at each training call it compares the model's trainable settings
with the state its train function uses (the one `compile()` captured on Keras 2; on
Keras 3 the one its first training call since `compile()` saw). A setting that one
path changes and another does not is unknown, and unknown is never flagged. When the
training call that misfires runs in the next iteration of a loop, the message says so.

## Why is this bad?
Whether a change to `trainable` takes effect without a new `compile()` depends on
the Keras version and backend, and where it does not, nothing warns you:

- **Keras 3, after the first `fit()`**: the TensorFlow backend silently keeps training
  the layer you froze (the compiled train function captured the old state), JAX raises
  a `ValueError`, and only torch applies the change. Code that "freezes the base after
  a few epochs" does something different on each backend.
- **Keras 3, between `compile()` and the first `fit()`**: the change takes effect on
  all three backends. Not flagged.
- **Keras 2 (tf.keras before Keras 3, `tf-keras` 2.x)**: `compile()` captures the
  trainable state. Any change after `compile()` is ignored until `compile()` is called
  again, even before the first `fit()`.
- **The GAN idiom** (`D.compile()`, then `D.trainable = False`, then
  `combined.compile()`, then `D.train_on_batch(...)` and `combined.train_on_batch(...)`):
  it relies on the Keras 2 behaviour, where `D` keeps training in its own
  `train_on_batch` and stays frozen only inside the combined model. On Keras 3 the
  trainable state is read at the first training step, so `D` is frozen in its own
  training too and silently stops learning. Flagged on Keras 3 only.
- **The GAN toggle idiom** (`D.trainable = True` before every `D.train_on_batch`,
  `False` before every `combined.train_on_batch`, in the training loop): every training
  call sees the state its train function first saw (Keras 3) or was compiled with
  (Keras 2), so it works on every backend. Not flagged. Setting `trainable` to the
  value it already has is not flagged either.

Recompiling after changing `trainable` works everywhere (it also resets the
optimizer state, which is what you want when fine-tuning with a lower learning rate).

## Example
```python
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(96, 96, 3))
inputs = keras.Input(shape=(96, 96, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(1, 2, epochs=5)
base.trainable = False  # [keras-trainable-after-compile]
model.fit(1, 2, epochs=5)
```

## Use instead
```python
import keras
from keras import layers

base = keras.applications.MobileNetV2(include_top=False, weights="imagenet", input_shape=(96, 96, 3))
base.trainable = False
inputs = keras.Input(shape=(96, 96, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(1, 2, epochs=5)
base.trainable = True
model.compile(optimizer=keras.optimizers.Adam(1e-5), loss=keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(1, 2, epochs=5)
```

For a GAN on Keras 3, write a custom `train_step` that applies each optimizer to its
own model's `trainable_weights`, as the keras.io DCGAN example does.

## Options
- `keras-major-version` (default `3`): the Keras major version the code targets.
  With `2`, any change after `compile()` that reaches a training call is flagged and
  the GAN idiom is not. Set it in the `[KERASLINT]` section of your pylintrc or pass
  `--keras-major-version=2`.

## References
- [Keras transfer learning and fine-tuning guide](https://keras.io/guides/transfer_learning/): "if you change any `trainable` value, make sure to call `compile()` again"
- [Keras FAQ: how can I freeze layers and do fine-tuning?](https://keras.io/getting_started/faq/#how-can-i-freeze-layers-and-do-finetuning)
- [DCGAN with a custom `train_step` (keras.io example)](https://keras.io/examples/generative/dcgan_overriding_train_step/)
"""

from astroid import nodes

from keraslint.engine.graph import UNKNOWN, target_within
from keraslint.rules.base import Finding, Rule

SYMBOL = "keras-trainable-after-compile"
KERAS3_AFTER_FIT = (
    "on Keras 3 the TensorFlow backend silently keeps the old trainable state, JAX raises a ValueError, "
    "only torch applies it. Call compile() again after changing trainable"
)
KERAS3_GAN = (
    "on Keras 3 this freezes {model} for its own training too, so it silently stops learning "
    "(Keras 2 captured trainable at compile(); Keras 3 reads it at the first training step). Write a custom "
    "train_step that applies each optimizer to its own model's trainable_weights, as the keras.io DCGAN example does"
)
KERAS2_IGNORED = (
    "on Keras 2 compile() captured the trainable state, so the change is ignored. "
    "Call compile() again after changing trainable"
)


def check(graph, config):
    keras_major = config.keras_major_version
    events = graph.events
    reported = set()
    for i, train in enumerate(events):
        if train.kind != "train" or train.compiled is None or train.compiled is UNKNOWN:
            continue
        for target, (_, origin) in _changes(train, keras_major):
            reason = _reason(events, origin, i, train, target, keras_major)
            if reason is not None and origin not in reported:
                reported.add(origin)
                assignment = events[origin]
                where = f"{train.node.lineno}{_next_iteration(assignment.node, train.node)}"
                yield Finding(SYMBOL, assignment.node, (assignment.target_name(), train.model.label(), where, reason))


def _next_iteration(assignment, train) -> str:
    """' (in the next iteration of the loop at line N)' when the training call comes
    before the assignment in the code, so runs after it only by looping."""
    if (train.lineno, train.col_offset) > (assignment.lineno, assignment.col_offset):
        return ""
    loop = train.parent
    while loop is not None and not (isinstance(loop, (nodes.For, nodes.While)) and loop.parent_of(assignment)):
        loop = loop.parent
    return f" (in the next iteration of the loop at line {loop.lineno})" if loop is not None else ""


def _changes(train, keras_major):
    """Trainable settings at ``train`` that differ from the state its train function
    uses: the one compile() captured (Keras 2), or the one the first training call
    since compile() captured (Keras 3; at that first call, the compiled one)."""
    if keras_major == 2 or train.first_trained is None:
        reference = train.compiled
    else:
        reference = train.first_trained
    if reference is UNKNOWN:
        return ()
    return train.trainable.differences(reference)


def _reason(events, origin, i, train, target, keras_major):
    """Why the assignment at events[origin] misfires at the training call events[i],
    or None if it works as written."""
    model = train.model
    refrozen_for_other = _compiled_inside_other_model(events, origin, i, target)
    if keras_major == 2:
        return None if refrozen_for_other else KERAS2_IGNORED
    if train.first_trained is not None:
        return KERAS3_AFTER_FIT
    # The first training call since compile() takes the change on Keras 3; it misfires
    # only in the GAN idiom, where the model was frozen to compile a model around it.
    if target is model and events[origin].value is False and refrozen_for_other:
        return KERAS3_GAN.format(model=model.label())
    return None


def _compiled_inside_other_model(events, origin, i, target):
    """Between the assignment and the training call, a model containing the target
    (but not the target itself) was compiled: the assignment was made for that model."""
    return any(
        e.kind == "compile" and e.model is not target and target_within(target, e.model) for e in events[origin + 1 : i]
    )


RULE = Rule(
    "W7303",
    SYMBOL,
    "`%s` is set after %s was compiled, and the training call at line %s has no compile() in between: %s",
    "trainable changed after compile() without compiling again",
    check,
    options=(
        (
            "keras-major-version",
            {
                "default": 3,
                "type": "int",
                "metavar": "<2 or 3>",
                "help": "Keras major version the code targets: 3 (default) or 2 (tf.keras before Keras 3, tf-keras).",
            },
        ),
    ),
)
