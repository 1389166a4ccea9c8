"""# keras-bias-before-batchnorm (W7301)

## What it does
Checks for a Dense or convolution layer with a bias and no activation whose output
reaches a `BatchNormalization` directly, or only through layers that commute with a
per-channel shift (max/average pooling, global pooling, cropping, upsampling).
"""

from keraslint import names
from keraslint.rules.base import Rule, finding, normalizes_channels, weighted_layers, when

SYMBOL = "keras-bias-before-batchnorm"
# Layers f with f(x + b) == f(x) + b for a per-channel constant b.
COMMUTES_WITH_CHANNEL_SHIFT = frozenset(
    k for k in names.POOLING_LAYERS | names.SHAPE_LAYERS if k.startswith(("Max", "Average", "Global", "Cropping", "UpSampling"))
)


def check(analysis, options):
    for graph in analysis.graphs:
        for apply in weighted_layers(graph):
            layer = apply.layer
            if layer.get("use_bias", True) is not True or layer.activation != "linear":
                continue
            reached = graph.reaches_only(apply, frozenset({"BatchNormalization"}), COMMUTES_WITH_CHANNEL_SHIFT)
            for bn, condition in reached or ():
                if normalizes_channels(bn):
                    yield finding(SYMBOL, layer, layer.describe(), bn.layer.node.lineno, when(condition), extra=[bn.layer])
                    break


RULE = Rule(
    "W7301",
    SYMBOL,
    "%s has a bias that the BatchNormalization at line %s cancels%s: pass use_bias=False",
    "Bias followed by BatchNormalization, which subtracts it again",
    check,
)
