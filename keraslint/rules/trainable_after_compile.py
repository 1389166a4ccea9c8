"""# keras-trainable-after-compile (W7303)

## What it does
Checks for `.trainable` assigned on a model, a layer, or `model.layers` after a model
containing it was compiled, when that model is then trained with no `compile()` in
between.
"""

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


def check(analysis, options):
    keras_major = options.get("keras_major_version", 3)
    for graph in analysis.graphs:
        events = graph.events
        for i, event in enumerate(events):
            if event.kind != "set_trainable":
                continue
            for model in {e.model for e in events[:i] if e.kind == "compile"}:
                if not event.targets_within(model):
                    continue
                reason = _reason(events, i, model, keras_major)
                if reason is not None:
                    train = _next_training(events, i, model)
                    yield Finding(
                        SYMBOL, event.node, (event.target_name(), model.name, train.node.lineno, reason)
                    )


def _reason(events, i, model, keras_major):
    """Why the assignment at events[i] misfires for ``model``, or None if it works."""
    train = _next_training(events, i, model)
    if train is None:
        return None
    last_compile = max(j for j, e in enumerate(events[:i]) if e.kind == "compile" and e.model is model)
    trained_since_compile = any(e.kind == "train" and e.model is model for e in events[last_compile:i])
    if keras_major == 2:
        recompiled_in_other_model = _compiled_inside_other_model(events, i, model)
        return None if recompiled_in_other_model else KERAS2_IGNORED
    if trained_since_compile:
        return KERAS3_AFTER_FIT
    if _compiled_inside_other_model(events, i, model):
        return KERAS3_GAN.format(model=model.name)
    return None


def _next_training(events, i, model):
    """The next train event of ``model`` after events[i], if no compile of it comes first."""
    for event in events[i + 1 :]:
        if event.model is model and event.kind == "compile":
            return None
        if event.model is model and event.kind == "train":
            return event
    return None


def _compiled_inside_other_model(events, i, model):
    """The GAN idiom: after freezing ``model``, another model containing it is compiled."""
    return any(
        e.kind == "compile" and e.model is not model and e.model.contains_model(model) for e in events[i + 1 :]
    ) and events[i].model is model


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
