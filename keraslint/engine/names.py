"""Name resolution: from a module's import statements to canonical Keras names.

Every spelling of a Keras symbol (``keras.layers.Conv2D``, ``tf.keras.layers.Convolution2D``,
``from tensorflow.keras.layers import *`` then ``Conv2D``, ``tf_keras.layers.Conv2D`` ...)
resolves to one canonical name such as ``layers.Conv2D``. Resolution reads the import
statements only: astroid cannot infer TensorFlow's lazily loaded ``tf.keras`` and its
first inference into the keras package costs seconds.
"""

from __future__ import annotations

from astroid import nodes

from keraslint.keras_facts import ACTIVATION_LAYERS, CONV_LAYERS, DROPOUT_LAYERS, POOLING_LAYERS, SHAPE_LAYERS

# Alias -> canonical class name, for the layer classes whose spelling varies.
LAYER_ALIASES = {
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "Convolution1DTranspose": "Conv1DTranspose",
    "Convolution2DTranspose": "Conv2DTranspose",
    "Convolution3DTranspose": "Conv3DTranspose",
    "Deconvolution2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose",
    "Deconv2D": "Conv2DTranspose",
    "Deconv3D": "Conv3DTranspose",
    "SeparableConvolution1D": "SeparableConv1D",
    "SeparableConvolution2D": "SeparableConv2D",
    "AtrousConvolution2D": "Conv2D",
    "MaxPool1D": "MaxPooling1D",
    "MaxPool2D": "MaxPooling2D",
    "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D",
    "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalMaxPool3D": "GlobalMaxPooling3D",
    "SyncBatchNormalization": "BatchNormalization",
    "BatchNorm": "BatchNormalization",
}

# Every canonical layer class the graph knows by name; others still resolve (as layers)
# but carry no knowledge a rule could use.
KNOWN_LAYERS = (
    CONV_LAYERS
    | POOLING_LAYERS
    | SHAPE_LAYERS
    | DROPOUT_LAYERS
    | ACTIVATION_LAYERS
    | {
        "Dense",
        "BatchNormalization",
        "LayerNormalization",
        "GroupNormalization",
        "Normalization",
        "Rescaling",
        "InputLayer",
        "Input",
        "Embedding",
        "Concatenate",
        "Add",
        "Multiply",
        "Lambda",
        "GaussianNoise",
        "LSTM",
        "GRU",
        "SimpleRNN",
        "Bidirectional",
        "TimeDistributed",
    }
)
STAR_IMPORTABLE = KNOWN_LAYERS | set(LAYER_ALIASES)

# Module prefixes under which the Keras API lives, longest first.
_KERAS_PACKAGES = (
    "tensorflow.compat.v1.keras",
    "tensorflow.compat.v2.keras",
    "tensorflow.python.keras",
    "tensorflow.keras",
    "keras._tf_keras.keras",
    "keras.api._v2.keras",
    "keras.src",
    "keras.api",
    "tf_keras",
    "keras",
)
KERAS_HUB_PACKAGES = ("keras_hub", "keras_nlp", "keras_cv")


def canonical(dotted: str) -> str | None:
    """The canonical Keras name of a fully qualified dotted name, or None if it is not Keras.

    >>> canonical("tensorflow.keras.layers.convolutional.Convolution2D")
    'layers.Conv2D'
    """
    if dotted in ("functools.partial", "partial"):
        return "partial"
    if dotted.startswith("tensorflow.nn.") or dotted.startswith("tensorflow.math."):
        return "nn." + dotted.rsplit(".", 1)[1]
    for hub in KERAS_HUB_PACKAGES:
        if dotted.startswith(hub + ".models.") or dotted.startswith(hub + ".src.models."):
            return "hub.models." + dotted.rsplit(".", 1)[1]
    for package in _KERAS_PACKAGES:
        if dotted == package:
            return "keras"
        if dotted.startswith(package + "."):
            return _canonical_in_keras(dotted[len(package) + 1 :])
    return None


def _canonical_in_keras(rest: str) -> str:
    parts = rest.split(".")
    head, last = parts[0], parts[-1]
    if head == "layers" and len(parts) > 1:
        name = LAYER_ALIASES.get(last, last)
        return "Input" if name == "Input" else f"layers.{name}"
    if rest in ("Sequential", "models.Sequential"):
        return "Sequential"
    if rest in ("Model", "models.Model", "engine.training.Model", "engine.functional.Functional"):
        return "Model"
    if rest in ("Input", "engine.input_layer.Input"):
        return "Input"
    if head == "applications" and len(parts) > 1:
        return f"applications.{last}"
    if head in ("losses", "activations", "ops", "optimizers") and len(parts) > 1:
        return f"{head}.{last}"
    if head == "backend" and len(parts) > 1:
        return f"backend.{last}"
    return rest


class ImportTable:
    """Local names bound by a module's imports, mapped to fully qualified names.

    Imports anywhere in the module count (notebooks and scripts import inside
    functions); a later import of the same local name wins, as at run time.
    """

    def __init__(self, module: nodes.Module):
        self.aliases: dict[str, str] = {}
        self.star_modules: list[str] = []
        for node in module.nodes_of_class((nodes.Import, nodes.ImportFrom)):
            if isinstance(node, nodes.Import):
                for name, asname in node.names:
                    # `import keras.layers` binds `keras`; `import keras.layers as kl` binds kl.
                    if asname:
                        self.aliases[asname] = name
                    else:
                        top = name.split(".")[0]
                        self.aliases[top] = top
            elif node.modname and not node.level:
                for name, asname in node.names:
                    if name == "*":
                        self.star_modules.append(node.modname)
                    else:
                        self.aliases[asname or name] = f"{node.modname}.{name}"

    def qualified(self, name: str) -> str | None:
        """Fully qualified name of a bare local name, or None if no import binds it."""
        if name in self.aliases:
            return self.aliases[name]
        for module in self.star_modules:
            resolved = canonical(module)
            if resolved == "layers" or (resolved or "").startswith("layers"):
                if name in STAR_IMPORTABLE:
                    return f"{module}.{name}"
            elif resolved in ("models", "keras") and name in ("Sequential", "Model", "Input"):
                return f"{module}.{name}"
        return None


def attribute_chain(node: nodes.NodeNG) -> list[str] | None:
    """``tf.keras.layers.Dense`` -> ["tf", "keras", "layers", "Dense"]; None for other shapes."""
    parts = []
    while isinstance(node, nodes.Attribute):
        parts.append(node.attrname)
        node = node.expr
    if not isinstance(node, nodes.Name):
        return None
    parts.append(node.name)
    return parts[::-1]
