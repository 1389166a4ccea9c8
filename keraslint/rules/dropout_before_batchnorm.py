"""# keras-dropout-before-batchnorm (W7307)

## What it does
Checks for a Dropout layer whose output feeds a `BatchNormalization` directly (or
only through pooling and reshaping layers).
"""

from keraslint import names
from keraslint.rules.base import Rule, finding, when

SYMBOL = "keras-dropout-before-batchnorm"
PASS_THROUGH = names.POOLING_LAYERS | names.SHAPE_LAYERS


def check(analysis, options):
    for graph in analysis.graphs:
        for dropout in graph.applies_of(names.DROPOUT_LAYERS):
            for consumer, condition in graph.consumers(dropout):
                bn = _batchnorm_through(graph, consumer)
                if bn is not None:
                    yield finding(SYMBOL, dropout.layer, dropout.layer.describe(), bn.layer.node.lineno, when(condition))
                    break


def _batchnorm_through(graph, apply, depth=0):
    if apply.kind == "BatchNormalization":
        return apply
    if apply.kind in PASS_THROUGH and depth < 8:
        for consumer, _ in graph.consumers(apply):
            found = _batchnorm_through(graph, consumer, depth + 1)
            if found is not None:
                return found
    return None


RULE = Rule(
    "W7307",
    SYMBOL,
    "%s feeds the BatchNormalization at line %s%s: dropout changes the variance between training and inference, "
    "so the moving statistics do not match at inference; put Dropout after the BatchNormalization",
    "Dropout feeding BatchNormalization (variance shift)",
    check,
)
