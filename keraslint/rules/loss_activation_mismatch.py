"""# keras-loss-activation-mismatch (E7306)

## What it does
Checks the output activation of every model output against its loss (one loss, or a
list or dict of losses for a model with several outputs), over every built-in
activation and every built-in cross-entropy, hinge and probabilistic loss:

- softmax over a single unit, in any form (`Dense(1, activation="softmax")`, or
  `Dense(1)` followed by `Activation("softmax")`, `Softmax()` or
  `keras.activations.softmax`), whatever the loss;
- a single output unit with categorical or sparse categorical cross-entropy;
- categorical, sparse categorical cross-entropy or `KLDivergence` on an output that is
  not a probability distribution (sigmoid, tanh, relu, softplus, exponential ...);
- binary cross-entropy on an output that is not in [0, 1] (tanh, relu ...) or on softmax
  over more than two units (over two units, `(p, 1 - p)` against one-hot labels, binary
  cross-entropy equals the categorical one, so that pair is left alone);
- hinge and squared hinge on an output that cannot be negative (sigmoid, softmax, relu
  ...), categorical hinge on an output bounded to [0, 1];
- `Poisson` on an output that can be negative (linear, tanh ...);
- a cross-entropy with `from_logits=True` on bounded scores (tanh, hard sigmoid), and
  binary cross-entropy with `from_logits=True` on non-negative scores (relu ...).

A model compiled but, in that scope, trained only inside another compiled model (a
GAN's generator) or only used for predictions never uses its own loss and is left alone. Softmax or sigmoid with `from_logits=True`,
and a linear output with a loss that expects probabilities, have rules of their own (`keras-softmax-with-from-logits`,
`keras-probabilities-loss-on-logits`).

Off by default: on public application code (see BENCHMARKS.md, "lint:precision") each of
its 9 findings was right about the code, and 8 were mistakes worth fixing; the ninth was a
notebook that tries a ReLU output on purpose to show that it fails. 8 of 9 is below the
95% a default rule must reach, and 9 findings are too few to show more. Enable it with
`--enable=keras-loss-activation-mismatch`: where it fires, the output and the loss do not
fit.

## Why is this bad?
- Softmax normalizes over the units of the layer. Over a single unit it always outputs
  exactly 1.0, whatever the input: the gradient is zero and the model never learns
  anything (accuracy stays at the share of the positive class). Categorical
  cross-entropy over one unit likewise normalizes it to 1.0: the loss is always 0.
- Categorical cross-entropy and KL divergence expect one distribution over mutually
  exclusive classes. Independent sigmoids do not sum to 1, and negative or unbounded
  outputs are not probabilities at all: the loss renormalizes and clips them, so the
  model is trained on something other than what it predicts.
- Binary cross-entropy scores every unit as an independent probability in [0, 1].
  Softmax forces the units to compete (they sum to 1), so a multi-label target with two
  positive labels can never be predicted; outputs outside [0, 1] are clipped, and the
  clipped values carry no gradient.
- Hinge losses map 0/1 labels to -1/+1 and want the score's sign to match: an output
  that is never negative always loses on the -1 class. Categorical hinge wants the true
  class to score 1 more than any other, which outputs in [0, 1] can never do.
- The Poisson loss takes the log of the output as a rate: a negative output gives `nan`.
- With `from_logits=True` the loss applies softmax or sigmoid itself: scores bounded to
  [-1, 1] cap the confidence the model can express, and non-negative scores never give
  a sigmoid below 0.5.

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

Use softmax with categorical cross-entropy for one label per sample, sigmoid with
binary cross-entropy for binary or multi-label targets, a linear or tanh output with
hinge losses, and an exponential or softplus output with the Poisson loss.

## Options
None.

## References
- [Keras probabilistic losses](https://keras.io/api/losses/probabilistic_losses/)
- [Keras hinge losses](https://keras.io/api/losses/hinge_losses/)
- [Keras activations (`softmax`, `sigmoid`)](https://keras.io/api/layers/activations/)
- Goodfellow, Bengio and Courville, [Deep Learning](https://www.deeplearningbook.org/contents/mlp.html) (2016), section 6.2.2: output units and their losses
"""

from keraslint.keras_facts import loss_output_mismatch
from keraslint.rules.base import Rule, compiled_outputs, finding, output_units, units_source

SYMBOL = "keras-loss-activation-mismatch"


def check(graph, config):
    for apply in graph.applies:
        if apply.layer.activation != "softmax" or apply.layer.get("axis", -1) != -1:
            continue
        layer = apply.layer
        if apply.kind == "Dense":
            if layer.get("units") == 1:
                yield finding(SYMBOL, layer, f"{layer.describe()} has one unit and softmax: it always outputs 1.0 "
                              "and learns nothing; use activation='sigmoid' for a binary output")
        elif len(apply.inputs) == 1 and output_units(apply.inputs[0][0]) == 1:
            source = units_source(apply.inputs[0][0]).layer
            yield finding(SYMBOL, layer, f"{layer.describe()} applies softmax to the single unit of {source.describe()}: "
                          "it always outputs 1.0 and learns nothing; use a sigmoid for a binary output")
    for event, loss, activation, source in compiled_outputs(graph):
        if _vestigial(graph, event.model):
            continue
        layer, units = source.layer, output_units(source)
        if units == 1 and activation == "softmax":
            continue  # the single-unit softmax above
        if units == 1 and loss.family in ("categorical", "sparse_categorical"):
            yield finding(SYMBOL, layer, f"{layer.describe()} has a single output unit, but the {loss.name} loss at line "
                          f"{event.node.lineno} normalizes over the units: one unit is always 1.0 and the loss always 0; "
                          "use binary cross-entropy with a sigmoid for a binary label, or one unit per class")
            continue
        if loss.from_logits not in (True, False) or not isinstance(activation, str):
            continue
        if units == 2 and activation == "softmax" and loss.family == "binary":
            continue  # over two units (p, 1 - p), binary cross-entropy equals the categorical one
        mismatch = loss_output_mismatch(loss.family, loss.from_logits, activation)
        if mismatch is not None:
            what, instead = mismatch
            yield finding(SYMBOL, layer, f"{layer.describe()} ends in {activation}, which does not fit the {loss.name} "
                          f"loss at line {event.node.lineno}: it {what}; use {instead}")


def _vestigial(graph, model) -> bool:
    """A model compiled but never trained on its own loss in this scope: trained only as
    part of another compiled model (a GAN's generator), or only used for predictions."""
    if any(e.kind == "train" and e.model is model for e in graph.events):
        return False
    return any(
        (e.kind == "infer" and e.model is model)
        or (e.kind == "compile" and e.model is not model and e.model is not None and e.model.contains_model(model))
        for e in graph.events
    )


RULE = Rule("E7306", SYMBOL, "%s", "Output activation that does not fit the loss", check, default_enabled=False)
