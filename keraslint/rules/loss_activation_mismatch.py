"""# keras-loss-activation-mismatch (E7306)

## What it does
Checks for output activations that do not fit the loss:

- `Dense(1, activation="softmax")`, whatever the loss;
- sigmoid over several units with categorical cross-entropy;
- softmax over several units with binary cross-entropy.

## Why is this bad?
- Softmax normalizes over the units of the layer. Over a single unit it always outputs
  exactly 1.0, whatever the input: the gradient is zero and the model never learns
  anything (accuracy stays at the share of the positive class).
- Categorical cross-entropy expects one distribution over mutually exclusive classes.
  Independent sigmoids do not sum to 1; the loss renormalizes them, so the model is
  trained on something other than what it predicts.
- Binary cross-entropy scores every unit as an independent yes/no. Softmax forces the
  units to compete (they sum to 1), so a multi-label target with two positive labels can
  never be predicted, and for single-label targets the loss and `accuracy` metric are
  the per-unit binary ones, not the class-level ones you expect.

## Example
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="softmax"),  # [keras-loss-activation-mismatch]
])
model.compile(optimizer="adam", loss="binary_crossentropy")
```

## Use instead
```python
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(20,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
```

Use softmax with categorical cross-entropy for one label per sample, and sigmoid with
binary cross-entropy for binary or multi-label targets.

## Options
None.

## References
- [Keras probabilistic losses](https://keras.io/api/losses/probabilistic_losses/)
- [Keras activations (`softmax`, `sigmoid`)](https://keras.io/api/layers/activations/)
- Goodfellow, Bengio and Courville, [Deep Learning](https://www.deeplearningbook.org/contents/mlp.html) (2016), section 6.2.2: output units and their losses
"""

from keraslint.engine.graph import UNKNOWN
from keraslint.rules.base import Rule, compiled_outputs, finding

SYMBOL = "keras-loss-activation-mismatch"


def check(graph, config):
    for apply in graph.applies_of({"Dense"}):
        if apply.layer.get("units") == 1 and apply.layer.activation == "softmax":
            yield finding(SYMBOL, apply.layer, f"{apply.layer.describe()} has one unit and softmax: it always outputs 1.0 "
                          "and learns nothing; use activation='sigmoid' for a binary output")
    for event, activation, layer in compiled_outputs(graph):
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
