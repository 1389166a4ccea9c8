"""# keras-frozen-base-training-mode (W7309)

## What it does
Checks for a pretrained base (a `keras.applications` model with weights, a keras-hub
backbone from a preset, or any model whose `trainable` is set to False) called inside
a new model without `training=False`.
"""

from keraslint.names import KNOWN_LAYERS
from keraslint.rules.base import Finding, Rule

SYMBOL = "keras-frozen-base-training-mode"


def check(analysis, options):
    for graph in analysis.graphs:
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
