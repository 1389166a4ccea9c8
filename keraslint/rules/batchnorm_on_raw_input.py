"""# keras-batchnorm-on-raw-input (W7310)

## What it does
Checks for a `BatchNormalization` applied directly to the model's input.
"""

from keraslint.rules.base import Rule, finding, when

SYMBOL = "keras-batchnorm-on-raw-input"


def check(analysis, options):
    for graph in analysis.graphs:
        for bn in graph.applies_of({"BatchNormalization"}):
            inputs = [(p, c) for p, c in bn.inputs if p.kind == "Input"]
            if inputs and len(inputs) == len(bn.inputs):
                yield finding(SYMBOL, bn.layer, bn.layer.describe(), when(bn.condition))


RULE = Rule(
    "W7310",
    SYMBOL,
    "%s normalizes the raw model input%s with moving statistics learnt during training: normalize the data "
    "once with a Normalization layer adapted to it (or Rescaling), which has no train/inference gap",
    "BatchNormalization as the first layer on raw input",
    check,
)
