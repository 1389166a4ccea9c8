"""Facts about Keras layers and losses, kept in one place and free of any keras import.

The static rules, ``keraslint explain`` and the runtime callbacks all ask the same
questions (where are the channels, which layers keep a per-channel shift, which family
a loss belongs to); each answer lives here once, keyed by canonical class names.
"""

from __future__ import annotations


def channel_axis(rank: int, data_format: str | None = "channels_last") -> int:
    """The non-negative channel axis of a tensor of ``rank`` (batch axis included).

    Rank-2 tensors (batch, features) keep their features last whatever the data format.
    """
    return 1 if data_format == "channels_first" and rank > 2 else rank - 1


# Layer families, by canonical class name.
CONV_LAYERS = frozenset(
    f"{prefix}{n}D{suffix}"
    for n in (1, 2, 3)
    for prefix, suffix in (("Conv", ""), ("Conv", "Transpose"), ("SeparableConv", ""), ("DepthwiseConv", ""))
) - {"SeparableConv3D", "DepthwiseConv3D"}
POOLING_LAYERS = frozenset(
    f"{kind}Pooling{n}D" for kind in ("Max", "Average", "GlobalMax", "GlobalAverage") for n in (1, 2, 3)
)
SHAPE_LAYERS = frozenset(
    {f"{kind}{n}D" for kind in ("Cropping", "UpSampling", "ZeroPadding") for n in (1, 2, 3)}
    | {"Flatten", "Reshape", "Permute", "RepeatVector"}
)
DROPOUT_LAYERS = frozenset(
    {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout", "GaussianDropout"}
)
ACTIVATION_LAYERS = frozenset({"Activation", "ReLU", "Softmax", "LeakyReLU", "PReLU", "ELU"})

# Layers whose output has the shape of their input, value for value at the same place.
KEEPS_SHAPE = DROPOUT_LAYERS | ACTIVATION_LAYERS | {
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "GaussianNoise"
}  # fmt: skip
# Layers whose output has the channels of their input, unchanged in number and order
# (the positions may be resampled, padded or cropped; the rank stays).
KEEPS_CHANNELS = KEEPS_SHAPE | {
    k for k in POOLING_LAYERS | SHAPE_LAYERS if k.startswith(("Max", "Average", "ZeroPadding", "Cropping", "UpSampling"))
}
# Layers that only pick, average, pad or rearrange the values they get: no weights and no
# nonlinearity, so what is true of the values' scale before them stays true after.
MOVES_VALUES_ONLY = POOLING_LAYERS | SHAPE_LAYERS
# Layers that keep identical units identical: each output unit is the same function of
# its own input unit (Dropout is not among them: its mask differs per unit).
KEEPS_UNITS_ALIKE = ACTIVATION_LAYERS | POOLING_LAYERS | {"BatchNormalization", "Flatten"}

# Layers f with f(x + b) == f(x) + b for a per-channel constant b: a bias before them is
# still a per-channel constant after them, so a BatchNormalization there subtracts it.
# Pooling takes a max or a mean, cropping drops positions, upsampling repeats or
# interpolates with weights summing to one. Padding is not among them: it adds zeros.
COMMUTES_WITH_CHANNEL_SHIFT = frozenset(
    f"{kind}{n}D"
    for kind in (
        "MaxPooling",
        "AveragePooling",
        "GlobalMaxPooling",
        "GlobalAveragePooling",
        "Cropping",
        "UpSampling",
    )
    for n in (1, 2, 3)
)

# Layers whose output has the width (channel count) of their input; the rank may change.
KEEPS_WIDTH = KEEPS_SHAPE | COMMUTES_WITH_CHANNEL_SHIFT

# Loss names (function names, and class names lower-cased) -> the family of labels and
# outputs they expect.
LOSS_FAMILIES = {
    "categorical_crossentropy": "categorical",
    "categoricalcrossentropy": "categorical",
    "categorical_focal_crossentropy": "categorical",
    "categoricalfocalcrossentropy": "categorical",
    "sparse_categorical_crossentropy": "sparse_categorical",
    "sparsecategoricalcrossentropy": "sparse_categorical",
    "binary_crossentropy": "binary",
    "binarycrossentropy": "binary",
    "binary_focal_crossentropy": "binary",
    "binaryfocalcrossentropy": "binary",
    "bce": "binary",
    "hinge": "hinge",
    "squared_hinge": "hinge",
    "squaredhinge": "hinge",
    "categorical_hinge": "categorical_hinge",
    "categoricalhinge": "categorical_hinge",
    "kl_divergence": "kl_divergence",
    "kld": "kl_divergence",
    "kullback_leibler_divergence": "kl_divergence",
    "kldivergence": "kl_divergence",
    "poisson": "poisson",
}


def loss_family(name: str) -> str:
    """The family of a loss function or class name (LOSS_FAMILIES' values), or "other"."""
    return LOSS_FAMILIES.get(name.lower(), "other")


# Library models: which families normalize with BatchNormalization. keras.applications:
# all but VGG and ConvNeXt (LayerNormalization). keras-hub / keras-cv: the convolutional
# vision families below; transformers (text, ViT, DINOv2, SAM, ...) and VGG hold none.
APPLICATIONS_WITHOUT_BATCHNORM = ("VGG16", "VGG19", "ConvNeXt")
HUB_FAMILIES_WITH_BATCHNORM = (
    "BASNet", "CSP", "DFine", "DeepLabV3", "DenseNet", "EfficientNet", "HGNetV2",
    "MobileNet", "ResNet", "RetinaNet", "SegFormer", "Xception", "YOLOV8",
)  # fmt: skip
# keras-hub classes that are models; the rest (tokenizers, preprocessors, image and audio
# converters, layers) are not.
HUB_MODEL_SUFFIXES = (
    "Backbone", "Classifier", "CausalLM", "MaskedLM", "Seq2SeqLM", "Segmenter", "Detector",
    "TextToImage", "ImageToImage", "Inpaint", "Embedder", "AudioToText", "DepthEstimator",
)  # fmt: skip


def application_has_batchnorm(name: str) -> bool:
    """Whether the keras.applications model class ``name`` holds BatchNormalization."""
    return not name.startswith(APPLICATIONS_WITHOUT_BATCHNORM)


HUB_GENERIC_CLASSES = frozenset(
    {"Backbone", "ImageClassifier", "ImageSegmenter", "ObjectDetector", "TextClassifier", "CausalLM", "MaskedLM",
     "Seq2SeqLM", "TextToImage", "ImageToImage", "Inpaint", "DepthEstimator", "AudioToText", "TextEmbedder"}
)  # fmt: skip


def hub_model_has_batchnorm(name: str, preset: object) -> bool:
    """Whether the keras-hub model class ``name`` loaded from ``preset`` is known to hold
    BatchNormalization: by the class's family, or for a generic class (``Backbone``,
    ``ImageClassifier``) by the preset's name."""
    if name in HUB_GENERIC_CLASSES:
        families = tuple(f.lower() for f in HUB_FAMILIES_WITH_BATCHNORM)
        return isinstance(preset, str) and preset.replace("_", "").lower().startswith(families)
    return name.startswith(HUB_FAMILIES_WITH_BATCHNORM)


# What each loss family needs from the model's output, and which built-in output
# activations cannot give it. Cross-entropies with from_logits=False (and KL divergence)
# read the output as probabilities (clipped to [epsilon, 1 - epsilon]); hinge turns 0/1
# labels into -1/+1 and needs scores of both signs; categorical hinge needs the true
# class's score a margin of 1 above the others; Poisson takes the log of a rate. The
# single-unit cases, softmax or sigmoid with from_logits=True, and a linear output with
# from_logits=False have messages or rules of their own (keras-softmax-with-from-logits,
# keras-probabilities-loss-on-logits) and are not repeated here.
_CAN_BE_NEGATIVE = frozenset({"linear", "elu", "selu", "gelu", "silu", "leaky_relu", "mish", "tanh", "log_softmax"})
_NON_NEGATIVE_UNBOUNDED = frozenset({"relu", "relu6", "softplus", "exponential"})
_BOUNDED_01 = frozenset({"sigmoid", "hard_sigmoid", "softmax"})

_NOT_A_DISTRIBUTION = (
    "does not output a probability distribution (units in [0, 1] that sum to 1), which the loss expects",
    "activation='softmax'",
)
_SIGMOIDS_FOR_CATEGORICAL = (
    "gives independent probabilities that do not sum to 1, but the loss expects one distribution over the classes",
    "softmax, or binary cross-entropy for multi-label targets",
)
_SOFTMAX_FOR_BINARY = (
    "makes its units compete (they sum to 1), but binary cross-entropy treats every unit as an independent "
    "probability",
    "categorical cross-entropy with softmax, or sigmoid with binary cross-entropy",
)
_NOT_PROBABILITIES = ("does not output probabilities in [0, 1], which the loss expects", "activation='sigmoid'")
_NO_NEGATIVE_SCORE = (
    "cannot output a negative score, but hinge loss maps 0/1 labels to -1/+1 and needs one for the -1 class "
    "(the loss never reaches 0)",
    "a linear output or activation='tanh'",
)
_NO_MARGIN = (
    "outputs scores in [0, 1], so the true class can never score the margin of 1 above the others that "
    "categorical hinge asks for",
    "a linear output",
)
_NEGATIVE_RATE = (
    "can output negative values, but the Poisson loss takes the log of the output as a rate (nan)",
    "activation='exponential' or 'softplus'",
)
_BOUNDED_LOGITS = (
    "outputs bounded scores, but the loss reads them as logits (from_logits=True): the predicted probabilities "
    "can never get near 0 or 1",
    "a linear output",
)
_NON_NEGATIVE_LOGITS = (
    "outputs non-negative scores, but the loss reads them as logits (from_logits=True): their sigmoid is never "
    "below 0.5, so the negative class is never predicted",
    "a linear output",
)

# (loss family, from_logits) -> {output activation: (what is wrong, what to use)}
LOSS_OUTPUT_MISMATCH: dict[tuple[str, bool], dict[str, tuple[str, str]]] = {
    **{
        (family, False): {
            **{a: _NOT_A_DISTRIBUTION for a in (_CAN_BE_NEGATIVE - {"linear"}) | _NON_NEGATIVE_UNBOUNDED},
            "sigmoid": _SIGMOIDS_FOR_CATEGORICAL,
            "hard_sigmoid": _SIGMOIDS_FOR_CATEGORICAL,
        }
        for family in ("categorical", "sparse_categorical")
    },
    ("kl_divergence", False): {
        **{a: _NOT_A_DISTRIBUTION for a in _CAN_BE_NEGATIVE | _NON_NEGATIVE_UNBOUNDED},
        "sigmoid": _SIGMOIDS_FOR_CATEGORICAL,
        "hard_sigmoid": _SIGMOIDS_FOR_CATEGORICAL,
    },
    ("binary", False): {
        **{a: _NOT_PROBABILITIES for a in (_CAN_BE_NEGATIVE - {"linear"}) | _NON_NEGATIVE_UNBOUNDED},
        "softmax": _SOFTMAX_FOR_BINARY,
    },
    ("hinge", False): {a: _NO_NEGATIVE_SCORE for a in _NON_NEGATIVE_UNBOUNDED | _BOUNDED_01},
    ("categorical_hinge", False): {a: _NO_MARGIN for a in _BOUNDED_01},
    ("poisson", False): {a: _NEGATIVE_RATE for a in _CAN_BE_NEGATIVE},
    **{
        (family, True): {"tanh": _BOUNDED_LOGITS, "hard_sigmoid": _BOUNDED_LOGITS}
        for family in ("categorical", "sparse_categorical")
    },
    ("binary", True): {
        "tanh": _BOUNDED_LOGITS,
        "hard_sigmoid": _BOUNDED_LOGITS,
        **{a: _NON_NEGATIVE_LOGITS for a in _NON_NEGATIVE_UNBOUNDED},
    },
}


def loss_output_mismatch(family: str, from_logits: bool, activation: str) -> tuple[str, str] | None:
    """(what is wrong, what to use) when a built-in output ``activation`` cannot serve a
    loss of ``family``; None when it can, or when another message covers the pair."""
    return LOSS_OUTPUT_MISMATCH.get((family, from_logits), {}).get(activation)
