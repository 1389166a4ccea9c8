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
}


def loss_family(name: str) -> str:
    """"categorical", "sparse_categorical", "binary" or "other" for a loss function or class name."""
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
