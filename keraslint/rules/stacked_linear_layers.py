"""# keras-stacked-linear-layers (W7308)

## What it does
Checks for two Dense or convolution layers with no activation between them (only
BatchNormalization, Dropout or reshaping in between).
"""

from keraslint import names
from keraslint.rules.base import Rule, finding, when

SYMBOL = "keras-stacked-linear-layers"
STILL_LINEAR = names.DROPOUT_LAYERS | {"BatchNormalization", "Reshape", "Flatten"}
WEIGHTED = names.CONV_LAYERS | {"Dense"}


def check(analysis, options):
    for graph in analysis.graphs:
        for apply in graph.applies_of(WEIGHTED):
            if not apply.layer.is_linear_transform:
                continue
            stack = [(c, cond, 0) for c, cond in graph.consumers(apply)]
            while stack:
                consumer, condition, depth = stack.pop()
                if consumer.kind in WEIGHTED:
                    yield finding(SYMBOL, apply.layer, apply.layer.describe(), consumer.layer.describe(), when(condition))
                    break
                if consumer.kind in STILL_LINEAR and depth < 8:
                    stack.extend((c, condition | cond, depth + 1) for c, cond in graph.consumers(consumer))


RULE = Rule(
    "W7308",
    SYMBOL,
    "%s has no activation and feeds %s%s: two linear layers in a row collapse into one linear map; "
    "add an activation between them",
    "Two linear layers in a row",
    check,
)
