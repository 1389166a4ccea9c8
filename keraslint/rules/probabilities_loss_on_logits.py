"""# keras-probabilities-loss-on-logits (E7305)

## What it does
Checks for a model whose final layer is linear (no activation), compiled with a
cross-entropy loss given as a string, or as a loss object with `from_logits` left False.
"""

from keraslint.rules.base import Rule, compiled_outputs, finding

SYMBOL = "keras-probabilities-loss-on-logits"
ACTIVATION_FOR = {"categorical": "softmax", "sparse_categorical": "softmax", "binary": "sigmoid"}


def check(analysis, options):
    for event, activation, layer in compiled_outputs(analysis):
        loss = event.loss
        if activation == "linear" and loss.family in ACTIVATION_FOR and loss.from_logits is False:
            yield finding(
                SYMBOL, layer, layer.describe(), loss.family.replace("_", " "), event.node.lineno, ACTIVATION_FOR[loss.family]
            )


RULE = Rule(
    "E7305",
    SYMBOL,
    "%s has no activation, so the model outputs logits, but its %s cross-entropy loss at line %s expects "
    "probabilities: pass from_logits=True to the loss, or add activation='%s'",
    "Logits fed to a loss that expects probabilities",
    check,
)
