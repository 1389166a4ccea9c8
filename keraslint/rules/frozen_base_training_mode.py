"""# keras-frozen-base-training-mode (W7309)

## What it does
Checks for a pretrained base (a `keras.applications` model with weights, a keras-hub
backbone from a preset, or any model whose `trainable` is set to False) called inside
a new model without `training=False`.
"""

from keraslint.rules.base import Finding, Rule

SYMBOL = "keras-frozen-base-training-mode"


def check(analysis, options):
    for graph in analysis.graphs:
        frozen = {e.model for e in graph.events if e.kind == "set_trainable" and e.model is not None and e.value is False}
        for apply in graph.applies_of({"Model"}):
            base = apply.layer.model
            if (base.pretrained or base in frozen) and apply.training is not False:
                why = "pretrained" if base.pretrained else "frozen"
                yield Finding(SYMBOL, apply.node, (base.name, why, base.node.lineno))


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
