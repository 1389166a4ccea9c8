"""# keras-loss-activation-mismatch (E7306)

## What it does
Checks for output activations that do not fit the loss: sigmoid with categorical
cross-entropy over several units, softmax with binary cross-entropy, and a
`Dense(1, activation="softmax")`, which always outputs 1.0.
"""

from keraslint.graph import UNKNOWN
from keraslint.rules.base import Rule, compiled_outputs, finding

SYMBOL = "keras-loss-activation-mismatch"


def check(analysis, options):
    for graph in analysis.graphs:
        for apply in graph.applies_of({"Dense"}):
            if apply.layer.get("units") == 1 and apply.layer.activation == "softmax":
                yield finding(SYMBOL, apply.layer, f"{apply.layer.describe()} has one unit and softmax: it always outputs 1.0 "
                              "and learns nothing; use activation='sigmoid' for a binary output")
    for event, activation, layer in compiled_outputs(analysis):
        family, units = event.loss.family, layer.get("units", UNKNOWN) if layer.kind == "Dense" else UNKNOWN
        if activation == "sigmoid" and family == "categorical" and isinstance(units, int) and units > 1:
            yield finding(SYMBOL, layer, f"{layer.describe()} ends in sigmoid over {units} units, but the loss at line "
                          f"{event.node.lineno} is categorical cross-entropy, which expects a softmax distribution: "
                          "use softmax, or binary cross-entropy for multi-label targets")
        elif activation == "softmax" and family == "binary" and not (isinstance(units, int) and units == 1):
            yield finding(SYMBOL, layer, f"{layer.describe()} ends in softmax, but the loss at line {event.node.lineno} is "
                          "binary cross-entropy, which treats every unit as an independent probability: use "
                          "categorical cross-entropy with softmax, or sigmoid with binary cross-entropy")


RULE = Rule("E7306", SYMBOL, "%s", "Output activation that does not fit the loss", check)
