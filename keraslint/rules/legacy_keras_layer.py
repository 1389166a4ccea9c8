"""# keras-legacy-keras-layer (E7315)

## What it does
Checks for Keras 2 objects added to a Keras 3 model:

- a layer or model built with `tf_keras` (the Keras 2 package) inside a model built
  with `keras` or `tf.keras`;
- a `tensorflow_hub.KerasLayer` (a `tf_keras` layer in current `tensorflow_hub`) inside
  a model built with `keras`, in a module that uses Keras 3 (`keras.ops`,
  `keras.config`, `keras.random`, `keras_hub`).

A `tensorflow_hub.KerasLayer` in a `tf.keras` model is left alone: with TensorFlow 2.15
or older that is the documented way to use it.

## Why is this bad?
`keras` 3 and `tf_keras` are separate packages with separate `Layer` classes. A Keras 3
model accepts only instances of Keras 3's `keras.Layer`, so building the model stops
with `ValueError: Only instances of keras.Layer can be added to a Sequential model`
(or a functional model refuses the Keras 2 tensor). `tensorflow_hub.KerasLayer` is a
Keras 2 layer: since TensorFlow 2.16 made `tf.keras` Keras 3, every TF-Hub tutorial that
mixes it into a `keras` model fails this way.

## Example
```python
import keras
import tensorflow_hub as hub

encoder = hub.KerasLayer("https://tfhub.dev/google/nnlm-en-dim50/2")  # [keras-legacy-keras-layer]
model = keras.Sequential([encoder, keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
keras.config.set_dtype_policy("float32")
```

## Use instead
```python
import keras

# The TF-Hub model downloaded and loaded as a Keras 3 layer (or a keras_hub preset).
encoder = keras.layers.TFSMLayer("nnlm-en-dim50", call_endpoint="serving_default")
model = keras.Sequential([encoder, keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
keras.config.set_dtype_policy("float32")
```

Or keep the Keras 2 layer and build the whole model with Keras 2: `pip install tf_keras`,
`import tf_keras as keras` (or set `TF_USE_LEGACY_KERAS=1` before importing
TensorFlow). 

## Options
None.

## References
- [Keras 3 migration guide](https://keras.io/guides/migrating_to_keras_3/): "Using `tf_keras` ... TF-Hub layers"
- [TensorFlow 2.16 release notes](https://github.com/tensorflow/tensorflow/releases/tag/v2.16.1): `tf.keras` is Keras 3, `tf_keras` keeps Keras 2
- [`keras.layers.TFSMLayer`](https://keras.io/api/layers/backend_specific_layers/tfsm_layer/)
"""

from astroid import nodes

from keraslint.engine import names
from keraslint.rules.base import Finding, Rule

SYMBOL = "keras-legacy-keras-layer"
KERAS3_PACKAGES = frozenset({"keras", "tensorflow"})
# Names only Keras 3 has: a module using them runs Keras 3.
KERAS3_ONLY = ("keras.ops", "keras.config", "keras.random", "keras_hub")


def check(graph, config):
    for model in graph.models:
        if model.package not in KERAS3_PACKAGES:
            continue
        for apply in sorted(model.applies, key=lambda a: a.layer.node.lineno):
            layer = apply.layer
            package = layer.model.package if layer.model is not None else layer.package
            if package == "tf_keras":
                yield Finding(SYMBOL, layer.node, (f"{layer.kind} built with tf_keras (Keras 2)", _where(model)))
            elif package == "tensorflow_hub" and model.package == "keras" and _uses_keras3(graph.scope.root()):
                yield Finding(SYMBOL, layer.node, ("hub.KerasLayer, a tf_keras (Keras 2) layer,", _where(model)))


def _where(model) -> str:
    return f"the Keras 3 model `{model.name}` (line {model.node.lineno})"


def _uses_keras3(module: nodes.Module) -> bool:
    imports = names.ImportTable(module)
    for node in module.nodes_of_class((nodes.Attribute, nodes.Import, nodes.ImportFrom)):
        if isinstance(node, nodes.Attribute):
            chain = names.attribute_chain(node)
            dotted = ".".join([imports.qualified(chain[0]) or chain[0], *chain[1:]]) if chain else ""
            found = [dotted]
        elif isinstance(node, nodes.Import):
            found = [name for name, _ in node.names]
        else:
            found = [f"{node.modname}.{name}" for name, _ in node.names]
        if any(d == p or d.startswith(p + ".") for d in found for p in KERAS3_ONLY):
            return True
    return False


RULE = Rule(
    "E7315",
    SYMBOL,
    "%s is added to %s: Keras 3 accepts only keras.Layer instances ('Only instances of keras.Layer can be "
    "added'); use the Keras 3 equivalent (keras_hub, keras.layers.TFSMLayer for a SavedModel), or build the "
    "whole model with tf_keras",
    "A Keras 2 (tf_keras, TF-Hub) layer or model inside a Keras 3 model",
    check,
)
