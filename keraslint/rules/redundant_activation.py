"""# keras-redundant-activation (W7312)

## What it does
Checks for the same activation applied twice in a row, such as
`Dense(64, activation="relu")` followed by `ReLU()` or `Activation("relu")`.
"""

from keraslint.graph import UNKNOWN
from keraslint.rules.base import Rule, finding

SYMBOL = "keras-redundant-activation"


def check(analysis, options):
    for graph in analysis.graphs:
        for apply in graph.applies_of({"Activation", "ReLU", "Softmax", "LeakyReLU", "ELU"}):
            activation = apply.layer.activation
            if activation in (UNKNOWN, "linear") or len(apply.inputs) != 1:
                continue
            producer = apply.inputs[0][0]
            if producer.layer is not apply.layer and producer.layer.activation == activation:
                yield finding(SYMBOL, apply.layer, apply.layer.describe(), activation, producer.layer.describe())


RULE = Rule(
    "W7312",
    SYMBOL,
    "%s applies %s to the output of %s, which already applied it; remove one of them",
    "The same activation applied twice in a row",
    check,
)
