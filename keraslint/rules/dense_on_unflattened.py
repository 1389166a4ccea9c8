"""# keras-dense-on-unflattened (W7311)

## What it does
Checks for a Dense layer applied to the feature map of a 2D/3D convolution or
pooling layer, with no Flatten or global pooling in between.
"""

from keraslint import names
from keraslint.rules.base import Rule, finding

SYMBOL = "keras-dense-on-unflattened"
FEATURE_MAPS = frozenset(k for k in names.CONV_LAYERS | names.POOLING_LAYERS if not k.startswith("Global") and "1D" not in k)
KEEPS_SHAPE = names.DROPOUT_LAYERS | names.ACTIVATION_LAYERS | {"BatchNormalization"}


def check(analysis, options):
    for graph in analysis.graphs:
        for dense in graph.applies_of({"Dense"}):
            source = _feature_map_source(dense)
            if source is not None and dense.rank is not None and dense.rank >= 4:
                yield finding(SYMBOL, dense.layer, dense.layer.describe(), source.layer.describe(), dense.rank - 2)


def _feature_map_source(apply):
    """The conv/pooling layer whose spatial output reaches ``apply`` unchanged in shape."""
    for producer, _ in apply.inputs:
        if producer.kind in FEATURE_MAPS:
            return producer
        if producer.kind in KEEPS_SHAPE:
            found = _feature_map_source(producer)
            if found is not None:
                return found
    return None


RULE = Rule(
    "W7311",
    SYMBOL,
    "%s is applied to the feature map of %s: Keras applies Dense to the last axis only, so the output keeps %s "
    "spatial axes; add Flatten() or GlobalAveragePooling before it",
    "Dense on a spatial feature map without Flatten or global pooling",
    check,
)
