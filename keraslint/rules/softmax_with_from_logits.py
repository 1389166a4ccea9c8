"""# keras-softmax-with-from-logits (E7304)

## What it does
Checks for a model whose output activation is softmax or sigmoid, compiled with a
loss that sets `from_logits=True`.
"""

from keraslint.rules.base import Rule, compiled_outputs, finding

SYMBOL = "keras-softmax-with-from-logits"


def check(analysis, options):
    for event, activation, layer in compiled_outputs(analysis):
        if activation in ("softmax", "sigmoid") and event.loss.from_logits is True:
            yield finding(SYMBOL, layer, layer.describe(), activation, event.node.lineno, activation)


RULE = Rule(
    "E7304",
    SYMBOL,
    "%s outputs %s probabilities, but the loss compiled at line %s sets from_logits=True and applies %s again: "
    "drop the output activation or use from_logits=False",
    "Probabilities fed to a loss that expects logits",
    check,
)
